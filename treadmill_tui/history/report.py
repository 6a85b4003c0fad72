"""Plain-text views of the history for the command line (pure: rows in, lines out)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from treadmill_tui.history.store import WalkRecord, WalkRow, pain_readings
from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.numbers import clock as show_clock


def clock(seconds: float | None) -> str:
    """M:SS, or H:MM:SS from an hour, as ``profile show`` prints times ("-" when unknown)."""
    return "-" if seconds is None else show_clock(seconds)


def local(moment: datetime, tz: tzinfo | None = None) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)


def distance(metres: float | None, unit: SpeedUnit = KMH) -> str:
    """ "1.23 km" (or "0.76 mi"), "-" when unknown."""
    return "-" if metres is None else unit.distance(metres)


def pain_triple(row: WalkRow) -> str:
    """Pain before / highest during / after the walk, e.g. "2/5/3"."""
    return f"{_n(row.baseline)}/{_n(row.max_nrs)}/{_n(row.post_nrs)}"


def list_lines(
    rows: Sequence[WalkRow], tz: tzinfo | None = None, unit: SpeedUnit = KMH
) -> list[str]:
    """One aligned line a walk under a header; distances in ``unit``."""
    if not rows:
        return [
            "No walks yet. Walk one with 'treadmill-tui --simulate' or 'treadmill-tui simulate"
            " PROFILE'."
        ]
    header = ("ID", "started", "profile", "time", "distance", "pain b/max/a", "status", "")
    body = [
        (
            str(r.id),
            local(r.started_at, tz),
            r.profile[:28],
            clock(r.active_s),
            distance(r.distance_m, unit),
            pain_triple(r),
            r.status,
            "simulated" if r.simulated else "",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    right = {0, 3, 4}

    def fmt(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return [fmt(header), *(fmt(b) for b in body)]


def show_lines(
    rec: WalkRecord,
    tz: tzinfo | None = None,
    events: Sequence[dict[str, Any]] = (),
    unit: SpeedUnit = KMH,
) -> list[str]:
    """One walk in full; distance and speed in ``unit``."""
    r = rec.row
    s = rec.summary or {}
    readings = s.get("pain_readings") if rec.summary is not None else pain_readings(events)
    rows: list[tuple[str, str]] = [
        ("walk", f"{r.id}{'  (simulated)' if r.simulated else ''}"),
        ("profile", r.profile or "-"),
        ("started", local(r.started_at, tz)),
        ("ended", local(rec.ended_at, tz) if rec.ended_at else "-"),
        ("status", _status_text(r)),
        ("device", r.device or "-"),
        ("duration", clock(r.duration_s)),
        ("active time", clock(r.active_s)),
        ("planned", clock(r.planned_s)),
        ("distance", distance(r.distance_m, unit)),
        ("elevation", "-" if r.elevation_gain_m is None else f"{r.elevation_gain_m:.1f} m"),
        ("max speed", "-" if r.max_speed_kmh is None else unit.speed(r.max_speed_kmh, fixed=True)),
        ("max incline", "-" if r.max_incline_pct is None else f"{r.max_incline_pct:.1f} %"),
        ("pain", f"before {_n(r.baseline)}, highest {_n(r.max_nrs)}, after {_n(r.post_nrs)}"),
        ("effort (RPE)", _n(r.rpe)),
        ("note", rec.note or "-"),
        ("recorded", f"{rec.sample_count} samples, {rec.event_count} events"),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    for p in readings or []:
        lines.append(
            f"{'':<{width}}  {clock(p.get('t'))}  pain {_n(p.get('nrs'))} "
            f"{p.get('zone', '')}: {p.get('action', '')} ({p.get('trigger', '')})"
        )
    return lines


def _status_text(r: WalkRow) -> str:
    if r.recording:
        return "being recorded now"
    if r.partial:
        return "partial (the app stopped before the walk ended; kept up to the last save)"
    return r.outcome or "done"
