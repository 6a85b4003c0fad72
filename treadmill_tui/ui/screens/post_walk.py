"""After the walk (docs/walking.md §3.4): back pain 0–10 (one key), the leg question (same zones as
in the walk), then effort on the Borg 6–20 scale and an optional note.

Leg (b)–(d) is sent at once, without waiting for the effort: the engine then shows the
red-flag text, which must not wait on a form the walker may never finish.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from treadmill_tui.session.inputs import PostWalkAnswer
from treadmill_tui.session.pain import STOP_LEGS, LegSymptom
from treadmill_tui.ui.screens.leg_question import (
    LEG_CHOICES,
    LEGS_QUESTION,
    NRS_QUESTION,
    compose_leg_choices,
    leg_bindings,
    score_bindings,
)
from treadmill_tui.ui.widgets.key_bar import KeyBar

RPE_HELP = "Effort (Borg scale): 6 = no effort, 11 = light, 13 = somewhat hard, 20 = maximal."


def parse_rpe(text: str) -> tuple[int | None, str | None]:
    """(value, problem): empty is fine (no answer); otherwise a whole number 6–20."""
    text = text.strip()
    if not text:
        return None, None
    if not text.isdigit() or not 6 <= int(text) <= 20:
        return None, "Effort is a whole number from 6 to 20 (or leave it empty)."
    return int(text), None


def legs_text(legs: LegSymptom) -> str:
    if legs is LegSymptom.NONE:
        return "Legs: no new or worse symptoms"
    key = legs.value
    return f"Legs: {LEG_CHOICES[key][1]}"


class PostWalkScreen(ModalScreen[None]):
    BINDINGS = [
        *score_bindings("post"),
        *leg_bindings("post"),
        Binding("escape", "back", "Back", id="post.back"),
    ]
    AUTO_FOCUS = None

    def __init__(self, on_answer: Callable[[PostWalkAnswer], None]) -> None:
        super().__init__(id="post-walk")
        self._on_answer = on_answer
        self.step = "nrs"  # "nrs" -> "legs" -> "which" -> "effort"
        self.nrs: int | None = None
        self.legs = LegSymptom.NONE
        self.answered: PostWalkAnswer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="post-box"):
            yield Label("Walk done: how was it?", id="post-title")
            yield Static(NRS_QUESTION, id="post-question")
            yield Static("", id="post-nrs")
            with Vertical(id="post-legs"):
                yield Static(LEGS_QUESTION, id="post-legs-question")
            yield from compose_leg_choices("post-")
            yield Static("", id="post-legs-answer")
            yield Static(RPE_HELP, id="post-rpe-help")
            # disabled (so not focusable, not typing) until pain and legs are in
            yield Input(
                placeholder="effort 6–20, Enter",
                id="post-rpe",
                restrict=r"\d{0,2}",
                disabled=True,
            )
            yield Input(placeholder="note (optional), Enter to save", id="post-note", disabled=True)
            yield Static("", id="post-problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_step()

    def _show_step(self) -> None:
        effort = self.step == "effort"
        self.query_one("#post-legs").display = self.step in ("legs", "which")
        self.query_one("#post-leg-which").display = self.step == "which"
        self.query_one("#post-legs-answer").display = effort
        for wid in ("#post-rpe", "#post-note", "#post-rpe-help"):
            self.query_one(wid).display = effort
            self.query_one(wid).disabled = not effort
        if effort:
            self.query_one("#post-rpe", Input).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "nrs":
            return self.step == "nrs"
        if action == "legs":
            return self.step == "legs"
        if action == "leg":
            return self.step == "which"
        if action == "back":
            return self.step in ("legs", "which")
        return True

    def action_nrs(self, score: int) -> None:
        self.nrs = score
        self.query_one("#post-nrs", Static).update(f"Back pain: [b]{score}[/b] out of 10")
        self.step = "legs"
        self._show_step()

    def action_legs(self, yes: bool) -> None:
        if yes:
            self.step = "which"
            self._show_step()
        else:
            self._legs_done(LegSymptom.NONE)

    def action_leg(self, key: str) -> None:
        self._legs_done(LEG_CHOICES[key][0])

    def action_back(self) -> None:
        self.step = "legs" if self.step == "which" else "nrs"
        if self.step == "nrs":
            self.nrs = None
            self.query_one("#post-nrs", Static).update("")
        self._show_step()

    def _legs_done(self, legs: LegSymptom) -> None:
        self.legs = legs
        if legs in STOP_LEGS:
            self._submit(None, "")  # the red-flag text comes first; effort is not asked
            return
        self.query_one("#post-legs-answer", Static).update(legs_text(legs))
        self.step = "effort"
        self._show_step()

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
        self._submit(rpe, event.value.strip())

    def _submit(self, rpe: int | None, note: str) -> None:
        if self.nrs is None or self.answered is not None:
            return
        self.answered = PostWalkAnswer(self.nrs, rpe, note, self.legs)
        self._on_answer(self.answered)
