"""The next-morning question (docs/walking.md §3.6): back pain on waking, one key, 0-10. S skips
(the next walk then repeats the last one's dose); Escape asks again later."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

QUESTION = "How is your back this morning, on waking? 0 = no pain, 10 = worst."


class CheckinScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    CheckinScreen { align: center middle; }
    #checkin-box {
        width: 90%; max-width: 80; height: auto;
        border: round $accent; padding: 1 2; background: $surface;
    }
    #checkin-title { text-style: bold; }
    #checkin-keys { padding: 1 0 0 0; }
    #checkin-usual { color: $text-muted; padding: 1 0 0 0; }
    """
    BINDINGS = [
        *[
            Binding(str(n), f"answer({n})", str(n), show=False, id=f"checkin.{n}")
            for n in range(10)
        ],
        Binding("t", "answer(10)", "10", show=False, id="checkin.10"),
        Binding("s", "skip", "Skip", id="checkin.skip"),
        Binding("escape", "later", "Later", id="checkin.later"),
    ]

    def __init__(
        self, walked: str, usual: int | None, on_answer: Callable[[int | None], None]
    ) -> None:
        super().__init__(id="checkin")
        self._walked = walked
        self._usual = usual
        self._on_answer = on_answer
        self.answered: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-box"):
            yield Label("Good morning", id="checkin-title")
            yield Static(f"Your last walk was {self._walked}.", markup=False)
            yield Static(QUESTION, id="checkin-question")
            yield Static("Press 0-9, or T for 10.  S skips today.", id="checkin-keys")
            if self._usual is not None:
                yield Static(f"Your usual morning pain: {self._usual}.", id="checkin-usual")
        yield Footer()

    def action_answer(self, nrs: int) -> None:
        self.answered = nrs
        self._on_answer(nrs)
        self.dismiss(None)

    def action_skip(self) -> None:
        self._on_answer(None)
        self.dismiss(None)

    def action_later(self) -> None:
        self.dismiss(None)
