"""The exercise break: one standing exercise at a time on a stopped belt, with a countdown.

The countdown is the engine's ``hold_remaining_s`` (time from the engine's clock, never counted
ticks); :meth:`ExerciseScreen.show` repaints only what changed.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Digits, Label, Static

from treadmill_tui.profiles.catalogue import Placement, find_exercise
from treadmill_tui.session.snapshot import ExerciseView, SessionSnapshot
from treadmill_tui.ui.view import clock_text
from treadmill_tui.ui.widgets.key_bar import KeyBar

MID_WALK_SAFETY = "The belt is stopped. Keep the rails in reach."
OFF_BELT_SAFETY = (
    "Off the treadmill for this one: step off the stopped belt first and take your time"
    " getting into position."
)


def safety_text(exercise_name: str) -> str:
    """Standing exercises on the stopped belt keep the rails in reach; floor, chair and wall
    exercises are done off the treadmill (docs/walking.md §4)."""
    found = find_exercise(exercise_name)
    if found is not None and found.placement is Placement.AFTER_WALK:
        return OFF_BELT_SAFETY
    return MID_WALK_SAFETY


def ready_text(ex: ExerciseView) -> str:
    """What to do before the countdown starts (docs/walking.md §4); empty once it runs."""
    if not ex.awaiting_ready:
        return ""
    if not ex.off_belt:
        return "Get into position, hands on the rails; press Enter when you are ready."
    wait = math.ceil(ex.ready_in_s)
    when = f" (in {wait // 60}:{wait % 60:02d})" if wait > 0 else ""
    place = get_into_place(ex.name)
    return f"Step off the belt and {place}; press Enter when you are in position{when}."


# Where each kind of off-belt exercise is done (the catalogue's "where"), in the walker's words.
PLACES = (
    ("floor", "get down onto the mat"),
    ("chair", "sit upright on a chair"),
    ("step", "stand facing a low step"),
    ("wall", "stand at a wall"),
    ("support", "stand beside something steady to hold"),
)


def get_into_place(exercise_name: str) -> str:
    """'get down onto the mat' for floor exercises, a chair, step or wall for the others."""
    found = find_exercise(exercise_name)
    where = found.where.lower() if found is not None else "floor"
    return next((words for key, words in PLACES if key in where), "get into position")


def hold_text(ex: ExerciseView) -> str:
    side = f" · {ex.side} side" if ex.side else ""
    return f"Rep {ex.rep} of {ex.reps}{side} · hold {ex.index + 1} of {ex.count}"


class ExerciseScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "ready", "Ready", id="break.ready"),
        Binding("enter", "next", "Next exercise", id="break.next"),
        Binding("n", "next", "Next", show=False, id="break.next_n"),
        Binding("e", "end", "End walk", id="break.end"),
    ]
    AUTO_FOCUS = None

    def __init__(self, on_next: Callable[[], None], on_end: Callable[[], None]) -> None:
        super().__init__(id="exercise")
        self._on_next = on_next
        self._on_end = on_end
        self._shown: tuple[str, ...] = ()
        self._count = ""
        self._options: tuple[str, ...] = ()
        # the break's name comes from the profile: shown as text, never parsed as markup
        self.safety = Static(MID_WALK_SAFETY, id="exercise-safety", markup=False)
        self.title_label = Label("Exercise break", id="exercise-break", markup=False)
        self.name_label = Label("", id="exercise-name", markup=False)
        self.cue = Static("", id="exercise-cue", markup=False)
        self.hold = Static("", id="exercise-hold")
        self.ready = Static("", id="exercise-ready", markup=False)
        self.countdown = Digits("--:--", id="exercise-countdown")

    def compose(self) -> ComposeResult:
        with Vertical(id="exercise-box"):
            yield self.title_label
            yield self.safety
            yield self.name_label
            yield self.cue
            yield self.hold
            yield self.ready
            yield self.countdown
        yield KeyBar()

    def show(self, snap: SessionSnapshot) -> None:
        ex = snap.exercise
        if ex is None:
            return
        shown = (snap.segment_name or "Exercise break", ex.name, ex.cue, hold_text(ex))
        if shown != self._shown:
            self._shown = shown
            self.title_label.update(shown[0])
            self.name_label.update(ex.name)
            self.safety.update(safety_text(ex.name))
            self.cue.update(ex.cue)
            self.hold.update(shown[3])
        self.ready.update(ready_text(ex))
        if snap.options != self._options:
            self._options = snap.options
            self.refresh_bindings()
        count = clock_text(math.ceil(ex.hold_remaining_s))
        if count != self._count:
            self._count = count
            self.countdown.update(count)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter reads "Ready" while the exercise waits for it, "Next exercise" once it runs;
        neither is shown while Ready does not count yet (keys shown = keys accepted)."""
        if action == "ready":
            return "ready" in self._options
        if action == "next":
            return "next" in self._options or not self._options
        return True

    def action_ready(self) -> None:
        self._on_next()

    def action_next(self) -> None:
        self._on_next()

    def action_end(self) -> None:
        self._on_end()
