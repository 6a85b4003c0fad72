"""The home panel: the treadmill, today's proposed walk and why, the last walks with pain
before → after; shown above the walk list on a real start (no --profile)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.ui.test_snapshots import PICKER_PROFILE
from treadmill_tui.history.store import WalkRow
from treadmill_tui.ui.app import TreadmillApp
from treadmill_tui.ui.choices import DEFAULT_PROFILE, bundled_choices
from treadmill_tui.ui.home_view import home_lines, recent_lines, stored_walks
from treadmill_tui.ui.screens.picker import PickerScreen

SnapCompare = Callable[..., bool]


def row(day: int, profile: str, before: int | None, after: int | None) -> WalkRow:
    return WalkRow(
        id=day, started_at=datetime(2026, 12, day, 9, 0, tzinfo=UTC), profile=profile,
        simulated=False, partial=False, recording=False, outcome="done", planned_s=600.0,
        duration_s=630.0, active_s=600.0, distance_m=400.0, elevation_gain_m=0.0,
        max_speed_kmh=3.0, max_incline_pct=0.0, baseline=before, max_nrs=after,
        post_nrs=after, worst_zone="green", rpe=None, session_number=day, device="sim",
    )  # fmt: skip


ROWS = [row(1, "First week", 3, 3), row(3, "First week", 3, 2), row(5, "Longer walk", 2, None)]
SUGGESTION = "Suggested next walk: 12 min, 3 walks a week, flat. Why: the last two were easy."


def test_recent_walks_newest_first_with_pain_before_and_after() -> None:
    lines = recent_lines(ROWS, tz=UTC)
    assert lines == [
        "Sat 05 Dec  Longer walk  10 min  pain 2 → –",
        "Thu 03 Dec  First week  10 min  pain 3 → 2",
        "Tue 01 Dec  First week  10 min  pain 3 → 3",
    ]


def test_home_lines_say_the_treadmill_today_and_the_last_walks() -> None:
    lines = home_lines("simulated", SUGGESTION, recent_lines(ROWS, tz=UTC))
    assert lines[0] == "Treadmill: simulated"
    assert lines[1] == f"Today: {SUGGESTION}"
    assert lines[2].startswith("Last walks: Sat 05 Dec")
    assert home_lines("simulated", None, [])[1:] == [
        "Today: choose a walk below.",
        "Last walks: none yet.",
    ]


def test_no_store_means_no_walks(tmp_path: Path) -> None:
    assert stored_walks(tmp_path / "missing.sqlite3") == []


async def test_a_real_start_shows_the_home_panel_above_the_walks() -> None:
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        text = str(picker.home.render())
        assert picker.home.display and "Treadmill: simulated" in text
        assert "Last walks: none yet." in text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_home_snapshot(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    (tmp_path / DEFAULT_PROFILE).write_text(
        PICKER_PROFILE.format(name="First week", description="Easy and flat.", minutes=7)
    )
    (tmp_path / "longer.toml").write_text(
        PICKER_PROFILE.format(name="Longer walk", description="A little further.", minutes=17)
    )
    home = home_lines("simulated", SUGGESTION, recent_lines(ROWS, tz=UTC))
    app = TreadmillApp(None, choices=bundled_choices(tmp_path), sound=False)

    async def with_home(pilot: object) -> None:
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        picker.home.update("\n".join(home))
        picker.home.display = True

    assert snap_compare(app, terminal_size=size, run_before=with_home)


async def test_the_first_run_shows_the_safety_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treadmill_tui.ui.first_run import FirstRunScreen

    ack = tmp_path / "config" / "safety-acknowledged"
    monkeypatch.setenv("TREADMILL_TUI_FIRST_RUN", str(ack))
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        assert "safety key" in str(app.screen.query_one("#first-run-text").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and ack.exists()
    again = TreadmillApp(None, sound=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, PickerScreen)  # remembered: not shown twice
