"""Pain-check answers: the decision table applied to the walk, and the pain records.

``pain.decide`` says what an answer means; this applies it: amber reduces the load (or cools
down when amber again), red pauses (resume easy or end), leg or red-flag symptoms stop the belt
and lock the programme. Also the baseline gate, the no-answer ladder, late answers (§3.5), the
post-walk answer and dismissing a pain-key prompt.
"""

from __future__ import annotations

from treadmill_tui.session.engine_core import MSG_ANSWER_FIRST, MSG_RETURN_OFFER, EngineCore
from treadmill_tui.session.events import (
    BreakStageChanged,
    DismissRefused,
    LoadReduced,
    NoAnswerCleared,
    NoAnswerSlowdown,
    PainAnswered,
    PostWalkAdvice,
    PostWalkAnswered,
    PromptDismissed,
    PromptRepeated,
    ReturnOffered,
    WalkerAction,
)
from treadmill_tui.session.inputs import PostWalkAnswer
from treadmill_tui.session.pain import (
    STOP_LEGS,
    Action,
    Decision,
    GateResult,
    PainAnswer,
    PainHistory,
    Zone,
    decide,
    post_walk_advice,
    prewalk_gate,
    zone_of,
)
from treadmill_tui.session.prompts import (
    NoAnswer,
    PendingPrompt,
    may_dismiss,
    no_answer_step,
    repeat_due,
)
from treadmill_tui.session.states import WALKING_STATES, BreakStage, Outcome, PauseReason, State
from treadmill_tui.session.summary import PainRecord

# the final stop is under way or done: a red answer changes nothing any more
STOPPING_OVER = frozenset({State.STOPPING, State.POST_WALK})


class PainChecks(EngineCore):
    """Pain-check handling of the engine (a part of :class:`Engine`)."""

    def _history(self) -> PainHistory:
        return PainHistory(
            last_zone=self._last_zone,
            amber_count=self._amber_count,
            in_cooldown=self._state is State.COOLDOWN
            or self._cooldown_forced
            or (self._cooldown_start is not None and self._prog >= self._cooldown_start),
            resume_easy=self._resume_easy,
        )

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
            self._outcome = Outcome.REST
            self._finish("pre-walk pain too high")
        else:
            self._enter(State.WAITING_START, "baseline recorded")

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
            PainAnswered(
                nrs=answer.nrs,
                legs=str(answer.legs),
                sharp=answer.sharp,
                gait=answer.gait,
                zone=str(decision.zone),
                action=str(decision.action),
                trigger=rec.trigger,
                baseline=self._baseline,
            )
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
        elif action in (Action.PAUSE, Action.PAUSE_END) and self._state in STOPPING_OVER:
            pass  # the walk is already being ended: the answer is logged, the stop stands
        elif action in (Action.PAUSE, Action.PAUSE_END):
            self._zero_incline_when_stopped = True
            self._end_only = self._end_only or action is Action.PAUSE_END
            self._outcome = Outcome.RED
            self._enter(State.PAUSED, "red pain answer", pause=PauseReason.RED)
            if self._end_only or self._resume_easy_used:
                self._say("The belt is stopping. The walk can only end now: press E.")
            else:
                self._say("The belt is stopping. E ends the walk, or R resumes easy.")
        elif action is Action.COOLDOWN:
            self._outcome = Outcome.COOLDOWN_EARLY
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
        self._emit(ReturnOffered())
        if self._state in WALKING_STATES:
            self._say(MSG_RETURN_OFFER)

    def _on_return_to_plan(self) -> None:
        """Lift the no-answer slow-down; the ramps pace the rise, a check follows it."""
        self._emit(WalkerAction(action="return_to_plan"))
        if not (self._return_offered and self._no_answer_slow):
            return
        if self._state not in WALKING_STATES:
            return
        self._return_offered = False
        self._no_answer_slow = False
        self._emit(NoAnswerCleared(reason="walker returned to the plan"))
        if not self._resume_easy:
            self._checks.after_increase(self._prog, self._policy.after_increase_s)
        self._say("Back to the planned pace, gently.")

    def _after_check_in_break(self) -> None:
        if self._state is State.BREAK and self._break_stage is BreakStage.CHECK:
            self._break_stage = BreakStage.AWAIT_RESUME
            self._emit(BreakStageChanged(stage=str(BreakStage.AWAIT_RESUME)))

    def _reduce_load(self) -> None:
        what = self._load.reduce(
            self._speed_ramp, self._incline_ramp, incline_ok=self._incline_ok, cfg=self._cfg
        )
        load = self._load
        cap = load.amber_incline_cap if what == "incline" else load.amber_speed_cap
        self._emit(LoadReduced(what=what, cap=cap))
        self._cancel_increases()

    def _red_flag_stop(self, why: str) -> None:
        if self._state in (State.RED_FLAG, State.FINISHED):
            return
        self._outcome = Outcome.RED_FLAG
        self._zero_incline_when_stopped = True
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
        if 0 <= answer.nrs <= 10:
            baseline = self._baseline if self._baseline is not None else 0
            zone = zone_of(PainAnswer(answer.nrs, answer.legs), baseline, self._thresholds)
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
            self._advice = post_walk_advice(answer.nrs, self._baseline, self._thresholds)
        if self._advice is not None:
            self._emit(PostWalkAdvice(text=self._advice))
            self._say(self._advice)
        self._finish("post-walk questions answered")

    def _on_dismiss(self) -> None:
        p = self._prompt
        if p is None:
            return
        if not may_dismiss(p):
            self._emit(DismissRefused(kind=p.kind, trigger=p.trigger))
            self._say(MSG_ANSWER_FIRST)
            return
        self._prompt = None
        self._emit(PromptDismissed(trigger=p.trigger, after_s=round(self._now - p.since, 3)))

    def _prompt_timers(self) -> None:
        p = self._prompt
        if p is None or p.kind != "check":
            return
        elapsed = self._now - p.since
        if repeat_due(elapsed, self._policy, p.repeats):
            p.repeats += 1
            self._emit(PromptRepeated(repeats=p.repeats, trigger=p.trigger))
        if self._state not in WALKING_STATES:
            return
        step = no_answer_step(elapsed, self._policy, slowed=self._no_answer_slow)
        if step is NoAnswer.PAUSE:
            self._outcome = (
                Outcome.NO_ANSWER if self._outcome == Outcome.IN_PROGRESS else self._outcome
            )
            self._pause(PauseReason.NO_ANSWER, "no answer to the pain check")
            self._say("Paused - no answer. Answer the check, then resume.")
        elif step is NoAnswer.SLOW:
            self._no_answer_slow = True
            p.slowed = True
            self._emit(NoAnswerSlowdown())
            self._say("No answer: slowing to warm-up speed.")

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
