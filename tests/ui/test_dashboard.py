"""The walk dashboard driven by Pilot: the engine runs the profile on the simulator in real time
(sped-up physics), and every key goes through the engine."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.ui.helpers import (
    BREAK_PROFILE,
    FAST,
    GENTLE,
    RUNNER,
    SEGMENT,
    answer_baseline,
    belt,
    make_app,
    start_walking,
    state,
    wait_until,
)
from treadmill_tui.profiles.catalogue import SAFETY_STOP_TEXT
from treadmill_tui.session.states import BreakStage, State
from treadmill_tui.ui.app import TreadmillApp, load_timeline, run_dashboard
from treadmill_tui.ui.screens.exercise import ExerciseScreen
from treadmill_tui.ui.screens.pain import PainCheckScreen
from treadmill_tui.ui.screens.post_walk import PostWalkScreen
from treadmill_tui.ui.screens.red_flag import RedFlagScreen
from treadmill_tui.ui.screens.summary import SummaryScreen
from treadmill_tui.ui.screens.walk import WalkScreen


def status(app: TreadmillApp) -> str:
    return str(app.walk.status.render())


async def test_belt_stays_still_until_start_then_space_stops_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await answer_baseline(pilot, app)
        assert str(app.walk.safety.render()) == SAFETY_STOP_TEXT
        assert app.walk.safety.display  # the safety wording is shown before the start
        await asyncio.sleep(0.6)
        await pilot.pause()
        assert belt(app) == 0.0  # connecting and answering never move the belt
        assert app.walk.check_action("start", ()) is True
        assert app.walk.check_action("pain", ()) is False

        await pilot.press("s")
        await wait_until(pilot, lambda: belt(app) > 0.5)
        await wait_until(pilot, lambda: app.walk.stats["speed"].value not in ("--", "0.0"))
        assert state(app) is State.WARMUP
        assert app.walk.check_action("start", ()) is False
        assert app.walk.check_action("pain", ()) is True

        await pilot.press("space")
        await wait_until(pilot, lambda: belt(app) == 0.0)
        assert state(app) is State.PAUSED
        await wait_until(pilot, lambda: "Belt stopped" in status(app))
        assert app.walk.safety.display  # shown again whenever the belt is stopped


async def test_pressing_s_while_the_first_check_is_open_does_not_start(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("s")  # inside the check, S means "sharp", never "start"
        await asyncio.sleep(0.4)
        await pilot.pause()
        assert belt(app) == 0.0
        assert isinstance(app.screen, PainCheckScreen) and app.screen.sharp


async def test_pain_key_opens_the_check_and_two_keys_answer_green(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("2", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, WalkScreen))
        assert app.runner is not None
        record = app.runner.engine.pain_log[-1]
        assert (record.trigger, record.nrs, record.zone) == ("pain_key", 2, "green")
        assert belt(app) > 0.5  # a green check never stops the belt


async def test_space_stops_the_belt_even_with_the_pain_check_open(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("space")
        await wait_until(pilot, lambda: belt(app) == 0.0)
        assert state(app) is State.PAUSED


async def test_both_legs_answer_shows_the_locked_red_flag_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("3", "y", "c")
        await wait_until(pilot, lambda: isinstance(app.screen, RedFlagScreen))
        await wait_until(pilot, lambda: belt(app) == 0.0)
        assert state(app) is State.RED_FLAG
        await pilot.press("escape", "s", "e", "enter")  # nothing closes it but A
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        assert belt(app) == 0.0
        await pilot.press("a")
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        # the walk's summary comes once the red flag is acknowledged, never over it
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WalkScreen))
        assert "red-flag" in status(app)
        assert app.walk.check_action("start", ()) is False  # locked for the day


async def test_exercise_screen_appears_only_once_the_belt_is_at_zero(tmp_path: Path) -> None:
    app = make_app(tmp_path, BREAK_PROFILE, GENTLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        seen_break_moving = False
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 15
        while not isinstance(app.screen, ExerciseScreen):
            assert loop.time() < deadline, "the exercise screen never appeared"
            if state(app) is State.BREAK and belt(app) > 0.05:
                seen_break_moving = True
            await asyncio.sleep(0.02)
            await pilot.pause()
        assert belt(app) <= 0.05
        assert app.snap is not None and app.snap.break_stage is BreakStage.EXERCISE
        assert seen_break_moving  # the break began while the belt still ran: no screen then
        assert "Standing abdominal" in str(app.screen.name_label.render())
        await pilot.press("enter")  # Ready: the only hold (2 s) runs, then the check
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("1", "n")
        await wait_until(
            pilot,
            lambda: app.snap is not None and app.snap.break_stage is BreakStage.AWAIT_RESUME,
        )
        assert isinstance(app.screen, WalkScreen)
        assert belt(app) == 0.0  # the break's end never restarts the belt by itself
        await pilot.press("s")
        await wait_until(pilot, lambda: belt(app) > 0.5)


async def test_post_walk_questions_after_the_last_segment(tmp_path: Path) -> None:
    text = 'name = "Two minutes"\n' + SEGMENT.format(
        kind="warmup", name="Warm-up", duration="1 min"
    )
    app = make_app(tmp_path, text)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("right_square_bracket")  # skip to the end of the programme
        await wait_until(pilot, lambda: isinstance(app.screen, PostWalkScreen), within_s=10)
        await pilot.press("1", "n", "1", "3", "enter", *"ok", "space", *"today", "enter")
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        assert app.runner is not None
        summary = app.runner.engine.summary()
        assert (summary.post_walk_nrs, summary.rpe, summary.note) == (1, 13, "ok today")
        assert summary.post_walk_legs == "none"


async def test_post_walk_leg_symptoms_show_the_red_flag_text_with_the_local_number(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(
        'name = "Two minutes"\n' + SEGMENT.format(kind="warmup", name="Warm-up", duration="1 min"),
        encoding="utf-8",
    )
    app = TreadmillApp(
        load_timeline(str(path)),
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
        emergency="999",
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: isinstance(app.screen, PostWalkScreen), within_s=10)
        await pilot.press("2", "y", "c")  # both legs: no effort question, straight to red flag
        await wait_until(pilot, lambda: isinstance(app.screen, RedFlagScreen))
        assert state(app) is State.RED_FLAG and belt(app) == 0.0
        assert app.snap is not None and app.snap.red_flag_text is not None
        assert "call 999" in app.snap.red_flag_text
        await pilot.press("a")
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        assert app.runner is not None
        summary = app.runner.engine.summary()
        assert (summary.outcome, summary.post_walk_legs) == ("red_flag", "c")


async def test_escape_closes_a_pain_key_check_and_the_walk_goes_on(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, WalkScreen))
        assert app.runner is not None
        assert app.runner.engine.prompt_view() is None
        assert "prompt_dismissed" in [e.type for e in app.runner.engine.events]
        assert not app.runner.engine.pain_log[1:]  # only the pre-walk answer
        assert belt(app) > 0.5


async def test_escape_does_not_close_the_pre_walk_check(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("escape")
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert isinstance(app.screen, PainCheckScreen) and state(app) is State.READY
        await pilot.press("2", "n")
        await wait_until(pilot, lambda: state(app) is State.WAITING_START)


async def test_ctrl_q_stops_the_belt_through_the_engine_then_quits(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        runner = app.runner
        assert runner is not None
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app.return_code is not None)
        names = [name for _, name in runner.write_times]
        assert names.index("pause") > names.index("start")
    assert app.return_code == 0


def test_broken_profile_prints_problems_and_returns_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "fast"\n')
    assert run_dashboard(profile_path=str(bad), sound=False) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "error:" in err
    assert "Traceback" not in err


def test_missing_profile_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_dashboard(profile_path=str(tmp_path / "nope.toml"), sound=False) == 1
    assert "nope.toml" in capsys.readouterr().err
