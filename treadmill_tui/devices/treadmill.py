"""The one FTMS treadmill client: probes, takes control and sends commands by the FTMS rules.

Rules enforced (``docs/ftms.md`` §10): subscribe (indications on the Control Point included)
before any CP write; Request Control before anything else; one CP procedure at a time, with
the response future created before the write; a response timeout makes the CP unusable until
reconnect; a refusal is reported, never retried; a reconnect sends nothing at all, so a
returning link can never move the belt.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from typing import NoReturn

from treadmill_tui.clock import Clock
from treadmill_tui.devices.capabilities import Capabilities
from treadmill_tui.devices.errors import (
    CharacteristicNotFound,
    CommandRejected,
    CommandTimeout,
    ControlPointUnusable,
    DeviceError,
    LinkLost,
    NotInControl,
    UnsupportedCommand,
)
from treadmill_tui.devices.events import (
    CommandFailed,
    CommandSent,
    ControlLost,
    DeviceEvent,
    LinkDropped,
    StatusReceived,
    TelemetryReceived,
    TrainingStatusReceived,
)
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.ftms import (
    FITNESS_MACHINE_CONTROL_POINT,
    FITNESS_MACHINE_FEATURE,
    FITNESS_MACHINE_STATUS,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    TRAINING_STATUS,
    TREADMILL_DATA,
    ControlResponse,
    FtmsDecodeError,
    InclinationRange,
    OpCode,
    ResultCode,
    SpeedRange,
    StatusOpCode,
    TrainingStatus,
    TreadmillData,
    TreadmillDataAssembler,
    decode_control_response,
    decode_features,
    decode_inclination_range,
    decode_speed_range,
    decode_status,
    decode_training_status,
    encode_pause,
    encode_request_control,
    encode_reset,
    encode_set_target_inclination,
    encode_set_target_speed,
    encode_start,
    encode_stop,
)

_log = logging.getLogger(__name__)

Listener = Callable[[DeviceEvent], None]


def _label(name: str) -> str:
    return name.replace("_", " ")


class Treadmill:
    """FTMS client over an :class:`FtmsTransport`; all methods run on one asyncio loop."""

    def __init__(
        self,
        transport: FtmsTransport,
        *,
        response_timeout_s: float = 30.0,
        clock: Clock | None = None,
    ) -> None:
        if not response_timeout_s > 0:
            raise ValueError("response_timeout_s must be positive")
        self._transport = transport
        self._timeout = response_timeout_s
        self._clock = clock
        self._listeners: list[Listener] = []
        self._lock = asyncio.Lock()
        self._pending: tuple[int, asyncio.Future[ControlResponse]] | None = None
        self._assembler = TreadmillDataAssembler()
        self._capabilities: Capabilities | None = None
        self._latest: TreadmillData | None = None
        self._training_status: TrainingStatus | None = None
        self._has_control = False
        self._cp_unusable = False
        self._open = False
        transport.set_disconnect_callback(self._on_disconnect)

    # ---- state -------------------------------------------------------------------------

    @property
    def capabilities(self) -> Capabilities | None:
        """What the machine reported at the last connect/reconnect (``None`` before)."""
        return self._capabilities

    @property
    def has_control(self) -> bool:
        return self._has_control

    @property
    def latest(self) -> TreadmillData | None:
        """The last whole Treadmill Data record."""
        return self._latest

    @property
    def training_status(self) -> TrainingStatus | None:
        return self._training_status

    @property
    def is_connected(self) -> bool:
        return self._open and self._transport.is_connected

    @property
    def control_point_usable(self) -> bool:
        """False after a command timed out, until :meth:`reconnect`."""
        return not self._cp_unusable

    def add_listener(self, callback: Listener) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    # ---- link --------------------------------------------------------------------------

    async def connect(self) -> Capabilities:
        """Open the link if needed, read Feature and ranges, subscribe everything. No CP write."""
        if not self._transport.is_connected:
            await self._transport.reconnect()
        return await self._setup()

    async def reconnect(self) -> Capabilities:
        """Re-open the link and re-subscribe. Sends no command at all (no control, no Start)."""
        if self._open:
            self._link_gone(emit=False)
        await self._transport.reconnect()
        return await self._setup()

    async def close(self) -> None:
        self._link_gone(emit=False)
        await self._transport.close()

    async def _setup(self) -> Capabilities:
        self._reset_link_state()
        caps = await self._read_capabilities()
        t = self._transport
        await t.subscribe(FITNESS_MACHINE_STATUS, self._on_status)
        await t.subscribe(TREADMILL_DATA, self._on_treadmill_data)
        has_training_status = True
        try:
            await t.subscribe(TRAINING_STATUS, self._on_training_status)
        except LinkLost:
            raise
        except DeviceError as err:  # optional characteristic: absent on many machines
            _log.info("no training status: %s", err)
            has_training_status = False
        await t.subscribe(FITNESS_MACHINE_CONTROL_POINT, self._on_control_point)
        caps = Capabilities(
            features=caps.features,
            speed_range=caps.speed_range,
            inclination_range=caps.inclination_range,
            can_set_speed=caps.can_set_speed,
            can_set_incline=caps.can_set_incline,
            has_training_status=has_training_status,
        )
        self._capabilities = caps
        self._open = True
        return caps

    async def _read_capabilities(self) -> Capabilities:
        t = self._transport
        try:
            features = decode_features(await t.read(FITNESS_MACHINE_FEATURE))
            speed_range: SpeedRange | None = None
            incline_range: InclinationRange | None = None
            if features.supports_speed_target:
                speed_range = decode_speed_range(await t.read(SUPPORTED_SPEED_RANGE))
            if features.supports_inclination_target:
                incline_range = decode_inclination_range(await t.read(SUPPORTED_INCLINATION_RANGE))
        except FtmsDecodeError as err:
            raise DeviceError(f"The treadmill sent unreadable setup data: {err}") from err
        except CharacteristicNotFound as err:
            raise DeviceError(f"The treadmill's setup data is incomplete: {err}") from err
        return Capabilities(
            features=features,
            speed_range=speed_range,
            inclination_range=incline_range,
            can_set_speed=speed_range is not None,
            can_set_incline=incline_range is not None,
            has_training_status=False,
        )

    def _reset_link_state(self) -> None:
        self._assembler.reset()
        self._has_control = False
        self._cp_unusable = False

    def _link_gone(self, *, emit: bool) -> None:
        was_open = self._open
        self._open = False
        self._has_control = False
        self._assembler.reset()
        pending = self._pending
        if pending is not None and not pending[1].done():
            pending[1].set_exception(LinkLost("the command may not have reached the treadmill"))
        if emit and was_open:
            self._emit(LinkDropped(self._now()))

    def _on_disconnect(self) -> None:
        self._link_gone(emit=True)

    # ---- commands ----------------------------------------------------------------------

    async def request_control(self) -> None:
        """Ask for control (must succeed before any other command). A refusal is raised."""
        await self._procedure("request_control", encode_request_control(), None, control=False)

    async def start(self) -> None:
        """Start or resume the belt (the treadmill picks its start speed)."""
        await self._procedure("start", encode_start(), None)

    async def stop(self) -> None:
        await self._procedure("stop", encode_stop(), None)

    async def pause(self) -> None:
        await self._procedure("pause", encode_pause(), None)

    async def reset(self) -> None:
        """FTMS Reset: targets to defaults and control released (request it again after)."""
        await self._procedure("reset", encode_reset(), None)

    async def set_target_speed(self, kmh: float) -> float:
        """Clamp and snap to the supported range, send, and return the value actually sent."""
        return await self._set_target(
            "set_target_speed",
            "target speed",
            kmh,
            lambda caps: caps.speed_range,
            encode_set_target_speed,
        )

    async def set_target_inclination(self, pct: float) -> float:
        """Clamp and snap to the supported range, send, and return the value actually sent."""
        return await self._set_target(
            "set_target_inclination",
            "target inclination",
            pct,
            lambda caps: caps.inclination_range,
            encode_set_target_inclination,
        )

    async def _set_target(
        self,
        name: str,
        what: str,
        value: float,
        range_of: Callable[[Capabilities], SpeedRange | InclinationRange | None],
        encode: Callable[[float], bytes],
    ) -> float:
        """The shared body of the two target setters: fail before connecting or when the
        machine lacks the range, reject a non-finite value, else send the snapped value."""
        caps = self._capabilities
        supported = None if caps is None else range_of(caps)
        if caps is None or supported is None:
            err: DeviceError = (
                LinkLost("not connected yet") if caps is None else UnsupportedCommand(_label(name))
            )
            self._fail(name, err)
        if not math.isfinite(value):
            raise ValueError(f"{what} must be a finite number, not {value!r}")
        sent = supported.snap(value)
        await self._procedure(name, encode(sent), sent)
        return sent

    def _fail(self, name: str, err: DeviceError) -> NoReturn:
        self._emit(CommandFailed(self._now(), name, err))
        raise err

    def _check(self, name: str, control: bool) -> None:
        if not self.is_connected:
            raise LinkLost(f"'{_label(name)}' was not sent")
        if self._cp_unusable:
            raise ControlPointUnusable(_label(name))
        if control and not self._has_control:
            raise NotInControl(_label(name))

    async def _procedure(
        self, name: str, data: bytes, value: float | None, *, control: bool = True
    ) -> ControlResponse:
        """Queue for the CP, then run one procedure to its end.

        A caller cancelled while queued sends nothing. A caller cancelled mid-procedure (e.g.
        an urgent-pause deadline) returns at once, but the procedure keeps the CP until its
        answer or timeout, because FTMS forbids overlapping procedures (0xFE).
        """
        try:
            self._check(name, control)
            await self._lock.acquire()
            try:
                self._check(name, control)  # things may have changed while queued
            except BaseException:
                self._lock.release()
                raise
        except DeviceError as err:
            self._emit(CommandFailed(self._now(), name, err))
            raise
        task = asyncio.get_running_loop().create_task(self._exchange(name, data, value))
        task.add_done_callback(self._procedure_done)
        return await asyncio.shield(task)

    def _procedure_done(self, task: asyncio.Task[ControlResponse]) -> None:
        self._lock.release()
        if not task.cancelled():
            task.exception()  # retrieved here too, in case the caller stopped waiting

    async def _exchange(self, name: str, data: bytes, value: float | None) -> ControlResponse:
        op_code = data[0]
        future: asyncio.Future[ControlResponse] = asyncio.get_running_loop().create_future()
        self._pending = (op_code, future)  # before the write: the answer can beat its return
        self._emit(CommandSent(self._now(), name, value))
        try:
            try:
                async with asyncio.timeout(self._timeout):
                    await self._transport.write_control_point(data)
                    response = await future
            except TimeoutError:
                self._cp_unusable = True
                raise CommandTimeout(op_code, self._timeout, _label(name)) from None
            if not response.ok:
                raise CommandRejected(op_code, response.result, _label(name))
        except DeviceError as err:
            self._emit(CommandFailed(self._now(), name, err))
            raise
        finally:
            if self._pending is not None and self._pending[1] is future:
                self._pending = None
        return response

    # ---- incoming ----------------------------------------------------------------------

    def _on_control_point(self, data: bytes) -> None:
        try:
            response = decode_control_response(bytes(data))
        except FtmsDecodeError as err:
            _log.warning(
                "ignored malformed control point indication %s: %s", bytes(data).hex(" "), err
            )
            return
        pending = self._pending
        if pending is None or pending[0] != response.request_opcode or pending[1].done():
            _log.warning("ignored unexpected control point response %s", bytes(data).hex(" "))
            return
        # State changes happen here, synchronously, so a Status 0xFF that arrives before the
        # waiting command resumes is never overwritten.
        if response.request_opcode == OpCode.REQUEST_CONTROL and response.ok:
            self._has_control = True
        elif response.request_opcode == OpCode.RESET and response.ok:
            self._has_control = False
        elif response.result == ResultCode.CONTROL_NOT_PERMITTED:
            self._lose_control(always=False)
        pending[1].set_result(response)

    def _on_status(self, data: bytes) -> None:
        try:
            status = decode_status(bytes(data))
        except FtmsDecodeError as err:
            _log.warning("ignored malformed status %s: %s", bytes(data).hex(" "), err)
            return
        self._emit(StatusReceived(self._now(), status))
        if status.op_code == StatusOpCode.CONTROL_PERMISSION_LOST:
            self._lose_control(always=True)

    def _on_treadmill_data(self, data: bytes) -> None:
        try:
            record = self._assembler.feed(bytes(data))
        except FtmsDecodeError as err:
            _log.warning("ignored malformed treadmill data %s: %s", bytes(data).hex(" "), err)
            self._assembler.reset()
            return
        if record is not None:
            self._latest = record
            self._emit(TelemetryReceived(self._now(), record))

    def _on_training_status(self, data: bytes) -> None:
        try:
            status = decode_training_status(bytes(data))
        except FtmsDecodeError as err:
            _log.warning("ignored malformed training status %s: %s", bytes(data).hex(" "), err)
            return
        self._training_status = status
        self._emit(TrainingStatusReceived(self._now(), status))

    def _lose_control(self, *, always: bool) -> None:
        had = self._has_control
        self._has_control = False
        if had or always:
            self._emit(ControlLost(self._now()))

    # ---- plumbing ----------------------------------------------------------------------

    def _now(self) -> float:
        if self._clock is not None:
            return self._clock()
        try:
            return asyncio.get_running_loop().time()
        except RuntimeError:
            return time.monotonic()

    def _emit(self, event: DeviceEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not break the link
                _log.exception("treadmill listener failed on %r", event)
