"""Pain-check prompts: the pending prompt, when planned checks fall due, the no-answer ladder.

The engine owns the session; these pieces only answer "is a check due, and why?" and
"how long has this prompt gone unanswered, and what does that call for?" (docs/walking.md §3.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from treadmill_tui.session.check_times import MIN_SPACING_S, settled_times
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


def _settled(timeline: TimelineLike, times: list[float]) -> list[float]:
    """When each rise beginning at ``times`` has been carried out by the rate-limited targets
    (a compiled timeline has the tracks; a hand-made one without them keeps the times)."""
    tracks = [getattr(timeline, name, None) for name in ("speed_track", "incline_track")]
    tracks += [getattr(timeline, "cadence_track", None)]
    present = [t for t in tracks if t is not None and hasattr(t, "pieces")]
    return settled_times(times, present) if present else list(times)


def planned_checks(timeline: TimelineLike) -> list[float]:
    """Programme times of the checks the plan asks for: a minute after each increase has been
    carried out (and after warm-up -> main), and at explicit pain-check points and segments."""
    after = timeline.pain_policy.after_increase_s
    rises = list(timeline.increase_times)
    for seg in timeline.segments:
        if str(seg.phase) == "main" and seg.start_s > 0:
            prev = [s for s in timeline.segments if s.end_s <= seg.start_s]
            if prev and str(prev[-1].phase) == "warmup":
                rises.append(seg.start_s)  # warm-up -> main counts
    times = {round(t + after, 3) for t in _settled(timeline, sorted(set(rises)))}
    times.update(planned_points(timeline))
    return sorted(times)


def planned_points(timeline: TimelineLike) -> frozenset[float]:
    """The explicit pain-check points of the plan (their checks are titled "planned")."""
    points = {round(t, 3) for t in timeline.pain_check_times}
    points.update(round(s.start_s, 3) for s in timeline.segments if s.kind == "pain_check")
    return frozenset(points)


@dataclass
class CheckSchedule:
    """When the next in-walk check is due, in programme time."""

    due: list[float] = field(default_factory=list)  # sorted "after increase" times still ahead
    recheck_at: float | None = None  # amber re-check
    last_check_prog: float = 0.0  # the regular interval runs from here
    entered_main: bool = False
    points: frozenset[float] = frozenset()  # due times that are the plan's own check points
    opened_at: float | None = None  # programme time the last in-walk check opened

    def opened(self, prog: float) -> None:
        """A check opened now (any trigger): planned ones keep their distance from it."""
        self.opened_at = prog

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
        if in_main and not self.entered_main:
            self.entered_main = True
            self.last_check_prog = prog
        if self.opened_at is not None and prog - self.opened_at < MIN_SPACING_S - 1e-9:
            return None  # never two checks within the minimum spacing: what is due waits
        due = False
        trigger = ""
        while self.due and self.due[0] <= prog + 1e-9:
            at = self.due.pop(0)
            due = True
            trigger = "planned" if round(at, 3) in self.points else "after_increase"
        if self.recheck_at is not None and prog >= self.recheck_at:
            self.recheck_at = None
            due, trigger = True, "amber_recheck"
        if in_main and prog - self.last_check_prog >= interval_s:
            due, trigger = True, trigger or "scheduled"
        if not due:
            return None
        if not prompt_pending:
            self.last_check_prog = prog  # the interval restarts from the prompt too
        return trigger
