"""A validated profile compiled into targets over programme time.

Rate limits are applied here, so following ``at(t)`` never changes the belt faster than the
limits: a jump between consecutive segments (warm-up 2.5 → walk 3.0 km/h) and each rise of a
step pattern become a ramp at the limit rate starting where the jump is written. Decreases use
the ``*_down_*`` rates. The belt start at the beginning and after each break begins at
``speed_min_kmh`` (what a treadmill starts at) and ramps up at the limit rate. Inside a break
the speed is 0 (the engine stops the belt by command) and the incline holds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from treadmill_tui.profiles.model import (
    KMH_PER_SPM_M,
    PHASE_OF_KIND,
    WALKING_KINDS,
    BreakPolicy,
    Constant,
    ExerciseStep,
    Limits,
    MetronomeSettings,
    PainPolicy,
    Phase,
    Profile,
    Ramp,
    Steps,
    Target,
    target_first,
    target_last,
    target_pieces,
)
from treadmill_tui.profiles.problems import Problem, ProfileError

_EPS = 1e-9

Piece = tuple[float, float, float | None, float | None]  # t0, t1, value at t0, value at t1


@dataclass(frozen=True, slots=True)
class TimelineSegment:
    """A segment placed on programme time; pain checks have ``start_s == end_s``."""

    index: int
    kind: str
    name: str
    phase: Phase
    start_s: float
    end_s: float
    exercises: tuple[ExerciseStep, ...] = ()
    speed: Target | None = None
    incline: Target | None = None
    cadence: Target | None = None
    cadence_led: bool = False

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True, slots=True)
class Targets:
    """What the programme asks for at one moment."""

    speed_kmh: float
    incline_pct: float
    cadence_spm: float | None
    segment: TimelineSegment
    phase: Phase


@dataclass(frozen=True, slots=True)
class Totals:
    """Programme totals; distance and elevation follow the rate-limited targets."""

    duration_s: float
    distance_m: float
    elevation_gain_m: float
    breaks: int
    checks: int


@dataclass(frozen=True, slots=True)
class Track:
    """A piecewise-linear value over time; ``None`` where it is off (cadence without a beat)."""

    starts: tuple[float, ...]
    pieces: tuple[Piece, ...]

    def piece_at(self, t: float) -> Piece:
        i = max(bisect_right(self.starts, t) - 1, 0)
        return self.pieces[i]

    def value(self, t: float) -> float | None:
        return _eval(self.piece_at(t), t)

    def highest(self) -> float | None:
        """The largest value the track takes (a linear piece peaks at one of its ends); None
        when it is off throughout."""
        return max((v for p in self.pieces for v in p[2:] if v is not None), default=None)


def _eval(piece: Piece, t: float) -> float | None:
    t0, t1, y0, y1 = piece
    if y0 is None or y1 is None:
        return None
    if t1 <= t0:
        return y0
    frac = min(max((t - t0) / (t1 - t0), 0.0), 1.0)
    return y0 + (y1 - y0) * frac


class _In(NamedTuple):  # a tuple: a compile may make tens of thousands of these
    """One piece of the wanted track before rate limiting."""

    t0: float
    t1: float
    a: float | None
    b: float | None
    mode: str  # "follow" | "hold" | "off"
    reset: float | None = None


def _limit(inputs: list[_In], up: float, down: float) -> Track:
    """Slew-rate limit a piecewise-linear input exactly (a chase at the limit after each jump)."""
    out: list[Piece] = []
    y: float | None = None
    for p in inputs:
        if p.t1 <= p.t0:
            continue
        if p.mode == "off":
            out.append((p.t0, p.t1, None, None))
            y = None
            continue
        if p.reset is not None:
            y = p.reset
        if p.mode == "hold" or p.a is None or p.b is None:
            value = 0.0 if y is None else y
            out.append((p.t0, p.t1, value, value))
            y = value
            continue
        a, b = p.a, p.b
        if y is None:
            y = a
        slope = (b - a) / (p.t1 - p.t0)
        if abs(y - a) <= _EPS and -down - _EPS <= slope <= up + _EPS:
            out.append((p.t0, p.t1, a, b))
            y = b
            continue
        if abs(y - a) <= _EPS:  # wanted slope too steep: move at the limit instead
            rate = up if slope > 0 else -down
            y_end = y + rate * (p.t1 - p.t0)
            out.append((p.t0, p.t1, y, y_end))
            y = y_end
            continue
        rate = up if a > y else -down
        meet = (a - y) / (rate - slope) if abs(rate - slope) > _EPS else float("inf")
        if 0 <= meet and p.t0 + meet < p.t1 - _EPS:
            tm = p.t0 + meet
            ym = y + rate * meet
            out.append((p.t0, tm, y, ym))
            if -down - _EPS <= slope <= up + _EPS:
                out.append((tm, p.t1, ym, b))
                y = b
            else:
                y_end = ym + (up if slope > 0 else -down) * (p.t1 - tm)
                out.append((tm, p.t1, ym, y_end))
                y = y_end
        else:
            y_end = y + rate * (p.t1 - p.t0)
            out.append((p.t0, p.t1, y, y_end))
            y = y_end
    if not out:
        out.append((0.0, 0.0, 0.0, 0.0))
    return Track(tuple(q[0] for q in out), tuple(out))


@dataclass(frozen=True, slots=True)
class Timeline:
    """The compiled programme. ``at(t)`` is a few bisections, cheap enough to call every tick.

    ``pain_check_times`` lists the explicit ``pain_check`` segments only; the policy's interval
    and after-increase checks depend on when checks are answered, so the engine schedules them
    (``increase_times`` tells it where planned increases begin).
    """

    name: str
    duration_s: float
    segments: tuple[TimelineSegment, ...]
    limits: Limits
    pain_policy: PainPolicy
    break_policy: BreakPolicy
    metronome: MetronomeSettings
    increase_times: tuple[float, ...]
    pain_check_times: tuple[float, ...]
    totals: Totals
    speed_track: Track
    incline_track: Track
    cadence_track: Track
    _timed: tuple[TimelineSegment, ...]
    _timed_starts: tuple[float, ...]

    def segment_at(self, t: float) -> TimelineSegment:
        """The segment running at ``t`` (never a zero-length pain check)."""
        i = max(bisect_right(self._timed_starts, t) - 1, 0)
        return self._timed[i]

    def at(self, t_seconds: float) -> Targets:
        """Targets at programme time ``t_seconds`` (clamped to 0…duration)."""
        t = min(max(t_seconds, 0.0), self.duration_s)
        segment = self.segment_at(t)
        speed = self.speed_track.value(t)
        incline = self.incline_track.value(t)
        cadence = self.cadence_track.value(t)
        if segment.kind == "break":
            speed = 0.0
        return Targets(
            speed_kmh=0.0 if speed is None else speed,
            incline_pct=0.0 if incline is None else incline,
            cadence_spm=cadence,
            segment=segment,
            phase=segment.phase,
        )


def compile_profile(profile: Profile, *, step_length_m: float | None = None) -> Timeline:
    """Lay the segments on programme time and apply the rate limits.

    ``step_length_m`` (from the user's settings) overrides the profile's for cadence-led
    segments. Raises ProfileError only if a cadence-led segment has no step length at all.
    """
    limits = profile.limits
    length = step_length_m if step_length_m is not None else profile.step_length_m
    placed: list[TimelineSegment] = []
    t = 0.0
    for seg in profile.segments:
        cadence_led = seg.kind in WALKING_KINDS and seg.speed is None
        if cadence_led and length is None:
            raise ProfileError(
                [
                    Problem(
                        profile.source,
                        seg.line,
                        1,
                        f"segments[{seg.index}].cadence",
                        f"segment {seg.index + 1}: cadence-led walking needs a step length",
                        'add step_length = "0.65 m"',
                    )
                ]
            )
        if seg.kind == "pain_check":
            phase = placed[-1].phase if placed else Phase.WARMUP
        else:
            phase = PHASE_OF_KIND[seg.kind]
        placed.append(
            TimelineSegment(
                index=seg.index,
                kind=seg.kind,
                name=seg.name,
                phase=phase,
                start_s=t,
                end_s=t + seg.duration_s,
                exercises=seg.exercises,
                speed=seg.speed,
                incline=(seg.incline or Constant(0.0)) if seg.kind in WALKING_KINDS else None,
                cadence=seg.cadence,
                cadence_led=cadence_led,
            )
        )
        t += seg.duration_s
    # phases of leading pain checks follow the first real segment
    first_phase = next((s.phase for s in placed if s.kind != "pain_check"), Phase.WARMUP)
    placed = [
        _with_phase(s, first_phase) if s.kind == "pain_check" and k < _first_real(placed) else s
        for k, s in enumerate(placed)
    ]
    duration = t

    cadence_in: list[_In] = []
    incline_in: list[_In] = []
    previous_had_cadence = False
    seen_walking = False
    for s in placed:
        if s.kind in WALKING_KINDS:
            if s.cadence is None:
                cadence_in.append(_In(s.start_s, s.end_s, None, None, "off"))
                previous_had_cadence = False
            else:
                reset = None if previous_had_cadence else target_first(s.cadence)
                cadence_in.extend(_pieces(s.cadence, s, reset))
                previous_had_cadence = True
            assert s.incline is not None
            incline_in.extend(_pieces(s.incline, s, None if seen_walking else 0.0))
            seen_walking = True
        elif s.kind == "break":
            cadence_in.append(_In(s.start_s, s.end_s, None, None, "off"))
            incline_in.append(_In(s.start_s, s.end_s, None, None, "hold"))
            previous_had_cadence = False
    cadence_track = _limit(cadence_in, limits.cadence_rate_spm_per_s, limits.cadence_rate_spm_per_s)
    incline_track = _limit(
        incline_in, limits.incline_rate_pct_per_s, limits.incline_down_rate_pct_per_s
    )

    speed_in: list[_In] = []
    restart = True
    for s in placed:
        if s.kind in WALKING_KINDS:
            reset = limits.speed_min_kmh if restart else None
            if s.cadence_led:
                assert length is not None
                factor = length * KMH_PER_SPM_M
                # the cadence pieces that start inside this segment (bisected: a programme of
                # many cadence-led segments would otherwise scan every piece for each one)
                lo = bisect_left(cadence_track.starts, s.start_s - _EPS)
                hi = bisect_left(cadence_track.starts, s.end_s - _EPS)
                pieces = list(cadence_track.pieces[lo:hi])
                for k, (t0, t1, c0, c1) in enumerate(pieces):
                    assert c0 is not None and c1 is not None
                    speed_in.append(
                        _In(t0, t1, c0 * factor, c1 * factor, "follow", reset if k == 0 else None)
                    )
            else:
                assert s.speed is not None
                speed_in.extend(_pieces(s.speed, s, reset))
            restart = False
        elif s.kind == "break":
            speed_in.append(_In(s.start_s, s.end_s, 0.0, 0.0, "follow", 0.0))
            restart = True
    speed_track = _limit(speed_in, limits.speed_rate_kmh_per_s, limits.speed_down_rate_kmh_per_s)

    timed = tuple(s for s in placed if s.end_s > s.start_s) or tuple(placed[:1])
    totals = Totals(
        duration_s=duration,
        distance_m=_distance(speed_track),
        elevation_gain_m=_elevation(speed_track, incline_track),
        breaks=sum(1 for s in placed if s.kind == "break"),
        checks=sum(1 for s in placed if s.kind == "pain_check"),
    )
    return Timeline(
        name=profile.name,
        duration_s=duration,
        segments=tuple(placed),
        limits=limits,
        pain_policy=profile.pain_policy,
        break_policy=profile.break_policy,
        metronome=profile.metronome,
        increase_times=_increase_times(placed, length),
        pain_check_times=tuple(s.start_s for s in placed if s.kind == "pain_check"),
        totals=totals,
        speed_track=speed_track,
        incline_track=incline_track,
        cadence_track=cadence_track,
        _timed=timed,
        _timed_starts=tuple(s.start_s for s in timed),
    )


def _first_real(placed: list[TimelineSegment]) -> int:
    return next((k for k, s in enumerate(placed) if s.kind != "pain_check"), len(placed))


def _with_phase(s: TimelineSegment, phase: Phase) -> TimelineSegment:
    from dataclasses import replace

    return replace(s, phase=phase)


def _pieces(target: Target, s: TimelineSegment, reset: float | None) -> list[_In]:
    out: list[_In] = []
    for k, (t0, t1, a, b) in enumerate(target_pieces(target, s.duration_s)):
        out.append(_In(s.start_s + t0, s.start_s + t1, a, b, "follow", reset if k == 0 else None))
    return out


def _increase_times(placed: list[TimelineSegment], length: float | None) -> tuple[float, ...]:
    """Where planned rises begin: segment boundaries going up, rising ramps, each step."""
    times: set[float] = set()
    previous: dict[str, float | None] = {"speed": None, "incline": None, "cadence": None}
    for s in placed:
        if s.kind not in WALKING_KINDS:
            continue
        speed = s.speed
        if s.cadence_led and s.cadence is not None and length is not None:
            speed = _scaled(s.cadence, length * KMH_PER_SPM_M)
        wanted: dict[str, Target | None] = {
            "speed": speed,
            "incline": s.incline,
            "cadence": s.cadence,
        }
        for key, target in wanted.items():
            if target is None:
                previous[key] = None
                continue
            before = previous[key]
            if before is not None and target_first(target) > before + _EPS:
                times.add(s.start_s)
            if isinstance(target, Ramp) and target.end > target.start + _EPS:
                times.add(s.start_s)
            if isinstance(target, Steps):
                times.update(s.start_s + at for at, _ in target.step_times(s.duration_s))
            previous[key] = target_last(target, s.duration_s)
    return tuple(sorted(times))


def _scaled(target: Target, factor: float) -> Target:
    if isinstance(target, Constant):
        return Constant(target.value * factor)
    if isinstance(target, Ramp):
        return Ramp(target.start * factor, target.end * factor)
    return Steps(
        target.start * factor, target.step * factor, target.every_s, target.maximum * factor
    )


def _distance(speed: Track) -> float:
    total = 0.0
    for t0, t1, y0, y1 in speed.pieces:
        if y0 is not None and y1 is not None:
            total += (y0 + y1) / 2 * (t1 - t0) / 3.6
    return total


def _elevation(speed: Track, incline: Track) -> float:
    """∫ speed × grade dt, exact for piecewise-linear tracks (Simpson on each common piece).

    One pass over both tracks with a pointer each (both are sorted), so a programme with many
    thousands of steps still compiles quickly; stretches on the flat add nothing and are skipped.
    """
    cuts = sorted(
        {p[0] for p in speed.pieces}
        | {p[1] for p in speed.pieces}
        | {p[0] for p in incline.pieces}
        | {p[1] for p in incline.pieces}
    )
    sp, ip = speed.pieces, incline.pieces
    i = j = 0
    total = 0.0
    for u, v in zip(cuts, cuts[1:], strict=False):
        if v - u <= _EPS:
            continue
        m = (u + v) / 2
        while j + 1 < len(ip) and ip[j + 1][0] <= m:
            j += 1
        g = ip[j]
        if g[2] is None or g[3] is None or (g[2] == 0.0 and g[3] == 0.0):
            continue  # flat (or no incline): no climb
        while i + 1 < len(sp) and sp[i + 1][0] <= m:
            i += 1
        s = sp[i]
        if s[2] is None or s[3] is None:
            continue
        su, sm, sv = _line(s, u), _line(s, m), _line(s, v)
        gu, gm, gv = _line(g, u), _line(g, m), _line(g, v)
        total += (v - u) / 6 * (su * gu + 4 * sm * gm + sv * gv) / 360
    return total


def _line(piece: Piece, t: float) -> float:
    """``_eval`` for a piece known to have values."""
    t0, t1, y0, y1 = piece
    assert y0 is not None and y1 is not None
    if t1 <= t0:
        return y0
    frac = (t - t0) / (t1 - t0)
    return y0 + (y1 - y0) * (0.0 if frac < 0.0 else 1.0 if frac > 1.0 else frac)
