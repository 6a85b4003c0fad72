"""Supported Speed (0x2AD4) and Inclination (0x2AD5) Ranges, 6 bytes each (docs/ftms.md §8, §11).

Snapping works in the raw integer domain, so 0.1 km/h steps never drift through float error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import FtmsDecodeError
from .reader import Buffer, Reader
from .scaling import from_raw, pack_scaled
from .uuids import characteristic_label

SPEED_LABEL = characteristic_label(0x2AD4)
INCLINATION_LABEL = characteristic_label(0x2AD5)

SPEED_RESOLUTION = 0.01
INCLINATION_RESOLUTION = 0.1


def snap_raw(value: float, resolution: float, lo: int, hi: int, step: int) -> int:
    """Clamp ``round(value / resolution)`` to ``[lo, hi]`` and snap it to ``lo + k·step``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"value to snap must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"value to snap must be finite, got {value!r}")
    if lo > hi:
        raise ValueError(f"empty range: minimum {lo} above maximum {hi}")
    q = value / resolution  # may overflow to ±inf for huge inputs: clamp before round()
    raw = hi if q >= hi else lo if q <= lo else min(max(round(q), lo), hi)
    step = max(step, 1)  # tolerate a zero increment
    raw = lo + round((raw - lo) / step) * step
    return raw - step if raw > hi else raw  # the maximum may be off-grid


def _raw(value: float, resolution: float) -> int:
    return round(value / resolution)


def _snap_to(value: float, resolution: float, lo: float, hi: float, step: float) -> float:
    """:func:`snap_raw` for a range given in units rather than raw integers."""
    raw = snap_raw(
        value, resolution, _raw(lo, resolution), _raw(hi, resolution), _raw(step, resolution)
    )
    return from_raw(raw, resolution)


def _decode_range(
    data: Buffer, label: str, what: str, signed: bool, resolution: float
) -> tuple[float, float, float]:
    """Minimum, maximum (uint16 or sint16) and increment (uint16), scaled; the minimum may not
    lie above the maximum."""
    reader = Reader(data, label)
    read = reader.s16 if signed else reader.u16
    lo = read(f"Minimum {what}")
    hi = read(f"Maximum {what}")
    step = reader.u16("Minimum Increment")
    reader.expect_end()
    if lo > hi:
        raise FtmsDecodeError(label, 0, "malformed", f"minimum {lo} above maximum {hi}")
    return from_raw(lo, resolution), from_raw(hi, resolution), from_raw(step, resolution)


def _encode_range(
    values: tuple[float, float, float], names: tuple[str, str, str], signed: bool, resolution: float
) -> bytes:
    """The inverse of :func:`_decode_range`; ``names`` label the fields in a ValueError."""
    (lo, hi, step), (lo_name, hi_name, step_name) = values, names
    return (
        pack_scaled(lo, resolution, 2, signed, lo_name)
        + pack_scaled(hi, resolution, 2, signed, hi_name)
        + pack_scaled(step, resolution, 2, False, step_name)
    )


def _check(min_v: float, max_v: float, increment: float, what: str) -> None:
    for name, v in (("minimum", min_v), ("maximum", max_v), ("increment", increment)):
        if not math.isfinite(v):
            raise ValueError(f"{what} range {name} must be finite, got {v!r}")
    if min_v > max_v:
        raise ValueError(f"{what} range minimum {min_v} is above its maximum {max_v}")
    if increment < 0:
        raise ValueError(f"{what} range increment must not be negative, got {increment}")


@dataclass(frozen=True, slots=True)
class SpeedRange:
    min_kmh: float
    max_kmh: float
    increment_kmh: float

    def __post_init__(self) -> None:
        _check(self.min_kmh, self.max_kmh, self.increment_kmh, "speed")

    def snap(self, kmh: float) -> float:
        """The nearest speed the machine accepts: clamped to the range, on its grid."""
        return _snap_to(kmh, SPEED_RESOLUTION, self.min_kmh, self.max_kmh, self.increment_kmh)


@dataclass(frozen=True, slots=True)
class InclinationRange:
    min_pct: float
    max_pct: float
    increment_pct: float

    def __post_init__(self) -> None:
        _check(self.min_pct, self.max_pct, self.increment_pct, "inclination")

    def snap(self, pct: float) -> float:
        """The nearest inclination the machine accepts: clamped to the range, on its grid."""
        return _snap_to(pct, INCLINATION_RESOLUTION, self.min_pct, self.max_pct, self.increment_pct)


def decode_speed_range(data: Buffer) -> SpeedRange:
    return SpeedRange(*_decode_range(data, SPEED_LABEL, "Speed", False, SPEED_RESOLUTION))


def encode_speed_range(r: SpeedRange) -> bytes:
    return _encode_range(
        (r.min_kmh, r.max_kmh, r.increment_kmh),
        ("min_kmh", "max_kmh", "increment_kmh"),
        False,
        SPEED_RESOLUTION,
    )


def decode_inclination_range(data: Buffer) -> InclinationRange:
    return InclinationRange(
        *_decode_range(data, INCLINATION_LABEL, "Inclination", True, INCLINATION_RESOLUTION)
    )


def encode_inclination_range(r: InclinationRange) -> bytes:
    return _encode_range(
        (r.min_pct, r.max_pct, r.increment_pct),
        ("min_pct", "max_pct", "increment_pct"),
        True,
        INCLINATION_RESOLUTION,
    )
