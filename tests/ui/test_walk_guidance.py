"""The walk screen tells the walker what comes next: chart cursor, countdown, keys, help."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.ui.helpers import BASE, WALK_PROFILE, make_app, start_walking, wait_until
from tests.ui.snapshot_app import FrozenDashboard
from tests.ui.test_programme import BREAKS, FIRST_WEEK
from treadmill_tui.session.inputs import PainKey, RedFlagKey
from treadmill_tui.session.states import State
from treadmill_tui.ui.screens.help import HelpScreen
from treadmill_tui.ui.screens.walk import MESSAGE_S


def text(widget: object) -> str:
    return str(widget.render())  # type: ignore[attr-defined]


async def test_chart_cursor_follows_programme_time_and_repaints_only_on_a_new_column() -> None:
    app = FrozenDashboard(dataclasses.replace(BASE, prog_t=0.0), timeline=FIRST_WEEK)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chart = app.walk.chart
        assert chart.model is not None and chart.model.height > 5
        start = chart.cursor
        before = chart.repaints
        for t in (0.5, 1.0, 1.5):  # 600 s over ~110 columns: all in the first column
            app.show(dataclasses.replace(BASE, prog_t=t))
        assert chart.cursor == start and chart.repaints == before
        app.show(dataclasses.replace(BASE, prog_t=300.0))
        await pilot.pause()
        assert chart.cursor > start and chart.repaints == before + 1
        # the cursor column is drawn in every row of the chart
        line = chart.render_line(chart.model.kinds.index("speed"))
        assert any(seg.text in ("█", "│") and seg.style for seg in line)


async def test_walking_shows_the_next_change_with_a_countdown(tmp_path: Path) -> None:
    app = make_app(tmp_path, WALK_PROFILE)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_walking(pilot, app)
        await wait_until(pilot, lambda: text(app.walk.next_line).startswith("Next: Walk in 0:"))
        assert app.walk.chart.model is not None and "Warm-up" in app.walk.chart.model.rows[0]
        # the pause freezes programme time, and no countdown is shown while paused
        await pilot.press("space")
        await wait_until(pilot, lambda: app.snap is not None and app.snap.state is State.PAUSED)
        await wait_until(pilot, lambda: text(app.walk.next_line) == "")


async def test_space_is_first_in_the_key_bar_at_80_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path, WALK_PROFILE)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_walking(pilot, app)
        bar = app.walk.keys
        await wait_until(pilot, lambda: bool(bar.items))
        assert bar.text.startswith("Space Stop now")
        assert "P Pain check" in bar.text
        assert len(" ".join(f" {i.key}  {i.description}" for i in bar.items)) <= 78


async def test_help_lists_the_keys_that_work_now_and_the_safety_text(tmp_path: Path) -> None:
    app = make_app(tmp_path, WALK_PROFILE)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)
        lines = app.screen.lines
        assert lines[0].strip().startswith("Space")
        assert any("Pain check" in line for line in lines)
        assert not any("Start/resume" in line for line in lines)  # S does nothing while walking
        assert "safety key" in text(app.screen.query_one("#help-safety"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))
        # the help changed nothing: the walk goes on, no input was sent by ? or Esc
        assert app.snap is not None and app.snap.state in (State.WARMUP, State.MAIN)


async def test_help_keys_are_exactly_the_keys_the_walk_screen_accepts() -> None:
    app = FrozenDashboard(BASE, timeline=FIRST_WEEK)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {k.binding_key for k in app.screen.keys}
        assert {"p", "e", "exclamation_mark"} <= shown
        assert "s" not in shown and "r" not in shown  # start and resume-easy are not offered
        await pilot.press("escape")
        await pilot.press("p", "exclamation_mark")  # ! only opens the advice
        await pilot.pause()
        assert [type(i) for i in app.inputs] == [PainKey]
        await pilot.press("h")  # "I have one of these"
        await pilot.pause()
        assert [type(i) for i in app.inputs] == [PainKey, RedFlagKey]


async def test_a_message_line_is_cleared_once_it_is_stale() -> None:
    app = FrozenDashboard(BASE, timeline=BREAKS)
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.walk
        walk.say("Starting the belt slowly. Space stops it.")
        walk.expire(100.0, State.WARMUP)
        walk.expire(100.0 + MESSAGE_S - 1, State.MAIN)
        assert walk.said
        walk.expire(100.0 + MESSAGE_S, State.MAIN)
        assert walk.said == "" and text(walk.message) == ""
        walk.say("Press U to go back to the planned pace.")
        walk.expire(10.0, State.MAIN)
        walk.expire(11.0, State.FINISHED)  # the walk is over: the offer is no longer true
        await pilot.pause()
        assert text(walk.message) == ""
