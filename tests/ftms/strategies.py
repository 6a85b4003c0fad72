"""Hypothesis strategies for FTMS values on their resolution grids (written from docs/ftms.md,
not from the codec's own field table, so a wrong table entry shows up as a failing round trip)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from treadmill_tui import ftms


def grid(lo: int, hi: int, resolution: float, decimals: int) -> st.SearchStrategy[float]:
    """Values ``raw × resolution`` as the decoder reports them."""
    return st.integers(lo, hi).map(lambda raw: round(raw * resolution, decimals))


U16_01 = grid(0, 0xFFFF, 0.01, 2)
S16_NA_01 = grid(-0x8000, 0x7FFE, 0.1, 1)
U16_1 = st.integers(0, 0xFFFF)

# Flag bit -> [(attribute, values, has a "not available" sentinel)], in docs/ftms.md §4 order.
TD_GROUPS: dict[int, list[tuple[str, st.SearchStrategy[Any], bool]]] = {
    1: [("avg_speed_kmh", U16_01, False)],
    2: [("total_distance_m", st.integers(0, 0xFFFFFF), False)],
    3: [("inclination_pct", S16_NA_01, True), ("ramp_angle_deg", S16_NA_01, True)],
    4: [
        ("elevation_gain_pos_m", grid(0, 0xFFFF, 0.1, 1), False),
        ("elevation_gain_neg_m", grid(0, 0xFFFF, 0.1, 1), False),
    ],
    5: [("inst_pace_kmmin", grid(0, 0xFF, 0.1, 1), False)],
    6: [("avg_pace_kmmin", grid(0, 0xFF, 0.1, 1), False)],
    7: [
        ("energy_total_kcal", st.integers(0, 0xFFFE), True),
        ("energy_per_hour_kcal", st.integers(0, 0xFFFE), True),
        ("energy_per_min_kcal", st.integers(0, 0xFE), True),
    ],
    8: [("heart_rate_bpm", st.integers(0, 0xFF), False)],
    9: [("met", grid(0, 0xFF, 0.1, 1), False)],
    10: [("elapsed_s", U16_1, False)],
    11: [("remaining_s", U16_1, False)],
    12: [
        ("force_on_belt_n", st.integers(-0x8000, 0x7FFE), True),
        ("power_w", st.integers(-0x8000, 0x7FFE), True),
    ],
    13: [("step_count", st.integers(0, 0xFFFFFF), True)],  # flag-only allowed (§12 tail rule)
}


@st.composite
def treadmill_data(draw: st.DrawFn, complete: bool | None = None) -> ftms.TreadmillData:
    more_data = draw(st.booleans()) if complete is None else not complete
    flags = 1 if more_data else 0
    values: dict[str, Any] = {}
    if not more_data:
        values["speed_kmh"] = draw(U16_01)
    for bit, fields in TD_GROUPS.items():
        if draw(st.booleans()):
            flags |= 1 << bit
            for attr, strategy, has_sentinel in fields:
                values[attr] = draw(st.none() | strategy if has_sentinel else strategy)
    flags |= draw(st.sampled_from([0, 0x4000, 0x8000, 0xC000]))
    return ftms.TreadmillData(flags=flags, more_data=more_data, **values)


# Control point parameter sizes per docs/ftms.md §5 (0x11 bike simulation: 4 fields, 6 bytes).
CP_UNTYPED_SIZES = {0: 0, 1: 0, 4: 1, 5: 2, 6: 1, 7: 0, 9: 2, 10: 2, 11: 2, 12: 3, 13: 2}
CP_UNTYPED_SIZES |= {14: 4, 15: 6, 16: 10, 17: 6, 18: 2, 19: 1, 20: 2}


@st.composite
def control_requests(draw: st.DrawFn) -> ftms.ControlRequest:
    kind = draw(st.sampled_from(["speed", "incline", "stop", "untyped", "rfu"]))
    if kind == "speed":
        return ftms.ControlRequest(2, target_speed_kmh=draw(U16_01))
    if kind == "incline":
        return ftms.ControlRequest(3, target_inclination_pct=draw(grid(-0x8000, 0x7FFF, 0.1, 1)))
    if kind == "stop":
        return ftms.ControlRequest(8, control_code=draw(st.integers(0, 0xFF)))
    if kind == "untyped":
        op = draw(st.sampled_from(sorted(CP_UNTYPED_SIZES)))
        size = CP_UNTYPED_SIZES[op]
        return ftms.ControlRequest(op, parameter=draw(st.binary(min_size=size, max_size=size)))
    op = draw(st.integers(0x15, 0xFF))
    return ftms.ControlRequest(op, parameter=draw(st.binary(max_size=18)))


@st.composite
def control_responses(draw: st.DrawFn) -> ftms.ControlResponse:
    request = draw(st.integers(0, 0xFF))
    result = draw(st.integers(0, 0xFF))
    if request > 0x14:
        parameter = draw(st.binary(max_size=17))
    elif request == 0x13 and result == 1:
        parameter = draw(st.binary(min_size=4, max_size=4))
    else:
        parameter = b""
    return ftms.ControlResponse(request, result, parameter)


STATUS_UNTYPED_SIZES = {1: 0, 3: 0, 4: 0, 7: 1, 8: 2, 9: 1, 10: 2, 11: 2, 12: 2, 13: 3, 14: 2}
STATUS_UNTYPED_SIZES |= {15: 4, 16: 6, 17: 10, 18: 6, 19: 2, 20: 1, 21: 2, 0xFF: 0}


@st.composite
def statuses(draw: st.DrawFn) -> ftms.MachineStatus:
    kind = draw(st.sampled_from(["stop", "speed", "incline", "untyped", "rfu"]))
    if kind == "stop":
        return ftms.MachineStatus(2, control_code=draw(st.integers(0, 0xFF)))
    if kind == "speed":
        return ftms.MachineStatus(5, target_speed_kmh=draw(U16_01))
    if kind == "incline":
        return ftms.MachineStatus(6, target_inclination_pct=draw(grid(-0x8000, 0x7FFF, 0.1, 1)))
    if kind == "untyped":
        op = draw(st.sampled_from(sorted(STATUS_UNTYPED_SIZES)))
        size = STATUS_UNTYPED_SIZES[op]
        return ftms.MachineStatus(op, parameter=draw(st.binary(min_size=size, max_size=size)))
    op = draw(st.sampled_from([0, *range(0x16, 0xFF)]))
    return ftms.MachineStatus(op, parameter=draw(st.binary(max_size=18)))


@st.composite
def rsc_measurements(draw: st.DrawFn) -> ftms.RscMeasurement:
    rfu = draw(st.integers(0, 0x1F)) << 3
    stride = draw(st.none() | grid(0, 0xFFFF, 0.01, 2))
    distance = draw(st.none() | grid(0, 0xFFFFFFFF, 0.1, 1))
    running = draw(st.booleans())
    flags = rfu | (stride is not None) | (distance is not None) << 1 | running << 2
    return ftms.RscMeasurement(
        running,
        draw(st.integers(0, 0xFFFF)) / 256,
        draw(st.integers(0, 0xFF)),
        stride,
        distance,
        flags,
    )


@st.composite
def heart_rates(draw: st.DrawFn) -> ftms.HeartRateMeasurement:
    wide = draw(st.booleans())
    bpm = draw(st.integers(0, 0xFFFF if wide else 0xFF))
    supported, detected = draw(st.booleans()), draw(st.booleans())
    energy = draw(st.none() | st.integers(0, 0xFFFF))
    rr_flag = draw(st.booleans())
    rr = (
        tuple(r / 1024 for r in draw(st.lists(st.integers(0, 0xFFFF), max_size=7)))
        if rr_flag
        else ()
    )
    flags = draw(st.integers(0, 7)) << 5
    flags |= wide | detected << 1 | supported << 2 | (energy is not None) << 3 | rr_flag << 4
    return ftms.HeartRateMeasurement(bpm, supported, detected, energy, rr, flags)
