"""Pure belt physics: rates, exact integration, composition."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from treadmill_tui.devices.sim_physics import BeltState, Drive, advance, ramp


def drive(speed: float, incline: float = 0.0, *, counting: bool = True) -> Drive:
    return Drive(speed, incline, 0.5, 0.5, counting)


def numeric(state: BeltState, d: Drive, dt: float, n: int = 20000) -> BeltState:
    """Brute-force midpoint integration, the oracle for the closed form."""
    h = dt / n
    s = state
    dist = s.distance_m
    gain = s.elevation_gain_m
    loss = s.elevation_loss_m
    for i in range(n):
        tm = (i + 0.5) * h
        v = ramp(state.speed_kmh, d.target_speed_kmh, d.speed_rate_kmh_per_s, tm) / 3.6
        g = ramp(state.incline_pct, d.target_incline_pct, d.incline_rate_pct_per_s, tm) / 100
        dist += v * h
        if g > 0:
            gain += v * g * h
        else:
            loss -= v * g * h
    return BeltState(0.0, 0.0, dist, gain, loss, 0.0)


def test_ramp_moves_at_the_rate_and_stops_at_the_target() -> None:
    assert ramp(0.0, 5.0, 0.5, 4.0) == pytest.approx(2.0)
    assert ramp(0.0, 5.0, 0.5, 100.0) == 5.0
    assert ramp(5.0, 0.0, 0.5, 2.0) == pytest.approx(4.0)
    assert ramp(3.0, 3.0, 0.5, 2.0) == 3.0


def test_constant_speed_distance_and_elapsed() -> None:
    s = advance(BeltState(speed_kmh=3.6), drive(3.6), 100.0)
    assert s.distance_m == pytest.approx(100.0)
    assert s.elapsed_s == 100.0
    assert advance(BeltState(speed_kmh=3.6), drive(3.6, counting=False), 10.0).elapsed_s == 0.0


def test_ramp_distance_is_the_triangle() -> None:
    s = advance(BeltState(), drive(3.6), 7.2)  # reaches 3.6 km/h (1 m/s) after 7.2 s
    assert s.speed_kmh == pytest.approx(3.6)
    assert s.distance_m == pytest.approx(7.2 / 2)


def test_elevation_gain_on_a_constant_incline() -> None:
    s = advance(BeltState(speed_kmh=3.6, incline_pct=5.0), drive(3.6, 5.0), 1000.0)
    assert s.elevation_gain_m == pytest.approx(50.0)
    assert s.elevation_loss_m == 0.0


def test_incline_crossing_level_splits_gain_and_loss() -> None:
    start = BeltState(speed_kmh=3.6, incline_pct=-2.0)
    s = advance(start, drive(3.6, 2.0), 8.0)  # -2 → +2 % in 8 s at 1 m/s
    assert s.elevation_gain_m == pytest.approx(0.04)  # ½·4 s·1 m/s·2 %
    assert s.elevation_loss_m == pytest.approx(0.04)


speeds = st.floats(0.0, 12.0)
inclines = st.floats(-3.0, 12.0)


@settings(max_examples=60, deadline=None)
@given(speeds, speeds, inclines, inclines, st.floats(0.01, 60.0))
@example(0.015625, 0.0, 0.0, 0.0, 18.0)  # the belt stops inside the first numeric step
def test_closed_form_matches_numeric_integration(
    v0: float, v1: float, g0: float, g1: float, dt: float
) -> None:
    start = BeltState(speed_kmh=v0, incline_pct=g0)
    d = drive(v1, g1)
    exact = advance(start, d, dt)
    n = 2000
    approx = numeric(start, d, dt, n=n)
    # The numeric reference is off by at most about one step of travel (a belt that stops
    # mid-step is the worst case), so the tolerance scales with the step.
    step_m = max(v0, v1) / 3.6 * dt / n
    step_climb_m = step_m * max(abs(g0), abs(g1)) / 100.0
    assert exact.distance_m == pytest.approx(approx.distance_m, rel=1e-4, abs=2 * step_m + 1e-9)
    assert exact.elevation_gain_m == pytest.approx(
        approx.elevation_gain_m, rel=1e-3, abs=2 * step_climb_m + 1e-9
    )
    assert exact.elevation_loss_m == pytest.approx(
        approx.elevation_loss_m, rel=1e-3, abs=2 * step_climb_m + 1e-9
    )


@settings(max_examples=200, deadline=None)
@given(speeds, speeds, inclines, inclines, st.floats(0.0, 100.0), st.floats(0.0, 100.0))
def test_advancing_in_two_steps_equals_one(
    v0: float, v1: float, g0: float, g1: float, a: float, b: float
) -> None:
    start = BeltState(speed_kmh=v0, incline_pct=g0)
    d = drive(v1, g1)
    one = advance(start, d, a + b)
    two = advance(advance(start, d, a), d, b)
    assert two.speed_kmh == pytest.approx(one.speed_kmh, abs=1e-9)
    assert two.incline_pct == pytest.approx(one.incline_pct, abs=1e-9)
    assert two.distance_m == pytest.approx(one.distance_m, rel=1e-9, abs=1e-9)
    assert two.elevation_gain_m == pytest.approx(one.elevation_gain_m, rel=1e-6, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(speeds, speeds, inclines, inclines, st.floats(0.0, 1000.0))
def test_speed_and_incline_stay_between_start_and_target(
    v0: float, v1: float, g0: float, g1: float, dt: float
) -> None:
    s = advance(BeltState(speed_kmh=v0, incline_pct=g0), drive(v1, g1), dt)
    assert min(v0, v1) - 1e-9 <= s.speed_kmh <= max(v0, v1) + 1e-9
    assert min(g0, g1) - 1e-9 <= s.incline_pct <= max(g0, g1) + 1e-9
    assert s.distance_m >= 0 and s.elevation_gain_m >= 0 and s.elevation_loss_m >= 0
