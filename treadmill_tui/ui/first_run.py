"""The safety text on the very first run, shown once and acknowledged.

The acknowledgement is remembered in the walker's settings file (``safety_acknowledged =
true``, added at its end by ``settings_edit.py``), so it survives updates; the older scheme's
``safety-acknowledged`` file beside it still counts. If it cannot be written the text is simply
shown again next time: never an error.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from treadmill_tui.profiles.catalogue import SAFETY_STOP_TEXT
from treadmill_tui.settings_edit import acknowledge

TEXT = (
    "Welcome to treadmill-tui.\n\n"
    f"{SAFETY_STOP_TEXT}\n\n"
    "Space stops the belt at any time. The belt never starts by itself: only S starts it.\n\n"
    "This is a wellness tool for a gradual walking plan, not a medical device. If pain "
    "spreads down a leg, or you feel numbness or weakness, stop and seek advice."
)


class FirstRunScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    FirstRunScreen { align: center middle; }
    FirstRunScreen #first-run { width: 76; max-width: 100%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface; }
    FirstRunScreen Button { margin-top: 1; }
    """
    BINDINGS = [Binding("enter", "understood", "I understand", priority=True, id="first.ok")]

    def compose(self) -> ComposeResult:
        with Vertical(id="first-run"):
            yield Static(TEXT, id="first-run-text", markup=False)
            yield Button("I understand", id="first-run-ok", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_understood()

    def action_understood(self) -> None:
        acknowledge()
        self.dismiss(True)
