"""The walk engine: a pure, clock-free state machine.

``Engine.step(now, inputs)`` takes the current time and what happened (walker actions, device
facts, command results) and returns the commands to carry out; events accumulate for
``drain_events()``. No awaiting, no wall clock: the runner owns time and I/O.

The engine holds the session state and the transitions; the arithmetic lives beside it:
``load`` (targets, caps, overrides, ramps, metronome), ``prompts`` (check schedule, no-answer
ladder), ``exercises`` (break holds), ``follow`` (did the belt follow a target),
``options`` (walker actions per state), ``summary`` and ``engine_settings``.

Safety rules kept here (walking.md, the session issue):

- The belt starts only on the walker's StartWalk / Resume / ResumeEasy. Nothing else - not a
  reconnect, not control regained, not the end of a break - emits ``Start``.
- Commanded speed and incline move in quantised steps through :class:`Ramp`. Increases are
  limited to the profile's rates; decreases to ``max(profile rate, settings.*_down_rate)``
  (easing off may be quicker: 0.1 km/h per s, 0.5 % per s - walking.md "decreases immediate").
  Controlled stops use the machine's Pause/Stop. While the belt is stopped after a red or STOP
  answer, incline is set straight to 0 (nobody is walking).
- ``Start`` is never re-sent; a set-target is re-sent at most once (after a telemetry-follow
  timeout or a response timeout), then that capability is marked unavailable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from treadmill_tui.profiles.catalogue import RED_FLAG_TEXT
from treadmill_tui.session.commands import (
    Command,
    Pause,
    RequestControl,
    SetIncline,
    SetMetronome,
    SetSpeed,
    Start,
    Stop,
    command_value,
)
from treadmill_tui.session.engine_settings import MOVING_KMH as MOVING_KMH
from treadmill_tui.session.engine_settings import STOPPED_KMH as STOPPED_KMH
from treadmill_tui.session.engine_settings import EngineSettings as EngineSettings
from treadmill_tui.session.events import SessionEvent
from treadmill_tui.session.exercises import Hold, exercise_view, holds_of, is_trailing
from treadmill_tui.session.follow import UNAVAILABLE_TEXT, Follow, follow_timeout_s, has_followed
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    CommandDone,
    CommandRejected,
    CommandTimedOut,
    ControlLost,
    DismissPrompt,
    End,
    Input,
    LinkLost,
    MachineInfo,
    MachineStarted,
    MachineStopped,
    ManualOverride,
    NextExercise,
    Override,
    PainKey,
    PainReport,
    PostWalkAnswer,
    Ready,
    RedFlagKey,
    Resume,
    ResumeEasy,
    ReturnToPlan,
    StartWalk,
    StopNow,
    StopSource,
    Telemetry,
)
from treadmill_tui.session.load import (
    LoadAdjustments,
    build_ramps,
    cooldown_start,
    metronome_spm,
    step_length,
    wanted_incline,
    wanted_speed,
    warmup_speed,
)
from treadmill_tui.session.options import walker_options
from treadmill_tui.session.pain import (
    STOP_LEGS,
    Action,
    Decision,
    GateResult,
    PainAnswer,
    PainHistory,
    Thresholds,
    Zone,
    decide,
    post_walk_advice,
    prewalk_gate,
    zone_of,
)
from treadmill_tui.session.prompts import (
    CheckSchedule,
    NoAnswer,
    PendingPrompt,
    may_dismiss,
    no_answer_step,
    planned_checks,
    repeat_due,
)
from treadmill_tui.session.ramp import Ramp
from treadmill_tui.session.snapshot import ExerciseView, PromptView, SessionSnapshot
from treadmill_tui.session.states import (
    WALKING_STATES,
    BreakStage,
    PauseReason,
    State,
    state_for_phase,
)
from treadmill_tui.session.stats import Stats
from treadmill_tui.session.summary import PainRecord as PainRecord
from treadmill_tui.session.summary import SessionSummary as SessionSummary
from treadmill_tui.session.summary import summarise
from treadmill_tui.session.timeline import SegmentLike, TargetsLike, TimelineLike

MSG_PRESS_STOP = "Press STOP or pull the safety key."
MSG_ANSWER_FIRST = "Answer the pain check first."
MSG_RETURN_OFFER = "Press U to go back to the planned pace."

_NO_METRONOME: float = -1.0  # "nothing sent yet" marker for the metronome


class Engine:
    """The session state machine. Create one per walk; feed it with :meth:`step`."""

    def __init__(
        self,
        timeline: TimelineLike,
        *,
        settings: EngineSettings | None = None,
        start: float = 0.0,
    ) -> None:
        self._tl = timeline
        self._at_t = -1.0
        self._at_v: TargetsLike | None = None
        self._breaks = tuple(s for s in timeline.segments if s.kind == "break")
        self._limits = timeline.limits
        self._policy = timeline.pain_policy
        self._cfg = settings or EngineSettings()
        pol = timeline.pain_policy
        self._thresholds = Thresholds(pol.red_at, pol.red_rise, pol.amber_rise, pol.amber_at)
        self._t0 = start
        self._now = start
        self._state = State.CONNECTING
        self._pause_reason: PauseReason | None = None
        self._break_stage: BreakStage | None = None
        self._machine: MachineInfo | None = None
        self._connected = False
        self._control_requested = False
        self._prog = 0.0
        self._speed_ramp: Ramp | None = None
        self._incline_ramp: Ramp | None = None
        self._speed_ok = True
        self._incline_ok = True
        self._actual_speed: float | None = None
        self._actual_incline: float | None = None
        self._last_telemetry_t = float("-inf")
        self._await_zero_since: float | None = None
        self._zero_deadline = 0.0
        self._zero_warned = False
        self._zero_incline_when_stopped = False
        self._start_sent_at: float | None = None
        self._follow: dict[str, Follow] = {}
        self._prompt: PendingPrompt | None = None
        self._no_answer_slow = False
        self._return_offered = False  # a late green: the walker may lift the slow-down (§3.5)
        self._baseline: int | None = None
        self._last_zone: Zone | None = None
        self._amber_count = 0
        self._resume_easy = False
        self._resume_easy_used = False
        self._end_only = False
        self._cooldown_forced = False
        self._load = LoadAdjustments()
        self._extend_left = 0.0
        self._rewarm_left = 0.0  # re-warm-up still to walk after a long stop (programme held)
        self._left_walking_at: float | None = None  # when the belt was last told to stop
        self._checks = CheckSchedule(planned_checks(timeline))
        self._done_breaks: set[int] = set()
        self._break_seg: SegmentLike | None = None
        self._holds: list[Hold] = []
        self._hold_index = 0
        self._hold_started = 0.0
        self._pause_since = 0.0
        self._metronome_sent: float | None = _NO_METRONOME
        self._metronome_target: float | None = None
        self._stats = Stats()
        self._events: list[SessionEvent] = []
        self._drained = 0
        self._messages: list[str] = []
        self._pain_log: list[PainRecord] = []
        self._post_walk: PostWalkAnswer | None = None
        self._advice: str | None = None
        self._outcome = "in_progress"
        self._first_start_t: float | None = None
        self._end_t: float | None = None
        self._red_flag_shown = False
        self._red_flag_ack = False
        self._post_walk_since = 0.0
        self._out: list[Command] = []
        self._paused_with_pause = False
        self._warmup_speed = warmup_speed(timeline)
        self._cooldown_start = cooldown_start(timeline)

    # ------------------------------------------------------------------ public API

    @property
    def state(self) -> State:
        return self._state

    @property
    def prog_t(self) -> float:
        return self._prog

    @property
    def finished(self) -> bool:
        return self._state is State.FINISHED

    @property
    def events(self) -> tuple[SessionEvent, ...]:
        return tuple(self._events)

    @property
    def pain_log(self) -> tuple[PainRecord, ...]:
        return tuple(self._pain_log)

    @property
    def stats(self) -> Stats:
        return self._stats

    def drain_events(self) -> list[SessionEvent]:
        """Events added since the last drain (the full log stays in :attr:`events`)."""
        new = self._events[self._drained :]
        self._drained = len(self._events)
        return new

    def record(self, now: float, type_: str, **details: Any) -> SessionEvent:
        """Add an event from outside the core (the runner logs commands actually sent)."""
        event = SessionEvent(now - self._t0, self._prog, type_, details)
        self._events.append(event)
        return event

    def step(self, now: float, inputs: Iterable[Input] = ()) -> list[Command]:
        """Advance to ``now``, apply ``inputs`` in order, and return the commands to send."""
        self._out = []
        dt = max(0.0, now - self._now)
        self._now = max(now, self._now)
        self._advance_time(dt)
        for item in inputs:
            self._apply(item)
        self._timers()
        self._drive()
        out, self._out = self._out, []
        return out

    def summary(self) -> SessionSummary:
        return summarise(
            stats=self._stats,
            start=self._first_start_t if self._first_start_t is not None else self._now,
            end=self._end_t if self._end_t is not None else self._now,
            programme_s=self._prog,
            baseline=self._baseline,
            pain_log=self._pain_log,
            post_walk=self._post_walk,
            outcome=self._outcome,
            advice=self._advice,
        )

    def snapshot(self) -> SessionSnapshot:
        tg = self._at(self._prog) if self._tl.segments else None
        seg = tg.segment if tg is not None else None
        phase: str | None = str(tg.phase) if tg is not None else None
        seg_name = seg.name if seg is not None else None
        if self._state is State.BREAK and self._break_seg is not None:
            seg = self._break_seg
            seg_name = seg.name
            phase = "break"
        elif self._rewarming():
            phase = "warmup"
            seg_name = "after a long stop"
        prompt = self.prompt_view()
        speed_target, incline_target = self.sample_targets()
        return SessionSnapshot(
            t=self._now - self._t0,
            state=self._state,
            phase=phase,
            pause_reason=self._pause_reason if self._state is State.PAUSED else None,
            break_stage=self._break_stage if self._state is State.BREAK else None,
            segment_index=seg.index if seg is not None else None,
            segment_name=seg_name,
            prog_t=self._prog,
            duration_s=self._tl.duration_s,
            remaining_s=max(0.0, self._tl.duration_s - self._prog) + self._rewarm_left,
            active_s=self._stats.active_s,
            target_speed_kmh=speed_target,
            actual_speed_kmh=self._actual_speed,
            target_incline_pct=incline_target,
            actual_incline_pct=self._actual_incline,
            cadence_spm=self._cadence_estimate(),
            metronome_spm=self._metronome_target,
            distance_m=self._stats.distance_m,
            elevation_gain_m=self._stats.elevation_gain_m,
            est_steps=int(self._stats.est_steps),
            baseline=self._baseline,
            prompt=prompt,
            exercise=self._exercise_view(),
            messages=tuple(self._messages[-self._cfg.messages_kept :]),
            options=self._options(),
            locked=self._state is State.RED_FLAG,
            red_flag_text=self.red_flag_text() if self._red_flag_shown else None,
            speed_control=self._speed_ok,
            incline_control=self._incline_ok and self._incline_ramp is not None,
            connected=self._connected,
            outcome=self._outcome,
        )

    # cheap accessors for pollers that do not need a whole snapshot

    @property
    def pause_reason(self) -> PauseReason | None:
        return self._pause_reason if self._state is State.PAUSED else None

    @property
    def break_stage(self) -> BreakStage | None:
        return self._break_stage if self._state is State.BREAK else None

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def exercise_name(self) -> str | None:
        if self._state is not State.BREAK or self._break_stage is not BreakStage.EXERCISE:
            return None
        if not 0 <= self._hold_index < len(self._holds):
            return None
        return self._holds[self._hold_index].name

    def prompt_view(self) -> PromptView | None:
        p = self._prompt
        if p is None:
            return None
        return PromptView(p.kind, p.trigger, p.since - self._t0, p.repeats, may_dismiss(p))

    def red_flag_text(self) -> str:
        """The §5 text with this walker's emergency number filled in."""
        return RED_FLAG_TEXT.replace("{emergency_number}", self._cfg.emergency_number)

    def options(self) -> tuple[str, ...]:
        """Walker actions that make sense now."""
        return self._options()

    def session_time(self) -> float:
        return self._now - self._t0

    def cadence(self) -> float | None:
        return self._cadence_estimate()

    def sample_targets(self) -> tuple[float | None, float | None]:
        """(target speed, target incline) as the snapshot reports them.

        None before the first start: nothing has been commanded yet (the UI shows "--").
        Afterwards a stopped belt reads as a commanded 0 km/h.
        """
        if self._first_start_t is None:
            return None, None
        walking = self._state in WALKING_STATES
        speed = self.target_speed() if walking else (0.0 if self._speed_ok else None)
        return speed, self.target_incline()

    def target_speed(self) -> float | None:
        """The commanded (rate-limited) speed while walking."""
        if not self._speed_ok or self._speed_ramp is None:
            return None
        return self._speed_ramp.value

    def target_incline(self) -> float | None:
        if not self._incline_ok or self._incline_ramp is None:
            return None
        return self._incline_ramp.value

    # ------------------------------------------------------------------ helpers

    def _emit(self, type_: str, **details: Any) -> None:
        self._events.append(SessionEvent(self._now - self._t0, self._prog, type_, details))

    def _say(self, text: str, kind: str = "info") -> None:
        self._messages.append(text)
        self._emit("message", text=text, kind=kind)

    def _send(self, cmd: Command) -> None:
        self._out.append(cmd)

    def _set_state(self, new: State, reason: str) -> None:
        if new is self._state:
            return
        old = self._state
        self._state = new
        if old in WALKING_STATES and new not in WALKING_STATES:
            self._left_walking_at = self._now
        details: dict[str, Any] = {"from": str(old), "to": str(new), "reason": reason}
        if new is State.PAUSED and self._pause_reason is not None:
            details["pause_reason"] = str(self._pause_reason)
        self._emit("state", **details)

    def _at(self, t: float) -> TargetsLike:
        """``timeline.at`` memoised on the last time asked (called several times a step)."""
        if t != self._at_t or self._at_v is None:
            self._at_t = t
            self._at_v = self._tl.at(t)
        return self._at_v

    def _phase_at(self, t: float) -> str:
        return str(self._at(t).phase)

    def _belt_stopped(self) -> bool:
        """Telemetry after the last stop command confirms speed 0."""
        if self._actual_speed is None or self._actual_speed > STOPPED_KMH:
            return False
        since = self._await_zero_since
        return since is None or self._last_telemetry_t >= since

    def _belt_moving(self) -> bool:
        return self._actual_speed is not None and self._actual_speed > MOVING_KMH

    def _await_zero(self) -> None:
        """Expect telemetry to confirm speed 0: within ``stop_confirm_s`` beyond the time a
        controlled ramp-down from the current speed takes, else tell the walker."""
        self._await_zero_since = self._now
        self._zero_warned = False
        speed = self._actual_speed or 0.0
        ramp_s = speed / self._cfg.expected_decel_kmh_per_s
        self._zero_deadline = self._now + ramp_s + self._cfg.stop_confirm_s

    def _history(self) -> PainHistory:
        return PainHistory(
            last_zone=self._last_zone,
            amber_count=self._amber_count,
            in_cooldown=self._state is State.COOLDOWN
            or self._cooldown_forced
            or (self._cooldown_start is not None and self._prog >= self._cooldown_start),
            resume_easy=self._resume_easy,
        )

    # ------------------------------------------------------------------ time

    def _advance_time(self, dt: float) -> None:
        if dt <= 0:
            return
        if self._state in WALKING_STATES:
            self._stats.walk(dt, self._cadence_estimate())
            prog_dt = dt
            if self._rewarm_left > 0:
                used = min(self._rewarm_left, prog_dt)
                self._rewarm_left -= used
                prog_dt -= used
                if self._rewarm_left <= 1e-9:
                    self._end_rewarm("re-warm-up done")
            if self._extend_left > 0:
                used = min(self._extend_left, prog_dt)
                self._extend_left -= used
                prog_dt -= used
            new = min(self._prog + prog_dt, self._tl.duration_s)
            brk = self._next_break(self._prog)
            if brk is not None and brk.start_s <= new:
                new = max(self._prog, brk.start_s)
            self._prog = new

    def _next_break(self, after: float) -> SegmentLike | None:
        for seg in self._breaks:
            if seg.start_s >= after and seg.index not in self._done_breaks:
                return seg
        return None

    # ------------------------------------------------------------------ inputs

    def _apply(self, item: Input) -> None:
        if isinstance(item, Telemetry):
            self._on_telemetry(item)
        elif isinstance(item, Ready):
            self._on_ready(item.machine)
        elif isinstance(item, StartWalk):
            self._on_start()
        elif isinstance(item, StopNow):
            self._on_stop_now()
        elif isinstance(item, Resume):
            self._on_resume(easy=False)
        elif isinstance(item, ResumeEasy):
            self._on_resume(easy=True)
        elif isinstance(item, ReturnToPlan):
            self._on_return_to_plan()
        elif isinstance(item, End):
            self._on_end()
        elif isinstance(item, PainReport):
            self._on_answer(item.answer)
        elif isinstance(item, PainKey):
            self._emit("pain_key")
            self._open_prompt("check", "pain_key")
        elif isinstance(item, DismissPrompt):
            self._on_dismiss()
        elif isinstance(item, RedFlagKey):
            self._emit("red_flag_key")
            self._red_flag_stop("red_flag_key")
        elif isinstance(item, AcknowledgeRedFlag):
            self._on_acknowledge()
        elif isinstance(item, NextExercise):
            if self._state is State.BREAK and self._break_stage is BreakStage.EXERCISE:
                self._next_hold()
        elif isinstance(item, ManualOverride):
            self._on_override(item.kind)
        elif isinstance(item, PostWalkAnswer):
            self._on_post_walk(item)
        elif isinstance(item, MachineStopped):
            self._on_machine_stopped(item.by)
        elif isinstance(item, MachineStarted):
            self._emit("machine_started")
        elif isinstance(item, ControlLost):
            self._on_fault(PauseReason.CONTROL_LOST)
        elif isinstance(item, LinkLost):
            self._on_fault(PauseReason.LINK_LOST)
        elif isinstance(item, CommandDone):
            pass
        elif isinstance(item, CommandRejected):
            self._on_command_failed(item.command, item.message or "rejected", timed_out=False)
        elif isinstance(item, CommandTimedOut):
            self._on_command_failed(item.command, "no response", timed_out=True)

    def _on_telemetry(self, tm: Telemetry) -> None:
        self._last_telemetry_t = self._now
        if tm.speed_kmh is not None:
            self._actual_speed = tm.speed_kmh
        if tm.incline_pct is not None:
            self._actual_incline = tm.incline_pct
        self._stats.feed(
            tm.speed_kmh, tm.incline_pct, tm.distance_m, tm.elevation_gain_m, tm.step_count
        )
        if self._incline_ramp is not None and self._incline_ramp.value is None:
            if tm.incline_pct is not None:
                self._incline_ramp.reset(tm.incline_pct, self._now)
        for kind in list(self._follow):
            actual = self._actual_speed if kind == "speed" else self._actual_incline
            if actual is None:
                continue
            if has_followed(kind, self._follow[kind], actual):
                del self._follow[kind]
        if self._start_sent_at is not None and self._actual_speed is not None:
            if self._actual_speed > STOPPED_KMH:
                self._start_sent_at = None

    def _on_ready(self, machine: MachineInfo) -> None:
        first = self._machine is None
        self._machine = machine
        self._connected = True
        self._control_requested = False
        self._emit(
            "ready",
            speed_range=[machine.speed_min_kmh, machine.speed_max_kmh, machine.speed_increment_kmh],
            incline_range=[
                machine.incline_min_pct,
                machine.incline_max_pct,
                machine.incline_increment_pct,
            ],
            can_set_speed=machine.can_set_speed,
            can_set_incline=machine.can_set_incline,
        )
        if first:
            self._build_ramps(machine)
        if self._state is State.CONNECTING:
            self._set_state(State.READY, "connected, control granted")
            self._open_prompt("baseline", "pre_walk")

    def _build_ramps(self, m: MachineInfo) -> None:
        ramps = build_ramps(
            m, self._limits, self._cfg, actual_incline=self._actual_incline, now=self._now
        )
        self._speed_ramp = ramps.speed
        if not m.can_set_speed:
            self._mark_unavailable("speed", "the treadmill does not take speed targets")
        self._incline_ramp = ramps.incline
        if not ramps.incline_ok:
            self._incline_ok = False

    def _start_belt(self, reason: str, *, easy: bool = False) -> None:
        """Send Start and begin the ramp at the machine minimum (only on a walker action)."""
        self._maybe_rewarm(easy=easy)
        ramp = self._speed_ramp
        if self._paused_with_pause and ramp is not None and self._speed_ok:
            self._send(SetSpeed(ramp.lo, prestart=True))
        self._paused_with_pause = False
        self._send(Start())
        self._start_sent_at = self._now
        if self._first_start_t is None:
            self._first_start_t = self._now
        self._await_zero_since = None
        if self._speed_ramp is not None:
            self._speed_ramp.reset(self._speed_ramp.lo, self._now)
            if self._speed_ok:
                self._send(SetSpeed(self._speed_ramp.lo))
        if self._incline_ramp is not None and self._incline_ramp.value is None:
            base = self._actual_incline if self._actual_incline is not None else 0.0
            self._incline_ramp.reset(base, self._now)
        self._set_state(self._walking_state(), reason)
        self._pause_reason = None
        self._break_stage = None
        self._break_seg = None
        if self._return_offered:
            self._say(MSG_RETURN_OFFER)

    def _maybe_rewarm(self, *, easy: bool) -> None:
        """walking.md §4.1: a belt stopped for more than 5 min restarts with a 3-min warm-up.

        The stop is timed from the moment the walk left a walking state (before the belt ran
        down, so a little longer than the standstill: the safe side). Programme time is held
        while the re-warm-up runs, so the walker still gets the planned main load afterwards.
        Not after the first start (the plan has its own warm-up), not for resume easy (already
        warm-up load for the rest of the walk), not into the cool-down (no harder than it).
        """
        cfg = self._cfg
        if easy or self._first_start_t is None or self._left_walking_at is None:
            return
        stopped_s = self._now - self._left_walking_at
        if stopped_s <= cfg.restart_warmup_after_s or self._phase_at(self._prog) == "cooldown":
            return
        self._rewarm_left = cfg.restart_warmup_s
        self._emit("rewarm", stopped_s=round(stopped_s, 1), warmup_s=cfg.restart_warmup_s)
        self._say(
            f"The belt was stopped for over {cfg.restart_warmup_after_s / 60:g} minutes: "
            f"{cfg.restart_warmup_s / 60:g} minutes of easy warm-up first, flat."
        )
        inc = self._incline_ramp
        flat = max(inc.lo, 0.0) if inc is not None else 0.0
        if (
            inc is not None
            and inc.value is not None
            and inc.value > flat
            and self._incline_ok
            and self._connected
        ):
            inc.reset(flat, self._now)  # the belt is still stopped: level it before the start
            self._send(SetIncline(inc.value if inc.value is not None else flat))

    def _rewarming(self) -> bool:
        return self._rewarm_left > 0 and self._state in WALKING_STATES

    def _walking_state(self) -> State:
        phase = self._phase_at(self._prog)
        if self._rewarm_left > 0 and phase != "cooldown":
            return State.WARMUP
        return state_for_phase(phase)

    def _end_rewarm(self, why: str, *, check: bool = True) -> None:
        """Back to the programme load; like warm-up -> main, that counts as an increase."""
        self._rewarm_left = 0.0
        self._emit("rewarm_end", reason=why)
        if check and self._phase_at(self._prog) == "main" and not self._resume_easy:
            self._checks.after_increase(self._prog, self._policy.after_increase_s)

    def _can_start(self) -> bool:
        if not self._connected or self._machine is None:
            self._say("Waiting for the treadmill connection.")
            if self._machine is not None and not self._control_requested:
                self._control_requested = True
                self._send(RequestControl())
            return False
        if self._prompt is not None and self._prompt.kind != "post_walk":
            self._say(MSG_ANSWER_FIRST)
            return False
        return True

    def _on_start(self) -> None:
        self._emit("walker", action="start")
        if self._state is State.READY:
            self._say(MSG_ANSWER_FIRST)
            return
        if self._state is not State.WAITING_START:
            if self._state in (State.PAUSED, State.BREAK):
                self._on_resume(easy=False)
            return
        if self._can_start():
            self._start_belt("walker pressed start")

    def _on_resume(self, *, easy: bool) -> None:
        self._emit("walker", action="resume_easy" if easy else "resume")
        if self._state is State.BREAK:
            if easy or self._break_stage is not BreakStage.AWAIT_RESUME:
                return
            if not self._can_start():
                return
            self._finish_break()
            self._start_belt("walker resumed after the break")
            return
        if self._state is not State.PAUSED:
            return
        if self._end_only:
            self._say("This walk can only end now.")
            return
        if self._pause_reason is PauseReason.RED and not easy:
            self._say("After a red answer: end, or resume easy.")
            return
        if easy and (self._pause_reason is not PauseReason.RED or self._resume_easy_used):
            return
        if not self._can_start():
            return
        if self._break_seg is not None:
            self._finish_break()
        if easy:
            self._resume_easy = True
            self._resume_easy_used = True
            self._return_offered = False  # resume easy keeps warm-up load to the end
            self._checks.last_check_prog = self._prog
            self._start_belt("walker chose resume easy", easy=True)
        else:
            self._start_belt("walker resumed")

    def _finish_break(self) -> None:
        if self._break_seg is not None:
            self._done_breaks.add(self._break_seg.index)
            self._prog = max(self._prog, self._break_seg.end_s)
            self._emit("break_end", segment=self._break_seg.index)
        self._break_seg = None
        self._break_stage = None
        self._holds = []

    def _on_stop_now(self) -> None:
        self._emit("walker", action="stop_now")
        moving = self._state in WALKING_STATES or (
            self._actual_speed is not None and self._actual_speed > STOPPED_KMH
        )
        if self._state in WALKING_STATES:
            self._pause(PauseReason.STOP_NOW, "walker pressed stop")
        elif moving and self._connected and self._state is not State.FINISHED:
            self._send(Pause())
            self._paused_with_pause = True
            self._await_zero()

    def _pause(self, reason: PauseReason, why: str) -> None:
        """Controlled pause: the machine ramps the belt to 0; stats and programme time freeze."""
        if self._connected:
            self._send(Pause())
            self._paused_with_pause = True
        self._after_stop_sent()
        self._pause_reason = reason
        self._pause_since = self._now
        self._set_state(State.PAUSED, why)

    def _after_stop_sent(self) -> None:
        self._await_zero()
        self._follow.clear()
        self._start_sent_at = None
        if self._speed_ramp is not None:
            self._speed_ramp.value = None

    def _on_end(self) -> None:
        self._emit("walker", action="end")
        if self._state in WALKING_STATES:
            if self._state is State.COOLDOWN:
                self._final_stop("walker ended during cool-down")
                self._outcome = "ended_early"
            else:
                self._go_cooldown("walker ended the walk")
                self._outcome = "ended_early"
        elif self._state in (State.PAUSED, State.BREAK):
            if self._outcome == "in_progress":
                self._outcome = "red" if self._pause_reason is PauseReason.RED else "ended_early"
            self._final_stop("walker ended the walk")
        elif self._state in (State.READY, State.WAITING_START, State.CONNECTING):
            self._outcome = "cancelled"
            self._finish("walker cancelled before starting")

    def _final_stop(self, why: str) -> None:
        self._prompt = None if self._prompt and self._prompt.kind == "check" else self._prompt
        if self._connected:
            self._send(Stop())
            self._after_stop_sent()
            self._set_state(State.STOPPING, why)
        else:
            self._set_state(State.STOPPING, why)
            self._await_zero()
        self._break_seg = None
        self._break_stage = None

    def _finish(self, why: str) -> None:
        self._prompt = None
        self._end_t = self._now
        self._set_state(State.FINISHED, why)

    def _go_cooldown(self, why: str) -> None:
        if self._rewarm_left > 0:
            self._end_rewarm("cool-down now", check=False)
        self._cooldown_forced = True
        self._cancel_increases()
        start = self._cooldown_start
        self._emit("cooldown_now", reason=why)
        if start is None or start >= self._tl.duration_s:
            if self._state in WALKING_STATES:
                self._final_stop(why)
            return
        for seg in self._tl.segments:
            if seg.kind == "break" and seg.start_s < start:
                self._done_breaks.add(seg.index)
        self._jump_to(start)
        if self._state in WALKING_STATES:
            self._set_state(State.COOLDOWN, why)

    def _jump_to(self, prog: float) -> None:
        """Move programme time forward; the increases jumped over never happened, so the
        checks planned after them are dropped."""
        self._prog = max(self._prog, prog)
        self._checks.skip_to(self._prog)

    def _on_override(self, kind: Override) -> None:
        self._emit("override", kind=str(kind))
        if self._state not in WALKING_STATES:
            return
        cfg = self._cfg
        speed_step = self._speed_ramp.step if self._speed_ramp is not None else None
        incline_step = self._incline_ramp.step if self._incline_ramp is not None else None
        increase = self._load.nudge(kind, speed_step, incline_step, cfg)
        if increase is not None:
            if increase:
                self._checks.after_increase(self._prog, self._policy.after_increase_s)
        elif kind is Override.SKIP_SEGMENT and self._rewarm_left > 0:
            self._end_rewarm("walker skipped the re-warm-up")  # the ramp still limits the rise
        elif kind is Override.SKIP_SEGMENT:
            seg = self._at(self._prog).segment
            self._extend_left = 0.0
            self._jump_to(min(seg.end_s, self._tl.duration_s))
        elif kind is Override.EXTEND_SEGMENT:
            self._extend_left += cfg.extend_s

    def _on_machine_stopped(self, by: StopSource) -> None:
        self._emit("machine_stopped", by=str(by))
        reason = PauseReason.CONSOLE if by is StopSource.CONSOLE else PauseReason.SAFETY_KEY
        if self._state in WALKING_STATES:
            self._follow.clear()
            self._start_sent_at = None
            if self._speed_ramp is not None:
                self._speed_ramp.value = None
            self._await_zero()
            self._pause_reason = reason
            self._pause_since = self._now
            self._set_state(State.PAUSED, f"stopped from the treadmill ({by})")
            self._say("The treadmill was stopped. Are you OK?")
            self._open_prompt("check", "machine_stop")
        elif self._state is State.BREAK:
            self._await_zero()

    def _on_fault(self, reason: PauseReason) -> None:
        self._emit("fault", kind=str(reason))
        self._follow.clear()
        self._start_sent_at = None
        if reason is PauseReason.LINK_LOST:
            self._connected = False
            self._control_requested = False
            self._actual_speed = None  # stale until fresh telemetry arrives
            self._actual_incline = None
            self._stats.link_reset()
            self._say(
                "Lost the link to the treadmill; reconnecting. Use its STOP button if needed."
            )
        else:
            if not self._connected:
                return
            self._connected = False
            self._say("The treadmill took back control; asking for it again.")
            if not self._control_requested:
                self._control_requested = True
                self._send(RequestControl())
        self._await_zero_since = None
        if self._state in WALKING_STATES:
            if self._speed_ramp is not None:
                self._speed_ramp.value = None
            self._pause_reason = reason
            self._pause_since = self._now
            self._set_state(State.PAUSED, f"fault: {reason}")

    def _on_command_failed(self, cmd: Command, why: str, *, timed_out: bool) -> None:
        self._emit(
            "command_failed",
            name=cmd.name,
            value=command_value(cmd),
            error=why,
            timed_out=timed_out,
        )
        if isinstance(cmd, SetSpeed) and cmd.prestart:
            return
        if isinstance(cmd, SetSpeed | SetIncline):
            kind = "speed" if isinstance(cmd, SetSpeed) else "incline"
            if timed_out:
                self._follow_timeout(kind)
            else:
                self._mark_unavailable(kind, f"the treadmill rejected the {kind} command")
        elif isinstance(cmd, Start):
            self._start_sent_at = None
            if timed_out:
                self._say("The treadmill did not confirm the start.")
            elif self._state in WALKING_STATES:
                self._say("The treadmill refused to start.")
                self._pause(PauseReason.COMMAND_FAILED, "start refused")
        elif isinstance(cmd, Pause):
            self._say(f"The treadmill did not confirm the pause. {MSG_PRESS_STOP}", "warning")
            if timed_out and self._connected:
                self._send(Stop())  # ftms.md §10.9: escalate once, never resend the pause
        elif isinstance(cmd, Stop):
            self._say(f"The treadmill did not confirm the stop. {MSG_PRESS_STOP}", "warning")
        elif isinstance(cmd, RequestControl):
            self._control_requested = False
            self._say("The treadmill refused control; press resume to ask again.")

    def _mark_unavailable(self, kind: str, why: str) -> None:
        self._follow.pop(kind, None)
        if kind == "speed":
            if not self._speed_ok:
                return
            self._speed_ok = False
        else:
            if not self._incline_ok:
                return
            self._incline_ok = False
        self._emit("capability", name=kind, available=False, reason=why)
        self._say(UNAVAILABLE_TEXT[kind], "warning")

    def _follow_timeout(self, kind: str) -> None:
        f = self._follow.get(kind)
        ramp = self._speed_ramp if kind == "speed" else self._incline_ramp
        if f is None:
            if ramp is None or ramp.value is None:
                return
            f = Follow(ramp.value, self._now, None, resent=False)
            self._follow[kind] = f
        if f.resent:
            self._mark_unavailable(kind, "the treadmill did not follow the target")
            return
        f.resent = True
        f.since = self._now
        f.start = self._actual_speed if kind == "speed" else self._actual_incline
        self._send(SetSpeed(f.value, resend=True) if kind == "speed" else SetIncline(f.value, True))

    def _on_acknowledge(self) -> None:
        if self._state is State.RED_FLAG:
            self._emit("walker", action="acknowledge_red_flag")
            self._red_flag_ack = True
            if self._await_zero_since is None or not self._connected:
                self._finish("red flag acknowledged")
            # else: finish once telemetry confirms the belt has stopped

    def _on_post_walk(self, answer: PostWalkAnswer) -> None:
        if self._state is not State.POST_WALK:
            return
        self._post_walk = answer
        zone: Zone | None = None
        if 0 <= answer.nrs <= 10:
            baseline = self._baseline if self._baseline is not None else 0
            zone = zone_of(PainAnswer(answer.nrs, answer.legs), baseline, self._thresholds)
        self._emit(
            "post_walk",
            nrs=answer.nrs,
            rpe=answer.rpe,
            note=answer.note,
            legs=str(answer.legs),
            zone=None if zone is None else str(zone),
        )
        if answer.legs in STOP_LEGS:
            # same zones as in the walk (§3.4): the belt is already stopped; show the
            # red-flag text and lock until acknowledged
            self._red_flag_stop("post-walk leg symptoms")
            return
        if 0 <= answer.nrs <= 10:
            self._advice = post_walk_advice(answer.nrs, self._baseline, self._thresholds)
        if self._advice is not None:
            self._emit("post_walk_advice", text=self._advice)
            self._say(self._advice)
        self._finish("post-walk questions answered")

    # ------------------------------------------------------------------ pain checks

    def _open_prompt(self, kind: str, trigger: str) -> None:
        if self._state in (State.FINISHED, State.RED_FLAG):
            return
        if self._prompt is not None:
            if self._prompt.kind == kind:
                if trigger != "pain_key":
                    self._prompt.dismissable = False  # now it answers a planned check too
                return  # merge with the one already pending
            if kind == "check":
                return
        self._prompt = PendingPrompt(
            kind,
            trigger,
            self._now,
            self._prog,
            speed_before=self.target_speed(),
            incline_before=self.target_incline(),
            dismissable=kind == "check" and trigger == "pain_key",
        )
        self._emit("prompt", kind=kind, trigger=trigger)

    def _on_dismiss(self) -> None:
        p = self._prompt
        if p is None:
            return
        if not may_dismiss(p):
            self._emit("dismiss_refused", kind=p.kind, trigger=p.trigger)
            self._say(MSG_ANSWER_FIRST)
            return
        self._prompt = None
        self._emit("prompt_dismissed", trigger=p.trigger, after_s=round(self._now - p.since, 3))

    def _on_answer(self, answer: PainAnswer) -> None:
        prompt = self._prompt
        if prompt is not None and prompt.kind == "post_walk":
            self._on_post_walk(PostWalkAnswer(answer.nrs, legs=answer.legs))
            return
        if prompt is None:
            if self._state in (State.FINISHED, State.RED_FLAG, State.CONNECTING):
                return
            prompt = PendingPrompt("check", "spontaneous", self._now, self._prog)
        self._prompt = None
        if prompt.kind == "baseline" or self._state is State.READY:
            self._on_baseline(answer, prompt)
            return
        baseline = self._baseline if self._baseline is not None else 0
        decision = decide(answer, baseline, self._history(), self._thresholds)
        self._log_answer(answer, prompt, decision)
        self._checks.last_check_prog = self._prog
        self._apply_decision(decision, prompt.trigger)

    def _on_baseline(self, answer: PainAnswer, prompt: PendingPrompt) -> None:
        gate = prewalk_gate(answer, thresholds=self._thresholds)
        self._baseline = answer.nrs
        zone = {GateResult.WALK: Zone.GREEN, GateResult.REST: Zone.RED, GateResult.STOP: Zone.STOP}
        self._log_answer(answer, prompt, Decision(zone[gate], Action.CONTINUE), kind="baseline")
        if gate is GateResult.STOP:
            self._red_flag_stop("pre-walk leg symptoms")
        elif gate is GateResult.REST:
            self._say("No walk today: rest; gentle movement at home is fine.")
            self._outcome = "rest"
            self._finish("pre-walk pain too high")
        else:
            self._set_state(State.WAITING_START, "baseline recorded")

    def _log_answer(
        self, answer: PainAnswer, prompt: PendingPrompt, decision: Decision, kind: str = "check"
    ) -> None:
        rec = PainRecord(
            t=self._now - self._t0,
            prog_t=self._prog,
            phase=str(self._state),
            trigger=prompt.trigger if kind == "check" else "pre_walk",
            nrs=answer.nrs,
            baseline=self._baseline,
            legs=str(answer.legs),
            sharp=answer.sharp,
            gait=answer.gait,
            zone=str(decision.zone),
            action=str(decision.action),
            speed_before=prompt.speed_before,
            incline_before=prompt.incline_before,
            latency_s=self._now - prompt.since,
            repeats=prompt.repeats,
        )
        self._pain_log.append(rec)
        self._emit(
            "pain",
            nrs=answer.nrs,
            legs=str(answer.legs),
            sharp=answer.sharp,
            gait=answer.gait,
            zone=str(decision.zone),
            action=str(decision.action),
            trigger=rec.trigger,
            baseline=self._baseline,
        )

    def _apply_decision(self, decision: Decision, trigger: str) -> None:
        was_slow = self._no_answer_slow
        # a late answer applies from the reduced load (§3.5): green and green-hold keep the
        # no-answer slow-down (green offers a one-key return); amber and red follow the table
        # from wherever the ramps have got to
        keep_slow = was_slow and decision.action in (Action.CONTINUE, Action.HOLD)
        self._no_answer_slow = keep_slow
        self._return_offered = False
        self._checks.recheck_at = None
        action = decision.action
        if decision.zone is Zone.AMBER:
            self._amber_count += 1
        self._last_zone = decision.zone
        if action is Action.STOP:
            self._red_flag_stop("leg or red-flag symptoms")
        elif action in (Action.PAUSE, Action.PAUSE_END):
            self._zero_incline_when_stopped = True
            self._end_only = self._end_only or action is Action.PAUSE_END
            self._outcome = "red"
            if self._state in WALKING_STATES:
                self._pause(PauseReason.RED, "red pain answer")
            else:
                self._pause_reason = PauseReason.RED
                self._pause_since = self._now
                self._break_seg_to_pause()
                self._set_state(State.PAUSED, "red pain answer")
            self._say("Red answer: the belt is stopping. End the walk, or resume easy.")
        elif action is Action.COOLDOWN:
            self._outcome = "cooldown_early"
            self._say("Amber again: cooling down now.")
            self._go_cooldown("amber again")
            self._after_check_in_break()
        elif action is Action.REDUCE:
            self._reduce_load()
            self._checks.recheck_at = self._prog + self._policy.amber_recheck_s
            self._after_check_in_break()
        elif action is Action.HOLD:
            self._load.hold(*self._commanded())
            self._after_check_in_break()
        else:
            self._load.release_hold()
            if was_slow:
                self._offer_return()
            self._after_check_in_break()

    def _offer_return(self) -> None:
        """A green answer while slowed for no answer: stay slow, offer the way back."""
        self._return_offered = True
        self._emit("return_offered")
        if self._state in WALKING_STATES:
            self._say(MSG_RETURN_OFFER)

    def _on_return_to_plan(self) -> None:
        """Lift the no-answer slow-down; the ramps pace the rise, a check follows it."""
        self._emit("walker", action="return_to_plan")
        if not (self._return_offered and self._no_answer_slow):
            return
        if self._state not in WALKING_STATES:
            return
        self._return_offered = False
        self._no_answer_slow = False
        self._emit("no_answer_cleared", reason="walker returned to the plan")
        if not self._resume_easy:
            self._checks.after_increase(self._prog, self._policy.after_increase_s)
        self._say("Back to the planned pace, gently.")

    def _break_seg_to_pause(self) -> None:
        """A red answer during a break ends the break; the walk continues only by choice."""
        if self._state is State.BREAK:
            self._break_stage = None

    def _after_check_in_break(self) -> None:
        if self._state is State.BREAK and self._break_stage is BreakStage.CHECK:
            self._break_stage = BreakStage.AWAIT_RESUME
            self._emit("break_stage", stage=str(BreakStage.AWAIT_RESUME))

    def _reduce_load(self) -> None:
        what = self._load.reduce(
            self._speed_ramp, self._incline_ramp, incline_ok=self._incline_ok, cfg=self._cfg
        )
        load = self._load
        cap = load.amber_incline_cap if what == "incline" else load.amber_speed_cap
        self._emit("reduce", what=what, cap=cap)
        self._cancel_increases()

    def _cancel_increases(self) -> None:
        """Cap speed and incline at their current commanded values for the rest of the walk."""
        self._load.cap_at(*self._commanded())

    def _commanded(self) -> tuple[float | None, float | None]:
        """The ramps' current commanded (speed, incline), None where there is none."""
        sp = self._speed_ramp.value if self._speed_ramp is not None else None
        inc = self._incline_ramp.value if self._incline_ramp is not None else None
        return sp, inc

    def _red_flag_stop(self, why: str) -> None:
        if self._state in (State.RED_FLAG, State.FINISHED):
            return
        self._prompt = None
        self._outcome = "red_flag"
        self._zero_incline_when_stopped = True
        if self._connected and (self._state in WALKING_STATES or self._belt_moving()):
            self._send(Stop())
            self._after_stop_sent()
        elif self._state in WALKING_STATES:
            self._after_stop_sent()
        self._red_flag_shown = True
        self._break_seg = None
        self._break_stage = None
        self._set_state(State.RED_FLAG, why)
        self._say("Stop walking. Read the red-flag advice; the programme is locked.", "danger")

    # ------------------------------------------------------------------ timers

    def _timers(self) -> None:
        now = self._now
        st = self._state
        # stop confirmation
        if self._await_zero_since is not None:
            if self._belt_stopped():
                self._await_zero_since = None
                self._emit("belt_stopped")
                self._on_belt_stopped()
            elif not self._zero_warned and now >= self._zero_deadline:
                self._zero_warned = True
                self._say(f"The belt has not stopped. {MSG_PRESS_STOP}", "warning")
        # belt moving while the session is not walking (e.g. after a reconnect): pause it once
        if (
            self._connected
            and self._await_zero_since is None
            and st in (State.PAUSED, State.BREAK, State.STOPPING, State.RED_FLAG, State.POST_WALK)
            and self._belt_moving()
            and self._last_telemetry_t >= now - 2.0
        ):
            self._send(Stop() if st in (State.STOPPING, State.RED_FLAG) else Pause())
            self._paused_with_pause = True
            self._await_zero()
            self._emit("belt_guard", state=str(st))
        if (
            self._start_sent_at is not None
            and now - self._start_sent_at >= self._cfg.start_confirm_s
        ):
            self._start_sent_at = None
            self._say("The belt has not started. Check the treadmill, or press stop.", "warning")
        self._prompt_timers()
        self._follow_timers()
        if st is State.BREAK:
            self._break_timers()
        elif st is State.PAUSED and (
            self._pause_reason in (PauseReason.RED, PauseReason.NO_ANSWER)
            or (self._prompt is not None and self._prompt.kind == "check")
        ):
            # no choice (or no answer while stopped) for 5 min: end the walk
            if now - self._pause_since >= self._cfg.choice_timeout_s:
                self._emit("choice_timeout")
                if self._outcome == "in_progress":
                    self._outcome = "no_answer"
                self._final_stop("no choice made")
        elif st is State.POST_WALK:
            if now - self._post_walk_since >= self._cfg.post_walk_timeout_s:
                self._finish("post-walk questions not answered")
        if st in WALKING_STATES:
            self._walking_checks()

    def _on_belt_stopped(self) -> None:
        if self._zero_incline_when_stopped and self._incline_ok and self._connected:
            ramp = self._incline_ramp
            self._zero_incline_when_stopped = False
            if ramp is not None and ramp.value is not None and ramp.value > max(ramp.lo, 0.0):
                ramp.reset(max(ramp.lo, 0.0), self._now)
                self._send(SetIncline(ramp.value if ramp.value is not None else 0.0))
        if self._state is State.STOPPING:
            self._to_post_walk("final stop confirmed")
        elif self._state is State.RED_FLAG and self._red_flag_ack:
            self._finish("red flag acknowledged, belt stopped")

    def _to_post_walk(self, why: str) -> None:
        self._set_state(State.POST_WALK, why)
        self._post_walk_since = self._now
        if self._outcome == "in_progress":
            self._outcome = "completed"
        self._prompt = None
        self._open_prompt("post_walk", "post_walk")

    def _prompt_timers(self) -> None:
        p = self._prompt
        if p is None or p.kind != "check":
            return
        elapsed = self._now - p.since
        if repeat_due(elapsed, self._policy, p.repeats):
            p.repeats += 1
            self._emit("prompt_repeat", repeats=p.repeats, trigger=p.trigger)
        if self._state not in WALKING_STATES:
            return
        step = no_answer_step(elapsed, self._policy, slowed=self._no_answer_slow)
        if step is NoAnswer.PAUSE:
            self._outcome = "no_answer" if self._outcome == "in_progress" else self._outcome
            self._pause(PauseReason.NO_ANSWER, "no answer to the pain check")
            self._say("Paused - no answer. Answer the check, then resume.")
        elif step is NoAnswer.SLOW:
            self._no_answer_slow = True
            p.slowed = True
            self._emit("no_answer_slowdown")
            self._say("No answer: slowing to warm-up speed.")

    def _follow_timers(self) -> None:
        for kind in list(self._follow):
            f = self._follow[kind]
            if not (self._actual_speed is not None and self._actual_speed > STOPPED_KMH):
                f.since = self._now  # the belt is not moving (yet): nothing can follow
                continue
            if self._now - f.since >= follow_timeout_s(kind, self._cfg):
                self._follow_timeout(kind)

    def _walking_checks(self) -> None:
        interval = self._cfg.resume_easy_check_s if self._resume_easy else self._policy.interval_s
        trigger = self._checks.next_trigger(
            self._prog,
            in_main=self._state is State.MAIN or self._resume_easy,
            interval_s=interval,
            prompt_pending=self._prompt is not None,
        )
        if trigger is not None:
            self._open_prompt("check", trigger)

    def _break_timers(self) -> None:
        stage = self._break_stage
        if stage is BreakStage.STOPPING:
            if self._await_zero_since is None and self._belt_stopped():
                self._break_stage = BreakStage.EXERCISE
                self._emit("break_stage", stage=str(BreakStage.EXERCISE))
                self._hold_index = -1
                self._next_hold()
        elif stage is BreakStage.EXERCISE:
            if self._actual_speed is not None and self._actual_speed > STOPPED_KMH:
                # the belt moved during an exercise: stop showing it and stop the belt
                self._break_stage = BreakStage.STOPPING
                self._emit("break_stage", stage=str(BreakStage.STOPPING), reason="belt moving")
                return
            hold = self._holds[self._hold_index] if self._holds else None
            if hold is not None and self._now - self._hold_started >= hold.hold_s:
                self._next_hold()

    def _next_hold(self) -> None:
        self._hold_index += 1
        self._hold_started = self._now
        if self._hold_index < len(self._holds):
            h = self._holds[self._hold_index]
            self._emit(
                "exercise", name=h.name, side=h.side, rep=h.rep, reps=h.reps, hold_s=h.hold_s
            )
            return
        if self._break_seg is not None and is_trailing(self._break_seg, self._tl.duration_s):
            # floor exercises after the walk: the post-walk questions are the check
            self._finish_break()
            self._to_post_walk("after-walk exercises done")
            return
        self._break_stage = BreakStage.CHECK
        self._emit("break_stage", stage=str(BreakStage.CHECK))
        # an earlier pending prompt is reused: its answer also ends this stage
        self._open_prompt("check", "break_end")

    def _enter_break(self, seg: SegmentLike) -> None:
        self._break_seg = seg
        self._holds = holds_of(seg)
        if self._connected:
            if is_trailing(seg, self._tl.duration_s):
                self._send(Stop())  # nothing to walk after it: this is the final stop
            else:
                self._send(Pause())
                self._paused_with_pause = True
        self._after_stop_sent()
        self._break_stage = BreakStage.STOPPING
        self._set_state(State.BREAK, f"exercise break: {seg.name}")

    # ------------------------------------------------------------------ targets

    def _drive(self) -> None:
        st = self._state
        if st in WALKING_STATES:
            brk = self._next_break(self._prog)
            if brk is not None and brk.start_s <= self._prog + 1e-9:
                self._enter_break(brk)
            elif self._prog >= self._tl.duration_s - 1e-9:
                self._final_stop("end of programme")
            else:
                self._set_state(self._walking_state(), "programme")
        if self._state in WALKING_STATES:
            self._drive_targets()
        self._drive_metronome()

    def _drive_targets(self) -> None:
        tg = self._at(self._prog)
        slow = self._resume_easy or self._no_answer_slow or self._rewarm_left > 0
        sp = self._speed_ramp
        if sp is not None and sp.value is not None and self._speed_ok:
            want = wanted_speed(tg.speed_kmh, self._load, slow=slow, warmup_kmh=self._warmup_speed)
            new = sp.advance(self._now, want)
            if new is not None:
                self._send(SetSpeed(new))
                self._track_follow("speed", new, self._actual_speed)
                self._emit("target", what="speed", target=new, actual=self._actual_speed)
        inc = self._incline_ramp
        if inc is not None and inc.value is not None and self._incline_ok:
            want_i = wanted_incline(tg.incline_pct, self._load, slow=slow)
            new_i = inc.advance(self._now, want_i)
            if new_i is not None:
                self._send(SetIncline(new_i))
                self._track_follow("incline", new_i, self._actual_incline)
                self._emit("target", what="incline", target=new_i, actual=self._actual_incline)

    def _track_follow(self, kind: str, value: float, actual: float | None) -> None:
        f = self._follow.get(kind)
        if f is None:
            self._follow[kind] = Follow(value, self._now, actual)
        else:
            f.value = value

    def _metronome_wanted(self) -> float | None:
        if (
            self._state not in WALKING_STATES
            or self._resume_easy
            or self._no_answer_slow
            or self._rewarm_left > 0
        ):
            return None
        plan_spm = self._at(self._prog).cadence_spm
        if plan_spm is None:
            return None
        return metronome_spm(plan_spm, self._load.cadence_factor, self._limits, self.target_speed())

    def _drive_metronome(self) -> None:
        want = self._metronome_wanted()
        self._metronome_target = want
        if want != self._metronome_sent:
            self._metronome_sent = want
            self._send(SetMetronome(want))

    def _cadence_estimate(self) -> float | None:
        if self._state not in WALKING_STATES:
            return None
        if self._metronome_target is not None:
            return self._metronome_target
        speed = self._actual_speed
        if speed is None or speed <= MOVING_KMH:
            return None
        length = step_length(speed, self._limits, self._cfg.step_length_m)
        return round(speed / (length * 0.06), 1)

    def _exercise_view(self) -> ExerciseView | None:
        if self._state is not State.BREAK or self._break_stage is not BreakStage.EXERCISE:
            return None
        return exercise_view(self._holds, self._hold_index, self._now - self._hold_started)

    def _options(self) -> tuple[str, ...]:
        return walker_options(
            self._state,
            pause_reason=self._pause_reason,
            break_stage=self._break_stage,
            end_only=self._end_only,
            resume_easy_used=self._resume_easy_used,
            return_offered=self._return_offered and self._no_answer_slow,
        )
