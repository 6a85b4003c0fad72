"""Property tests: round trips on the resolution grid, snapping, and decoder robustness."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treadmill_tui import ftms

from . import strategies as gen

PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(gen.treadmill_data())
def test_treadmill_data_round_trip(td: ftms.TreadmillData) -> None:
    assert ftms.decode_treadmill_data(ftms.encode_treadmill_data(td)) == td


@PROPERTY
@given(gen.treadmill_data(complete=True), st.integers(7, 40))
def test_split_then_assemble_round_trip(td: ftms.TreadmillData, max_payload: int) -> None:
    packets = ftms.split_treadmill_data(td, max_payload)
    assert all(len(p) <= max_payload for p in packets)
    assembler = ftms.TreadmillDataAssembler()
    results = [assembler.feed(p) for p in packets]
    assert results[:-1] == [None] * (len(packets) - 1)
    assert results[-1] == td


@PROPERTY
@given(gen.control_requests())
def test_control_request_round_trip(req: ftms.ControlRequest) -> None:
    assert ftms.decode_control_request(ftms.encode_control_request(req)) == req


@PROPERTY
@given(gen.control_responses())
def test_control_response_round_trip(resp: ftms.ControlResponse) -> None:
    assert ftms.decode_control_response(ftms.encode_control_response(resp)) == resp


@PROPERTY
@given(gen.statuses())
def test_status_round_trip(status: ftms.MachineStatus) -> None:
    assert ftms.decode_status(ftms.encode_status(status)) == status


@PROPERTY
@given(st.integers(0, 0xFF), st.none() | st.text(max_size=30))
def test_training_status_round_trip(status: int, text: str | None) -> None:
    ts = ftms.TrainingStatus(status, text)
    assert ftms.decode_training_status(ftms.encode_training_status(ts)) == ts


@PROPERTY
@given(st.integers(0, 0xFFFFFFFF), st.integers(0, 0xFFFFFFFF))
def test_features_round_trip(features: int, targets: int) -> None:
    f = ftms.Features(features, targets)
    assert ftms.decode_features(ftms.encode_features(f)) == f


@PROPERTY
@given(st.lists(st.integers(0, 0xFFFF), min_size=3, max_size=3))
def test_speed_range_round_trip(raws: list[int]) -> None:
    lo, hi = sorted(raws[:2])
    r = ftms.SpeedRange(round(lo * 0.01, 2), round(hi * 0.01, 2), round(raws[2] * 0.01, 2))
    assert ftms.decode_speed_range(ftms.encode_speed_range(r)) == r


@PROPERTY
@given(st.lists(st.integers(-0x8000, 0x7FFF), min_size=2, max_size=2), st.integers(0, 0xFFFF))
def test_inclination_range_round_trip(bounds: list[int], step: int) -> None:
    lo, hi = sorted(bounds)
    r = ftms.InclinationRange(round(lo * 0.1, 1), round(hi * 0.1, 1), round(step * 0.1, 1))
    assert ftms.decode_inclination_range(ftms.encode_inclination_range(r)) == r


@PROPERTY
@given(gen.rsc_measurements())
def test_rsc_round_trip(m: ftms.RscMeasurement) -> None:
    assert ftms.decode_rsc(ftms.encode_rsc(m)) == m


@PROPERTY
@given(gen.heart_rates())
def test_heart_rate_round_trip(m: ftms.HeartRateMeasurement) -> None:
    assert ftms.decode_heart_rate(ftms.encode_heart_rate(m)) == m


@PROPERTY
@given(st.integers(0, 0xFFFF))
def test_target_speed_grid_round_trip(raw: int) -> None:
    kmh = round(raw * 0.01, 2)
    data = ftms.encode_set_target_speed(kmh)
    assert data == bytes([2]) + raw.to_bytes(2, "little")
    assert ftms.decode_control_request(data).target_speed_kmh == kmh


@PROPERTY
@given(st.integers(-0x8000, 0x7FFF))
def test_target_inclination_grid_round_trip(raw: int) -> None:
    pct = round(raw * 0.1, 1)
    data = ftms.encode_set_target_inclination(pct)
    assert data == bytes([3]) + raw.to_bytes(2, "little", signed=True)
    assert ftms.decode_control_request(data).target_inclination_pct == pct


# --- snapping -----------------------------------------------------------------------------


@st.composite
def speed_ranges(draw: st.DrawFn) -> tuple[ftms.SpeedRange, int, int, int]:
    lo = draw(st.integers(0, 3000))
    hi = draw(st.integers(lo, 3000))
    step = draw(st.integers(0, 200))
    r = ftms.SpeedRange(round(lo * 0.01, 2), round(hi * 0.01, 2), round(step * 0.01, 2))
    return r, lo, hi, step


@PROPERTY
@given(speed_ranges(), st.floats(allow_nan=False, allow_infinity=False))
def test_speed_snap_in_range_and_on_grid(
    case: tuple[ftms.SpeedRange, int, int, int], kmh: float
) -> None:
    r, lo, hi, step = case
    snapped = r.snap(kmh)
    raw = round(snapped / 0.01)
    assert r.min_kmh <= snapped <= r.max_kmh
    assert lo <= raw <= hi
    assert (raw - lo) % max(step, 1) == 0
    assert r.snap(snapped) == snapped


@PROPERTY
@given(speed_ranges(), st.floats(0, 30, allow_nan=False))
def test_speed_snap_is_nearest_grid_point(
    case: tuple[ftms.SpeedRange, int, int, int], kmh: float
) -> None:
    r, lo, hi, step = case
    step = max(step, 1)
    raw = round(round(r.snap(kmh) / 0.01))
    target = min(max(round(kmh / 0.01), lo), hi)
    grid = range(lo, hi + 1, step)
    best = min(abs(g - target) for g in grid)
    assert abs(raw - target) == best


@PROPERTY
@given(
    st.integers(-300, 300).flatmap(lambda lo: st.tuples(st.just(lo), st.integers(lo, 300))),
    st.integers(0, 50),
    st.floats(allow_nan=False, allow_infinity=False),
)
def test_inclination_snap_in_range_and_on_grid(
    bounds: tuple[int, int], step: int, pct: float
) -> None:
    lo, hi = bounds
    r = ftms.InclinationRange(round(lo * 0.1, 1), round(hi * 0.1, 1), round(step * 0.1, 1))
    snapped = r.snap(pct)
    raw = round(snapped / 0.1)
    assert r.min_pct <= snapped <= r.max_pct
    assert (raw - lo) % max(step, 1) == 0
    assert r.snap(snapped) == snapped


# --- robustness: only FtmsDecodeError escapes ---------------------------------------------

DECODERS: dict[str, tuple[Callable[[bytes], object], bytes]] = {
    "Treadmill Data (0x2ACD)": (ftms.decode_treadmill_data, b""),
    "Fitness Machine Feature (0x2ACC)": (ftms.decode_features, b""),
    "Training Status (0x2AD3)": (ftms.decode_training_status, b""),
    "Supported Speed Range (0x2AD4)": (ftms.decode_speed_range, b""),
    "Supported Inclination Range (0x2AD5)": (ftms.decode_inclination_range, b""),
    "Fitness Machine Control Point (0x2AD9)": (ftms.decode_control_request, b""),
    "Fitness Machine Control Point (0x2AD9) response": (ftms.decode_control_response, b"\x80"),
    "Fitness Machine Status (0x2ADA)": (ftms.decode_status, b""),
    "RSC Measurement (0x2A53)": (ftms.decode_rsc, b""),
    "Heart Rate Measurement (0x2A37)": (ftms.decode_heart_rate, b""),
}


@pytest.mark.parametrize("label", sorted(DECODERS))
@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=40), prefixed=st.booleans())
def test_random_bytes_raise_only_ftms_decode_error(label: str, data: bytes, prefixed: bool) -> None:
    decode, prefix = DECODERS[label]
    payload = prefix + data if prefixed else data
    try:
        decode(payload)
    except ftms.FtmsDecodeError as err:
        assert str(err).startswith(label.removesuffix(" response") + ": ")
        assert 0 <= err.offset <= len(payload)
        assert isinstance(err, ValueError)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=24), max_size=6))
def test_assembler_random_packets_raise_only_ftms_decode_error(packets: list[bytes]) -> None:
    assembler = ftms.TreadmillDataAssembler()
    for packet in packets:
        try:
            result = assembler.feed(packet)
        except ftms.FtmsDecodeError:
            assert not assembler.pending
        else:
            assert result is None or not result.more_data
