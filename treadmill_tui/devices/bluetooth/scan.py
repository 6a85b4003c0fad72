"""Finding treadmills, footpods and heart-rate straps nearby (the ``scan`` command and the
dashboard's device step use the same code)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from treadmill_tui.devices.bluetooth.errors import translate
from treadmill_tui.devices.bluetooth.kinds import Kind as Kind
from treadmill_tui.ftms import FTMS_SERVICE, HEART_RATE_SERVICE, RSC_SERVICE

if TYPE_CHECKING:  # bleak loads on the first scan, not when the app opens
    from bleak.backends.device import BLEDevice
    from bleak.backends.scanner import AdvertisementData


@dataclass(frozen=True, slots=True)
class Found:
    """One device seen advertising something we can use."""

    address: str
    name: str | None
    rssi: int
    kind: Kind
    treadmill_flag: bool | None
    """FTMS service data says "treadmill" (True), another machine (False), or is absent."""
    device: BLEDevice | None = None

    @property
    def label(self) -> str:
        return self.name or "(no name)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "name": self.name,
            "rssi": self.rssi,
            "kind": str(self.kind),
            "treadmill_flag": self.treadmill_flag,
        }


def treadmill_flag(service_data: Mapping[str, bytes]) -> bool | None:
    """The treadmill bit of the FTMS service data (``Flags u8 | Machine Type u16``)."""
    data = service_data.get(FTMS_SERVICE)
    if data is None or len(data) < 3:
        return None
    return bool(int.from_bytes(data[1:3], "little") & 0x0001)


def classify(service_uuids: Iterable[str], service_data: Mapping[str, bytes]) -> Kind | None:
    """What an advertisement offers, or ``None`` when it is nothing for us."""
    uuids = {u.lower() for u in service_uuids} | {u.lower() for u in service_data}
    if FTMS_SERVICE in uuids:
        return Kind.TREADMILL if treadmill_flag(service_data) is not False else Kind.FITNESS_MACHINE
    if RSC_SERVICE in uuids:
        return Kind.FOOTPOD
    if HEART_RATE_SERVICE in uuids:
        return Kind.HEART_RATE
    return None


def found_of(device: BLEDevice, adv: AdvertisementData) -> Found | None:
    kind = classify(adv.service_uuids, adv.service_data)
    if kind is None:
        return None
    # labelled by the flag when present, never filtered on it (some treadmills omit it)
    flag = treadmill_flag(adv.service_data)
    return Found(device.address, adv.local_name or device.name, adv.rssi, kind, flag, device)


def strongest_first(found: Iterable[Found]) -> list[Found]:
    return sorted(found, key=lambda f: (-f.rssi, f.label, f.address))


async def scan(
    timeout_s: float = 5.0,
    *,
    on_update: Callable[[list[Found]], None] | None = None,
) -> list[Found]:
    """Listen for ``timeout_s`` seconds; the usable devices, strongest signal first.

    ``on_update`` gets the whole list again each time it changes (the dashboard's live list).
    Raises ``BluetoothUnavailable`` (a ``DeviceError``) when there is no usable Bluetooth.
    """
    from bleak import BleakScanner

    seen: dict[str, Found] = {}

    def detected(device: BLEDevice, adv: AdvertisementData) -> None:
        found = found_of(device, adv)
        if found is None:
            return
        old = seen.get(found.address)
        seen[found.address] = found
        if on_update is not None and (old is None or old.rssi != found.rssi or old != found):
            on_update(strongest_first(seen.values()))

    try:
        scanner = BleakScanner(detected, scanning_mode="active")
        await scanner.start()
    except asyncio.CancelledError:
        raise
    except Exception as err:
        raise translate(err) from err
    try:
        await asyncio.sleep(timeout_s)
    finally:
        with contextlib.suppress(Exception):
            await scanner.stop()
    return strongest_first(seen.values())


async def check_bluetooth() -> None:
    """Raise ``BluetoothUnavailable`` now if scanning cannot even start (before a dashboard)."""
    await scan(0.0)
