"""Pure-core tests: the engine against a tiny belt model on a manual clock."""

from __future__ import annotations

from tests.session.fakes import SIMPLE, FakeExercise, Harness, make_timeline
from treadmill_tui.session.commands import Pause, SetIncline, SetSpeed, Start, Stop
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    CommandTimedOut,
    ControlRevoked,
    End,
    LinkDown,
    MachineInfo,
    MachineStopped,
    NextExercise,
    PainKey,
    PainReport,
    PostWalkAnswer,
    Ready,
    RedFlagKey,
    Resume,
    ResumeEasy,
    StartWalk,
    StopNow,
    StopSource,
)
from treadmill_tui.session.pain import LegSymptom, PainAnswer
from treadmill_tui.session.states import BreakStage, PauseReason, State


def harness(
    pieces: list[tuple[str, float, float, float, float | None]] = SIMPLE,
    auto_answer: int | None = 2,
) -> Harness:
    return Harness(Engine(make_timeline(pieces)), auto_answer=auto_answer)


def answer_pending(h: Harness, nrs: int, **kw: object) -> None:
    """Run until a check is pending, then answer it."""
    for _ in range(4000):
        if h.engine.snapshot().prompt is not None:
            break
        h.run(0.5)
    assert h.engine.snapshot().prompt is not None, "no prompt came"
    h.step([PainReport(PainAnswer(nrs, **kw))])  # type: ignore[arg-type]


def test_connecting_and_baseline_never_start_the_belt() -> None:
    h = harness()
    h.step([Ready(MachineInfo())])
    assert h.engine.snapshot().state is State.READY
    h.run(60)
    h.step([StartWalk()])  # refused: the pre-walk check comes first
    h.step([PainReport(PainAnswer(2))])
    assert h.engine.snapshot().state is State.WAITING_START
    h.run(120)
    assert "start" not in h.names()
    assert h.belt.speed == 0.0
    h.step([StartWalk()])
    assert h.names().count("start") == 1
    assert h.engine.snapshot().state is State.WARMUP


def test_programme_time_runs_only_while_walking() -> None:
    h = harness()
    h.start_walk()
    h.run(100)
    assert abs(h.engine.prog_t - 100) < 1e-6
    h.step([StopNow()])
    h.run(50)
    assert abs(h.engine.prog_t - 100) < 1e-6
    assert abs(h.engine.snapshot().active_s - 100) < 1e-6


def test_stop_now_sends_pause_in_the_same_step() -> None:
    h = harness()
    h.start_walk()
    h.run(30)
    out = h.step([StopNow()])
    assert out and isinstance(out[0], Pause)
    assert h.engine.snapshot().pause_reason is PauseReason.STOP_NOW


def test_resume_after_pause_ramps_from_machine_minimum() -> None:
    h = harness()
    h.start_walk()
    h.run(400)
    h.step([StopNow()])
    h.run(20)
    assert h.belt.speed == 0.0
    h.step([Resume()])
    cmds = [c for t, c in h.commands if t == h.now]
    speeds = [c.kmh for c in cmds if isinstance(c, SetSpeed)]
    assert any(isinstance(c, Start) for c in cmds)
    assert speeds and all(s == 1.0 for s in speeds)
    h.run(10)
    assert h.belt.speed <= 1.3


def test_rate_limit_on_every_sample() -> None:
    h = harness(
        [
            ("warmup", 120, 2.0, 0.0, None),
            ("walk", 900, 5.0, 4.0, 100.0),
            ("cooldown", 120, 1.5, 0.0, None),
        ]
    )
    h.start_walk()
    h.run(1200)
    samples = [s for s in h.samples if s[1] in ("warmup", "main", "cooldown")]
    for (t0, _, v0, i0, _b0), (t1, _, v1, i1, _b1) in zip(samples, samples[1:], strict=False):
        dt = t1 - t0
        assert v0 is not None and v1 is not None and i0 is not None and i1 is not None
        assert v1 - v0 <= 0.02 * dt + 0.1 + 1e-9
        assert v0 - v1 <= 0.1 * dt + 0.1 + 1e-9
        assert i1 - i0 <= (0.5 / 120) * dt + 0.5 + 1e-9
    assert max(s[2] or 0 for s in samples) <= 5.0


