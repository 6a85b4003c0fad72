"""The exercise-break flow: stopping -> exercises -> break-end check -> await resume.

The belt is paused (stopped, for a break after the walk) on entry, the holds run once telemetry
confirms 0 km/h, a pain check closes the break, and only the walker's resume starts the belt.

Breaks come from the profile's ``break`` segments and, from session ``[breaks] from_session``
on, from offers (docs/walking.md §4.1, rules in :mod:`~treadmill_tui.session.offers`): the offer
waits ``offer_wait_s`` with the belt moving; take runs the same flow with one standing exercise,
skip or no answer walks on.
"""

from __future__ import annotations

from treadmill_tui.session.commands import Pause, Stop
from treadmill_tui.session.engine_core import EngineCore
from treadmill_tui.session.engine_settings import STOPPED_KMH
from treadmill_tui.session.events import (
    BreakEnded,
    BreakOffered,
    BreakOfferWithdrawn,
    BreakSkipped,
    BreakStageChanged,
    BreakTaken,
    ExerciseShown,
    WalkerAction,
)
from treadmill_tui.session.exercises import exercise_view, holds_of, is_trailing
from treadmill_tui.session.offers import (
    MSG_OFFER,
    MSG_SKIPPED,
    OfferedBreakSegment,
    offer_blocked,
    standing_exercise,
)
from treadmill_tui.session.snapshot import BreakOfferView, ExerciseView
from treadmill_tui.session.states import BreakStage, State
from treadmill_tui.session.timeline import SegmentLike


