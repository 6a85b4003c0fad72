"""The programme chart as text: speed, incline and cadence over the whole walk (no Textual).

:func:`chart_model` lays a compiled :class:`~treadmill_tui.profiles.timeline.Timeline` onto a
grid of ``width`` × ``height`` character cells: a row of segment names, one bar lane per
quantity the walk uses (eighth-block bars, so a 3-row lane shows 24 levels), and a row marking
exercise breaks (■) and pain checks (▲ planned, △ about when the interval check comes). The
widget only adds colour and the cursor column, so the picture itself is unit-tested here and
recomputed only when the size changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.model import WALKING_KINDS
from treadmill_tui.profiles.numbers import plain
from treadmill_tui.profiles.timeline import Timeline, Track

BLOCKS = " ▁▂▃▄▅▆▇█"
GUTTER = 5  # columns of lane labels on the left
BREAK_MARK = "■"
CHECK_MARK = "▲"
INTERVAL_MARK = "△"
SEPARATOR = "▏"
LEGEND = f"{BREAK_MARK} exercise break  {CHECK_MARK} pain check  {INTERVAL_MARK} about every"


@dataclass(frozen=True, slots=True)
class ChartModel:
    """The picture, row by row, and how programme time maps to its columns."""

    width: int
    height: int
    rows: tuple[str, ...]  # each exactly ``width`` characters, gutter included
    kinds: tuple[str, ...]  # per row: "names", "speed", "incline", "cadence" or "marks"
    duration_s: float

    @property
    def plot_width(self) -> int:
        return max(0, self.width - GUTTER)

    def column_of(self, prog_t: float) -> int:
        """The cell column of programme time ``prog_t`` (gutter included); -1 if no plot."""
        pw = self.plot_width
        if pw <= 0 or self.duration_s <= 0:
            return -1
        frac = min(max(prog_t / self.duration_s, 0.0), 1.0)
        return GUTTER + min(int(frac * pw), pw - 1)


def _n(value: float) -> str:
    return plain(value, 1)


def _samples(track: Track, duration: float, columns: int) -> list[float | None]:
    """The track at the middle of each column."""
    return [track.value((k + 0.5) * duration / columns) for k in range(columns)]


def _bars(values: list[float | None], low: float, high: float, rows: int) -> list[str]:
    """Eighth-block bars: one string per row, top row first."""
    span = high - low
    levels = []
    for v in values:
        if v is None or span <= 0:
            levels.append(0)
            continue
        frac = min(max((v - low) / span, 0.0), 1.0)
        eighths = round(frac * rows * 8)
        if v > low and eighths == 0:
            eighths = 1  # anything above the floor shows
        levels.append(eighths)
    out = []
    for r in range(rows):
        below = (rows - 1 - r) * 8
        out.append("".join(BLOCKS[min(max(lv - below, 0), 8)] for lv in levels))
    return out


def _gutter(labels: list[str]) -> list[str]:
    return [f"{text[: GUTTER - 1]:>{GUTTER - 1}} " for text in labels]


def _lane_labels(top: str, unit: str, rows: int) -> list[str]:
    if rows == 1:
        return [unit]
    return [top] + [""] * (rows - 2) + [unit]


def _names_row(timeline: Timeline, pw: int) -> str:
    cells = [" "] * pw
    duration = timeline.duration_s
    for seg in timeline.segments:
        if seg.end_s <= seg.start_s:
            continue
        c0 = min(int(seg.start_s / duration * pw), pw - 1)
        c1 = min(int(seg.end_s / duration * pw), pw)
        if c0 > 0:
            cells[c0] = SEPARATOR
            c0 += 1
        name = seg.name if seg.kind in WALKING_KINDS else f"{BREAK_MARK} {seg.name}"
        room = c1 - c0 - 1
        if room >= 2:
            text = name if len(name) <= room else name[: room - 1] + "…"
            for k, ch in enumerate(text):
                cells[c0 + k] = ch
    return "".join(cells)


def _marks_row(timeline: Timeline, pw: int) -> str:
    cells = [" "] * pw
    duration = timeline.duration_s

    def put(t: float, mark: str) -> None:
        c = min(int(t / duration * pw), pw - 1)
        if cells[c] in (" ", INTERVAL_MARK):
            cells[c] = mark

    main = [s for s in timeline.segments if s.phase == "main" and s.kind in WALKING_KINDS]
    interval = timeline.pain_policy.interval_s
    if main and interval > 0:
        t, end = main[0].start_s + interval, main[-1].end_s
        while t < end - 1e-9:
            put(t, INTERVAL_MARK)
            t += interval
    for seg in timeline.segments:
        if seg.kind == "break":
            put(seg.start_s, BREAK_MARK)
        elif seg.kind == "pain_check":
            put(seg.start_s, CHECK_MARK)
    return "".join(cells)


def _lanes(timeline: Timeline, available: int) -> list[tuple[str, int]]:
    wanted = ["speed"]
    if (timeline.incline_track.highest() or 0.0) > 0:
        wanted.append("incline")
    if any(p[2] is not None for p in timeline.cadence_track.pieces):
        wanted.append("cadence")
    wanted = wanted[: max(1, available)]
    minor = max(1, available // 4)
    sizes = {name: minor for name in wanted[1:]}
    sizes["speed"] = max(1, available - sum(sizes.values()))
    return [(name, sizes[name]) for name in wanted]


def chart_model(timeline: Timeline, width: int, height: int, unit: SpeedUnit = KMH) -> ChartModel:
    """Lay the whole programme onto ``width`` × ``height`` cells (see the module docstring);
    the speed lane is scaled and labelled in the walker's ``unit``."""
    width, height = max(0, width), max(0, height)
    pw = width - GUTTER
    duration = timeline.duration_s
    if pw < 4 or height < 1 or duration <= 0:
        blank = tuple(" " * width for _ in range(height))
        return ChartModel(width, height, blank, tuple("blank" for _ in range(height)), duration)
    framed = height >= 3
    available = height - 2 if framed else height
    rows: list[str] = []
    kinds: list[str] = []
    if framed:
        rows.append(" " * GUTTER + _names_row(timeline, pw))
        kinds.append("names")
    for name, size in _lanes(timeline, available):
        if name == "speed":
            values = [
                None if v is None else unit.from_kmh(v)
                for v in _samples(timeline.speed_track, duration, pw)
            ]
            high = math.ceil(max((v or 0.0) for v in values) * 2) / 2 or 1.0
            low, top, lane_unit = 0.0, _n(high), unit.label
        elif name == "incline":
            values = _samples(timeline.incline_track, duration, pw)
            high = math.ceil(max((v or 0.0) for v in values) * 2) / 2 or 1.0
            low, top, lane_unit = 0.0, f"{_n(high)}%", "%"
        else:
            values = _samples(timeline.cadence_track, duration, pw)
            known = [v for v in values if v is not None]
            high = math.ceil(max(known)) if known else 1.0
            low = math.floor(min(known) * 0.9) if known else 0.0
            top, lane_unit = f"{high:.0f}", "spm"
        bars = _bars(values, low, high, size)
        for label, bar in zip(_gutter(_lane_labels(top, lane_unit, size)), bars, strict=True):
            rows.append(label + bar)
            kinds.append(name)
    if framed:
        rows.append(" " * GUTTER + _marks_row(timeline, pw))
        kinds.append("marks")
    return ChartModel(width, height, tuple(rows), tuple(kinds), duration)


def legend(timeline: Timeline) -> str:
    """What the marks mean, with the pain-check interval in minutes."""
    minutes = timeline.pain_policy.interval_s / 60
    return f"{LEGEND} {_n(minutes)} min"
