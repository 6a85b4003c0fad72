"""Codec cost per Treadmill Data record: the hot path of every walk (1 Hz per machine)."""

from __future__ import annotations

import timeit

from benchmarks.figure import Figure
from treadmill_tui.ftms import TreadmillData, decode_treadmill_data, encode_treadmill_data

FULL = bytes.fromhex(
    "9e 1f d2 04 1a 04 88 13 00 28 00 17 00 7d 00 00 00"
    " fa 00 20 03 0d 98 62 fa 05 0e 01 23 00 b4 00"
)
TYPICAL = TreadmillData(
    speed_kmh=3.2,
    total_distance_m=1234,
    inclination_pct=1.5,
    elevation_gain_pos_m=12.5,
    elevation_gain_neg_m=0.0,
    elapsed_s=600,
)


def _per_call_us(stmt: object, number: int = 5000) -> float:
    best = min(timeit.repeat(stmt, number=number, repeat=5))  # type: ignore[arg-type]
    return best / number * 1e6


def run() -> list[Figure]:
    decode_full = _per_call_us(lambda: decode_treadmill_data(FULL))
    encode_typical = _per_call_us(lambda: encode_treadmill_data(TYPICAL))
    return [
        Figure(
            "ftms: decode 32-byte Treadmill Data",
            decode_full,
            "us",
            "< 1000 us (1 Hz)",
            decode_full < 1000,
        ),
        Figure(
            "ftms: encode typical record",
            encode_typical,
            "us",
            "< 1000 us (1 Hz)",
            encode_typical < 1000,
        ),
    ]
