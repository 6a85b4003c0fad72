"""Opening the app loads only what its first screen needs (scripts/bench: launch to first frame).

numpy and the audio chain load when a walk starts, bleak and D-Bus when Bluetooth is used,
pint for a unit spelling outside the everyday ones, markdown-it when the advice is shown. Each
costs a noticeable part of a second on a small computer; together they doubled the launch.
"""

from __future__ import annotations

import subprocess
import sys

LATER = ("numpy", "bleak", "bleak_retry_connector", "dbus_fast", "pint", "markdown_it")


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
