"""What a walk leaves behind: the pain log and the summary, for the UI and the history store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from treadmill_tui.session.inputs import PostWalkAnswer
from treadmill_tui.session.states import Outcome
from treadmill_tui.session.stats import Stats


@dataclass(frozen=True, slots=True)
class PainRecord:
    """One answered (or stopped) check, for the pain log (docs/walking.md §3.7)."""

    t: float
    prog_t: float
    phase: str | None
    trigger: str
    nrs: int | None
    baseline: int | None
    legs: str
    sharp: bool
    gait: bool
    zone: str
    action: str
    speed_before: float | None
    incline_before: float | None
    latency_s: float | None
    repeats: int

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass(frozen=True, slots=True)
class SessionSummary:
    duration_s: float  # session clock from the walker's first start to the end
    programme_s: float  # programme time reached
    active_s: float
    distance_m: float
    elevation_gain_m: float
    est_steps: int
    max_speed_kmh: float
    max_incline_pct: float
    baseline: int | None
    pain_readings: tuple[PainRecord, ...]
    post_walk_nrs: int | None
    rpe: int | None
    note: str
    outcome: Outcome
    post_walk_legs: str | None = None  # LegSymptom value of the post-walk leg question
    advice: str | None = None  # §3.4 post-walk advice shown to the walker, if any

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration_s": round(self.duration_s, 1),
            "programme_s": round(self.programme_s, 1),
            "active_s": round(self.active_s, 1),
            "distance_m": round(self.distance_m, 1),
            "elevation_gain_m": round(self.elevation_gain_m, 2),
            "est_steps": self.est_steps,
            "max_speed_kmh": round(self.max_speed_kmh, 2),
            "max_incline_pct": round(self.max_incline_pct, 2),
            "baseline": self.baseline,
            "pain_readings": [p.to_dict() for p in self.pain_readings],
            "post_walk_nrs": self.post_walk_nrs,
            "rpe": self.rpe,
            "note": self.note,
            "outcome": str(self.outcome),
            "post_walk_legs": self.post_walk_legs,
            "advice": self.advice,
        }


def summarise(
    *,
    stats: Stats,
    start: float,
    end: float,
    programme_s: float,
    baseline: int | None,
    pain_log: Sequence[PainRecord],
    post_walk: PostWalkAnswer | None,
    outcome: Outcome,
    advice: str | None = None,
) -> SessionSummary:
    """The summary from the walk's totals and the walker's post-walk answer (if any)."""
    pw = post_walk
    return SessionSummary(
        duration_s=max(0.0, end - start),
        programme_s=programme_s,
        active_s=stats.active_s,
        distance_m=stats.distance_m,
        elevation_gain_m=stats.elevation_gain_m,
        est_steps=int(stats.est_steps),
        max_speed_kmh=stats.max_speed_kmh,
        max_incline_pct=stats.max_incline_pct,
        baseline=baseline,
        pain_readings=tuple(pain_log),
        post_walk_nrs=pw.nrs if pw else None,
        rpe=pw.rpe if pw else None,
        note=pw.note if pw else "",
        outcome=outcome,
        post_walk_legs=str(pw.legs) if pw else None,
        advice=advice,
    )
