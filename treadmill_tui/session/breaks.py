"""The breaks part: stopping -> exercises -> break-end check -> await resume.

The belt is paused (stopped, for a break after the walk) on entry, the holds run once telemetry
confirms 0 km/h, a pain check closes the break, and only the walker's resume starts the belt.

Breaks come from the profile's ``break`` segments and, from session ``[breaks] from_session``
on, from offers (docs/walking.md §4.1, rules in :mod:`~treadmill_tui.session.offers`): the offer
waits ``offer_wait_s`` with the belt moving; take runs the same flow with one standing exercise,
skip or no answer walks on.

:class:`Breaks` is a part the engine is composed of: it owns the break state (stage, segment,
holds, the breaks done, the offers) and reaches the walk only through the engine's shared moves
(emit, say, stop the belt, enter a state, open a prompt). It never assigns the walk's state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treadmill_tui.session.commands import Pause, Stop
from treadmill_tui.session.engine_settings import STOPPED_KMH, EngineSettings
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
from treadmill_tui.session.exercises import Hold, exercise_view, holds_of, is_trailing
from treadmill_tui.session.offers import (
    MSG_OFFER,
    MSG_SKIPPED,
    BreakOffers,
    OfferedBreakSegment,
    mid_walk_breaks,
    offer_blocked,
    standing_exercise,
)
from treadmill_tui.session.snapshot import BreakOfferView, ExerciseView
from treadmill_tui.session.states import BreakStage, State
from treadmill_tui.session.timeline import SegmentLike, TimelineLike, break_policy_of

if TYPE_CHECKING:
    from treadmill_tui.session.engine_core import EngineCore


#: Longest an unanswered check holds an exercise up (the no-answer pause, docs/walking.md §3.5).
HOLD_WAIT_MAX_S = 180.0
#: An exercise's timer waits for the walker's Ready at most this long, so a break never hangs
#: (the belt stays stopped throughout; docs/walking.md §4).
READY_WAIT_MAX_S = 120.0
#: Time to step off the belt and get down onto the mat before Ready counts (docs/walking.md §4).
GET_DOWN_S = 30.0


class Breaks:
    """Planned and offered exercise breaks of one walk (a part of :class:`Engine`)."""

    def __init__(self, walk: EngineCore, timeline: TimelineLike, settings: EngineSettings) -> None:
        self._w = walk
        self._duration_s = timeline.duration_s
        self.planned = tuple(s for s in timeline.segments if s.kind == "break")
        self.done: set[int] = set()  # indexes of the planned breaks taken or jumped over
        self.seg: SegmentLike | None = None  # the break under way
        self.stage: BreakStage | None = None
        self.holds: list[Hold] = []
        self.hold_index = 0
        self.hold_started = 0.0
        self.held_since: float | None = None  # a check opened during this hold
        self.ready_since: float | None = None  # shown, waiting for the walker's Ready
        self.check_since = 0.0  # when the break's closing pain check opened
        self.offers = BreakOffers.of(
            break_policy_of(timeline),
            settings.session_number,
            mid_walk_breaks(self.planned, timeline.duration_s),
        )
        self.main_walked_s = 0.0  # seconds walked in the main phase (offered-break clock)
        self.offer_seg: OfferedBreakSegment | None = None  # the offered break being taken

    # ------------------------------------------------------------------ planned breaks

    def next_after(self, after: float) -> SegmentLike | None:
        """The next planned break at or after programme time ``after`` not yet done."""
        for seg in self.planned:
            if seg.start_s >= after and seg.index not in self.done:
                return seg
        return None

    def skip_before(self, prog: float) -> None:
        """Planned breaks before ``prog`` will not happen (a jump to the cool-down)."""
        for seg in self.planned:
            if seg.start_s < prog:
                self.done.add(seg.index)

    def clear(self) -> None:
        """The break no longer runs (the walk moved on: resumed, ended or stopped)."""
        self.seg = None
        self.stage = None

    @property
    def exercise_name(self) -> str | None:
        if self._w._walk.state is not State.BREAK or self.stage is not BreakStage.EXERCISE:
            return None
        if not 0 <= self.hold_index < len(self.holds):
            return None
        return self.holds[self.hold_index].name

    def timers(self) -> None:
        w = self._w
        stage = self.stage
        if stage is BreakStage.STOPPING:
            if not w.stop_owed and w._belt.stopped():
                self.stage = BreakStage.EXERCISE
                w._emit(BreakStageChanged(stage=str(BreakStage.EXERCISE)))
                self.hold_index = -1
                self.next_hold()
        elif stage is BreakStage.EXERCISE:
            if w._belt.actual_speed is not None and w._belt.actual_speed > STOPPED_KMH:
                # the belt moved during an exercise: stop showing it and stop the belt
                self.stage = BreakStage.STOPPING
                w._emit(BreakStageChanged(stage=str(BreakStage.STOPPING), reason="belt moving"))
                return
            if self.ready_since is not None:
                if w._now - self.ready_since < READY_WAIT_MAX_S:
                    return  # no countdown until the walker is in position
                self._start_hold()  # nobody pressed Ready: start anyway, never hang
                return
            prompt = w._dialogue.prompt
            if prompt is not None and w._now - prompt.since < HOLD_WAIT_MAX_S:
                # a check is on screen: the exercise's countdown waits for it, never runs
                # unseen behind it (it carries on where it was once the check is answered;
                # an unanswered one stops holding it up after the no-answer pause time)
                if self.held_since is None:
                    self.held_since = w._now
                return
            if self.held_since is not None:
                self.hold_started += w._now - self.held_since
                self.held_since = None
            hold = self.holds[self.hold_index] if self.holds else None
            if hold is not None and w._now - self.hold_started >= hold.hold_s:
                self.next_hold()

    def _start_hold(self) -> None:
        w = self._w
        self.ready_since = None
        self.hold_started = w._now
        self.held_since = w._now if w._dialogue.prompt is not None else None

    def ready_in(self) -> float | None:
        """Seconds until Ready counts (0: now), or None when no exercise waits for it."""
        if self.stage is not BreakStage.EXERCISE or self.ready_since is None:
            return None
        if not 0 <= self.hold_index < len(self.holds):
            return None
        if not self.holds[self.hold_index].off_belt:
            return 0.0
        return max(0.0, GET_DOWN_S - (self._w._now - self.ready_since))

    def next_pressed(self) -> None:
        """Enter: Ready while an exercise waits for it (ignored before the get-down time), else
        the next exercise."""
        left = self.ready_in()
        if left is None:
            self.next_hold()
        elif left <= 0.0:
            self._start_hold()

    def next_hold(self) -> None:
        w = self._w
        self.hold_index += 1
        self._start_hold()
        if self.hold_index < len(self.holds):
            h = self.holds[self.hold_index]
            if h.first:
                self.ready_since = w._now
            w._emit(
                ExerciseShown(name=h.name, side=h.side, rep=h.rep, reps=h.reps, hold_s=h.hold_s)
            )
            return
        if self.seg is not None and is_trailing(self.seg, self._duration_s):
            # floor exercises after the walk: the post-walk questions are the check
            self.finish()
            w._to_post_walk("after-walk exercises done")
            return
        self.stage = BreakStage.CHECK
        self.check_since = w._now
        w._emit(BreakStageChanged(stage=str(BreakStage.CHECK)))
        # an earlier pending prompt is reused: its answer also ends this stage
        w._open_prompt("check", "break_end")

    def checked(self) -> None:
        """The break's closing check was answered (and the walk goes on): await the resume."""
        if self._w._walk.state is State.BREAK and self.stage is BreakStage.CHECK:
            self.stage = BreakStage.AWAIT_RESUME
            self._w._emit(BreakStageChanged(stage=str(BreakStage.AWAIT_RESUME)))

    def enter(self, seg: SegmentLike) -> None:
        w = self._w
        if seg is not self.offer_seg:
            self.withdraw_offer("planned break")
        self.seg = seg
        self.holds = holds_of(seg)
        # nothing to walk after a trailing break: its stop is the final stop
        w._belt.demand_stop(Stop() if is_trailing(seg, self._duration_s) else Pause())
        self.stage = BreakStage.STOPPING
        w._walk.enter(State.BREAK, f"exercise break: {seg.name}")

    def finish(self) -> None:
        """End the break; programme time moves past a planned one (an offered one took none)."""
        w = self._w
        seg = self.seg
        offered = seg is not None and seg is self.offer_seg
        if seg is not None and offered:
            w._emit(BreakEnded(segment=seg.index, offered=True))
        elif seg is not None:
            self.done.add(seg.index)
            w._reach(seg.end_s)
            w._emit(BreakEnded(segment=seg.index))
            self.offers.planned_break_done(self.main_walked_s)
        self.offer_seg = None
        self.seg = None
        self.stage = None
        self.holds = []

    def exercise_view(self) -> ExerciseView | None:
        if self._w._walk.state is not State.BREAK or self.stage is not BreakStage.EXERCISE:
            return None
        now = self._w._now
        held = now - self.held_since if self.held_since is not None else 0.0
        left = self.ready_in()
        return exercise_view(
            self.holds,
            self.hold_index,
            now - self.hold_started - held,
            awaiting_ready=left is not None,
            ready_in_s=left or 0.0,
        )

    # ------------------------------------------------------------------ offered breaks

    @property
    def offer_view(self) -> BreakOfferView | None:
        """The offered break waiting for take or skip, if any."""
        offers = self.offers
        if offers.open_since is None:
            return None
        name = standing_exercise(offers.number).name
        return BreakOfferView(offers.number, name, offers.open_since - self._w._t0, offers.wait_s)

    def _offer_block(self, *, pending: bool) -> str | None:
        w = self._w
        main_end = w._cooldown_start
        return offer_blocked(
            in_main=w._walk.state is State.MAIN and not w._cooldown_forced,
            prog_s=w._prog,
            main_end_s=self._duration_s if main_end is None else main_end,
            prompt_open=w._dialogue.prompt is not None,
            resume_easy=w._resume_easy,
            slowed=w._dialogue.no_answer_slow or w._rewarm_left > 0,
            connected=w._belt.connected and w._belt.speed_ok,
            next_break_s=None if pending else self._next_break_start(),
            every_s=self.offers.every_s,
            pending=pending,
        )

    def _next_break_start(self) -> float | None:
        seg = self.next_after(self._w._prog)
        return None if seg is None else seg.start_s

    def offer_timers(self) -> None:
        """Make a due offer, withdraw one the walk no longer allows, time out an unanswered one."""
        w = self._w
        offers = self.offers
        if not offers.enabled:
            return
        if offers.pending:
            why = self._offer_block(pending=True)
            if why is not None:
                self.withdraw_offer(why)
            elif offers.timed_out(w._now):
                number = offers.number
                offers.answered(self.main_walked_s)
                w._emit(BreakSkipped(number=number, reason="no_answer"))
                w._say(MSG_SKIPPED)
            return
        if offers.due(self.main_walked_s) and self._offer_block(pending=False) is None:
            number = offers.open(w._now)
            name = standing_exercise(number).name
            w._emit(BreakOffered(number=number, exercise=name, wait_s=offers.wait_s))
            w._say(MSG_OFFER.format(name=name))

    def withdraw_offer(self, why: str) -> None:
        if self.offers.pending:
            self.offers.withdraw()
            self._w._emit(BreakOfferWithdrawn(number=self.offers.number, reason=why))

    def take(self) -> None:
        w = self._w
        w._emit(WalkerAction(action="take_break"))
        offers = self.offers
        if not offers.pending:
            return
        why = self._offer_block(pending=True)
        if why is not None:  # an earlier input this step changed the walk
            self.withdraw_offer(why)
            return
        number = offers.number
        ex = standing_exercise(number)
        offers.answered(self.main_walked_s)
        w._emit(BreakTaken(number=number, exercise=ex.name))
        here = w._at(w._prog).segment
        seg = OfferedBreakSegment(
            index=here.index,
            name=f"Standing exercise: {ex.name}",
            start_s=w._prog,
            end_s=w._prog,  # programme time stands still while the belt is stopped
            exercises=(ex,),
        )
        self.offer_seg = seg
        self.enter(seg)

    def skip(self) -> None:
        w = self._w
        w._emit(WalkerAction(action="skip_break"))
        offers = self.offers
        if not offers.pending:
            return
        number = offers.number
        offers.answered(self.main_walked_s)
        w._emit(BreakSkipped(number=number, reason="walker"))
        w._say(MSG_SKIPPED)
