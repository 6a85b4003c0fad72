"""The ``<op code> [parameter]`` layout that Control Point requests and Machine Status share.

Both carry the same three typed parameters (a target speed, a target inclination and a
stop/pause code) and keep any other op code's parameter as raw bytes of a fixed size; these
are the scaled fields and the checks both encoders make (docs/ftms.md §5, §6).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import TypeVar

from .reader import Reader
from .scaling import from_raw, pack_scaled

SPEED_RESOLUTION = 0.01
INCLINATION_RESOLUTION = 0.1

OpEnum = TypeVar("OpEnum", bound=IntEnum)


def read_speed(reader: Reader, field: str) -> float:
    """A uint16 km/h × 0.01."""
    return from_raw(reader.u16(field), SPEED_RESOLUTION)


def read_inclination(reader: Reader, field: str) -> float:
    """A sint16 % × 0.1."""
    return from_raw(reader.s16(field), INCLINATION_RESOLUTION)


def pack_speed(kmh: float, name: str) -> bytes:
    return pack_scaled(kmh, SPEED_RESOLUTION, 2, False, name)


def pack_inclination(pct: float, name: str) -> bytes:
    return pack_scaled(pct, INCLINATION_RESOLUTION, 2, True, name)


def reject_misplaced(op_code: int, typed: Mapping[OpEnum, object], where: str) -> None:
    """ValueError if a typed value is set for an op code other than the one it belongs to."""
    for code, value in typed.items():
        if value is not None and op_code != code:
            raise ValueError(f"{code.name.lower()} parameter given for {where}")


def raw_parameter(parameter: bytes, size: int | None, subject: str) -> bytes:
    """``parameter`` as bytes, if it has the op code's size (any size for an RFU op code)."""
    if size is not None and len(parameter) != size:
        raise ValueError(f"{subject} takes a {size}-byte parameter, got {len(parameter)}")
    return bytes(parameter)
