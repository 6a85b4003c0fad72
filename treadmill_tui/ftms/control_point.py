"""Fitness Machine Control Point (0x2AD9): requests (writes) and responses (indications).

Both directions are here so the client and the simulated server share one codec (docs/ftms.md §5).
Known op codes have fixed parameter sizes, so a wrong length raises FtmsDecodeError; an RFU
request op code decodes with its raw parameter so a server can answer "Op Code Not Supported".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .naming import enum_name
from .op_parameter import (
    pack_inclination,
    pack_speed,
    raw_parameter,
    read_inclination,
    read_speed,
    reject_misplaced,
)
from .reader import Buffer, Reader
from .scaling import pack_int
from .uuids import characteristic_label

LABEL = characteristic_label(0x2AD9)


class OpCode(IntEnum):
    REQUEST_CONTROL = 0x00
    RESET = 0x01
    SET_TARGET_SPEED = 0x02
    SET_TARGET_INCLINATION = 0x03
    SET_TARGET_RESISTANCE_LEVEL = 0x04
    SET_TARGET_POWER = 0x05
    SET_TARGET_HEART_RATE = 0x06
    START_OR_RESUME = 0x07
    STOP_OR_PAUSE = 0x08
    SET_TARGETED_EXPENDED_ENERGY = 0x09
    SET_TARGETED_NUMBER_OF_STEPS = 0x0A
    SET_TARGETED_NUMBER_OF_STRIDES = 0x0B
    SET_TARGETED_DISTANCE = 0x0C
    SET_TARGETED_TRAINING_TIME = 0x0D
    SET_TARGETED_TIME_IN_TWO_HEART_RATE_ZONES = 0x0E
    SET_TARGETED_TIME_IN_THREE_HEART_RATE_ZONES = 0x0F
    SET_TARGETED_TIME_IN_FIVE_HEART_RATE_ZONES = 0x10
    SET_INDOOR_BIKE_SIMULATION_PARAMETERS = 0x11
    SET_WHEEL_CIRCUMFERENCE = 0x12
    SPIN_DOWN_CONTROL = 0x13
    SET_TARGETED_CADENCE = 0x14
    RESPONSE_CODE = 0x80


class ResultCode(IntEnum):
    SUCCESS = 0x01
    OP_CODE_NOT_SUPPORTED = 0x02
    INVALID_PARAMETER = 0x03
    OPERATION_FAILED = 0x04
    CONTROL_NOT_PERMITTED = 0x05


class StopControl(IntEnum):
    STOP = 0x01
    PAUSE = 0x02


# Parameter size in bytes of every defined request op code (FTMS §4.16.1).
REQUEST_PARAMETER_SIZES: dict[int, int] = {
    OpCode.REQUEST_CONTROL: 0,
    OpCode.RESET: 0,
    OpCode.SET_TARGET_SPEED: 2,
    OpCode.SET_TARGET_INCLINATION: 2,
    OpCode.SET_TARGET_RESISTANCE_LEVEL: 1,
    OpCode.SET_TARGET_POWER: 2,
    OpCode.SET_TARGET_HEART_RATE: 1,
    OpCode.START_OR_RESUME: 0,
    OpCode.STOP_OR_PAUSE: 1,
    OpCode.SET_TARGETED_EXPENDED_ENERGY: 2,
    OpCode.SET_TARGETED_NUMBER_OF_STEPS: 2,
    OpCode.SET_TARGETED_NUMBER_OF_STRIDES: 2,
    OpCode.SET_TARGETED_DISTANCE: 3,
    OpCode.SET_TARGETED_TRAINING_TIME: 2,
    OpCode.SET_TARGETED_TIME_IN_TWO_HEART_RATE_ZONES: 4,
    OpCode.SET_TARGETED_TIME_IN_THREE_HEART_RATE_ZONES: 6,
    OpCode.SET_TARGETED_TIME_IN_FIVE_HEART_RATE_ZONES: 10,
    OpCode.SET_INDOOR_BIKE_SIMULATION_PARAMETERS: 6,
    OpCode.SET_WHEEL_CIRCUMFERENCE: 2,
    OpCode.SPIN_DOWN_CONTROL: 1,
    OpCode.SET_TARGETED_CADENCE: 2,
}

_TYPED = (OpCode.SET_TARGET_SPEED, OpCode.SET_TARGET_INCLINATION, OpCode.STOP_OR_PAUSE)


def stop_control_name(code: int | None) -> str | None:
    if code is None:
        return None
    try:
        return StopControl(code).name.lower()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ControlRequest:
    """A Control Point write. Speed, inclination and stop/pause parameters are typed; any other
    op code's parameter is kept raw in ``parameter``."""

    op_code: int
    target_speed_kmh: float | None = None
    target_inclination_pct: float | None = None
    control_code: int | None = None
    parameter: bytes = b""

    @property
    def op_name(self) -> str:
        return enum_name(OpCode, self.op_code)

    @property
    def control(self) -> str | None:
        """``"stop"``/``"pause"`` for Stop or Pause, else None."""
        return stop_control_name(self.control_code)


@dataclass(frozen=True, slots=True)
class ControlResponse:
    """A Control Point indication ``80 <request op> <result> [parameter]``."""

    request_opcode: int
    result: int
    parameter: bytes = b""

    @property
    def ok(self) -> bool:
        return self.result == ResultCode.SUCCESS

    @property
    def request_op_name(self) -> str:
        return enum_name(OpCode, self.request_opcode)

    @property
    def result_name(self) -> str:
        return enum_name(ResultCode, self.result)


# --- client-side request encoders ---------------------------------------------------------


