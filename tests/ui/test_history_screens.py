"""The summary, history and morning-question screens: Pilot tests on their own and in the
dashboard, and snapshots at 80x24 and 120x40."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static

from tests.ui.helpers import SEGMENT, make_app, start_walking, state, wait_until
from tests.ui.history_fixtures import FIRST, fill_store, the_summary
from treadmill_tui.history.paths import DATA_DIR_ENV, store_path
from treadmill_tui.history.store import Store, WalkMeta
from treadmill_tui.session.states import State
from treadmill_tui.ui.history_hook import DashboardHistory
from treadmill_tui.ui.screens.checkin import CheckinScreen
from treadmill_tui.ui.screens.history import HistoryScreen, WalkDetailScreen
from treadmill_tui.ui.screens.post_walk import PostWalkScreen
from treadmill_tui.ui.screens.summary import SummaryScreen

SnapCompare = Callable[..., bool]


class Host(App[None]):
    """An empty app that shows one screen on top."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(self, make: Callable[[], Screen[None] | None]) -> None:
        super().__init__()
        self._make = make

    def on_mount(self) -> None:
        screen = self._make()
        assert screen is not None
        self.push_screen(screen)


def _history(tmp_path: Path) -> DashboardHistory:
    fill_store(store_path(tmp_path))
    return DashboardHistory(str(tmp_path), tz=UTC)


def _text(screen: Screen[Any], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_summary_shows_the_walk_and_what_it_did_about_pain() -> None:
    opened: list[bool] = []
    app = Host(lambda: SummaryScreen(the_summary(), on_history=lambda: opened.append(True)))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        rows = _text(screen, "#summary-rows")
        assert "20:34" in rows and "0.91 km" in rows and "4.2 m" in rows
        assert "before 2, during up to 5, after 3" in rows and "Breaks done   1" in rows
        assert "12:40  eased the load after an amber answer (pain 5)" in _text(
            screen, "#summary-story-lines"
        )
        assert "Tomorrow morning" in _text(screen, "#summary-reminder")
        assert _text(screen, "#summary-saved") == "Saved as walk 7."
        await pilot.press("h")
        assert opened == [True]
        await pilot.press("enter")
        assert not isinstance(app.screen, SummaryScreen)


async def test_history_lists_walks_newest_first_with_trends_and_opens_a_walk(
    tmp_path: Path,
) -> None:
    hist = _history(tmp_path)
    app = Host(hist.history_screen)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#walks", DataTable)
        assert table.row_count == 8
        first_row = table.get_row_at(0)
        assert str(first_row[1]) == "Walk 8 [red]x[/red]"  # shown as text, not markup
        assert "recording" not in first_row[5]
        assert table.get_row_at(1)[5] == "partial"
        assert table.get_row_at(4)[5] == "completed (sim)"
        labels = [str(s.render()) for s in screen.query(".trend-label").results(Static)]
        assert labels == [
            "Min a week",
            "Pain before",
            "Pain after",
            "Top incline",
            "Cadence",
            "Morning pain",
        ]
        sparks = list(screen.query(Sparkline).results(Sparkline))
        # weeks from Monday: walks of 10-13 min, then 14, 15 and the partial 15.8, then 17
        assert list(sparks[0].data or []) == [46.0, 44.8, 17.0]
        # the metronome tempo of each walk that had one (walks 3 to 8)
        assert list(sparks[4].data or []) == [94, 96, 98, 100, 102, 104]
        await pilot.press("enter")  # the newest walk
        assert isinstance(app.screen, WalkDetailScreen)
        detail = app.screen.detail
        assert "Walk 8" in "\n".join(detail.lines)
        assert max(detail.incline) == 4.0  # 0.5 % more every 2 min of a 17-min walk
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_history_with_no_walks_says_so(tmp_path: Path) -> None:
    app = Host(DashboardHistory(str(tmp_path)).history_screen)
    async with app.run_test(size=(80, 24)):
        assert "No walks yet" in _text(app.screen, "#history-empty")


@pytest.mark.usefixtures("late_morning")
async def test_morning_question_records_the_answer(tmp_path: Path) -> None:
    notes: list[str] = []
    with Store.open(store_path(tmp_path)) as store:
        walk_id = store.begin_walk(WalkMeta(profile="w"), now=FIRST)
        store.finish_walk(walk_id, {"outcome": "completed", "pain_readings": []}, now=FIRST)
    hist = DashboardHistory(str(tmp_path), notify=notes.append, simulated=False)
    app = Host(hist.checkin_screen)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("4")
        assert not isinstance(app.screen, CheckinScreen)
    with Store.open(store_path(tmp_path)) as store:
        assert [(c.walk_id, c.nrs) for c in store.checkins()] == [(walk_id, 4)]
    assert notes and "Thank you" in notes[0]
    assert hist.checkin_screen() is None  # asked once


@pytest.mark.usefixtures("late_morning")
async def test_morning_question_escape_asks_again_later_and_s_skips(tmp_path: Path) -> None:
    with Store.open(store_path(tmp_path)) as store:
        walk_id = store.begin_walk(WalkMeta(profile="w"), now=FIRST)
        store.finish_walk(walk_id, {"outcome": "completed", "pain_readings": []}, now=FIRST)
    hist = DashboardHistory(str(tmp_path), simulated=False)
    for key, saved in (("escape", []), ("s", [None])):
        app = Host(hist.checkin_screen)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
        with Store.open(store_path(tmp_path)) as store:
            assert [c.nrs for c in store.checkins()] == saved


async def test_a_dashboard_walk_is_recorded_and_summed_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    text = 'name = "Two minutes"\n' + SEGMENT.format(
        kind="warmup", name="Warm-up", duration="1 min"
    )
    app = make_app(tmp_path, text)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("right_square_bracket")  # skip to the end of the programme
        await wait_until(pilot, lambda: isinstance(app.screen, PostWalkScreen), within_s=10)
        await pilot.press("1", "n", "1", "3", "enter", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), within_s=10)
        assert state(app) is State.FINISHED
        assert _text(app.screen, "#summary-saved") == "Saved as walk 1."
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        table = app.screen.query_one("#walks", DataTable)
        assert table.row_count == 1 and "(sim)" in table.get_row_at(0)[5]
    with Store.open(store_path(tmp_path / "data")) as store:
        (row,) = store.list_walks()
        assert row.simulated and not row.partial and row.post_nrs == 1 and row.rpe == 13
        assert store.samples(row.id) and store.events(row.id)


