"""Float <-> raw integer conversion: round to the resolution, never truncate (docs/ftms.md §11)."""

from __future__ import annotations

import math


def int_bounds(size: int, signed: bool) -> tuple[int, int]:
    """The raw range of a ``size``-byte little-endian integer."""
    bits = 8 * size
    if signed:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def decimals_of(resolution: float) -> int:
    """Decimal places of a power-of-ten resolution (0.01 -> 2, 1 -> 0)."""
    return max(0, round(-math.log10(resolution)))


def from_raw(raw: int, resolution: float) -> float:
    """``raw × resolution``, rounded to the resolution's decimals so 555 × 0.01 reads 5.55."""
    return round(raw * resolution, decimals_of(resolution))


def to_raw(value: float, resolution: float, lo: int, hi: int, name: str) -> int:
    """``round(value / resolution)``, rejecting non-finite, negative-unsigned and out-of-range
    values with ValueError (a sentinel raw value is kept out of range by the caller's ``hi``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if lo >= 0 and value < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    raw = round(value / resolution)
    if not lo <= raw <= hi:
        lo_v, hi_v = _show(lo, resolution), _show(hi, resolution)
        raise ValueError(f"{name} must be between {lo_v} and {hi_v}, got {value!r}")
    return raw


def _show(raw: int, resolution: float) -> str:
    return str(raw) if resolution == 1 else f"{raw * resolution:.{decimals_of(resolution)}f}"


def pack_int(raw: int, size: int, signed: bool, name: str) -> bytes:
    """Little-endian bytes of a raw integer, ValueError (not OverflowError) when it does not fit."""
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise TypeError(f"{name} must be an int, got {raw!r}")
    lo, hi = int_bounds(size, signed)
    if not lo <= raw <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, got {raw!r}")
    return raw.to_bytes(size, "little", signed=signed)


def pack_scaled(
    value: float,
    resolution: float,
    size: int,
    signed: bool,
    name: str,
    sentinel: int | None = None,
) -> bytes:
    """Encode a scaled field; a value that would collide with the sentinel is out of range."""
    lo, hi = int_bounds(size, signed)
    if sentinel is not None and sentinel == hi:
        hi -= 1
    raw = to_raw(value, resolution, lo, hi, name)
    return raw.to_bytes(size, "little", signed=signed)
