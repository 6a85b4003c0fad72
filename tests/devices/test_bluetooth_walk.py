"""Whole walks over Bluetooth: the engine, the runner and the client through ``open_session``
and the production ``BleakTransport``, against the simulator served over bumble.

The walker is the same scripted walker ``simulate`` uses, and the checks are the simulator
tests' invariants, so the Bluetooth path is held to the same rules. Virtual time: a 10-minute
walk takes about a second.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.devices.ble_rig.rig import FOOTPOD, TREADMILL, build_rig
from tests.session.invariants import check_all, check_start_only_after_walker, commands
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.bluetooth.scan import Kind
from treadmill_tui.devices.bluetooth.sensors import SensorReader
from treadmill_tui.devices.bluetooth.transport import BleakTransport
from treadmill_tui.devices.opening import open_transport
from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, load_profile
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.runner import RunnerSettings
from treadmill_tui.session.simulate import SimulationResult, simulate_async
from treadmill_tui.session.states import State
from treadmill_tui.session.walker import ScriptEvent

PROFILE = "first-week-10-min.toml"


def timeline(name: str = PROFILE) -> Timeline:
    return compile_profile(load_profile(bundled_profiles_dir() / name))


def walk_over_bluetooth(
    monkeypatch: pytest.MonkeyPatch, *events: str, name: str = PROFILE
) -> SimulationResult:
    async def main() -> SimulationResult:
        rig = await build_rig(monkeypatch, sensors_advertise=False)
        try:
            transport = open_transport(TREADMILL)
            assert isinstance(transport, BleakTransport)
            return await simulate_async(
                timeline(name),
                script=[ScriptEvent.parse(e) for e in events],
                transport=transport,
                machine=rig.machine,
                runner_settings=RunnerSettings(tick_s=1.0),
            )
        finally:
            await rig.close()

    return run_virtual(main())


def of_type(result: SimulationResult, type_: str) -> list[dict[str, Any]]:
    return [e for e in result.events if e["type"] == type_]


def script_t(result: SimulationResult, action: str) -> float:
    return float(
        next(e["t"] for e in of_type(result, "script") if e["details"]["action"] == action)
    )


PROFILES = sorted(p.name for p in bundled_profiles_dir().glob("*.toml"))


@pytest.mark.parametrize("name", PROFILES)
def test_a_whole_bundled_profile_over_bluetooth(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The simulator tests' invariants, over real ATT bytes, for every bundled walk."""
    r = walk_over_bluetooth(monkeypatch, name=name)
    check_all(r.samples, r.events, timeline(name).limits)
    assert r.summary["outcome"] == "completed"
    assert commands(r.events, "start") and commands(r.events, "stop")
    assert r.samples[-1]["speed_kmh"] == 0.0
    assert r.summary["distance_m"] > 300


def test_drop_mid_walk_pauses_reconnects_asks_control_and_waits_for_the_walker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    r = walk_over_bluetooth(monkeypatch, "200:disconnect")
    check_all(r.samples, r.events, timeline().limits)
    dropped = script_t(r, "disconnect")
    assert any(s["state"] == "paused" for s in r.samples if s["t"] > dropped)
    reconnected = next(e for e in of_type(r, "connected") if e["details"]["reconnect"])
    sent_after = [e for e in of_type(r, "command") if e["t"] >= dropped]
    assert sent_after[0]["details"]["name"] == "request_control"
    resume = next(
        e
        for e in of_type(r, "walker")
        if e["t"] >= reconnected["t"] and e["details"]["action"] == "resume"
    )
    starts = [e for e in commands(r.events, "start") if e["t"] >= dropped]
    assert starts and starts[0]["t"] >= resume["t"], "no Start before the walker resumes"
    check_start_only_after_walker(r.events)
    assert r.summary["outcome"] == "completed"


def test_status_ff_control_lost_mid_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    r = walk_over_bluetooth(monkeypatch, "200:revoke")
    check_start_only_after_walker(r.events)
    t = script_t(r, "revoke")
    assert any(e["t"] >= t for e in commands(r.events, "request_control"))
    assert any(s["state"] == "paused" for s in r.samples if s["t"] >= t)
    assert r.summary["outcome"] == "completed"


def test_incline_rejected_walk_continues_on_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "gentle-incline-builder.toml"
    r = walk_over_bluetooth(monkeypatch, "10:reject-incline", name=name)
    check_all(r.samples, r.events, timeline(name).limits)
    t = script_t(r, "reject-incline")
    assert any(e["t"] >= t for e in of_type(r, "command_rejected")) or any(
        e["t"] >= t and "incline" in str(e["details"]) for e in r.events
    )
    assert r.summary["outcome"] == "completed"
    assert max(s["speed_kmh"] for s in r.samples if s["t"] > t) > 1.0


def test_drop_around_end_leaves_the_belt_stopped_after_reconnect(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """End is pressed while the link is down (the walk's stop cannot arrive): the stop is owed,
    and on the reconnect the first thing after control is that stop, never a Start."""
    r = walk_over_bluetooth(monkeypatch, "100:disconnect:end")
    dropped = script_t(r, "disconnect")
    reconnected = next(e for e in of_type(r, "connected") if e["details"]["reconnect"])
    after = [e["details"]["name"] for e in of_type(r, "command") if e["t"] >= dropped]
    assert after[:2] in (["request_control", "stop"], ["request_control", "pause"])
    assert not [e for e in commands(r.events, "start") if e["t"] >= dropped]
    assert r.samples[-1]["speed_kmh"] == 0.0
    moving_after = [s for s in r.samples if s["t"] >= reconnected["t"] + 10 and s["speed_kmh"]]
    assert moving_after == [], "the belt is at 0 soon after the link returns"
    assert r.summary["outcome"] != "abandoned"


def test_a_lost_footpod_says_so_once_and_the_walk_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def main() -> None:
        rig = await build_rig(monkeypatch)
        try:
            notices: list[str] = []
            pod = SensorReader(BleakTransport(FOOTPOD), Kind.FOOTPOD, on_lost=notices.append)
            await pod.start()
            pod.keep_alive()
            loop = asyncio.get_running_loop()
            await asyncio.sleep(3.0)
            assert pod.value(loop.time()) == 110
            transport = open_transport(TREADMILL)
            task = asyncio.create_task(
                simulate_async(
                    timeline(),
                    transport=transport,
                    machine=rig.machine,
                    runner_settings=RunnerSettings(tick_s=1.0),
                    max_time_s=200.0,
                )
            )
            await asyncio.sleep(120.0)
            await rig.footpod.drop()  # gone for good
            await asyncio.sleep(30.0)
            assert notices == ["The footpod is not connected; the walk goes on without it."]
            assert pod.value(loop.time()) is None
            assert rig.machine.speed_kmh > 0.5, "the belt still carries the walker"
            result = await task
            states = [s["state"] for s in result.samples if s["t"] >= 120.0]
            assert State.PAUSED.value not in states
            await pod.close()
        finally:
            await rig.close()

    run_virtual(main())
