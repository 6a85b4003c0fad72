"""The exercise screen waits for Enter (Ready) before its countdown runs (docs/walking.md §4)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.ui.helpers import BREAK_PROFILE, make_app, start_walking, wait_until
from treadmill_tui.session.snapshot import ExerciseView
from treadmill_tui.ui.app import TreadmillApp
from treadmill_tui.ui.screens.exercise import ExerciseScreen, ready_text
from treadmill_tui.ui.widgets.key_bar import KeyBar

LONG_HOLD = BREAK_PROFILE.replace('hold = "2 s", reps = 1', 'hold = "10 s", reps = 2')


def keys(app: TreadmillApp) -> list[str]:
    return [item.description for item in app.screen.query_one(KeyBar).items]


def shown(app: TreadmillApp) -> ExerciseView:
    assert app.snap is not None and app.snap.exercise is not None
    return app.snap.exercise


async def test_enter_is_ready_then_next_and_the_countdown_waits_for_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, LONG_HOLD)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, ExerciseScreen), within_s=15)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        await wait_until(pilot, lambda: "Ready" in keys(app))
        assert "press Enter when you are ready" in str(screen.ready.render())
        assert "Next exercise" not in keys(app)
        await asyncio.sleep(1.2)
        await pilot.pause()
        assert shown(app).awaiting_ready and shown(app).hold_remaining_s == 10.0
        assert app.snap is not None and "ready" in app.snap.options
        await pilot.press("enter")  # Ready
        await wait_until(pilot, lambda: not shown(app).awaiting_ready)
        await wait_until(pilot, lambda: "Next exercise" in keys(app))
        assert "Ready" not in keys(app)
        assert str(screen.ready.render()) == ""
        await wait_until(pilot, lambda: shown(app).hold_remaining_s < 9.5)
        assert shown(app).index == 0
        await pilot.press("enter")  # now it means "next exercise" again
        await wait_until(pilot, lambda: shown(app).index == 1)
        assert not shown(app).awaiting_ready  # the second rep runs on without a Ready


def test_the_floor_text_says_step_off_and_when_ready_counts() -> None:
    ex = ExerciseView("Glute bridge", "On back.", None, 1, 8, 2.0, 2.0, 0, 8, True, 21.0, True)
    assert ready_text(ex) == (
        "Step off the belt and get down onto the mat; "
        "press Enter when you are in position (in 0:21)."
    )
    ready = ExerciseView("Glute bridge", "On back.", None, 1, 8, 2.0, 2.0, 0, 8, True, 0.0, True)
    assert ready_text(ready).endswith("press Enter when you are in position.")


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Glute bridge", "get down onto the mat"),
        ("Pelvic tilt", "get down onto the mat"),  # floor or wall: the mat
        ("Seated core activation", "sit upright on a chair"),
        ("Standing hamstring stretch", "stand facing a low step"),
        ("Calf stretch", "stand at a wall"),
        ("Hip-flexor stretch", "stand beside something steady to hold"),
    ],
)
def test_off_belt_exercises_say_where_they_are_done(name: str, place: str) -> None:
    ex = ExerciseView(name, "cue", None, 1, 2, 30.0, 30.0, 0, 2, True, 5.0, True)
    assert ready_text(ex) == (
        f"Step off the belt and {place}; press Enter when you are in position (in 0:05)."
    )
