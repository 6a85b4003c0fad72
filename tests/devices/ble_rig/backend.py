"""A test-only bleak backend (scanner and client) over a bumble central.

bleak picks its backend per platform through ``bleak.get_platform_scanner_backend_type`` and
``bleak.get_platform_client_backend_type``, looked up when a ``BleakScanner``/``BleakClient`` is
built. :func:`install` points both at the classes here (bound to one central), so production
code runs unmodified, with no ``backend=`` argument.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any, ClassVar

import bleak
import pytest
from bleak.args import SizedBuffer
from bleak.assigned_numbers import gatt_char_props_to_strs
from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.backends.client import BaseBleakClient, NotifyCallback
from bleak.backends.descriptor import BleakGATTDescriptor
from bleak.backends.device import BLEDevice
from bleak.backends.scanner import AdvertisementData, BaseBleakScanner
from bleak.backends.service import BleakGATTService, BleakGATTServiceCollection
from bleak.exc import BleakDeviceNotFoundError, BleakError, BleakGATTProtocolError
from bleak.uuids import normalize_uuid_str
from bumble import att, core, hci
from bumble.core import AdvertisingData
from bumble.device import Advertisement, Connection, Device, Peer
from bumble.gatt_client import CharacteristicProxy

_UUID16 = (
    AdvertisingData.Type.INCOMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
    AdvertisingData.Type.COMPLETE_LIST_OF_16_BIT_SERVICE_CLASS_UUIDS,
)
_NAMES = (AdvertisingData.Type.SHORTENED_LOCAL_NAME, AdvertisingData.Type.COMPLETE_LOCAL_NAME)


def _uuid16(raw: bytes) -> str:
    return normalize_uuid_str(f"{int.from_bytes(raw[:2], 'little'):04x}")


def _uuid(uuid: core.UUID) -> str:
    return normalize_uuid_str(uuid.to_hex_str("-"))


def parse_advertisement(
    adv: Advertisement,
) -> tuple[str | None, list[str], dict[str, bytes], int | None, dict[int, bytes]]:
    """Name, service UUIDs, service data, TX power and manufacturer data of one report."""
    name: str | None = None
    uuids: list[str] = []
    service_data: dict[str, bytes] = {}
    tx_power: int | None = None
    manufacturer: dict[int, bytes] = {}
    for ad_type, data in adv.data.ad_structures:
        if ad_type in _UUID16:
            uuids += [_uuid16(data[i : i + 2]) for i in range(0, len(data) - 1, 2)]
        elif ad_type in _NAMES:
            name = data.decode("utf-8", "replace")
        elif ad_type == AdvertisingData.Type.SERVICE_DATA_16_BIT_UUID and len(data) >= 2:
            service_data[_uuid16(data)] = bytes(data[2:])
        elif ad_type == AdvertisingData.Type.TX_POWER_LEVEL and data:
            tx_power = int.from_bytes(data[:1], "little", signed=True)
        elif ad_type == AdvertisingData.Type.MANUFACTURER_SPECIFIC_DATA and len(data) >= 2:
            manufacturer[int.from_bytes(data[:2], "little")] = bytes(data[2:])
    return name, list(dict.fromkeys(uuids)), service_data, tx_power, manufacturer


class BumbleScanner(BaseBleakScanner):
    """Scans with the bound central; merges reports per address (bumble repeats each one as
    a scan response, gap 2) and injects per-address signal strength (bumble says -50, gap 3)."""

    central: ClassVar[Device]
    rssi: ClassVar[dict[str, int]] = {}
    _users: ClassVar[dict[int, int]] = {}

    def __init__(
        self,
        detection_callback: Any,
        service_uuids: list[str] | None,
        scanning_mode: str = "active",
        **kwargs: Any,
    ) -> None:
        super().__init__(detection_callback, service_uuids)
        self._active = scanning_mode == "active"
        self._listening = False

    async def start(self) -> None:
        self.seen_devices = {}
        central = self.central
        central.on(Device.EVENT_ADVERTISEMENT, self._on_advertisement)
        self._listening = True
        key = id(central)
        self._users[key] = self._users.get(key, 0) + 1
        if self._users[key] == 1:
            await central.start_scanning(active=self._active, filter_duplicates=False)

    async def stop(self) -> None:
        if not self._listening:
            return
        central = self.central
        central.remove_listener(Device.EVENT_ADVERTISEMENT, self._on_advertisement)
        self._listening = False
        key = id(central)
        self._users[key] -= 1
        if self._users[key] == 0:
            await central.stop_scanning()

    def _on_advertisement(self, adv: Advertisement) -> None:
        address = adv.address.to_string(False)
        name, uuids, service_data, tx_power, manufacturer = parse_advertisement(adv)
        if address in self.seen_devices:  # merge as BlueZ does
            _, old = self.seen_devices[address]
            name = name or old.local_name
            uuids = list(dict.fromkeys([*old.service_uuids, *uuids]))
            service_data = {**old.service_data, **service_data}
            manufacturer = {**old.manufacturer_data, **manufacturer}
            tx_power = tx_power if tx_power is not None else old.tx_power
        if not self.is_allowed_uuid(uuids):
            return
        data = AdvertisementData(
            local_name=name,
            manufacturer_data=manufacturer,
            service_data=service_data,
            service_uuids=uuids,
            tx_power=tx_power,
            rssi=self.rssi.get(address, adv.rssi),
            platform_data=(adv,),
        )
        device = self.create_or_update_device(address, address, name, adv, data)
        self.call_detection_callbacks(device, data)


class BumbleClient(BaseBleakClient):
    """A bleak client over the bound central's GATT client (handles are ATT value handles)."""

    central: ClassVar[Device]
    _connect_locks: ClassVar[dict[int, asyncio.Lock]] = {}
    mtu: ClassVar[int] = 247

    def __init__(
        self,
        address_or_ble_device: BLEDevice | str,
        *,
        disconnected_callback: Callable[[], None] | None = None,
        timeout: float = 10.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            address_or_ble_device, disconnected_callback=disconnected_callback, timeout=timeout
        )
        self._name = (
            address_or_ble_device.name if isinstance(address_or_ble_device, BLEDevice) else None
        )
        self._connection: Connection | None = None
        self._peer: Peer | None = None
        self._proxies: dict[int, CharacteristicProxy[bytes]] = {}
        self._subscribed: dict[int, Callable[[bytes], None]] = {}

    @property
    def name(self) -> str:
        return self._name or self.address

    @property
    def mtu_size(self) -> int:
        return self._connection.att_mtu if self._connection is not None else 23

    @property
    def is_connected(self) -> bool:
        return self._connection is not None

    async def connect(self, pair: bool, **kwargs: Any) -> None:
        timeout = float(kwargs.get("timeout", self._timeout))
        central = self.central
        lock = self._connect_locks.setdefault(id(central), asyncio.Lock())  # gap 5
        async with lock:
            try:
                async with asyncio.timeout(timeout + 1.0):  # gap 1: an outer bound as well
                    connection = await central.connect(
                        hci.Address(self.address, hci.Address.RANDOM_DEVICE_ADDRESS),
                        transport=core.PhysicalTransport.LE,
                        timeout=timeout,
                    )
            except (core.TimeoutError, TimeoutError) as err:
                raise TimeoutError(f"no connection to {self.address}") from err
            except core.ConnectionError as err:
                raise BleakDeviceNotFoundError(self.address, str(err)) from err
        self._connection = connection
        connection.on(Connection.EVENT_DISCONNECTION, self._on_disconnection)
        try:
            peer = Peer(connection)
            self._peer = peer
            await peer.request_mtu(self.mtu)  # gap 7: bumble does not exchange one itself
            if pair:
                await connection.pair()
            self.services = await self._discover(peer)
        except BaseException:
            with contextlib.suppress(Exception):
                await connection.disconnect()
            self._clear()
            raise

    async def _discover(self, peer: Peer) -> BleakGATTServiceCollection:
        collection = BleakGATTServiceCollection()
        for service in await self._call(peer.discover_services()):
            s = BleakGATTService(service, service.handle, _uuid(service.uuid))
            collection.add_service(s)
            for char in await self._call(peer.discover_characteristics(service=service)):
                c = BleakGATTCharacteristic(
                    char,
                    char.handle,
                    _uuid(char.uuid),
                    list(gatt_char_props_to_strs(int(char.properties))),
                    lambda: self.mtu_size - 3,
                    s,
                )
                collection.add_characteristic(c)
                self._proxies[char.handle] = char
                for desc in await self._call(peer.discover_descriptors(char)):
                    collection.add_descriptor(
                        BleakGATTDescriptor(desc, desc.handle, _uuid(desc.type), c)
                    )
        return collection

    def _on_disconnection(self, reason: int) -> None:
        callback = self._disconnected_callback
        self._clear()
        if callback is not None:
            callback()

    def _clear(self) -> None:
        self._connection = None
        self._peer = None
        self._proxies = {}
        self._subscribed = {}

    async def disconnect(self) -> None:
        connection = self._connection
        if connection is None:
            return
        with contextlib.suppress(Exception):
            await connection.disconnect()

    async def pair(self, *args: Any, **kwargs: Any) -> None:
        if self._connection is None:
            raise BleakError("Not connected")
        await self._call(self._connection.pair())

    async def unpair(self) -> None:
        raise BleakError("unpair is not offered by the test rig")

    async def _call(self, awaitable: Any) -> Any:
        """Run one bumble operation; turn its errors into what a bleak backend raises."""
        try:
            return await awaitable
        except att.ATT_Error as err:
            raise BleakGATTProtocolError(int(err.error_code)) from err
        except core.TimeoutError as err:
            raise TimeoutError(str(err)) from err
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # our own caller is being cancelled
            raise BleakError("disconnected during the operation") from None  # the link dropped

    def _proxy(self, characteristic: BleakGATTCharacteristic) -> CharacteristicProxy[bytes]:
        if self._peer is None:
            raise BleakError("Not connected")
        return self._proxies[characteristic.handle]

    async def read_gatt_char(
        self, characteristic: BleakGATTCharacteristic, *, use_cached: bool = False, **kwargs: Any
    ) -> bytearray:
        proxy = self._proxy(characteristic)
        return bytearray(await self._call(proxy.read_value()))

    async def read_gatt_descriptor(
        self, descriptor: BleakGATTDescriptor, *, use_cached: bool = False, **kwargs: Any
    ) -> bytearray:
        if self._peer is None:
            raise BleakError("Not connected")
        return bytearray(await self._call(self._peer.read_value(descriptor.handle)))

    async def write_gatt_char(
        self, characteristic: BleakGATTCharacteristic, data: SizedBuffer, response: bool
    ) -> None:
        proxy = self._proxy(characteristic)
        await self._call(proxy.write_value(bytes(data), with_response=response))

    async def write_gatt_descriptor(
        self, descriptor: BleakGATTDescriptor, data: SizedBuffer
    ) -> None:
        if self._peer is None:
            raise BleakError("Not connected")
        await self._call(self._peer.write_value(descriptor.handle, bytes(data), True))

    async def start_notify(
        self, characteristic: BleakGATTCharacteristic, callback: NotifyCallback, **kwargs: Any
    ) -> None:
        proxy = self._proxy(characteristic)

        def deliver(value: bytes) -> None:
            callback(bytearray(value))

        self._subscribed[characteristic.handle] = deliver
        await self._call(proxy.subscribe(deliver, prefer_notify=True))

    async def stop_notify(self, characteristic: BleakGATTCharacteristic) -> None:
        proxy = self._proxy(characteristic)
        deliver = self._subscribed.pop(characteristic.handle, None)
        await self._call(proxy.unsubscribe(deliver))


def install(monkeypatch: pytest.MonkeyPatch, central: Device, rssi: dict[str, int]) -> None:
    """Make every ``BleakScanner``/``BleakClient`` built from now on use ``central``."""
    scanner = type("RigScanner", (BumbleScanner,), {"central": central, "rssi": rssi})
    client = type("RigClient", (BumbleClient,), {"central": central})
    monkeypatch.setattr(bleak, "get_platform_scanner_backend_type", lambda: (scanner, "rig"))
    monkeypatch.setattr(bleak, "get_platform_client_backend_type", lambda: (client, "rig"))
