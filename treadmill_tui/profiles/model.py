"""The validated profile: frozen value objects, all in km/h, %, spm, seconds and metres."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

# speed km/h = cadence spm × step length m × 0.06
KMH_PER_SPM_M = 0.06
MAX_TOTAL_S = 3 * 3600.0


class Phase(StrEnum):
    """What part of the walk a moment belongs to."""

    WARMUP = "warmup"
    MAIN = "main"
    COOLDOWN = "cooldown"
    BREAK = "break"


SEGMENT_KINDS = ("warmup", "walk", "cooldown", "break", "pain_check")
WALKING_KINDS = frozenset({"warmup", "walk", "cooldown"})
PHASE_OF_KIND = {
    "warmup": Phase.WARMUP,
    "walk": Phase.MAIN,
    "cooldown": Phase.COOLDOWN,
    "break": Phase.BREAK,
}


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits; defaults from docs/walking.md §2, overridable per profile within HARD_BOUNDS.

    Rates are per second. The ``*_down_*`` rates govern decreases (docs/walking.md §2.3 asks for
    immediate incline decreases; 0.5 % per 10 s is quick but still gentle on the motor).
    """

    speed_min_kmh: float = 1.0
    speed_max_kmh: float = 6.0
    incline_min_pct: float = 0.0
    incline_max_pct: float = 6.0
    speed_rate_kmh_per_s: float = 0.1 / 5
    incline_rate_pct_per_s: float = 0.5 / 120
    cadence_min_spm: float = 70.0
    cadence_max_spm: float = 130.0
    step_length_min_m: float = 0.35
    step_length_max_m: float = 0.85
    speed_down_rate_kmh_per_s: float = 0.1 / 5
    incline_down_rate_pct_per_s: float = 0.5 / 10
    cadence_rate_spm_per_s: float = 2.0 / 30


@dataclass(frozen=True, slots=True)
class Bound:
    """The range a profile may move a limit within."""

    low: float
    high: float


# Hard bounds for per-profile overrides (Eng, documented in docs/profiles.md).
HARD_BOUNDS: dict[str, Bound] = {
    "speed_min_kmh": Bound(0.5, 6.0),
    "speed_max_kmh": Bound(1.0, 7.0),
    "incline_max_pct": Bound(0.0, 10.0),
    "speed_rate_kmh_per_s": Bound(0.001, 0.2 / 5),
    "speed_down_rate_kmh_per_s": Bound(0.001, 0.5),
    "incline_rate_pct_per_s": Bound(0.0001, 0.5 / 60),
    "incline_down_rate_pct_per_s": Bound(0.0001, 0.5),
    "cadence_min_spm": Bound(60.0, 130.0),
    "cadence_max_spm": Bound(70.0, 130.0),
    "cadence_rate_spm_per_s": Bound(0.001, 0.2),
}


@dataclass(frozen=True, slots=True)
class PainPolicy:
    """When pain checks happen and where the zones start (docs/walking.md §2.5, §3.3, §3.5).

    Thresholds may only be made stricter (lower) than the defaults.
    """

    interval_s: float = 300.0
    after_increase_s: float = 60.0
    amber_recheck_s: float = 120.0
    prompt_repeat_s: float = 30.0
    no_answer_slowdown_s: float = 60.0
    no_answer_pause_s: float = 180.0
    red_at: int = 6
    red_rise: int = 4
    amber_rise: int = 2
    amber_at: int = 4


@dataclass(frozen=True, slots=True)
class BreakPolicy:
    """Exercise-break rules (docs/walking.md §4.1); offered breaks are scheduled by the engine."""

    offer: bool = True
    from_session: int = 3
    first_after_s: float = 600.0
    every_s: float = 600.0
    max_per_session: int = 3
    offer_wait_s: float = 15.0
    max_stop_s: float = 120.0
    restart_warmup_after_s: float = 300.0
    transition_s: float = 10.0


@dataclass(frozen=True, slots=True)
class MetronomeSettings:
    """Metronome: one click per step; ``accent`` stresses alternate steps; volume 0–1."""

    enabled: bool = True
    accent: bool = False
    volume: float = 0.6


@dataclass(frozen=True, slots=True)
class Constant:
    """The same value for the whole segment."""

    value: float


@dataclass(frozen=True, slots=True)
class Ramp:
    """A straight line from ``start`` to ``end`` across the segment."""

    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Steps:
    """Start at ``start``; every ``every_s`` add ``step``, never above ``maximum``."""

    start: float
    step: float
    every_s: float
    maximum: float

    def step_times(self, duration_s: float) -> list[tuple[float, float]]:
        """(offset from segment start, new value) for each step that fits in the segment."""
        return list(_step_times(self, duration_s))


@lru_cache(maxsize=128)
def _step_times(steps: Steps, duration_s: float) -> tuple[tuple[float, float], ...]:
    """Checking and compiling ask for the same steps several times; work them out once."""
    out: list[tuple[float, float]] = []
    k = 1
    while k * steps.every_s < duration_s - 1e-9:
        value = steps.start + k * steps.step
        if value > steps.maximum + 1e-9:
            break
        out.append((k * steps.every_s, min(value, steps.maximum)))
        k += 1
    return tuple(out)


Target = Constant | Ramp | Steps


def target_first(target: Target) -> float:
    """The value at the start of the segment."""
    if isinstance(target, Constant):
        return target.value
    return target.start


def target_last(target: Target, duration_s: float) -> float:
    """The value at the end of the segment."""
    if isinstance(target, Constant):
        return target.value
    if isinstance(target, Ramp):
        return target.end
    steps = target.step_times(duration_s)
    return steps[-1][1] if steps else target.start


def target_pieces(target: Target, duration_s: float) -> list[tuple[float, float, float, float]]:
    """Linear pieces (t0, t1, v0, v1) relative to the segment start; jumps between pieces."""
    if isinstance(target, Constant):
        return [(0.0, duration_s, target.value, target.value)]
    if isinstance(target, Ramp):
        return [(0.0, duration_s, target.start, target.end)]
    pieces: list[tuple[float, float, float, float]] = []
    t, v = 0.0, target.start
    for at, value in target.step_times(duration_s):
        pieces.append((t, at, v, v))
        t, v = at, value
    pieces.append((t, duration_s, v, v))
    return pieces


@dataclass(frozen=True, slots=True)
class ExerciseStep:
    """One exercise in a break with its dose; ``hold_s`` is the time of each rep."""

    exercise_id: str
    name: str
    cue: str
    hold_s: float
    reps: int
    per_side: bool

    @property
    def duration_s(self) -> float:
        """Time under the exercise: hold × reps × sides."""
        return self.hold_s * self.reps * (2 if self.per_side else 1)


@dataclass(frozen=True, slots=True)
class Segment:
    """One entry of ``[[segments]]`` as validated.

    ``speed`` is None for cadence-led segments (speed follows cadence × step length) and for
    breaks and pain checks. ``duration_s`` of a break is its nominal time; pain checks take 0.
    """

    index: int
    kind: str
    name: str
    duration_s: float
    speed: Target | None = None
    incline: Target | None = None
    cadence: Target | None = None
    exercises: tuple[ExerciseStep, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """A validated walk profile."""

    name: str
    description: str
    segments: tuple[Segment, ...]
    step_length_m: float | None = None
    limits: Limits = field(default_factory=Limits)
    pain_policy: PainPolicy = field(default_factory=PainPolicy)
    break_policy: BreakPolicy = field(default_factory=BreakPolicy)
    metronome: MetronomeSettings = field(default_factory=MetronomeSettings)
    source: str = "<string>"
