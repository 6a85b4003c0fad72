"""Headless simulation: the engine, the real client and the simulated treadmill, with a
scripted walker, in accelerated (virtual) time by default."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Protocol

from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.opening import SIMULATOR, open_transport
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill, SimulatorConfig
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.session.engine import EngineSettings
from treadmill_tui.session.events import (
    SimulationTimeLimit,
)
from treadmill_tui.session.runner import MetronomeSink, RunnerSettings, SessionRunner
from treadmill_tui.session.states import Outcome
from treadmill_tui.session.timeline import TimelineLike
from treadmill_tui.session.walker import ScriptedWalker, ScriptEvent, WalkerConfig
from treadmill_tui.session.wiring import open_session


class WalkObserver(Protocol):
    """Watches one walk through the runner (the history recorder fits)."""

    def attach(self, runner: SessionRunner) -> None: ...

    async def finish(
        self, summary: dict[str, Any], events: list[dict[str, Any]] | None = None
    ) -> int | None: ...


@dataclass
class SimulationResult:
    samples: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"samples": self.samples, "events": self.events, "summary": self.summary}


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


async def simulate_async(
    timeline: TimelineLike,
    *,
    pain: int = 2,
    script: list[ScriptEvent] | None = None,
    sim_config: SimulatorConfig | None = None,
    engine_settings: EngineSettings | None = None,
    runner_settings: RunnerSettings | None = None,
    walker_config: WalkerConfig | None = None,
    metronome: MetronomeSink | None = None,
    max_time_s: float | None = None,
    sample_s: float = 1.0,
    session_number: int | None = None,
    observer: WalkObserver | None = None,
    transport: FtmsTransport | None = None,
    machine: SimulatedTreadmill | None = None,
) -> SimulationResult:
    """Run one walk on the running loop; returns samples, events and the summary.

    ``transport`` (with the ``machine`` behind it) replaces the in-memory simulator link, e.g.
    the Bluetooth rig serving the same simulator over bumble.

    ``session_number`` (None: unknown, no offered breaks) overrides the engine settings' one.
    ``observer`` (the history recorder) sees the runner's events and the final summary.
    """
    loop = asyncio.get_running_loop()
    if session_number is not None:
        engine_settings = dataclasses.replace(
            engine_settings or EngineSettings(), session_number=session_number
        )
    if transport is None:
        transport = open_transport(SIMULATOR, sim_config=sim_config)
        assert isinstance(transport, SimulatedTransport)
        machine = transport.machine
    elif machine is None:
        raise ValueError("a transport of your own needs the simulated machine behind it")
    t0 = loop.time()
    # 1 Hz ticks headless (samples are 1 Hz; every input still steps the engine at once)
    rs = runner_settings or RunnerSettings(tick_s=1.0)
    session = open_session(
        timeline,
        transport,
        engine_settings=engine_settings,
        runner_settings=rs,
        metronome=metronome,
        start=t0,
    )
    engine, treadmill, runner = session.engine, session.treadmill, session.runner
    if observer is not None:
        observer.attach(runner)
    wcfg = walker_config or WalkerConfig()
    wcfg.pain = pain
    walker = ScriptedWalker(runner, machine, list(script or []), wcfg)
    result = SimulationResult()
    limit = max_time_s if max_time_s is not None else timeline.duration_s * 2 + 3600.0

    async def sampler() -> None:
        n = 0
        while True:
            speed, incline = engine.sample_targets()
            cadence = engine.cadence()
            belt = machine.state
            result.samples.append(
                {
                    "t": round(loop.time() - t0, 3),
                    "prog_t": round(engine.prog_t, 2),
                    "state": str(engine.state),
                    "speed_kmh": round(belt.speed_kmh, 2),
                    "incline_pct": round(belt.incline_pct, 2),
                    "cadence_spm": None if cadence is None else round(cadence, 1),
                    "target_speed_kmh": _r(speed),
                    "target_incline_pct": _r(incline),
                    "exercise": engine.exercise_name,
                }
            )
            n += 1
            await asyncio.sleep(max(0.0, t0 + n * sample_s - loop.time()))

    async def guard() -> None:
        await asyncio.sleep(limit)
        engine.record(loop.time(), SimulationTimeLimit(limit_s=limit))
        runner.close()

    tasks = [
        asyncio.create_task(sampler()),
        asyncio.create_task(walker.run()),
        asyncio.create_task(guard()),
    ]
    try:
        summary = await runner.run()
    finally:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await treadmill.close()
    result.events = [e.to_dict() for e in engine.events]
    result.summary = summary.to_dict()
    if not engine.finished and result.summary["outcome"] == Outcome.IN_PROGRESS:
        result.summary["outcome"] = str(Outcome.ABANDONED)
    if observer is not None:
        await observer.finish(result.summary, result.events)
    return result


def simulate(timeline: TimelineLike, *, realtime: bool = False, **kwargs: Any) -> SimulationResult:
    """Run :func:`simulate_async` on a fresh virtual-time loop (or a real one)."""
    if realtime:
        return asyncio.run(simulate_async(timeline, **kwargs))
    return run_virtual(simulate_async(timeline, **kwargs))
