"""FtmsDecodeError: a ValueError whose message names the characteristic and the byte offset."""

from __future__ import annotations

import pickle

import pytest

from treadmill_tui import ftms
from treadmill_tui.ftms import (
    FtmsDecodeError,
    characteristic_label,
    decode_features,
    decode_treadmill_data,
    uuid16,
)


def test_message_format_names_characteristic_offset_and_field() -> None:
    with pytest.raises(FtmsDecodeError) as info:
        decode_treadmill_data(bytes.fromhex("0a 00 00 00 00 00 01"))
    assert str(info.value) == (
        "Treadmill Data (0x2ACD): truncated at byte 6: need 2 bytes for Inclination, 1 left"
    )
    assert info.value.characteristic == "Treadmill Data (0x2ACD)"
    assert info.value.offset == 6


def test_over_long_message() -> None:
    with pytest.raises(FtmsDecodeError) as info:
        decode_features(bytes(10))
    assert str(info.value) == (
        "Fitness Machine Feature (0x2ACC): over-long at byte 8: "
        "2 bytes unexpected after the last field"
    )


def test_is_a_value_error_and_pickles() -> None:
    err = FtmsDecodeError("X (0x0000)", 3, "truncated", "detail")
    assert isinstance(err, ValueError)
    clone = pickle.loads(pickle.dumps(err))
    assert str(clone) == str(err) and clone.offset == 3


def test_empty_treadmill_data() -> None:
    with pytest.raises(
        FtmsDecodeError,
        match=r"^Treadmill Data \(0x2ACD\): truncated at byte 0: need 2 bytes for Flags, 0 left$",
    ):
        decode_treadmill_data(b"")


def test_uuids() -> None:
    assert uuid16(0x2ACD) == "00002acd-0000-1000-8000-00805f9b34fb"
    assert ftms.TREADMILL_DATA == uuid16(0x2ACD)
    assert ftms.FTMS_SERVICE == "00001826-0000-1000-8000-00805f9b34fb"
    assert ftms.FITNESS_MACHINE_CONTROL_POINT.startswith("00002ad9")
    assert ftms.HEART_RATE_MEASUREMENT.startswith("00002a37")
    assert ftms.RSC_MEASUREMENT.startswith("00002a53")
    assert characteristic_label(0x2AD9) == "Fitness Machine Control Point (0x2AD9)"
    with pytest.raises(ValueError):
        uuid16(0x10000)
