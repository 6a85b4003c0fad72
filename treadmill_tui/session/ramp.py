"""Rate limiter: move a commanded value toward a target in quantised steps, never too fast."""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.ftms import snap_raw

_EPS = 1e-9


_RESOLUTION = 1e-4  # values are km/h or %: four decimals is finer than any machine grid


def snap(value: float, lo: float, hi: float, step: float) -> float:
    """Clamp to [lo, hi] and snap to the grid lo + k*step, in the integer domain (the codec's
    own snapping, so the engine and the wire agree and nothing drifts)."""
    raw = snap_raw(
        value,
        _RESOLUTION,
        round(lo / _RESOLUTION),
        round(hi / _RESOLUTION),
        round(step / _RESOLUTION),
    )
    return round(raw * _RESOLUTION, 4)


@dataclass
class Ramp:
    """One step of ``step`` at most every ``step / rate`` seconds.

    Over any window of ``dt`` seconds the value therefore moves by at most
    ``rate * dt + step`` - the invariant the tests check. Increases use ``up_rate``;
    decreases ``down_rate`` (>= ``up_rate``: easing off may be quicker than building up).
    """

    step: float
    up_rate: float
    down_rate: float
    lo: float
    hi: float
    value: float | None = None
    last_change: float = float("-inf")

    def reset(self, value: float, now: float) -> None:
        self.value = snap(value, self.lo, self.hi, self.step)
        self.last_change = now

    def advance(self, now: float, desired: float) -> float | None:
        """Return the new commanded value if a step is due now, else None."""
        if self.value is None:
            return None
        goal = snap(desired, self.lo, self.hi, self.step)
        diff = goal - self.value
        if abs(diff) < self.step / 2:
            return None
        rate = self.up_rate if diff > 0 else self.down_rate
        if rate <= 0 or now - self.last_change < self.step / rate - _EPS:
            return None
        move = min(self.step, abs(diff))
        self.value = round(self.value + (move if diff > 0 else -move), 4)
        self.last_change = now
        return self.value
