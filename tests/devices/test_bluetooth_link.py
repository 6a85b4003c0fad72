"""The production BleakTransport and Treadmill client over real ATT bytes (bumble rig).

Each test runs on a VirtualTimeLoop: the 20 ms advertising, 1 Hz telemetry and the time-outs
take no real time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from tests.devices.ble_rig.rig import FOOTPOD, STRAP, TREADMILL, BleRig, build_rig
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.bluetooth.probe import probe
from treadmill_tui.devices.bluetooth.scan import Kind, scan
from treadmill_tui.devices.bluetooth.transport import BleakTransport
from treadmill_tui.devices.errors import CommandRejected, CommandTimeout, DeviceError
from treadmill_tui.devices.events import ControlLost, LinkDropped, TelemetryReceived
from treadmill_tui.devices.simulator import SimulatorConfig
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.ftms import OpCode, ResultCode


def on_rig(
    monkeypatch: pytest.MonkeyPatch,
    body: Callable[[BleRig], Awaitable[None]],
    config: SimulatorConfig | None = None,
) -> None:
    async def main() -> None:
        rig = await build_rig(monkeypatch, config)
        try:
            await body(rig)
        finally:
            await rig.close()

    run_virtual(main())


async def connected(rig: BleRig, **kwargs: object) -> tuple[Treadmill, list[object]]:
    transport = BleakTransport(TREADMILL, **kwargs)  # type: ignore[arg-type]
    client = Treadmill(transport, response_timeout_s=5.0)
    events: list[object] = []
    client.add_listener(events.append)
    await client.connect()
    return client, events


def test_scan_finds_treadmill_with_flag_footpod_and_strap_strongest_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(rig: BleRig) -> None:
        updates: list[int] = []
        found = await scan(2.0, on_update=lambda items: updates.append(len(items)))
        assert [(f.address, f.kind, f.treadmill_flag) for f in found] == [
            (TREADMILL, Kind.TREADMILL, True),
            (STRAP, Kind.HEART_RATE, None),
            (FOOTPOD, Kind.FOOTPOD, None),
        ]
        assert [f.rssi for f in found] == [-48, -62, -70]
        assert found[0].name == "RIG TREADMILL"
        assert updates and updates[-1] == 3

    on_rig(monkeypatch, body)


def test_connect_probe_control_start_targets_telemetry_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(rig: BleRig) -> None:
        report = await probe(BleakTransport(TREADMILL))
        assert report.control == "granted" and rig.cp_ops() == [OpCode.REQUEST_CONTROL]
        rig.treadmill.cp_writes.clear()
        client, events = await connected(rig)
        caps = client.capabilities
        assert caps is not None and caps.can_set_speed and caps.can_set_incline
        assert caps.has_training_status
        await client.request_control()
        assert client.has_control
        await client.start()
        assert await client.set_target_speed(4.0) == 4.0
        assert await client.set_target_inclination(2.0) == 2.0
        await asyncio.sleep(12.0)
        telemetry = [e for e in events if isinstance(e, TelemetryReceived)]
        assert len(telemetry) >= 10
        assert telemetry[-1].data.speed_kmh == pytest.approx(4.0)
        assert telemetry[-1].data.inclination_pct == pytest.approx(2.0)
        await client.stop()
        await asyncio.sleep(10.0)
        assert client.latest is not None and client.latest.speed_kmh == 0.0
        assert rig.cp_ops() == [
            OpCode.REQUEST_CONTROL,
            OpCode.START_OR_RESUME,
            OpCode.SET_TARGET_SPEED,
            OpCode.SET_TARGET_INCLINATION,
            OpCode.STOP_OR_PAUSE,
        ]
        await client.close()

    on_rig(monkeypatch, body)


def test_no_control_point_write_before_its_indications_are_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(rig: BleRig) -> None:
        client, _ = await connected(rig)
        await client.request_control()
        await client.start()
        await client.pause()
        writes = rig.treadmill.cp_writes
        assert len(writes) == 3
        assert all(w.cccd == b"\x02\x00" for w in writes)  # the CCCD as the server saw it
        # and over a reconnect too: re-subscribed before the next write
        await rig.treadmill.drop(restore_after_s=1.0)
        await asyncio.sleep(0.1)
        await client.reconnect()
        await client.request_control()
        assert rig.treadmill.cp_writes[-1].cccd == b"\x02\x00"
        await client.close()

    on_rig(monkeypatch, body)


def test_control_point_write_without_indications_is_an_att_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(rig: BleRig) -> None:
        transport = BleakTransport(TREADMILL)
        await transport.reconnect()
        with pytest.raises(DeviceError, match="0xFD"):
            await transport.write_control_point(b"\x00")
        await transport.close()

    on_rig(monkeypatch, body)


def test_unanswered_command_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    async def body(rig: BleRig) -> None:
        client, _ = await connected(rig)
        await client.request_control()
        rig.treadmill.silent = True
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        with pytest.raises(CommandTimeout):
            await client.start()
        assert loop.time() - t0 == pytest.approx(5.0, abs=0.5)
        assert not client.control_point_usable
        await client.close()

    on_rig(monkeypatch, body)


def test_rejected_incline_is_reported_and_speed_still_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(rig: BleRig) -> None:
        client, _ = await connected(rig)
        await client.request_control()
        await client.start()
        rig.machine.reject_incline = True
        with pytest.raises(CommandRejected) as info:
            await client.set_target_inclination(3.0)
        assert info.value.result == ResultCode.OP_CODE_NOT_SUPPORTED
        assert await client.set_target_speed(3.0) == 3.0
        await client.close()

    on_rig(monkeypatch, body)


def test_status_ff_control_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    async def body(rig: BleRig) -> None:
        client, events = await connected(rig)
        await client.request_control()
        rig.machine.revoke_control()
        await asyncio.sleep(0.5)
        assert not client.has_control
        assert any(isinstance(e, ControlLost) for e in events)
        await client.close()

    on_rig(monkeypatch, body)


def test_peripheral_drop_fires_link_dropped_once_and_reconnect_sends_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def body(rig: BleRig) -> None:
        client, events = await connected(rig)
        await client.request_control()
        await client.start()
        n = len(rig.treadmill.cp_writes)
        await rig.treadmill.drop(restore_after_s=3.0)
        await asyncio.sleep(0.5)
        assert [e for e in events if isinstance(e, LinkDropped)] != []
        assert len([e for e in events if isinstance(e, LinkDropped)]) == 1
        assert not client.is_connected
        await asyncio.sleep(3.0)
        await client.reconnect()
        assert client.is_connected and not client.has_control
        assert len(rig.treadmill.cp_writes) == n  # a returning link moves nothing
        await client.close()
        assert len([e for e in events if isinstance(e, LinkDropped)]) == 1  # our close: none

    on_rig(monkeypatch, body)


def test_connect_to_absent_device_is_a_device_error(monkeypatch: pytest.MonkeyPatch) -> None:
    async def body(rig: BleRig) -> None:
        transport = BleakTransport("C0:00:00:00:00:99", find_timeout_s=2.0)
        with pytest.raises(DeviceError, match="No Bluetooth device C0:00:00:00:00:99"):
            await transport.reconnect()

    on_rig(monkeypatch, body)
