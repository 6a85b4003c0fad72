"""docs/walking.md §4.1: a belt stopped for more than 5 min restarts with a 3-min warm-up."""

from __future__ import annotations

import pytest

from tests.session.fakes import FakeExercise, Harness, make_timeline
from tests.session.invariants import check_all
from tests.session.test_engine import harness
from tests.session.test_simulate import of_type, timeline
from treadmill_tui.session.commands import SetIncline, Start
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import PainReport, Resume, StopNow
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.simulate import simulate
from treadmill_tui.session.states import BreakStage, State
from treadmill_tui.session.walker import ScriptEvent, WalkerConfig

WARMUP_KMH = 2.0  # SIMPLE: warm-up 2.0 km/h, main 3.0 km/h at 1 %, metronome 95


def event_times(h: Harness, type_: str) -> list[float]:
    return [e.t for e in h.engine.events if e.type == type_]


def paused_then_resumed(stopped_s: float) -> Harness:
    h = harness()
    h.start_walk()
    h.run(600)
    assert h.engine.target_speed() == 3.0 and h.engine.target_incline() == 1.0
    h.step([StopNow()])
    h.run(stopped_s)
    h.step([Resume()])
    return h


def test_a_long_pause_restarts_with_three_flat_minutes_at_warm_up_speed() -> None:
    h = paused_then_resumed(310)
    resumed_at, prog0 = h.now, h.engine.prog_t
    cmds = [c for t, c in h.commands if t == resumed_at]
    # levelled while the belt is still stopped, before the Start
    first_start = next(i for i, c in enumerate(cmds) if isinstance(c, Start))
    assert any(isinstance(c, SetIncline) and c.pct == 0.0 for c in cmds[:first_start])
    snap = h.engine.snapshot()
    assert snap.state is State.WARMUP and snap.phase == "warmup"
    assert event_times(h, "rewarm")
    h.run(170)
    snap = h.engine.snapshot()
    assert snap.state is State.WARMUP
    assert h.engine.prog_t == pytest.approx(prog0)  # the programme waits for the warm-up
    assert h.engine.target_speed() == WARMUP_KMH
    assert h.engine.target_incline() == 0.0
    assert snap.metronome_spm is None
    h.run(20)
    assert h.engine.snapshot().state is State.MAIN
    assert event_times(h, "rewarm_end")
    assert h.engine.prog_t == pytest.approx(prog0 + 10, abs=0.6)
    h.run(400)
    assert h.engine.target_speed() == 3.0 and h.engine.target_incline() == 1.0
    ended = event_times(h, "rewarm_end")[0]
    # back to the programme load counts as an increase: a check about a minute later
    assert any(
        e.type == "prompt" and e.details["trigger"] == "after_increase" and ended < e.t < ended + 62
        for e in h.engine.events
    )
    walking = [s for s in h.samples if s[0] >= resumed_at and s[1] in ("warmup", "main")]
    for (t0, _, v0, i0, _b0), (t1, _, v1, i1, _b1) in zip(walking, walking[1:], strict=False):
        dt = t1 - t0
        assert v0 is not None and v1 is not None and i0 is not None and i1 is not None
        assert v1 - v0 <= 0.02 * dt + 0.1 + 1e-9
        assert i1 - i0 <= (0.5 / 120) * dt + 0.5 + 1e-9


@pytest.mark.parametrize("stopped_s", [60, 290])
def test_a_pause_of_five_minutes_or_less_resumes_straight_to_the_programme(
    stopped_s: float,
) -> None:
    h = paused_then_resumed(stopped_s)
    assert h.engine.snapshot().state is State.MAIN
    assert not event_times(h, "rewarm")
    h.run(120)
    assert h.engine.target_speed() == 3.0


def test_a_long_wait_after_a_break_restarts_with_a_warm_up() -> None:
    tl = make_timeline(
        [
            ("warmup", 60, 2.0, 0.0, None),
            ("walk", 300, 3.0, 0.0, None),
            ("break", 40, 0, 0, None),
            ("walk", 600, 3.0, 0.0, None),
            ("cooldown", 60, 2.0, 0.0, None),
        ],
        exercises=(FakeExercise(hold_s=10, reps=1),),
    )
    h = Harness(Engine(tl), auto_answer=None)
    h.start_walk()
    for _ in range(3000):
        h.run(0.5)
        snap = h.engine.snapshot()
        if snap.break_stage is BreakStage.AWAIT_RESUME:
            break
        if snap.prompt is not None:
            h.step([PainReport(PainAnswer(2))])
    assert h.engine.snapshot().break_stage is BreakStage.AWAIT_RESUME
    h.run(300)  # well over 5 min since the belt was told to stop
    h.step([Resume()])
    assert event_times(h, "rewarm")
    assert h.engine.snapshot().state is State.WARMUP
    h.run(120)
    assert h.engine.target_speed() == 2.0


def test_simulated_long_stop_keeps_every_safety_invariant() -> None:
    name = "thirty-minute-walk.toml"
    r = simulate(
        timeline(name),
        script=[ScriptEvent.parse("700:stop")],
        walker_config=WalkerConfig(resume_after_s=330.0),
    )
    assert of_type(r, "rewarm") and of_type(r, "rewarm_end")
    check_all(r.samples, r.events, timeline(name).limits)
    assert r.summary["outcome"] == "completed"
    breaks = sum(s.end_s - s.start_s for s in timeline(name).segments if s.kind == "break")
    # the 3-min re-warm-up is extra belt time; the planned walk is still walked in full
    assert r.summary["active_s"] == pytest.approx(
        timeline(name).totals.duration_s - breaks + 180, abs=3.0
    )
