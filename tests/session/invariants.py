"""Safety invariants checked on a simulation's samples and events (integration + property)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from treadmill_tui.session.timeline import LimitsLike

WALKING = ("warmup", "main", "cooldown")
WALKER_STARTS = ("start", "resume", "resume_easy")
SPEED_STEP = 0.1
INCLINE_STEP = 0.5
SAFETY_SPEED_DOWN = 0.1  # EngineSettings defaults
SAFETY_INCLINE_DOWN = 0.05
EPS = 1e-6

Samples = Sequence[dict[str, Any]]
Events = Sequence[dict[str, Any]]


def commands(events: Events, name: str | None = None) -> list[dict[str, Any]]:
    return [
        e
        for e in events
        if e["type"] == "command" and (name is None or e["details"]["name"] == name)
    ]


def check_start_only_after_walker(events: Events) -> None:
    """Every Start sent to the machine follows its own walker start/resume action."""
    armed = False
    for e in events:
        if e["type"] == "walker" and e["details"].get("action") in WALKER_STARTS:
            armed = True
        elif e["type"] == "command" and e["details"]["name"] == "start":
            assert armed, f"Start at t={e['t']} without a walker action"
            armed = False


def check_belt_moves_only_after_start(samples: Samples, events: Events) -> None:
    """The belt leaves 0 only when a Start went out during that standstill."""
    starts = [e["t"] for e in commands(events, "start")]
    zero_since: float | None = 0.0
    for s in samples:
        moving = s["speed_kmh"] > 0.05
        if not moving:
            if zero_since is None:
                zero_since = s["t"]
            continue
        if zero_since is not None:
            assert any(zero_since - 1.0 <= t <= s["t"] for t in starts), (
                f"belt moved at t={s['t']} with no Start since t={zero_since}"
            )
            zero_since = None


def check_exercises_on_a_stopped_belt(samples: Samples) -> int:
    n = 0
    for s in samples:
        if s.get("exercise") is not None:
            n += 1
            assert s["speed_kmh"] == 0.0, f"exercise shown at t={s['t']} at {s['speed_kmh']} km/h"
    return n


def _stretches(samples: Samples, key: str) -> list[list[tuple[float, float]]]:
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    for s in samples:
        v = s[key]
        if s["state"] in WALKING and v is not None:
            cur.append((s["t"], v))
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def _check_rate(points: list[tuple[float, float]], up: float, down: float, step: float) -> None:
    """For all i<j: v_j - v_i <= up*dt + step and v_i - v_j <= down*dt + step, in O(n)."""
    low = float("inf")  # min of v_i - up*t_i
    high = float("-inf")  # max of v_i + down*t_i
    for t, v in points:
        assert v - up * t - low <= step + EPS, f"rise too fast at t={t} (to {v})"
        assert high - (v + down * t) <= step + EPS, f"fall too fast at t={t} (to {v})"
        low = min(low, v - up * t)
        high = max(high, v + down * t)


def check_rate_limits(samples: Samples, limits: LimitsLike) -> None:
    for pts in _stretches(samples, "target_speed_kmh"):
        down = max(limits.speed_rate_kmh_per_s, limits.speed_down_rate_kmh_per_s, SAFETY_SPEED_DOWN)
        _check_rate(pts, limits.speed_rate_kmh_per_s, down, SPEED_STEP)
    for pts in _stretches(samples, "target_incline_pct"):
        down = max(
            limits.incline_rate_pct_per_s, limits.incline_down_rate_pct_per_s, SAFETY_INCLINE_DOWN
        )
        _check_rate(pts, limits.incline_rate_pct_per_s, down, INCLINE_STEP)


def check_targets_within_limits(samples: Samples, limits: LimitsLike) -> None:
    for s in samples:
        if s["state"] not in WALKING:
            continue
        v, i = s["target_speed_kmh"], s["target_incline_pct"]
        if v is not None:
            assert limits.speed_min_kmh - EPS <= v <= limits.speed_max_kmh + EPS, s
        if i is not None:
            assert limits.incline_min_pct - EPS <= i <= limits.incline_max_pct + EPS, s


def check_all(samples: Samples, events: Events, limits: LimitsLike) -> None:
    check_start_only_after_walker(events)
    check_belt_moves_only_after_start(samples, events)
    check_exercises_on_a_stopped_belt(samples)
    check_rate_limits(samples, limits)
    check_targets_within_limits(samples, limits)
