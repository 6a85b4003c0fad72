"""A connected client + simulator pair for device tests (run inside a VirtualTimeLoop)."""

from __future__ import annotations

from dataclasses import dataclass, field

from treadmill_tui.devices.events import DeviceEvent
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill, SimulatorConfig
from treadmill_tui.devices.treadmill import Treadmill


@dataclass
class Rig:
    machine: SimulatedTreadmill
    transport: SimulatedTransport
    client: Treadmill
    events: list[DeviceEvent] = field(default_factory=list)

    def of(self, kind: type) -> list[DeviceEvent]:
        return [e for e in self.events if isinstance(e, kind)]

    def cp_ops(self) -> list[int]:
        """Op codes of every CP write the machine received, in order."""
        return [entry.raw[0] for entry in self.machine.log]


async def make_rig(
    config: SimulatorConfig | None = None,
    *,
    timeout_s: float = 30.0,
    connect: bool = True,
    control: bool = False,
) -> Rig:
    machine = SimulatedTreadmill(config or SimulatorConfig())
    transport = SimulatedTransport(machine)
    client = Treadmill(transport, response_timeout_s=timeout_s)
    rig = Rig(machine, transport, client)
    client.add_listener(rig.events.append)
    if connect:
        await client.connect()
    if control:
        await client.request_control()
    return rig
