"""The walk part: the one owner of the walk's :class:`State`.

:meth:`Walk.enter` is the only place the state is assigned (a test searches for it): it checks
each move against ``walk.TRANSITIONS`` and runs the entry actions of the new state. The walk
also owns the pause reason, when the pause began and when the belt last left walking; the
other parts read the state and ask for moves, never assign it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treadmill_tui.session.commands import Pause, Stop
from treadmill_tui.session.events import IllegalTransition, PauseReasonChanged, StateChanged
from treadmill_tui.session.states import WALKING_STATES, PauseReason, State
from treadmill_tui.session.walk import MACHINE_CAUSES, WalkContext, accepted_keys, may_enter

if TYPE_CHECKING:
    from treadmill_tui.session.engine_core import EngineCore


class Walk:
    """The state of one walk and the moves between states (a part of :class:`Engine`)."""

    def __init__(self, walk: EngineCore) -> None:
        self._w = walk
        self.state = State.CONNECTING
        self.pause_reason: PauseReason | None = None
        self.pause_since = 0.0
        self.left_walking_at: float | None = None  # when the belt was last told to stop

    def enter(
        self,
        new: State,
        reason: str,
        *,
        pause: PauseReason | None = None,
        machine_stopped: bool = False,
    ) -> None:
        """The one way into a state (search ``enter(State.PAUSED`` for every way into PAUSED).

        Checks the move against ``walk.TRANSITIONS`` and runs the entry actions of ``new``:
        PAUSED takes its cause (``pause``; a later machine cause replaces an earlier machine
        cause, never a red or no-answer decision) and, from a walking state, owes the belt a
        Pause (already carried out when the ``machine_stopped`` itself); STOPPING owes a Stop;
        RED_FLAG owes a Stop while the belt may move; FINISHED stamps the end.
        """
        w = self._w
        old = self.state
        if new is old and new is not State.PAUSED:
            return
        if not may_enter(old, new):
            # never expected (the table is the design); logged, never a crash mid-walk
            w._emit(IllegalTransition(from_state=str(old), to=str(new), reason=reason))
        match new:
            case State.PAUSED:
                assert pause is not None, "every way into PAUSED names its cause"
                if old is State.PAUSED:
                    self.repause(pause)
                    return
                if old in WALKING_STATES and machine_stopped:
                    w._belt.after_stop_sent(Pause(), sent=True)
                elif old in WALKING_STATES:
                    w._belt.demand_stop(Pause())
                elif old is State.BREAK:
                    w._breaks.stage = None  # a red answer in a break ends the break
                self.pause_reason = pause
                self.pause_since = w._now
            case State.STOPPING:
                if w._dialogue.prompt is not None and w._dialogue.prompt.kind == "check":
                    w._dialogue.prompt = None
                w._belt.demand_stop(Stop())
            case State.RED_FLAG:
                w._dialogue.prompt = None
                if old in WALKING_STATES or w._belt.moving() or w.stop_owed:
                    w._belt.demand_stop(Stop())
            case State.FINISHED:
                w._dialogue.prompt = None
                w._end_t = w._now
            case _:
                pass
        self.state = new
        if old in WALKING_STATES and new not in WALKING_STATES:
            self.left_walking_at = w._now
        cause = self.pause_reason if new is State.PAUSED else None
        w._emit(
            StateChanged(
                from_state=str(old),
                to=str(new),
                reason=reason,
                pause_reason=None if cause is None else str(cause),
            )
        )
        if new in (State.STOPPING, State.RED_FLAG):
            w._breaks.clear()

    def repause(self, cause: PauseReason) -> None:
        """Already paused: the pause reason follows the latest cause, except that a machine
        cause never replaces a walker decision (a red answer or no answer keeps its limits)."""
        w = self._w
        if cause is self.pause_reason:
            return
        if cause in MACHINE_CAUSES and self.pause_reason not in MACHINE_CAUSES:
            return
        self.pause_reason = cause
        self.pause_since = w._now
        w._emit(PauseReasonChanged(reason=str(cause)))

    def options(self) -> tuple[str, ...]:
        """The walker keys the state accepts now (``walk.ACCEPTS``)."""
        w = self._w
        return accepted_keys(
            self.state,
            WalkContext(
                pause_reason=self.pause_reason,
                break_stage=w._breaks.stage,
                end_only=w._end_only,
                resume_easy_used=w._resume_easy_used,
                return_offered=w._dialogue.return_offered and w._dialogue.no_answer_slow,
                break_offered=w._breaks.offers.pending,
                ready_wait=w._breaks.ready_in() is not None,
                ready_now=w._breaks.ready_in() == 0.0,
            ),
        )
