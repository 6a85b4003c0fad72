"""No exercise countdown runs unseen behind a pain check (docs/walk-screen.md)."""

from __future__ import annotations

from tests.session.fakes import FakeExercise, Harness, make_timeline
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import PainKey, PainReport
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.states import BreakStage


def test_the_hold_waits_while_a_check_is_open_and_goes_on_after_it() -> None:
    tl = make_timeline(
        [("walk", 100, 2.0, 0.0, None), ("break", 60, 0, 0, None), ("walk", 100, 2.0, 0, None)],
        exercises=(FakeExercise(hold_s=20, reps=1),),
    )
    h = Harness(Engine(tl), auto_answer=None)
    h.start_walk()
    h.run(95)
    h.step([PainKey()])  # still open when the break begins
    for _ in range(400):
        h.run(0.5)
        if h.engine.snapshot().break_stage is BreakStage.EXERCISE:
            break
    snap = h.engine.snapshot()
    assert snap.break_stage is BreakStage.EXERCISE and snap.prompt is not None
    h.run(30)  # longer than the hold: nothing may run out behind the check
    ex = h.engine.snapshot().exercise
    assert ex is not None and ex.hold_remaining_s == 20.0
    assert [e for e in h.engine.events if e.type == "exercise"][-1:] and ex.index == 0
    h.step([PainReport(PainAnswer(1))])
    h.run(10)
    ex = h.engine.snapshot().exercise
    assert ex is not None and ex.index == 0 and 9.0 <= ex.hold_remaining_s <= 10.5
