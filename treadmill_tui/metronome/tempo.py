"""Tempo map: exact beat times from a piecewise-linear step rate.

Beat *n* happens when the integrated tempo (the beat phase) reaches *n*. Each piece is a linear
ramp, so the phase is a quadratic with a closed-form root; beat times never come from adding up
rounded intervals, so they cannot drift. Pure code: no numpy, no I/O.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

#: Phases within this of an integer count as that integer (closed-form rounding is ~1e-13).
PHASE_TOL = 1e-9


@dataclass(frozen=True, slots=True)
class Ramp:
    """One piece of the map: tempo moves linearly from ``bpm0`` to ``bpm1`` over ``duration``.

    ``bpm0 == bpm1 == 0`` is a silent piece (pause); an open-ended hold has
    ``duration = inf`` and ``bpm0 == bpm1``. ``phase0`` is the beat phase at ``start``.
    """

    start: float
    duration: float
    bpm0: float
    bpm1: float
    phase0: float

    def __post_init__(self) -> None:
        if not (self.duration > 0):
            raise ValueError(f"ramp duration must be positive, got {self.duration}")
        if not all(math.isfinite(v) for v in (self.start, self.bpm0, self.bpm1, self.phase0)):
            raise ValueError("ramp start, tempo and phase must be finite")
        if self.bpm0 < 0 or self.bpm1 < 0:
            raise ValueError("tempo cannot be negative")
        if (self.bpm0 == 0) != (self.bpm1 == 0):
            raise ValueError("a ramp cannot start or end at 0 bpm; use a silent piece")
        if math.isinf(self.duration) and self.bpm0 != self.bpm1:
            raise ValueError("an open-ended piece must hold a constant tempo")

    @property
    def end(self) -> float:
        return self.start + self.duration

    @property
    def silent(self) -> bool:
        return self.bpm0 == 0.0

    @property
    def rate0(self) -> float:
        """Start rate in beats per second."""
        return self.bpm0 / 60.0

    @property
    def slope(self) -> float:
        """Rate change in beats per second squared."""
        if math.isinf(self.duration):
            return 0.0
        return (self.bpm1 - self.bpm0) / (60.0 * self.duration)

    @property
    def phase_end(self) -> float:
        if self.silent:
            return self.phase0
        if math.isinf(self.duration):
            return math.inf
        return self.phase0 + self.duration * (self.bpm0 + self.bpm1) / 120.0

    def bpm_at_offset(self, x: float) -> float:
        if math.isinf(self.duration):
            return self.bpm0
        return self.bpm0 + (self.bpm1 - self.bpm0) * (x / self.duration)

    def phase_at_offset(self, x: float) -> float:
        return self.phase0 + self.rate0 * x + 0.5 * self.slope * x * x

    def time_at_phase(self, n: float) -> float:
        """Root form ``2d / (r0 + sqrt(r0² + 2ad))``: no cancellation, no special case a = 0."""
        d = n - self.phase0
        r0 = self.rate0
        disc = r0 * r0 + 2.0 * self.slope * d
        return self.start + 2.0 * d / (r0 + math.sqrt(max(disc, 0.0)))


def _next_free_beat(phase: float, sounded_before: bool) -> int:
    """First beat a resumed grid may use: strictly after ``phase`` when a beat already sounded
    there (so no beat repeats), else the first integer at or after it."""
    nearest = round(phase)
    if abs(phase - nearest) <= PHASE_TOL:
        return int(nearest) + 1 if sounded_before else int(nearest)
    return math.ceil(phase)


@dataclass(frozen=True, slots=True)
class CadencePiece:
    """A stretch of programme time with a linear cadence; ``None`` means no metronome."""

    start_s: float
    end_s: float
    spm_start: float | None
    spm_end: float | None = None  # None with a spm_start: constant

    @property
    def spm_final(self) -> float | None:
        return self.spm_start if self.spm_end is None else self.spm_end


class _TargetsLike(Protocol):
    @property
    def cadence_spm(self) -> float | None: ...


class _SegmentLike(Protocol):
    @property
    def start_s(self) -> float: ...
    @property
    def end_s(self) -> float: ...


class TimelineLike(Protocol):
    """What :meth:`TempoMap.from_timeline` needs of ``profiles.Timeline`` (no import of it)."""

    @property
    def segments(self) -> Sequence[_SegmentLike]: ...

    def at(self, t: float) -> _TargetsLike: ...


@dataclass(frozen=True, slots=True)
class TempoMap:
    """Contiguous ramps; immutable, so the audio thread can read one while a new one is built."""

    segments: tuple[Ramp, ...]
    _starts: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _sounding: tuple[Ramp, ...] = field(init=False, repr=False, compare=False)
    _sounding_phase0: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        segs = self.segments
        if not segs:
            raise ValueError("a tempo map needs at least one piece")
        for prev, nxt in zip(segs, segs[1:], strict=False):
            if math.isinf(prev.duration):
                raise ValueError("only the last piece may be open-ended")
            if abs(nxt.start - prev.end) > 1e-9 * max(1.0, abs(prev.end)):
                raise ValueError(f"pieces must be contiguous ({prev.end} then {nxt.start})")
            if nxt.phase0 < prev.phase_end - 1e-6:
                raise ValueError("beat phase cannot move backwards")
        sounding = tuple(s for s in segs if not s.silent)
        object.__setattr__(self, "_starts", tuple(s.start for s in segs))
        object.__setattr__(self, "_sounding", sounding)
        object.__setattr__(self, "_sounding_phase0", tuple(s.phase0 for s in sounding))

    # -- constructors -------------------------------------------------------------------------

    @classmethod
    def constant(cls, bpm: float, *, start: float = 0.0, phase0: float = 0.0) -> TempoMap:
        if bpm <= 0:
            return cls.silent(start=start, phase0=phase0)
        return cls((Ramp(start, math.inf, bpm, bpm, phase0),))

    @classmethod
    def silent(cls, *, start: float = 0.0, phase0: float = 0.0) -> TempoMap:
        return cls((Ramp(start, math.inf, 0.0, 0.0, phase0),))

    @classmethod
    def ramp(
        cls,
        bpm0: float,
        bpm1: float,
        duration: float,
        *,
        start: float = 0.0,
        phase0: float = 0.0,
        hold: bool = True,
    ) -> TempoMap:
        """A ramp from ``start``, then (``hold``) the final tempo for ever, else silence."""
        first = Ramp(start, duration, bpm0, bpm1, phase0)
        tail = Ramp(first.end, math.inf, bpm1, bpm1, first.phase_end) if hold else None
        if tail is None:
            tail = Ramp(first.end, math.inf, 0.0, 0.0, first.phase_end)
        return cls((first, tail))

    @classmethod
    def after_preroll(cls, bpm: float, preroll_s: float, *, start: float = 0.0) -> TempoMap:
        """Silence for ``preroll_s``, then beat 0 and a steady ``bpm``."""
        if preroll_s <= 0:
            return cls.constant(bpm, start=start)
        return cls.silent(start=start).with_restart(start, start + preroll_s, bpm)

    @classmethod
    def from_cadence_pieces(
        cls,
        pieces: Iterable[CadencePiece | tuple[float, float, float | None, float | None]],
        *,
        min_bpm: float = 0.0,
        start: float = 0.0,
        first_beat: int = 0,
        hold_last: bool = False,
    ) -> TempoMap:
        """Build the map of a whole programme from its cadence pieces.

        Gaps between pieces and pieces with no cadence (or one below ``min_bpm``) are silent;
        a ramp that crosses ``min_bpm`` is split where it does. After a silence the grid
        restarts with a beat exactly at the start of the next sounding piece. The map is
        silent after the last piece unless ``hold_last``.
        """
        spans: list[tuple[float, float, float, float]] = []  # start, end, bpm0, bpm1 (0 = mute)
        for raw in pieces:
            p = raw if isinstance(raw, CadencePiece) else CadencePiece(*raw)
            if not (math.isfinite(p.start_s) and math.isfinite(p.end_s)):
                raise ValueError("cadence pieces need finite times")
            if p.end_s < p.start_s:
                raise ValueError(f"cadence piece ends before it starts ({p.start_s}, {p.end_s})")
            if p.end_s == p.start_s:
                continue
            s0, s1 = p.spm_start, p.spm_final
            if s0 is None or s1 is None:
                spans.append((p.start_s, p.end_s, 0.0, 0.0))
                continue
            for a, b, c0, c1 in _split_at_threshold(p.start_s, p.end_s, s0, s1, min_bpm):
                spans.append((a, b, c0, c1))
        spans.sort(key=lambda s: s[0])
        segs: list[Ramp] = []
        t = start
        phase = float(first_beat)
        sounded = False

        def add(a: float, b: float, c0: float, c1: float) -> None:
            nonlocal t, phase, sounded
            dur = b - t
            if dur <= 0:
                return
            if c0 > 0 and (not segs or segs[-1].silent):
                phase = float(_next_free_beat(phase, sounded))
            seg = Ramp(t, dur, c0, c1, phase)
            segs.append(seg)
            t = seg.end
            phase = seg.phase_end
            sounded = sounded or not seg.silent

        for a, b, c0, c1 in spans:
            if a > t + 1e-12:
                add(t, a, 0.0, 0.0)
            if b <= t:
                continue
            if a < t:  # overlapping piece: keep its tail
                frac = (t - a) / (b - a)
                c0 = c0 + (c1 - c0) * frac
            add(t, b, c0, c1)
        last_bpm = segs[-1].bpm1 if segs else 0.0
        if hold_last and last_bpm > 0:
            segs.append(Ramp(t, math.inf, last_bpm, last_bpm, phase))
        else:
            segs.append(Ramp(t, math.inf, 0.0, 0.0, phase))
        return cls(tuple(segs))

    @classmethod
    def from_timeline(
        cls, timeline: TimelineLike, *, min_bpm: float = 70.0, resolution_s: float = 1.0
    ) -> TempoMap:
        """The map of a compiled programme (``profiles.Timeline``), sampled per segment.

        Each segment's cadence is taken as linear when its midpoint and quarter points agree;
        otherwise the segment is bisected down to ``resolution_s`` steps.
        """
        pieces: list[CadencePiece] = []
        for seg in timeline.segments:
            if seg.end_s > seg.start_s:
                _sample_pieces(timeline.at, seg.start_s, seg.end_s, resolution_s, pieces)
        return cls.from_cadence_pieces(pieces, min_bpm=min_bpm)

    # -- queries -------------------------------------------------------------------------------

    def _segment_at(self, t: float) -> Ramp | None:
        i = bisect_right(self._starts, t) - 1
        return self.segments[i] if i >= 0 else None

    def bpm_at(self, t: float) -> float:
        seg = self._segment_at(t)
        if seg is None:
            return 0.0
        x = t - seg.start
        if x >= seg.duration:
            return 0.0
        return seg.bpm_at_offset(x)

    def phase_at(self, t: float) -> float:
        seg = self._segment_at(t)
        if seg is None:
            return self.segments[0].phase0
        x = t - seg.start
        if x >= seg.duration:
            return seg.phase_end
        return seg.phase_at_offset(x)

    @property
    def first_beat(self) -> int:
        """Number of the earliest beat (``time_of_beat`` of lower numbers is meaningless)."""
        if not self._sounding:
            return math.ceil(self.segments[-1].phase0 - PHASE_TOL)
        return math.ceil(self._sounding[0].phase0 - PHASE_TOL)

    def time_of_beat(self, n: int) -> float:
        """Time of beat ``n``: the first moment the phase reaches ``n`` (``inf`` if never)."""
        sounding = self._sounding
        k = bisect_right(self._sounding_phase0, n + PHASE_TOL) - 1
        if k < 0:
            return sounding[0].start if sounding else math.inf
        seg = sounding[k]
        if n <= seg.phase_end + PHASE_TOL:
            return max(seg.start, seg.time_at_phase(n))
        if k + 1 < len(sounding):
            return sounding[k + 1].start
        return math.inf

    def next_sounding_start(self, t: float) -> float | None:
        """Start of the first sounding piece beginning after ``t`` (a pending pre-roll end)."""
        for seg in self._sounding:
            if seg.start > t:
                return seg.start
        return None

    def first_beat_at_or_after(self, t: float) -> int:
        lowest = self.first_beat
        n = max(lowest, math.ceil(self.phase_at(t)) - 1)
        while self.time_of_beat(n) < t:
            n += 1
        while n > lowest and self.time_of_beat(n - 1) >= t:
            n -= 1
        return n

    def beats_between(self, t0: float, t1: float) -> int:
        """Number of beats with ``t0 <= time < t1``."""
        if t1 <= t0:
            return 0
        return self.first_beat_at_or_after(t1) - self.first_beat_at_or_after(t0)

    # -- live changes ----------------------------------------------------------------------------

    def _cut(self, t_c: float) -> list[Ramp]:
        """Pieces up to ``t_c`` (the one holding it truncated), padded with silence if needed."""
        kept: list[Ramp] = []
        for seg in self.segments:
            if seg.end <= t_c:
                kept.append(seg)
            elif seg.start < t_c:
                x = t_c - seg.start
                bpm1 = seg.bpm_at_offset(x)
                if not seg.silent and bpm1 <= 0:
                    bpm1 = seg.bpm0  # cannot happen for valid ramps; keep the piece valid
                kept.append(Ramp(seg.start, x, seg.bpm0, bpm1, seg.phase0))
                break
            else:
                break
        if kept and kept[-1].end < t_c:
            last = kept[-1]
            kept.append(Ramp(last.end, t_c - last.end, 0.0, 0.0, last.phase_end))
        return kept

    def _sounded_before(self, t_c: float) -> bool:
        return any(not s.silent and s.start < t_c for s in self.segments)

    def with_change(self, t_c: float, target_bpm: float | None, ramp_s: float = 0.0) -> TempoMap:
        """The map cut at ``t_c``, then a ramp from the tempo there to ``target_bpm`` over
        ``ramp_s`` and a hold. Phase and tempo stay continuous, so the grid does not jump.

        ``None``/0 silences from ``t_c``; from silence the grid restarts at ``t_c``.
        """
        if not math.isfinite(t_c):
            raise ValueError("change time must be finite")
        if ramp_s < 0 or not math.isfinite(ramp_s):
            raise ValueError("ramp time must be finite and not negative")
        target = 0.0 if target_bpm is None else float(target_bpm)
        if not math.isfinite(target) or target < 0:
            raise ValueError(f"target tempo must be a positive number, got {target_bpm}")
        now_bpm = self.bpm_at(t_c)
        if target > 0 and now_bpm == 0:
            return self.with_restart(t_c, t_c, target)
        phase = self.phase_at(t_c)
        segs = self._cut(t_c)
        t = t_c
        if target > 0 and ramp_s > 0 and target != now_bpm:
            ramp = Ramp(t, ramp_s, now_bpm, target, phase)
            segs.append(ramp)
            t, phase = ramp.end, ramp.phase_end
        segs.append(Ramp(t, math.inf, target, target, phase))
        return TempoMap(tuple(segs))

    def with_restart(self, t_c: float, t_start: float, bpm: float) -> TempoMap:
        """Silence from ``t_c``, then a fresh grid: a beat exactly at ``t_start`` and a steady
        ``bpm``. Beat numbers carry on (so left/right accents stay in step)."""
        if t_start < t_c:
            raise ValueError("a restart cannot begin before the cut")
        if not (bpm > 0 and math.isfinite(bpm)):
            raise ValueError(f"tempo must be a positive number, got {bpm}")
        phase = self.phase_at(t_c)
        segs = self._cut(t_c)
        if t_start > t_c:
            segs.append(Ramp(t_c, t_start - t_c, 0.0, 0.0, phase))
        first = float(_next_free_beat(phase, self._sounded_before(t_c)))
        segs.append(Ramp(t_start, math.inf, bpm, bpm, first))
        return TempoMap(tuple(segs))


def _split_at_threshold(
    t0: float, t1: float, c0: float, c1: float, min_bpm: float
) -> list[tuple[float, float, float, float]]:
    """Split a linear piece where it crosses ``min_bpm``; parts below it become silent."""
    below0, below1 = c0 < min_bpm, c1 < min_bpm
    if below0 and below1:
        return [(t0, t1, 0.0, 0.0)]
    if not below0 and not below1:
        return [(t0, t1, c0, c1)]
    tx = t0 + (t1 - t0) * (min_bpm - c0) / (c1 - c0)
    if below0:
        return [(t0, tx, 0.0, 0.0), (tx, t1, min_bpm, c1)]
    return [(t0, tx, c0, min_bpm), (tx, t1, 0.0, 0.0)]


def _sample_pieces(
    at: Callable[[float], _TargetsLike],
    t0: float,
    t1: float,
    resolution_s: float,
    out: list[CadencePiece],
) -> None:
    eps = min(1e-6, (t1 - t0) / 4)
    c0 = at(t0).cadence_spm
    c1 = at(t1 - eps).cadence_spm
    quarters = [at(t0 + (t1 - t0) * q).cadence_spm for q in (0.25, 0.5, 0.75)]
    if c0 is None and c1 is None and all(c is None for c in quarters):
        out.append(CadencePiece(t0, t1, None))
        return
    linear = c0 is not None and c1 is not None and all(c is not None for c in quarters)
    if linear and c0 is not None and c1 is not None:
        for q, c in zip((0.25, 0.5, 0.75), quarters, strict=True):
            assert c is not None
            if abs(c - (c0 + (c1 - c0) * q)) > 1e-6:
                linear = False
                break
    if linear:
        out.append(CadencePiece(t0, t1, c0, c1))
        return
    if t1 - t0 <= resolution_s:
        out.append(CadencePiece(t0, t1, c0))
        return
    mid = 0.5 * (t0 + t1)
    _sample_pieces(at, t0, mid, resolution_s, out)
    _sample_pieces(at, mid, t1, resolution_s, out)
