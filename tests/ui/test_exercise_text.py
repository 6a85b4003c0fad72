"""Floor exercises are done off the belt; standing ones keep the rails in reach."""

from __future__ import annotations

from treadmill_tui.ui.screens.exercise import MID_WALK_SAFETY, OFF_BELT_SAFETY, safety_text


def test_floor_exercises_say_step_off_the_belt() -> None:
    assert safety_text("Glute bridge") == OFF_BELT_SAFETY
    assert safety_text("Bird-dog") == OFF_BELT_SAFETY
    assert safety_text("Standing abdominal") == MID_WALK_SAFETY
    assert "rails in reach" not in OFF_BELT_SAFETY
    assert safety_text("An exercise the catalogue does not know") == MID_WALK_SAFETY
