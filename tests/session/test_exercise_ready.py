"""Each exercise starts on the walker's Ready; floor ones give time to get down first
(docs/walking.md §4)."""

from __future__ import annotations

from tests.session.fakes import FakeExercise, Harness, make_timeline
from treadmill_tui.session.breaks import GET_DOWN_S, READY_WAIT_MAX_S
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import NextExercise
from treadmill_tui.session.snapshot import ExerciseView
from treadmill_tui.session.states import BreakStage

STANDING = FakeExercise(hold_s=20, reps=2)
FLOOR = FakeExercise(
    name="Glute bridge", cue="On back.", hold_s=5, reps=2, exercise_id="glute_bridge"
)


def shown(*exercises: FakeExercise) -> Harness:
    """A walk whose trailing break has ``exercises``, run until the first one is shown."""
    tl = make_timeline(
        [("walk", 100, 2.0, 0.0, None), ("break", 120, 0, 0, None), ("walk", 100, 2.0, 0, None)],
        exercises=exercises,
    )
    h = Harness(Engine(tl), auto_ready=False)
    h.start_walk()
    for _ in range(1000):
        h.run(0.5)
        if h.engine.snapshot().break_stage is BreakStage.EXERCISE:
            return h
    raise AssertionError("the break never showed an exercise")


def view(h: Harness) -> ExerciseView:
    ex = h.engine.snapshot().exercise
    assert ex is not None
    return ex


def test_the_timer_does_not_run_before_ready_and_runs_after_it() -> None:
    h = shown(STANDING)
    assert view(h).awaiting_ready and "ready" in h.engine.snapshot().options
    assert "next" not in h.engine.snapshot().options
    h.run(60)  # longer than the hold: nothing counts down while the walker gets ready
    assert view(h).hold_remaining_s == 20.0 and view(h).index == 0
    h.step([NextExercise()])  # Ready
    assert not view(h).awaiting_ready
    assert h.engine.snapshot().options[:1] == ("next",)
    h.run(10)
    assert view(h).index == 0 and 9.0 <= view(h).hold_remaining_s <= 10.5
    h.run(11)  # the next rep of the same exercise runs on without a second Ready
    assert view(h).index == 1 and not view(h).awaiting_ready


def test_enter_once_running_still_means_next_exercise() -> None:
    h = shown(STANDING)
    h.step([NextExercise()])  # Ready
    h.step([NextExercise()])  # next
    assert view(h).index == 1 and not view(h).awaiting_ready


def test_a_floor_ready_before_the_get_down_time_is_ignored() -> None:
    h = shown(FLOOR)
    ex = view(h)
    assert ex.awaiting_ready and ex.off_belt and ex.ready_in_s == GET_DOWN_S
    assert "ready" not in h.engine.snapshot().options  # not offered before it counts
    assert "next" not in h.engine.snapshot().options
    h.run(GET_DOWN_S - 5)
    assert 4.5 <= view(h).ready_in_s <= 5.0
    h.step([NextExercise()])
    assert view(h).awaiting_ready and view(h).hold_remaining_s == 5.0
    h.run(5)
    assert view(h).ready_in_s == 0.0 and "ready" in h.engine.snapshot().options
    h.step([NextExercise()])
    assert not view(h).awaiting_ready
    h.run(3)
    assert view(h).index == 0 and view(h).hold_remaining_s <= 2.5


def test_with_no_ready_the_timer_starts_after_the_bound_so_a_break_never_hangs() -> None:
    h = shown(STANDING)
    h.run(READY_WAIT_MAX_S - 1)
    assert view(h).awaiting_ready and view(h).hold_remaining_s == 20.0
    h.run(2)
    assert not view(h).awaiting_ready
    h.run(10)
    assert view(h).index == 0 and view(h).hold_remaining_s < 20.0
    assert h.belt.speed == 0.0  # the belt stayed stopped throughout


def test_each_exercise_waits_for_its_own_ready() -> None:
    h = shown(FakeExercise(hold_s=5, reps=1), FLOOR)
    h.step([NextExercise()])  # Ready for the first
    h.run(6)
    ex = view(h)
    assert ex.name == "Glute bridge" and ex.awaiting_ready and ex.ready_in_s > GET_DOWN_S - 1.5
