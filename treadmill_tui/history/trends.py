"""Trends at a glance for the history screen (pure): weekly minutes, pain before and after,
incline and cadence reached, morning pain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from treadmill_tui.history.store import Checkin, WalkRow


@dataclass(frozen=True, slots=True)
class Trend:
    label: str
    values: tuple[float, ...]  # oldest first
    latest: str  # the newest value in words, e.g. "45 min this week"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_minutes(rows: Sequence[WalkRow], tz: tzinfo | None = None) -> list[tuple[date, float]]:
    """(Monday, active minutes) for every week from the first walk's to the last's, gaps as 0."""
    if not rows:
        return []
    totals: dict[date, float] = {}
    for r in rows:
        week = _monday(r.started_at.astimezone(tz).date())
        totals[week] = totals.get(week, 0.0) + (r.active_s or 0.0) / 60.0
    first, last = min(totals), max(totals)
    out = []
    week = first
    while week <= last:
        out.append((week, round(totals.get(week, 0.0), 1)))
        week += timedelta(days=7)
    return out


def _latest(values: Sequence[float | None], unit: str) -> str:
    known = [v for v in values if v is not None]
    return f"{known[-1]:g}{unit}" if known else "-"


def trends(
    rows: Sequence[WalkRow],
    checkins: Sequence[Checkin],
    tz: tzinfo | None = None,
    cadences: Sequence[float | None] = (),
) -> list[Trend]:
    """``cadences``: the metronome tempo of each walk's main part (None: no metronome)."""
    weeks = weekly_minutes(rows, tz)
    before = [r.baseline for r in rows]
    after = [r.post_nrs for r in rows]
    incline = [r.max_incline_pct for r in rows]
    morning = [c.nrs for c in checkins]
    return [
        Trend(
            "Min a week",
            tuple(m for _, m in weeks),
            f"{weeks[-1][1]:g} min" if weeks else "-",
        ),
        Trend("Pain before", tuple(float(v) for v in before if v is not None), _latest(before, "")),
        Trend("Pain after", tuple(float(v) for v in after if v is not None), _latest(after, "")),
        Trend("Top incline", tuple(v for v in incline if v is not None), _latest(incline, " %")),
        Trend(
            "Cadence",
            tuple(round(v) for v in cadences if v is not None),
            _latest([None if v is None else round(v) for v in cadences], " spm"),
        ),
        Trend(
            "Morning pain", tuple(float(v) for v in morning if v is not None), _latest(morning, "")
        ),
    ]
