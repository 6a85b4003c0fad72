"""The `?` help: every key that works right now, and the safety text.

The keys are read from the screen underneath (its active bindings, which follow the engine's
accepted inputs), so the help can never list a key that does nothing. Esc, ? or Q closes it.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from treadmill_tui.profiles.catalogue import SAFETY_PAIN_TEXT, SAFETY_STOP_TEXT
from treadmill_tui.ui.keys import KeyItem, ordered
from treadmill_tui.ui.widgets.key_bar import KeyBar, active_keys

ALWAYS = (
    KeyItem("Space", "Stop the belt now (always)", "space"),
    KeyItem("Ctrl+Q", "Stop the belt, then quit", "ctrl+q"),
)


def help_lines(keys: list[KeyItem]) -> list[str]:
    """One line per key; Space and Ctrl+Q are always listed."""
    listed = [k for k in ordered([*ALWAYS, *keys]) if k.key not in ("?",)]
    width = max((len(k.key) for k in listed), default=1)
    return [f"{k.key:>{width}}  {k.description}" for k in listed]


def open_help(app: App[Any]) -> None:
    """`?`: the keys of the screen on top (never stacked twice) and the safety text."""
    if not isinstance(app.screen, HelpScreen):
        app.push_screen(HelpScreen(app.screen))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close help", id="help.close"),
        Binding("question_mark", "close", "Close", show=False, id="help.close_q"),
        Binding("q", "close", "Close", show=False, id="help.close_quit"),
    ]
    AUTO_FOCUS = None

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__(id="help")
        self.keys = [k for k in active_keys(under) if k.binding_key != "question_mark"]
        self.lines = help_lines(self.keys)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label("Keys you can use now", id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static("\n".join(self.lines), id="help-keys", markup=False)
                yield Static(SAFETY_STOP_TEXT, id="help-safety", markup=False)
                yield Static(SAFETY_PAIN_TEXT, id="help-pain", markup=False)
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
