"""The one place that turns a device choice into a transport: the simulator or an address."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from treadmill_tui.devices.errors import DeviceError

if TYPE_CHECKING:
    from treadmill_tui.devices.bluetooth.quirks import Quirk
    from treadmill_tui.devices.simulator import SimulatorConfig
    from treadmill_tui.devices.transport import FtmsTransport

SIMULATOR = "simulator"
"""The spec of the built-in simulated treadmill."""

# A Bluetooth address (Linux, Windows) or the UUID macOS uses instead of one.
_ADDRESS = re.compile(r"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$")
_MAC_UUID = re.compile(r"^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$")


class BadDeviceSpec(DeviceError):
    def __init__(self, spec: str) -> None:
        self.spec = spec
        super().__init__(
            f"'{spec}' is not a Bluetooth address (like AA:BB:CC:DD:EE:FF); "
            "run 'treadmill-tui scan' to list the treadmills nearby"
        )


def is_address(spec: str) -> bool:
    return bool(_ADDRESS.match(spec) or _MAC_UUID.match(spec))


def open_transport(
    spec: str,
    *,
    sim_config: SimulatorConfig | None = None,
    quirks: list[Quirk] | None = None,
    pair: bool = False,
) -> FtmsTransport:
    """A transport for ``spec``: ``"simulator"`` (connected at once) or a Bluetooth address
    (unconnected: ``Treadmill.connect()`` opens it). Raises ``BadDeviceSpec``."""
    if spec == SIMULATOR:  # the simulator and the FTMS codec load when a walk opens one
        from treadmill_tui.devices.simulator import (
            SimulatedTransport,
            SimulatedTreadmill,
            SimulatorConfig,
        )

        return SimulatedTransport(SimulatedTreadmill(sim_config or SimulatorConfig()))
    if not is_address(spec):
        raise BadDeviceSpec(spec)
    from treadmill_tui.devices.bluetooth.transport import BleakTransport  # bleak only when used

    return BleakTransport(spec.upper() if _ADDRESS.match(spec) else spec, quirks=quirks, pair=pair)
