"""Virtual peripherals: the project's simulator as an FTMS GATT server, a footpod, a strap.

:class:`VirtualTreadmill` puts the very :class:`SimulatedTreadmill` the simulator tests use
behind bumble characteristics, so its physics and fault switches (``reject_incline``,
``ignore_commands``, ``drop_link``, ``revoke_control`` ...) run over real ATT bytes: reads
and Control Point writes go to the machine, the machine's notifications and indications go
out through bumble, and a CCCD write is what subscribes the machine's client.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from bumble import att, hci
from bumble.core import AdvertisingData
from bumble.device import Connection, Device
from bumble.gatt import Characteristic, CharacteristicValue, Service

from treadmill_tui.devices.errors import AttError, CharacteristicNotFound, DeviceError
from treadmill_tui.devices.simulator import SimulatedTreadmill
from treadmill_tui.ftms import (
    FITNESS_MACHINE_CONTROL_POINT,
    FITNESS_MACHINE_FEATURE,
    FITNESS_MACHINE_STATUS,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    TRAINING_STATUS,
    TREADMILL_DATA,
)
from treadmill_tui.ftms.sensors import (
    HeartRateMeasurement,
    RscMeasurement,
    encode_heart_rate,
    encode_rsc,
)

_log = logging.getLogger(__name__)

P = Characteristic.Properties
ADV_INTERVAL_MS = 20


def short(uuid: str) -> str:
    """``"2AD9"`` of a full 128-bit SIG UUID string."""
    return uuid[4:8].upper()


def advertising_data(name: str, service16: int, service_data: bytes | None = None) -> bytes:
    """Flags, one 16-bit service, optional service data and the name (31 bytes at most)."""
    structures: list[tuple[int, bytes]] = [
        (AdvertisingData.Type.FLAGS, bytes([0x06])),
        (
            AdvertisingData.Type.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
            service16.to_bytes(2, "little"),
        ),
    ]
    if service_data is not None:
        structures.append(
            (
                AdvertisingData.Type.SERVICE_DATA_16_BIT_UUID,
                service16.to_bytes(2, "little") + service_data,
            )
        )
    structures.append((AdvertisingData.Type.COMPLETE_LOCAL_NAME, name.encode()))
    data = bytes(AdvertisingData(structures))
    assert len(data) <= 31, "advertising data longer than 31 bytes"
    return data


class _Peripheral:
    """Advertising and connection bookkeeping shared by the virtual devices."""

    def __init__(self, device: Device, adv: bytes) -> None:
        self.device = device
        self.adv = adv
        self.connection: Connection | None = None
        self.reachable = True
        self.connections = 0
        self._outbox: asyncio.Queue[tuple[Characteristic[bytes], bytes, bool]] = asyncio.Queue()
        self._sender: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        device.on(Device.EVENT_CONNECTION, self._on_connection)

    @property
    def address(self) -> str:
        return self.device.random_address.to_string(False)

    async def advertise(self) -> None:
        if self.device.is_advertising or not self.reachable:
            return
        await self.device.start_advertising(
            advertising_data=self.adv,
            advertising_interval_min=ADV_INTERVAL_MS,
            advertising_interval_max=ADV_INTERVAL_MS,
        )

    def _on_connection(self, connection: Connection) -> None:
        self.connection = connection
        self.connections += 1
        connection.on(Connection.EVENT_DISCONNECTION, lambda reason: self._on_gone(connection))
        self._sender = asyncio.get_running_loop().create_task(self._send_loop(connection))
        self.connected(connection)

    def _on_gone(self, connection: Connection) -> None:
        if self.connection is connection:
            self.connection = None
        if self._sender is not None:
            self._sender.cancel()
            self._sender = None
        self._outbox = asyncio.Queue()
        self.disconnected(connection)
        if self.reachable:
            self._spawn(self.advertise())

    def connected(self, connection: Connection) -> None:
        """Hook for subclasses."""

    def disconnected(self, connection: Connection) -> None:
        """Hook for subclasses."""

    def send(self, char: Characteristic[bytes], data: bytes, *, indicate: bool = False) -> None:
        """Queue a notification (or indication); sent in order after the current ATT exchange."""
        self._outbox.put_nowait((char, bytes(data), indicate))

    async def _send_loop(self, connection: Connection) -> None:
        while True:
            char, data, indicate = await self._outbox.get()
            try:
                if indicate:
                    await self.device.indicate_subscriber(connection, char, data)
                else:
                    await self.device.notify_subscriber(connection, char, data)
            except Exception as err:  # the link went away mid-send (rig gap 9)
                _log.debug("rig: not sent %s: %r", data.hex(" "), err)

    async def drop(self, *, restore_after_s: float | None = None) -> None:
        """The peripheral ends the link and goes quiet (advertises again after the delay)."""
        self.reachable = False
        with contextlib.suppress(Exception):
            await self.device.stop_advertising()
        connection = self.connection
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.disconnect(
                    hci.HCI_ErrorCode.REMOTE_USER_TERMINATED_CONNECTION_ERROR
                )
        if restore_after_s is not None:
            asyncio.get_running_loop().call_later(restore_after_s, self.restore)

    def restore(self) -> None:
        self.reachable = True
        self._spawn(self.advertise())

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def power_off(self) -> None:
        self.reachable = False
        for task in [*self._tasks, self._sender]:
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        with contextlib.suppress(Exception):
            await self.device.power_off()


class RigTreadmill(SimulatedTreadmill):
    """The simulator, whose ``drop_link`` also drops the Bluetooth link of its server."""

    server: VirtualTreadmill | None = None

    def drop_link(self, restore_after_s: float | None = None) -> None:
        super().drop_link(None)
        if self.server is not None:
            self.server._spawn(self.server.drop(restore_after_s=restore_after_s))
        if restore_after_s is not None:
            asyncio.get_running_loop().call_later(restore_after_s, self.restore_link)


@dataclass(frozen=True, slots=True)
class CpWrite:
    """One Control Point write as it arrived over ATT, with the CCCD at that moment."""

    data: bytes
    cccd: bytes | None


class VirtualTreadmill(_Peripheral):
    """An FTMS treadmill on the air, driven by a :class:`SimulatedTreadmill`."""

    def __init__(
        self,
        device: Device,
        machine: RigTreadmill,
        *,
        name: str = "RIG TREADMILL",
        treadmill_flag: bool = True,
    ) -> None:
        service_data = b"\x01\x01\x00" if treadmill_flag else None
        super().__init__(device, advertising_data(name, 0x1826, service_data))
        self.machine = machine
        machine.server = self
        self.cp_writes: list[CpWrite] = []
        self._attached = False
        self.chars: dict[str, Characteristic[bytes]] = {}
        self.silent = False
        """When True, Control Point writes get a Write Response but never an indication."""

        def char(uuid: str, props: P, *, readable: bool = False, writable: bool = False) -> None:
            perms = att.Attribute.Permissions(
                (att.Attribute.READABLE if readable else 0)
                | (att.Attribute.WRITEABLE if writable else 0)
            )
            value = CharacteristicValue(
                read=(lambda conn, u=uuid: self._read(u)) if readable else None,
                write=(lambda conn, data: self._write_cp(conn, data)) if writable else None,
            )
            c: Characteristic[bytes] = Characteristic(short(uuid), props, perms, value)
            c.on(Characteristic.EVENT_SUBSCRIPTION, self._subscription_handler(uuid, c))
            self.chars[uuid] = c

        char(FITNESS_MACHINE_FEATURE, P.READ, readable=True)
        char(TREADMILL_DATA, P.NOTIFY)
        if machine.config.has_training_status:
            char(TRAINING_STATUS, P.READ | P.NOTIFY, readable=True)
        char(SUPPORTED_SPEED_RANGE, P.READ, readable=True)
        if machine.config.inclination_range is not None:
            char(SUPPORTED_INCLINATION_RANGE, P.READ, readable=True)
        char(FITNESS_MACHINE_CONTROL_POINT, P.WRITE | P.INDICATE, writable=True)
        char(FITNESS_MACHINE_STATUS, P.NOTIFY)
        device.add_services([Service("1826", list(self.chars.values()))])

    # ---- link <-> machine ------------------------------------------------------------

    def connected(self, connection: Connection) -> None:
        if not self._attached:
            self.machine.attach(lambda: None)  # drops are driven from here, not by callback
            self._attached = True
        else:
            self.machine.link_open()

    def disconnected(self, connection: Connection) -> None:
        self.machine.link_close()

    def cccd(self, uuid: str) -> bytes | None:
        """The connected client's CCCD value for ``uuid`` (``b"\\x02\\x00"``: indications on)."""
        connection = self.connection
        if connection is None:
            return None
        return self.device.gatt_server.subscribers.get(connection, {}).get(self.chars[uuid].handle)

    def _subscription_handler(
        self, uuid: str, char: Characteristic[bytes]
    ) -> Callable[[object, bool, bool], None]:
        indicate = uuid == FITNESS_MACHINE_CONTROL_POINT

        def on_subscription(bearer: object, notify: bool, indication: bool) -> None:
            if not (notify or indication) or not self.machine.link_up:
                return

            def forward(data: bytes) -> None:
                if uuid == FITNESS_MACHINE_CONTROL_POINT and self.silent:
                    return
                self.send(char, data, indicate=indicate)

            self.machine.subscribe(uuid, forward)

        return on_subscription

    def _read(self, uuid: str) -> bytes:
        try:
            return self.machine.read(uuid)
        except AttError as err:
            raise att.ATT_Error(err.code) from err
        except CharacteristicNotFound as err:
            raise att.ATT_Error(att.ErrorCode.ATTRIBUTE_NOT_FOUND) from err
        except DeviceError as err:
            raise att.ATT_Error(att.ErrorCode.UNLIKELY_ERROR) from err

    def _write_cp(self, connection: Connection, data: bytes) -> None:
        self.cp_writes.append(CpWrite(bytes(data), self.cccd(FITNESS_MACHINE_CONTROL_POINT)))
        try:
            self.machine.write_control_point(bytes(data))
        except AttError as err:
            raise att.ATT_Error(err.code) from err


