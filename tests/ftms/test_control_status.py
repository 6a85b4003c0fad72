"""Control Point requests/responses and Fitness Machine Status beyond the vectors."""

from __future__ import annotations

import pytest

from treadmill_tui.ftms import (
    ControlRequest,
    ControlResponse,
    FtmsDecodeError,
    MachineStatus,
    OpCode,
    ResultCode,
    StatusOpCode,
    StopControl,
    TrainingStatus,
    decode_control_request,
    decode_control_response,
    decode_status,
    decode_training_status,
    encode_control_request,
    encode_control_response,
    encode_reset,
    encode_status,
    encode_training_status,
)


def test_enum_values_agree_with_the_spec() -> None:
    assert (OpCode.REQUEST_CONTROL, OpCode.RESET, OpCode.SET_TARGET_SPEED) == (0, 1, 2)
    assert (OpCode.START_OR_RESUME, OpCode.STOP_OR_PAUSE, OpCode.RESPONSE_CODE) == (7, 8, 0x80)
    assert int(OpCode.SET_TARGETED_CADENCE) == 0x14
    assert [int(r) for r in ResultCode] == [1, 2, 3, 4, 5]
    assert (StopControl.STOP, StopControl.PAUSE) == (1, 2)
    assert int(StatusOpCode.CONTROL_PERMISSION_LOST) == 0xFF
    assert int(StatusOpCode.TARGET_INCLINE_CHANGED) == 6


def test_reset_encoder() -> None:
    assert encode_reset() == b"\x01"
    assert decode_control_request(b"\x01") == ControlRequest(OpCode.RESET)


def test_response_ok_and_names() -> None:
    ok = decode_control_response(bytes.fromhex("80 00 01"))
    refused = decode_control_response(bytes.fromhex("80 07 04"))
    assert ok.ok and not refused.ok
    assert refused.request_op_name == "start_or_resume"
    assert refused.result_name == "operation_failed"


def test_rfu_result_code_is_kept_not_ok() -> None:
    resp = decode_control_response(bytes.fromhex("80 02 06"))
    assert resp == ControlResponse(2, 6) and not resp.ok and resp.result_name == "rfu_0x06"


def test_spin_down_success_carries_a_4_byte_parameter() -> None:
    resp = decode_control_response(bytes.fromhex("80 13 01 10 27 20 4e"))
    assert resp.parameter == bytes.fromhex("10 27 20 4e")
    assert encode_control_response(resp) == bytes.fromhex("80 13 01 10 27 20 4e")
    with pytest.raises(FtmsDecodeError, match="truncated at byte 3"):
        decode_control_response(bytes.fromhex("80 13 01"))


@pytest.mark.parametrize(
    ("hex_", "match"),
    [
        ("", "truncated at byte 0: need 1 byte for Op Code, 0 left"),
        ("80", "truncated at byte 1: need 1 byte for Request Op Code"),
        ("80 02", "truncated at byte 2: need 1 byte for Result Code"),
        ("81 02 01", "malformed at byte 0: op code 0x81 is not the Response Code 0x80"),
        ("02 02 01", "malformed at byte 0"),
        ("80 02 01 00", "over-long at byte 3: 1 byte unexpected"),
    ],
)
def test_bad_responses_raise(hex_: str, match: str) -> None:
    with pytest.raises(FtmsDecodeError, match=match):
        decode_control_response(bytes.fromhex(hex_))


def test_rfu_request_op_in_response_keeps_any_parameter() -> None:
    assert decode_control_response(bytes.fromhex("80 55 02 aa")).parameter == b"\xaa"


@pytest.mark.parametrize(
    ("hex_", "match"),
    [
        ("", "truncated at byte 0"),
        ("02 26", "truncated at byte 1: need 2 bytes for Target Speed, 1 left"),
        ("02 26 02 00", "over-long at byte 3"),
        ("07 00", "over-long at byte 1"),
        ("08", "truncated at byte 1"),
        ("0c 01 02", "truncated at byte 1: need 3 bytes"),
    ],
)
def test_bad_requests_raise(hex_: str, match: str) -> None:
    with pytest.raises(FtmsDecodeError, match=match):
        decode_control_request(bytes.fromhex(hex_))


def test_rfu_request_op_decodes_with_raw_parameter() -> None:
    req = decode_control_request(bytes.fromhex("55 01 02"))
    assert req == ControlRequest(0x55, parameter=b"\x01\x02") and req.op_name == "rfu_0x55"
    assert encode_control_request(req) == bytes.fromhex("55 01 02")


