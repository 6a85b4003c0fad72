"""Treadmill Data (0x2ACD): one notification <-> :class:`TreadmillData` (docs/ftms.md §4, §12).

Length policy. Treadmill Data is variable-length, so unlike the fixed-size characteristics
(Feature, ranges, Control Point, Status), a value longer than its flags explain is *not*
rejected: docs/ftms.md §4 ("Robust parsing") says to log and ignore unexplained trailing
bytes, and §12 says the same for a bit-13 tail that is not exactly a uint24 step count. The
one exception is pace: when flag bit 5 or 6 is set, the length must match either the FTMS
v1.0 layout (uint8 pace) or the GSS layout (uint16 pace), optionally plus the bit-13 step
count, because a wrong guess would shift every later field; any other length raises
FtmsDecodeError (docs/ftms.md §4, "Pace": drop and log). Truncation always raises.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from .errors import FtmsDecodeError
from .reader import Buffer, Reader
from .scaling import from_raw, pack_int, pack_scaled
from .uuids import characteristic_label

_log = logging.getLogger(__name__)

LABEL = characteristic_label(0x2ACD)

MORE_DATA_BIT = 0x0001
PACE_BITS = (1 << 5) | (1 << 6)
STEP_COUNT_BIT = 1 << 13
RFU_BITS = (1 << 14) | (1 << 15)


@dataclass(frozen=True, slots=True)
class TreadmillData:
    """One Treadmill Data record; ``None`` = field absent *or* present but "not available".

    ``flags`` keeps the raw flags so present-but-not-available fields (``inclination_pct`` None
    with bit 3 set) re-encode as their sentinel; with ``flags=None`` the encoder derives the
    flags from the non-None fields.
    """

    flags: int | None = None
    more_data: bool = False
    speed_kmh: float | None = None
    avg_speed_kmh: float | None = None
    total_distance_m: int | None = None
    inclination_pct: float | None = None
    ramp_angle_deg: float | None = None
    elevation_gain_pos_m: float | None = None
    elevation_gain_neg_m: float | None = None
    inst_pace_kmmin: float | None = None
    avg_pace_kmmin: float | None = None
    energy_total_kcal: int | None = None
    energy_per_hour_kcal: int | None = None
    energy_per_min_kcal: int | None = None
    heart_rate_bpm: int | None = None
    met: float | None = None
    elapsed_s: int | None = None
    remaining_s: int | None = None
    force_on_belt_n: int | None = None
    power_w: int | None = None
    step_count: int | None = None


@dataclass(frozen=True, slots=True)
class _Field:
    attr: str
    label: str
    size: int
    signed: bool = False
    resolution: float = 1.0
    integral: bool = True
    sentinel: int | None = None
    pace: bool = False


@dataclass(frozen=True, slots=True)
class _Group:
    bit: int
    fields: tuple[_Field, ...]
    # Derived once: both are read for every group of every record (the 1 Hz hot path).
    mask: int = dataclasses.field(init=False)
    attrs: tuple[str, ...] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mask", 1 << self.bit)
        object.__setattr__(self, "attrs", tuple(f.attr for f in self.fields))


def _scaled(attr: str, label: str, size: int, res: float, *, signed: bool = False) -> _Field:
    return _Field(attr, label, size, signed, res, integral=False)


_SPEED = _scaled("speed_kmh", "Instantaneous Speed", 2, 0.01)
_NA16 = 0x7FFF

# Field order on the wire (FTMS §4.4): speed first, then the groups by flag bit.
GROUPS: tuple[_Group, ...] = (
    _Group(1, (_scaled("avg_speed_kmh", "Average Speed", 2, 0.01),)),
    _Group(2, (_Field("total_distance_m", "Total Distance", 3),)),
    _Group(
        3,
        (
            _Field("inclination_pct", "Inclination", 2, True, 0.1, False, _NA16),
            _Field("ramp_angle_deg", "Ramp Angle Setting", 2, True, 0.1, False, _NA16),
        ),
    ),
    _Group(
        4,
        (
            _scaled("elevation_gain_pos_m", "Positive Elevation Gain", 2, 0.1),
            _scaled("elevation_gain_neg_m", "Negative Elevation Gain", 2, 0.1),
        ),
    ),
    _Group(5, (_Field("inst_pace_kmmin", "Instantaneous Pace", 1, False, 0.1, False, None, True),)),
    _Group(6, (_Field("avg_pace_kmmin", "Average Pace", 1, False, 0.1, False, None, True),)),
    _Group(
        7,
        (
            _Field("energy_total_kcal", "Total Energy", 2, sentinel=0xFFFF),
            _Field("energy_per_hour_kcal", "Energy Per Hour", 2, sentinel=0xFFFF),
            _Field("energy_per_min_kcal", "Energy Per Minute", 1, sentinel=0xFF),
        ),
    ),
    _Group(8, (_Field("heart_rate_bpm", "Heart Rate", 1),)),
    _Group(9, (_scaled("met", "Metabolic Equivalent", 1, 0.1),)),
    _Group(10, (_Field("elapsed_s", "Elapsed Time", 2),)),
    _Group(11, (_Field("remaining_s", "Remaining Time", 2),)),
    _Group(
        12,
        (
            _Field("force_on_belt_n", "Force on Belt", 2, True, sentinel=_NA16),
            _Field("power_w", "Power Output", 2, True, sentinel=_NA16),
        ),
    ),
)
STEP_GROUP = _Group(13, (_Field("step_count", "Step Count (vendor, bit 13)", 3),))
ALL_GROUPS: tuple[_Group, ...] = (*GROUPS, STEP_GROUP)


# --- decoding -----------------------------------------------------------------------------


def _standard_length(flags: int, pace_size: int) -> int:
    n = 2 if flags & MORE_DATA_BIT else 4
    for group in GROUPS:
        if flags & group.mask:
            n += sum(pace_size if f.pace else f.size for f in group.fields)
    return n


def _pace_offset(flags: int) -> int:
    n = 2 if flags & MORE_DATA_BIT else 4
    for group in GROUPS:
        if group.bit >= 5:
            break
        if flags & group.mask:
            n += sum(f.size for f in group.fields)
    return n


def _pace_size(flags: int, length: int) -> int:
    """1 (FTMS v1.0 uint8) or 2 (GSS uint16): the pace layout this packet's length fits."""
    if not flags & PACE_BITS:
        return 1
    lengths: dict[int, int] = {}
    for size in (1, 2):
        expected = _standard_length(flags, size)
        lengths[size] = expected
        if length == expected or (flags & STEP_COUNT_BIT and length == expected + 3):
            return size
    if length < lengths[1]:
        return 1  # truncated either way: the reader reports where
    raise FtmsDecodeError(
        LABEL,
        _pace_offset(flags),
        "ambiguous pace layout",
        f"{length} bytes fit neither the FTMS v1.0 layout (uint8 pace, {lengths[1]} bytes) "
        f"nor the GSS layout (uint16 pace, {lengths[2]} bytes)",
    )


