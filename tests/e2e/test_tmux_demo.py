"""What a person sees: the real CLI in a real terminal (tmux), typing real keys."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    name = f"e2e-{uuid.uuid4().hex[:8]}"
    app = f"{sys.executable} -m treadmill_tui --simulate --no-sound"
    # The walker's own settings file, not this machine's: the run does not depend on it.
    settings = tmp_path / "settings.toml"
    settings.write_text('emergency_number = "999"\n', encoding="utf-8")
    # and its own walk history: a walk on this machine yesterday would ask the morning
    # question first (the tmux server does not pass on the test's environment)
    history = tmp_path / "history"
    env = (
        f"TEXTUAL_ANIMATIONS=none TREADMILL_TUI_CONFIG={settings} TREADMILL_TUI_DATA_DIR={history}"
    )
    command = f"cd {ROOT} && {env} {app}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "36", command], check=True
    )
    try:
        yield name
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def screen(name: str) -> str:
    result = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True, check=False
    )
    return result.stdout


def wait_for(name: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen showed:\n{screen(name)}")


def send(name: str, *keys: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", name, *keys], check=True)


def test_demo_starts_belt_only_on_key_and_stops_on_space(session: str, tmp_path: Path) -> None:
    # the very first run: the safety text, acknowledged once and remembered in the settings
    wait_for(session, "safety key")
    wait_for(session, "I understand")
    wait_for(session, "Your walk today")  # over the home screen
    send(session, "Enter")
    # no --profile: the home screen; no walk yet, so Enter opens the walk list
    wait_for(session, "Press Enter: Choose a walk.")
    wait_for(session, "Treadmill: Simulated treadmill")
    shown = wait_for(session, "No walks yet.")
    assert "I understand" not in shown
    settings = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    assert (
        settings.startswith('emergency_number = "999"\n')
        and "safety_acknowledged = true" in settings
    )
    send(session, "Enter")
    wait_for(session, "Choose today's walk")
    wait_for(session, "First week: 10-minute flat walk")
    shown = wait_for(session, "Start this walk")
    assert "Before you start" not in shown
    send(session, "Enter")  # the first-week walk is highlighted
    shown = wait_for(session, "Before you start")  # then the pre-walk pain check
    assert "First week" in shown  # the picked walk's name is in the header
    assert "safety key" in shown  # the safety wording is on screen before any start
    send(session, "2", "n")  # a green answer: two keys
    shown = wait_for(session, "press S to start")
    assert "Speed km/h" in shown and "safety key" in shown
    time.sleep(1.0)
    assert "Starting the belt" not in screen(session)  # nothing moves until S
    send(session, "s")
    wait_for(session, "Starting the belt")
    wait_for(session, "Warm-up: walk easy")
    send(session, "Space")
    wait_for(session, "Stopping the belt")
    wait_for(session, "Belt stopped", timeout=20)
    send(session, "C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
        if alive.returncode != 0:
            return  # the app quit and its terminal closed
        time.sleep(0.1)
    raise AssertionError("Ctrl+Q did not quit the dashboard")


def test_broken_profile_is_reported_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[segments]]\nkind = "walk"\nspeed = "fast"\n')
    result = subprocess.run(
        [sys.executable, "-m", "treadmill_tui", "--simulate", "--profile", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "error:" in result.stderr and "Traceback" not in result.stderr, result.stderr
