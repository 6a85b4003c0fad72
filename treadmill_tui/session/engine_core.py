"""The engine's shared session state, the parts it is composed of, and the shared moves.

:class:`EngineCore` creates the parts of one walk, each an object with its own state: the walk
(``walk_state.Walk``: the state, the one ``enter``), the belt (``belt.Belt``), the dialogue
(``dialogue.Dialogue``), the replies applied to the walk (``checks.PainReplies``), the faults
(``faults.Faults``) and the breaks (``breaks.Breaks``). It keeps what they share (time, the
programme position, the load, the event log, the outcome) and the moves they all make: emit and
say, send, pause, final stop, finish, open a prompt, jump to the cool-down.
:class:`~treadmill_tui.session.engine.Engine` builds on it. Pure and clock-free like the engine:
time only arrives through ``step``.
"""

from __future__ import annotations

from dataclasses import replace

from treadmill_tui.session.belt import MSG_PRESS_STOP as MSG_PRESS_STOP
from treadmill_tui.session.belt import MSG_STOP_UNCONFIRMED as MSG_STOP_UNCONFIRMED
from treadmill_tui.session.belt import Belt
from treadmill_tui.session.breaks import Breaks
from treadmill_tui.session.checks import PainReplies
from treadmill_tui.session.commands import Command
from treadmill_tui.session.dialogue import MSG_ANSWER_FIRST as MSG_ANSWER_FIRST
from treadmill_tui.session.dialogue import MSG_RETURN_OFFER as MSG_RETURN_OFFER
from treadmill_tui.session.dialogue import Dialogue
from treadmill_tui.session.engine_settings import EngineSettings
from treadmill_tui.session.events import (
    CooldownNow,
    Event,
    RewarmEnd,
    SessionEvent,
    WalkerMessage,
)
from treadmill_tui.session.faults import Faults
from treadmill_tui.session.inputs import PostWalkAnswer
from treadmill_tui.session.load import LoadAdjustments, cooldown_start, warmup_speed
from treadmill_tui.session.states import WALKING_STATES, Outcome, PauseReason, State
from treadmill_tui.session.stats import Stats
from treadmill_tui.session.timeline import (
    TargetsLike,
    TimelineLike,
    break_policy_of,
)
from treadmill_tui.session.walk_state import Walk

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
        self._limits = timeline.limits
        self._policy = timeline.pain_policy
        self._cfg = settings or EngineSettings()
        self._t0 = start
        self._now = start
        self._walk = Walk(self)  # the walk part: the one owner of the state
        self._belt = Belt(self, self._cfg)  # the belt part
        self._faults = Faults(self)  # faults applied to the walk
        self._replies = PainReplies(self)  # the dialogue's replies applied to the walk
        self._prog = 0.0
        self._finish_pending: str | None = None  # FINISHED waits for the belt at 0
        self._dialogue = Dialogue(self, timeline)  # the dialogue part
        self._resume_easy = False
        self._resume_easy_used = False
        self._end_only = False
        self._cooldown_forced = False
        self._load = LoadAdjustments()
        self._extend_left = 0.0
        self._rewarm_left = 0.0  # re-warm-up still to walk after a long stop (programme held)
        self._winding_down = False  # programme over, belt coming down before the final stop
        self._capped_segments: set[int] = set()  # segments whose speed cap was said
        self._metronome_sent: float | None = _NO_METRONOME
        self._metronome_target: float | None = None
        self._stats = Stats()
        self._events: list[SessionEvent] = []
        self._drained = 0
        self._messages: list[str] = []
        self._post_walk: PostWalkAnswer | None = None
        self._advice: str | None = None
        self._outcome = Outcome.IN_PROGRESS
        self._first_start_t: float | None = None
        self._end_t: float | None = None
        self._red_flag_shown = False
        self._red_flag_ack = False
        self._post_walk_since = 0.0
        self._out: list[Command] = []
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
        self._breaks = Breaks(self, timeline, self._cfg)  # the breaks part

    def target_speed(self) -> float | None:
        """The commanded (rate-limited) speed while walking."""
        return self._belt.target_speed()

    def target_incline(self) -> float | None:
        return self._belt.target_incline()

    def _emit(self, event: Event) -> None:
        """Log ``event``, stamped with the session clock and programme time."""
        self._events.append(replace(event, t=self._now - self._t0, prog_t=self._prog))  # type: ignore[arg-type]

    def _say(self, text: str, kind: str = "info") -> None:
        self._messages.append(text)
        self._emit(WalkerMessage(text=text, kind=kind))

    def _send(self, cmd: Command) -> None:
        self._out.append(cmd)

    def _at(self, t: float) -> TargetsLike:
        """``timeline.at`` memoised on the last time asked (called several times a step)."""
        if t != self._at_t or self._at_v is None:
            self._at_t = t
            self._at_v = self._tl.at(t)
        return self._at_v

    def _phase_at(self, t: float) -> str:
        return str(self._at(t).phase)

    @property
    def stop_owed(self) -> bool:
        """The belt is owed a stop that telemetry has not confirmed yet."""
        return self._belt.stop_owed

    def _pause(self, reason: PauseReason, why: str) -> None:
        """Controlled pause: the machine ramps the belt to 0; stats and programme time freeze."""
        self._walk.enter(State.PAUSED, why, pause=reason)

    def _reach(self, prog: float) -> None:
        """Programme time moves on to at least ``prog`` (the end of a break: no checks skipped)."""
        self._prog = max(self._prog, prog)

    def _final_stop(self, why: str) -> None:
        self._walk.enter(State.STOPPING, why)

    def _finish(self, why: str) -> None:
        """The walk is over; FINISHED waits until no stop is owed any more."""
        if self.stop_owed:
            self._finish_pending = why
            return
        self._finish_pending = None
        self._walk.enter(State.FINISHED, why)

    def _to_post_walk(self, why: str) -> None:
        self._walk.enter(State.POST_WALK, why)
        self._post_walk_since = self._now
        if self._outcome == Outcome.IN_PROGRESS:
            self._outcome = Outcome.COMPLETED
        self._dialogue.prompt = None
        self._open_prompt("post_walk", "post_walk")

    def _open_prompt(self, kind: str, trigger: str) -> None:
        self._dialogue.open(kind, trigger)

    def _go_cooldown(self, why: str) -> None:
        if self._rewarm_left > 0:
            self._end_rewarm("cool-down now", check=False)
        self._cooldown_forced = True
        self._cancel_increases()
        start = self._cooldown_start
        self._emit(CooldownNow(reason=why))
        if start is None or start >= self._tl.duration_s:
            if self._walk.state in WALKING_STATES:
                self._final_stop(why)
            return
        self._breaks.skip_before(start)
        self._jump_to(start)
        if self._walk.state in WALKING_STATES:
            self._walk.enter(State.COOLDOWN, why)

    def _jump_to(self, prog: float) -> None:
        """Move programme time forward; the increases jumped over never happened, so the
        checks planned after them are dropped."""
        self._prog = max(self._prog, prog)
        self._dialogue.checks.skip_to(self._prog)

    def _end_rewarm(self, why: str, *, check: bool = True) -> None:
        """Back to the programme load; like warm-up -> main, that counts as an increase."""
        self._rewarm_left = 0.0
        self._emit(RewarmEnd(reason=why))
        if check and self._phase_at(self._prog) == "main" and not self._resume_easy:
            self._dialogue.checks.after_increase(self._prog, self._policy.after_increase_s)

    def _cancel_increases(self) -> None:
        """Cap speed and incline at their current commanded values for the rest of the walk."""
        self._load.cap_at(*self._belt.commanded())
