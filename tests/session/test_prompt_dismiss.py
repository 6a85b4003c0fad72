"""DismissPrompt: the walker may close their own pain-key check, never a planned one."""

from __future__ import annotations

from tests.session.fakes import Harness, make_timeline
from tests.session.test_engine import harness
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import (
    DismissPrompt,
    MachineInfo,
    PainKey,
    PainReport,
    Ready,
)
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.states import State


def types_since(h: Harness, t: float) -> list[str]:
    return [e.type for e in h.engine.events if e.t >= t]


def test_a_pain_key_check_can_be_dismissed_without_an_answer() -> None:
    h = harness(auto_answer=None)
    h.start_walk()
    h.run(400)  # main phase; the after-increase check at 360 s was answered below
    assert h.engine.snapshot().prompt is not None
    h.step([PainReport(PainAnswer(2))])
    logged = len(h.engine.pain_log)
    h.run(10)
    h.step([PainKey()])
    prompt = h.engine.snapshot().prompt
    assert prompt is not None and prompt.trigger == "pain_key" and prompt.dismissable
    t = h.now
    h.step([DismissPrompt()])
    snap = h.engine.snapshot()
    assert snap.prompt is None and snap.state is State.MAIN
    assert "prompt_dismissed" in types_since(h, t)
    assert len(h.engine.pain_log) == logged  # not an answer
    h.run(90)  # no no-answer slowdown afterwards: nothing is pending
    assert "no_answer_slowdown" not in types_since(h, t)
    assert h.engine.target_speed() == 3.0


def test_a_scheduled_check_cannot_be_dismissed_and_follows_the_no_answer_rules() -> None:
    h = harness(auto_answer=None)
    h.start_walk()
    h.run(300)
    for _ in range(200):  # the after-increase check, 60 s into the main phase
        if h.engine.snapshot().prompt is not None:
            break
        h.run(0.5)
    prompt = h.engine.snapshot().prompt
    assert prompt is not None and prompt.trigger == "after_increase" and not prompt.dismissable
    t = h.now
    h.step([DismissPrompt()])
    assert h.engine.snapshot().prompt == prompt
    assert "dismiss_refused" in types_since(h, t)
    assert "Answer the pain check first." in h.engine.snapshot().messages
    h.run(65)
    assert "no_answer_slowdown" in types_since(h, t)


def test_a_planned_check_keeps_two_minutes_from_a_pain_key_check() -> None:
    """No two checks back to back: the after-increase check due soon after the walker's own
    check waits until 2 minutes after it (it used to merge into it at once)."""
    h = harness(auto_answer=None)
    h.start_walk()
    h.run(350)  # the after-increase check falls due shortly after
    asked = h.engine.prog_t
    h.step([PainKey()])
    assert h.engine.snapshot().prompt.dismissable  # type: ignore[union-attr]
    h.run(15)
    prompt = h.engine.snapshot().prompt
    assert prompt is not None and prompt.trigger == "pain_key" and prompt.dismissable
    h.step([DismissPrompt()])
    assert h.engine.snapshot().prompt is None
    t = h.now
    h.run(200)
    opened = [e for e in h.engine.events if e.t > t and e.type == "prompt"]
    assert opened and opened[0].details["trigger"] == "after_increase"
    assert opened[0].prog_t >= asked + 120 - 1e-6


def test_a_pain_key_check_that_slowed_the_belt_needs_an_answer() -> None:
    h = harness(auto_answer=2)
    h.start_walk()
    h.run(420)
    h.auto_answer = None
    h.step([PainKey()])
    h.run(61)
    assert "no_answer_slowdown" in [e.type for e in h.engine.events]
    prompt = h.engine.snapshot().prompt
    assert prompt is not None and not prompt.dismissable
    h.step([DismissPrompt()])
    assert h.engine.snapshot().prompt is not None


def test_the_pre_walk_check_cannot_be_dismissed() -> None:
    h = Harness(Engine(make_timeline([("walk", 600, 2.0, 0.0, None)])), auto_answer=None)
    h.step([Ready(MachineInfo())])
    assert h.engine.snapshot().prompt is not None
    h.step([DismissPrompt()])
    snap = h.engine.snapshot()
    assert snap.prompt is not None and snap.prompt.kind == "baseline"
    assert snap.state is State.READY