def test_red_answer_pauses_zeroes_incline_and_offers_end_or_resume_easy() -> None:
    h = harness(
        [
            ("warmup", 60, 2.0, 0.0, None),
            ("walk", 1800, 3.0, 2.0, None),
            ("cooldown", 60, 2.0, 0.0, None),
        ]
    )
    h.start_walk()
    h.run(900)
    assert (h.engine.target_incline() or 0) > 0
    h.step([PainKey()])
    h.step([PainReport(PainAnswer(7))])
    assert isinstance(h.commands[-1][1], Pause)
    snap = h.engine.snapshot()
    assert snap.state is State.PAUSED and snap.pause_reason is PauseReason.RED
    assert set(snap.options) == {"end", "resume_easy"}
    h.run(20)
    assert any(isinstance(c, SetIncline) and c.pct == 0.0 for _, c in h.commands[-5:])
    h.step([Resume()])  # plain resume refused after red
    assert h.engine.snapshot().state is State.PAUSED
    h.step([ResumeEasy()])
    assert h.engine.snapshot().state in (State.MAIN, State.WARMUP)
    h.run(200)
    assert (h.engine.target_speed() or 0) <= 2.0 + 1e-9
    assert h.engine.target_incline() == 0.0


def test_leg_symptoms_stop_and_lock_until_acknowledged() -> None:
    h = harness()
    h.start_walk()
    h.run(400)
    h.auto_answer = None
    h.step([PainKey()])
    out = h.step([PainReport(PainAnswer(2, LegSymptom.ONE_LEG))])
    assert out and isinstance(out[0], Stop)
    snap = h.engine.snapshot()
    assert snap.locked and snap.red_flag_text
    starts = h.names().count("start")
    h.step([Resume()])
    h.step([StartWalk()])
    h.run(60)
    assert h.names().count("start") == starts
    h.step([AcknowledgeRedFlag()])
    assert h.engine.snapshot().state is State.FINISHED
    assert h.engine.summary().outcome == "red_flag"


def test_red_flag_key_any_time() -> None:
    h = harness()
    h.start_walk()
    h.run(50)
    out = h.step([RedFlagKey()])
    assert h.engine.snapshot().state is State.RED_FLAG
    assert out and isinstance(out[0], Stop)


def test_two_ambers_in_a_row_go_to_cooldown() -> None:
    h = harness(auto_answer=None)
    h.start_walk(baseline=2)
    h.run(400)
    answer_pending(h, 4)
    assert h.engine.snapshot().state is State.MAIN
    assert "reduce" in [e.type for e in h.engine.events[-4:]]
    answer_pending(h, 4)  # the 2-min recheck
    assert h.engine.snapshot().state is State.COOLDOWN
    assert h.engine.summary().outcome == "cooldown_early"


def test_amber_reduces_incline_first() -> None:
    h = harness(
        [
            ("warmup", 60, 2.0, 0.0, None),
            ("walk", 1800, 3.0, 2.0, None),
            ("cooldown", 60, 2.0, 0.0, None),
        ]
    )
    h.start_walk(baseline=2)
    h.run(800)
    before = h.engine.target_incline()
    assert before is not None and before >= 1.0
    h.step([PainKey()])
    h.step([PainReport(PainAnswer(4))])
    h.run(10)
    assert h.engine.target_incline() == before - 0.5
    h.run(60)
    assert h.engine.target_incline() == before - 0.5  # increases cancelled


def test_unanswered_prompt_repeats_then_slows_then_pauses() -> None:
    h = harness(
        [
            ("warmup", 60, 2.0, 0.0, None),
            ("walk", 1800, 4.0, 1.0, 100.0),
            ("cooldown", 60, 2.0, 0.0, None),
        ]
    )
    h.start_walk()
    h.run(500)
    h.auto_answer = None
    h.run(5)
    h.step([PainKey()])
    t0 = h.now
    h.run(31)
    assert h.engine.snapshot().prompt is not None
    assert h.engine.snapshot().prompt.repeats == 1  # type: ignore[union-attr]
    h.run(30)
    types = [e.type for e in h.engine.events if e.t >= t0]
    assert "no_answer_slowdown" in types
    h.run(60)
    assert (h.engine.target_speed() or 9) <= 2.0 + 1e-9
    assert h.engine.target_incline() == 0.0
    assert h.engine.snapshot().metronome_spm is None
    h.run(70)
    assert h.engine.snapshot().state is State.PAUSED
    assert h.engine.snapshot().pause_reason is PauseReason.NO_ANSWER
    h.step([Resume()])  # needs an answer first
    assert h.engine.snapshot().state is State.PAUSED


def test_console_stop_pauses_and_never_restarts() -> None:
    h = harness(auto_answer=None)
    h.start_walk()
    h.run(200)
    h.belt.command(Stop())
    h.step([MachineStopped(StopSource.CONSOLE)])
    assert h.engine.snapshot().state is State.PAUSED
    h.run(200)
    assert h.names().count("start") == 1
    answer_pending(h, 2)
    h.run(10)
    assert h.names().count("start") == 1
    h.step([Resume()])
    assert h.names().count("start") == 2


