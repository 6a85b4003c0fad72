"""`!`: the warning signs to read at any time. Reading them costs nothing.

The advice (docs/walking.md §5) opens over the walk, which goes on; Esc goes back. Stopping for
a symptom is a separate, clearly worded action: H, "I have one of these", which asks the engine
for the red-flag stop (the belt stops and the programme is locked until acknowledged). After
the walk, or once stopped, the advice can still be read; H is then not offered.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from treadmill_tui.ui.widgets.key_bar import KeyBar

READ_HINT = "Esc goes back to the walk; the belt keeps going."
REPORT_HINT = "If you have one of these now, press H: the belt stops and the walk ends."


class AdviceScreen(ModalScreen[bool]):
    """Dismissed with True when the walker says "I have one of these"."""

    BINDINGS = [
        Binding("escape", "close", "Back to the walk", id="advice.close"),
        Binding("h", "have", "I have one of these", id="advice.have"),
        Binding("exclamation_mark", "close", "Close", show=False, id="advice.close_bang"),
    ]
    AUTO_FOCUS = None

    def __init__(self, text: str, *, can_report: bool) -> None:
        super().__init__(id="advice")
        self._text = text
        self.can_report = can_report

    def compose(self) -> ComposeResult:
        # Markdown (markdown-it) costs a noticeable part of the app's start; load it when shown
        from textual.widgets import Markdown

        with Vertical(id="advice-box"):
            yield Label("Warning signs: read them at any time", id="advice-title")
            with VerticalScroll(id="advice-scroll"):
                yield Markdown(self._text, id="advice-text")
            hint = f"{READ_HINT} {REPORT_HINT}" if self.can_report else "Esc closes this."
            yield Static(hint, id="advice-hint", markup=False)
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "have":
            return self.can_report
        return True

    def action_close(self) -> None:
        self.dismiss(False)

    def action_have(self) -> None:
        if self.can_report:
            self.dismiss(True)
