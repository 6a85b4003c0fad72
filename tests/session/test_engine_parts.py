"""The pure pieces split out of the engine: check schedule, no-answer ladder, load, keys."""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.session.engine_settings import EngineSettings
from treadmill_tui.session.inputs import Override
from treadmill_tui.session.load import LoadAdjustments, wanted_incline, wanted_speed
from treadmill_tui.session.prompts import CheckSchedule, NoAnswer, no_answer_step, repeat_due
from treadmill_tui.session.ramp import Ramp
from treadmill_tui.session.states import BreakStage, PauseReason, State, state_for_phase
from treadmill_tui.session.walk import WalkContext, accepted_keys


@dataclass(frozen=True)
class _Policy:
    interval_s: float = 300.0
    after_increase_s: float = 60.0
    amber_recheck_s: float = 120.0
    prompt_repeat_s: float = 30.0
    no_answer_slowdown_s: float = 60.0
    no_answer_pause_s: float = 120.0
    red_at: int = 6
    red_rise: int = 4
    amber_rise: int = 2
    amber_at: int = 4


def test_no_answer_ladder_slows_once_then_pauses() -> None:
    pol = _Policy()
    assert no_answer_step(59.0, pol, slowed=False) is NoAnswer.WAIT
    assert no_answer_step(60.0, pol, slowed=False) is NoAnswer.SLOW
    assert no_answer_step(90.0, pol, slowed=True) is NoAnswer.WAIT
    assert no_answer_step(120.0, pol, slowed=True) is NoAnswer.PAUSE
    assert not repeat_due(29.0, pol, 0)
    assert repeat_due(30.0, pol, 0)
    assert not repeat_due(59.0, pol, 1)


def test_schedule_after_increase_then_interval() -> None:
    sched = CheckSchedule([100.0])

    def at(prog: float) -> str | None:
        return sched.next_trigger(prog, in_main=True, interval_s=300.0, prompt_pending=False)

    assert at(99.0) is None  # entering main starts the interval here
    assert at(100.0) == "after_increase"
    assert sched.due == []
    assert at(398.0) is None  # the interval restarted from the prompt
    assert at(400.0) == "scheduled"


def test_schedule_skip_drops_checks_jumped_over_and_recheck_fires_once() -> None:
    sched = CheckSchedule([100.0, 200.0, 500.0])
    sched.skip_to(200.0)
    assert sched.due == [500.0]
    sched.recheck_at = 250.0

    def at(prog: float) -> str | None:
        return sched.next_trigger(prog, in_main=False, interval_s=300.0, prompt_pending=True)

    assert at(250.0) == "amber_recheck"
    assert at(251.0) is None


def test_load_caps_offsets_and_slow_walk() -> None:
    cfg = EngineSettings()
    adj = LoadAdjustments()
    assert adj.nudge(Override.SPEED_UP, 0.1, None, cfg) is True
    assert adj.nudge(Override.INCLINE_UP, None, None, cfg) is None  # no incline ramp
    assert wanted_speed(4.0, adj, slow=False, warmup_kmh=3.0) == 4.1
    adj.cap_at(3.8, 2.0)
    assert wanted_speed(4.0, adj, slow=False, warmup_kmh=3.0) == 3.8
    assert wanted_speed(4.0, adj, slow=True, warmup_kmh=3.0) == 3.0
    assert wanted_incline(4.0, adj, slow=False) == 2.0
    assert wanted_incline(4.0, adj, slow=True) == 0.0


def test_reduce_prefers_incline_then_speed_and_cadence() -> None:
    cfg = EngineSettings()
    speed = Ramp(0.1, 0.1, 0.1, 1.0, 6.0, value=4.0)
    incline = Ramp(0.5, 0.05, 0.05, 0.0, 10.0, value=2.0)
    adj = LoadAdjustments()
    assert adj.reduce(speed, incline, incline_ok=True, cfg=cfg) == "incline"
    assert adj.amber_incline_cap == 1.5
    assert adj.cadence_factor == 1.0
    incline.value = 0.0
    assert adj.reduce(speed, incline, incline_ok=True, cfg=cfg) == "speed"
    assert adj.amber_speed_cap is not None and abs(adj.amber_speed_cap - 3.7) < 1e-9
    assert adj.cadence_factor == cfg.amber_cadence_factor


def test_options_by_state() -> None:
    def opts(state: State, **kw: object) -> tuple[str, ...]:
        return accepted_keys(state, WalkContext(**kw))  # type: ignore[arg-type]

    assert opts(State.MAIN) == ("stop_now", "pain", "end")
    assert opts(State.PAUSED, pause_reason=PauseReason.RED) == ("end", "resume_easy")
    assert opts(State.PAUSED, pause_reason=PauseReason.RED, resume_easy_used=True) == ("end",)
    assert opts(State.PAUSED, end_only=True) == ("end",)
    assert opts(State.BREAK, break_stage=BreakStage.EXERCISE) == ("next", "end")
    assert opts(State.RED_FLAG) == ("acknowledge",)
    assert state_for_phase("cooldown") is State.COOLDOWN
    assert state_for_phase("main") is State.MAIN
