"""Treadmills: the FTMS client over a narrow transport seam, the simulator, Bluetooth.

The simulator lives in :mod:`treadmill_tui.devices.simulator`.
"""

from __future__ import annotations

from treadmill_tui.devices.capabilities import Capabilities
from treadmill_tui.devices.errors import (
    AttError,
    CharacteristicNotFound,
    CommandRejected,
    CommandTimeout,
    ControlPointUnusable,
    DeviceError,
    LinkLost,
    NotInControl,
    UnsupportedCommand,
)
from treadmill_tui.devices.events import (
    CommandFailed,
    CommandSent,
    ControlLost,
    DeviceEvent,
    LinkDropped,
    StatusReceived,
    TelemetryReceived,
    TrainingStatusReceived,
)
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.devices.treadmill import Treadmill

__all__ = [
    "AttError",
    "Capabilities",
    "CharacteristicNotFound",
    "CommandFailed",
    "CommandRejected",
    "CommandSent",
    "CommandTimeout",
    "ControlLost",
    "ControlPointUnusable",
    "DeviceError",
    "DeviceEvent",
    "FtmsTransport",
    "LinkDropped",
    "LinkLost",
    "NotInControl",
    "StatusReceived",
    "TelemetryReceived",
    "TrainingStatusReceived",
    "Treadmill",
    "UnsupportedCommand",
]
