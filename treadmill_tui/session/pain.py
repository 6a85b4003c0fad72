"""The pain-check decision table (docs/walking.md §3.3) as pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LegSymptom(StrEnum):
    NONE = "none"
    SPREADING = "a"  # pain spreading into / worse in a leg
    ONE_LEG = "b"  # numbness, tingling or weakness in one leg
    BOTH_LEGS = "c"  # in both legs, or legs giving way
    SADDLE = "d"  # genital/bottom numbness, bladder or bowel change


class Zone(StrEnum):
    STOP = "stop"
    RED = "red"
    AMBER = "amber"
    GREEN_HOLD = "green_hold"
    GREEN = "green"


class Action(StrEnum):
    CONTINUE = "continue"  # follow the plan
    HOLD = "hold"  # no change, skip increases
    REDUCE = "reduce"  # incline -0.5 %, else speed -0.3 km/h and metronome -5 %
    COOLDOWN = "cooldown"  # go to cool-down now
    PAUSE = "pause"  # controlled pause; offer end / resume easy
    PAUSE_END = "pause_end"  # controlled pause; the session can only end
    STOP = "stop"  # controlled stop; red-flag text; locked


STOP_LEGS = frozenset({LegSymptom.ONE_LEG, LegSymptom.BOTH_LEGS, LegSymptom.SADDLE})


@dataclass(frozen=True, slots=True)
class PainAnswer:
    """One answer to a pain check: NRS 0-10, the leg question, and the optional S/W keys."""

    nrs: int
    legs: LegSymptom = LegSymptom.NONE
    sharp: bool = False
    gait: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.nrs <= 10:
            raise ValueError(f"pain score must be 0-10, got {self.nrs}")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Zone edges (docs/walking.md §3.3); a profile may only make them stricter."""

    red_at: int = 6
    red_rise: int = 4
    amber_rise: int = 2
    amber_at: int = 4


@dataclass(frozen=True, slots=True)
class PainHistory:
    """What the table needs to know about earlier checks in this session."""

    last_zone: Zone | None = None  # zone of the previous in-walk check
    amber_count: int = 0  # ambers so far this session
    in_cooldown: bool = False
    resume_easy: bool = False  # walking in "resume easy" mode


@dataclass(frozen=True, slots=True)
class Decision:
    zone: Zone
    action: Action


DEFAULT_THRESHOLDS = Thresholds()


def zone_of(answer: PainAnswer, baseline: int, th: Thresholds = DEFAULT_THRESHOLDS) -> Zone:
    """Rows 1-5 of the decision table, first match wins."""
    if answer.legs in STOP_LEGS:
        return Zone.STOP
    nrs = answer.nrs
    if (
        nrs >= th.red_at
        or nrs >= baseline + th.red_rise
        or answer.sharp
        or answer.gait
        or answer.legs is LegSymptom.SPREADING
    ):
        return Zone.RED
    if nrs >= baseline + th.amber_rise or (nrs >= th.amber_at and nrs > baseline):
        return Zone.AMBER
    if nrs >= th.amber_at:
        return Zone.GREEN_HOLD
    return Zone.GREEN


def decide(
    answer: PainAnswer,
    baseline: int,
    history: PainHistory,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Decision:
    """The zone and what the engine does about it, including the two-amber rule."""
    zone = zone_of(answer, baseline, thresholds)
    if zone is Zone.STOP:
        return Decision(zone, Action.STOP)
    if zone is Zone.RED:
        no_resume = history.in_cooldown or history.resume_easy
        return Decision(zone, Action.PAUSE_END if no_resume else Action.PAUSE)
    if zone is Zone.AMBER:
        if history.in_cooldown:
            return Decision(zone, Action.HOLD)
        if history.resume_easy or history.last_zone is Zone.AMBER or history.amber_count + 1 >= 3:
            return Decision(zone, Action.COOLDOWN)
        return Decision(zone, Action.REDUCE)
    if zone is Zone.GREEN_HOLD:
        return Decision(zone, Action.HOLD)
    return Decision(zone, Action.CONTINUE)


POST_WALK_ADVICE = (
    "This should ease within about an hour; tomorrow morning shows if today was too much."
)


def post_walk_advice(
    nrs: int, baseline: int | None, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> str | None:
    """§3.4: after the walk, NRS > 5 or >= B+2 earns a word of reassurance.

    With the default thresholds ``red_at`` (6) is "> 5" and ``amber_rise`` (2) is "B+2"; a
    stricter profile shows the advice sooner. Without a baseline only the absolute rule applies.
    """
    if nrs >= thresholds.red_at:
        return POST_WALK_ADVICE
    if baseline is not None and nrs >= baseline + thresholds.amber_rise:
        return POST_WALK_ADVICE
    return None


class GateResult(StrEnum):
    WALK = "walk"
    REST = "rest"  # no walk today
    STOP = "stop"  # red-flag screen


def prewalk_gate(
    answer: PainAnswer, red_flag: bool = False, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> GateResult:
    """The pre-walk gate (§3.2): B >= 6 or leg (a) means rest; leg (b)-(d) means STOP."""
    if red_flag or answer.legs in STOP_LEGS:
        return GateResult.STOP
    if answer.nrs >= thresholds.red_at or answer.legs is LegSymptom.SPREADING:
        return GateResult.REST
    return GateResult.WALK