class ExerciseBreaks(EngineCore):
    """Exercise-break handling of the engine (a part of :class:`Engine`)."""

    @property
    def exercise_name(self) -> str | None:
        if self._state is not State.BREAK or self._break_stage is not BreakStage.EXERCISE:
            return None
        if not 0 <= self._hold_index < len(self._holds):
            return None
        return self._holds[self._hold_index].name

    def _break_timers(self) -> None:
        stage = self._break_stage
        if stage is BreakStage.STOPPING:
            if self._await_zero_since is None and self._belt_stopped():
                self._break_stage = BreakStage.EXERCISE
                self._emit(BreakStageChanged(stage=str(BreakStage.EXERCISE)))
                self._hold_index = -1
                self._next_hold()
        elif stage is BreakStage.EXERCISE:
            if self._actual_speed is not None and self._actual_speed > STOPPED_KMH:
                # the belt moved during an exercise: stop showing it and stop the belt
                self._break_stage = BreakStage.STOPPING
                self._emit(BreakStageChanged(stage=str(BreakStage.STOPPING), reason="belt moving"))
                return
            if self._prompt is not None:
                # a check is on screen: the exercise's countdown waits for it, never runs
                # unseen behind it (it carries on where it was once the check is answered)
                if self._hold_held_since is None:
                    self._hold_held_since = self._now
                return
            if self._hold_held_since is not None:
                self._hold_started += self._now - self._hold_held_since
                self._hold_held_since = None
            hold = self._holds[self._hold_index] if self._holds else None
            if hold is not None and self._now - self._hold_started >= hold.hold_s:
                self._next_hold()

    def _next_hold(self) -> None:
        self._hold_index += 1
        self._hold_started = self._now
        self._hold_held_since = self._now if self._prompt is not None else None
        if self._hold_index < len(self._holds):
            h = self._holds[self._hold_index]
            self._emit(
                ExerciseShown(name=h.name, side=h.side, rep=h.rep, reps=h.reps, hold_s=h.hold_s)
            )
            return
        if self._break_seg is not None and is_trailing(self._break_seg, self._tl.duration_s):
            # floor exercises after the walk: the post-walk questions are the check
            self._finish_break()
            self._to_post_walk("after-walk exercises done")
            return
        self._break_stage = BreakStage.CHECK
        self._emit(BreakStageChanged(stage=str(BreakStage.CHECK)))
        # an earlier pending prompt is reused: its answer also ends this stage
        self._open_prompt("check", "break_end")

    def _enter_break(self, seg: SegmentLike) -> None:
        if seg is not self._offer_seg:
            self._withdraw_offer("planned break")
        self._break_seg = seg
        self._holds = holds_of(seg)
        # nothing to walk after a trailing break: its stop is the final stop
        self._demand_stop(Stop() if is_trailing(seg, self._tl.duration_s) else Pause())
        self._break_stage = BreakStage.STOPPING
        self._enter(State.BREAK, f"exercise break: {seg.name}")

    def _finish_break(self) -> None:
        seg = self._break_seg
        offered = seg is not None and seg is self._offer_seg
        if seg is not None and offered:
            self._emit(BreakEnded(segment=seg.index, offered=True))
        elif seg is not None:
            self._done_breaks.add(seg.index)
            self._prog = max(self._prog, seg.end_s)
            self._emit(BreakEnded(segment=seg.index))
            self._offers.planned_break_done(self._main_walked_s)
        self._offer_seg = None
        self._break_seg = None
        self._break_stage = None
        self._holds = []

    def _exercise_view(self) -> ExerciseView | None:
        if self._state is not State.BREAK or self._break_stage is not BreakStage.EXERCISE:
            return None
        held = self._now - self._hold_held_since if self._hold_held_since is not None else 0.0
        return exercise_view(self._holds, self._hold_index, self._now - self._hold_started - held)

    # ------------------------------------------------------------------ offered breaks

    @property
    def break_offer(self) -> BreakOfferView | None:
        """The offered break waiting for take or skip, if any."""
        offers = self._offers
        if offers.open_since is None:
            return None
        name = standing_exercise(offers.number).name
        return BreakOfferView(offers.number, name, offers.open_since - self._t0, offers.wait_s)

    def _offer_block(self, *, pending: bool) -> str | None:
        main_end = self._cooldown_start
        return offer_blocked(
            in_main=self._state is State.MAIN and not self._cooldown_forced,
            prog_s=self._prog,
            main_end_s=self._tl.duration_s if main_end is None else main_end,
            prompt_open=self._prompt is not None,
            resume_easy=self._resume_easy,
            slowed=self._no_answer_slow or self._rewarm_left > 0,
            connected=self._connected and self._speed_ok,
            next_break_s=None if pending else self._next_break_start(),
            every_s=self._offers.every_s,
            pending=pending,
        )

    def _next_break_start(self) -> float | None:
        seg = self._next_break(self._prog)
        return None if seg is None else seg.start_s

    def _offer_timers(self) -> None:
        """Make a due offer, withdraw one the walk no longer allows, time out an unanswered one."""
        offers = self._offers
        if not offers.enabled:
            return
        if offers.pending:
            why = self._offer_block(pending=True)
            if why is not None:
                self._withdraw_offer(why)
            elif offers.timed_out(self._now):
                number = offers.number
                offers.answered(self._main_walked_s)
                self._emit(BreakSkipped(number=number, reason="no_answer"))
                self._say(MSG_SKIPPED)
            return
        if offers.due(self._main_walked_s) and self._offer_block(pending=False) is None:
            number = offers.open(self._now)
            name = standing_exercise(number).name
            self._emit(BreakOffered(number=number, exercise=name, wait_s=offers.wait_s))
            self._say(MSG_OFFER.format(name=name))

    def _withdraw_offer(self, why: str) -> None:
        if self._offers.pending:
            self._offers.withdraw()
            self._emit(BreakOfferWithdrawn(number=self._offers.number, reason=why))

    def _on_take_break(self) -> None:
        self._emit(WalkerAction(action="take_break"))
        offers = self._offers
        if not offers.pending:
            return
        why = self._offer_block(pending=True)
        if why is not None:  # an earlier input this step changed the walk
            self._withdraw_offer(why)
            return
        number = offers.number
        ex = standing_exercise(number)
        offers.answered(self._main_walked_s)
        self._emit(BreakTaken(number=number, exercise=ex.name))
        here = self._at(self._prog).segment
        seg = OfferedBreakSegment(
            index=here.index,
            name=f"Standing exercise: {ex.name}",
            start_s=self._prog,
            end_s=self._prog,  # programme time stands still while the belt is stopped
            exercises=(ex,),
        )
        self._offer_seg = seg
        self._enter_break(seg)

    def _on_skip_break(self) -> None:
        self._emit(WalkerAction(action="skip_break"))
        offers = self._offers
        if not offers.pending:
            return
        number = offers.number
        offers.answered(self._main_walked_s)
        self._emit(BreakSkipped(number=number, reason="walker"))
        self._say(MSG_SKIPPED)
