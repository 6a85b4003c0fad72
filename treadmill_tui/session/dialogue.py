"""The dialogue part: pain prompts, the check schedule and the no-answer ladder.

It owns what was asked and answered (the pending prompt, the schedule of planned checks, the
baseline, the zone history, the pain records, the no-answer slow-down) and says what an answer
or a silence means: :meth:`Dialogue.answer` returns a :data:`Reply`, :meth:`Dialogue.tick` the
rung of the ladder reached (docs/walking.md §3.5). It never sets the walk's state: the engine
applies the replies (pause, red flag, cool-down, finish).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from treadmill_tui.session.events import (
    DismissRefused,
    NoAnswerCleared,
    NoAnswerSlowdown,
    PainAnswered,
    PromptDismissed,
    PromptOpened,
    PromptRepeated,
    ReturnOffered,
    WalkerAction,
)
from treadmill_tui.session.inputs import PostWalkAnswer
from treadmill_tui.session.pain import (
    Action,
    Decision,
    GateResult,
    PainAnswer,
    PainHistory,
    Thresholds,
    Zone,
    decide,
    prewalk_gate,
)
from treadmill_tui.session.prompts import (
    CheckSchedule,
    NoAnswer,
    PendingPrompt,
    may_dismiss,
    no_answer_step,
    planned_checks,
    planned_points,
    repeat_due,
)
from treadmill_tui.session.states import WALKING_STATES, State
from treadmill_tui.session.summary import PainRecord
from treadmill_tui.session.timeline import TimelineLike

if TYPE_CHECKING:
    from treadmill_tui.session.engine_core import EngineCore

MSG_ANSWER_FIRST = "Answer the pain check first."
MSG_RETURN_OFFER = "Press U to go back to the planned pace."


@dataclass(frozen=True)
class Ignored:
    """An answer with nothing to answer (the walk is over or not connected yet)."""


@dataclass(frozen=True)
class PostWalkReply:
    """The answer belongs to the post-walk questions."""

    answer: PostWalkAnswer


@dataclass(frozen=True)
class BaselineReply:
    """The pre-walk answer: the gate says walk, rest or stop."""

    gate: GateResult


@dataclass(frozen=True)
class CheckReply:
    """An in-walk answer and what the decision table makes of it."""

    decision: Decision
    trigger: str
    was_slow: bool  # the no-answer slow-down was on when the answer came


Reply = Ignored | PostWalkReply | BaselineReply | CheckReply


class Dialogue:
    """The questions of one walk and their answers (a part of :class:`Engine`)."""

    def __init__(self, walk: EngineCore, timeline: TimelineLike) -> None:
        self._w = walk
        pol = timeline.pain_policy
        self._policy = pol
        self.thresholds = Thresholds(pol.red_at, pol.red_rise, pol.amber_rise, pol.amber_at)
        self.checks = CheckSchedule(planned_checks(timeline), points=planned_points(timeline))
        self.prompt: PendingPrompt | None = None
        self.no_answer_slow = False
        self.return_offered = False  # a late green: the walker may lift the slow-down (§3.5)
        self.baseline: int | None = None
        self.last_zone: Zone | None = None
        self.amber_count = 0
        self.pain_log: list[PainRecord] = []

    # ------------------------------------------------------------------ prompts

    def open(self, kind: str, trigger: str) -> None:
        w = self._w
        if w._walk.state in (State.FINISHED, State.RED_FLAG):
            return
        if self.prompt is not None:
            if self.prompt.kind == kind:
                if trigger != "pain_key":
                    self.prompt.dismissable = False  # now it answers a planned check too
                return  # merge with the one already pending
            if kind == "check":
                return
        self.prompt = PendingPrompt(
            kind,
            trigger,
            w._now,
            w._prog,
            speed_before=w.target_speed(),
            incline_before=w.target_incline(),
            dismissable=kind == "check" and trigger == "pain_key",
        )
        if kind == "check":
            self.checks.opened(w._prog)
        w._emit(PromptOpened(kind=kind, trigger=trigger))

    def dismiss(self) -> None:
        w = self._w
        p = self.prompt
        if p is None:
            return
        if not may_dismiss(p):
            w._emit(DismissRefused(kind=p.kind, trigger=p.trigger))
            w._say(MSG_ANSWER_FIRST)
            return
        self.prompt = None
        w._emit(PromptDismissed(trigger=p.trigger, after_s=round(w._now - p.since, 3)))

    def walking_checks(self, *, in_main: bool, interval_s: float) -> None:
        """Open the planned check that has fallen due, if any."""
        trigger = self.checks.next_trigger(
            self._w._prog,
            in_main=in_main,
            interval_s=interval_s,
            prompt_pending=self.prompt is not None,
        )
        if trigger is not None:
            self.open("check", trigger)

    def tick(self, *, walking: bool) -> NoAnswer:
        """Repeat an unanswered check; while walking, climb the no-answer ladder. The slow-down
        is the dialogue's own (the targets read it); a PAUSE is for the engine to carry out."""
        w = self._w
        p = self.prompt
        if p is None or p.kind != "check":
            return NoAnswer.WAIT
        elapsed = w._now - p.since
        if repeat_due(elapsed, self._policy, p.repeats):
            p.repeats += 1
            w._emit(PromptRepeated(repeats=p.repeats, trigger=p.trigger))
        if not walking:
            return NoAnswer.WAIT
        step = no_answer_step(elapsed, self._policy, slowed=self.no_answer_slow)
        if step is NoAnswer.SLOW:
            self.no_answer_slow = True
            p.slowed = True
            w._emit(NoAnswerSlowdown())
            w._say("No answer: slowing to warm-up speed.")
        return step

    # ------------------------------------------------------------------ answers

    def _history(self) -> PainHistory:
        w = self._w
        return PainHistory(
            last_zone=self.last_zone,
            amber_count=self.amber_count,
            in_cooldown=w._walk.state is State.COOLDOWN
            or w._cooldown_forced
            or (w._cooldown_start is not None and w._prog >= w._cooldown_start),
            resume_easy=w._resume_easy,
        )

    def answer(self, answer: PainAnswer) -> Reply:
        """Record ``answer`` against the open prompt (or as a spontaneous check) and say what
        it means; the engine applies the reply."""
        w = self._w
        prompt = self.prompt
        if prompt is not None and prompt.kind == "post_walk":
            return PostWalkReply(PostWalkAnswer(answer.nrs, legs=answer.legs))
        if prompt is None:
            if w._walk.state in (State.FINISHED, State.RED_FLAG, State.CONNECTING):
                return Ignored()
            prompt = PendingPrompt("check", "spontaneous", w._now, w._prog)
        self.prompt = None
        if prompt.kind == "baseline" or w._walk.state is State.READY:
            gate = prewalk_gate(answer, thresholds=self.thresholds)
            self.baseline = answer.nrs
            zone = {
                GateResult.WALK: Zone.GREEN,
                GateResult.REST: Zone.RED,
                GateResult.STOP: Zone.STOP,
            }
            self._log(answer, prompt, Decision(zone[gate], Action.CONTINUE), kind="baseline")
            return BaselineReply(gate)
        baseline = self.baseline if self.baseline is not None else 0
        decision = decide(answer, baseline, self._history(), self.thresholds)
        self._log(answer, prompt, decision)
        self.checks.last_check_prog = w._prog
        was_slow = self.no_answer_slow
        # a late answer applies from the reduced load (§3.5): green and green-hold keep the
        # no-answer slow-down (green offers a one-key return); amber and red follow the table
        # from wherever the ramps have got to
        self.no_answer_slow = was_slow and decision.action in (Action.CONTINUE, Action.HOLD)
        self.return_offered = False
        self.checks.recheck_at = None
        if decision.zone is Zone.AMBER:
            self.amber_count += 1
        self.last_zone = decision.zone
        return CheckReply(decision, prompt.trigger, was_slow)

    def _log(
        self, answer: PainAnswer, prompt: PendingPrompt, decision: Decision, kind: str = "check"
    ) -> None:
        w = self._w
        rec = PainRecord(
            t=w._now - w._t0,
            prog_t=w._prog,
            phase=str(w._walk.state),
            trigger=prompt.trigger if kind == "check" else "pre_walk",
            nrs=answer.nrs,
            baseline=self.baseline,
            legs=str(answer.legs),
            sharp=answer.sharp,
            gait=answer.gait,
            zone=str(decision.zone),
            action=str(decision.action),
            speed_before=prompt.speed_before,
            incline_before=prompt.incline_before,
            latency_s=w._now - prompt.since,
            repeats=prompt.repeats,
        )
        self.pain_log.append(rec)
        w._emit(
            PainAnswered(
                nrs=answer.nrs,
                legs=str(answer.legs),
                sharp=answer.sharp,
                gait=answer.gait,
                zone=str(decision.zone),
                action=str(decision.action),
                trigger=rec.trigger,
                baseline=self.baseline,
            )
        )

    # ------------------------------------------------------------------ the way back (§3.5)

    def offer_return(self) -> None:
        """A green answer while slowed for no answer: stay slow, offer the way back."""
        self.return_offered = True
        self._w._emit(ReturnOffered())
        if self._w._walk.state in WALKING_STATES:
            self._w._say(MSG_RETURN_OFFER)

    def return_to_plan(self) -> None:
        """Lift the no-answer slow-down; the ramps pace the rise, a check follows it."""
        w = self._w
        w._emit(WalkerAction(action="return_to_plan"))
        if not (self.return_offered and self.no_answer_slow):
            return
        if w._walk.state not in WALKING_STATES:
            return
        self.return_offered = False
        self.no_answer_slow = False
        w._emit(NoAnswerCleared(reason="walker returned to the plan"))
        if not w._resume_easy:
            self.checks.after_increase(w._prog, self._policy.after_increase_s)
        w._say("Back to the planned pace, gently.")
