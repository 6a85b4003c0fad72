"""The summary after every walk: totals, pain before / during / after, breaks, what the walk did
about pain and the next-morning reminder. Text only from a :class:`SummaryView` (built without
Textual in ``treadmill_tui.history.walk_summary``); nothing in it is read as markup."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from treadmill_tui.history.walk_summary import SummaryView


def rows_text(rows: tuple[tuple[str, str], ...]) -> str:
    width = max((len(k) for k, _ in rows), default=0)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


class SummaryScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    SummaryScreen { align: center middle; }
    #summary-box {
        width: 90%; max-width: 100; height: auto; max-height: 100%;
        border: round $success; padding: 0 2; background: $surface;
    }
    #summary-title { text-style: bold; padding: 1 0 0 0; }
    #summary-rows { padding: 1 0 0 0; }
    #summary-story { height: auto; }
    #summary-story-title { text-style: bold; padding: 1 0 0 0; }
    #summary-advice { color: $warning; padding: 1 0 0 0; }
    #summary-reminder { padding: 1 0 0 0; }
    #summary-saved { color: $text-muted; padding: 1 0 1 0; }
    """
    BINDINGS = [
        Binding("enter", "close", "Done", id="summary.close"),
        Binding("escape", "close", "Done", show=False, id="summary.escape"),
        Binding("h", "history", "History", id="summary.history"),
    ]

    def __init__(self, view: SummaryView, on_history: Callable[[], None] | None = None) -> None:
        super().__init__(id="summary")
        self.view = view
        self._on_history = on_history

    def compose(self) -> ComposeResult:
        v = self.view
        with VerticalScroll(id="summary-box"):
            yield Label(v.title, id="summary-title", markup=False)
            yield Static(rows_text(v.rows), id="summary-rows", markup=False)
            with Vertical(id="summary-story"):
                yield Static("What the walk did for your back:", id="summary-story-title")
                yield Static("\n".join(v.story), id="summary-story-lines", markup=False)
            if v.advice:
                yield Static(v.advice, id="summary-advice", markup=False)
            yield Static(v.reminder, id="summary-reminder", markup=False)
            yield Static(v.saved, id="summary-saved", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_history(self) -> None:
        if self._on_history is not None:
            self._on_history()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history":
            return self._on_history is not None
        return True
