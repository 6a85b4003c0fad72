"""Every shared vector decodes to its ``decoded`` dict and re-encodes to its ``hex``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from treadmill_tui import ftms

from .vector_data import load_vectors

VECTORS = load_vectors()


@dataclass(frozen=True)
class Codec:
    decode: Callable[[bytes], Any]
    encode: Callable[[Any], bytes]
    cls: type[Any]
    keys: dict[str, str] = field(default_factory=dict)  # vector key -> attribute


CODECS: dict[str, Codec] = {
    "td": Codec(
        ftms.decode_treadmill_data,
        ftms.encode_treadmill_data,
        ftms.TreadmillData,
        {"distance_m": "total_distance_m"},
    ),
    "cp_req": Codec(ftms.decode_control_request, ftms.encode_control_request, ftms.ControlRequest),
    "cp_rsp": Codec(
        ftms.decode_control_response,
        ftms.encode_control_response,
        ftms.ControlResponse,
        {"request_op_code": "request_opcode", "result_code": "result"},
    ),
    "st": Codec(ftms.decode_status, ftms.encode_status, ftms.MachineStatus),
    "feature": Codec(ftms.decode_features, ftms.encode_features, ftms.Features),
    "speed_range": Codec(
        ftms.decode_speed_range,
        ftms.encode_speed_range,
        ftms.SpeedRange,
        {
            "min_speed_kmh": "min_kmh",
            "max_speed_kmh": "max_kmh",
            "min_increment_kmh": "increment_kmh",
        },
    ),
    "inclination_range": Codec(
        ftms.decode_inclination_range,
        ftms.encode_inclination_range,
        ftms.InclinationRange,
        {
            "min_inclination_pct": "min_pct",
            "max_inclination_pct": "max_pct",
            "min_increment_pct": "increment_pct",
        },
    ),
    "rsc": Codec(ftms.decode_rsc, ftms.encode_rsc, ftms.RscMeasurement),
    "hr": Codec(ftms.decode_heart_rate, ftms.encode_heart_rate, ftms.HeartRateMeasurement),
}

CHARACTERISTIC_OF = {
    "td": "0x2ACD",
    "cp_req": "0x2AD9",
    "cp_rsp": "0x2AD9",
    "st": "0x2ADA",
    "feature": "0x2ACC",
    "speed_range": "0x2AD4",
    "inclination_range": "0x2AD5",
    "rsc": "0x2A53",
    "hr": "0x2A37",
}

# The special response op code lives in the first byte, not in the dataclass.
IMPLIED = {"cp_rsp": {"op_code": 0x80, "op_name": "response_code"}}


def codec_key(v: dict[str, Any]) -> str:
    for key in sorted(CODECS, key=len, reverse=True):
        if v["name"].startswith(key + "_"):
            assert CHARACTERISTIC_OF[key] == v["characteristic"], v["name"]
            return key
    pytest.fail(f"no codec for vector {v['name']!r} ({v['characteristic']})")


def expected_attrs(key: str, decoded: dict[str, Any]) -> dict[str, Any]:
    codec = CODECS[key]
    implied = IMPLIED.get(key, {})
    return {codec.keys.get(k, k): v for k, v in decoded.items() if k not in implied}


def build(key: str, decoded: dict[str, Any]) -> Any:
    """The dataclass straight from the vector (not from the decoder), for the encode check."""
    codec = CODECS[key]
    names = {f.name for f in dataclasses.fields(codec.cls)}
    kwargs = {}
    for attr, value in expected_attrs(key, decoded).items():
        if attr in names:
            kwargs[attr] = tuple(value) if isinstance(value, list) else value
    return codec.cls(**kwargs)


IDS = [v["name"] for v in VECTORS]


@pytest.mark.parametrize("v", VECTORS, ids=IDS)
def test_decode_matches_vector(v: dict[str, Any]) -> None:
    key = codec_key(v)
    decoded = CODECS[key].decode(bytes.fromhex(v["hex"]))
    for implied_key, implied_value in IMPLIED.get(key, {}).items():
        assert v["decoded"][implied_key] == implied_value
    for attr, expected in expected_attrs(key, v["decoded"]).items():
        actual = getattr(decoded, attr)
        if isinstance(expected, list):
            if isinstance(actual, frozenset):
                assert actual == frozenset(expected), attr
                continue
            expected = tuple(expected)
        assert actual == expected, f"{attr}: {actual!r} != {expected!r}"


@pytest.mark.parametrize(
    "v", [v for v in VECTORS if v["name"].startswith("td_")], ids=lambda v: v["name"]
)
def test_treadmill_vector_absent_fields_are_none(v: dict[str, Any]) -> None:
    decoded = ftms.decode_treadmill_data(bytes.fromhex(v["hex"]))
    listed = set(expected_attrs("td", v["decoded"]))
    for f in dataclasses.fields(decoded):
        if f.name not in listed:
            assert getattr(decoded, f.name) is None, f.name


@pytest.mark.parametrize("v", VECTORS, ids=IDS)
def test_encode_decoded_reproduces_hex(v: dict[str, Any]) -> None:
    key = codec_key(v)
    codec = CODECS[key]
    data = bytes.fromhex(v["hex"])
    assert codec.encode(codec.decode(data)) == data


@pytest.mark.parametrize("v", VECTORS, ids=IDS)
def test_encode_vector_values_reproduces_hex(v: dict[str, Any]) -> None:
    key = codec_key(v)
    assert CODECS[key].encode(build(key, v["decoded"])) == bytes.fromhex(v["hex"])


def test_every_codec_has_a_vector() -> None:
    assert {codec_key(v) for v in VECTORS} == set(CODECS)


SPECIFIC_ENCODERS: dict[str, Callable[[], bytes]] = {
    "cp_req_request_control": ftms.encode_request_control,
    "cp_req_set_target_speed_5_5": lambda: ftms.encode_set_target_speed(5.5),
    "cp_req_set_target_speed_4_1_rounding": lambda: ftms.encode_set_target_speed(4.1),
    "cp_req_set_target_inclination_minus_1_5": lambda: ftms.encode_set_target_inclination(-1.5),
    "cp_req_start_or_resume": ftms.encode_start,
    "cp_req_stop": ftms.encode_stop,
    "cp_req_pause": ftms.encode_pause,
}


@pytest.mark.parametrize("name", sorted(SPECIFIC_ENCODERS))
def test_client_encoders_match_vectors(name: str) -> None:
    (v,) = [v for v in VECTORS if v["name"] == name]
    assert SPECIFIC_ENCODERS[name]() == bytes.fromhex(v["hex"])


def test_every_request_vector_has_a_client_encoder() -> None:
    names = {v["name"] for v in VECTORS if v["name"].startswith("cp_req_")}
    assert names == set(SPECIFIC_ENCODERS)