def test_untyped_known_request_keeps_parameter() -> None:
    req = decode_control_request(bytes.fromhex("0c 88 13 00"))
    assert req == ControlRequest(OpCode.SET_TARGETED_DISTANCE, parameter=bytes.fromhex("88 13 00"))


@pytest.mark.parametrize(
    "req",
    [
        ControlRequest(OpCode.SET_TARGET_SPEED),
        ControlRequest(OpCode.SET_TARGET_INCLINATION),
        ControlRequest(OpCode.STOP_OR_PAUSE),
        ControlRequest(OpCode.START_OR_RESUME, target_speed_kmh=1.0),
        ControlRequest(OpCode.SET_TARGET_SPEED, target_speed_kmh=1.0, parameter=b"\x00"),
        ControlRequest(OpCode.SET_TARGETED_DISTANCE, parameter=b"\x00"),
        ControlRequest(0x100),
    ],
)
def test_inconsistent_requests_are_not_encoded(req: ControlRequest) -> None:
    with pytest.raises(ValueError):
        encode_control_request(req)


def test_response_encoder_checks_parameter_size() -> None:
    with pytest.raises(ValueError, match="takes 0 parameter bytes"):
        encode_control_response(ControlResponse(2, 1, b"\x00"))


def test_control_permission_lost_is_a_real_op_code() -> None:
    status = decode_status(b"\xff")
    assert status.op_code == StatusOpCode.CONTROL_PERMISSION_LOST
    assert status.op_name == "control_permission_lost"
    with pytest.raises(FtmsDecodeError, match="over-long at byte 1"):
        decode_status(b"\xff\x00")


def test_status_incline_changed_and_pause() -> None:
    incline = decode_status(bytes.fromhex("06 9f ff"))
    assert incline.target_inclination_pct == -9.7
    pause = decode_status(bytes.fromhex("02 02"))
    assert pause.control == "pause" and pause.control_code == StopControl.PAUSE
    assert decode_status(bytes.fromhex("02 07")).control is None


@pytest.mark.parametrize(
    ("hex_", "match"),
    [
        ("", "Fitness Machine Status \\(0x2ADA\\): truncated at byte 0"),
        ("05 26", "truncated at byte 1: need 2 bytes for New Target Speed, 1 left"),
        ("04 00", "over-long at byte 1"),
        ("0d 01 02", "truncated at byte 1"),
    ],
)
def test_bad_status_raises(hex_: str, match: str) -> None:
    with pytest.raises(FtmsDecodeError, match=match):
        decode_status(bytes.fromhex(hex_))


def test_rfu_status_keeps_parameter() -> None:
    status = decode_status(bytes.fromhex("30 01"))
    assert status == MachineStatus(0x30, parameter=b"\x01")
    assert encode_status(status) == bytes.fromhex("30 01")


@pytest.mark.parametrize(
    "status",
    [
        MachineStatus(StatusOpCode.TARGET_SPEED_CHANGED),
        MachineStatus(StatusOpCode.TARGET_INCLINE_CHANGED),
        MachineStatus(StatusOpCode.STOPPED_OR_PAUSED_BY_USER),
        MachineStatus(StatusOpCode.RESET, target_speed_kmh=1.0),
        MachineStatus(StatusOpCode.TARGETED_DISTANCE_CHANGED, parameter=b"\x00"),
        MachineStatus(StatusOpCode.TARGET_SPEED_CHANGED, target_speed_kmh=-1.0),
    ],
)
def test_inconsistent_status_not_encoded(status: MachineStatus) -> None:
    with pytest.raises(ValueError):
        encode_status(status)


def test_training_status() -> None:
    assert decode_training_status(bytes.fromhex("00 0d")) == TrainingStatus(0x0D, None)
    assert decode_training_status(bytes.fromhex("00 0d")).status_name == "manual_mode"
    with_text = decode_training_status(b"\x01\x01Idle")
    assert with_text == TrainingStatus(1, "Idle")
    assert encode_training_status(with_text) == b"\x01\x01Idle"
    assert decode_training_status(b"\x01\x01") == TrainingStatus(1, "")
    assert decode_training_status(b"\x01\x01\xff").text == "\ufffd"
    with pytest.raises(FtmsDecodeError, match=r"Training Status \(0x2AD3\): over-long at byte 2"):
        decode_training_status(b"\x00\x01x")
    with pytest.raises(FtmsDecodeError, match="truncated at byte 1"):
        decode_training_status(b"\x00")
