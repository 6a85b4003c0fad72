"""A fixed history for the summary and history screen tests: the same walks, dates and answers
every run, shown in UTC so snapshots do not depend on the machine's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from treadmill_tui.history.store import Sample, Store, WalkMeta
from treadmill_tui.history.walk_summary import SummaryView, summary_view

FIRST = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)

SUMMARY: dict[str, Any] = {
    "duration_s": 1234.0,
    "programme_s": 1200.0,
    "active_s": 1190.0,
    "distance_m": 905.0,
    "elevation_gain_m": 4.2,
    "est_steps": 1700,
    "max_speed_kmh": 3.0,
    "max_incline_pct": 1.0,
    "baseline": 2,
    "pain_readings": [
        {
            "t": 4.0,
            "prog_t": 0.0,
            "trigger": "pre_walk",
            "nrs": 2,
            "zone": "green",
            "action": "continue",
        },
        {
            "t": 765.0,
            "prog_t": 760.0,
            "trigger": "scheduled",
            "nrs": 5,
            "zone": "amber",
            "action": "reduce",
        },
        {
            "t": 890.0,
            "prog_t": 885.0,
            "trigger": "amber_recheck",
            "nrs": 3,
            "zone": "green",
            "action": "continue",
        },
    ],
    "post_walk_nrs": 3,
    "rpe": 12,
    "note": "[bold]not markup[/bold]",
    "outcome": "completed",
    "post_walk_legs": "none",
    "advice": None,
}
EVENTS: list[dict[str, Any]] = [
    {
        "t": 765.0,
        "prog_t": 760.0,
        "type": "pain",
        "details": {"nrs": 5, "zone": "amber", "action": "reduce"},
    },
    {"t": 900.0, "prog_t": 895.0, "type": "break_end", "details": {"segment": 2}},
]


def the_summary(walk_id: int | None = 7) -> SummaryView:
    return summary_view(SUMMARY, EVENTS, walk_id=walk_id)


def fill_store(path: Path, walks: int = 8) -> None:
    """``walks`` walks two days apart, growing a minute each, with a morning answer after each
    but the last; one simulated, one partial."""
    with Store.open(path) as store:
        for i in range(walks):
            start = FIRST + timedelta(days=2 * i)
            minutes = 10 + i
            walk_id = store.begin_walk(
                WalkMeta(
                    profile=f"Walk {i + 1} [red]x[/red]", simulated=i == 3, planned_s=minutes * 60.0
                ),
                now=start,
            )
            samples = [
                Sample(
                    t=float(t),
                    speed_kmh=2.5 + (t % 120) / 200,
                    incline_pct=(t // 120) * 0.5,
                    distance_m=t * 0.75,
                    phase="main",
                    active_s=float(t),
                    metronome_spm=None if i < 2 else 90.0 + 2 * i,
                )
                for t in range(0, minutes * 60, 10)
            ]
            store.append(walk_id, samples, [], first_seq=0, now=start)
            if i == walks - 2:
                continue  # left partial
            store.finish_walk(
                walk_id,
                {
                    "outcome": "completed",
                    "active_s": minutes * 60.0,
                    "duration_s": minutes * 61.0,
                    "distance_m": minutes * 45.0,
                    "baseline": 2 + i % 2,
                    "post_walk_nrs": 1 + i % 3,
                    "max_incline_pct": i * 0.25,
                    "pain_readings": [],
                    "rpe": 11,
                },
                now=start + timedelta(minutes=minutes),
            )
            if i < walks - 1:
                store.add_checkin(walk_id, 1 + i % 3, 1, now=start + timedelta(days=1))
