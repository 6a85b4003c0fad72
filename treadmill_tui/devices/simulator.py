"""A simulated FTMS treadmill: believable physics behind real FTMS bytes.

:class:`SimulatedTreadmill` is the machine (physics from :mod:`sim_physics`, an FTMS server
speaking the codec's bytes, fault switches for tests); :class:`SimulatedTransport` is the
client's view of it through the :class:`~treadmill_tui.devices.transport.FtmsTransport` seam.

Timing uses the running asyncio loop (``call_later`` / ``time``), so on a ``VirtualTimeLoop``
the machine runs in accelerated time and on a normal loop in real time. Physics advance lazily
to the clock's "now" on every read, write and telemetry tick.

Behaviour choices (like a typical home treadmill):

- Nothing moves without a Start (CP Start or :meth:`SimulatedTreadmill.console_start`):
  speed and incline targets received while stopped or paused are accepted (answered success)
  and stored, and take effect at the next Start, which accelerates the belt to
  ``max(start_speed_kmh, stored target)``. The incline motor, too, only moves while running.
- Stop (CP, console or safety key) clears the stored speed target, so the next Start begins
  at the start speed; Pause keeps it, so Resume returns to the previous speed.
- Totals (distance, elevation, elapsed time) run until an FTMS Reset.
- A dropped link leaves the belt as it is (the walker is still on it): the app must cope.
- CP-initiated changes produce no Status notification (FTMS sends those to *other* clients);
  console actions, the safety key and control loss do.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from treadmill_tui.clock import Clock
from treadmill_tui.devices.errors import AttError, CharacteristicNotFound, LinkLost
from treadmill_tui.devices.sim_physics import BeltState, Drive, advance
from treadmill_tui.ftms import (
    FITNESS_MACHINE_CONTROL_POINT,
    FITNESS_MACHINE_FEATURE,
    FITNESS_MACHINE_STATUS,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    TRAINING_STATUS,
    TREADMILL_DATA,
    ControlRequest,
    ControlResponse,
    Features,
    FtmsDecodeError,
    InclinationRange,
    MachineStatus,
    OpCode,
    ResultCode,
    SpeedRange,
    StatusOpCode,
    StopControl,
    TrainingStatus,
    TreadmillData,
    decode_control_request,
    encode_control_response,
    encode_features,
    encode_inclination_range,
    encode_speed_range,
    encode_status,
    encode_training_status,
    split_treadmill_data,
)

_log = logging.getLogger(__name__)

ATT_READ_NOT_PERMITTED = 0x02
ATT_CCCD_IMPROPERLY_CONFIGURED = 0xFD
ATT_PROCEDURE_IN_PROGRESS = 0xFE

TRAINING_IDLE = 0x01
TRAINING_MANUAL = 0x0D

# Feature bits the simulator reports: total distance, inclination, elevation gain, elapsed time.
_FEATURE_BITS = (1 << 2) | (1 << 3) | (1 << 4) | (1 << 12)
_TARGET_SPEED = 1 << 0
_TARGET_INCLINE = 1 << 1

_NOTIFYING = (TREADMILL_DATA, FITNESS_MACHINE_STATUS, TRAINING_STATUS)


def _default_speed_range() -> SpeedRange:
    return SpeedRange(1.0, 12.0, 0.1)


def _default_inclination_range() -> InclinationRange:
    return InclinationRange(0.0, 12.0, 0.5)


@dataclass(frozen=True, slots=True)
class SimulatorConfig:
    """The simulated machine's specification."""

    speed_range: SpeedRange = field(default_factory=_default_speed_range)
    inclination_range: InclinationRange | None = field(default_factory=_default_inclination_range)
    accel_kmh_per_s: float = 0.5
    incline_rate_pct_per_s: float = 0.5
    telemetry_interval_s: float = 1.0
    response_delay_s: float = 0.01
    """Delay before a CP indication; 0 answers inside the write (the answer beats its return)."""
    max_payload: int = 20
    start_speed_kmh: float = 1.0
    safety_decel_kmh_per_s: float = 5.0
    has_training_status: bool = True

    def __post_init__(self) -> None:
        for name in ("accel_kmh_per_s", "incline_rate_pct_per_s", "safety_decel_kmh_per_s"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if not self.telemetry_interval_s > 0:
            raise ValueError("telemetry_interval_s must be positive")
        if self.response_delay_s < 0:
            raise ValueError("response_delay_s must not be negative")
        if not self.speed_range.min_kmh <= self.start_speed_kmh <= self.speed_range.max_kmh:
            raise ValueError("start_speed_kmh must lie inside speed_range")


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One Control Point write as the machine received it."""

    t: float
    raw: bytes
    request: ControlRequest | None
    """``None`` when the bytes did not decode."""
    att_error: int | None = None
    """The ATT error the write got (0xFD, 0xFE), or ``None`` if it was accepted."""


@dataclass(frozen=True, slots=True)
class TraceEntry:
    """A link-level happening, for ordering assertions ("subscribe" before "write")."""

    t: float
    kind: str
    detail: str = ""


def _raw(value: float, resolution: float) -> int:
    return round(value / resolution)


def _speed_ok(rng: SpeedRange, kmh: float) -> bool:
    lo, hi, step = _raw(rng.min_kmh, 0.01), _raw(rng.max_kmh, 0.01), _raw(rng.increment_kmh, 0.01)
    raw = _raw(kmh, 0.01)
    return lo <= raw <= hi and (raw == hi or (raw - lo) % max(step, 1) == 0)


def _incline_ok(rng: InclinationRange, pct: float) -> bool:
    lo, hi, step = _raw(rng.min_pct, 0.1), _raw(rng.max_pct, 0.1), _raw(rng.increment_pct, 0.1)
    raw = _raw(pct, 0.1)
    return lo <= raw <= hi and (raw == hi or (raw - lo) % max(step, 1) == 0)


class SimulatedTreadmill:
    """Physics plus FTMS server, with fault switches for tests.

    ``clock`` must agree with the running loop's time; leave it ``None`` to use the loop's.
    """

    def __init__(self, config: SimulatorConfig | None = None, clock: Clock | None = None) -> None:
        self.config = config or SimulatorConfig()
        self._clock = clock
        # fault switches
        self.reject_speed = False
        self.reject_incline = False
        self.ignore_commands = False
        self.response_delay_s = self.config.response_delay_s
        # records for tests
        self.log: list[LoggedRequest] = []
        self.responses: list[tuple[float, ControlResponse]] = []
        self.trace: list[TraceEntry] = []
        # physics
        self._belt = BeltState()
        self._last: float | None = None
        self._running = False
        self._paused = False
        self._target_speed = 0.0
        self._belt_target = 0.0
        self._target_incline = (
            max(self.config.inclination_range.min_pct, 0.0)
            if self.config.inclination_range
            else 0.0
        )
        self._speed_rate = self.config.accel_kmh_per_s
        self._safety_key_out = False
        # link
        self._link_up = False
        self._link_available = True
        self._generation = 0
        self._control = False
        self._busy = False
        self._cccd: dict[str, bool] = {}
        self._subscribers: dict[str, Callable[[bytes], None]] = {}
        self._on_disconnect: Callable[[], None] | None = None
        self._ticker: asyncio.TimerHandle | None = None

    # ---- time and physics --------------------------------------------------------------

    def _now(self) -> float | None:
        if self._clock is not None:
            return self._clock()
        try:
            return asyncio.get_running_loop().time()
        except RuntimeError:
            return None

    def _update(self) -> None:
        now = self._now()
        if now is None:
            return
        if self._last is not None and now > self._last:
            drive = Drive(
                target_speed_kmh=self._belt_target if self._running else 0.0,
                target_incline_pct=self._target_incline
                if self._running
                else self._belt.incline_pct,
                speed_rate_kmh_per_s=self._speed_rate,
                incline_rate_pct_per_s=self.config.incline_rate_pct_per_s,
                counting=self._running,
            )
            self._belt = advance(self._belt, drive, now - self._last)
        if self._last is None or now > self._last:
            self._last = now

    def _t(self) -> float:
        now = self._now()
        return now if now is not None else (self._last or 0.0)

    @property
    def state(self) -> BeltState:
        self._update()
        return self._belt

    @property
    def speed_kmh(self) -> float:
        return self.state.speed_kmh

    @property
    def incline_pct(self) -> float:
        return self.state.incline_pct

    @property
    def distance_m(self) -> float:
        return self.state.distance_m

    @property
    def elevation_gain_m(self) -> float:
        return self.state.elevation_gain_m

    @property
    def elapsed_s(self) -> float:
        return self.state.elapsed_s

    @property
    def running(self) -> bool:
        """Started and not stopped/paused (the belt may still be ramping)."""
        return self._running

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def target_speed_kmh(self) -> float:
        """The stored speed target (0 after a stop)."""
        return self._target_speed

    @property
    def target_incline_pct(self) -> float:
        return self._target_incline

    @property
    def has_control(self) -> bool:
        """Whether the connected client holds control permission."""
        return self._control

    @property
    def link_up(self) -> bool:
        return self._link_up

    @property
    def safety_key_out(self) -> bool:
        return self._safety_key_out

    @property
    def cccd(self) -> Mapping[str, bool]:
        """Per characteristic UUID: notifications/indications enabled by the client."""
        return MappingProxyType(self._cccd)

    def cccd_enabled(self, uuid: str) -> bool:
        return self._cccd.get(uuid, False)

    # ---- console and faults ------------------------------------------------------------

    def console_start(self) -> None:
        """The walker presses Start on the console (Status 0x04)."""
        self._update()
        if self._safety_key_out or self._running:
            return
        self._begin_running()
        self._notify_status(MachineStatus(op_code=StatusOpCode.STARTED_OR_RESUMED_BY_USER))

    def console_stop(self) -> None:
        """The walker presses Stop: belt decelerates to 0 (Status 02 01)."""
        self._update()
        self._halt(pause=False, rate=self.config.accel_kmh_per_s)
        self._notify_status(
            MachineStatus(
                op_code=StatusOpCode.STOPPED_OR_PAUSED_BY_USER, control_code=StopControl.STOP
            )
        )

    def console_pause(self) -> None:
        """The walker presses Pause: belt decelerates to 0 (Status 02 02)."""
        self._update()
        self._halt(pause=True, rate=self.config.accel_kmh_per_s)
        self._notify_status(
            MachineStatus(
                op_code=StatusOpCode.STOPPED_OR_PAUSED_BY_USER, control_code=StopControl.PAUSE
            )
        )

    def safety_key(self) -> None:
        """Safety key pulled: the belt stops fast (Status 0x03); Start fails until re-inserted."""
        self._update()
        self._safety_key_out = True
        self._halt(pause=False, rate=self.config.safety_decel_kmh_per_s)
        self._notify_status(MachineStatus(op_code=StatusOpCode.STOPPED_BY_SAFETY_KEY))

    def insert_safety_key(self) -> None:
        self._safety_key_out = False

    def revoke_control(self) -> None:
        """The machine withdraws control permission (Status 0xFF); the belt carries on."""
        self._update()
        if not self._control:
            return
        self._control = False
        self._notify_status(MachineStatus(op_code=StatusOpCode.CONTROL_PERMISSION_LOST))

    def drop_link(self, restore_after_s: float | None = None) -> None:
        """Lose the link now (the disconnect callback fires); reachable again after
        ``restore_after_s`` seconds, or only after :meth:`restore_link` when ``None``."""
        self._update()
        if self._link_up:
            self._link_down("link-drop")
            callback = self._on_disconnect
            if callback is not None:
                callback()
        self._link_available = False
        if restore_after_s is not None:
            asyncio.get_running_loop().call_later(restore_after_s, self.restore_link)

    def restore_link(self) -> None:
        """Make the machine reachable again (a client still has to reconnect)."""
        self._link_available = True

    # ---- state changes -----------------------------------------------------------------

    def _begin_running(self) -> None:
        self._running = True
        self._paused = False
        self._speed_rate = self.config.accel_kmh_per_s
        self._belt_target = max(self.config.start_speed_kmh, self._target_speed)
        self._notify_training(TRAINING_MANUAL)

    def _halt(self, *, pause: bool, rate: float) -> None:
        was_moving = self._running
        self._running = False
        self._paused = pause and (was_moving or self._paused)
        self._belt_target = 0.0
        self._speed_rate = rate
        if not pause:
            self._target_speed = 0.0
        self._notify_training(TRAINING_IDLE)

    def _reset_machine(self) -> None:
        self._halt(pause=False, rate=self.config.accel_kmh_per_s)
        self._paused = False
        rng = self.config.inclination_range
        self._target_incline = max(rng.min_pct, 0.0) if rng else 0.0
        self._belt = BeltState(speed_kmh=self._belt.speed_kmh, incline_pct=self._belt.incline_pct)
        self._control = False

    # ---- link (used by SimulatedTransport) ---------------------------------------------

    def attach(self, on_disconnect: Callable[[], None]) -> None:
        """Connect a client; ``on_disconnect`` fires on an unsolicited link loss."""
        self._on_disconnect = on_disconnect
        self.link_open()

    def link_open(self) -> None:
        if self._link_up:
            return
        if not self._link_available:
            raise LinkLost("the treadmill is out of reach")
        self._update()
        self._link_up = True
        self._generation += 1
        self.trace.append(TraceEntry(self._t(), "link-up"))

    def link_close(self) -> None:
        """The client disconnects on purpose (no callback)."""
        self._update()
        if self._link_up:
            self._link_down("close")

    def _link_down(self, kind: str) -> None:
        self._link_up = False
        self._generation += 1
        self._control = False
        self._busy = False
        self._cccd.clear()
        self._subscribers.clear()
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
        self.trace.append(TraceEntry(self._t(), kind))

    def _require_link(self) -> None:
        if not self._link_up:
            raise LinkLost("not connected")

    def read(self, uuid: str) -> bytes:
        self._require_link()
        self._update()
        self.trace.append(TraceEntry(self._t(), "read", uuid))
        cfg = self.config
        if uuid == FITNESS_MACHINE_FEATURE:
            targets = _TARGET_SPEED | (_TARGET_INCLINE if cfg.inclination_range else 0)
            return encode_features(Features(_FEATURE_BITS, targets))
        if uuid == SUPPORTED_SPEED_RANGE:
            return encode_speed_range(cfg.speed_range)
        if uuid == SUPPORTED_INCLINATION_RANGE and cfg.inclination_range is not None:
            return encode_inclination_range(cfg.inclination_range)
        if uuid == TRAINING_STATUS and cfg.has_training_status:
            return encode_training_status(self._training_status())
        if uuid in (TREADMILL_DATA, FITNESS_MACHINE_STATUS, FITNESS_MACHINE_CONTROL_POINT):
            raise AttError(ATT_READ_NOT_PERMITTED)
        raise CharacteristicNotFound(uuid)

    def subscribe(self, uuid: str, callback: Callable[[bytes], None]) -> None:
        self._require_link()
        known = uuid in _NOTIFYING or uuid == FITNESS_MACHINE_CONTROL_POINT
        if not known or (uuid == TRAINING_STATUS and not self.config.has_training_status):
            raise CharacteristicNotFound(uuid)
        self._update()
        self._cccd[uuid] = True
        self._subscribers[uuid] = callback
        self.trace.append(TraceEntry(self._t(), "subscribe", uuid))
        if uuid == TREADMILL_DATA and self._ticker is None:
            self._schedule_tick(asyncio.get_running_loop())

    def write_control_point(self, data: bytes) -> None:
        """Receive a CP write: raise the ATT error, or accept it and answer later."""
        self._require_link()
        self._update()
        t = self._t()
        data = bytes(data)
        try:
            request: ControlRequest | None = decode_control_request(data)
        except FtmsDecodeError:
            request = None
        att: int | None = None
        if not self._cccd.get(FITNESS_MACHINE_CONTROL_POINT, False):
            att = ATT_CCCD_IMPROPERLY_CONFIGURED
        elif self._busy:
            att = ATT_PROCEDURE_IN_PROGRESS
        self.log.append(LoggedRequest(t, data, request, att))
        self.trace.append(TraceEntry(t, "write", data.hex(" ")))
        if att is not None:
            raise AttError(att)
        self._busy = True
        if self.ignore_commands:
            return  # silence: the procedure never completes (until the link goes)
        generation = self._generation
        if self.response_delay_s <= 0:
            self._answer(generation, data, request)
        else:
            asyncio.get_running_loop().call_later(
                self.response_delay_s, self._answer, generation, data, request
            )

    # ---- FTMS server -------------------------------------------------------------------

    def _answer(self, generation: int, data: bytes, request: ControlRequest | None) -> None:
        if generation != self._generation:
            return  # the link went down meanwhile
        self._update()
        op_code = data[0] if data else 0
        result = self._execute(request) if request is not None else ResultCode.INVALID_PARAMETER
        response = ControlResponse(op_code, int(result))
        self._busy = False
        self.responses.append((self._t(), response))
        self._send(FITNESS_MACHINE_CONTROL_POINT, encode_control_response(response), "indicate")

    def _execute(self, req: ControlRequest) -> ResultCode:
        op = req.op_code
        if op == OpCode.REQUEST_CONTROL:
            self._control = True
            return ResultCode.SUCCESS
        if op not in (
            OpCode.RESET,
            OpCode.SET_TARGET_SPEED,
            OpCode.SET_TARGET_INCLINATION,
            OpCode.START_OR_RESUME,
            OpCode.STOP_OR_PAUSE,
        ):
            return ResultCode.OP_CODE_NOT_SUPPORTED
        if not self._control:
            return ResultCode.CONTROL_NOT_PERMITTED
        if op == OpCode.RESET:
            self._reset_machine()
            return ResultCode.SUCCESS
        if op == OpCode.SET_TARGET_SPEED:
            kmh = req.target_speed_kmh
            if self.reject_speed:
                return ResultCode.OP_CODE_NOT_SUPPORTED
            if kmh is None or not _speed_ok(self.config.speed_range, kmh):
                return ResultCode.INVALID_PARAMETER
            self._target_speed = kmh
            if self._running:
                self._belt_target = kmh
            return ResultCode.SUCCESS
        if op == OpCode.SET_TARGET_INCLINATION:
            pct = req.target_inclination_pct
            rng = self.config.inclination_range
            if self.reject_incline or rng is None:
                return ResultCode.OP_CODE_NOT_SUPPORTED
            if pct is None or not _incline_ok(rng, pct):
                return ResultCode.INVALID_PARAMETER
            self._target_incline = pct
            return ResultCode.SUCCESS
        if op == OpCode.START_OR_RESUME:
            if self._running or self._safety_key_out:
                return ResultCode.OPERATION_FAILED
            self._begin_running()
            return ResultCode.SUCCESS
        # STOP_OR_PAUSE
        if req.control_code == StopControl.STOP:
            self._halt(pause=False, rate=self.config.accel_kmh_per_s)
            return ResultCode.SUCCESS
        if req.control_code == StopControl.PAUSE:
            self._halt(pause=True, rate=self.config.accel_kmh_per_s)
            return ResultCode.SUCCESS
        return ResultCode.INVALID_PARAMETER

    def _training_status(self) -> TrainingStatus:
        return TrainingStatus(TRAINING_MANUAL if self._running else TRAINING_IDLE, None)

    def _notify_training(self, status: int) -> None:
        if self.config.has_training_status:
            self._send(TRAINING_STATUS, encode_training_status(TrainingStatus(status, None)))

    def _notify_status(self, status: MachineStatus) -> None:
        self._send(FITNESS_MACHINE_STATUS, encode_status(status))

    def _send(self, uuid: str, data: bytes, kind: str = "notify") -> None:
        if not (self._link_up and self._cccd.get(uuid, False)):
            return
        callback = self._subscribers.get(uuid)
        if callback is None:
            return
        self.trace.append(TraceEntry(self._t(), kind, f"{uuid[4:8]} {data.hex(' ')}"))
        try:
            callback(data)
        except Exception:  # like a BLE stack: a failing client callback is logged, not fatal
            _log.exception("client callback failed for %s", uuid)

    def inject(self, uuid: str, data: bytes) -> None:
        """Send raw bytes to the client on ``uuid`` (for malformed-input tests)."""
        self._send(uuid, bytes(data), "inject")

    def telemetry_record(self) -> TreadmillData:
        """The Treadmill Data record the machine would send now."""
        s = self.state
        return TreadmillData(
            speed_kmh=round(s.speed_kmh, 2),
            total_distance_m=min(int(s.distance_m), 0xFFFFFF),
            inclination_pct=round(s.incline_pct, 1) if self.config.inclination_range else None,
            elevation_gain_pos_m=min(round(s.elevation_gain_m, 1), 6553.5),
            elevation_gain_neg_m=min(round(s.elevation_loss_m, 1), 6553.5),
            elapsed_s=min(int(s.elapsed_s), 0xFFFF),
        )

    def _schedule_tick(self, loop: asyncio.AbstractEventLoop) -> None:
        generation = self._generation
        self._ticker = loop.call_later(self.config.telemetry_interval_s, self._tick, generation)

    def _tick(self, generation: int) -> None:
        self._ticker = None
        if generation != self._generation or not self._link_up:
            return
        for packet in split_treadmill_data(self.telemetry_record(), self.config.max_payload):
            self._send(TREADMILL_DATA, packet)
        if self._link_up and generation == self._generation:
            self._schedule_tick(asyncio.get_running_loop())


class SimulatedTransport:
    """The client's side of the simulated link (implements ``FtmsTransport``); connected on
    construction."""

    def __init__(self, machine: SimulatedTreadmill) -> None:
        self.machine = machine
        self._callback: Callable[[], None] | None = None
        machine.attach(self._dropped)

    def _dropped(self) -> None:
        if self._callback is not None:
            self._callback()

    @property
    def is_connected(self) -> bool:
        return self.machine.link_up

    async def read(self, uuid: str) -> bytes:
        await asyncio.sleep(0)
        return self.machine.read(uuid)

    async def write_control_point(self, data: bytes) -> None:
        self.machine.write_control_point(data)
        await asyncio.sleep(0)

    async def subscribe(self, uuid: str, callback: Callable[[bytes], None]) -> None:
        await asyncio.sleep(0)
        self.machine.subscribe(uuid, callback)

    def set_disconnect_callback(self, callback: Callable[[], None]) -> None:
        self._callback = callback

    async def close(self) -> None:
        self.machine.link_close()

    async def reconnect(self) -> None:
        """Re-open the link (drops the old one first); raises ``LinkLost`` while unreachable."""
        await asyncio.sleep(0)
        self.machine.link_close()
        self.machine.link_open()
