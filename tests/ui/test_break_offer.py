"""An offered exercise break on the dashboard: B takes it, N skips it, S does nothing meanwhile.

The dashboard has no session history yet, so a real walk never has a session number; here the
app is given one, and a timeline whose ``[breaks]`` timings are shortened past what a profile
may say (offers after 2 s of main phase) so the test runs in a few real seconds.
"""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from tests.ui.helpers import FAST, RUNNER, SEGMENT, belt, start_walking, state, wait_until
from treadmill_tui.session.engine import EngineSettings
from treadmill_tui.session.states import BreakStage, State
from treadmill_tui.ui.app import TreadmillApp, load_timeline
from treadmill_tui.ui.screens.exercise import ExerciseScreen
from treadmill_tui.ui.screens.walk import WalkScreen

OFFER_PROFILE = (
    'name = "UI test: offered break"\n'
    + SEGMENT.format(kind="warmup", name="Warm-up", duration="2 s")
    + SEGMENT.format(kind="walk", name="Walk", duration="10 min")
    + SEGMENT.format(kind="cooldown", name="Cool-down", duration="1 min")
)


def offer_app(tmp_path: Path, session: int | None = 3, wait_s: float = 30.0) -> TreadmillApp:
    path = tmp_path / "profile.toml"
    path.write_text(OFFER_PROFILE, encoding="utf-8")
    tl = load_timeline(str(path))
    policy = dataclasses.replace(tl.break_policy, first_after_s=2.0, offer_wait_s=wait_s)
    return TreadmillApp(
        dataclasses.replace(tl, break_policy=policy),
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
        engine_settings=EngineSettings(session_number=session),
    )


def offered(app: TreadmillApp) -> bool:
    return app.snap is not None and "take_break" in app.snap.options


def status(app: TreadmillApp) -> str:
    return str(app.walk.status.render())


async def test_b_takes_the_offered_break_and_the_belt_stops_first(tmp_path: Path) -> None:
    app = offer_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        assert app.walk.check_action("take_break", ()) is False  # nothing offered yet
        await wait_until(pilot, lambda: offered(app), within_s=8.0)
        assert app.walk.check_action("take_break", ()) is True
        assert app.walk.check_action("skip_break", ()) is True
        await wait_until(pilot, lambda: "B takes it" in status(app))
        assert belt(app) > 0.5  # the offer never slows the belt
        await pilot.press("b")
        await wait_until(pilot, lambda: state(app) is State.BREAK)
        await wait_until(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert belt(app) == 0.0  # the exercise shows only on a stopped belt
        assert app.snap is not None and app.snap.break_stage is BreakStage.EXERCISE
        assert app.snap.exercise is not None
        assert app.snap.exercise.name == "Standing abdominal"


async def test_s_does_nothing_during_an_offer_and_n_skips_it(tmp_path: Path) -> None:
    app = offer_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await wait_until(pilot, lambda: offered(app), within_s=8.0)
        assert app.walk.check_action("start", ()) is False
        assert app.runner is not None
        before = [e for e in app.runner.engine.events if e.type == "walker"]
        await pilot.press("s")
        await asyncio.sleep(0.3)
        await pilot.pause()
        after = [e for e in app.runner.engine.events if e.type == "walker"]
        assert after == before  # S reached nothing: no start, no resume
        assert offered(app) and state(app) is State.MAIN
        await pilot.press("n")
        await wait_until(pilot, lambda: not offered(app))
        skipped = [e for e in app.runner.engine.events if e.type == "break_skipped"]
        assert [e.details["reason"] for e in skipped] == ["walker"]
        assert isinstance(app.screen, WalkScreen)
        assert state(app) is State.MAIN and belt(app) > 0.5


async def test_no_session_number_no_offer_and_no_keys(tmp_path: Path) -> None:
    app = offer_app(tmp_path, session=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await wait_until(pilot, lambda: state(app) is State.MAIN)
        await asyncio.sleep(3.0)
        await pilot.pause()
        assert not offered(app)
        assert app.walk.check_action("take_break", ()) is False
        await pilot.press("b")
        await asyncio.sleep(0.2)
        await pilot.pause()
        assert state(app) is State.MAIN and belt(app) > 0.5
