"""A walk as an activity file sees it: absolute times, 1 Hz points and laps.

The exporters (FIT, TCX, CSV) write an :class:`Activity` and the importers read one, so export
and import are inverse where a format allows (docs/history.md, "Export").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from treadmill_tui.history.store import Sample, WalkRecord

WALKING_KMH = 0.2  # a belt faster than this is walking (for lap and activity bounds)


@dataclass(frozen=True, slots=True)
class Point:
    time: datetime
    distance_m: float
    speed_kmh: float | None = None
    incline_pct: float | None = None
    altitude_m: float | None = None  # from the incline: the height climbed so far
    heart_rate_bpm: float | None = None
    cadence_spm: float | None = None


@dataclass(frozen=True, slots=True)
class Lap:
    """A run of points of one profile segment (``first``..``last`` inclusive)."""

    name: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Activity:
    name: str
    start: datetime
    points: tuple[Point, ...]
    laps: tuple[Lap, ...]
    elapsed_s: float  # start to end, pauses included
    timer_s: float  # time walking (the walk's active time)
    distance_m: float
    ascent_m: float
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def lap_points(self, lap: Lap) -> tuple[Point, ...]:
        return self.points[lap.first : lap.last + 1]


def altitude_profile(samples: Sequence[Sample]) -> list[float]:
    """Height climbed so far at each sample: incline x distance walked since the last one."""
    out: list[float] = []
    height = 0.0
    last_d: float | None = None
    for s in samples:
        d = s.distance_m
        if d is not None and last_d is not None and s.incline_pct is not None:
            step = d - last_d
            if 0 < step < 100:
                height += step * s.incline_pct / 100.0
        if d is not None:
            last_d = d
        out.append(round(height, 3))
    return out


def lap_key(s: Sample) -> object:
    return s.segment if s.segment is not None else s.phase


def lap_name(s: Sample) -> str:
    return s.segment_name or s.phase or "walk"


def activity_of(rec: WalkRecord, samples: Sequence[Sample]) -> Activity:
    """The activity for a stored walk: points from the first moving sample to the last one."""
    moving = [i for i, s in enumerate(samples) if (s.speed_kmh or 0.0) > WALKING_KMH]
    chosen = list(samples[max(0, moving[0] - 1) : moving[-1] + 2]) if moving else list(samples)
    heights = altitude_profile(chosen)
    start = rec.row.started_at
    points = tuple(
        Point(
            time=start + timedelta(seconds=s.t),
            distance_m=s.distance_m or 0.0,
            speed_kmh=s.speed_kmh,
            incline_pct=s.incline_pct,
            altitude_m=h,
            heart_rate_bpm=s.heart_rate_bpm,
            cadence_spm=s.cadence_spm,
        )
        for s, h in zip(chosen, heights, strict=True)
    )
    laps: list[Lap] = []
    for i, s in enumerate(chosen):
        if laps and lap_key(chosen[laps[-1].first]) == lap_key(s):
            laps[-1] = Lap(laps[-1].name, laps[-1].first, i)
        else:
            laps.append(Lap(lap_name(s), i, i))
    row = rec.row
    distance = points[-1].distance_m - points[0].distance_m if points else 0.0
    return Activity(
        name=row.profile,
        start=points[0].time if points else start,
        points=points,
        laps=tuple(laps),
        elapsed_s=(points[-1].time - points[0].time).total_seconds() if points else 0.0,
        timer_s=row.active_s or 0.0,
        distance_m=distance,
        ascent_m=heights[-1] if heights else 0.0,
        notes=rec.note,
    )
