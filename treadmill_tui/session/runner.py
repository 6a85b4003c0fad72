"""The thin async shell around the engine: owns the treadmill client, the clock and the queue.

It ticks the engine on a fixed grid of loop time (``tick_s``; late ticks are skipped, not
queued) and immediately on every input, so a stop-now leaves at once. Machine commands go out
one at a time; a Pause/Stop jumps the queue and drops queued set-targets and Starts. After a
dropped link it reconnects with backoff and requests control, then tells the engine ``Ready`` -
it never sends Start itself. On a VirtualTimeLoop the whole walk runs in accelerated time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, assert_never

from treadmill_tui.devices.capabilities import Capabilities
from treadmill_tui.devices.errors import (
    CommandRejected,
    CommandTimeout,
    ControlPointUnusable,
    DeviceError,
    LinkLost,
    NotInControl,
    UnsupportedCommand,
)
from treadmill_tui.devices.events import (
    ControlLost,
    DeviceEvent,
    LinkDropped,
    StatusReceived,
    TelemetryReceived,
)
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.ftms import ResultCode, StatusOpCode
from treadmill_tui.session.commands import (
    Command,
    Pause,
    RequestControl,
    SetIncline,
    SetMetronome,
    SetSpeed,
    Start,
    Stop,
    command_value,
)
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.events import (
    CommandDropped,
    CommandNotSent,
    CommandSent,
    Connected,
    ConnectFailed,
    ConnectGaveUp,
    ControlRefused,
    MetronomeFailed,
    SessionEvent,
)
from treadmill_tui.session.inputs import (
    CommandDone,
    CommandFailed,
    CommandRefused,
    CommandTimedOut,
    ControlRevoked,
    Input,
    LinkDown,
    MachineInfo,
    MachineStarted,
    MachineStopped,
    Ready,
    StopSource,
    Telemetry,
)
from treadmill_tui.session.snapshot import SessionSnapshot
from treadmill_tui.session.summary import SessionSummary

_log = logging.getLogger(__name__)


class MetronomeSink(Protocol):
    """What the runner needs from a metronome (``treadmill_tui.metronome.Metronome`` fits)."""

    def set_cadence(self, spm: float | None) -> None: ...


@dataclass(frozen=True, slots=True)
class RunnerSettings:
    tick_s: float = 0.5
    reconnect_delays_s: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 15.0)  # last one repeats
    control_attempts: int = 3  # a refused Request Control is not retried in a loop


def machine_info(caps: Capabilities) -> MachineInfo:
    """The engine's view of the client's capabilities."""
    sr, ir = caps.speed_range, caps.inclination_range
    return MachineInfo(
        speed_min_kmh=sr.min_kmh if sr else 1.0,
        speed_max_kmh=sr.max_kmh if sr else 6.0,
        speed_increment_kmh=sr.increment_kmh if sr else 0.1,
        incline_min_pct=ir.min_pct if ir else None,
        incline_max_pct=ir.max_pct if ir else None,
        incline_increment_pct=ir.increment_pct if ir else None,
        can_set_speed=caps.can_set_speed and sr is not None,
        can_set_incline=caps.can_set_incline and ir is not None,
    )


def telemetry_of(event: TelemetryReceived) -> Telemetry:
    d = event.data
    return Telemetry(
        speed_kmh=d.speed_kmh,
        incline_pct=d.inclination_pct,
        distance_m=d.total_distance_m,
        elevation_gain_m=d.elevation_gain_pos_m,
        step_count=d.step_count,
    )


class SessionRunner:
    """Runs one walk: ``await runner.run()`` until the engine finishes (or :meth:`close`)."""

    def __init__(
        self,
        engine: Engine,
        treadmill: Treadmill,
        *,
        metronome: MetronomeSink | None = None,
        settings: RunnerSettings | None = None,
    ) -> None:
        self._engine = engine
        self._tm = treadmill
        self._metronome = metronome
        self._cfg = settings or RunnerSettings()
        self._inputs: list[Input] = []
        self._queue: deque[Command] = deque()
        self._subscribers: list[Callable[[SessionEvent], None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Future[None] | None = None
        self._work: asyncio.Event | None = None
        self._idle: asyncio.Event | None = None
        self._closing = False
        self._reconnecting: asyncio.Task[None] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.write_times: list[tuple[float, str]] = []  # (loop time, name) as each CP write starts

    @property
    def engine(self) -> Engine:
        return self._engine

    def snapshot(self) -> SessionSnapshot:
        return self._engine.snapshot()

    def subscribe(self, callback: Callable[[SessionEvent], None]) -> Callable[[], None]:
        """Call ``callback`` with every new session event; returns an unsubscribe function."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def submit(self, item: Input) -> None:
        """Queue an input (a walker key, usually) and step the engine at once."""
        self._inputs.append(item)
        self._poke()

    def close(self) -> None:
        """Stop the loop (not the belt: submit StopNow first if the belt may be moving)."""
        self._closing = True
        self._poke()

    # ------------------------------------------------------------------ main loop

    async def run(self) -> SessionSummary:
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._work = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._tm.add_listener(self._on_device_event)
        self._tasks = [
            asyncio.create_task(self._command_worker()),
            asyncio.create_task(self._connect(first=True)),
        ]
        tick = self._cfg.tick_s
        next_tick = loop.time()
        try:
            while not self._closing:
                self._step()
                if self._engine.finished:
                    break
                now = loop.time()
                while next_tick <= now:
                    next_tick += tick
                if not self._inputs:
                    await self._sleep_until(next_tick)
            await self._flush()
        finally:
            self._tm.remove_listener(self._on_device_event)
            for task in [*self._tasks, self._reconnecting]:
                if task is not None and not task.done():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
        return self._engine.summary()

    async def _sleep_until(self, deadline: float) -> None:
        assert self._loop is not None
        fut: asyncio.Future[None] = self._loop.create_future()
        self._wake = fut
        handle = self._loop.call_at(deadline, _resolve, fut)
        try:
            await fut
        finally:
            handle.cancel()
            self._wake = None

    async def _flush(self, timeout_s: float = 5.0) -> None:
        """Let queued final commands (the last stop) go out before returning."""
        assert self._idle is not None
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout_s):
                await self._idle.wait()

    def _poke(self) -> None:
        fut = self._wake
        if fut is not None and not fut.done():
            fut.set_result(None)

    def _now(self) -> float:
        assert self._loop is not None
        return self._loop.time()

    def _step(self) -> None:
        inputs, self._inputs = self._inputs, []
        commands = self._engine.step(self._now(), inputs)
        for cmd in commands:
            self._dispatch(cmd)
        self._publish()

    def _publish(self) -> None:
        events = self._engine.drain_events()
        if not self._subscribers:
            return
        for event in events:
            for cb in list(self._subscribers):
                try:
                    cb(event)
                except Exception:  # a broken subscriber must not stop the walk
                    _log.exception("session subscriber failed")

    # ------------------------------------------------------------------ commands

    def _dispatch(self, cmd: Command) -> None:
        if isinstance(cmd, SetMetronome):
            if self._metronome is not None:
                try:
                    self._metronome.set_cadence(cmd.spm)
                except Exception as err:  # audio trouble never stops the walk
                    self._engine.record(self._now(), MetronomeFailed(error=str(err)))
            return
        if isinstance(cmd, Pause | Stop):
            kept: deque[Command] = deque()
            for queued in self._queue:
                if isinstance(queued, SetSpeed | SetIncline | Start):
                    self._engine.record(
                        self._now(), CommandDropped(name=queued.name, value=command_value(queued))
                    )
                else:
                    kept.append(queued)
            kept.appendleft(cmd)
            self._queue = kept
        else:
            self._queue.append(cmd)
        assert self._work is not None and self._idle is not None
        self._idle.clear()
        self._work.set()

    async def _command_worker(self) -> None:
        assert self._work is not None and self._idle is not None
        while True:
            while not self._queue:
                self._idle.set()
                self._work.clear()
                await self._work.wait()
            self._idle.clear()
            cmd = self._queue.popleft()
            try:
                result = await self._execute(cmd)
            except Exception as err:  # supervised: the worker never dies silently
                _log.exception("command %s failed", cmd.name)
                result = self._failed(cmd, err)
            if result is not None:
                self._inputs.append(result)
                self._poke()

    def _stop_not_sent(self, cmd: Command, *, link_gone: bool) -> Input | None:
        """A Pause/Stop that did not go out must not count as sent: tell the engine the link
        (or control) is gone, so it owes the stop again and sends it once both are back. Other
        commands wait for the client's own link or control event."""
        if not isinstance(cmd, Pause | Stop) or not self._engine.connected:
            return None
        if link_gone:
            self._start_reconnect()
            return LinkDown()
        return ControlRevoked()

    def _control_not_asked(self, cmd: RequestControl, err: DeviceError) -> Input:
        """A request for control that did not go out leaves the engine waiting for an answer
        that never comes, with a stop perhaps owed. A broken link reconnects (control is asked
        for after every connect); otherwise the engine hears "refused" and asks again."""
        if isinstance(err, NotInControl):
            return CommandRefused(cmd, str(err))
        self._start_reconnect()
        return LinkDown()

    def _failed(self, cmd: Command, err: Exception) -> Input:
        """An error of a type the client does not name: drop what is queued (it was meant for
        a link that misbehaves), reconnect, and tell the engine, which pauses and owes a stop."""
        for queued in self._queue:
            self._engine.record(
                self._now(), CommandDropped(name=queued.name, value=command_value(queued))
            )
        self._queue.clear()
        self._start_reconnect()
        return CommandFailed(cmd, f"{type(err).__name__}: {err}")

    async def _execute(self, cmd: Command) -> Input | None:
        tm = self._tm
        now = self._now()
        resend = bool(getattr(cmd, "resend", False))
        self._engine.record(
            now, CommandSent(name=cmd.name, value=command_value(cmd), resend=resend)
        )
        self.write_times.append((now, cmd.name))
        try:
            match cmd:
                case Start():
                    await tm.start()
                case Pause():
                    await tm.pause()
                case Stop():
                    await tm.stop()
                case SetSpeed(kmh=kmh):
                    await tm.set_target_speed(kmh)
                case SetIncline(pct=pct):
                    await tm.set_target_inclination(pct)
                case RequestControl():
                    await tm.request_control()
                    caps = tm.capabilities
                    if caps is not None:
                        return Ready(machine_info(caps))
                case SetMetronome():
                    pass  # never queued: _dispatch hands it to the metronome
                case _:
                    assert_never(cmd)
        except CommandRejected as err:
            if err.result == ResultCode.CONTROL_NOT_PERMITTED and not isinstance(
                cmd, RequestControl
            ):
                self._engine.record(self._now(), CommandNotSent(name=cmd.name, error=str(err)))
                return self._stop_not_sent(cmd, link_gone=False)  # else: its own event
            return CommandRefused(cmd, str(err))
        except UnsupportedCommand as err:
            return CommandRefused(cmd, str(err))
        except CommandTimeout:
            # docs/ftms.md §10.4: no more procedures on this link - reconnect
            self._inputs.append(CommandTimedOut(cmd))
            self._inputs.append(LinkDown())
            self._start_reconnect()
            self._poke()
            return None
        except (LinkLost, NotInControl, ControlPointUnusable) as err:
            self._engine.record(self._now(), CommandNotSent(name=cmd.name, error=str(err)))
            if isinstance(cmd, RequestControl):
                return self._control_not_asked(cmd, err)
            return self._stop_not_sent(cmd, link_gone=not isinstance(err, NotInControl))
        except DeviceError as err:
            return CommandRefused(cmd, str(err))
        except Exception as err:
            return self._failed(cmd, err)
        return CommandDone(cmd)

    # ------------------------------------------------------------------ link

    def _on_device_event(self, event: DeviceEvent) -> None:
        item: Input | None = None
        if isinstance(event, TelemetryReceived):
            item = telemetry_of(event)
        elif isinstance(event, StatusReceived):
            op = event.status.op_code
            if op == StatusOpCode.STOPPED_OR_PAUSED_BY_USER:
                item = MachineStopped(StopSource.CONSOLE)
            elif op == StatusOpCode.STOPPED_BY_SAFETY_KEY:
                item = MachineStopped(StopSource.SAFETY_KEY)
            elif op == StatusOpCode.STARTED_OR_RESUMED_BY_USER:
                item = MachineStarted()
        elif isinstance(event, ControlLost):
            item = ControlRevoked()
        elif isinstance(event, LinkDropped):
            item = LinkDown()
            self._start_reconnect()
        if item is not None:
            self._inputs.append(item)
            self._poke()

    def _start_reconnect(self) -> None:
        if self._closing or (self._reconnecting is not None and not self._reconnecting.done()):
            return
        self._reconnecting = asyncio.get_running_loop().create_task(self._connect(first=False))

    async def _connect(self, *, first: bool) -> None:
        delays = self._cfg.reconnect_delays_s
        attempt = 0
        refusals = 0
        while not self._closing:
            try:
                caps = await (self._tm.connect() if first else self._tm.reconnect())
                # Control is asked for again after every (re)connect; nothing else is sent
                # until the walker acts (never a Start, never a replayed target).
                self._engine.record(self._now(), CommandSent(name="request_control", value=None))
                await self._tm.request_control()
                self._inputs.append(Ready(machine_info(caps)))
                self._engine.record(self._now(), Connected(reconnect=not first))
                self._poke()
                return
            except CommandRejected as err:
                refusals += 1
                self._engine.record(self._now(), ControlRefused(error=str(err)))
                if refusals >= self._cfg.control_attempts:
                    self._engine.record(self._now(), ConnectGaveUp(error=str(err)))
                    self._poke()
                    return
            except DeviceError as err:
                self._engine.record(self._now(), ConnectFailed(error=str(err)))
            except Exception as err:  # any other error: keep trying, never die silently
                _log.exception("connect failed")
                self._engine.record(
                    self._now(), ConnectFailed(error=f"{type(err).__name__}: {err}")
                )
            self._poke()
            await asyncio.sleep(delays[min(attempt, len(delays) - 1)])
            attempt += 1
            first = False


def _resolve(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)
