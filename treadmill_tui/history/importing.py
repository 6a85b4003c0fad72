"""Bring walks from other apps' FIT and TCX files into the history, and read our own back.

FIT is read with ``fit-tool`` (the library that writes it), TCX with ``xml.etree``. An imported
walk is kept as a finished, real (not simulated) walk with outcome ``imported``: its samples
and totals, no pain data (docs/history.md, "Import").
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fit_tool.fit_file import FitFile
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage

from treadmill_tui.history.activity import Activity, Lap, Point
from treadmill_tui.history.export_tcx import read_tcx
from treadmill_tui.history.store import Sample, Store, WalkMeta

IMPORTED = "imported"


class ImportProblem(ValueError):
    """The file is not a walk this app can read; the message says why."""


def _when(ms: float) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def read_fit(data: bytes, name: str = "") -> Activity:
    try:
        fit = FitFile.from_bytes(data)
    except Exception as err:  # the library raises several types for broken files
        raise ImportProblem(f"not a readable FIT file ({err})") from err
    points: list[Point] = []
    laps: list[tuple[float, float]] = []
    session: SessionMessage | None = None
    for record in fit.records:
        m: Any = record.message
        if isinstance(m, RecordMessage) and m.timestamp is not None:
            speed = m.enhanced_speed if m.enhanced_speed is not None else m.speed
            cadence = None
            if m.cadence is not None:
                cadence = (m.cadence + (m.fractional_cadence or 0.0)) * 2
            altitude = m.enhanced_altitude if m.enhanced_altitude is not None else m.altitude
            points.append(
                Point(
                    time=_when(m.timestamp),
                    distance_m=m.distance or 0.0,
                    speed_kmh=None if speed is None else speed * 3.6,
                    incline_pct=m.grade,
                    altitude_m=altitude,
                    heart_rate_bpm=None if m.heart_rate is None else float(m.heart_rate),
                    cadence_spm=cadence,
                )
            )
        elif isinstance(m, LapMessage) and m.start_time is not None:
            laps.append((m.start_time, m.total_elapsed_time or 0.0))
        elif isinstance(m, SessionMessage):
            session = m
    if not points:
        raise ImportProblem("the FIT file has no records (no 1-second points) to import")
    lap_list: list[Lap] = []
    starts = [_when(start_ms) for start_ms, _ in laps]
    for i, begin in enumerate(starts):
        first = next((j for j, p in enumerate(points) if begin <= p.time), None)
        if first is None:
            continue
        end = starts[i + 1] if i + 1 < len(starts) else None
        last = max(j for j, p in enumerate(points) if j == first or end is None or p.time < end)
        lap_list.append(Lap(f"lap {i + 1}", first, last))
    elapsed = (points[-1].time - points[0].time).total_seconds()
    heights = [p.altitude_m for p in points if p.altitude_m is not None]
    return Activity(
        name=name,
        start=points[0].time,
        points=tuple(points),
        laps=tuple(lap_list) or (Lap("walk", 0, len(points) - 1),),
        elapsed_s=session.total_elapsed_time if session and session.total_elapsed_time else elapsed,
        timer_s=session.total_timer_time if session and session.total_timer_time else elapsed,
        distance_m=(
            session.total_distance
            if session and session.total_distance is not None
            else points[-1].distance_m - points[0].distance_m
        ),
        ascent_m=(max(heights) - heights[0]) if heights else 0.0,
    )


def read_activity(path: Path) -> Activity:
    """A FIT or TCX file by its content (FIT files carry ".FIT" in their header)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportProblem(f"cannot read {path} ({err.strerror or err})") from err
    if len(data) >= 12 and data[8:12] == b".FIT":
        return read_fit(data, path.stem)
    if data.lstrip()[:1] == b"<":
        try:
            return read_tcx(data, path.stem)
        except Exception as err:
            raise ImportProblem(f"not a readable TCX file ({err})") from err
    raise ImportProblem("not a FIT or TCX file")


def samples_of(activity: Activity) -> list[Sample]:
    start = activity.start
    d0 = activity.points[0].distance_m if activity.points else 0.0
    lap_of = {}
    for index, lap in enumerate(activity.laps):
        for j in range(lap.first, lap.last + 1):
            lap_of[j] = (index, lap.name)
    out = []
    for j, p in enumerate(activity.points):
        seg = lap_of.get(j)
        out.append(
            Sample(
                t=round((p.time - start).total_seconds(), 3),
                speed_kmh=p.speed_kmh,
                incline_pct=p.incline_pct,
                cadence_spm=p.cadence_spm,
                heart_rate_bpm=p.heart_rate_bpm,
                distance_m=p.distance_m - d0,
                elevation_gain_m=p.altitude_m,
                segment=None if seg is None else seg[0],
                segment_name=None if seg is None else seg[1],
            )
        )
    return out


def import_activity(store: Store, activity: Activity, source: str) -> int:
    """Store ``activity`` as a finished walk; returns its id."""
    samples = samples_of(activity)
    walk_id = store.begin_walk(
        WalkMeta(profile=activity.name or source, device=f"imported from {source}"),
        now=activity.start,
    )
    store.append(walk_id, samples, [], first_seq=0, now=activity.start)
    speeds = [p.speed_kmh for p in activity.points if p.speed_kmh is not None]
    inclines = [p.incline_pct for p in activity.points if p.incline_pct is not None]
    store.finish_walk(
        walk_id,
        {
            "duration_s": activity.elapsed_s,
            "active_s": activity.timer_s,
            "distance_m": activity.distance_m,
            "elevation_gain_m": activity.ascent_m,
            "max_speed_kmh": max(speeds) if speeds else None,
            "max_incline_pct": max(inclines) if inclines else None,
            "pain_readings": [],
            "outcome": IMPORTED,
            "note": f"imported from {source}",
        },
        now=activity.points[-1].time if activity.points else activity.start,
    )
    return walk_id
