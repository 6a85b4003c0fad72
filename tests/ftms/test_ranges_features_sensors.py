"""Feature bits, supported ranges with snapping, RSC and Heart Rate beyond the vectors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from treadmill_tui.ftms import (
    Features,
    FtmsDecodeError,
    HeartRateMeasurement,
    InclinationRange,
    RscMeasurement,
    SpeedRange,
    decode_features,
    decode_heart_rate,
    decode_inclination_range,
    decode_rsc,
    decode_speed_range,
    encode_features,
    encode_heart_rate,
    encode_rsc,
    encode_speed_range,
)


def test_feature_example_from_the_reference() -> None:
    f = decode_features(bytes.fromhex("0d 10 00 00 03 00 00 00"))
    assert f.features == {"average_speed", "total_distance", "inclination", "elapsed_time"}
    assert f.supports_speed_target and f.supports_inclination_target


def test_feature_rfu_bits_tolerated_and_kept() -> None:
    data = bytes.fromhex("00 00 fe ff 00 00 ff ff")
    f = decode_features(data)
    assert f.features == frozenset() and f.target_settings == {"targeted_cadence"}
    assert not f.supports_speed_target
    assert encode_features(f) == data


def test_features_from_names() -> None:
    f = Features.from_names(["average_speed"], ["speed"])
    assert (f.features_raw, f.target_settings_raw) == (1, 1)
    with pytest.raises(ValueError, match="unknown feature"):
        Features.from_names(["teleport"])
    with pytest.raises(ValueError):
        Features(-1, 0)


@pytest.mark.parametrize("n", [0, 7, 9])
def test_feature_wrong_length(n: int) -> None:
    with pytest.raises(FtmsDecodeError, match=r"Fitness Machine Feature \(0x2ACC\)"):
        decode_features(bytes(n))


def test_reference_speed_range_example() -> None:
    r = decode_speed_range(bytes.fromhex("64 00 d0 07 0a 00"))
    assert r == SpeedRange(1.0, 20.0, 0.1)
    assert encode_speed_range(r) == bytes.fromhex("64 00 d0 07 0a 00")


@pytest.mark.parametrize(
    ("decode", "n"),
    [
        (decode_speed_range, 5),
        (decode_speed_range, 7),
        (decode_inclination_range, 5),
        (decode_inclination_range, 7),
    ],
)
def test_range_wrong_length(decode: Callable[[bytes], object], n: int) -> None:
    with pytest.raises(FtmsDecodeError):
        decode(bytes(n))


def test_range_min_above_max_is_malformed() -> None:
    with pytest.raises(
        FtmsDecodeError, match=r"Supported Speed Range \(0x2AD4\): malformed at byte 0"
    ):
        decode_speed_range(bytes.fromhex("d0 07 64 00 0a 00"))
    with pytest.raises(FtmsDecodeError, match="Supported Inclination Range"):
        decode_inclination_range(bytes.fromhex("96 00 e2 ff 05 00"))
    with pytest.raises(ValueError):
        SpeedRange(2.0, 1.0, 0.1)


SPEED = SpeedRange(0.8, 18.0, 0.1)
INCLINE = InclinationRange(-3.0, 15.0, 0.5)


@pytest.mark.parametrize(
    ("kmh", "expected"),
    [
        (0.0, 0.8),
        (0.8, 0.8),
        (4.1, 4.1),
        (4.14, 4.1),
        (4.16, 4.2),
        (5.54, 5.5),
        (5.56, 5.6),
        (25.0, 18.0),
        (-3.0, 0.8),
        (1e308, 18.0),
    ],
)
def test_speed_snap(kmh: float, expected: float) -> None:
    assert SPEED.snap(kmh) == expected


@pytest.mark.parametrize(
    ("pct", "expected"),
    [
        (-9.7, -3.0),
        (0.7, 0.5),
        (0.8, 1.0),
        (1.2, 1.0),
        (14.9, 15.0),
        (99.0, 15.0),
        (-1.74, -1.5),
        (-1.76, -2.0),
    ],
)
def test_inclination_snap(pct: float, expected: float) -> None:
    assert INCLINE.snap(pct) == expected


def test_snap_tie_goes_to_a_neighbouring_step() -> None:
    assert SPEED.snap(5.55) in (5.5, 5.6)


def test_snap_off_grid_max_and_zero_increment() -> None:
    assert SpeedRange(1.0, 10.05, 0.1).snap(20.0) == 10.0  # max is off the grid
    assert SpeedRange(1.0, 10.0, 0.0).snap(5.555) in (5.55, 5.56)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_snap_rejects_non_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        SPEED.snap(bad)


def test_rsc_walking_without_optional_fields() -> None:
    m = decode_rsc(bytes.fromhex("00 80 01 6e"))
    assert m == RscMeasurement(False, 1.5, 110, None, None, 0)
    assert encode_rsc(m) == bytes.fromhex("00 80 01 6e")


def test_rsc_reference_example() -> None:
    m = decode_rsc(bytes.fromhex("06 00 03 55 39 30 00 00"))
    assert (m.running, m.speed_mps, m.cadence_per_min, m.total_distance_m) == (
        True,
        3.0,
        85,
        1234.5,
    )


@pytest.mark.parametrize(
    ("hex_", "match"),
    [("07 40 03 ac 71", "truncated at byte 4"), ("00 80 01 6e 00", "over-long at byte 4")],
)
def test_rsc_bad_lengths(hex_: str, match: str) -> None:
    with pytest.raises(FtmsDecodeError, match=r"RSC Measurement \(0x2A53\): " + match):
        decode_rsc(bytes.fromhex(hex_))


def test_hr_rr_list_oldest_first() -> None:
    m = decode_heart_rate(bytes.fromhex("10 48 00 04 00 02"))
    assert m.rr_intervals_s == (1.0, 0.5)
    assert encode_heart_rate(m) == bytes.fromhex("10 48 00 04 00 02")


def test_hr_odd_rr_bytes_are_truncated() -> None:
    with pytest.raises(
        FtmsDecodeError, match=r"truncated at byte 4: need 2 bytes for RR-Interval 2, 1 left"
    ):
        decode_heart_rate(bytes.fromhex("10 48 00 04 00"))


def test_hr_trailing_without_rr_flag_is_over_long() -> None:
    with pytest.raises(FtmsDecodeError, match="over-long at byte 2"):
        decode_heart_rate(bytes.fromhex("00 48 00"))


def test_hr_encoder_forces_uint16_above_255() -> None:
    data = encode_heart_rate(HeartRateMeasurement(300))
    assert data == bytes.fromhex("01 2c 01")
    assert decode_heart_rate(data).hr_format_uint16
    with pytest.raises(ValueError):
        encode_heart_rate(HeartRateMeasurement(-1))
    with pytest.raises(ValueError):
        encode_heart_rate(HeartRateMeasurement(60, rr_intervals_s=(64.0,)))
