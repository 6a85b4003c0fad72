"""Pain-check prompts: the pending prompt, when planned checks fall due, the no-answer ladder.

The engine owns the session; these pieces only answer "is a check due, and why?" and
"how long has this prompt gone unanswered, and what does that call for?" (docs/walking.md §3.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from treadmill_tui.session.timeline import PainPolicyLike, TimelineLike


@dataclass
class PendingPrompt:
    """A question on screen: a baseline, an in-walk check or the post-walk questions."""

    kind: str
    trigger: str
    since: float
    prog_since: float
    repeats: int = 0
    slowed: bool = False
    speed_before: float | None = None
    incline_before: float | None = None
    dismissable: bool = False  # walker-opened (pain key) and nothing merged into it


def may_dismiss(p: PendingPrompt) -> bool:
    """Only the walker's own pain-key check, before it has slowed the belt (§3.5)."""
    return p.dismissable and not p.slowed


class NoAnswer(StrEnum):
    """The rung of the no-answer ladder an unanswered in-walk check has reached."""

    WAIT = "wait"
    SLOW = "slow"  # slow to warm-up speed (once)
    PAUSE = "pause"  # controlled pause


def no_answer_step(elapsed_s: float, policy: PainPolicyLike, *, slowed: bool) -> NoAnswer:
    if elapsed_s >= policy.no_answer_pause_s:
        return NoAnswer.PAUSE
    if elapsed_s >= policy.no_answer_slowdown_s and not slowed:
        return NoAnswer.SLOW
    return NoAnswer.WAIT


def repeat_due(elapsed_s: float, policy: PainPolicyLike, repeats: int) -> bool:
    """The prompt is shown again (and sounded) every ``prompt_repeat_s`` unanswered."""
    return elapsed_s >= policy.prompt_repeat_s * (repeats + 1)


def planned_checks(timeline: TimelineLike) -> list[float]:
    """Programme times of the checks the plan asks for: after each increase (and warm-up ->
    main), and at explicit pain-check points and segments."""
    after = timeline.pain_policy.after_increase_s
    times = {round(t + after, 3) for t in timeline.increase_times}
    times.update(round(t, 3) for t in timeline.pain_check_times)
    for seg in timeline.segments:
        if seg.kind == "pain_check":
            times.add(round(seg.start_s, 3))
        if str(seg.phase) == "main" and seg.start_s > 0:
            prev = [s for s in timeline.segments if s.end_s <= seg.start_s]
            if prev and str(prev[-1].phase) == "warmup":
                times.add(round(seg.start_s + after, 3))  # warm-up -> main counts
    return sorted(times)


@dataclass
class CheckSchedule:
    """When the next in-walk check is due, in programme time."""

    due: list[float] = field(default_factory=list)  # sorted "after increase" times still ahead
    recheck_at: float | None = None  # amber re-check
    last_check_prog: float = 0.0  # the regular interval runs from here
    entered_main: bool = False

    def after_increase(self, prog: float, after_s: float) -> None:
        """An increase happened now (override, end of a re-warm-up): check ``after_s`` later."""
        self.due.append(prog + after_s)
        self.due.sort()

    def skip_to(self, prog: float) -> None:
        """Programme time jumped: the increases jumped over never happened."""
        self.due = [t for t in self.due if t > prog + 1e-9]

    def next_trigger(
        self, prog: float, *, in_main: bool, interval_s: float, prompt_pending: bool
    ) -> str | None:
        """The trigger of a check due at ``prog``, if any (consuming what it answers)."""
        due = False
        trigger = ""
        while self.due and self.due[0] <= prog + 1e-9:
            self.due.pop(0)
            due, trigger = True, "after_increase"
        if self.recheck_at is not None and prog >= self.recheck_at:
            self.recheck_at = None
            due, trigger = True, "amber_recheck"
        if in_main and not self.entered_main:
            self.entered_main = True
            self.last_check_prog = prog
        if in_main and prog - self.last_check_prog >= interval_s:
            due, trigger = True, trigger or "scheduled"
        if not due:
            return None
        if not prompt_pending:
            self.last_check_prog = prog  # the interval restarts from the prompt too
        return trigger
