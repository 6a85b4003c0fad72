"""Session engine figures: headless simulation speed and stop-now latency."""

from __future__ import annotations

import asyncio
import time

from benchmarks.figure import Figure
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.ftms import OpCode
from treadmill_tui.profiles import compile_profile, parse_profile
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import PainReport, Resume, StartWalk, StopNow
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.runner import SessionRunner
from treadmill_tui.session.simulate import simulate
from treadmill_tui.session.states import State

SIXTY_MINUTES = """
name = "Sixty-minute benchmark walk"
[limits]
incline_max = "3 %"
[[segments]]
kind = "warmup"
duration = "5 min"
speed = "2.5 km/h"
[[segments]]
kind = "walk"
duration = "25 min"
speed = "3.5 km/h"
incline = { start = "0 %", step = "0.5 %", every = "5 min", max = "2 %" }
[[segments]]
kind = "walk"
duration = "25 min"
speed = "4.0 km/h"
incline = "1 %"
[[segments]]
kind = "cooldown"
duration = "5 min"
speed = "2.5 km/h"
incline = "0 %"
"""


def sixty_minute_timeline() -> Timeline:
    return compile_profile(parse_profile(SIXTY_MINUTES, file="<bench>"))


def bench_simulation(repeats: int = 3) -> tuple[float, float]:
    """Best wall time (s) to simulate the 60-minute walk headless, and the speed-up."""
    tl = sixty_minute_timeline()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = simulate(tl)
        best = min(best, time.perf_counter() - t0)
        assert result.summary["outcome"] == "completed", result.summary["outcome"]
    return best, tl.duration_s / best


async def _stop_latencies(repeats: int) -> list[float]:
    machine = SimulatedTreadmill()
    treadmill = Treadmill(SimulatedTransport(machine))
    engine = Engine(sixty_minute_timeline(), start=asyncio.get_running_loop().time())
    runner = SessionRunner(engine, treadmill)
    task = asyncio.create_task(runner.run())
    loop = asyncio.get_running_loop()
    latencies: list[float] = []
    try:
        while engine.state is not State.READY:  # noqa: ASYNC110 - polling the simulator
            await asyncio.sleep(0.01)
        runner.submit(PainReport(PainAnswer(2)))
        runner.submit(StartWalk())
        for _ in range(repeats):
            while machine.speed_kmh < 0.5:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.3)
            seen = len(machine.log)
            key_t = loop.time()
            runner.submit(StopNow())
            while True:
                pauses = [
                    r
                    for r in machine.log[seen:]
                    if r.request is not None and r.request.op_code == OpCode.STOP_OR_PAUSE
                ]
                if pauses:
                    latencies.append(pauses[0].t - key_t)
                    break
                await asyncio.sleep(0.001)
            while machine.speed_kmh > 0.0:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
            await asyncio.sleep(1.1)  # telemetry confirms the stop
            runner.submit(Resume())
    finally:
        runner.close()
        await task
        await treadmill.close()
    return latencies


def bench_stop_latency(repeats: int = 4) -> float:
    """Worst key-to-control-point-write time of the pause command, real asyncio loop (s)."""
    return max(asyncio.run(_stop_latencies(repeats)))


def run() -> list[Figure]:
    wall, speedup = bench_simulation()
    latency = bench_stop_latency()
    return [
        Figure("session: 60-min walk simulated headless", wall, "s", "< 1 s", wall < 1.0),
        Figure("session: simulation speed-up", speedup, "x real time", ">= 3600x", speedup >= 3600),
        Figure(
            "session: stop-now key to pause CP write (max of 4)",
            latency * 1000,
            "ms",
            "< 100 ms",
            latency < 0.1,
        ),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
