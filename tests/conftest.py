"""Shared test settings."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
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


# The morning question is asked only from 04:00 local time on the day after a walk, so tests
# that read the wall clock failed between midnight and four. They take this fixed late morning
# instead, in UTC, through the history's one clock (``utc_now`` where the app and CLI read it).
LATE_MORNING = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def late_morning(monkeypatch: pytest.MonkeyPatch) -> Iterator[datetime]:
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    for module in ("treadmill_tui.history.cli", "treadmill_tui.ui.history_hook"):
        monkeypatch.setattr(f"{module}.utc_now", lambda: LATE_MORNING)
    yield LATE_MORNING
    if old_tz is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old_tz
    time.tzset()