@pytest.mark.usefixtures("late_morning")
async def test_the_dashboard_asks_the_morning_question_on_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    with Store.open(store_path(data)) as store:
        walk_id = store.begin_walk(WalkMeta(profile="yesterday", simulated=True), now=FIRST)
        store.finish_walk(walk_id, {"outcome": "completed", "pain_readings": []}, now=FIRST)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("2")
        await wait_until(pilot, lambda: not isinstance(app.screen, CheckinScreen))
        # then the walk begins as usual, with the belt still
        await wait_until(pilot, lambda: app.screen.id == "pain-check")
        assert app.machine is not None and app.machine.speed_kmh == 0.0
    with Store.open(store_path(data)) as store:
        assert [c.nrs for c in store.checkins()] == [2]


# ---------------------------------------------------------------------- snapshots

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_summary_snapshot(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(
        Host(lambda: SummaryScreen(the_summary(), lambda: None)), terminal_size=size
    )


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_history_snapshot(snap_compare: SnapCompare, size: tuple[int, int], tmp_path: Path) -> None:
    hist = _history(tmp_path)
    assert snap_compare(Host(hist.history_screen), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_walk_detail_snapshot(
    snap_compare: SnapCompare, size: tuple[int, int], tmp_path: Path
) -> None:
    hist = _history(tmp_path)

    async def open_walk(pilot: Any) -> None:
        await pilot.press("down", "enter")  # the partial walk

    assert snap_compare(Host(hist.history_screen), terminal_size=size, run_before=open_walk)


def test_the_dashboard_suggests_the_next_walk_from_the_history(tmp_path: Path) -> None:
    hist = DashboardHistory(str(tmp_path))
    assert hist.suggestion() is None  # no walks yet: nothing to build on
    fill_store(store_path(tmp_path))
    text = hist.suggestion()
    assert text is not None and text.startswith("Suggested next walk: ")
    assert "Why: " in text and text.endswith(".")


async def test_the_dashboard_shows_the_suggestion_on_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    fill_store(store_path(data))
    with Store.open(store_path(data)) as store:  # the last walk's morning is answered
        store.add_checkin(store.ids()[-1], 1, 1, now=FIRST)
    notices: list[str] = []
    app = make_app(tmp_path)
    monkeypatch.setattr(app, "_history_notice", notices.append)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.screen.id == "pain-check")
    assert any(n.startswith("Suggested next walk: ") for n in notices)
