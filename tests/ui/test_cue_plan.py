"""When cues sound: check opened or repeated, before changes and stops, each exercise step."""

from __future__ import annotations

import dataclasses

from tests.ui.helpers import BASE
from tests.ui.test_programme import BREAKS
from treadmill_tui.metronome.cues import CueKind
from treadmill_tui.session.snapshot import ExerciseView, PromptView
from treadmill_tui.session.states import BreakStage, State
from treadmill_tui.ui.cue_plan import CueState, due_cues, spoken
from treadmill_tui.ui.programme import planned_changes

CHANGES = planned_changes(BREAKS)


def test_spoken_words() -> None:
    assert (
        spoken("Next: Walk, part 2 3 km/h in 0:10")
        == "Walk, part 2 3 kilometres an hour in 10 seconds"
    )
    assert spoken("Slowing to a stop in 0:30") == "Slowing to a stop in 30 seconds"
    assert spoken("Next: incline 1.5 % in 1:05") == "incline 1.5 percent in 1 minute 5 seconds"


def test_a_change_is_announced_once_ten_seconds_ahead() -> None:
    state = CueState()
    walk = dataclasses.replace(BASE, state=State.WARMUP, prog_t=280.0)
    state, cues = due_cues(state, walk, CHANGES)
    assert cues == []
    state, cues = due_cues(state, dataclasses.replace(walk, prog_t=290.0), CHANGES)
    assert cues == [(CueKind.CHANGE, "Walk, part 1 3 kilometres an hour in 10 seconds")]
    state, cues = due_cues(state, dataclasses.replace(walk, prog_t=291.0), CHANGES)
    assert cues == []


def test_stops_are_announced_thirty_seconds_ahead() -> None:
    walk = dataclasses.replace(BASE, state=State.MAIN, prog_t=870.0)
    _, cues = due_cues(CueState(), walk, CHANGES)
    assert cues == [(CueKind.STOP, "the belt stops for an exercise break in 30 seconds")]
    end = dataclasses.replace(BASE, state=State.COOLDOWN, prog_t=CHANGES[-1].at_s - 30)
    _, cues = due_cues(CueState(), end, CHANGES)
    assert cues == [(CueKind.STOP, "Slowing to a stop in 30 seconds")]


def test_a_check_chimes_when_it_opens_and_again_when_repeated() -> None:
    check = dataclasses.replace(BASE, prompt=PromptView("check", "scheduled", 70.0, 0))
    state, cues = due_cues(CueState(), check, ())
    assert cues == [(CueKind.CHECK, "Pain check: how is your back?")]
    state, cues = due_cues(state, check, ())
    assert cues == []
    again = dataclasses.replace(check, prompt=PromptView("check", "scheduled", 70.0, 1))
    _, cues = due_cues(state, again, ())
    assert cues and cues[0][0] is CueKind.CHECK and "Please answer" in cues[0][1]


def test_each_exercise_step_is_announced() -> None:
    ex = ExerciseView("Standing hip shift", "Weight on one leg.", "left", 1, 1, 5.0, 5.0, 0, 2)
    snap = dataclasses.replace(
        BASE, state=State.BREAK, break_stage=BreakStage.EXERCISE, exercise=ex
    )
    state, cues = due_cues(CueState(), snap, ())
    assert cues == [(CueKind.EXERCISE, "Standing hip shift, left side. Rep 1 of 1.")]
    right = dataclasses.replace(snap, exercise=dataclasses.replace(ex, side="right", index=1))
    _, cues = due_cues(state, right, ())
    assert cues == [(CueKind.EXERCISE, "Standing hip shift, right side. Rep 1 of 1.")]
