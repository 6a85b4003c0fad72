"""The one-key return after a late green answer (docs/walking.md §3.5) and the post-walk advice
(§3.4) on the dashboard, driven by Pilot through the real engine."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.ui.helpers import (
    BASE,
    FAST,
    RUNNER,
    SEGMENT,
    make_app,
    start_walking,
    state,
    wait_until,
)
from treadmill_tui.session.engine import MSG_RETURN_OFFER
from treadmill_tui.session.pain import POST_WALK_ADVICE
from treadmill_tui.session.states import State
from treadmill_tui.ui.app import TreadmillApp, load_timeline
from treadmill_tui.ui.screens.pain import PainCheckScreen
from treadmill_tui.ui.screens.post_walk import PostWalkScreen
from treadmill_tui.ui.screens.summary import SummaryScreen
from treadmill_tui.ui.screens.walk import WalkScreen
from treadmill_tui.ui.view import RETURN_NOTE, status_text

TWO_MINUTES = 'name = "Two minutes"\n' + SEGMENT.format(
    kind="warmup", name="Warm-up", duration="2 min"
)


def message(app: TreadmillApp) -> str:
    return str(app.walk.message.render())


def return_key_shown(app: TreadmillApp) -> bool:
    return app.walk.check_action("return_to_plan", ()) is True


def test_the_status_line_names_the_return_key_only_when_offered() -> None:
    offered = dataclasses.replace(BASE, options=(*BASE.options, "return"))
    assert RETURN_NOTE in status_text(offered)
    assert "U " not in status_text(BASE)


async def test_u_returns_to_the_plan_after_a_late_green_answer(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(TWO_MINUTES, encoding="utf-8")
    timeline = load_timeline(str(path))
    # seconds instead of a minute, so the slow-down comes within the test
    quick = dataclasses.replace(timeline.pain_policy, no_answer_slowdown_s=0.5)
    timeline = dataclasses.replace(timeline, pain_policy=quick)
    app = TreadmillApp(timeline, sim_config=FAST, sound=False, runner_settings=RUNNER)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        assert not return_key_shown(app)
        await pilot.press("u")  # not offered: nothing happens
        assert app.runner is not None
        engine = app.runner.engine
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await wait_until(pilot, lambda: "no_answer_slowdown" in [e.type for e in engine.events])
        await pilot.press("2", "n")  # a late green
        await wait_until(
            pilot, lambda: isinstance(app.screen, WalkScreen) and return_key_shown(app)
        )
        assert message(app) == MSG_RETURN_OFFER
        assert RETURN_NOTE in str(app.walk.status.render())
        assert "no_answer_cleared" not in [e.type for e in engine.events]
        await pilot.press("u")
        await wait_until(pilot, lambda: "no_answer_cleared" in [e.type for e in engine.events])
        await wait_until(pilot, lambda: not return_key_shown(app))
        actions = [e.details.get("action") for e in engine.events if e.type == "walker"]
        assert actions.count("return_to_plan") == 1  # U before the offer never reached it


async def test_high_pain_after_the_walk_shows_the_advice(tmp_path: Path) -> None:
    app = make_app(tmp_path, TWO_MINUTES)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("right_square_bracket")  # skip to the end of the programme
        await wait_until(pilot, lambda: isinstance(app.screen, PostWalkScreen), within_s=10)
        await pilot.press("6", "n", "1", "3", "enter", "enter")
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        # the summary repeats the advice; closing it shows the walk screen with it too
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        summary_screen = app.screen
        assert isinstance(summary_screen, SummaryScreen)
        assert summary_screen.view.advice == POST_WALK_ADVICE
        await pilot.press("enter")
        await wait_until(pilot, lambda: message(app) == POST_WALK_ADVICE)
        assert isinstance(app.screen, WalkScreen)
        assert app.runner is not None
        assert app.runner.engine.summary().advice == POST_WALK_ADVICE


async def test_no_advice_when_the_pain_stayed_low(tmp_path: Path) -> None:
    app = make_app(tmp_path, TWO_MINUTES)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: isinstance(app.screen, PostWalkScreen), within_s=10)
        await pilot.press("3", "n", "1", "3", "enter", "enter")  # baseline 2: +1 only
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        assert app.runner is not None
        assert app.runner.engine.summary().advice is None
        assert message(app) != POST_WALK_ADVICE
