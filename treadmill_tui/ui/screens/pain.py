"""The pain check (docs/walking.md §3.1): back pain 0–10 with one key each, then the leg question.

A green answer takes two keys (a number, then N). Y asks which of (a)–(d) applies. S and W
toggle the optional "sharp/shooting" and "changing how I walk" answers at any point. The
screen only collects the answer; the engine decides what it means.

Escape goes back a step; on the first step it closes the check unanswered ("not now") only
when the app passes ``on_dismiss`` - for a check the walker opened with the pain key. The
engine has the last word: a planned check is never dismissed (docs/walking.md §3.5).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from treadmill_tui.session.pain import LegSymptom, PainAnswer
from treadmill_tui.ui.screens.leg_question import (
    LEG_CHOICES,
    LEGS_QUESTION,
    NRS_QUESTION,
    compose_leg_choices,
    leg_bindings,
    score_bindings,
)
from treadmill_tui.ui.widgets.key_bar import KeyBar


def _plain_button(label: str, button_id: str) -> Button:
    button = Button(label, id=button_id, compact=True)
    # No padding inside the label: in a 40-column window (or a stale layout pass while the
    # window grows again) a score cell can be 2 wide, and padding left Textual no cell to wrap
    # into ("range() arg 3 must not be zero" closed the app).
    button.styles.line_pad = 0
    button.can_focus = False  # keys go to the screen's bindings, never to a focused button
    return button


class PainCheckScreen(ModalScreen[None]):
    BINDINGS = [
        *score_bindings("pain"),
        *leg_bindings("pain"),
        Binding("s", "flag('sharp')", "Sharp/shooting", id="pain.sharp"),
        Binding("w", "flag('gait')", "Changes my walk", id="pain.gait"),
        Binding("escape", "back", "Back", id="pain.back"),
        Binding("escape", "dismiss_check", "Not now", id="pain.dismiss"),
    ]
    AUTO_FOCUS = None

    def __init__(
        self,
        title: str,
        on_answer: Callable[[PainAnswer], None],
        note: str = "",
        on_dismiss: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(id="pain-check")
        self._title = title
        self._note = note
        self._on_answer = on_answer
        self._on_dismiss = on_dismiss  # returns False when the check may not be closed now
        self.dismissed = False
        self.step = "nrs"  # "nrs" -> "legs" -> "which"
        self.nrs: int | None = None
        self.sharp = False
        self.gait = False
        self.answered: PainAnswer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box"):
            yield Label(self._title, id="pain-title")
            if self._note:
                yield Static(self._note, id="pain-note")
            yield Static(NRS_QUESTION, id="pain-question")
            with Grid(id="pain-grid"):
                for score in range(11):
                    yield _plain_button(str(score), f"pain-{score}")
            with Vertical(id="legs"):
                yield Static(LEGS_QUESTION, id="legs-question")
                with Horizontal(id="legs-buttons"):
                    yield _plain_button("Y  yes", "legs-yes")
                    yield _plain_button("N  no", "legs-no")
            yield from compose_leg_choices("")
            yield Static(self._toggles_text(), id="pain-toggles")
            problem = Static("", id="pain-problem")
            problem.display = False  # shown only for a refused "not now"
            yield problem
        yield KeyBar()

    def on_mount(self) -> None:
        try:
            self._show_step()
        except NoMatches:  # the app closed while the check was opening: nothing left to show
            return

    # -- display ------------------------------------------------------------------------------

    def _toggles_text(self) -> str:
        def mark(on_: bool) -> str:
            return "[b]yes[/b]" if on_ else "no"

        return (
            f"Optional: [b]S[/b] sharp or shooting: {mark(self.sharp)} · "
            f"[b]W[/b] pain is changing how I walk: {mark(self.gait)}"
        )

    def _show_step(self) -> None:
        self.query_one("#legs").display = self.step in ("legs", "which")
        self.query_one("#leg-which").display = self.step == "which"
        for score in range(11):
            self.query_one(f"#pain-{score}", Button).variant = (
                "primary" if score == self.nrs else "default"
            )
        self.refresh_bindings()

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "legs":
            return self.step == "legs"
        if action == "leg":
            return self.step == "which"
        if action == "back":
            return self.step != "nrs"
        if action == "dismiss_check":
            return self.step == "nrs" and self._on_dismiss is not None and not self.dismissed
        return True

    def action_dismiss_check(self) -> None:
        if self._on_dismiss is None or self.dismissed or self.answered is not None:
            return
        if self._on_dismiss():
            self.dismissed = True  # the app drops the screen once the engine has closed it
        else:
            self._on_dismiss = None
            problem = self.query_one("#pain-problem", Static)
            problem.update("This check needs an answer now. Space stops the belt.")
            problem.display = True
        self.refresh_bindings()

    def action_nrs(self, score: int) -> None:
        self.nrs = score
        if self.step == "nrs":
            self.step = "legs"
        self._show_step()

    def action_legs(self, yes: bool) -> None:
        if self.nrs is None:
            return
        if yes:
            self.step = "which"
            self._show_step()
        else:
            self._finish(LegSymptom.NONE)

    def action_leg(self, key: str) -> None:
        self._finish(LEG_CHOICES[key][0])

    def action_flag(self, which: str) -> None:
        if which == "sharp":
            self.sharp = not self.sharp
        else:
            self.gait = not self.gait
        self.query_one("#pain-toggles", Static).update(self._toggles_text())

    def action_back(self) -> None:
        self.step = "legs" if self.step == "which" else "nrs"
        self._show_step()

    @on(Button.Pressed)
    def _clicked(self, event: Button.Pressed) -> None:
        bid = str(event.button.id)
        if bid.startswith("pain-"):
            self.action_nrs(int(bid.removeprefix("pain-")))
        elif bid == "legs-yes" and self.step == "legs":
            self.action_legs(True)
        elif bid == "legs-no" and self.step == "legs":
            self.action_legs(False)

    def _finish(self, legs: LegSymptom) -> None:
        if self.nrs is None or self.answered is not None:
            return
        self.answered = PainAnswer(self.nrs, legs, sharp=self.sharp, gait=self.gait)
        self._on_answer(self.answered)
