"""Encoders round to the nearest resolution step (never truncate) and reject what won't fit."""

from __future__ import annotations

import math

import pytest

from treadmill_tui.ftms import (
    MachineStatus,
    StatusOpCode,
    TreadmillData,
    decode_control_request,
    encode_set_target_inclination,
    encode_set_target_speed,
    encode_status,
    encode_treadmill_data,
)


def raw_speed(kmh: float) -> int:
    return int.from_bytes(encode_set_target_speed(kmh)[1:], "little")


def raw_incline(pct: float) -> int:
    return int.from_bytes(encode_set_target_inclination(pct)[1:], "little", signed=True)


def test_4_1_kmh_is_410_not_409() -> None:
    assert 4.1 / 0.01 < 410  # the float trap int() falls into
    assert raw_speed(4.1) == 410
    assert encode_set_target_speed(4.1) == bytes.fromhex("02 9a 01")


def test_5_55_kmh_rounds_to_555_or_556_never_554() -> None:
    assert raw_speed(5.55) in (555, 556)


def test_0_7_pct_is_7() -> None:
    assert raw_incline(0.7) == 7


def test_minus_9_7_pct_is_minus_97() -> None:
    assert raw_incline(-9.7) == -97
    assert encode_set_target_inclination(-9.7) == bytes.fromhex("03 9f ff")


def test_rounding_applies_to_treadmill_data_and_status() -> None:
    data = encode_treadmill_data(
        TreadmillData(speed_kmh=4.1, inclination_pct=0.7, ramp_angle_deg=-9.7)
    )
    assert data == bytes.fromhex("08 00 9a 01 07 00 9f ff")
    status = MachineStatus(StatusOpCode.TARGET_SPEED_CHANGED, target_speed_kmh=4.1)
    assert encode_status(status) == bytes.fromhex("05 9a 01")


def test_finer_than_resolution_goes_to_nearest_step() -> None:
    assert raw_speed(5.504) == 550
    assert raw_speed(5.506) == 551
    assert raw_incline(-1.46) == -15


@pytest.mark.parametrize("kmh", [0.0, 0.01, 1.0, 4.1, 5.5, 12.34, 20.0, 655.35])
def test_speed_decodes_back_to_the_same_value(kmh: float) -> None:
    assert decode_control_request(encode_set_target_speed(kmh)).target_speed_kmh == kmh


@pytest.mark.parametrize("kmh", [-0.01, -1.0, 655.36, 1000.0, math.nan, math.inf, -math.inf])
def test_speed_out_of_range_is_rejected(kmh: float) -> None:
    with pytest.raises(ValueError, match="target speed"):
        encode_set_target_speed(kmh)


@pytest.mark.parametrize("pct", [-3276.9, 3276.8, math.nan, math.inf])
def test_inclination_out_of_range_is_rejected(pct: float) -> None:
    with pytest.raises(ValueError, match="target inclination"):
        encode_set_target_inclination(pct)


def test_inclination_limits_are_accepted() -> None:
    assert raw_incline(-3276.8) == -32768
    assert raw_incline(3276.7) == 32767


def test_non_number_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        encode_set_target_speed("5")  # type: ignore[arg-type]  # the wrong type is the test
    with pytest.raises(TypeError):
        encode_set_target_speed(True)
