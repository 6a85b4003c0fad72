"""Readable names for raw op/result/status codes, tolerant of RFU values."""

from __future__ import annotations

from enum import IntEnum


def enum_name(enum: type[IntEnum], value: int) -> str:
    """Lower-case member name, or ``rfu_0x15`` for a value the enum does not define."""
    try:
        return enum(value).name.lower()
    except ValueError:
        return f"rfu_0x{value:02x}"
