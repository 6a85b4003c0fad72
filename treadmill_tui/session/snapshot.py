"""A frozen picture of the session for the dashboard (rendered at ~4 Hz) and the history store."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from treadmill_tui.session.states import BreakStage, Outcome, PauseReason, State


@dataclass(frozen=True, slots=True)
class PromptView:
    kind: str  # "baseline" | "check" | "post_walk"
    trigger: str  # "scheduled", "after_increase", "amber_recheck", "pain_key", "break_end", ...
    since: float  # session-clock seconds
    repeats: int
    dismissable: bool = False  # a pain-key check the walker may close unanswered (Escape)


@dataclass(frozen=True, slots=True)
class ExerciseView:
    name: str
    cue: str
    side: str | None  # "left" | "right" | None
    rep: int  # 1-based
    reps: int
    hold_s: float
    hold_remaining_s: float
    index: int  # hold number in this break, 0-based
    count: int  # holds in this break
    # the exercise waits for the walker's Ready (docs/walking.md §4): until then no countdown
    awaiting_ready: bool = False
    ready_in_s: float = 0.0  # seconds until Ready counts (time to step off and get down)
    off_belt: bool = False  # done off the treadmill (floor, chair, step)


@dataclass(frozen=True, slots=True)
class BreakOfferView:
    """An offered exercise break waiting for the walker's take or skip (docs/walking.md §4.1)."""

    number: int  # 1-based offer number this walk
    exercise: str
    since: float  # session-clock seconds
    wait_s: float  # no answer by since + wait_s -> skipped


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    t: float
    state: State
    phase: str | None
    pause_reason: PauseReason | None
    break_stage: BreakStage | None
    segment_index: int | None
    segment_name: str | None
    prog_t: float
    duration_s: float
    remaining_s: float
    active_s: float
    target_speed_kmh: float | None
    actual_speed_kmh: float | None
    target_incline_pct: float | None
    actual_incline_pct: float | None
    cadence_spm: float | None
    metronome_spm: float | None
    distance_m: float
    elevation_gain_m: float
    est_steps: int
    baseline: int | None
    prompt: PromptView | None
    exercise: ExerciseView | None
    messages: tuple[str, ...]
    options: tuple[str, ...]  # walker actions that make sense now, e.g. ("resume", "end")
    locked: bool
    red_flag_text: str | None
    speed_control: bool
    incline_control: bool
    connected: bool
    outcome: Outcome
    break_offer: BreakOfferView | None = None  # an offered break awaiting take / skip
    # telemetry confirms 0 km/h and no stop is owed (the engine's one threshold)
    belt_stopped: bool = False
    # a stop is owed and not confirmed in time: the walker must use the console or safety key
    stop_warning: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
