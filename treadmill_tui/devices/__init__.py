"""Treadmills: the FTMS client over a narrow transport seam, the simulator, Bluetooth.

The simulator lives in :mod:`treadmill_tui.devices.simulator`, Bluetooth LE in
:mod:`treadmill_tui.devices.bluetooth`; :func:`open_transport` picks one.
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
from treadmill_tui.devices.opening import SIMULATOR, BadDeviceSpec, open_transport
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.devices.treadmill import Treadmill

__all__ = [
    "SIMULATOR",
    "AttError",
    "BadDeviceSpec",
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
    "open_transport",
]
