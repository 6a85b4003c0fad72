"""Post-walk questions (docs/walking.md §3.4): NRS and legs (same zones), then RPE."""

from __future__ import annotations

import pytest

from tests.session.fakes import Harness, make_timeline
from tests.session.test_simulate import of_type, run
from treadmill_tui.session.engine import Engine, EngineSettings
from treadmill_tui.session.inputs import AcknowledgeRedFlag, PainReport, PostWalkAnswer, StartWalk
from treadmill_tui.session.pain import (
    POST_WALK_ADVICE,
    LegSymptom,
    PainAnswer,
    Thresholds,
    post_walk_advice,
)
from treadmill_tui.session.states import State

SHORT = [("warmup", 60, 2.0, 0.0, None), ("walk", 60, 2.5, 0.0, None)]


def at_post_walk(settings: EngineSettings | None = None) -> Harness:
    h = Harness(Engine(make_timeline(SHORT), settings=settings))
    h.start_walk()
    h.run(140)
    assert h.engine.snapshot().state is State.POST_WALK
    assert h.belt.speed == 0.0
    return h


@pytest.mark.parametrize("legs", [LegSymptom.ONE_LEG, LegSymptom.BOTH_LEGS, LegSymptom.SADDLE])
def test_leg_b_c_d_after_the_walk_shows_the_red_flag_text_and_locks(legs: LegSymptom) -> None:
    h = at_post_walk()
    sent = len(h.commands)
    h.step([PostWalkAnswer(3, 12, "", legs)])
    snap = h.engine.snapshot()
    assert snap.state is State.RED_FLAG and snap.locked and snap.red_flag_text
    assert snap.outcome == "red_flag"
    assert not [c for _, c in h.commands[sent:] if c.name in ("start", "set_speed")]
    h.step([StartWalk()])
    h.run(30)
    assert h.engine.snapshot().state is State.RED_FLAG  # locked until acknowledged
    h.step([AcknowledgeRedFlag()])
    s = h.engine.summary()
    assert h.engine.snapshot().state is State.FINISHED
    assert (s.outcome, s.post_walk_nrs, s.rpe, s.post_walk_legs) == ("red_flag", 3, 12, legs.value)
    event = next(e for e in h.engine.events if e.type == "post_walk")
    assert event.details["legs"] == legs.value and event.details["zone"] == "stop"


@pytest.mark.parametrize("legs", [LegSymptom.NONE, LegSymptom.SPREADING])
def test_no_leg_symptom_or_a_spreading_pain_finishes_normally(legs: LegSymptom) -> None:
    h = at_post_walk()
    h.step([PostWalkAnswer(2, 11, "ok", legs)])
    snap = h.engine.snapshot()
    assert snap.state is State.FINISHED and snap.red_flag_text is None
    s = h.engine.summary()
    assert (s.outcome, s.post_walk_legs) == ("completed", legs.value)
    assert s.to_dict()["post_walk_legs"] == legs.value


def test_a_pain_report_answering_the_post_walk_prompt_keeps_its_legs_answer() -> None:
    h = at_post_walk()
    h.step([PainReport(PainAnswer(2, LegSymptom.BOTH_LEGS))])
    assert h.engine.snapshot().state is State.RED_FLAG


def test_the_red_flag_text_carries_the_configured_emergency_number() -> None:
    h = at_post_walk(EngineSettings(emergency_number="999"))
    h.step([PostWalkAnswer(3, None, "", LegSymptom.SADDLE)])
    text = h.engine.snapshot().red_flag_text
    assert text is not None and "call 999" in text and "{emergency_number}" not in text


def test_the_emergency_number_defaults_to_112() -> None:
    h = at_post_walk()
    h.step([PostWalkAnswer(3, None, "", LegSymptom.SADDLE)])
    text = h.engine.snapshot().red_flag_text
    assert text is not None and "call 112" in text and "{emergency_number}" not in text


def test_simulated_walker_answers_legs_after_the_walk_when_the_event_is_pending() -> None:
    plain = run("first-week-10-min.toml")
    assert of_type(plain, "post_walk")[0]["details"]["legs"] == "none"
    duration = plain.summary["programme_s"]
    r = run("first-week-10-min.toml", f"{duration:g}:legs")
    assert of_type(r, "post_walk")[0]["details"]["legs"] == "b"
    assert r.summary["outcome"] == "red_flag"
    assert "red_flag" in [e["details"]["to"] for e in of_type(r, "state")]


@pytest.mark.parametrize(
    ("nrs", "shown"), [(6, True), (4, True), (5, True), (3, False), (0, False)]
)
def test_high_or_risen_pain_after_the_walk_brings_the_advice(nrs: int, shown: bool) -> None:
    h = at_post_walk()  # baseline 2: advice from NRS 4 (B+2) or 6 (> 5)
    h.step([PostWalkAnswer(nrs, 12, "", LegSymptom.NONE)])
    assert h.engine.snapshot().state is State.FINISHED
    s = h.engine.summary()
    assert (s.advice == POST_WALK_ADVICE) is shown
    assert s.to_dict()["advice"] == (POST_WALK_ADVICE if shown else None)
    events = [e for e in h.engine.events if e.type == "post_walk_advice"]
    assert len(events) == int(shown)
    assert (POST_WALK_ADVICE in h.engine.snapshot().messages) is shown


def test_the_advice_is_not_given_instead_of_the_red_flag_text() -> None:
    h = at_post_walk()
    h.step([PostWalkAnswer(8, None, "", LegSymptom.SADDLE)])
    assert h.engine.snapshot().state is State.RED_FLAG
    assert h.engine.summary().advice is None


def test_post_walk_advice_rule() -> None:
    assert post_walk_advice(6, 5) == POST_WALK_ADVICE  # > 5
    assert post_walk_advice(5, 4) is None  # neither > 5 nor >= B+2
    assert post_walk_advice(5, 3) == POST_WALK_ADVICE  # B+2
    assert post_walk_advice(5, None) is None  # no baseline: only the absolute rule
    assert post_walk_advice(6, None) == POST_WALK_ADVICE
    strict = Thresholds(red_at=5, amber_rise=1)
    assert post_walk_advice(5, 5, strict) == POST_WALK_ADVICE
    assert post_walk_advice(4, 3, strict) == POST_WALK_ADVICE


def test_the_simulated_walk_summary_carries_the_advice() -> None:
    assert run("first-week-10-min.toml").summary["advice"] is None  # 2 before, 2 after
    sore = run("thirty-minute-walk.toml", "600:pain:4")  # baseline 2, then 4 to the end
    assert sore.summary["post_walk_nrs"] == 4
    assert sore.summary["advice"] == POST_WALK_ADVICE
    assert of_type(sore, "post_walk_advice")
