"""``BleakTransport``: the ``FtmsTransport`` seam over a real Bluetooth LE link (bleak).

Public bleak API only (``BleakScanner``, ``BleakClient``); bleak picks the platform backend.
Every bleak object is created and used on the one running asyncio loop (Textual's in the
dashboard). Rules it keeps (docs/bluetooth.md):

- connect with a time limit: find the device by address, then connect through
  ``bleak_retry_connector.establish_connection`` (it retries the transient BlueZ failures);
  optional pairing first;
- Control Point writes always with response (``response=True``), spaced by the model's quirk;
- the disconnect callback is idempotent and fires only for an unsolicited loss of the current
  link (bleak may also call it when we disconnect ourselves);
- every bleak/OS exception leaves this class as a ``DeviceError`` (``errors.translate``);
- a model's quirks are applied to what the client reads, here and nowhere else.

Subscribing (notifications, and the Control Point's indications) is the client's job and it
does so before its first write (``Treadmill.connect``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from bleak import BleakClient, BleakScanner
from bleak.backends.device import BLEDevice
from bleak_retry_connector import establish_connection

from treadmill_tui.devices.bluetooth.errors import DeviceNotFound, translate
from treadmill_tui.devices.bluetooth.quirks import Quirk, quirk_for
from treadmill_tui.devices.errors import CharacteristicNotFound, DeviceError, LinkLost
from treadmill_tui.ftms import FITNESS_MACHINE_CONTROL_POINT

_log = logging.getLogger(__name__)


class BleakTransport:
    """One Bluetooth LE peripheral (a treadmill, or a sensor) by address; starts unconnected.

    ``reconnect()`` opens the link (the ``Treadmill`` client calls it from ``connect``).
    """

    def __init__(
        self,
        address: str,
        *,
        device: BLEDevice | None = None,
        quirks: list[Quirk] | None = None,
        pair: bool = False,
        find_timeout_s: float = 10.0,
        connect_timeout_s: float = 20.0,
        io_timeout_s: float = 10.0,
        connect_attempts: int = 2,
    ) -> None:
        self.address = address
        self._device = device
        self._quirks = list(quirks or [])
        self._quirk: Quirk | None = None
        self._pair = pair
        self._find_timeout = find_timeout_s
        self._connect_timeout = connect_timeout_s
        self._io_timeout = io_timeout_s
        self._attempts = max(1, connect_attempts)
        self._client: BleakClient | None = None
        self._callback: Callable[[], None] | None = None
        self._last_write = -1e9
        self.connects = 0
        if device is not None:
            self._quirk = quirk_for(device.name, self._quirks)

    # ---- state ---------------------------------------------------------------------------

    @property
    def is_connected(self) -> bool:
        client = self._client
        return client is not None and client.is_connected

    @property
    def name(self) -> str | None:
        """The advertised name, once the device has been found."""
        return self._device.name if self._device is not None else None

    @property
    def quirk(self) -> Quirk | None:
        """The quirk in force for this model (matched on the advertised name)."""
        return self._quirk

    @property
    def mtu_size(self) -> int | None:
        client = self._client
        return client.mtu_size if client is not None and client.is_connected else None

    def set_disconnect_callback(self, callback: Callable[[], None]) -> None:
        self._callback = callback

    # ---- link ----------------------------------------------------------------------------

    async def reconnect(self) -> None:
        """Drop any old link (quietly), find the device, connect; raises ``DeviceError``."""
        await self._drop_client()
        try:
            device = await self._find()
            pair = self._pair or (self._quirk is not None and self._quirk.pair)
            holder: list[BleakClient] = []

            def on_disconnect(client: BleakClient) -> None:
                self._lost(holder[0] if holder else client)

            async with asyncio.timeout(self._connect_timeout * self._attempts + 1.0):
                client = await establish_connection(
                    BleakClient,
                    device,
                    device.name or self.address,
                    disconnected_callback=on_disconnect,
                    max_attempts=self._attempts,
                    pair=pair,
                    timeout=self._connect_timeout,
                )
            holder.append(client)
        except asyncio.CancelledError:
            raise
        except Exception as err:
            raise translate(err, address=self.address) from err
        self._client = client
        self.connects += 1
        _log.info("connected to %s (%s)", self.address, device.name)

    async def _find(self) -> BLEDevice:
        if self._device is not None:
            return self._device
        try:
            device = await BleakScanner.find_device_by_address(
                self.address, timeout=self._find_timeout
            )
        except asyncio.CancelledError:
            raise
        except Exception as err:
            raise translate(err, address=self.address) from err
        if device is None:
            raise DeviceNotFound(self.address)
        self._device = device
        self._quirk = quirk_for(device.name, self._quirks)
        return device

    def _lost(self, client: BleakClient) -> None:
        """bleak's disconnect callback: only the current client's first loss counts."""
        if client is not self._client:
            return  # an old link, or one we closed ourselves
        self._client = None
        _log.info("link to %s lost", self.address)
        callback = self._callback
        if callback is not None:
            callback()

    async def _drop_client(self) -> None:
        client, self._client = self._client, None  # cleared first: no callback for this one
        if client is None:
            return
        with contextlib.suppress(Exception):
            async with asyncio.timeout(self._io_timeout):
                await client.disconnect()

    async def close(self) -> None:
        await self._drop_client()

    # ---- GATT ----------------------------------------------------------------------------

    def _connected(self) -> BleakClient:
        client = self._client
        if client is None or not client.is_connected:
            raise LinkLost("not connected")
        return client

    def _char(self, client: BleakClient, uuid: str) -> Any:
        char = client.services.get_characteristic(uuid)
        if char is None:
            raise CharacteristicNotFound(uuid)
        return char

    async def _io(self, what: str, op: Any) -> Any:
        try:
            async with asyncio.timeout(self._io_timeout):
                return await op
        except asyncio.CancelledError:
            raise
        except DeviceError:
            raise
        except Exception as err:
            error = translate(err, address=self.address)
            _log.info("%s failed on %s: %r", what, self.address, err)
            raise error from err

    async def read(self, uuid: str) -> bytes:
        client = self._connected()
        quirk = self._quirk
        try:
            char = self._char(client, uuid)
        except CharacteristicNotFound:
            supplied = quirk.supplies(uuid) if quirk is not None else None
            if supplied is None:
                raise
            return supplied
        data = bytes(await self._io("read", client.read_gatt_char(char)))
        return quirk.rewrite(uuid, data) if quirk is not None else data

    async def write_control_point(self, data: bytes) -> None:
        client = self._connected()
        char = self._char(client, FITNESS_MACHINE_CONTROL_POINT)
        spacing = self._quirk.command_spacing_s if self._quirk is not None else 0.0
        loop = asyncio.get_running_loop()
        if spacing > 0:
            wait = self._last_write + spacing - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
        self._last_write = loop.time()
        await self._io("write", client.write_gatt_char(char, bytes(data), response=True))

    async def subscribe(self, uuid: str, callback: Callable[[bytes], None]) -> None:
        client = self._connected()
        char = self._char(client, uuid)

        def deliver(_char: Any, data: bytearray) -> None:
            callback(bytes(data))

        await self._io("subscribe", client.start_notify(char, deliver))
