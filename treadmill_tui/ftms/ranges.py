"""Supported Speed (0x2AD4) and Inclination (0x2AD5) Ranges, 6 bytes each (ftms.md §8, §11).

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
        res = SPEED_RESOLUTION
        raw = snap_raw(
            kmh,
            res,
            _raw(self.min_kmh, res),
            _raw(self.max_kmh, res),
            _raw(self.increment_kmh, res),
        )
        return from_raw(raw, res)


@dataclass(frozen=True, slots=True)
class InclinationRange:
    min_pct: float
    max_pct: float
    increment_pct: float

    def __post_init__(self) -> None:
        _check(self.min_pct, self.max_pct, self.increment_pct, "inclination")

    def snap(self, pct: float) -> float:
        """The nearest inclination the machine accepts: clamped to the range, on its grid."""
        res = INCLINATION_RESOLUTION
        raw = snap_raw(
            pct,
            res,
            _raw(self.min_pct, res),
            _raw(self.max_pct, res),
            _raw(self.increment_pct, res),
        )
        return from_raw(raw, res)


def decode_speed_range(data: Buffer) -> SpeedRange:
    reader = Reader(data, SPEED_LABEL)
    lo = reader.u16("Minimum Speed")
    hi = reader.u16("Maximum Speed")
    step = reader.u16("Minimum Increment")
    reader.expect_end()
    if lo > hi:
        raise FtmsDecodeError(SPEED_LABEL, 0, "malformed", f"minimum {lo} above maximum {hi}")
    res = SPEED_RESOLUTION
    return SpeedRange(from_raw(lo, res), from_raw(hi, res), from_raw(step, res))


def encode_speed_range(r: SpeedRange) -> bytes:
    res = SPEED_RESOLUTION
    return (
        pack_scaled(r.min_kmh, res, 2, False, "min_kmh")
        + pack_scaled(r.max_kmh, res, 2, False, "max_kmh")
        + pack_scaled(r.increment_kmh, res, 2, False, "increment_kmh")
    )


def decode_inclination_range(data: Buffer) -> InclinationRange:
    reader = Reader(data, INCLINATION_LABEL)
    lo = reader.s16("Minimum Inclination")
    hi = reader.s16("Maximum Inclination")
    step = reader.u16("Minimum Increment")
    reader.expect_end()
    if lo > hi:
        raise FtmsDecodeError(INCLINATION_LABEL, 0, "malformed", f"minimum {lo} above maximum {hi}")
    res = INCLINATION_RESOLUTION
    return InclinationRange(from_raw(lo, res), from_raw(hi, res), from_raw(step, res))


def encode_inclination_range(r: InclinationRange) -> bytes:
    res = INCLINATION_RESOLUTION
    return (
        pack_scaled(r.min_pct, res, 2, True, "min_pct")
        + pack_scaled(r.max_pct, res, 2, True, "max_pct")
        + pack_scaled(r.increment_pct, res, 2, False, "increment_pct")
    )
