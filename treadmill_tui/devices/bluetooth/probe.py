"""What a bug report needs to know about a treadmill, read without moving the belt.

The probe connects, reads the Feature and range characteristics (through the model's quirk,
as the app would see them, plus the raw bytes), checks for Training Status, asks for control
once and then disconnects, which releases control. It never writes Start, a target, Stop,
Pause or Reset: nothing it sends can change what the belt does.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from treadmill_tui import __version__
from treadmill_tui.devices.bluetooth.transport import BleakTransport
from treadmill_tui.devices.errors import CommandRejected, CommandTimeout, DeviceError
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.ftms import (
    FITNESS_MACHINE_FEATURE,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    TRAINING_STATUS,
    decode_training_status,
)


@dataclass
class ProbeReport:
    address: str
    name: str | None = None
    features: list[str] = field(default_factory=list)
    target_settings: list[str] = field(default_factory=list)
    speed_range_kmh: list[float] | None = None
    incline_range_pct: list[float] | None = None
    training_status: bool = False
    training_status_value: int | None = None
    control: str = "not asked"
    """"granted", "refused: ..." or "no answer"."""
    raw: dict[str, str] = field(default_factory=dict)
    quirk: dict[str, Any] | None = None
    mtu: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "app_version": __version__,
            "address": self.address,
            "name": self.name,
            "features": self.features,
            "target_settings": self.target_settings,
            "speed_range_kmh": self.speed_range_kmh,
            "incline_range_pct": self.incline_range_pct,
            "training_status": self.training_status,
            "training_status_value": self.training_status_value,
            "control": self.control,
            "raw": self.raw,
            "quirk": self.quirk,
            "mtu": self.mtu,
        }


async def probe(transport: BleakTransport, *, control_timeout_s: float = 10.0) -> ProbeReport:
    """Probe the treadmill behind ``transport``; raises ``DeviceError`` if it cannot connect."""
    client = Treadmill(transport, response_timeout_s=control_timeout_s)
    report = ProbeReport(transport.address)
    try:
        caps = await client.connect()
        report.name = transport.name
        report.mtu = transport.mtu_size
        report.quirk = transport.quirk.describe() if transport.quirk is not None else None
        report.features = sorted(caps.features.features)
        report.target_settings = sorted(caps.features.target_settings)
        if caps.speed_range is not None:
            s = caps.speed_range
            report.speed_range_kmh = [s.min_kmh, s.max_kmh, s.increment_kmh]
        if caps.inclination_range is not None:
            i = caps.inclination_range
            report.incline_range_pct = [i.min_pct, i.max_pct, i.increment_pct]
        report.training_status = caps.has_training_status
        for label, uuid in (
            ("feature", FITNESS_MACHINE_FEATURE),
            ("speed_range", SUPPORTED_SPEED_RANGE),
            ("incline_range", SUPPORTED_INCLINATION_RANGE),
            ("training_status", TRAINING_STATUS),
        ):
            with contextlib.suppress(DeviceError):
                data = await transport.read(uuid)
                report.raw[label] = data.hex(" ")
                if uuid == TRAINING_STATUS:
                    with contextlib.suppress(ValueError):
                        report.training_status_value = decode_training_status(data).status
        try:
            await client.request_control()
            report.control = "granted"
        except CommandRejected as err:
            report.control = f"refused: {err}"
        except CommandTimeout:
            report.control = "no answer"
    finally:
        with contextlib.suppress(DeviceError, asyncio.TimeoutError):
            await client.close()  # disconnecting releases control
    return report


def describe(report: ProbeReport) -> list[str]:
    """The report as lines for a person."""

    def rng(values: list[float] | None, unit: str) -> str:
        if values is None:
            return "not published"
        lo, hi, step = values
        return f"{lo:g}-{hi:g} {unit}, step {step:g}"

    lines = [
        f"Name:            {report.name or '(no name)'}",
        f"Address:         {report.address}",
        f"Features:        {', '.join(report.features) or 'none'}",
        f"Target settings: {', '.join(report.target_settings) or 'none'}",
        f"Speed range:     {rng(report.speed_range_kmh, 'km/h')}",
        f"Incline range:   {rng(report.incline_range_pct, '%')}",
        f"Training Status: {'yes' if report.training_status else 'no'}",
        f"Request Control: {report.control}",
    ]
    if report.quirk is not None:
        lines.append(f"Quirk applied:   {report.quirk['match']} ({report.quirk['source']})")
    lines.append("Control was released (disconnected); nothing was sent that moves the belt.")
    return lines
