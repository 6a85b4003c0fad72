"""What the programme will do next, as plain values and words (no Textual here).

The walker stands on a moving belt and must never be surprised by it: every planned speed,
incline or cadence change, every exercise break and the final stop is listed once from the
compiled timeline (:func:`planned_changes`), and :func:`countdown` words the next one with the
time left ("Next: Walk 3 km/h in 0:45", "Slowing to a stop in 0:30"). Programme time stands
still while the walk is paused, so the countdown does too. See docs/walk-screen.md.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.model import WALKING_KINDS, Target, target_pieces
from treadmill_tui.profiles.numbers import plain
from treadmill_tui.profiles.show import clock
from treadmill_tui.profiles.timeline import Timeline, TimelineSegment

_EPS = 1e-6


class ChangeKind(StrEnum):
    SEGMENT = "segment"  # a new walking segment begins
    STEP = "step"  # one step of a step pattern inside a segment
    BREAK = "break"  # the belt stops for an exercise break
    CHECK = "check"  # a planned pain check (a pain_check segment)
    STOP = "stop"  # the end of the last walking segment: the belt slows to a stop


@dataclass(frozen=True, slots=True)
class PlanValues:
    """The plan's own values at one moment, before the belt's rate limits (what to aim for)."""

    speed_kmh: float | None
    incline_pct: float | None
    cadence_spm: float | None


@dataclass(frozen=True, slots=True)
class Change:
    """One planned moment the walker is told about beforehand."""

    at_s: float  # programme time
    kind: ChangeKind
    what: str  # "Walk 3 km/h", "speed 2.6 km/h" (in the walker's unit), "exercise break"
    cue: bool  # announced with a chime (and words) shortly before


def _n(value: float) -> str:
    return plain(value, 1)


def _value_at(target: Target | None, seg: TimelineSegment, t: float) -> float | None:
    if target is None:
        return None
    offset = min(max(t - seg.start_s, 0.0), seg.duration_s)
    pieces = target_pieces(target, seg.duration_s)
    t0, t1, v0, v1 = next((p for p in pieces if offset < p[1] - _EPS), pieces[-1])
    if t1 <= t0:
        return v0
    return v0 + (v1 - v0) * min(max((offset - t0) / (t1 - t0), 0.0), 1.0)


def _cadence_factor(timeline: Timeline, seg: TimelineSegment) -> float | None:
    """km/h per spm in a cadence-led segment, read back from the compiled tracks."""
    probe = seg.end_s - min(1.0, seg.duration_s / 2)
    speed = timeline.speed_track.value(probe)
    cadence = timeline.cadence_track.value(probe)
    if speed is None or not cadence:
        return None
    return speed / cadence


def plan_at(timeline: Timeline, t: float) -> PlanValues:
    """The plan's target values at programme time ``t`` (a break or check: speed 0)."""
    seg = timeline.segment_at(min(max(t, 0.0), timeline.duration_s))
    if seg.kind not in WALKING_KINDS:
        return PlanValues(0.0, timeline.incline_track.value(t), None)
    cadence = _value_at(seg.cadence, seg, t)
    if seg.cadence_led:
        factor = _cadence_factor(timeline, seg)
        speed = None if cadence is None or factor is None else cadence * factor
    else:
        speed = _value_at(seg.speed, seg, t)
    return PlanValues(speed, _value_at(seg.incline, seg, t), cadence)


def _describe(values: PlanValues, before: PlanValues | None, unit: SpeedUnit = KMH) -> str:
    """The values that change, in words (all of them when there is no ``before``)."""
    parts: list[str] = []
    if values.speed_kmh is not None and (
        before is None
        or before.speed_kmh is None
        or abs(values.speed_kmh - before.speed_kmh) > _EPS
    ):
        parts.append(unit.speed(values.speed_kmh))
    if values.incline_pct is not None and (
        before is None
        or before.incline_pct is None
        or abs(values.incline_pct - before.incline_pct) > _EPS
    ):
        if before is not None or values.incline_pct > _EPS:
            parts.append(f"incline {_n(values.incline_pct)} %")
    if values.cadence_spm is not None and (
        before is None
        or before.cadence_spm is None
        or abs(values.cadence_spm - before.cadence_spm) > _EPS
    ):
        parts.append(f"{values.cadence_spm:.0f} steps/min")
    return ", ".join(parts)


