"""Time in step with the metronome, from a footpod's measured cadence.

Pure: fed the time, the metronome's target and the footpod's reading (each may be missing);
counts the seconds the walker's steps were within ``tolerance_spm`` of the beat while walking.
A gap (no reading, no beat, paused) simply does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_GAP_S = 2.0  # a longer gap between updates is not counted (the app was busy or asleep)


@dataclass
class InStep:
    tolerance_spm: float = 4.0
    seconds: float = 0.0
    measured_s: float = 0.0
    """Seconds with both a beat and a reading while walking (the share's denominator)."""
    _last: float | None = None

    def update(
        self, now: float, target_spm: float | None, measured_spm: float | None, walking: bool
    ) -> None:
        last, self._last = self._last, now
        if last is None or not walking or target_spm is None or measured_spm is None:
            return
        dt = now - last
        if not 0 < dt <= MAX_GAP_S:
            return
        self.measured_s += dt
        if abs(measured_spm - target_spm) <= self.tolerance_spm:
            self.seconds += dt

    @property
    def share(self) -> float | None:
        return self.seconds / self.measured_s if self.measured_s > 0 else None