def test_incline_rejected_walk_continues_on_speed() -> None:
    h = harness(
        [
            ("warmup", 60, 2.0, 0.0, None),
            ("walk", 1800, 3.0, 2.0, None),
            ("cooldown", 60, 2.0, 0.0, None),
        ]
    )
    h.belt.reject_incline = True
    h.start_walk()
    h.run(400)
    snap = h.engine.snapshot()
    assert not snap.incline_control and snap.state is State.MAIN
    assert sum("Incline control" in m for m in snap.messages) == 1
    assert h.belt.speed > 2.5
    n = h.names().count("set_incline")
    h.run(600)
    assert h.names().count("set_incline") == n


def test_speed_ignored_is_resent_once_then_unavailable() -> None:
    h = harness()
    h.start_walk()
    h.run(20)
    h.belt.ignore_speed = True
    h.run(120)
    resends = [c for _, c in h.commands if isinstance(c, SetSpeed) and c.resend]
    assert len(resends) == 1
    assert not h.engine.snapshot().speed_control
    assert h.names().count("start") == 1


def test_pause_timeout_escalates_to_stop_once() -> None:
    h = harness()
    h.start_walk()
    h.run(30)
    h.step([StopNow()])
    out = h.step([CommandTimedOut(Pause())])
    assert [c.name for c in out] == ["stop"]


def test_break_waits_for_zero_then_exercises_then_check_then_resume() -> None:
    ex = (FakeExercise(hold_s=10, reps=2, per_side=True),)
    tl = make_timeline(
        [
            ("warmup", 60, 2.0, 0.0, None),
            ("walk", 300, 3.0, 0.0, None),
            ("break", 40, 0, 0, None),
            ("walk", 300, 3.0, 0.0, None),
            ("cooldown", 60, 2.0, 0.0, None),
        ],
        exercises=ex,
    )
    h = Harness(Engine(tl), auto_answer=None)
    h.start_walk()
    seen_exercise_speeds: list[float] = []
    for _ in range(2000):
        h.run(0.5)
        snap = h.engine.snapshot()
        if snap.exercise is not None:
            seen_exercise_speeds.append(h.belt.speed)
        if snap.prompt is not None:
            if snap.prompt.trigger == "break_end":
                break
            h.step([PainReport(PainAnswer(2))])
    assert seen_exercise_speeds and max(seen_exercise_speeds) == 0.0
    names = [e.details["side"] for e in h.engine.events if e.type == "exercise"]
    assert names == ["left", "right", "left", "right"]
    h.step([PainReport(PainAnswer(2))])
    snap = h.engine.snapshot()
    assert snap.state is State.BREAK and snap.break_stage is BreakStage.AWAIT_RESUME
    h.run(60)
    starts = h.names().count("start")
    assert starts == 1
    h.step([Resume()])
    assert h.names().count("start") == 2
    assert h.engine.prog_t >= 400


def test_next_exercise_skips_a_hold() -> None:
    tl = make_timeline(
        [("walk", 100, 2.0, 0.0, None), ("break", 60, 0, 0, None), ("walk", 100, 2.0, 0, None)],
        exercises=(FakeExercise(hold_s=30, reps=2),),
    )
    h = Harness(Engine(tl))
    h.start_walk()
    for _ in range(1000):
        h.run(0.5)
        if h.engine.snapshot().exercise is not None:
            break
    h.run(0.5)  # the harness presses Ready: the countdown runs, Enter means "next" again
    first = h.engine.snapshot().exercise
    assert first is not None and first.rep == 1 and not first.awaiting_ready
    h.step([NextExercise()])
    second = h.engine.snapshot().exercise
    assert second is not None and second.rep == 2


def test_link_lost_pauses_and_reconnect_never_starts() -> None:
    h = harness()
    h.start_walk()
    h.run(200)
    h.step([LinkDown()])
    assert h.engine.snapshot().state is State.PAUSED
    prog = h.engine.prog_t
    h.run(30)  # belt keeps running on a dropped link (the walker is on it)
    assert h.engine.prog_t == prog
    h.step([Ready(MachineInfo())])
    h.run(5)
    assert isinstance(h.commands[-1][1], Pause)  # the belt guard stops the moving belt
    h.run(60)
    assert h.names().count("start") == 1
    h.step([Resume()])
    assert h.names().count("start") == 2


