"""Bluetooth figures over the bumble link (tests/devices/ble_rig): the production transport,
client and runner against the simulator served as a virtual FTMS treadmill, in one process.

- stop-now key -> Pause written: from ``runner.submit(StopNow())`` to the moment the virtual
  treadmill's Control Point handler receives ``08 02`` (real time, p50 and p99);
- connect -> ready: from ``Treadmill.connect()`` (find by address, connect, discover, read,
  subscribe) to control granted (real time, median);
- CPU per hour of 1 Hz telemetry: process CPU for one virtual hour of Treadmill Data through
  bumble, bleak and the client (both ends of the link are in this process, so it is an upper
  bound for the app's share).
"""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest

from benchmarks.figure import Figure
from tests.devices.ble_rig.rig import TREADMILL, BleRig, build_rig
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.bluetooth.transport import BleakTransport
from treadmill_tui.devices.events import TelemetryReceived
from treadmill_tui.devices.simulator import SimulatorConfig
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.session.inputs import PainReport, Resume, StartWalk, StopNow
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.runner import RunnerSettings
from treadmill_tui.session.states import WALKING_STATES, State
from treadmill_tui.session.wiring import open_session

FAST = SimulatorConfig(accel_kmh_per_s=20.0, telemetry_interval_s=0.1, response_delay_s=0.0)
STOPS = 100


def _timeline() -> object:
    from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, load_profile

    return compile_profile(load_profile(bundled_profiles_dir() / "first-week-10-min.toml"))


async def _until(check: object, limit_s: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + limit_s
    while not check():  # type: ignore[operator]
        if loop.time() > end:
            raise TimeoutError("benchmark condition not reached")
        await asyncio.sleep(0.005)


async def _stop_latencies(mp: pytest.MonkeyPatch) -> list[float]:
    rig = await build_rig(mp, FAST, sensors_advertise=False)
    arrivals: list[float] = []
    original = rig.treadmill._write_cp

    def timed(connection: object, data: bytes) -> None:
        if bytes(data) == b"\x08\x02":
            arrivals.append(time.perf_counter())
        original(connection, data)  # type: ignore[arg-type]

    rig.treadmill._write_cp = timed  # type: ignore[method-assign]
    session = open_session(
        _timeline(),  # type: ignore[arg-type]
        BleakTransport(TREADMILL),
        runner_settings=RunnerSettings(tick_s=0.1),
    )
    runner, engine = session.runner, session.engine
    task = asyncio.create_task(runner.run())
    latencies: list[float] = []
    try:
        await _until(lambda: engine.state is State.READY)
        runner.submit(PainReport(PainAnswer(2)))
        runner.submit(StartWalk())
        for _ in range(STOPS):
            await _until(lambda: engine.state in WALKING_STATES)
            await asyncio.sleep(0.05)
            n = len(arrivals)
            t0 = time.perf_counter()
            runner.submit(StopNow())
            await _until(lambda n=n: len(arrivals) > n)
            latencies.append(arrivals[n] - t0)
            await _until(lambda: "resume" in runner.snapshot().options)
            runner.submit(Resume())
    finally:
        runner.close()
        await asyncio.wait_for(task, 10.0)
        await session.treadmill.close()
        await rig.close()
    return latencies


async def _connect_times(mp: pytest.MonkeyPatch, n: int = 10) -> list[float]:
    rig = await build_rig(mp, FAST, sensors_advertise=False)
    times: list[float] = []
    try:
        for _ in range(n):
            client = Treadmill(BleakTransport(TREADMILL))
            t0 = time.perf_counter()
            await client.connect()
            await client.request_control()
            times.append(time.perf_counter() - t0)
            await client.close()
            await asyncio.sleep(0.05)
    finally:
        await rig.close()
    return times


async def _telemetry_hour(mp: pytest.MonkeyPatch) -> tuple[float, int]:
    rig: BleRig = await build_rig(mp, SimulatorConfig(), sensors_advertise=False)
    count = 0

    def seen(event: object) -> None:
        nonlocal count
        if isinstance(event, TelemetryReceived):
            count += 1

    client = Treadmill(BleakTransport(TREADMILL))
    client.add_listener(seen)
    await client.connect()
    await client.request_control()
    await client.start()
    await client.set_target_speed(4.0)
    c0 = time.process_time()
    await asyncio.sleep(3600.0)
    cpu = time.process_time() - c0
    await client.close()
    await rig.close()
    return cpu, count


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run() -> list[Figure]:
    with pytest.MonkeyPatch.context() as mp:
        stops = asyncio.run(_stop_latencies(mp))
    with pytest.MonkeyPatch.context() as mp:
        connects = asyncio.run(_connect_times(mp))
    with pytest.MonkeyPatch.context() as mp:
        cpu, count = run_virtual(_telemetry_hour(mp))
    p50, p99 = _pct(stops, 0.5) * 1000, _pct(stops, 0.99) * 1000
    ready = statistics.median(connects) * 1000
    return [
        Figure(
            "bluetooth: stop-now key -> Pause written p50", p50, "ms", "<= 20 ms p99", p50 <= 20
        ),
        Figure("bluetooth: stop-now key -> Pause written p99", p99, "ms", "<= 20 ms", p99 <= 20),
        Figure(
            "bluetooth: connect -> ready (median)", ready, "ms", "< 1000 ms (rig)", ready < 1000
        ),
        Figure(
            "bluetooth: CPU per hour of 1 Hz telemetry",
            cpu,
            "s",
            "< 36 s (1 %)",
            cpu < 36 and count >= 3500,
        ),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
