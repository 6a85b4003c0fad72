"""GATT UUIDs of the services and characteristics the treadmill link uses (docs/ftms.md §1)."""

from __future__ import annotations

_BASE_SUFFIX = "-0000-1000-8000-00805f9b34fb"


def uuid16(n: int) -> str:
    """The full 128-bit lower-case UUID string of a 16-bit SIG-assigned UUID."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 0xFFFF:
        raise ValueError(f"a 16-bit UUID must be an int in 0..0xFFFF, got {n!r}")
    return f"0000{n:04x}{_BASE_SUFFIX}"


FTMS_SERVICE = uuid16(0x1826)
FITNESS_MACHINE_FEATURE = uuid16(0x2ACC)
TREADMILL_DATA = uuid16(0x2ACD)
TRAINING_STATUS = uuid16(0x2AD3)
SUPPORTED_SPEED_RANGE = uuid16(0x2AD4)
SUPPORTED_INCLINATION_RANGE = uuid16(0x2AD5)
FITNESS_MACHINE_CONTROL_POINT = uuid16(0x2AD9)
FITNESS_MACHINE_STATUS = uuid16(0x2ADA)
RSC_SERVICE = uuid16(0x1814)
RSC_MEASUREMENT = uuid16(0x2A53)
HEART_RATE_SERVICE = uuid16(0x180D)
HEART_RATE_MEASUREMENT = uuid16(0x2A37)

CHARACTERISTIC_NAMES: dict[int, str] = {
    0x2ACC: "Fitness Machine Feature",
    0x2ACD: "Treadmill Data",
    0x2AD3: "Training Status",
    0x2AD4: "Supported Speed Range",
    0x2AD5: "Supported Inclination Range",
    0x2AD9: "Fitness Machine Control Point",
    0x2ADA: "Fitness Machine Status",
    0x2A53: "RSC Measurement",
    0x2A37: "Heart Rate Measurement",
}


def characteristic_label(n: int) -> str:
    """``"Treadmill Data (0x2ACD)"``: how errors and logs name a characteristic."""
    name = CHARACTERISTIC_NAMES.get(n, "Characteristic")
    return f"{name} (0x{n:04X})"
