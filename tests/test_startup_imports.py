"""Opening the app loads only what its first screen needs (scripts/bench: launch to first frame).

numpy and the audio chain, the walk engine, the treadmill client, the simulator and the FTMS
codec load when a walk starts; bleak and D-Bus when Bluetooth is used; pint for a unit spelling
outside the everyday ones; markdown-it when the advice is shown. Each costs a noticeable part
of a second on a small computer; together they more than doubled the launch.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LATER = (
    "numpy",
    "bleak",
    "bleak_retry_connector",
    "dbus_fast",
    "pint",
    "markdown_it",
    "treadmill_tui.session.engine",
    "treadmill_tui.session.runner",
    "treadmill_tui.devices.treadmill",
    "treadmill_tui.devices.simulator",
    "treadmill_tui.ftms",
    "treadmill_tui.history.recorder",
    "treadmill_tui.ui.screens.editor",
)


def test_the_dashboard_module_and_the_walk_list_load_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import treadmill_tui.ui.app\n"
        "from treadmill_tui.settings import load_settings\n"
        "from treadmill_tui.ui.choices import all_choices\n"
        "load_settings()\n"
        "assert all(c.available for c in all_choices())\n"
        f"print(' '.join(m for m in {LATER!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_real_start_draws_its_first_screen_without_them(tmp_path: Path) -> None:
    """The whole start as the command line runs it (--simulate), headless, up to the moment
    its first screen is drawn: settings, history, the walk list, the app and its screens."""
    code = (
        "import sys\n"
        "from textual.app import App\n"
        "from treadmill_tui.ui import app as dashboard\n"
        "loaded = []\n"
        "real_run = App.run\n"
        "def run(self, **kwargs):\n"
        "    def drawn():\n"
        f"        loaded.extend(m for m in {LATER!r} if m in sys.modules)\n"
        "        self.exit()\n"
        "    self.call_after_refresh(lambda: self.call_after_refresh(drawn))\n"
        "    return real_run(self, headless=True)\n"
        "dashboard.TreadmillApp.run = run\n"
        "status = dashboard.run_dashboard(sound=False)\n"
        "print(status, ' '.join(loaded))\n"
    )
    env = {**os.environ, "TREADMILL_TUI_CONFIG": str(tmp_path / "settings.toml")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "0"


def test_a_walk_still_loads_the_metronome_when_it_starts() -> None:
    """The lazy imports are real imports: building a walk's metronome pulls numpy in."""
    code = (
        "import sys\n"
        "from treadmill_tui.metronome.backends.choose import choose_backend\n"
        "from treadmill_tui.metronome.player import Metronome\n"
        "backend, _ = choose_backend('none', no_sound=True)\n"
        "Metronome(backend)\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
