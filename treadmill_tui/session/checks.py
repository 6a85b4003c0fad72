"""Pain-check replies applied to the walk.

The dialogue part (:mod:`~treadmill_tui.session.dialogue`) says what an answer or a silence
means; this applies it to the walk: amber reduces the load (or cools down when amber again),
red pauses (resume easy or end), leg or red-flag symptoms stop the belt and lock the programme,
the baseline gate, the no-answer pause (§3.5) and the post-walk answer.
"""

from __future__ import annotations

from typing import assert_never

from treadmill_tui.session.dialogue import BaselineReply, CheckReply, Ignored, PostWalkReply
from treadmill_tui.session.engine_core import EngineCore
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

# the final stop is under way or done: a red answer changes nothing any more
STOPPING_OVER = frozenset({State.STOPPING, State.POST_WALK})


class PainChecks(EngineCore):
    """Applies the dialogue's replies to the walk (a part of :class:`Engine`)."""

    def _on_answer(self, answer: PainAnswer) -> None:
        match self._dialogue.answer(answer):
            case Ignored():
                pass
            case PostWalkReply(answer=post):
                self._on_post_walk(post)
            case BaselineReply(gate=gate):
                self._on_baseline(gate)
            case CheckReply(decision=decision, was_slow=was_slow):
                self._apply_decision(decision, was_slow=was_slow)
            case other:
                assert_never(other)

    def _on_baseline(self, gate: GateResult) -> None:
        if gate is GateResult.STOP:
            self._red_flag_stop("pre-walk leg symptoms")
        elif gate is GateResult.REST:
            self._say("No walk today: rest; gentle movement at home is fine.")
            self._outcome = Outcome.REST
            self._finish("pre-walk pain too high")
        else:
            self._enter(State.WAITING_START, "baseline recorded")

    def _apply_decision(self, decision: Decision, *, was_slow: bool) -> None:
        action = decision.action
        if action is Action.STOP:
            self._red_flag_stop("leg or red-flag symptoms")
        elif action in (Action.PAUSE, Action.PAUSE_END) and self._state in STOPPING_OVER:
            pass  # the walk is already being ended: the answer is logged, the stop stands
        elif action in (Action.PAUSE, Action.PAUSE_END):
            self._belt.zero_incline_when_stopped = True
            self._end_only = self._end_only or action is Action.PAUSE_END
            self._outcome = Outcome.RED
            self._enter(State.PAUSED, "red pain answer", pause=PauseReason.RED)
            self._say("Red answer: the belt is stopping. End the walk, or resume easy.")
        elif action is Action.COOLDOWN:
            self._outcome = Outcome.COOLDOWN_EARLY
            self._say("Amber again: cooling down now.")
            self._go_cooldown("amber again")
            self._breaks.checked()
        elif action is Action.REDUCE:
            self._reduce_load()
            self._dialogue.checks.recheck_at = self._prog + self._policy.amber_recheck_s
            self._breaks.checked()
        elif action is Action.HOLD:
            self._load.hold(*self._belt.commanded())
            self._breaks.checked()
        else:
            self._load.release_hold()
            if was_slow:
                self._dialogue.offer_return()
            self._breaks.checked()

    def _reduce_load(self) -> None:
        what = self._load.reduce(
            self._belt.speed_ramp,
            self._belt.incline_ramp,
            incline_ok=self._belt.incline_ok,
            cfg=self._cfg,
        )
        load = self._load
        cap = load.amber_incline_cap if what == "incline" else load.amber_speed_cap
        self._emit(LoadReduced(what=what, cap=cap))
        self._cancel_increases()

    def _red_flag_stop(self, why: str) -> None:
        if self._state in (State.RED_FLAG, State.FINISHED):
            return
        self._outcome = Outcome.RED_FLAG
        self._belt.zero_incline_when_stopped = True
        self._red_flag_shown = True
        self._enter(State.RED_FLAG, why)
        self._say("Stop walking. Read the red-flag advice; the programme is locked.", "danger")

    def _on_acknowledge(self) -> None:
        if self._state is State.RED_FLAG:
            self._emit(WalkerAction(action="acknowledge_red_flag"))
            self._red_flag_ack = True
            if not self.stop_owed:
                self._finish("red flag acknowledged")

    def _on_post_walk(self, answer: PostWalkAnswer) -> None:
        if self._state is not State.POST_WALK:
            return
        self._post_walk = answer
        zone: Zone | None = None
        dialogue = self._dialogue
        if 0 <= answer.nrs <= 10:
            baseline = dialogue.baseline if dialogue.baseline is not None else 0
            zone = zone_of(PainAnswer(answer.nrs, answer.legs), baseline, dialogue.thresholds)
        self._emit(
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
            self._red_flag_stop("post-walk leg symptoms")
            return
        if 0 <= answer.nrs <= 10:
            self._advice = post_walk_advice(answer.nrs, dialogue.baseline, dialogue.thresholds)
        if self._advice is not None:
            self._emit(PostWalkAdvice(text=self._advice))
            self._say(self._advice)
        self._finish("post-walk questions answered")

    def _prompt_timers(self) -> None:
        step = self._dialogue.tick(walking=self._state in WALKING_STATES)
        if step is NoAnswer.PAUSE:
            self._outcome = (
                Outcome.NO_ANSWER if self._outcome == Outcome.IN_PROGRESS else self._outcome
            )
            self._pause(PauseReason.NO_ANSWER, "no answer to the pain check")
            self._say("Paused - no answer. Answer the check, then resume.")

    def _walking_checks(self) -> None:
        easy = self._resume_easy
        self._dialogue.walking_checks(
            in_main=self._state is State.MAIN or easy,
            interval_s=self._cfg.resume_easy_check_s if easy else self._policy.interval_s,
        )