def _read(reader: Reader, field: _Field, pace_size: int) -> float | int | None:
    if field.pace and pace_size == 2:
        seconds = reader.u16(f"{field.label} (GSS uint16, s per 500 m)")
        return None if seconds == 0 else round(30.0 / seconds, 3)  # 0.5 km per s seconds
    raw = (
        reader.sint(field.size, field.label)
        if field.signed
        else reader.uint(field.size, field.label)
    )
    if field.sentinel is not None and raw == field.sentinel:
        return None
    return raw if field.integral else from_raw(raw, field.resolution)


def decode_treadmill_data(data: Buffer) -> TreadmillData:
    """Decode one Treadmill Data notification (one packet; see TreadmillDataAssembler)."""
    reader = Reader(data, LABEL)
    flags = reader.u16("Flags")
    pace_size = _pace_size(flags, len(reader))
    values: dict[str, Any] = {"flags": flags, "more_data": bool(flags & MORE_DATA_BIT)}
    if not flags & MORE_DATA_BIT:
        values[_SPEED.attr] = _read(reader, _SPEED, pace_size)
    for group in GROUPS:
        if flags & group.mask:
            for field in group.fields:
                values[field.attr] = _read(reader, field, pace_size)
    if flags & STEP_COUNT_BIT and reader.remaining == 3:
        values["step_count"] = reader.u24(STEP_GROUP.fields[0].label)
    if reader.remaining:
        _log.debug("%s: ignoring %d unexplained trailing byte(s)", LABEL, reader.remaining)
    return TreadmillData(**values)


# --- encoding -----------------------------------------------------------------------------


def effective_flags(td: TreadmillData) -> int:
    """The flags an encoder writes: ``td.flags`` (or none) plus a bit for every non-None field.

    Raises ValueError when the record cannot be encoded consistently.
    """
    if td.flags is not None:
        pack_int(td.flags, 2, False, "flags")
        if bool(td.flags & MORE_DATA_BIT) != td.more_data:
            raise ValueError(
                f"flags bit 0 (More Data) is {td.flags & 1} but more_data is {td.more_data}"
            )
        flags = td.flags
    else:
        flags = MORE_DATA_BIT if td.more_data else 0
    for group in ALL_GROUPS:
        for attr in group.attrs:
            if getattr(td, attr) is not None:
                flags |= group.mask
                break
    if td.more_data and td.speed_kmh is not None:
        raise ValueError("speed_kmh must be None when more_data is True (speed ends a record)")
    if not td.more_data and td.speed_kmh is None:
        raise ValueError("speed_kmh is required when more_data is False (More Data bit 0 = 0)")
    return flags


def encode_speed(td: TreadmillData) -> bytes:
    if td.speed_kmh is None:
        raise ValueError("speed_kmh is required in the last packet of a record")
    return pack_scaled(td.speed_kmh, _SPEED.resolution, 2, False, _SPEED.attr)


def encode_group(td: TreadmillData, group: _Group) -> bytes:
    """The bytes of one flag group; a None field is written as its "not available" sentinel."""
    out = bytearray()
    for field in group.fields:
        value: float | None = getattr(td, field.attr)
        if value is None:
            if group is STEP_GROUP:
                continue  # bit 13 without a count: nothing to write (docs/ftms.md §12 tail rule)
            if field.sentinel is None:
                raise ValueError(
                    f"{field.attr} is required when flag bit {group.bit} is set "
                    f"({field.label} has no 'not available' value)"
                )
            out += field.sentinel.to_bytes(field.size, "little")
        else:
            out += pack_scaled(
                value, field.resolution, field.size, field.signed, field.attr, field.sentinel
            )
    return bytes(out)


def encode_treadmill_data(td: TreadmillData) -> bytes:
    """Encode one packet (pace in the FTMS v1.0 uint8 layout); see split_treadmill_data."""
    flags = effective_flags(td)
    out = bytearray(flags.to_bytes(2, "little"))
    if not flags & MORE_DATA_BIT:
        out += encode_speed(td)
    for group in ALL_GROUPS:
        if flags & group.mask:
            out += encode_group(td, group)
    return bytes(out)