def test_control_lost_requests_control_once_and_waits() -> None:
    h = harness()
    h.start_walk()
    h.run(100)
    out = h.step([ControlRevoked()])
    assert [c.name for c in out] == ["request_control"]
    h.step([ControlRevoked()])
    assert h.names().count("request_control") == 1
    h.step([Ready(MachineInfo())])
    h.run(60)
    assert h.names().count("start") == 1


def test_end_of_programme_stops_confirms_and_asks_post_walk() -> None:
    h = harness(
        [
            ("warmup", 60, 2.0, 0.0, None),
            ("walk", 120, 2.5, 0.0, None),
            ("cooldown", 60, 2.0, 0.0, None),
        ]
    )
    h.start_walk()
    h.run(250)
    assert isinstance([c for _, c in h.commands][-1], Stop) or "stop" in h.names()
    snap = h.engine.snapshot()
    assert snap.state is State.POST_WALK
    assert h.belt.speed == 0.0
    h.step([PostWalkAnswer(3, 11, "fine")])
    s = h.engine.summary()
    assert h.engine.snapshot().state is State.FINISHED
    assert s.outcome == "completed" and s.rpe == 11 and s.post_walk_nrs == 3
    assert 235 < s.active_s <= 240 + 1e-6


def test_end_while_walking_goes_to_cooldown() -> None:
    h = harness()
    h.start_walk()
    h.run(500)
    h.step([End()])
    assert h.engine.snapshot().state is State.COOLDOWN
    assert h.engine.prog_t >= 1500


def test_manual_speed_up_goes_through_the_rate_limit_and_schedules_a_check() -> None:
    from treadmill_tui.session.inputs import ManualOverride, Override

    h = harness()
    h.start_walk()
    h.run(400)  # main phase at 3.0 km/h
    assert h.engine.target_speed() == 3.0
    for _ in range(5):
        h.step([ManualOverride(Override.SPEED_UP)])
    h.run(4)
    assert (h.engine.target_speed() or 0) <= 3.1 + 1e-9
    h.run(30)
    assert h.engine.target_speed() == 3.5
    h.run(90)  # a minute after the increase, held back to 2 min after the previous check
    assert any(
        e.type == "prompt" and e.details["trigger"] == "after_increase"
        for e in h.engine.events
        if e.t > 400
    )


def test_skip_and_extend_segment() -> None:
    from treadmill_tui.session.inputs import ManualOverride, Override

    h = harness()
    h.start_walk()
    h.run(100)
    h.step([ManualOverride(Override.SKIP_SEGMENT)])
    assert h.engine.prog_t == 300.0
    h.step([ManualOverride(Override.EXTEND_SEGMENT)])
    h.run(30)
    assert h.engine.prog_t == 300.0  # held for the 60 s extension
    h.run(40)
    assert 309.0 <= h.engine.prog_t <= 311.0


def test_snapshot_is_complete_for_the_dashboard() -> None:
    h = harness()
    h.start_walk()
    h.run(350)
    snap = h.engine.snapshot()
    assert snap.state is State.MAIN and snap.segment_name == "walk 1"
    assert snap.remaining_s == 1800 - snap.prog_t
    assert snap.distance_m > 150 and snap.est_steps > 300
    assert snap.actual_speed_kmh is not None and snap.target_speed_kmh is not None
    assert snap.options == ("stop_now", "pain", "end")
    d = snap.to_dict()
    assert d["state"] == "main"


def test_unanswered_check_while_stopped_ends_after_five_minutes() -> None:
    h = harness(auto_answer=None)
    h.start_walk()
    h.run(200)
    h.belt.command(Stop())
    h.step([MachineStopped(StopSource.CONSOLE)])
    h.run(310)
    assert h.engine.snapshot().state in (State.POST_WALK, State.STOPPING)
    assert h.names().count("start") == 1


def test_targets_are_unknown_until_the_first_start_then_zero_when_stopped() -> None:
    h = harness()
    h.step([Ready(MachineInfo())])
    h.step([h.belt.telemetry()])  # telemetry reports 0 % incline: still nothing commanded
    h.step([PainReport(PainAnswer(2))])
    snap = h.engine.snapshot()
    assert snap.state is State.WAITING_START
    assert (snap.target_speed_kmh, snap.target_incline_pct) == (None, None)
    assert h.engine.sample_targets() == (None, None)
    h.step([StartWalk()])
    snap = h.engine.snapshot()
    assert snap.target_speed_kmh == 1.0 and snap.target_incline_pct == 0.0
    h.run(30)
    h.step([StopNow()])
    assert h.engine.snapshot().target_speed_kmh == 0.0  # a commanded stop
