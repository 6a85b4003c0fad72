"""`!` shows the warning signs without costing the walk; "I have one of these" is separate;
after the walk W goes back to the picker."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import SEGMENT, make_app, start_walking, state, wait_until
from treadmill_tui.session.states import State
from treadmill_tui.ui.screens.advice import AdviceScreen
from treadmill_tui.ui.screens.pain import PainCheckScreen
from treadmill_tui.ui.screens.picker import PickerScreen
from treadmill_tui.ui.screens.post_walk import PostWalkScreen
from treadmill_tui.ui.screens.red_flag import RedFlagScreen
from treadmill_tui.ui.screens.summary import SummaryScreen
from treadmill_tui.ui.screens.walk import WalkScreen

SHORT = 'name = "Two minutes"\n' + SEGMENT.format(kind="warmup", name="Warm-up", duration="1 min")


async def test_reading_the_warning_signs_does_not_stop_the_walk(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, AdviceScreen))
        assert isinstance(app.screen, AdviceScreen) and app.screen.can_report
        assert "Get emergency help now" in app.screen.query_one("#advice-text").source  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, AdviceScreen))
        assert state(app) in (State.WARMUP, State.MAIN)  # still walking, nothing locked
        assert app.snap is not None and not app.snap.locked
        # the separate action stops the walk: the belt stops and the red-flag screen shows
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, AdviceScreen))
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, RedFlagScreen))
        assert state(app) is State.RED_FLAG
        await pilot.press("a")
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        # the advice can be read again after the stop (once the summary is closed); no H now
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WalkScreen))
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, AdviceScreen))
        assert isinstance(app.screen, AdviceScreen) and not app.screen.can_report
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, AdviceScreen)


async def test_after_the_walk_w_goes_back_to_the_picker(tmp_path: Path) -> None:
    app = make_app(tmp_path, SHORT)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        assert app.check_action("another_walk", ()) is False  # not during the walk
        await pilot.press("right_square_bracket")  # skip to the end of the programme
        await wait_until(pilot, lambda: isinstance(app.screen, PostWalkScreen), within_s=10)
        await pilot.press("1", "n", "1", "3", "enter", "enter")
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        assert "W chooses another walk" in str(app.walk.status.render())
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("enter")  # the walk's summary first
        await wait_until(pilot, lambda: isinstance(app.screen, WalkScreen))
        old_machine = app.machine
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert app.runner is None and old_machine is not None and old_machine.speed_kmh == 0.0
        await pilot.press("enter")  # the first-week walk: a new walk starts with its check
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen), within_s=10)
        assert app.runner is not None and app.machine is not old_machine
        assert app.snap is not None and app.snap.state is State.READY