def _start_values(timeline: Timeline, seg: TimelineSegment) -> PlanValues:
    return plan_at(timeline, seg.start_s + min(_EPS * 10, seg.duration_s / 2))


def planned_changes(timeline: Timeline, unit: SpeedUnit = KMH) -> tuple[Change, ...]:
    """Every change the walker hears about, in programme-time order; speeds in ``unit``."""
    out: list[Change] = []
    walking = [s for s in timeline.segments if s.kind in WALKING_KINDS and s.duration_s > 0]
    last_walk_end = walking[-1].end_s if walking else 0.0
    before: PlanValues | None = None
    first = True
    for seg in timeline.segments:
        if seg.kind == "pain_check":
            out.append(Change(seg.start_s, ChangeKind.CHECK, "pain check", False))
            continue
        if seg.kind == "break":
            if seg.start_s < last_walk_end - _EPS:
                out.append(Change(seg.start_s, ChangeKind.BREAK, "exercise break", True))
            before = None
            continue
        if seg.kind not in WALKING_KINDS or seg.duration_s <= 0:
            continue
        values = _start_values(timeline, seg)
        if not first:
            changed = _describe(values, before, unit)
            name = seg.name
            what = f"{name} {changed}" if changed else name
            out.append(Change(seg.start_s, ChangeKind.SEGMENT, what.strip(), bool(changed)))
        first = False
        for target, quantity in ((seg.speed, "speed"), (seg.incline, "incline"), (seg.cadence, "")):
            steps = getattr(target, "step_times", None)
            if steps is None:
                continue
            for offset, value in steps(seg.duration_s):
                if quantity == "speed":
                    what = f"speed {unit.speed(value)}"
                elif quantity == "incline":
                    what = f"incline {_n(value)} %"
                else:
                    what = f"{value:.0f} steps/min"
                    if seg.cadence_led:
                        factor = _cadence_factor(timeline, seg)
                        if factor is not None:
                            what += f", {unit.speed(value * factor)}"
                out.append(Change(seg.start_s + offset, ChangeKind.STEP, what, True))
        before = plan_at(timeline, seg.end_s - min(_EPS * 10, seg.duration_s / 2))
    if walking:
        out.append(Change(last_walk_end, ChangeKind.STOP, "stop", True))
    # at one moment: the stop first, a planned check last (the belt's change matters more)
    out.sort(key=lambda c: (c.at_s, c.kind is not ChangeKind.STOP, c.kind is ChangeKind.CHECK))
    return tuple(out)


def next_change(changes: tuple[Change, ...], prog_t: float) -> Change | None:
    """The first change still ahead of ``prog_t``."""
    i = bisect_right([c.at_s for c in changes], prog_t + _EPS)
    return changes[i] if i < len(changes) else None


def countdown_clock(seconds: float) -> str:
    """Whole seconds left, rounded up, as M:SS (so 0:00 means "now")."""
    return clock(max(0, math.ceil(seconds - _EPS)))


def countdown(changes: tuple[Change, ...], prog_t: float) -> str:
    """One line saying what the belt does next and when; empty after the final stop."""
    change = next_change(changes, prog_t)
    if change is None:
        return ""
    left = countdown_clock(change.at_s - prog_t)
    if change.kind is ChangeKind.STOP:
        return f"Slowing to a stop in {left}"
    if change.kind is ChangeKind.BREAK:
        return f"Next: the belt stops for an exercise break in {left}"
    return f"Next: {change.what} in {left}"


def walk_has_cadence(timeline: Timeline) -> bool:
    """Does any part of the walk have a step rate (a metronome beat)?"""
    return any(p[2] is not None for p in timeline.cadence_track.pieces)
