"""What the treadmill client tells its listeners; ``t`` comes from the client's clock."""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.devices.errors import DeviceError
from treadmill_tui.ftms import MachineStatus, TrainingStatus, TreadmillData


@dataclass(frozen=True, slots=True)
class TelemetryReceived:
    """One whole Treadmill Data record (multi-packet records already merged)."""

    t: float
    data: TreadmillData


@dataclass(frozen=True, slots=True)
class StatusReceived:
    """A Fitness Machine Status notification (console stop, safety key, ...)."""

    t: float
    status: MachineStatus


@dataclass(frozen=True, slots=True)
class TrainingStatusReceived:
    """A Training Status notification (optional characteristic)."""

    t: float
    status: TrainingStatus


@dataclass(frozen=True, slots=True)
class ControlLost:
    """Control permission is gone (Status 0xFF or a 0x05 answer); ask again on the next command."""

    t: float


@dataclass(frozen=True, slots=True)
class LinkDropped:
    """The link went down unexpectedly; call ``Treadmill.reconnect()``."""

    t: float


@dataclass(frozen=True, slots=True)
class CommandSent:
    """A Control Point write is about to go out (``value`` is the snapped target, if any)."""

    t: float
    name: str
    value: float | None = None


@dataclass(frozen=True, slots=True)
class CommandFailed:
    """A command raised ``error`` (also raised to the caller)."""

    t: float
    name: str
    error: DeviceError


DeviceEvent = (
    TelemetryReceived
    | StatusReceived
    | TrainingStatusReceived
    | ControlLost
    | LinkDropped
    | CommandSent
    | CommandFailed
)