def encode_request_control() -> bytes:
    return bytes([OpCode.REQUEST_CONTROL])


def encode_reset() -> bytes:
    return bytes([OpCode.RESET])


def encode_set_target_speed(kmh: float) -> bytes:
    """``02`` + uint16 km/h × 0.01, rounded (4.1 -> ``02 9a 01``); ValueError out of range."""
    return bytes([OpCode.SET_TARGET_SPEED]) + pack_speed(kmh, "target speed (km/h)")


def encode_set_target_inclination(pct: float) -> bytes:
    """``03`` + sint16 % × 0.1, rounded (-1.5 -> ``03 f1 ff``); ValueError out of range."""
    raw = pack_inclination(pct, "target inclination (%)")
    return bytes([OpCode.SET_TARGET_INCLINATION]) + raw


def encode_start() -> bytes:
    return bytes([OpCode.START_OR_RESUME])


def encode_stop() -> bytes:
    return bytes([OpCode.STOP_OR_PAUSE, StopControl.STOP])


def encode_pause() -> bytes:
    return bytes([OpCode.STOP_OR_PAUSE, StopControl.PAUSE])


def encode_control_request(req: ControlRequest) -> bytes:
    """Encode any request (the inverse of decode_control_request)."""
    op = pack_int(req.op_code, 1, False, "op_code")
    typed = {
        OpCode.SET_TARGET_SPEED: req.target_speed_kmh,
        OpCode.SET_TARGET_INCLINATION: req.target_inclination_pct,
        OpCode.STOP_OR_PAUSE: req.control_code,
    }
    reject_misplaced(req.op_code, typed, f"op code 0x{req.op_code:02x}")
    if req.op_code in _TYPED:
        if req.parameter:
            raise ValueError(f"{enum_name(OpCode, req.op_code)} takes a typed parameter, not bytes")
        if req.op_code == OpCode.SET_TARGET_SPEED:
            if req.target_speed_kmh is None:
                raise ValueError("set_target_speed needs target_speed_kmh")
            return encode_set_target_speed(req.target_speed_kmh)
        if req.op_code == OpCode.SET_TARGET_INCLINATION:
            if req.target_inclination_pct is None:
                raise ValueError("set_target_inclination needs target_inclination_pct")
            return encode_set_target_inclination(req.target_inclination_pct)
        if req.control_code is None:
            raise ValueError("stop_or_pause needs control_code (1 stop, 2 pause)")
        return op + pack_int(req.control_code, 1, False, "control_code")
    size = REQUEST_PARAMETER_SIZES.get(req.op_code)
    return op + raw_parameter(req.parameter, size, enum_name(OpCode, req.op_code))


# --- server-side request decoder ----------------------------------------------------------


def decode_control_request(data: Buffer) -> ControlRequest:
    """Decode a Control Point write; wrong parameter length for a known op code raises."""
    reader = Reader(data, LABEL)
    op = reader.u8("Op Code")
    size = REQUEST_PARAMETER_SIZES.get(op)
    if size is None:
        return ControlRequest(op, parameter=reader.rest())
    if op == OpCode.SET_TARGET_SPEED:
        speed = read_speed(reader, "Target Speed")
        reader.expect_end()
        return ControlRequest(op, target_speed_kmh=speed)
    if op == OpCode.SET_TARGET_INCLINATION:
        pct = read_inclination(reader, "Target Inclination")
        reader.expect_end()
        return ControlRequest(op, target_inclination_pct=pct)
    if op == OpCode.STOP_OR_PAUSE:
        code = reader.u8("Stop or Pause Control Information")
        reader.expect_end()
        return ControlRequest(op, control_code=code)
    parameter = reader.take(size, f"the {enum_name(OpCode, op)} parameter")
    reader.expect_end()
    return ControlRequest(op, parameter=parameter)


# --- responses (indications) --------------------------------------------------------------


def _response_parameter_size(request_opcode: int, result: int) -> int | None:
    """Only a successful Spin Down Control carries a response parameter (2 × uint16);
    None = RFU request op code, parameter unknown."""
    if request_opcode not in REQUEST_PARAMETER_SIZES:
        return None
    if request_opcode == OpCode.SPIN_DOWN_CONTROL and result == ResultCode.SUCCESS:
        return 4
    return 0


def decode_control_response(data: Buffer) -> ControlResponse:
    """Decode ``80 <request op> <result> [parameter]``; another first byte raises."""
    reader = Reader(data, LABEL)
    op = reader.u8("Op Code")
    if op != OpCode.RESPONSE_CODE:
        raise reader.error("malformed", f"op code 0x{op:02x} is not the Response Code 0x80", 0)
    request_opcode = reader.u8("Request Op Code")
    result = reader.u8("Result Code")
    size = _response_parameter_size(request_opcode, result)
    if size is None:
        return ControlResponse(request_opcode, result, reader.rest())
    parameter = reader.take(size, "Response Parameter")
    reader.expect_end()
    return ControlResponse(request_opcode, result, parameter)


def encode_control_response(resp: ControlResponse) -> bytes:
    """Encode an indication (server side); the parameter size must match the request op."""
    head = bytes([OpCode.RESPONSE_CODE])
    head += pack_int(resp.request_opcode, 1, False, "request_opcode")
    head += pack_int(resp.result, 1, False, "result")
    size = _response_parameter_size(resp.request_opcode, resp.result)
    if size is not None and len(resp.parameter) != size:
        raise ValueError(
            f"a {enum_name(ResultCode, resp.result)} response to "
            f"{enum_name(OpCode, resp.request_opcode)} takes {size} parameter bytes, "
            f"got {len(resp.parameter)}"
        )
    return head + bytes(resp.parameter)
