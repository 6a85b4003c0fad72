"""What a connected treadmill says it can do."""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.ftms import Features, InclinationRange, SpeedRange


@dataclass(frozen=True, slots=True)
class Capabilities:
    """Feature flags and supported ranges, read once at connect.

    ``speed_range`` is ``None`` only when the machine cannot take speed targets (then
    ``can_set_speed`` is False too).
    """

    features: Features
    speed_range: SpeedRange | None
    inclination_range: InclinationRange | None
    can_set_speed: bool
    can_set_incline: bool
    has_training_status: bool
