"""Audible cues mixed into the metronome's output: chimes unlike the click, and spoken words.

A click is a 15 ms burst at 1320/1760 Hz; a chime is two or three soft sine notes an octave
lower, each with a smooth envelope, so the two never sound alike. :func:`cue_slot` places a cue
in the gap between two clicks (after one has died away, ending before the next), so cue and
beat never start together; a cue longer than the gap (spoken words) starts in a gap and the
clicks under it are ducked while it plays so the words stay clear. :class:`CueMixer` runs in
the audio callback after the click renderer and takes no locks: the owner appends, the audio
thread drains (docs/metronome.md).
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np
import numpy.typing as npt

from treadmill_tui.metronome.clicks import CLICK_S
from treadmill_tui.metronome.cue_kind import CueKind as CueKind
from treadmill_tui.metronome.tempo import TempoMap

Wave = npt.NDArray[np.float32]

NOTE_S = 0.09
NOTE_GAP_S = 0.02
CHIME_GAIN = 0.45
GUARD_S = 0.02  # silence kept either side of a click
DUCK = 0.25  # clicks under spoken words play at this gain
MAX_GAPS = 64  # gaps searched before a cue starts anyway


#: Notes (Hz) of each chime: rising for "more", falling for "less", three for "attention".
CHIME_NOTES: dict[CueKind, tuple[float, ...]] = {
    CueKind.CHECK: (659.3, 880.0, 659.3),
    CueKind.CHANGE: (523.3, 659.3),
    CueKind.STOP: (659.3, 523.3),
    CueKind.EXERCISE: (587.3, 587.3),
    CueKind.ANSWER: (523.3,),
}


def chime_wave(samplerate: int, kind: CueKind, gain: float = CHIME_GAIN) -> Wave:
    """A mono chime: soft sine notes with raised-cosine edges (no click at either end)."""
    notes = CHIME_NOTES[kind]
    n_note = max(2, round(NOTE_S * samplerate))
    n_gap = round(NOTE_GAP_S * samplerate)
    t = np.arange(n_note, dtype=np.float64) / samplerate
    envelope = np.sin(np.linspace(0.0, math.pi, n_note)) ** 2
    parts: list[npt.NDArray[np.float64]] = []
    for k, freq in enumerate(notes):
        if k:
            parts.append(np.zeros(n_gap))
        parts.append(np.sin(2 * math.pi * freq * t) * envelope * gain)
    return np.concatenate(parts).astype(np.float32)


def cue_slot(tempo: TempoMap, earliest_s: float, length_s: float) -> float:
    """The earliest start at or after ``earliest_s`` where a cue of ``length_s`` neither
    starts on a click nor runs into the next one; a cue longer than any gap starts just after
    a click has died away. Silent tempo: ``earliest_s`` itself."""
    lowest = tempo.first_beat
    n = tempo.first_beat_at_or_after(earliest_s)
    first_start: float | None = None
    for _ in range(MAX_GAPS):
        previous = tempo.time_of_beat(n - 1) if n - 1 >= lowest else -math.inf
        following = tempo.time_of_beat(n)
        start = max(earliest_s, previous + CLICK_S + GUARD_S)
        if not math.isfinite(following) or start + length_s <= following - GUARD_S:
            return start
        if first_start is None and start < following - GUARD_S:
            first_start = start
        n += 1
    return first_start if first_start is not None else earliest_s


class CueMixer:
    """Cues waiting to be heard, mixed into each output block by the audio thread."""

    def __init__(self) -> None:
        self._incoming: deque[tuple[int, Wave, bool]] = deque()
        self._active: list[tuple[int, Wave, bool]] = []

    def add(self, at_sample: int, wave: Wave, duck: bool = False) -> None:
        """Queue a mono ``wave`` to start at absolute sample ``at_sample`` (owner thread)."""
        self._incoming.append((at_sample, wave, duck))

    @property
    def busy(self) -> bool:
        return bool(self._incoming or self._active)

    def clear(self) -> None:
        self._incoming.clear()
        self._active = []

    def mix_into(self, out: npt.NDArray[np.float32], pos: int) -> None:
        """Add the cues sounding in ``out`` (frames, channels), which starts at sample ``pos``;
        ducked cues first lower what is already there (the clicks)."""
        while self._incoming:
            self._active.append(self._incoming.popleft())
        if not self._active:
            return
        end = pos + out.shape[0]
        spans = []
        for at, wave, duck in self._active:  # duck what is there (clicks) before adding cues
            lo, hi = max(at, pos), min(at + wave.shape[0], end)
            spans.append((lo, hi))
            if duck and hi > lo:
                out[lo - pos : hi - pos] *= DUCK
        still = []
        for (at, wave, duck), (lo, hi) in zip(self._active, spans, strict=True):
            if hi > lo:
                out[lo - pos : hi - pos] += wave[lo - at : hi - at, None]
            if at + wave.shape[0] > end:
                still.append((at, wave, duck))
        self._active = still
