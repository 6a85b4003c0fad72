"""What the walker sees during a walk, in a real terminal at 100×30: the chart's cursor moves,
a "Next:" countdown comes before a change, an amber answer is acknowledged, and Space leads the
key bar at 80 columns."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_tmux_demo import ROOT, screen, send, wait_for

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

CURSOR = "▼"

# A short walk with a cadence-led segment and an exercise break, so everything happens soon.
PROFILE = """
name = "E2E walk with a break"
step_length = "0.6 m"

[[segments]]
kind = "warmup"
duration = "40 s"
speed = "2.0 km/h"

[[segments]]
kind = "walk"
name = "Cadence walk"
duration = "60 s"
cadence = "80 spm"

[[segments]]
kind = "break"
name = "Standing break"
exercises = [{ name = "Standing abdominal", hold = "5 s", reps = 1 }]

[[segments]]
kind = "walk"
name = "Easy walk"
duration = "40 s"
speed = "2.5 km/h"

[[segments]]
kind = "cooldown"
duration = "20 s"
speed = "2.0 km/h"
"""


@pytest.fixture
def walk(tmp_path: Path) -> Iterator[str]:
    name = f"e2e-{uuid.uuid4().hex[:8]}"
    profile = tmp_path / "walk.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    settings = tmp_path / "settings.toml"
    settings.write_text('emergency_number = "999"\n', encoding="utf-8")
    env = f"TEXTUAL_ANIMATIONS=none TREADMILL_TUI_CONFIG={settings}"
    app = f"{sys.executable} -m treadmill_tui --simulate --no-sound --profile {profile}"
    command = f"cd {ROOT} && {env} {app}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command], check=True
    )
    try:
        yield name
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def cursor_column(shown: str) -> int:
    for line in shown.splitlines():
        if CURSOR in line:
            return line.index(CURSOR)
    raise AssertionError(f"no chart cursor on screen:\n{shown}")


def cursor_when_drawn(target: str, within_s: float = 10.0) -> int:
    """The cursor's column once the chart shows it (under load the "Next:" line can be drawn
    a frame before the chart is)."""
    deadline = time.monotonic() + within_s
    while True:
        shown = screen(target)
        if CURSOR in shown or time.monotonic() >= deadline:
            return cursor_column(shown)
        time.sleep(0.2)


def test_walk_screen_says_what_comes_next(walk: str) -> None:
    wait_for(walk, "Before you start")
    send(walk, "2", "n")
    wait_for(walk, "press S to start")
    send(walk, "s")
    shown = wait_for(walk, "Next: Cadence walk")
    assert "Next: Cadence walk 2.9 km/h, 80 steps/min in 0:" in shown
    first = cursor_column(shown) if CURSOR in shown else cursor_when_drawn(walk)
    # the cursor moves along the chart as programme time passes (about 1.6 s a column)
    deadline = time.monotonic() + 20
    while cursor_when_drawn(walk) <= first:
        assert time.monotonic() < deadline, "the chart cursor did not move"
        time.sleep(0.3)
    # an amber answer is acknowledged with what it does
    send(walk, "p")
    wait_for(walk, "Pain check (you asked)")
    send(walk, "5", "n")
    words = " ".join(wait_for(walk, "Amber:").split())  # the line may wrap
    assert "no more increases" in words and "ask again in 2 minutes" in words
    # at 80 columns Space still leads the key bar, in full
    subprocess.run(["tmux", "resize-window", "-t", walk, "-x", "80", "-y", "24"], check=True)
    deadline = time.monotonic() + 10
    while True:
        bottom = screen(walk).rstrip("\n").splitlines()[-1]
        if bottom.strip().startswith("Space  Stop now"):
            break
        assert time.monotonic() < deadline, f"key bar at 80 columns: {bottom!r}"
        time.sleep(0.2)
    send(walk, "Space")
    wait_for(walk, "Belt stopped", timeout=30)
    send(walk, "C-q")
