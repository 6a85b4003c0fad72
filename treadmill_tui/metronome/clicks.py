"""Pre-rendered click waveforms, built once so the audio callback only copies samples.

A click is a ~15 ms decaying cosine burst (tau 3 ms) that peaks on its first sample, so its
onset is exactly measurable: 1760 Hz for an accent, a softer 1320 Hz for a normal beat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from treadmill_tui.metronome.pattern import BeatKind, Pattern

Wave = npt.NDArray[np.float32]

ACCENT_HZ = 1760.0
NORMAL_HZ = 1320.0
ACCENT_GAIN = 1.0
NORMAL_GAIN = 0.6
CLICK_S = 0.015
TAU_S = 0.003
FADE_S = 0.001


def click_wave(samplerate: int, freq_hz: float, gain: float) -> Wave:
    """A mono click, first sample = ``gain``, with a 1 ms fade so it ends at zero."""
    n = max(1, round(CLICK_S * samplerate))
    t = np.arange(n, dtype=np.float64) / samplerate
    wave = np.cos(2 * math.pi * freq_hz * t) * np.exp(-t / TAU_S) * gain
    fade = max(1, round(FADE_S * samplerate))
    wave[-fade:] *= 0.5 * (1 + np.cos(np.linspace(0, math.pi, fade)))
    return wave.astype(np.float32)


def template(samplerate: int, kind: BeatKind) -> Wave:
    """Unit-volume mono template of a kind, for onset refinement."""
    if kind is BeatKind.ACCENT:
        return click_wave(samplerate, ACCENT_HZ, ACCENT_GAIN)
    return click_wave(samplerate, NORMAL_HZ, NORMAL_GAIN)


@dataclass(frozen=True, slots=True)
class ClickBank:
    """One (frames, channels) waveform per position in the pattern period (None = silent)."""

    pattern: Pattern
    volume: float
    samplerate: int
    channels: int
    by_index: tuple[Wave | None, ...]

    @classmethod
    def build(cls, pattern: Pattern, volume: float, samplerate: int, channels: int) -> ClickBank:
        if not 0.0 <= volume <= 1.0:
            raise ValueError(f"volume must be between 0 and 1, got {volume}")
        if channels < 1:
            raise ValueError("need at least one channel")
        mono = {kind: template(samplerate, kind) * volume for kind in BeatKind}
        waves: list[Wave | None] = []
        for i in range(pattern.period):
            kind = pattern.kind(i)
            if kind is BeatKind.SILENT:
                waves.append(None)
                continue
            base = mono[kind]
            if channels == 1:
                wave = base[:, None].copy()
            else:
                p = pattern.pan_of(i)
                gains = np.ones(channels, dtype=np.float32)
                gains[0] = min(1.0, 1.0 - p)
                gains[1] = min(1.0, 1.0 + p)
                wave = (base[:, None] * gains[None, :]).astype(np.float32)
            waves.append(wave)
        return cls(pattern, volume, samplerate, channels, tuple(waves))

    def for_beat(self, n: int) -> Wave | None:
        return self.by_index[n % len(self.by_index)]
