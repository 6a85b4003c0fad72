"""Things a valid profile allows that deserve a second look: ``profile check`` warnings.

None of these stops a walk, and the engine keeps the belt safe either way, but each means the
walk will not go as written:

- the cool-down is too short to bring the belt down at the limit rate, so the final stop would
  come at walking speed (or there is no cool-down at all);
- the walk starts on an incline with no warm-up;
- a cadence-led segment, with the walker's own step length from their settings, asks for a
  belt speed outside the speed limits, so the belt is held at the limit instead.

See docs/profiles.md ("Warnings").
"""

from __future__ import annotations

import math

from treadmill_tui.profiles.model import (
    KMH_PER_SPM_M,
    WALKING_KINDS,
    Constant,
    Profile,
    Ramp,
    Segment,
    Target,
    target_first,
    target_last,
)
from treadmill_tui.profiles.numbers import plain
from treadmill_tui.profiles.problems import Problem
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.profiles.validate import fmt_duration

_EPS = 1e-6
_SPEED_EPS = 0.05  # km/h: less than a treadmill shows


def profile_warnings(
    profile: Profile,
    timeline: Timeline,
    *,
    step_length_m: float | None = None,
    step_length_from: str = "your settings",
) -> list[Problem]:
    """Warnings for a profile that validated and compiled; ``step_length_m`` is the walker's
    (from their settings), used for cadence-led segments in place of the profile's."""
    walking = [s for s in profile.segments if s.kind in WALKING_KINDS]
    if not walking:
        return []
    out: list[Problem] = []
    out.extend(_ending(profile, timeline, walking))
    out.extend(_incline_without_warmup(profile, walking))
    if step_length_m is not None:
        out.extend(_cadence_speeds(profile, walking, step_length_m, step_length_from))
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0))


def _warn(profile: Profile, seg: Segment, key: str, message: str, hint: str) -> Problem:
    return Problem(
        profile.source,
        seg.line,
        1 if seg.line is not None else None,
        f"segments[{seg.index}].{key}",
        f"segment {seg.index + 1}: {message}",
        hint,
        severity="warning",
    )


def _ending(profile: Profile, timeline: Timeline, walking: list[Segment]) -> list[Problem]:
    last = walking[-1]
    limits = profile.limits
    end_speed = timeline.speed_track.value(timeline.duration_s) or 0.0
    rate = limits.speed_down_rate_kmh_per_s
    if last.kind != "cooldown":
        return [
            _warn(
                profile,
                last,
                "kind",
                f"the programme ends with a {last.kind} at {_num(end_speed)} km/h and no cool-down",
                'end with a [[segments]] kind = "cooldown" at about 75 % of the walking speed',
            )
        ]
    wanted = _speed_at_end(last, profile, timeline)
    if wanted is None or end_speed <= wanted + _SPEED_EPS:
        return []
    seg = next(s for s in timeline.segments if s.index == last.index)
    start_speed = timeline.speed_track.value(seg.start_s) or 0.0
    need_s = (start_speed - wanted) / rate
    return [
        _warn(
            profile,
            last,
            "duration",
            f"the cool-down ({_duration(last.duration_s)}) is too short to bring the belt down "
            f"from {_num(start_speed)} to {_num(wanted)} km/h at the limit rate "
            f"({_num(rate * 5)} km/h per 5 s): the programme would end at "
            f"{_num(end_speed)} km/h",
            f"make the cool-down at least {_duration(need_s)} long: "
            f'duration = "{math.ceil(need_s - _EPS)} s"',
        )
    ]


def _speed_at_end(last: Segment, profile: Profile, timeline: Timeline) -> float | None:
    if last.speed is not None:
        return target_last(last.speed, last.duration_s)
    if last.cadence is not None:
        seg = next(s for s in timeline.segments if s.index == last.index)
        cadence = timeline.cadence_track.value(seg.end_s)
        speed = timeline.speed_track.value(seg.end_s)
        if cadence is None or speed is None:
            return None
        # the cadence's own written end, turned into speed with the step length used
        factor = speed / cadence if cadence else 0.0
        return target_last(last.cadence, last.duration_s) * factor
    return None


def _incline_without_warmup(profile: Profile, walking: list[Segment]) -> list[Problem]:
    if any(s.kind == "warmup" for s in walking):
        return []  # incline in or before the warm-up is an error, checked by the validator
    first = walking[0]
    if first.incline is None or _highest(first.incline, first.duration_s) <= _EPS:
        return []
    return [
        _warn(
            profile,
            first,
            "incline",
            "the walk starts on an incline with no warm-up",
            'add a [[segments]] kind = "warmup" at 0 % first, or start this segment at 0 %',
        )
    ]


def _cadence_speeds(
    profile: Profile, walking: list[Segment], step_length_m: float, source: str
) -> list[Problem]:
    limits = profile.limits
    factor = step_length_m * KMH_PER_SPM_M
    out: list[Problem] = []
    for seg in walking:
        if seg.speed is not None or seg.cadence is None:
            continue
        high = _highest(seg.cadence, seg.duration_s)
        low = min(target_first(seg.cadence), target_last(seg.cadence, seg.duration_s))
        if high * factor > limits.speed_max_kmh + _EPS:
            out.append(
                _warn(
                    profile,
                    seg,
                    "cadence",
                    f"with the step length {_num(step_length_m)} m from {source}, "
                    f"{_num(high)} spm is {_num(high * factor)} km/h, above the speed limit "
                    f"{_num(limits.speed_max_kmh)} km/h; the belt will be held at "
                    f"{_num(limits.speed_max_kmh)} km/h",
                    f"lower the cadence to {_num(limits.speed_max_kmh / factor)} spm or less",
                )
            )
        elif low * factor < limits.speed_min_kmh - _EPS:
            out.append(
                _warn(
                    profile,
                    seg,
                    "cadence",
                    f"with the step length {_num(step_length_m)} m from {source}, "
                    f"{_num(low)} spm is {_num(low * factor)} km/h, below the speed limit "
                    f"{_num(limits.speed_min_kmh)} km/h; the belt will be held at "
                    f"{_num(limits.speed_min_kmh)} km/h",
                    f"raise the cadence to {_num(limits.speed_min_kmh / factor)} spm or more",
                )
            )
    return out


def _highest(target: Target, duration_s: float) -> float:
    if isinstance(target, Constant):
        return target.value
    if isinstance(target, Ramp):
        return max(target.start, target.end)
    return max([target.start, *(v for _, v in target.step_times(duration_s))])


def _num(value: float) -> str:
    return plain(value, 2)


def _duration(seconds: float) -> str:
    return fmt_duration(max(seconds, 1.0))
