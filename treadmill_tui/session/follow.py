"""Did the treadmill follow a set-target? Tracking one speed or incline target until telemetry
shows it (or clear progress toward it), so a silent machine gets one resend, then the control
is marked unavailable (docs/ftms.md: never resend more than once)."""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.session.engine_settings import EngineSettings

UNAVAILABLE_TEXT = {
    "speed": "Speed control is not working; change speed on the treadmill console.",
    "incline": "Incline control is not working; the walk carries on with speed only.",
}


@dataclass
class Follow:
    """A commanded value not yet seen in telemetry."""

    value: float
    since: float
    start: float | None  # the actual value when it was commanded
    resent: bool = False


def has_followed(kind: str, f: Follow, actual: float) -> bool:
    """At the target (within telemetry tolerance), or moved that far toward it."""
    tol = 0.05 if kind == "speed" else 0.25
    dist = abs(actual - f.value)
    progress = abs(f.start - f.value) - dist if f.start is not None else 0.0
    return dist <= tol or progress >= tol


def follow_timeout_s(kind: str, cfg: EngineSettings) -> float:
    return cfg.speed_follow_timeout_s if kind == "speed" else cfg.incline_follow_timeout_s
