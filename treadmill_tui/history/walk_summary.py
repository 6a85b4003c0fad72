"""What the summary screen says after a walk, as plain text rows (pure; the UI only lays them
out): totals, pain before / during / after, breaks, what the walk did about pain, and the
next-morning reminder (docs/walking.md §3.4, §3.6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from treadmill_tui.history.report import clock
from treadmill_tui.profiles.display_units import KMH, SpeedUnit

MORNING_REMINDER = (
    "Tomorrow morning the app asks how your back feels on waking: that tells whether today "
    "was the right amount."
)

_ACTION_TEXT = {
    "reduce": "eased the load after an amber answer",
    "cooldown": "went to the cool-down after a second amber answer",
    "pause": "paused the belt after a red answer",
    "pause_end": "paused the belt after a red answer and ended the walk",
    "stop": "stopped the belt after a STOP answer",
    "hold": "held the plan: pain 4-5, no higher than before the walk",
}


@dataclass(frozen=True, slots=True)
class SummaryView:
    title: str
    rows: tuple[tuple[str, str], ...]
    story: tuple[str, ...]  # what the walk did about pain, one line each
    advice: str | None
    reminder: str
    saved: str  # "Saved as walk 12." or why not


def pain_story(events: Sequence[dict[str, Any]]) -> list[str]:
    """ "12:40  eased the load after an amber answer" for each pain answer that changed the walk
    (times are walk time, as on the dashboard)."""
    lines = []
    for e in events:
        if e.get("type") != "pain":
            continue
        d = e.get("details") or {}
        text = _ACTION_TEXT.get(str(d.get("action")))
        if text:
            lines.append(f"{clock(e.get('prog_t'))}  {text} (pain {d.get('nrs', '-')})")
    return lines


def _n(value: object) -> str:
    return "-" if value is None else str(value)


def summary_view(
    summary: dict[str, Any],
    events: Sequence[dict[str, Any]],
    *,
    walk_id: int | None,
    problem: str | None = None,
    footpod_in_step_pct: float | None = None,
    unit: SpeedUnit = KMH,
) -> SummaryView:
    """The summary screen's words; the distance in the walker's ``unit``."""
    readings = summary.get("pain_readings") or []
    during = [
        p["nrs"] for p in readings if p.get("trigger") != "pre_walk" and p.get("nrs") is not None
    ]
    breaks = sum(1 for e in events if e.get("type") == "break_end")
    rows: list[tuple[str, str]] = [
        ("Time", clock(summary.get("duration_s"))),
        ("Walking time", clock(summary.get("active_s"))),
        ("Distance", unit.distance(summary.get("distance_m") or 0.0)),
        ("Climbed", f"{summary.get('elevation_gain_m') or 0.0:.1f} m"),
        (
            "Back pain",
            f"before {_n(summary.get('baseline'))}, during up to "
            f"{max(during) if during else '-'}, after {_n(summary.get('post_walk_nrs'))}",
        ),
        ("Breaks done", str(breaks)),
    ]
    if summary.get("rpe") is not None:
        rows.append(("Effort", f"{summary['rpe']} (Borg 6-20)"))
    if footpod_in_step_pct is not None:
        rows.append(("In step with the beat", f"{footpod_in_step_pct:.0f} % of the time"))
    story = pain_story(events) or ["Nothing needed changing for your back."]
    saved = f"Saved as walk {walk_id}." if walk_id is not None else (problem or "Not saved.")
    return SummaryView(
        title=_title(str(summary.get("outcome", ""))),
        rows=tuple(rows),
        story=tuple(story),
        advice=summary.get("advice"),
        reminder=MORNING_REMINDER,
        saved=saved,
    )


def _title(outcome: str) -> str:
    return {
        "completed": "Walk done. Well walked!",
        "cooldown_early": "Walk done: it ended with an early cool-down.",
        "red": "The walk ended after a red pain answer.",
        "red_flag": "The walk was stopped.",
        "ended_early": "You ended the walk early: that is fine.",
        "rest": "No walk today: rest.",
    }.get(outcome, "The walk is over.")
