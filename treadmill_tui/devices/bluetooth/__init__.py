"""Real treadmills and sensors over Bluetooth LE (bleak), below the ``FtmsTransport`` seam.

See docs/bluetooth.md. ``BleakTransport`` is the seam's second implementation (the simulator
is the first); ``scan`` finds devices; ``SensorReader`` reads a footpod or heart-rate strap;
quirks patch what a given model gets wrong.
"""

from __future__ import annotations

from treadmill_tui.devices.bluetooth.errors import (
    BluetoothUnavailable,
    DeviceNotFound,
    translate,
)
from treadmill_tui.devices.bluetooth.quirks import Quirk, QuirksError, load_quirks, quirk_for
from treadmill_tui.devices.bluetooth.scan import Found, Kind, check_bluetooth, scan
from treadmill_tui.devices.bluetooth.sensors import SensorReader
from treadmill_tui.devices.bluetooth.transport import BleakTransport

__all__ = [
    "BleakTransport",
    "BluetoothUnavailable",
    "DeviceNotFound",
    "Found",
    "Kind",
    "Quirk",
    "QuirksError",
    "SensorReader",
    "check_bluetooth",
    "load_quirks",
    "quirk_for",
    "scan",
    "translate",
]
