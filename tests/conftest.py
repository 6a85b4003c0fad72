"""Shared test settings."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# CI runs are derandomised so a red build can be reproduced from its log alone.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def _history_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Walks recorded by tests (simulate, the dashboard) go to a temporary store, never the
    user's own history."""
    folder = tmp_path_factory.mktemp("history")
    monkeypatch.setenv("TREADMILL_TUI_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True, scope="session")
def _own_profiles_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never see the real user profiles folder on this machine: an empty one of their
    own (a test that needs profiles there sets ``TREADMILL_TUI_PROFILES`` itself)."""
    os.environ["TREADMILL_TUI_PROFILES"] = str(tmp_path_factory.mktemp("user-profiles"))
    # nor the user's own settings file, which the first run writes into: a settings file of
    # their own in which the first-run safety text counts as read (tests/ui/test_home.py and
    # tests/test_settings_edit.py point TREADMILL_TUI_CONFIG elsewhere on purpose)
    config = tmp_path_factory.mktemp("config") / "settings.toml"
    config.write_text("safety_acknowledged = true\n", encoding="utf-8")
    os.environ["TREADMILL_TUI_CONFIG"] = str(config)


@pytest.fixture
def after_four_today(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The history's clock at noon today, local time: the morning question opens at 04:00
    (docs/progression.md), so tests that expect it asked must not depend on the hour they run
    at (between midnight and 04:00 it is rightly not asked yet)."""
    noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    now = noon.astimezone(UTC)
    for module in ("history.cli", "history.journal", "ui.history_hook"):
        monkeypatch.setattr(f"treadmill_tui.{module}.utc_now", lambda: now)
    return now
