"""The safety text on the very first run, shown once and acknowledged.

The acknowledgement is a small file beside the settings file (``settings path``), so it
survives updates; ``TREADMILL_TUI_FIRST_RUN`` points elsewhere (tests use it). If it cannot be
written the text is simply shown again next time: never an error.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from treadmill_tui.profiles.catalogue import SAFETY_STOP_TEXT
from treadmill_tui.settings import settings_path

ACK_ENV = "TREADMILL_TUI_FIRST_RUN"
TEXT = (
    "Welcome to treadmill-tui.\n\n"
    f"{SAFETY_STOP_TEXT}\n\n"
    "Space stops the belt at any time. The belt never starts by itself: only S starts it.\n\n"
    "This is a wellness tool for a gradual walking plan, not a medical device. If pain "
    "spreads down a leg, or you feel numbness or weakness, stop and seek advice."
)


def ack_path() -> Path:
    override = os.environ.get(ACK_ENV)
    return Path(override) if override else settings_path().with_name("safety-acknowledged")


def acknowledged() -> bool:
    return ack_path().exists()


def acknowledge() -> None:
    path = ack_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The first-run safety text was read and acknowledged.\n")
    except OSError:
        pass  # shown again next time


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
