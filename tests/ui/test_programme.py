"""The "Next: …" countdown and the plan values, from the compiled bundled profiles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.profiles import bundled_profiles_dir
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.ui.app import load_timeline
from treadmill_tui.ui.programme import (
    ChangeKind,
    countdown,
    countdown_clock,
    next_change,
    plan_at,
    planned_changes,
)


def bundled(name: str) -> Timeline:
    return load_timeline(str(bundled_profiles_dir() / name))


FIRST_WEEK = bundled("first-week-10-min.toml")
BREAKS = bundled("standing-exercise-breaks.toml")
CADENCE = bundled("cadence-builder.toml")
INCLINE = bundled("gentle-incline-builder.toml")


def test_countdown_names_the_next_segment_with_its_speed() -> None:
    assert countdown(planned_changes(FIRST_WEEK), 135.0) == "Next: Easy walk 2.5 km/h in 0:45"


def test_countdown_before_the_final_stop() -> None:
    assert countdown(planned_changes(FIRST_WEEK), 570.0) == "Slowing to a stop in 0:30"
    assert countdown(planned_changes(FIRST_WEEK), 600.0) == ""


def test_a_change_and_a_check_at_the_same_moment_announce_the_change() -> None:
    changes = planned_changes(FIRST_WEEK)  # its pain check sits where the cool-down starts
    assert countdown(changes, 400.0) == "Next: Cool-down 1.9 km/h in 0:20"


def test_breaks_are_announced_as_the_belt_stopping() -> None:
    changes = planned_changes(BREAKS)
    assert countdown(changes, 870.0) == ("Next: the belt stops for an exercise break in 0:30")
    # the floor exercises come after the last walking segment: the stop is the last change
    assert changes[-1].kind is ChangeKind.STOP
    assert not [c for c in changes if c.kind is ChangeKind.BREAK and c.at_s >= changes[-1].at_s]


def test_cadence_steps_say_the_new_cadence_and_the_belt_speed() -> None:
    steps = [c for c in planned_changes(CADENCE) if c.kind is ChangeKind.STEP]
    assert [c.what for c in steps][:2] == ["82 steps/min, 3 km/h", "84 steps/min, 3 km/h"]
    assert [c.at_s for c in steps] == [540.0, 780.0, 1020.0, 1260.0]


def test_incline_steps_are_announced() -> None:
    steps = [c for c in planned_changes(INCLINE) if c.kind is ChangeKind.STEP]
    assert steps and all(c.what.startswith("incline ") for c in steps)
    assert countdown(planned_changes(INCLINE), steps[0].at_s - 10) == (
        f"Next: {steps[0].what} in 0:10"
    )


def test_plan_values_are_the_plan_not_the_ramp() -> None:
    # 5 s into the walk the belt is still ramping up from 1.0 km/h; the plan says 1.9 … 2.5
    ramped = FIRST_WEEK.at(185.0).speed_kmh
    plan = plan_at(FIRST_WEEK, 185.0)
    assert plan.speed_kmh == pytest.approx(2.5)
    assert ramped < 2.5
    assert plan_at(CADENCE, 600.0).cadence_spm == pytest.approx(82.0)
    assert plan_at(CADENCE, 600.0).speed_kmh == pytest.approx(82 * 0.6 * 0.06)


def test_countdown_clock_rounds_up() -> None:
    assert countdown_clock(0.2) == "0:01"
    assert countdown_clock(45.0) == "0:45"
    assert countdown_clock(0.0) == "0:00"


@given(st.floats(min_value=0.0, max_value=BREAKS.duration_s, allow_nan=False))
def test_there_is_always_a_next_change_until_the_stop(t: float) -> None:
    changes = planned_changes(BREAKS)
    stop = changes[-1].at_s
    change = next_change(changes, t)
    if t < stop - 1e-3:
        assert change is not None and change.at_s > t
        assert countdown(changes, t)
    else:
        assert change is None and countdown(changes, t) == ""
