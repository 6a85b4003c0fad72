"""The walk engine: a pure, clock-free state machine.

``Engine.step(now, inputs)`` takes the current time and what happened (walker actions, device
facts, command results) and returns the commands to carry out; events accumulate for
``drain_events()``. No awaiting, no wall clock: the runner owns time and I/O.

:class:`Engine` is the public face and owns the walk itself: time, inputs, starting and
resuming the belt, the re-warm-up, overrides, targets and the metronome. It builds on
:class:`~treadmill_tui.session.engine_core.EngineCore` (the walk state and the transitions
every part shares) and is composed of parts, each with its own state, that reach the walk
through the core: ``belt`` (:class:`~treadmill_tui.session.belt.Belt`: link, control, ramps,
follow checks, the stop obligation), ``dialogue``
(:class:`~treadmill_tui.session.dialogue.Dialogue`: prompts, the check schedule, the
no-answer ladder; it returns replies and never sets the state), ``checks``
(:class:`~treadmill_tui.session.checks.PainReplies`: the replies applied to the walk),
``faults`` (:class:`~treadmill_tui.session.faults.Faults`: faults applied to the walk, stop
confirmation) and ``breaks`` (:class:`~treadmill_tui.session.breaks.Breaks`: the
exercise-break flow and offers). The
arithmetic lives beside them: ``load`` (targets, caps, overrides, ramps, metronome), ``prompts``
(check schedule, no-answer ladder), ``exercises`` (break holds), ``offers`` (when a break is
offered), ``follow`` (did the belt follow a target), ``walk`` (the transition table and the
keys each state accepts),
``summary`` and ``engine_settings``.

Safety rules kept here (docs/walking.md, the session issue):

- The belt starts only on the walker's StartWalk / Resume / ResumeEasy. Nothing else - not a
  reconnect, not control regained, not the end of a break - emits ``Start``.
- Commanded speed and incline move in quantised steps through :class:`Ramp`. Increases are
  limited to the profile's rates; decreases to ``max(profile rate, settings.*_down_rate)``
  (easing off may be quicker: 0.1 km/h per s, 0.5 % per s - docs/walking.md "decreases immediate").
  Controlled stops use the machine's Pause/Stop. While the belt is stopped after a red or STOP
  answer, incline is set straight to 0 (nobody is walking).
- ``Start`` is never re-sent; a set-target is re-sent at most once (after a telemetry-follow
  timeout or a response timeout), then that capability is marked unavailable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import assert_never

from treadmill_tui.profiles.catalogue import RED_FLAG_TEXT
from treadmill_tui.session.commands import (
    Command,
    RequestControl,
    SetIncline,
    SetMetronome,
    SetSpeed,
    Start,
)
from treadmill_tui.session.engine_core import MSG_ANSWER_FIRST as MSG_ANSWER_FIRST
from treadmill_tui.session.engine_core import MSG_PRESS_STOP as MSG_PRESS_STOP
from treadmill_tui.session.engine_core import MSG_RETURN_OFFER as MSG_RETURN_OFFER
from treadmill_tui.session.engine_core import MSG_STOP_UNCONFIRMED, EngineCore
from treadmill_tui.session.engine_settings import MOVING_KMH as MOVING_KMH
from treadmill_tui.session.engine_settings import STOPPED_KMH as STOPPED_KMH
from treadmill_tui.session.engine_settings import EngineSettings as EngineSettings
from treadmill_tui.session.events import (
    ChoiceTimeout,
    Event,
    MachineReady,
    MachineStartedEvent,
    OverridePressed,
    PainKeyPressed,
    RedFlagKeyPressed,
    Rewarm,
    SessionEvent,
    TargetSet,
    WalkerAction,
)
from treadmill_tui.session.follow import has_followed
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    CommandDone,
    CommandFailed,
    CommandRefused,
    CommandTimedOut,
    ControlRevoked,
    DismissPrompt,
    End,
    Input,
    LinkDown,
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
    SkipBreak,
    StartWalk,
    StopNow,
    TakeBreak,
    Telemetry,
)
from treadmill_tui.session.load import (
    build_ramps,
    metronome_spm,
    step_length,
    wanted_incline,
    wanted_speed,
)
from treadmill_tui.session.nudges import nudge, room
from treadmill_tui.session.prompts import may_dismiss
from treadmill_tui.session.snapshot import BreakOfferView, PromptView, SessionSnapshot
from treadmill_tui.session.states import (
    WALKING_STATES,
    BreakStage,
    Outcome,
    PauseReason,
    State,
    state_for_phase,
)
from treadmill_tui.session.stats import Stats
from treadmill_tui.session.summary import PainRecord as PainRecord
from treadmill_tui.session.summary import SessionSummary as SessionSummary
from treadmill_tui.session.summary import summarise
from treadmill_tui.session.timeline import SegmentLike

KMH_PER_SPM_M = 0.06  # speed km/h = cadence spm x step length m x 0.06
# arrow keys: (quantity, direction)
NUDGES: dict[Override, tuple[str, int]] = {
    Override.SPEED_UP: ("speed", 1),
    Override.SPEED_DOWN: ("speed", -1),
    Override.INCLINE_UP: ("incline", 1),
    Override.INCLINE_DOWN: ("incline", -1),
}


class Engine(EngineCore):
    """The session state machine. Create one per walk; feed it with :meth:`step`."""

    # ------------------------------------------------------------------ public API

    @property
    def state(self) -> State:
        return self._walk.state

    @property
    def prog_t(self) -> float:
        return self._prog

    @property
    def finished(self) -> bool:
        return self._walk.state is State.FINISHED

    @property
    def events(self) -> tuple[SessionEvent, ...]:
        return tuple(self._events)

    @property
    def pain_log(self) -> tuple[PainRecord, ...]:
        return tuple(self._dialogue.pain_log)

    @property
    def stats(self) -> Stats:
        return self._stats

    def drain_events(self) -> list[SessionEvent]:
        """Events added since the last drain (the full log stays in :attr:`events`)."""
        new = self._events[self._drained :]
        self._drained = len(self._events)
        return new

    def record(self, now: float, event: Event) -> SessionEvent:
        """Add an event from outside the core (the runner logs commands actually sent)."""
        stamped: SessionEvent = replace(event, t=now - self._t0, prog_t=self._prog)  # type: ignore[assignment]
        self._events.append(stamped)
        return stamped

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
            baseline=self._dialogue.baseline,
            pain_log=self._dialogue.pain_log,
            post_walk=self._post_walk,
            outcome=self._outcome,
            advice=self._advice,
        )

    def snapshot(self) -> SessionSnapshot:
        tg = self._at(self._prog) if self._tl.segments else None
        seg = tg.segment if tg is not None else None
        phase: str | None = str(tg.phase) if tg is not None else None
        seg_name = seg.name if seg is not None else None
        if self._walk.state is State.BREAK and self._breaks.seg is not None:
            seg = self._breaks.seg
            seg_name = seg.name
            phase = "break"
        elif self._rewarming():
            phase = "warmup"
            seg_name = "after a long stop"
        prompt = self.prompt_view()
        speed_target, incline_target = self.sample_targets()
        return SessionSnapshot(
            t=self._now - self._t0,
            state=self._walk.state,
            phase=phase,
            pause_reason=self._walk.pause_reason if self._walk.state is State.PAUSED else None,
            break_stage=self._breaks.stage if self._walk.state is State.BREAK else None,
            segment_index=seg.index if seg is not None else None,
            segment_name=seg_name,
            prog_t=self._prog,
            duration_s=self._tl.duration_s,
            remaining_s=max(0.0, self._tl.duration_s - self._prog) + self._rewarm_left,
            active_s=self._stats.active_s,
            target_speed_kmh=speed_target,
            actual_speed_kmh=self._belt.actual_speed,
            target_incline_pct=incline_target,
            actual_incline_pct=self._belt.actual_incline,
            cadence_spm=self._cadence_estimate(),
            metronome_spm=self._metronome_target,
            distance_m=self._stats.distance_m,
            elevation_gain_m=self._stats.elevation_gain_m,
            est_steps=int(self._stats.est_steps),
            baseline=self._dialogue.baseline,
            prompt=prompt,
            exercise=self._breaks.exercise_view(),
            messages=tuple(self._messages[-self._cfg.messages_kept :]),
            options=self._options(),
            locked=self._walk.state is State.RED_FLAG,
            red_flag_text=self.red_flag_text() if self._red_flag_shown else None,
            speed_control=self._belt.speed_ok,
            incline_control=self._belt.incline_ok and self._belt.incline_ramp is not None,
            connected=self._belt.connected,
            outcome=self._outcome,
            break_offer=self.break_offer,
            belt_stopped=self.belt_stopped,
            stop_warning=MSG_STOP_UNCONFIRMED
            if self.stop_owed and self._belt.zero_warned
            else None,
        )

    @property
    def belt_stopped(self) -> bool:
        """Telemetry shows the belt at 0 and no stop is owed (what the UI shows as stopped)."""
        speed = self._belt.actual_speed
        return not self.stop_owed and speed is not None and speed <= STOPPED_KMH

    # cheap accessors for pollers that do not need a whole snapshot

    @property
    def pause_reason(self) -> PauseReason | None:
        return self._walk.pause_reason if self._walk.state is State.PAUSED else None

    @property
    def break_stage(self) -> BreakStage | None:
        return self._breaks.stage if self._walk.state is State.BREAK else None

    @property
    def exercise_name(self) -> str | None:
        return self._breaks.exercise_name

    @property
    def break_offer(self) -> BreakOfferView | None:
        """The offered break waiting for take or skip, if any."""
        return self._breaks.offer_view

    @property
    def connected(self) -> bool:
        return self._belt.connected

    @property
    def awaiting_control(self) -> bool:
        """The link is up but the treadmill has control and no request for it is on its way
        (it refused): only the walker's next command asks again (docs/ftms.md §10.5)."""
        return self._belt.link_up and not self._belt.connected and not self._belt.control_requested

    def prompt_view(self) -> PromptView | None:
        p = self._dialogue.prompt
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
        walking = self._walk.state in WALKING_STATES
        speed = self.target_speed() if walking else (0.0 if self._belt.speed_ok else None)
        return speed, self.target_incline()

    # ------------------------------------------------------------------ time

    def _advance_time(self, dt: float) -> None:
        if dt <= 0:
            return
        if self._walk.state in WALKING_STATES:
            self._stats.walk(dt, self._cadence_estimate())
            if self._walk.state is State.MAIN:
                self._breaks.main_walked_s += dt
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
            brk = self._breaks.next_after(self._prog)
            if brk is not None and brk.start_s <= new:
                new = max(self._prog, brk.start_s)
            self._prog = new

    # ------------------------------------------------------------------ inputs

    def _apply(self, item: Input) -> None:
        """Every input, one case each; a new input type fails mypy here until it is handled."""
        match item:
            case Telemetry():
                self._on_telemetry(item)
            case Ready(machine=machine):
                self._on_ready(machine)
            case StartWalk():
                self._on_start()
            case StopNow():
                self._faults.on_stop_now()
            case Resume():
                self._on_resume(easy=False)
            case ResumeEasy():
                self._on_resume(easy=True)
            case ReturnToPlan():
                self._dialogue.return_to_plan()
            case TakeBreak():
                self._breaks.take()
            case SkipBreak():
                self._breaks.skip()
            case End():
                self._on_end()
            case PainReport(answer=answer):
                self._replies.on_answer(answer)
            case PainKey():
                self._emit(PainKeyPressed())
                self._open_prompt("check", "pain_key")
            case DismissPrompt():
                self._dialogue.dismiss()
            case RedFlagKey():
                self._emit(RedFlagKeyPressed())
                self._replies.red_flag_stop("red_flag_key")
            case AcknowledgeRedFlag():
                self._replies.on_acknowledge()
            case NextExercise():
                if self._walk.state is State.BREAK and self._breaks.stage is BreakStage.EXERCISE:
                    self._breaks.next_pressed()
            case ManualOverride(kind=kind):
                self._on_override(kind)
            case PostWalkAnswer():
                self._replies.on_post_walk(item)
            case MachineStopped(by=by):
                self._faults.on_machine_stopped(by)
            case MachineStarted():
                self._emit(MachineStartedEvent())
            case ControlRevoked():
                self._faults.on_fault(PauseReason.CONTROL_LOST)
            case LinkDown():
                self._faults.on_fault(PauseReason.LINK_LOST)
            case CommandDone():
                pass
            case CommandRefused(command=cmd, message=message):
                self._faults.on_command_failed(cmd, message or "rejected", timed_out=False)
            case CommandTimedOut(command=cmd):
                self._faults.on_command_failed(cmd, "no response", timed_out=True)
            case CommandFailed(command=cmd, error=error):
                self._faults.on_command_error(cmd, error)
            case _:
                assert_never(item)

    def _on_telemetry(self, tm: Telemetry) -> None:
        self._belt.last_telemetry_t = self._now
        if tm.speed_kmh is not None:
            self._belt.actual_speed = tm.speed_kmh
        if tm.incline_pct is not None:
            self._belt.actual_incline = tm.incline_pct
        self._stats.feed(
            tm.speed_kmh, tm.incline_pct, tm.distance_m, tm.elevation_gain_m, tm.step_count
        )
        if self._belt.incline_ramp is not None and self._belt.incline_ramp.value is None:
            if tm.incline_pct is not None:
                self._belt.incline_ramp.reset(tm.incline_pct, self._now)
        for kind in list(self._belt.follow):
            actual = self._belt.actual_speed if kind == "speed" else self._belt.actual_incline
            if actual is None:
                continue
            if has_followed(kind, self._belt.follow[kind], actual):
                del self._belt.follow[kind]
        if self._belt.start_sent_at is not None and self._belt.actual_speed is not None:
            if self._belt.actual_speed > STOPPED_KMH:
                self._belt.start_sent_at = None

    def _on_ready(self, machine: MachineInfo) -> None:
        first = self._belt.machine is None
        self._belt.machine = machine
        self._belt.connected = True
        self._belt.link_up = True
        self._belt.control_requested = False
        self._emit(
            MachineReady(
                speed_range=(
                    machine.speed_min_kmh,
                    machine.speed_max_kmh,
                    machine.speed_increment_kmh,
                ),
                incline_range=(
                    machine.incline_min_pct,
                    machine.incline_max_pct,
                    machine.incline_increment_pct,
                ),
                can_set_speed=machine.can_set_speed,
                can_set_incline=machine.can_set_incline,
            )
        )
        if first:
            self._build_ramps(machine)
        if self._walk.state is State.CONNECTING:
            self._walk.enter(State.READY, "connected, control granted")
            self._open_prompt("baseline", "pre_walk")

    def _build_ramps(self, m: MachineInfo) -> None:
        ramps = build_ramps(
            m, self._limits, self._cfg, actual_incline=self._belt.actual_incline, now=self._now
        )
        self._belt.speed_ramp = ramps.speed
        if not m.can_set_speed:
            self._belt.mark_unavailable("speed", "the treadmill does not take speed targets")
        self._belt.incline_ramp = ramps.incline
        if not ramps.incline_ok:
            self._belt.incline_ok = False

    def _start_belt(self, reason: str, *, easy: bool = False) -> None:
        """Send Start and begin the ramp at the machine minimum (only on a walker action)."""
        self._maybe_rewarm(easy=easy)
        ramp = self._belt.speed_ramp
        if self._belt.paused_with_pause and ramp is not None and self._belt.speed_ok:
            self._send(SetSpeed(ramp.lo, prestart=True))
        self._belt.paused_with_pause = False
        self._send(Start())
        self._belt.start_sent_at = self._now
        if self._first_start_t is None:
            self._first_start_t = self._now
        self._belt.await_zero_since = None
        if self._belt.speed_ramp is not None:
            self._belt.speed_ramp.reset(self._belt.speed_ramp.lo, self._now)
            if self._belt.speed_ok:
                self._send(SetSpeed(self._belt.speed_ramp.lo))
        if self._belt.incline_ramp is not None and self._belt.incline_ramp.value is None:
            base = self._belt.actual_incline if self._belt.actual_incline is not None else 0.0
            self._belt.incline_ramp.reset(base, self._now)
        self._walk.enter(self._walking_state(), reason)
        self._walk.pause_reason = None
        self._breaks.clear()
        if self._dialogue.return_offered:
            self._say(MSG_RETURN_OFFER)

    def _maybe_rewarm(self, *, easy: bool) -> None:
        """docs/walking.md §4.1: a belt stopped for more than 5 min restarts with a 3-min warm-up.

        The threshold is the profile's ``[breaks] restart_warmup_after`` when the timeline has a
        break policy, else ``EngineSettings.restart_warmup_after_s``. The stop is timed from the
        moment the walk left a walking state (before the belt ran
        down, so a little longer than the standstill: the safe side). Programme time is held
        while the re-warm-up runs, so the walker still gets the planned main load afterwards.
        Not after the first start (the plan has its own warm-up), not for resume easy (already
        warm-up load for the rest of the walk), not into the cool-down (no harder than it).
        """
        cfg = self._cfg
        if easy or self._first_start_t is None or self._walk.left_walking_at is None:
            return
        stopped_s = self._now - self._walk.left_walking_at
        if stopped_s <= self._rewarm_after_s or self._phase_at(self._prog) == "cooldown":
            return
        self._rewarm_left = cfg.restart_warmup_s
        self._emit(Rewarm(stopped_s=round(stopped_s, 1), warmup_s=cfg.restart_warmup_s))
        self._say(
            f"The belt was stopped for over {self._rewarm_after_s / 60:g} minutes: "
            f"{cfg.restart_warmup_s / 60:g} minutes of easy warm-up first, flat."
        )
        inc = self._belt.incline_ramp
        flat = max(inc.lo, 0.0) if inc is not None else 0.0
        if (
            inc is not None
            and inc.value is not None
            and inc.value > flat
            and self._belt.incline_ok
            and self._belt.connected
        ):
            inc.reset(flat, self._now)  # the belt is still stopped: level it before the start
            self._send(SetIncline(inc.value if inc.value is not None else flat))

    def _rewarming(self) -> bool:
        return self._rewarm_left > 0 and self._walk.state in WALKING_STATES

    def _walking_state(self) -> State:
        phase = self._phase_at(self._prog)
        if self._rewarm_left > 0 and phase != "cooldown":
            return State.WARMUP
        return state_for_phase(phase)

    def _can_start(self) -> bool:
        if not self._belt.connected or self._belt.machine is None:
            self._say("Waiting for the treadmill connection.")
            if self._belt.machine is not None and not self._belt.control_requested:
                self._belt.control_requested = True
                self._send(RequestControl())
            return False
        if self._dialogue.prompt is not None and self._dialogue.prompt.kind != "post_walk":
            self._say(MSG_ANSWER_FIRST)
            return False
        return True

    def _on_start(self) -> None:
        self._emit(WalkerAction(action="start"))
        if self._walk.state is State.READY:
            self._say(MSG_ANSWER_FIRST)
            return
        if self._walk.state is not State.WAITING_START:
            if self._walk.state in (State.PAUSED, State.BREAK):
                self._on_resume(easy=False)
            return
        if self._can_start():
            self._start_belt("walker pressed start")

    def _on_resume(self, *, easy: bool) -> None:
        self._emit(WalkerAction(action="resume_easy" if easy else "resume"))
        if self._walk.state is State.BREAK:
            if easy or self._breaks.stage is not BreakStage.AWAIT_RESUME:
                return
            if not self._can_start():
                return
            self._breaks.finish()
            self._start_belt("walker resumed after the break")
            return
        if self._walk.state is not State.PAUSED:
            return
        if self._end_only:
            self._say("This walk can only end now.")
            return
        if self._walk.pause_reason is PauseReason.RED and not easy:
            self._say("After a red answer: end, or resume easy.")
            return
        if easy and (self._walk.pause_reason is not PauseReason.RED or self._resume_easy_used):
            return
        if not self._can_start():
            return
        if self._breaks.seg is not None:
            self._breaks.finish()
        if easy:
            self._resume_easy = True
            self._resume_easy_used = True
            self._dialogue.return_offered = False  # resume easy keeps warm-up load to the end
            self._dialogue.checks.last_check_prog = self._prog
            self._start_belt("walker chose resume easy", easy=True)
        else:
            self._start_belt("walker resumed")

    def _on_end(self) -> None:
        self._emit(WalkerAction(action="end"))
        if self._walk.state in WALKING_STATES:
            if self._walk.state is State.COOLDOWN:
                if self._wound_down():
                    self._final_stop("walker ended during cool-down")
                else:  # too fast to stop from: the programme's end brings the belt down
                    self._jump_to(self._tl.duration_s)
                self._outcome = Outcome.ENDED_EARLY
            else:
                self._go_cooldown("walker ended the walk")
                self._outcome = Outcome.ENDED_EARLY
        elif self._walk.state in (State.PAUSED, State.BREAK):
            if self._outcome == Outcome.IN_PROGRESS:
                self._outcome = (
                    Outcome.RED
                    if self._walk.pause_reason is PauseReason.RED
                    else Outcome.ENDED_EARLY
                )
            self._final_stop("walker ended the walk")
        elif self._walk.state in (State.READY, State.WAITING_START, State.CONNECTING):
            self._outcome = Outcome.CANCELLED
            self._finish("walker cancelled before starting")

    def _on_override(self, kind: Override) -> None:
        self._emit(OverridePressed(kind=str(kind)))
        if self._walk.state not in WALKING_STATES:
            return
        cfg = self._cfg
        if kind in NUDGES:
            self._nudge(*NUDGES[kind])
        elif kind is Override.SKIP_SEGMENT and self._rewarm_left > 0:
            self._end_rewarm("walker skipped the re-warm-up")  # the ramp still limits the rise
        elif kind is Override.SKIP_SEGMENT:
            seg = self._at(self._prog).segment
            self._extend_left = 0.0
            self._jump_to(min(seg.end_s, self._tl.duration_s))
        elif kind is Override.EXTEND_SEGMENT:
            self._extend_left += cfg.extend_s

            # else: finish once telemetry confirms the belt has stopped

    def _nudge(self, quantity: str, direction: int) -> None:
        """One arrow-key step within what the phase allows; the walker hears what it did."""
        speed = quantity == "speed"
        belt = self._belt
        ramp = belt.speed_ramp if speed else belt.incline_ramp
        if ramp is None or ramp.value is None or (not speed and not belt.incline_ok):
            self._say("This treadmill's incline is not set from here.")
            return
        tg = self._at(self._prog)
        limits = self._limits
        top = min(ramp.hi, limits.speed_max_kmh if speed else limits.incline_max_pct)
        r = room(
            str(tg.phase),
            plan_speed_kmh=tg.speed_kmh,
            main_speed_kmh=self._nudge_main_speed,
            top_incline_pct=self._nudge_top_incline,
            speed_max_kmh=top if speed else limits.speed_max_kmh,
            incline_max_pct=limits.incline_max_pct if speed else top,
            unit=self._cfg.speed_unit,
        )
        load = self._load
        result = nudge(
            quantity,
            direction,
            offset=load.speed_offset if speed else load.incline_offset,
            step=ramp.step,
            plan=tg.speed_kmh if speed else tg.incline_pct,
            ceiling=r.speed_max_kmh if speed else r.incline_max_pct,
            floor=ramp.lo,
            why_not=r.speed_why if speed else r.incline_why,
            unit=self._cfg.speed_unit,
        )
        if result.applied:
            if speed:
                load.speed_offset = result.offset
            else:
                load.incline_offset = result.offset
            if direction > 0:
                self._dialogue.checks.after_increase(self._prog, self._policy.after_increase_s)
        self._say(result.text)

    # ------------------------------------------------------------------ timers

    def _timers(self) -> None:
        now = self._now
        st = self._walk.state
        self._faults.stop_timers()
        self._replies.prompt_timers()
        self._belt.follow_timers()
        if st is State.BREAK:
            self._breaks.timers()
            # no answer to the break's closing check: handled like a paused walk (below)
            if self._breaks.stage is BreakStage.CHECK:
                self._choice_timer(self._breaks.check_since)
        elif st is State.PAUSED and (
            self._walk.pause_reason in (PauseReason.RED, PauseReason.NO_ANSWER)
            or (self._dialogue.prompt is not None and self._dialogue.prompt.kind == "check")
        ):
            self._choice_timer(self._walk.pause_since)
        elif st is State.POST_WALK:
            if now - self._post_walk_since >= self._cfg.post_walk_timeout_s:
                self._finish("post-walk questions not answered")
        if st in WALKING_STATES:
            self._replies.walking_checks()
        self._breaks.offer_timers()

    def _choice_timer(self, since: float) -> None:
        """No choice (or no answer while stopped) for ``choice_timeout_s``: end the walk."""
        if self._now - since >= self._cfg.choice_timeout_s:
            self._emit(ChoiceTimeout())
            if self._outcome == Outcome.IN_PROGRESS:
                self._outcome = Outcome.NO_ANSWER
            self._final_stop("no choice made")

    # ------------------------------------------------------------------ targets

    def _drive(self) -> None:
        st = self._walk.state
        if st in WALKING_STATES:
            brk = self._breaks.next_after(self._prog)
            if brk is not None and brk.start_s <= self._prog + 1e-9:
                self._breaks.enter(brk)
            elif self._prog >= self._tl.duration_s - 1e-9:
                if self._wound_down():
                    self._final_stop("end of programme")
            else:
                self._walk.enter(self._walking_state(), "programme")
        if self._walk.state in WALKING_STATES:
            self._drive_targets()
        self._drive_metronome()

    def _wound_down(self) -> bool:
        """True once the belt may take the final stop: at or below ``final_stop_max_kmh``.

        Until then the programme stays at its end and ``_drive_targets`` brings the speed down
        at the limit rate (a profile may end at walking pace; the stop never comes from there).
        """
        sp = self._belt.speed_ramp
        if sp is None or sp.value is None or not self._belt.speed_ok:
            return True
        if sp.value <= self._cfg.final_stop_max_kmh + 1e-6:
            return True
        if not self._winding_down:
            self._winding_down = True
            slow = self._cfg.speed_unit.speed(self._cfg.final_stop_max_kmh, fixed=True)
            self._say(f"Slowing down to {slow} before the belt stops.")
        return False

    def _say_speed_cap(self, seg: SegmentLike, plan_kmh: float, top_kmh: float) -> None:
        """Once per segment: the plan (e.g. a step rate times the walker's step length) asks
        for more than the belt may give, so the walker knows why the belt is slower."""
        if plan_kmh <= top_kmh + 0.05 or seg.index in self._capped_segments:
            return
        at_end = self._tl.at(max(seg.start_s, seg.end_s - 1e-3)).speed_kmh
        if at_end <= top_kmh + 0.05:
            return  # only the tail of the last segment's ramp: this one comes within the limit
        self._capped_segments.add(seg.index)
        unit = self._cfg.speed_unit
        self._say(
            f"The plan asks for {unit.speed(max(plan_kmh, at_end), fixed=True)} here; "
            f"the belt is held at {unit.speed(top_kmh, fixed=True)}, its limit."
        )

    def _drive_targets(self) -> None:
        tg = self._at(self._prog)
        slow = self._resume_easy or self._dialogue.no_answer_slow or self._rewarm_left > 0
        sp = self._belt.speed_ramp
        if sp is not None and sp.value is not None and self._belt.speed_ok:
            want = wanted_speed(tg.speed_kmh, self._load, slow=slow, warmup_kmh=self._warmup_speed)
            if self._winding_down:
                want = min(want, self._cfg.final_stop_max_kmh)
            self._say_speed_cap(tg.segment, tg.speed_kmh, sp.hi)
            new = sp.advance(self._now, want)
            if new is not None:
                self._send(SetSpeed(new))
                self._belt.track_follow("speed", new, self._belt.actual_speed)
                self._emit(TargetSet(what="speed", target=new, actual=self._belt.actual_speed))
        inc = self._belt.incline_ramp
        if inc is not None and inc.value is not None and self._belt.incline_ok:
            want_i = wanted_incline(tg.incline_pct, self._load, slow=slow or self._winding_down)
            new_i = inc.advance(self._now, want_i)
            if new_i is not None:
                self._send(SetIncline(new_i))
                self._belt.track_follow("incline", new_i, self._belt.actual_incline)
                self._emit(
                    TargetSet(what="incline", target=new_i, actual=self._belt.actual_incline)
                )

    def _step_length_now(self) -> float | None:
        """The step length the plan implies in this segment (speed / cadence where it has
        settled, at the segment's end), or None where the segment has no cadence."""
        seg = self._at(self._prog).segment
        key = (seg.index, seg.start_s)
        if key not in self._step_lengths:
            end = self._tl.at(max(seg.start_s, seg.end_s - 1e-3))
            spm = end.cadence_spm
            length = None
            if spm is not None and spm > 0 and end.speed_kmh > 0:
                length = end.speed_kmh / (spm * KMH_PER_SPM_M)
            self._step_lengths[key] = length
        return self._step_lengths[key]

    def _metronome_wanted(self) -> float | None:
        if (
            self._walk.state not in WALKING_STATES
            or self._resume_easy
            or self._dialogue.no_answer_slow
            or self._rewarm_left > 0
        ):
            return None
        plan_spm = self._at(self._prog).cadence_spm
        if plan_spm is None:
            return None
        factor, speed = self._load.cadence_factor, self.target_speed()
        length = self._step_length_now()
        if length is not None and speed is not None and length > 0:
            # the beat starts with the belt: while the belt is still ramping up to the
            # segment's pace, click at the rate that matches the belt at this step length
            belt_spm = speed / (length * KMH_PER_SPM_M)
            if belt_spm < plan_spm * factor:
                return metronome_spm(belt_spm, 1.0, self._limits, speed)
        return metronome_spm(plan_spm, factor, self._limits, speed)

    def _drive_metronome(self) -> None:
        want = self._metronome_wanted()
        self._metronome_target = want
        if want != self._metronome_sent:
            self._metronome_sent = want
            self._send(SetMetronome(want))

    def _cadence_estimate(self) -> float | None:
        if self._walk.state not in WALKING_STATES:
            return None
        if self._metronome_target is not None:
            return self._metronome_target
        speed = self._belt.actual_speed
        if speed is None or speed <= MOVING_KMH:
            return None
        length = step_length(speed, self._limits, self._cfg.step_length_m)
        return round(speed / (length * 0.06), 1)

    def _options(self) -> tuple[str, ...]:
        return self._walk.options()
