"""Fitness Machine Status (0x2ADA) notifications (docs/ftms.md §6).

0xFF Control Permission Lost is a real op code, never a "not available" value. Defined op codes
have fixed parameter sizes and a wrong length raises; an RFU op code decodes with its raw
parameter so a newer server does not break the client.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .control_point import stop_control_name
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

LABEL = characteristic_label(0x2ADA)


class StatusOpCode(IntEnum):
    RESET = 0x01
    STOPPED_OR_PAUSED_BY_USER = 0x02
    STOPPED_BY_SAFETY_KEY = 0x03
    STARTED_OR_RESUMED_BY_USER = 0x04
    TARGET_SPEED_CHANGED = 0x05
    TARGET_INCLINE_CHANGED = 0x06
    TARGET_RESISTANCE_LEVEL_CHANGED = 0x07
    TARGET_POWER_CHANGED = 0x08
    TARGET_HEART_RATE_CHANGED = 0x09
    TARGETED_EXPENDED_ENERGY_CHANGED = 0x0A
    TARGETED_NUMBER_OF_STEPS_CHANGED = 0x0B
    TARGETED_NUMBER_OF_STRIDES_CHANGED = 0x0C
    TARGETED_DISTANCE_CHANGED = 0x0D
    TARGETED_TRAINING_TIME_CHANGED = 0x0E
    TARGETED_TIME_IN_TWO_HEART_RATE_ZONES_CHANGED = 0x0F
    TARGETED_TIME_IN_THREE_HEART_RATE_ZONES_CHANGED = 0x10
    TARGETED_TIME_IN_FIVE_HEART_RATE_ZONES_CHANGED = 0x11
    INDOOR_BIKE_SIMULATION_PARAMETERS_CHANGED = 0x12
    WHEEL_CIRCUMFERENCE_CHANGED = 0x13
    SPIN_DOWN_STATUS = 0x14
    TARGETED_CADENCE_CHANGED = 0x15
    CONTROL_PERMISSION_LOST = 0xFF


STATUS_PARAMETER_SIZES: dict[int, int] = {
    StatusOpCode.RESET: 0,
    StatusOpCode.STOPPED_OR_PAUSED_BY_USER: 1,
    StatusOpCode.STOPPED_BY_SAFETY_KEY: 0,
    StatusOpCode.STARTED_OR_RESUMED_BY_USER: 0,
    StatusOpCode.TARGET_SPEED_CHANGED: 2,
    StatusOpCode.TARGET_INCLINE_CHANGED: 2,
    StatusOpCode.TARGET_RESISTANCE_LEVEL_CHANGED: 1,
    StatusOpCode.TARGET_POWER_CHANGED: 2,
    StatusOpCode.TARGET_HEART_RATE_CHANGED: 1,
    StatusOpCode.TARGETED_EXPENDED_ENERGY_CHANGED: 2,
    StatusOpCode.TARGETED_NUMBER_OF_STEPS_CHANGED: 2,
    StatusOpCode.TARGETED_NUMBER_OF_STRIDES_CHANGED: 2,
    StatusOpCode.TARGETED_DISTANCE_CHANGED: 3,
    StatusOpCode.TARGETED_TRAINING_TIME_CHANGED: 2,
    StatusOpCode.TARGETED_TIME_IN_TWO_HEART_RATE_ZONES_CHANGED: 4,
    StatusOpCode.TARGETED_TIME_IN_THREE_HEART_RATE_ZONES_CHANGED: 6,
    StatusOpCode.TARGETED_TIME_IN_FIVE_HEART_RATE_ZONES_CHANGED: 10,
    StatusOpCode.INDOOR_BIKE_SIMULATION_PARAMETERS_CHANGED: 6,
    StatusOpCode.WHEEL_CIRCUMFERENCE_CHANGED: 2,
    StatusOpCode.SPIN_DOWN_STATUS: 1,
    StatusOpCode.TARGETED_CADENCE_CHANGED: 2,
    StatusOpCode.CONTROL_PERMISSION_LOST: 0,
}

_TYPED = (
    StatusOpCode.STOPPED_OR_PAUSED_BY_USER,
    StatusOpCode.TARGET_SPEED_CHANGED,
    StatusOpCode.TARGET_INCLINE_CHANGED,
)


@dataclass(frozen=True, slots=True)
class MachineStatus:
    """One status notification; stop/pause, target speed and incline parameters are typed,
    any other op code's parameter is kept raw."""

    op_code: int
    control_code: int | None = None
    target_speed_kmh: float | None = None
    target_inclination_pct: float | None = None
    parameter: bytes = b""

    @property
    def op_name(self) -> str:
        return enum_name(StatusOpCode, self.op_code)

    @property
    def control(self) -> str | None:
        """``"stop"``/``"pause"`` for Stopped or Paused by the User, else None."""
        return stop_control_name(self.control_code)


def decode_status(data: Buffer) -> MachineStatus:
    reader = Reader(data, LABEL)
    op = reader.u8("Op Code")
    size = STATUS_PARAMETER_SIZES.get(op)
    if size is None:
        return MachineStatus(op, parameter=reader.rest())
    if op == StatusOpCode.STOPPED_OR_PAUSED_BY_USER:
        status = MachineStatus(op, control_code=reader.u8("Stop or Pause Control Information"))
    elif op == StatusOpCode.TARGET_SPEED_CHANGED:
        speed = read_speed(reader, "New Target Speed")
        status = MachineStatus(op, target_speed_kmh=speed)
    elif op == StatusOpCode.TARGET_INCLINE_CHANGED:
        pct = read_inclination(reader, "New Target Incline")
        status = MachineStatus(op, target_inclination_pct=pct)
    else:
        status = MachineStatus(
            op, parameter=reader.take(size, f"the {enum_name(StatusOpCode, op)} parameter")
        )
    reader.expect_end()
    return status


def encode_status(status: MachineStatus) -> bytes:
    """Encode a status notification (server side); ValueError on a missing/wrong parameter."""
    op = pack_int(status.op_code, 1, False, "op_code")
    name = enum_name(StatusOpCode, status.op_code)
    typed = {
        StatusOpCode.STOPPED_OR_PAUSED_BY_USER: status.control_code,
        StatusOpCode.TARGET_SPEED_CHANGED: status.target_speed_kmh,
        StatusOpCode.TARGET_INCLINE_CHANGED: status.target_inclination_pct,
    }
    reject_misplaced(status.op_code, typed, f"status {name}")
    if status.op_code in _TYPED:
        if status.parameter:
            raise ValueError(f"status {name} takes a typed parameter, not bytes")
        if status.op_code == StatusOpCode.STOPPED_OR_PAUSED_BY_USER:
            if status.control_code is None:
                raise ValueError(f"status {name} needs control_code (1 stop, 2 pause)")
            return op + pack_int(status.control_code, 1, False, "control_code")
        if status.op_code == StatusOpCode.TARGET_SPEED_CHANGED:
            if status.target_speed_kmh is None:
                raise ValueError(f"status {name} needs target_speed_kmh")
            return op + pack_speed(status.target_speed_kmh, "target_speed_kmh")
        if status.target_inclination_pct is None:
            raise ValueError(f"status {name} needs target_inclination_pct")
        return op + pack_inclination(status.target_inclination_pct, "target_inclination_pct")
    size = STATUS_PARAMETER_SIZES.get(status.op_code)
    return op + raw_parameter(status.parameter, size, f"status {name}")
