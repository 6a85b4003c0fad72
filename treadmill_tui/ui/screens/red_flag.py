"""The red-flag screen (docs/walking.md §5): the engine's text, locked until acknowledged.

No key closes it except A; the app removes it only when the engine leaves the red-flag state.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from treadmill_tui.ui.view import red_flag_markdown
from treadmill_tui.ui.widgets.key_bar import KeyBar


class RedFlagScreen(ModalScreen[None]):
    BINDINGS = [Binding("a", "acknowledge", "I have read this", id="red_flag.ack")]
    AUTO_FOCUS = None

    def __init__(self, text: str | None, on_acknowledge: Callable[[], None]) -> None:
        super().__init__(id="red-flag")
        self._text = red_flag_markdown(text)
        self._on_acknowledge = on_acknowledge
        self.acknowledged = False

    def compose(self) -> ComposeResult:
        # Markdown (markdown-it) costs a noticeable part of the app's start; load it when shown
        from textual.widgets import Markdown

        with Vertical(id="red-flag-box"):
            yield Label("Stop walking: please read this", id="red-flag-title")
            with VerticalScroll(id="red-flag-scroll"):
                yield Markdown(self._text, id="red-flag-text")
            yield Static(
                "The programme is locked. Press [b]A[/b] once you have read this.",
                id="red-flag-hint",
            )
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "acknowledge" and self.acknowledged)

    def action_acknowledge(self) -> None:
        if self.acknowledged:
            return
        self.acknowledged = True
        self.query_one("#red-flag-hint", Static).update(
            "Acknowledged. Waiting for the belt to stop; the programme stays locked today."
        )
        self.refresh_bindings()
        self._on_acknowledge()
