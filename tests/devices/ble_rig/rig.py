"""Build the air, the central and the virtual devices; install the bleak backend."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pytest
from bumble.device import Device
from bumble.link import LocalLink

from tests.devices.ble_rig.air import make_device
from tests.devices.ble_rig.backend import install
from tests.devices.ble_rig.peripherals import (
    RigTreadmill,
    VirtualSensor,
    VirtualTreadmill,
    footpod,
    strap,
)
from treadmill_tui.devices.simulator import SimulatorConfig

CENTRAL = "C0:00:00:00:00:01"
TREADMILL = "C0:00:00:00:00:10"
FOOTPOD = "C0:00:00:00:00:20"
STRAP = "C0:00:00:00:00:30"


@dataclass
class BleRig:
    link: LocalLink
    central: Device
    treadmill: VirtualTreadmill
    footpod: VirtualSensor
    strap: VirtualSensor
    rssi: dict[str, int] = field(default_factory=dict)

    @property
    def machine(self) -> RigTreadmill:
        return self.treadmill.machine

    def cp_ops(self) -> list[int]:
        return [w.data[0] for w in self.treadmill.cp_writes]

    async def close(self) -> None:
        """Central side first (its links, its scan), then the peripherals, then the central."""
        for connection in list(self.central.connections.values()):
            with contextlib.suppress(Exception):
                await connection.disconnect()
        with contextlib.suppress(Exception):
            await self.central.stop_scanning()
        for peripheral in (self.treadmill, self.footpod, self.strap):
            await peripheral.power_off()
        with contextlib.suppress(Exception):
            await self.central.power_off()


async def build_rig(
    monkeypatch: pytest.MonkeyPatch,
    config: SimulatorConfig | None = None,
    *,
    treadmill_name: str = "RIG TREADMILL",
    treadmill_flag: bool = True,
    sensors_advertise: bool = True,
) -> BleRig:
    """Everything on the running loop (bumble needs it at construction)."""
    link = LocalLink()  # type: ignore[no-untyped-call]
    central = await make_device(link, "central", CENTRAL)
    machine = RigTreadmill(config or SimulatorConfig())
    treadmill = VirtualTreadmill(
        await make_device(link, "treadmill", TREADMILL),
        machine,
        name=treadmill_name,
        treadmill_flag=treadmill_flag,
    )
    pod = footpod(await make_device(link, "footpod", FOOTPOD))
    hr = strap(await make_device(link, "strap", STRAP))
    rssi = {TREADMILL: -48, FOOTPOD: -70, STRAP: -62}
    install(monkeypatch, central, rssi)
    await treadmill.advertise()
    if sensors_advertise:
        await pod.advertise()
        await hr.advertise()
    return BleRig(link, central, treadmill, pod, hr, rssi)
