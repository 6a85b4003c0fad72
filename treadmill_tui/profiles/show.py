"""The compiled programme as rows for people (a table) and for programs (JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from treadmill_tui.profiles.model import Constant, Ramp, Steps, Target
from treadmill_tui.profiles.numbers import clock as clock
from treadmill_tui.profiles.numbers import plain
from treadmill_tui.profiles.timeline import Timeline, TimelineSegment
from treadmill_tui.profiles.validate import fmt_duration


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the schedule: a segment start or a step within a segment."""

    t_s: float
    segment: str
    speed: str
    incline: str
    cadence: str
    what: str


def _n(value: float) -> str:
    return plain(value, 2)


def _target_text(target: Target | None, unit: str) -> str:
    if target is None:
        return "-"
    if isinstance(target, Constant):
        return f"{_n(target.value)} {unit}"
    if isinstance(target, Ramp):
        return f"{_n(target.start)}→{_n(target.end)} {unit}"
    return f"{_n(target.start)}…{_n(target.maximum)} {unit}"


def _what(seg: TimelineSegment) -> str:
    if seg.kind == "pain_check":
        return "pain check"
    if seg.kind == "break":
        parts = []
        for e in seg.exercises:
            side = " each side" if e.per_side else ""
            parts.append(f"{e.name} {e.reps} × {_n(e.hold_s)} s{side}")
        return "belt stops: " + "; ".join(parts)
    label = {"warmup": "warm-up", "walk": "walk", "cooldown": "cool-down"}[seg.kind]
    extra = []
    if seg.cadence_led:
        extra.append("speed follows cadence")
    for name, target in (("speed", seg.speed), ("incline", seg.incline), ("cadence", seg.cadence)):
        if isinstance(target, Ramp) and target.start != target.end:
            extra.append(f"{name} ramps")
        if isinstance(target, Steps):
            extra.append(f"{name} steps up")
    return f"{label} {fmt_duration(seg.duration_s)}" + (f" ({', '.join(extra)})" if extra else "")


def rows(timeline: Timeline) -> list[Row]:
    """Segment starts and each step of a step pattern, in time order."""
    out: list[Row] = []
    units = {"speed": "km/h", "incline": "%", "cadence": "spm"}
    for seg in timeline.segments:
        speed = "0 km/h" if seg.kind == "break" else _target_text(seg.speed, "km/h")
        if seg.cadence_led:
            speed = "(cadence)"
        if seg.kind == "pain_check":
            speed = ""
        out.append(
            Row(
                seg.start_s,
                seg.name,
                speed,
                _target_text(seg.incline, "%") if seg.incline else "",
                _target_text(seg.cadence, "spm") if seg.cadence else "",
                _what(seg),
            )
        )
        for name, target in (
            ("speed", seg.speed),
            ("incline", seg.incline),
            ("cadence", seg.cadence),
        ):
            if isinstance(target, Steps):
                for at, value in target.step_times(seg.duration_s):
                    out.append(
                        Row(
                            seg.start_s + at,
                            seg.name,
                            "",
                            "",
                            "",
                            f"{name} up to {_n(value)} {units[name]}",
                        )
                    )
    out.sort(key=lambda r: r.t_s)
    return out


def render_table(timeline: Timeline, description: str = "") -> str:
    """The programme as a plain-text table followed by its totals."""
    header = ("time", "segment", "speed", "incline", "cadence", "what happens")
    body = [
        (clock(r.t_s), r.segment, r.speed, r.incline, r.cadence, r.what) for r in rows(timeline)
    ]
    widths = [max(len(h), *(len(b[k]) for b in body)) for k, h in enumerate(header)]
    lines = [timeline.name]
    if description:
        lines.append(description)
    lines.append("")
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for b in body:
        lines.append("  ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)).rstrip())
    lines.append(f"{clock(timeline.duration_s)}  end")
    tot = timeline.totals
    lines.append("")
    lines.append(
        f"Total {fmt_duration(tot.duration_s)}, about {tot.distance_m / 1000:.2f} km, "
        f"climb {tot.elevation_gain_m:.0f} m, {tot.breaks} break(s), {tot.checks} pain check(s)"
    )
    return "\n".join(lines)


def _target_json(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    if isinstance(target, Constant):
        return {"value": target.value}
    if isinstance(target, Ramp):
        return {"from": target.start, "to": target.end}
    return {
        "start": target.start,
        "step": target.step,
        "every_s": target.every_s,
        "max": target.maximum,
    }


def to_json(timeline: Timeline, description: str = "") -> dict[str, Any]:
    """The same content as the table, as plain JSON-ready data."""
    tot = timeline.totals
    return {
        "name": timeline.name,
        "description": description,
        "duration_s": timeline.duration_s,
        "totals": {
            "duration_s": tot.duration_s,
            "distance_m": round(tot.distance_m, 1),
            "elevation_gain_m": round(tot.elevation_gain_m, 1),
            "breaks": tot.breaks,
            "checks": tot.checks,
        },
        "segments": [
            {
                "index": s.index,
                "kind": s.kind,
                "name": s.name,
                "phase": s.phase.value,
                "start_s": s.start_s,
                "end_s": s.end_s,
                "speed_kmh": _target_json(s.speed),
                "incline_pct": _target_json(s.incline),
                "cadence_spm": _target_json(s.cadence),
                "cadence_led": s.cadence_led,
                "exercises": [
                    {
                        "id": e.exercise_id,
                        "name": e.name,
                        "hold_s": e.hold_s,
                        "reps": e.reps,
                        "per_side": e.per_side,
                    }
                    for e in s.exercises
                ],
            }
            for s in timeline.segments
        ],
        "rows": [
            {
                "t_s": r.t_s,
                "time": clock(r.t_s),
                "segment": r.segment,
                "speed": r.speed,
                "incline": r.incline,
                "cadence": r.cadence,
                "what": r.what,
            }
            for r in rows(timeline)
        ],
        "increase_times_s": list(timeline.increase_times),
        "pain_check_times_s": list(timeline.pain_check_times),
    }
