"""Pure belt and incline physics for the simulated treadmill.

Speed and incline move linearly toward their targets at fixed rates, so between the moments a
target is reached (or the incline crosses zero) both are linear in time and distance and
elevation integrate exactly in closed form: one ``advance`` call costs the same for 1 s or
1 h, which keeps a simulated 60-minute walk cheap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class BeltState:
    """What the machine physically does: belt speed, deck incline and the integrated totals."""

    speed_kmh: float = 0.0
    incline_pct: float = 0.0
    distance_m: float = 0.0
    elevation_gain_m: float = 0.0
    elevation_loss_m: float = 0.0
    elapsed_s: float = 0.0


@dataclass(frozen=True, slots=True)
class Drive:
    """What the motors are asked to do over an interval."""

    target_speed_kmh: float
    target_incline_pct: float
    speed_rate_kmh_per_s: float
    incline_rate_pct_per_s: float
    counting: bool = False
    """Whether the workout clock (elapsed time) runs."""


def ramp(x0: float, target: float, rate: float, t: float) -> float:
    """Value after ``t`` seconds moving from ``x0`` toward ``target`` at ``rate`` per second."""
    gap = target - x0
    step = rate * t
    if abs(gap) <= step:
        return target
    return x0 + math.copysign(step, gap)


def _reach_time(x0: float, target: float, rate: float) -> float:
    return abs(target - x0) / rate if rate > 0 else math.inf


def _rise_integral(h: float, v0: float, v1: float, g0: float, g1: float) -> float:
    """Exact ∫ v·g dt over a segment of length h where v and g are linear (v in m/s, g ratio)."""
    dv = v1 - v0
    dg = g1 - g0
    return h * (v0 * g0 + (v0 * dg + dv * g0) / 2.0 + dv * dg / 3.0)


def advance(state: BeltState, drive: Drive, dt: float) -> BeltState:
    """The state ``dt`` seconds later under ``drive`` (exact for piecewise-linear motion)."""
    if dt <= 0:
        return state
    v_rate = drive.speed_rate_kmh_per_s
    g_rate = drive.incline_rate_pct_per_s
    v_target = max(drive.target_speed_kmh, 0.0)
    g_target = drive.target_incline_pct
    cuts = {0.0, dt}
    for t_reach in (
        _reach_time(state.speed_kmh, v_target, v_rate),
        _reach_time(state.incline_pct, g_target, g_rate),
    ):
        if 0.0 < t_reach < dt:
            cuts.add(t_reach)
    points = sorted(cuts)

    distance = state.distance_m
    gain = state.elevation_gain_m
    loss = state.elevation_loss_m
    v_prev = state.speed_kmh
    g_prev = state.incline_pct
    for t0, t1 in zip(points, points[1:], strict=False):
        h = t1 - t0
        v_next = ramp(state.speed_kmh, v_target, v_rate, t1)
        g_next = ramp(state.incline_pct, g_target, g_rate, t1)
        a0, a1 = v_prev / 3.6, v_next / 3.6
        distance += (a0 + a1) / 2.0 * h
        b0, b1 = g_prev / 100.0, g_next / 100.0
        if b0 * b1 < 0:  # the deck crosses level inside the segment: split at the crossing
            s = h * b0 / (b0 - b1)
            a_mid = a0 + (a1 - a0) * s / h
            first = _rise_integral(s, a0, a_mid, b0, 0.0)
            second = _rise_integral(h - s, a_mid, a1, 0.0, b1)
            parts: tuple[float, ...] = (first, second)
        else:
            parts = (_rise_integral(h, a0, a1, b0, b1),)
        for rise in parts:
            if rise > 0:
                gain += rise
            else:
                loss -= rise
        v_prev, g_prev = v_next, g_next

    return replace(
        state,
        speed_kmh=v_prev,
        incline_pct=g_prev,
        distance_m=distance,
        elevation_gain_m=gain,
        elevation_loss_m=loss,
        elapsed_s=state.elapsed_s + (dt if drive.counting else 0.0),
    )
