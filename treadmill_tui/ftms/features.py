"""Fitness Machine Feature (0x2ACC): two uint32 bit fields, 8 bytes exactly (docs/ftms.md §3).

RFU bits are kept in the raw values and simply have no name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .reader import Buffer, Reader
from .scaling import pack_int
from .uuids import characteristic_label

LABEL = characteristic_label(0x2ACC)

FEATURE_NAMES: tuple[str, ...] = (
    "average_speed",
    "cadence",
    "total_distance",
    "inclination",
    "elevation_gain",
    "pace",
    "step_count",
    "resistance_level",
    "stride_count",
    "expended_energy",
    "heart_rate_measurement",
    "metabolic_equivalent",
    "elapsed_time",
    "remaining_time",
    "power_measurement",
    "force_on_belt_and_power_output",
    "user_data_retention",
)

TARGET_SETTING_NAMES: tuple[str, ...] = (
    "speed",
    "inclination",
    "resistance",
    "power",
    "heart_rate",
    "targeted_expended_energy",
    "targeted_step_number",
    "targeted_stride_number",
    "targeted_distance",
    "targeted_training_time",
    "targeted_time_in_two_heart_rate_zones",
    "targeted_time_in_three_heart_rate_zones",
    "targeted_time_in_five_heart_rate_zones",
    "indoor_bike_simulation",
    "wheel_circumference",
    "spin_down_control",
    "targeted_cadence",
)


def _names(raw: int, names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name for bit, name in enumerate(names) if raw >> bit & 1)


def _bits(selected: Iterable[str], names: tuple[str, ...], kind: str) -> int:
    raw = 0
    for name in selected:
        if name not in names:
            raise ValueError(f"unknown {kind} {name!r}")
        raw |= 1 << names.index(name)
    return raw


@dataclass(frozen=True, slots=True)
class Features:
    features_raw: int
    target_settings_raw: int

    def __post_init__(self) -> None:
        pack_int(self.features_raw, 4, False, "features_raw")
        pack_int(self.target_settings_raw, 4, False, "target_settings_raw")

    @classmethod
    def from_names(
        cls, features: Iterable[str] = (), target_settings: Iterable[str] = ()
    ) -> Features:
        return cls(
            _bits(features, FEATURE_NAMES, "feature"),
            _bits(target_settings, TARGET_SETTING_NAMES, "target setting"),
        )

    @property
    def features(self) -> frozenset[str]:
        return _names(self.features_raw, FEATURE_NAMES)

    @property
    def target_settings(self) -> frozenset[str]:
        return _names(self.target_settings_raw, TARGET_SETTING_NAMES)

    @property
    def supports_speed_target(self) -> bool:
        return bool(self.target_settings_raw & 0x01)

    @property
    def supports_inclination_target(self) -> bool:
        return bool(self.target_settings_raw & 0x02)


def decode_features(data: Buffer) -> Features:
    reader = Reader(data, LABEL)
    features = reader.u32("Fitness Machine Features")
    targets = reader.u32("Target Setting Features")
    reader.expect_end()
    return Features(features, targets)


def encode_features(features: Features) -> bytes:
    return features.features_raw.to_bytes(4, "little") + features.target_settings_raw.to_bytes(
        4, "little"
    )
