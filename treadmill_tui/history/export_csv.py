"""CSV with the standard library: a walk's 1 Hz samples, or one row per walk (``--all``).

Column names carry their units; empty cells are unknown values. Numbers are written in Python's
shortest round-tripping form, so reading a samples file back gives the same samples.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from treadmill_tui.history.store import SAMPLE_COLUMNS, Sample, WalkRow

UNITS = {
    "t": "t_s",
    "prog_t": "programme_t_s",
    "speed_kmh": "speed_kmh",
    "incline_pct": "incline_pct",
    "target_speed_kmh": "target_speed_kmh",
    "target_incline_pct": "target_incline_pct",
    "cadence_spm": "cadence_spm",
    "metronome_spm": "metronome_spm",
    "heart_rate_bpm": "heart_rate_bpm",
    "distance_m": "distance_m",
    "elevation_gain_m": "elevation_gain_m",
    "active_s": "active_s",
}
TEXT_COLUMNS = {"state", "phase", "segment_name"}
INT_COLUMNS = {"segment"}


def header() -> list[str]:
    return ["time_utc", *(UNITS.get(c, c) for c in SAMPLE_COLUMNS)]


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def samples_csv(samples: Sequence[Sample], start: datetime | None = None) -> str:
    """``start`` (the walk's start) gives the wall-clock column; without it the column is empty."""
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180 line ends: CR or LF inside a field is quoted
    writer.writerow(header())
    for s in samples:
        when = "" if start is None else (start + timedelta(seconds=s.t)).isoformat()
        writer.writerow([when, *(_cell(getattr(s, c)) for c in SAMPLE_COLUMNS)])
    return out.getvalue()


def read_samples_csv(text: str) -> list[Sample]:
    reader = csv.reader(io.StringIO(text, newline=""))
    names = next(reader)
    if names != header():
        raise ValueError("not a treadmill-tui samples CSV (the header row differs)")
    out: list[Sample] = []
    for row in reader:
        values: dict[str, Any] = {}
        for column, cell in zip(SAMPLE_COLUMNS, row[1:], strict=True):
            if cell == "":
                values[column] = None
            elif column in TEXT_COLUMNS:
                values[column] = cell
            elif column in INT_COLUMNS:
                values[column] = int(cell)
            else:
                values[column] = float(cell)
        out.append(Sample(**values))
    return out


WALK_HEADER = [
    "walk_id",
    "started_utc",
    "profile",
    "simulated",
    "status",
    "planned_min",
    "duration_min",
    "active_min",
    "distance_km",
    "elevation_gain_m",
    "max_speed_kmh",
    "max_incline_pct",
    "pain_before_nrs",
    "pain_highest_nrs",
    "pain_after_nrs",
    "worst_zone",
    "effort_rpe",
]


def _min(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.2f}"


def walks_csv(rows: Sequence[WalkRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180 line ends: CR or LF inside a field is quoted
    writer.writerow(WALK_HEADER)
    for r in rows:
        writer.writerow(
            [
                r.id,
                r.started_at.isoformat(),
                r.profile,
                "yes" if r.simulated else "no",
                r.status,
                _min(r.planned_s),
                _min(r.duration_s),
                _min(r.active_s),
                "" if r.distance_m is None else f"{r.distance_m / 1000:.3f}",
                _cell(r.elevation_gain_m),
                _cell(r.max_speed_kmh),
                _cell(r.max_incline_pct),
                _cell(r.baseline),
                _cell(r.max_nrs),
                _cell(r.post_nrs),
                _cell(r.worst_zone),
                _cell(r.rpe),
            ]
        )
    return out.getvalue()
