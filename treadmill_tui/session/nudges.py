"""The walker's speed and incline nudges (arrow keys): how far each phase lets them go, and the
words for what a nudge did or why it was refused.

A nudge moves the walker's own offset on top of the plan by one machine step. Easing off is
always allowed (down to the limits). Going up is held to what suits the phase (docs/walk-screen.md):
- warm-up: no faster than the walk's own planned speed, and flat;
- main phase: up to +0.5 km/h over the plan, and incline only where the walk climbs anyway,
  never above its top planned incline + 0.5 %;
- cool-down: no increases at all.
Pure arithmetic on plain values; the engine applies the decision and reports the words.
"""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.numbers import plain

MAIN_SPEED_UP_KMH = 0.5
MAIN_INCLINE_UP_PCT = 0.5
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class NudgeRoom:
    """How high speed and incline may go by nudging, now."""

    speed_max_kmh: float
    incline_max_pct: float
    speed_why: str  # said when a speed nudge up is refused
    incline_why: str


@dataclass(frozen=True, slots=True)
class NudgeResult:
    applied: bool
    offset: float  # the new offset (unchanged when refused)
    text: str  # "Speed +0.1 → 2.6 km/h" (or "+0.06 → 1.6 mph") or the refusal


def _n(value: float) -> str:
    return plain(value, 1)


def room(
    phase: str,
    *,
    plan_speed_kmh: float,
    main_speed_kmh: float,
    top_incline_pct: float,
    speed_max_kmh: float,
    incline_max_pct: float,
    unit: SpeedUnit = KMH,
) -> NudgeRoom:
    """The ceiling for nudges in ``phase`` ("warmup", "main", "cooldown"); ``main_speed_kmh``
    is the walk's first main-phase speed and ``top_incline_pct`` the highest planned incline;
    ``unit`` is how the words show speeds."""
    if phase == "warmup":
        cap = min(max(main_speed_kmh, plan_speed_kmh), speed_max_kmh)
        return NudgeRoom(
            cap,
            0.0,
            f"Warm-up: speed held at {unit.speed(cap)} or below",
            "Warm-up: the belt stays flat",
        )
    if phase == "cooldown":
        return NudgeRoom(
            plan_speed_kmh,
            0.0,
            "Cool-down: no speeding up now",
            "Cool-down: the belt stays flat",
        )
    speed_cap = min(plan_speed_kmh + MAIN_SPEED_UP_KMH, speed_max_kmh)
    speed_why = (
        f"Speed held at {unit.speed(speed_cap)}: +{unit.step(MAIN_SPEED_UP_KMH)} over the plan "
        "at most"
    )
    if top_incline_pct <= _EPS:
        return NudgeRoom(
            speed_cap,
            0.0,
            speed_why,
            "This walk is flat: incline held at 0 %",
        )
    incline_cap = min(top_incline_pct + MAIN_INCLINE_UP_PCT, incline_max_pct)
    return NudgeRoom(
        speed_cap,
        incline_cap,
        speed_why,
        f"Incline held at {_n(incline_cap)} % at most",
    )


def nudge(
    quantity: str,
    direction: int,
    *,
    offset: float,
    step: float,
    plan: float,
    ceiling: float,
    floor: float,
    why_not: str,
    unit: SpeedUnit = KMH,
) -> NudgeResult:
    """One nudge of ``quantity`` ("speed" or "incline") by ``direction`` (+1/-1) steps; speeds
    are worded in ``unit``."""
    speed = quantity == "speed"
    label = "Speed" if speed else "Incline"

    def value(v: float) -> str:
        return unit.speed(v) if speed else f"{_n(v)} %"

    now = plan + offset
    if direction > 0:
        if now + step > ceiling + _EPS:
            return NudgeResult(False, offset, why_not)
        new = now + step
    else:
        if now - step < floor - _EPS:
            return NudgeResult(False, offset, f"{label} already at its lowest ({value(floor)})")
        new = now - step
    sign = "+" if direction > 0 else "−"
    by = unit.step(step) if speed else _n(step)
    return NudgeResult(True, new - plan, f"{label} {sign}{by} → {value(new)}")
