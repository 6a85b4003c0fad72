"""The engine's own tunables and belt thresholds: engineering choices, not profile content."""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.profiles.display_units import KMH, SpeedUnit

STOPPED_KMH = 0.005  # telemetry at or below this (0.00 at FTMS resolution) is a stopped belt
MOVING_KMH = 0.3  # telemetry above this while the session is paused is a moving belt


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Engineering choices (docs/walking.md 'Eng' rows) that are not part of a profile."""

    stop_confirm_s: float = 5.0  # unconfirmed speed 0 this long after the ramp -> "Press STOP"
    expected_decel_kmh_per_s: float = 0.5  # docs/walking.md: controlled stop <= 0.5 km/h per s
    start_confirm_s: float = 10.0  # belt still at 0 after Start -> tell the walker (no resend)
    speed_follow_timeout_s: float = 10.0
    incline_follow_timeout_s: float = 15.0
    speed_down_rate_kmh_per_s: float = 0.1
    incline_down_rate_pct_per_s: float = 0.05  # 0.5 % per 10 s
    min_speed_step_kmh: float = 0.1
    min_incline_step_pct: float = 0.5
    step_length_m: float | None = None  # calibrated step length; None: estimate from speed
    amber_incline_drop_pct: float = 0.5
    amber_speed_drop_kmh: float = 0.3
    amber_cadence_factor: float = 0.95
    resume_easy_check_s: float = 120.0
    extend_s: float = 60.0
    max_speed_offset_kmh: float = 2.0
    max_incline_offset_pct: float = 5.0
    choice_timeout_s: float = 300.0  # red / no-answer pause with no choice -> end
    post_walk_timeout_s: float = 300.0
    messages_kept: int = 6
    emergency_number: str = "112"  # fills {emergency_number} in the red-flag text (§5)
    # belt stopped longer than this -> warm up again; the profile's
    # ``[breaks] restart_warmup_after`` wins when the timeline has a break policy
    restart_warmup_after_s: float = 300.0
    # docs/walking.md §4.1: "> 5 min -> restart with a 3-min warm-up"
    restart_warmup_s: float = 180.0
    # docs/walking.md §2: the final stop goes out at or below the starting speed. A programme
    # that ends faster is brought down at the limit rate first, whatever the profile says.
    final_stop_max_kmh: float = 2.5
    # the walker's session number (1-based); None = unknown: no offered breaks (sessions 1-2
    # are familiarisation, docs/walking.md §4.1, so not knowing is treated as "too early")
    session_number: int | None = None
    # how the walker's messages show speeds (the walker's ``units`` setting); display only:
    # every value the engine holds or sends stays in km/h
    speed_unit: SpeedUnit = KMH
