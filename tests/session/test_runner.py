"""The async shell: command priority, metronome, subscribers, stop-now latency (virtual loop)."""

from __future__ import annotations

import asyncio

import pytest

from tests.session.fakes import SIMPLE, make_timeline
from tests.session.invariants import (
    check_belt_moves_only_after_start,
    check_rate_limits,
    check_start_only_after_walker,
)
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.ftms import OpCode
from treadmill_tui.profiles.model import Limits
from treadmill_tui.session.commands import Pause, SetSpeed
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.events import SessionEvent
from treadmill_tui.session.inputs import PainReport, StartWalk, StopNow
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.runner import SessionRunner
from treadmill_tui.session.states import State


class Recorder:
    def __init__(self) -> None:
        self.cadences: list[float | None] = []

    def set_cadence(self, spm: float | None) -> None:
        self.cadences.append(spm)


async def _walk(seconds: float) -> tuple[SessionRunner, SimulatedTreadmill, Recorder, list[str]]:
    machine = SimulatedTreadmill()
    tm = Treadmill(SimulatedTransport(machine))
    loop = asyncio.get_running_loop()
    engine = Engine(make_timeline(SIMPLE), start=loop.time())
    metro = Recorder()
    runner = SessionRunner(engine, tm, metronome=metro)
    seen: list[str] = []

    def on_event(e: SessionEvent) -> None:
        seen.append(e.type)

    runner.subscribe(on_event)
    task = asyncio.create_task(runner.run())
    while engine.state is not State.READY:  # noqa: ASYNC110 - polling the engine
        await asyncio.sleep(0.1)
    runner.submit(PainReport(PainAnswer(2)))
    runner.submit(StartWalk())
    await asyncio.sleep(seconds)
    key = loop.time()
    n = len(machine.log)
    runner.submit(StopNow())
    await asyncio.sleep(0.2)
    pauses = [
        r
        for r in machine.log[n:]
        if r.request is not None and r.request.op_code == OpCode.STOP_OR_PAUSE
    ]
    assert pauses and pauses[0].t - key < 0.1
    await asyncio.sleep(20)
    runner.close()
    await task
    return runner, machine, metro, seen


def test_stop_now_reaches_the_machine_within_100_ms_and_belt_stops() -> None:
    runner, machine, metro, seen = run_virtual(_walk(400))
    assert machine.speed_kmh == 0.0
    assert "command" in seen and "state" in seen
    assert metro.cadences and metro.cadences[-1] is None  # silent once paused
    assert any(c == 95.0 for c in metro.cadences)


def test_pause_jumps_the_queue_and_drops_set_targets() -> None:
    async def scenario() -> list[str]:
        machine = SimulatedTreadmill()
        machine.response_delay_s = 0.5  # slow answers so commands queue up
        tm = Treadmill(SimulatedTransport(machine))
        engine = Engine(make_timeline(SIMPLE), start=asyncio.get_running_loop().time())
        runner = SessionRunner(engine, tm)
        task = asyncio.create_task(runner.run())
        await asyncio.sleep(2)
        runner._dispatch(SetSpeed(2.0))
        await asyncio.sleep(0.1)  # now in flight (answers take 0.5 s)
        runner._dispatch(SetSpeed(2.1))  # queued behind it
        runner._dispatch(Pause())
        await asyncio.sleep(3)
        runner.close()
        await task
        return [e.type + ":" + str(e.details.get("name")) for e in engine.events]

    types = run_virtual(scenario())
    sent = [t for t in types if t.startswith("command:")]
    assert "command_dropped:set_speed" in types
    assert sent.index("command:pause") < len(sent)
    assert sent.count("command:set_speed") == 1


def test_invariant_checkers_catch_violations() -> None:
    bad_start = [{"t": 1.0, "type": "command", "details": {"name": "start", "value": None}}]
    with pytest.raises(AssertionError, match="without a walker action"):
        check_start_only_after_walker(bad_start)
    samples = [
        {
            "t": 0.0,
            "state": "main",
            "speed_kmh": 0.0,
            "target_speed_kmh": 2.0,
            "target_incline_pct": 0.0,
        },
        {
            "t": 1.0,
            "state": "main",
            "speed_kmh": 1.0,
            "target_speed_kmh": 2.5,
            "target_incline_pct": 0.0,
        },
    ]
    with pytest.raises(AssertionError, match="rise too fast"):
        check_rate_limits(samples, Limits())
    with pytest.raises(AssertionError, match="no Start"):
        check_belt_moves_only_after_start(samples, [])


def test_command_timeout_pauses_and_reconnects() -> None:
    async def scenario() -> tuple[list[str], int]:
        machine = SimulatedTreadmill()
        tm = Treadmill(SimulatedTransport(machine), response_timeout_s=5.0)
        engine = Engine(make_timeline(SIMPLE), start=asyncio.get_running_loop().time())
        runner = SessionRunner(engine, tm)
        task = asyncio.create_task(runner.run())
        while engine.state is not State.READY:  # noqa: ASYNC110 - polling the engine
            await asyncio.sleep(0.1)
        runner.submit(PainReport(PainAnswer(2)))
        runner.submit(StartWalk())
        await asyncio.sleep(30)
        machine.ignore_commands = True
        await asyncio.sleep(40)
        machine.ignore_commands = False
        await asyncio.sleep(60)
        runner.close()
        await task
        starts = sum(
            1 for r in machine.log if r.request and r.request.op_code == OpCode.START_OR_RESUME
        )
        return [e.type for e in engine.events], starts

    types, starts = run_virtual(scenario())
    assert "command_failed" in types
    assert "fault" in types and types.count("connected") >= 2
    assert starts == 1  # the walker never resumed, so no second Start
