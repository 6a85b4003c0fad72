"""Sample-accurate click renderer, run inside the audio callback (or offline, identically).

It keeps an absolute sample counter and starts the click of beat *n* at sample
``round(time_of_beat(n) * fs)``. Nothing is accumulated, so nothing drifts, whatever the block
sizes. The tempo map and click bank are immutable and replaced by assigning a new one (atomic
under the GIL); the callback reads each reference once per block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from treadmill_tui.metronome.clicks import ClickBank, Wave
from treadmill_tui.metronome.pattern import BeatKind, Pattern
from treadmill_tui.metronome.tempo import TempoMap

Block = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Beat:
    """A beat placed by the renderer at absolute sample ``sample``."""

    n: int
    sample: int
    kind: BeatKind
    sounded: bool

    @property
    def accent(self) -> bool:
        return self.kind is BeatKind.ACCENT


class ClickRenderer:
    def __init__(
        self,
        tempo: TempoMap,
        *,
        samplerate: int = 48_000,
        channels: int = 1,
        pattern: Pattern | None = None,
        volume: float = 0.8,
    ) -> None:
        if samplerate <= 0:
            raise ValueError("sample rate must be positive")
        self.samplerate = samplerate
        self.channels = channels
        self.tempo = tempo
        self.bank = ClickBank.build(pattern or Pattern(), volume, samplerate, channels)
        self.muted = False
        self.pos = 0
        self.next_beat = tempo.first_beat
        self._active: list[tuple[int, Wave]] = []

    @property
    def time(self) -> float:
        """Seconds of audio written so far (the renderer's clock)."""
        return self.pos / self.samplerate

    def set_volume(self, volume: float) -> None:
        self.bank = ClickBank.build(self.bank.pattern, volume, self.samplerate, self.channels)

    def set_pattern(self, pattern: Pattern) -> None:
        self.bank = ClickBank.build(pattern, self.bank.volume, self.samplerate, self.channels)

    def _place(self, end: int, mix: bool) -> list[Beat]:
        tempo = self.tempo
        bank = self.bank
        muted = self.muted
        fs = self.samplerate
        placed: list[Beat] = []
        n = self.next_beat
        while True:
            t = tempo.time_of_beat(n)
            exact = t * fs
            if not exact < end:  # also stops at inf
                break
            at = round(exact)
            if at >= end:
                break
            kind = bank.pattern.kind(n)
            wave = None if muted else bank.for_beat(n)
            if wave is not None and mix:
                self._active.append((max(at, self.pos), wave))
            placed.append(Beat(n, at, kind, wave is not None))
            n += 1
        self.next_beat = n
        return placed

    def render_into(self, out: Block) -> list[Beat]:
        """Fill ``out`` (frames, channels) with the next block; return the beats it starts."""
        frames = out.shape[0]
        end = self.pos + frames
        out.fill(0.0)
        if self.muted:
            self._active.clear()
        placed = self._place(end, mix=True)
        pos = self.pos
        still: list[tuple[int, Wave]] = []
        for at, wave in self._active:  # clicks outlive short blocks
            lo = at if at > pos else pos
            hi = min(at + wave.shape[0], end)
            if hi > lo:
                out[lo - pos : hi - pos] += wave[lo - at : hi - at]
            if at + wave.shape[0] > end:
                still.append((at, wave))
        self._active = still
        self.pos = end
        return placed

    def advance(self, frames: int) -> list[Beat]:
        """Move on ``frames`` samples without producing audio (visual-only backends)."""
        end = self.pos + frames
        self._active.clear()
        placed = self._place(end, mix=False)
        self.pos = end
        return placed

    def seek(self, sample: int) -> None:
        """Jump the sample counter to ``sample``, e.g. when a new output device takes over and
        must play the same absolute beat grid; clicks in flight are dropped."""
        sample = max(0, sample)
        tempo = self.tempo
        fs = self.samplerate
        lowest = tempo.first_beat

        def before(n: int) -> bool:  # does beat n start before `sample`?
            exact = tempo.time_of_beat(n) * fs
            return exact < sample and round(exact) < sample

        n = max(lowest, tempo.first_beat_at_or_after(sample / fs))
        while before(n):
            n += 1
        while n > lowest and not before(n - 1):
            n -= 1
        self._active.clear()
        self.pos = sample
        self.next_beat = n

    def render(self, frames: int) -> Block:
        """Convenience for offline use: a fresh (frames, channels) block."""
        out = np.zeros((frames, self.channels), dtype=np.float32)
        self.render_into(out)
        return out
