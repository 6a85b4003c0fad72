"""The engine's session state and the transitions every part of it shares.

:class:`EngineCore` holds all the mutable state of one walk plus the moves that the pain checks,
the exercise breaks, the fault handling and the engine itself all make: emit and say, send,
change state, pause, final stop, finish, open a prompt, jump to the cool-down. The parts in
``checks``, ``breaks`` and ``faults`` build on it; :class:`~treadmill_tui.session.engine.Engine`
combines them. Pure and clock-free like the engine: time only arrives through ``step``.
"""

from __future__ import annotations

from dataclasses import replace

from treadmill_tui.session.commands import Command, Pause, Stop, StopCommand
from treadmill_tui.session.engine_settings import MOVING_KMH, STOPPED_KMH, EngineSettings
from treadmill_tui.session.events import (
    CooldownNow,
    Event,
    IllegalTransition,
    PauseReasonChanged,
    PromptOpened,
    RewarmEnd,
    SessionEvent,
    StateChanged,
    WalkerMessage,
)
from treadmill_tui.session.exercises import Hold
from treadmill_tui.session.follow import Follow
from treadmill_tui.session.inputs import MachineInfo, PostWalkAnswer
from treadmill_tui.session.load import LoadAdjustments, cooldown_start, warmup_speed
from treadmill_tui.session.offers import BreakOffers, OfferedBreakSegment, mid_walk_breaks
from treadmill_tui.session.pain import Thresholds, Zone
from treadmill_tui.session.prompts import (
    CheckSchedule,
    PendingPrompt,
    planned_checks,
    planned_points,
)
from treadmill_tui.session.ramp import Ramp
from treadmill_tui.session.states import WALKING_STATES, BreakStage, Outcome, PauseReason, State
from treadmill_tui.session.stats import Stats
from treadmill_tui.session.summary import PainRecord
from treadmill_tui.session.timeline import (
    SegmentLike,
    TargetsLike,
    TimelineLike,
    break_policy_of,
)
from treadmill_tui.session.walk import MACHINE_CAUSES, may_enter

MSG_PRESS_STOP = "Press STOP or pull the safety key."
MSG_ANSWER_FIRST = "Answer the pain check first."
MSG_RETURN_OFFER = "Press U to go back to the planned pace."
MSG_STOP_UNCONFIRMED = (
    "The belt may still be moving and the app cannot confirm it stopped: "
    "press STOP on the treadmill or pull the safety key."
)

_NO_METRONOME: float = -1.0  # "nothing sent yet" marker for the metronome


