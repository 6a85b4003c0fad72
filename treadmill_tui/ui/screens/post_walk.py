"""After the walk: back pain 0–10 (one key), effort on the Borg 6–20 scale, an optional note."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from treadmill_tui.session.inputs import PostWalkAnswer

RPE_HELP = "Effort (Borg scale): 6 = no effort, 11 = light, 13 = somewhat hard, 20 = maximal."


def parse_rpe(text: str) -> tuple[int | None, str | None]:
    """(value, problem): empty is fine (no answer); otherwise a whole number 6–20."""
    text = text.strip()
    if not text:
        return None, None
    if not text.isdigit() or not 6 <= int(text) <= 20:
        return None, "Effort is a whole number from 6 to 20 (or leave it empty)."
    return int(text), None


class PostWalkScreen(ModalScreen[None]):
    BINDINGS = [
        *[Binding(str(n), f"nrs({n})", str(n), show=False, id=f"post.{n}") for n in range(10)],
        Binding("t", "nrs(10)", "10", show=False, id="post.10"),
    ]
    AUTO_FOCUS = None

    def __init__(self, on_answer: Callable[[PostWalkAnswer], None]) -> None:
        super().__init__(id="post-walk")
        self._on_answer = on_answer
        self.nrs: int | None = None
        self.answered: PostWalkAnswer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="post-box"):
            yield Label("Walk done: how was it?", id="post-title")
            yield Static(
                "Back pain now? 0 = none, 10 = worst. Press 0–9, or T for 10.", id="post-question"
            )
            yield Static("", id="post-nrs")
            yield Static(RPE_HELP, id="post-rpe-help")
            # disabled (so not focusable, not typing) until the pain score is in
            yield Input(
                placeholder="effort 6–20, Enter",
                id="post-rpe",
                restrict=r"\d{0,2}",
                disabled=True,
            )
            yield Input(placeholder="note (optional), Enter to save", id="post-note", disabled=True)
            yield Static("", id="post-problem")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#post-rpe").display = False
        self.query_one("#post-note").display = False
        self.query_one("#post-rpe-help").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "nrs" and self.nrs is not None)

    def action_nrs(self, score: int) -> None:
        self.nrs = score
        self.query_one("#post-nrs", Static).update(f"Back pain: [b]{score}[/b] out of 10")
        for wid in ("#post-rpe", "#post-note", "#post-rpe-help"):
            self.query_one(wid).display = True
            self.query_one(wid).disabled = False
        self.query_one("#post-rpe", Input).focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#post-rpe")
    def _rpe_entered(self, event: Input.Submitted) -> None:
        _, problem = parse_rpe(event.value)
        self.query_one("#post-problem", Static).update(problem or "")
        if problem is None:
            self.query_one("#post-note", Input).focus()

    @on(Input.Submitted, "#post-note")
    def _note_entered(self, event: Input.Submitted) -> None:
        rpe, problem = parse_rpe(self.query_one("#post-rpe", Input).value)
        if problem is not None:
            self.query_one("#post-problem", Static).update(problem)
            self.query_one("#post-rpe", Input).focus()
            return
        if self.nrs is None or self.answered is not None:
            return
        self.answered = PostWalkAnswer(self.nrs, rpe, event.value.strip())
        self._on_answer(self.answered)
