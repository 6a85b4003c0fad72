"""Training Status (0x2AD3): ``flags | status | [UTF-8 string]`` (docs/ftms.md §7)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .naming import enum_name
from .reader import Buffer, Reader
from .scaling import pack_int
from .uuids import characteristic_label

LABEL = characteristic_label(0x2AD3)

STRING_PRESENT = 0x01
EXTENDED_STRING = 0x02


class TrainingStatusCode(IntEnum):
    OTHER = 0x00
    IDLE = 0x01
    WARMING_UP = 0x02
    LOW_INTENSITY_INTERVAL = 0x03
    HIGH_INTENSITY_INTERVAL = 0x04
    RECOVERY_INTERVAL = 0x05
    ISOMETRIC = 0x06
    HEART_RATE_CONTROL = 0x07
    FITNESS_TEST = 0x08
    SPEED_TOO_LOW = 0x09
    SPEED_TOO_HIGH = 0x0A
    COOL_DOWN = 0x0B
    WATT_CONTROL = 0x0C
    MANUAL_MODE = 0x0D
    PRE_WORKOUT = 0x0E
    POST_WORKOUT = 0x0F


@dataclass(frozen=True, slots=True)
class TrainingStatus:
    """``text`` is None when the string-present flag is clear."""

    status: int
    text: str | None = None

    @property
    def status_name(self) -> str:
        return enum_name(TrainingStatusCode, self.status)


def decode_training_status(data: Buffer) -> TrainingStatus:
    """Invalid UTF-8 is replaced, not rejected: the text is display-only and a long read may
    cut a character. Bytes after the status without the string flag are over-long."""
    reader = Reader(data, LABEL)
    flags = reader.u8("Flags")
    status = reader.u8("Training Status")
    if not flags & STRING_PRESENT:
        reader.expect_end()
        return TrainingStatus(status, None)
    return TrainingStatus(status, reader.rest().decode("utf-8", errors="replace"))


def encode_training_status(ts: TrainingStatus) -> bytes:
    flags = 0 if ts.text is None else STRING_PRESENT
    out = bytes([flags]) + pack_int(ts.status, 1, False, "status")
    return out if ts.text is None else out + ts.text.encode("utf-8")