class EngineCore:
    """State of one walk and the shared transitions; see :class:`Engine` for the API."""

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
        # the stop obligation: while set, the belt is owed 0 km/h until telemetry confirms it,
        # through link drops, reconnects and control loss (see _stop_timers)
        self._await_zero_since: float | None = None
        self._owed: StopCommand = Pause()  # what to (re)send while the stop is owed
        self._owed_sent = False  # sent on the current link and control
        self._zero_deadline = 0.0
        self._zero_warned = False
        self._finish_pending: str | None = None  # FINISHED waits for the belt at 0
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
        self._checks = CheckSchedule(planned_checks(timeline), points=planned_points(timeline))
        self._done_breaks: set[int] = set()
        self._break_seg: SegmentLike | None = None
        self._holds: list[Hold] = []
        self._hold_index = 0
        self._hold_started = 0.0
        self._hold_held_since: float | None = None  # a check opened during this hold
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
        self._outcome = Outcome.IN_PROGRESS
        self._first_start_t: float | None = None
        self._end_t: float | None = None
        self._red_flag_shown = False
        self._red_flag_ack = False
        self._post_walk_since = 0.0
        self._out: list[Command] = []
        self._paused_with_pause = False
        self._warmup_speed = warmup_speed(timeline)
        main = [s for s in timeline.segments if str(s.phase) == "main" and s.end_s > s.start_s]
        ends = [timeline.at(max(s.start_s, s.end_s - 1e-3)) for s in timeline.segments]
        # what nudges may reach: the walk's own main speed, its top planned incline
        self._nudge_main_speed = (
            timeline.at(max(main[0].start_s, main[0].end_s - 1e-3)).speed_kmh
            if main
            else self._warmup_speed
        )
        self._nudge_top_incline = max((t.incline_pct for t in ends), default=0.0)
        self._step_lengths: dict[tuple[int, float], float | None] = {}
        self._cooldown_start = cooldown_start(timeline)
        break_policy = break_policy_of(timeline)
        self._rewarm_after_s = (
            break_policy.restart_warmup_after_s
            if break_policy is not None
            else self._cfg.restart_warmup_after_s
        )
        self._offers = BreakOffers.of(
            break_policy,
            self._cfg.session_number,
            mid_walk_breaks(self._breaks, timeline.duration_s),
        )
        self._main_walked_s = 0.0  # seconds walked in the main phase (offered-break clock)
        self._offer_seg: OfferedBreakSegment | None = None  # the offered break being taken

    def target_speed(self) -> float | None:
        """The commanded (rate-limited) speed while walking."""
        if not self._speed_ok or self._speed_ramp is None:
            return None
        return self._speed_ramp.value

    def target_incline(self) -> float | None:
        if not self._incline_ok or self._incline_ramp is None:
            return None
        return self._incline_ramp.value

    def _emit(self, event: Event) -> None:
        """Log ``event``, stamped with the session clock and programme time."""
        self._events.append(replace(event, t=self._now - self._t0, prog_t=self._prog))  # type: ignore[arg-type]

    def _say(self, text: str, kind: str = "info") -> None:
        self._messages.append(text)
        self._emit(WalkerMessage(text=text, kind=kind))

    def _send(self, cmd: Command) -> None:
        self._out.append(cmd)

    def _enter(
        self,
        new: State,
        reason: str,
        *,
        pause: PauseReason | None = None,
        machine_stopped: bool = False,
    ) -> None:
        """The one way into a state (search ``_enter(State.PAUSED`` for every way into PAUSED).

        Checks the move against ``walk.TRANSITIONS`` and runs the entry actions of ``new``:
        PAUSED takes its cause (``pause``; a later machine cause replaces an earlier machine
        cause, never a red or no-answer decision) and, from a walking state, owes the belt a
        Pause (already carried out when the ``machine_stopped`` itself); STOPPING owes a Stop;
        RED_FLAG owes a Stop while the belt may move; FINISHED stamps the end.
        """
        old = self._state
        if new is old and new is not State.PAUSED:
            return
        if not may_enter(old, new):
            # never expected (the table is the design); logged, never a crash mid-walk
            self._emit(IllegalTransition(from_state=str(old), to=str(new), reason=reason))
        match new:
            case State.PAUSED:
                assert pause is not None, "every way into PAUSED names its cause"
                if old is State.PAUSED:
                    self._repause(pause)
                    return
                if old in WALKING_STATES and machine_stopped:
                    self._after_stop_sent(Pause(), sent=True)
                elif old in WALKING_STATES:
                    self._demand_stop(Pause())
                elif old is State.BREAK:
                    self._break_stage = None  # a red answer in a break ends the break
                self._pause_reason = pause
                self._pause_since = self._now
            case State.STOPPING:
                if self._prompt is not None and self._prompt.kind == "check":
                    self._prompt = None
                self._demand_stop(Stop())
            case State.RED_FLAG:
                self._prompt = None
                if old in WALKING_STATES or self._belt_moving() or self.stop_owed:
                    self._demand_stop(Stop())
            case State.FINISHED:
                self._prompt = None
                self._end_t = self._now
            case _:
                pass
        self._state = new
        if old in WALKING_STATES and new not in WALKING_STATES:
            self._left_walking_at = self._now
        cause = self._pause_reason if new is State.PAUSED else None
        self._emit(
            StateChanged(
                from_state=str(old),
                to=str(new),
                reason=reason,
                pause_reason=None if cause is None else str(cause),
            )
        )
        if new in (State.STOPPING, State.RED_FLAG):
            self._break_seg = None
            self._break_stage = None

    def _repause(self, cause: PauseReason) -> None:
        """Already paused: the pause reason follows the latest cause, except that a machine
        cause never replaces a walker decision (a red answer or no answer keeps its limits)."""
        if cause is self._pause_reason:
            return
        if cause in MACHINE_CAUSES and self._pause_reason not in MACHINE_CAUSES:
            return
        self._pause_reason = cause
        self._pause_since = self._now
        self._emit(PauseReasonChanged(reason=str(cause)))

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

    def _await_zero(self, owed: StopCommand | None = None, *, sent: bool = True) -> None:
        """Owe the belt a stop until telemetry confirms speed 0: within ``stop_confirm_s``
        beyond the time a controlled ramp-down from the current speed takes, else tell the
        walker. ``owed`` is the command to (re)send whenever the engine has link and control
        and it has not gone out on them yet (``sent``)."""
        if owed is not None:
            self._owed = owed
        self._owed_sent = sent
        self._await_zero_since = self._now
        self._zero_warned = False
        self._arm_zero_deadline()

    def _arm_zero_deadline(self) -> None:
        speed = self._actual_speed or 0.0
        ramp_s = speed / self._cfg.expected_decel_kmh_per_s
        self._zero_deadline = self._now + ramp_s + self._cfg.stop_confirm_s

    @property
    def stop_owed(self) -> bool:
        """The belt is owed a stop that telemetry has not confirmed yet."""
        return self._await_zero_since is not None

    def _demand_stop(self, cmd: StopCommand) -> None:
        """Send ``cmd`` now if the link allows, else owe it until the link and control return."""
        if self._connected:
            self._send(cmd)
            if isinstance(cmd, Pause):
                self._paused_with_pause = True
        self._after_stop_sent(cmd, sent=self._connected)

    def _next_break(self, after: float) -> SegmentLike | None:
        for seg in self._breaks:
            if seg.start_s >= after and seg.index not in self._done_breaks:
                return seg
        return None

    def _pause(self, reason: PauseReason, why: str) -> None:
        """Controlled pause: the machine ramps the belt to 0; stats and programme time freeze."""
        self._enter(State.PAUSED, why, pause=reason)

    def _after_stop_sent(self, owed: StopCommand | None = None, *, sent: bool = True) -> None:
        self._await_zero(owed, sent=sent)
        self._follow.clear()
        self._start_sent_at = None
        if self._speed_ramp is not None:
            self._speed_ramp.value = None

    def _final_stop(self, why: str) -> None:
        self._enter(State.STOPPING, why)

    def _finish(self, why: str) -> None:
        """The walk is over; FINISHED waits until no stop is owed any more."""
        if self.stop_owed:
            self._finish_pending = why
            return
        self._finish_pending = None
        self._enter(State.FINISHED, why)

    def _to_post_walk(self, why: str) -> None:
        self._enter(State.POST_WALK, why)
        self._post_walk_since = self._now
        if self._outcome == Outcome.IN_PROGRESS:
            self._outcome = Outcome.COMPLETED
        self._prompt = None
        self._open_prompt("post_walk", "post_walk")

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
        if kind == "check":
            self._checks.opened(self._prog)
        self._emit(PromptOpened(kind=kind, trigger=trigger))

    def _go_cooldown(self, why: str) -> None:
        if self._rewarm_left > 0:
            self._end_rewarm("cool-down now", check=False)
        self._cooldown_forced = True
        self._cancel_increases()
        start = self._cooldown_start
        self._emit(CooldownNow(reason=why))
        if start is None or start >= self._tl.duration_s:
            if self._state in WALKING_STATES:
                self._final_stop(why)
            return
        for seg in self._tl.segments:
            if seg.kind == "break" and seg.start_s < start:
                self._done_breaks.add(seg.index)
        self._jump_to(start)
        if self._state in WALKING_STATES:
            self._enter(State.COOLDOWN, why)

    def _jump_to(self, prog: float) -> None:
        """Move programme time forward; the increases jumped over never happened, so the
        checks planned after them are dropped."""
        self._prog = max(self._prog, prog)
        self._checks.skip_to(self._prog)

    def _end_rewarm(self, why: str, *, check: bool = True) -> None:
        """Back to the programme load; like warm-up -> main, that counts as an increase."""
        self._rewarm_left = 0.0
        self._emit(RewarmEnd(reason=why))
        if check and self._phase_at(self._prog) == "main" and not self._resume_easy:
            self._checks.after_increase(self._prog, self._policy.after_increase_s)

    def _cancel_increases(self) -> None:
        """Cap speed and incline at their current commanded values for the rest of the walk."""
        self._load.cap_at(*self._commanded())

    def _commanded(self) -> tuple[float | None, float | None]:
        """The ramps' current commanded (speed, incline), None where there is none."""
        sp = self._speed_ramp.value if self._speed_ramp is not None else None
        inc = self._incline_ramp.value if self._incline_ramp is not None else None
        return sp, inc
