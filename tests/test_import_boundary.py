"""Headless modules must load without Textual (a run-time check beside the import-linter
contract, which cannot tell a deferred import from an eager one)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "treadmill_tui.cli",
    "treadmill_tui.clock",
    "treadmill_tui.crashlog",
    "treadmill_tui.settings",
    "treadmill_tui.ftms",
    # the packages import nothing themselves, so their working modules are named here
    "treadmill_tui.devices.opening",
    "treadmill_tui.devices.treadmill",
    "treadmill_tui.devices.bluetooth.transport",
    "treadmill_tui.profiles",
    "treadmill_tui.session.engine",
    "treadmill_tui.session.wiring",
    "treadmill_tui.session.simulate",
    "treadmill_tui.metronome.player",
    "treadmill_tui.metronome.announcer",
    "treadmill_tui.metronome.backends",
    "treadmill_tui.history.store",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_module_loads_without_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_cli_parser_builds_without_textual() -> None:
    code = (
        "import sys; from treadmill_tui.cli import build_parser; build_parser(); "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
