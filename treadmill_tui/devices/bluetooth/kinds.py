"""What a Bluetooth device found nearby is (its own module: the dashboard names sensor kinds
without loading the scanner or the FTMS codec)."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    TREADMILL = "treadmill"
    FITNESS_MACHINE = "fitness machine"
    """FTMS without the treadmill flag (flag missing, or another machine type)."""
    FOOTPOD = "footpod"
    HEART_RATE = "heart-rate strap"
