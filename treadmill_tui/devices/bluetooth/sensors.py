"""Footpod (Running Speed and Cadence) and heart-rate strap readers, beside the treadmill.

A sensor is optional: a lost one says so once (``on_lost``) and the walk carries on; the
reader then tries again quietly now and then. Readings older than ``stale_s`` count as none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from treadmill_tui.devices.bluetooth.scan import Kind
from treadmill_tui.devices.errors import DeviceError
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.ftms import FtmsDecodeError
from treadmill_tui.ftms.sensors import decode_heart_rate, decode_rsc
from treadmill_tui.ftms.uuids import HEART_RATE_MEASUREMENT, RSC_MEASUREMENT

_log = logging.getLogger(__name__)

_NAMES = {Kind.FOOTPOD: "footpod", Kind.HEART_RATE: "heart-rate strap"}


@dataclass(frozen=True, slots=True)
class SensorReading:
    t: float
    value: int
    """Steps per minute (footpod) or beats per minute (strap)."""


class SensorReader:
    """Reads one sensor over a transport (``BleakTransport`` in production)."""

    def __init__(
        self,
        transport: FtmsTransport,
        kind: Kind,
        *,
        on_lost: Callable[[str], None] | None = None,
        stale_s: float = 5.0,
        retry_s: float = 15.0,
    ) -> None:
        if kind not in _NAMES:
            raise ValueError(f"not a sensor kind: {kind}")
        self.kind = kind
        self.name = _NAMES[kind]
        self._transport = transport
        self._on_lost = on_lost
        self._stale = stale_s
        self._retry = retry_s
        self._latest: SensorReading | None = None
        self._lost_said = False
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self.connected = False
        transport.set_disconnect_callback(self._dropped)

    @property
    def uuid(self) -> str:
        return RSC_MEASUREMENT if self.kind is Kind.FOOTPOD else HEART_RATE_MEASUREMENT

    def value(self, now: float) -> int | None:
        """The latest reading, or ``None`` when there is none or it is stale."""
        r = self._latest
        if r is None or now - r.t > self._stale:
            return None
        return r.value

    async def start(self) -> None:
        """Connect and subscribe; raises ``DeviceError`` (the caller says so and goes on)."""
        await self._transport.reconnect()
        await self._transport.subscribe(self.uuid, self._on_data)
        self.connected = True
        self._lost_said = False

    def keep_alive(self) -> None:
        """Start (or restart) the background connect-and-retry loop."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while not self._closed:
            if not self.connected:
                try:
                    await self.start()
                except DeviceError as err:
                    self._say_lost(str(err))
            await asyncio.sleep(self._retry)

    def _on_data(self, data: bytes) -> None:
        try:
            if self.kind is Kind.FOOTPOD:
                value = decode_rsc(data).cadence_per_min
            else:
                value = decode_heart_rate(data).heart_rate_bpm
        except FtmsDecodeError as err:
            _log.warning("ignored malformed %s reading %s: %s", self.name, data.hex(" "), err)
            return
        self._latest = SensorReading(asyncio.get_running_loop().time(), value)

    def _dropped(self) -> None:
        self.connected = False
        self._latest = None
        self._say_lost("the link dropped")

    def _say_lost(self, why: str) -> None:
        if self._lost_said:
            return
        self._lost_said = True
        _log.info("%s lost: %s", self.name, why)
        if self._on_lost is not None:
            self._on_lost(f"The {self.name} is not connected; the walk goes on without it.")

    async def close(self) -> None:
        self._closed = True
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        with contextlib.suppress(DeviceError):
            await self._transport.close()
