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
    "treadmill_tui.devices",
    "treadmill_tui.profiles",
    "treadmill_tui.session",
    "treadmill_tui.metronome",
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