class VirtualSensor(_Peripheral):
    """A footpod (RSC) or heart-rate strap sending one measurement a second once subscribed."""

    def __init__(self, device: Device, *, name: str, service16: int, char16: int) -> None:
        super().__init__(device, advertising_data(name, service16))
        self.char: Characteristic[bytes] = Characteristic(
            f"{char16:04X}", P.NOTIFY, att.Attribute.Permissions(0), CharacteristicValue()
        )
        self.char.on(Characteristic.EVENT_SUBSCRIPTION, self._on_subscription)
        device.add_services([Service(f"{service16:04X}", [self.char])])
        self.measurement = b""
        self._ticker: asyncio.Task[None] | None = None

    def _on_subscription(self, bearer: object, notify: bool, indicate: bool) -> None:
        if notify and self._ticker is None:
            self._ticker = asyncio.get_running_loop().create_task(self._tick())
            self._tasks.add(self._ticker)

    async def _tick(self) -> None:
        while True:
            if self.connection is not None and self.measurement:
                self.send(self.char, self.measurement)
            await asyncio.sleep(1.0)

    def disconnected(self, connection: Connection) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None


def footpod(device: Device, *, spm: int = 110, name: str = "RIG FOOTPOD") -> VirtualSensor:
    pod = VirtualSensor(device, name=name, service16=0x1814, char16=0x2A53)
    pod.measurement = encode_rsc(RscMeasurement(False, 1.2, spm))
    return pod


def strap(device: Device, *, bpm: int = 96, name: str = "RIG HR STRAP") -> VirtualSensor:
    hr = VirtualSensor(device, name=name, service16=0x180D, char16=0x2A37)
    hr.measurement = encode_heart_rate(HeartRateMeasurement(bpm, True, True))
    return hr


__all__ = ["VirtualSensor", "VirtualTreadmill", "footpod", "strap"]
