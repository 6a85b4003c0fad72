"""``units = "mph"`` in the walker's settings file, through ``run_dashboard`` as a person
starts it: the walk screen, its chart and Next line, and the engine's own words are in mph,
while the belt is driven in km/h exactly as before."""

from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, Label

from tests.ui.helpers import FAST, RUNNER, SEGMENT, start_walking, wait_until
from tests.ui.history_fixtures import fill_store
from treadmill_tui.history.paths import store_path
from treadmill_tui.profiles.display_units import KM_PER_MILE, MPH
from treadmill_tui.ui.app import TreadmillApp, run_dashboard
from treadmill_tui.ui.history_hook import DashboardHistory
from treadmill_tui.ui.screens.history import HistoryScreen, WalkDetailScreen

PROFILE = (
    'name = "Units walk"\n'
    + SEGMENT.format(kind="warmup", name="Warm-up", duration="1 min").replace("1.0", "2.5")
    + SEGMENT.format(kind="walk", name="Walk", duration="5 min").replace("1.0", "3.2")
    + SEGMENT.format(kind="cooldown", name="Cool-down", duration="1 min").replace("1.0", "2.5")
)


def dashboard_from_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: str
) -> TreadmillApp:
    """The app ``run_dashboard`` builds from the settings file, caught before it runs."""
    config = tmp_path / "settings.toml"
    config.write_text(settings, encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(config))
    profile = tmp_path / "walk.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    built: list[TreadmillApp] = []

    def catch(self: TreadmillApp) -> int:
        built.append(self)
        return 0

    monkeypatch.setattr(TreadmillApp, "run", catch)
    assert run_dashboard(profile_path=str(profile), sound=False) == 0
    (app,) = built
    # a quick simulated belt, as the other dashboard tests use (the settings are untouched)
    app._sim_config, app._runner_settings = FAST, RUNNER
    return app


def label_of(app: TreadmillApp, selector: str) -> str:
    return str(app.screen.query_one(selector).query_one(".stat-label", Label).render())


async def test_mph_in_the_settings_shows_mph_on_the_walk_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = dashboard_from_settings(tmp_path, monkeypatch, 'units = "mph"\n')
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        assert label_of(app, "#stat-speed") == "Speed mph"
        assert label_of(app, "#stat-distance") == "Distance mi"
        app.tick()
        snap = app.snap
        assert snap is not None and snap.actual_speed_kmh is not None
        stats = app.walk.stats
        assert stats["speed"].value == f"{snap.actual_speed_kmh / KM_PER_MILE:.1f}"
        assert stats["distance"].value == f"{snap.distance_m / 1000 / KM_PER_MILE:.2f}"
        # the plan's 3.2 km/h walk comes next: 1.99 mph
        assert str(app.walk.next_line.render()).startswith("Next: Walk 2 mph in ")
        chart = app.walk.chart.model
        assert chart is not None
        lane = [r for r, kind in zip(chart.rows, chart.kinds, strict=True) if kind == "speed"]
        assert lane[-1].startswith(" mph ")
        # the engine's words: a nudge is one machine step of 0.1 km/h, said as 0.06 mph
        await pilot.press("up")
        await wait_until(pilot, lambda: app.walk.said.startswith("Speed"))
        assert re.fullmatch(r"Speed \+0\.06 → \d+(\.\d)? mph", app.walk.said), app.walk.said
        # the big number follows the engine's km/h target, shown in mph
        app.tick()
        assert app.snap is not None and app.snap.target_speed_kmh is not None
        target = f"target {app.snap.target_speed_kmh / KM_PER_MILE:.1f}"
        assert str(app.walk.stats["speed"].query_one(".stat-note", Label).render()) == target


async def test_the_default_settings_keep_km_h(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = dashboard_from_settings(tmp_path, monkeypatch, "")
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        assert label_of(app, "#stat-speed") == "Speed km/h"
        assert label_of(app, "#stat-distance") == "Distance km"
        await pilot.press("up")
        await wait_until(pilot, lambda: app.walk.said.startswith("Speed"))
        assert re.fullmatch(r"Speed \+0\.1 → \d+(\.\d)? km/h", app.walk.said), app.walk.said


async def test_the_history_screens_give_miles_and_mph(tmp_path: Path) -> None:
    fill_store(store_path(tmp_path))
    hist = DashboardHistory(str(tmp_path), tz=UTC, unit=MPH)

    class Host(App[None]):
        def on_mount(self) -> None:
            screen = hist.history_screen()
            assert screen is not None
            self.push_screen(screen)

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        distance = str(screen.query_one("#walks", DataTable).get_row_at(0)[3])
        assert distance.endswith(" mi"), distance
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, WalkDetailScreen)
        labels = [str(label.render()) for label in detail.query(".chart-label").results(Label)]
        assert labels[0] == "Speed (mph) over the walk"
        (line,) = [line for line in detail.detail.lines if line.startswith("distance ")]
        assert line.split(maxsplit=1)[1] == distance  # the same miles as the table
