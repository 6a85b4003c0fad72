"""The one place that wires a walk: engine, treadmill client and runner over a transport."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.session.engine import Engine, EngineSettings
from treadmill_tui.session.runner import MetronomeSink, RunnerSettings, SessionRunner
from treadmill_tui.session.timeline import TimelineLike


@dataclass(frozen=True, slots=True)
class Session:
    engine: Engine
    treadmill: Treadmill
    runner: SessionRunner


def open_session(
    timeline: TimelineLike,
    transport: FtmsTransport,
    *,
    engine_settings: EngineSettings | None = None,
    runner_settings: RunnerSettings | None = None,
    metronome: MetronomeSink | None = None,
    start: float | None = None,
) -> Session:
    """A ready-to-run walk on ``transport`` (simulator or Bluetooth, the same code above it).

    ``start`` defaults to the running loop's time; ``await session.runner.run()`` walks it.
    """
    t0 = asyncio.get_running_loop().time() if start is None else start
    treadmill = Treadmill(transport)
    engine = Engine(timeline, settings=engine_settings, start=t0)
    runner = SessionRunner(engine, treadmill, metronome=metronome, settings=runner_settings)
    return Session(engine, treadmill, runner)
