"""Pain-check replies applied to the walk.

The dialogue part (:mod:`~treadmill_tui.session.dialogue`) says what an answer or a silence
means; this applies it to the walk: amber reduces the load (or cools down when amber again),
red pauses (resume easy or end), leg or red-flag symptoms stop the belt and lock the programme,
the baseline gate, the no-answer pause (§3.5) and the post-walk answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from treadmill_tui.session.dialogue import BaselineReply, CheckReply, Ignored, PostWalkReply
from treadmill_tui.session.events import LoadReduced, PostWalkAdvice, PostWalkAnswered, WalkerAction
from treadmill_tui.session.inputs import PostWalkAnswer
from treadmill_tui.session.pain import (
    STOP_LEGS,
    Action,
    Decision,
    GateResult,
    PainAnswer,
    Zone,
    post_walk_advice,
    zone_of,
)
from treadmill_tui.session.prompts import NoAnswer
from treadmill_tui.session.states import WALKING_STATES, Outcome, PauseReason, State

if TYPE_CHECKING:
    from treadmill_tui.session.engine_core import EngineCore

# the final stop is under way or done: a red answer changes nothing any more
STOPPING_OVER = frozenset({State.STOPPING, State.POST_WALK})


class PainReplies:
    """Applies the dialogue's replies to the walk (a part of :class:`Engine`)."""

    def __init__(self, walk: EngineCore) -> None:
        self._w = walk

    def on_answer(self, answer: PainAnswer) -> None:
        w = self._w
        match w._dialogue.answer(answer):
            case Ignored():
                pass
            case PostWalkReply(answer=post):
                self.on_post_walk(post)
            case BaselineReply(gate=gate):
                self.on_baseline(gate)
            case CheckReply(decision=decision, was_slow=was_slow):
                self.apply_decision(decision, was_slow=was_slow)
            case other:
                assert_never(other)

    def on_baseline(self, gate: GateResult) -> None:
        w = self._w
        if gate is GateResult.STOP:
            self.red_flag_stop("pre-walk leg symptoms")
        elif gate is GateResult.REST:
            w._say("No walk today: rest; gentle movement at home is fine.")
            w._outcome = Outcome.REST
            w._finish("pre-walk pain too high")
        else:
            w._walk.enter(State.WAITING_START, "baseline recorded")

    def apply_decision(self, decision: Decision, *, was_slow: bool) -> None:
        w = self._w
        action = decision.action
        if action is Action.STOP:
            self.red_flag_stop("leg or red-flag symptoms")
        elif action in (Action.PAUSE, Action.PAUSE_END) and w._walk.state in STOPPING_OVER:
            pass  # the walk is already being ended: the answer is logged, the stop stands
        elif action in (Action.PAUSE, Action.PAUSE_END):
            w._belt.zero_incline_when_stopped = True
            w._end_only = w._end_only or action is Action.PAUSE_END
            w._outcome = Outcome.RED
            w._walk.enter(State.PAUSED, "red pain answer", pause=PauseReason.RED)
            if w._end_only or w._resume_easy_used:
                w._say("The belt is stopping. The walk can only end now: press E.")
            else:
                w._say("The belt is stopping. E ends the walk, or R resumes easy.")
        elif action is Action.COOLDOWN:
            w._outcome = Outcome.COOLDOWN_EARLY
            w._say("Amber again: cooling down now.")
            w._go_cooldown("amber again")
            w._breaks.checked()
        elif action is Action.REDUCE:
            self.reduce_load()
            w._dialogue.checks.recheck_at = w._prog + w._policy.amber_recheck_s
            w._breaks.checked()
        elif action is Action.HOLD:
            w._load.hold(*w._belt.commanded())
            w._breaks.checked()
        else:
            w._load.release_hold()
            if was_slow:
                w._dialogue.offer_return()
            w._breaks.checked()

    def reduce_load(self) -> None:
        w = self._w
        what = w._load.reduce(
            w._belt.speed_ramp,
            w._belt.incline_ramp,
            incline_ok=w._belt.incline_ok,
            cfg=w._cfg,
        )
        load = w._load
        cap = load.amber_incline_cap if what == "incline" else load.amber_speed_cap
        w._emit(LoadReduced(what=what, cap=cap))
        w._cancel_increases()

    def red_flag_stop(self, why: str) -> None:
        w = self._w
        if w._walk.state in (State.RED_FLAG, State.FINISHED):
            return
        w._outcome = Outcome.RED_FLAG
        w._belt.zero_incline_when_stopped = True
        w._red_flag_shown = True
        w._walk.enter(State.RED_FLAG, why)
        w._say("Stop walking. Read the red-flag advice; the programme is locked.", "danger")

    def on_acknowledge(self) -> None:
        w = self._w
        if w._walk.state is State.RED_FLAG:
            w._emit(WalkerAction(action="acknowledge_red_flag"))
            w._red_flag_ack = True
            if not w.stop_owed:
                w._finish("red flag acknowledged")

    def on_post_walk(self, answer: PostWalkAnswer) -> None:
        w = self._w
        if w._walk.state is not State.POST_WALK:
            return
        w._post_walk = answer
        zone: Zone | None = None
        dialogue = w._dialogue
        if 0 <= answer.nrs <= 10:
            baseline = dialogue.baseline if dialogue.baseline is not None else 0
            zone = zone_of(PainAnswer(answer.nrs, answer.legs), baseline, dialogue.thresholds)
        w._emit(
            PostWalkAnswered(
                nrs=answer.nrs,
                rpe=answer.rpe,
                note=answer.note,
                legs=str(answer.legs),
                zone=None if zone is None else str(zone),
            )
        )
        if answer.legs in STOP_LEGS:
            # same zones as in the walk (§3.4): the belt is already stopped; show the
            # red-flag text and lock until acknowledged
            self.red_flag_stop("post-walk leg symptoms")
            return
        if 0 <= answer.nrs <= 10:
            w._advice = post_walk_advice(answer.nrs, dialogue.baseline, dialogue.thresholds)
        if w._advice is not None:
            w._emit(PostWalkAdvice(text=w._advice))
            w._say(w._advice)
        w._finish("post-walk questions answered")

    def prompt_timers(self) -> None:
        w = self._w
        step = w._dialogue.tick(walking=w._walk.state in WALKING_STATES)
        if step is NoAnswer.PAUSE:
            w._outcome = Outcome.NO_ANSWER if w._outcome == Outcome.IN_PROGRESS else w._outcome
            w._pause(PauseReason.NO_ANSWER, "no answer to the pain check")
            w._say("Paused - no answer. Answer the check, then resume.")

    def walking_checks(self) -> None:
        w = self._w
        easy = w._resume_easy
        w._dialogue.walking_checks(
            in_main=w._walk.state is State.MAIN or easy,
            interval_s=w._cfg.resume_easy_check_s if easy else w._policy.interval_s,
        )
