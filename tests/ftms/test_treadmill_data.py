"""Treadmill Data specifics: sentinels, pace layouts, vendor steps, tails, multi-packet."""

from __future__ import annotations

import dataclasses

import pytest

from treadmill_tui.ftms import (
    FtmsDecodeError,
    TreadmillData,
    TreadmillDataAssembler,
    decode_treadmill_data,
    encode_treadmill_data,
    merge_treadmill_data,
    split_treadmill_data,
)

from .vector_data import vector_bytes

SINGLE = vector_bytes("td_avg_speed_distance_incline_elapsed")
PART_1 = vector_bytes("td_multi_packet_1_of_2")
PART_2 = vector_bytes("td_multi_packet_2_of_2")
ALL_FIELDS = vector_bytes("td_all_standard_fields_except_pace")


def test_more_data_bit_is_inverted() -> None:
    final = decode_treadmill_data(bytes.fromhex("00 00 52 03"))
    partial = decode_treadmill_data(bytes.fromhex("01 00"))
    assert (final.more_data, final.speed_kmh) == (False, 8.5)
    assert (partial.more_data, partial.speed_kmh) == (True, None)


def test_present_but_not_available_round_trips_as_sentinel() -> None:
    td = TreadmillData(flags=0x0088, speed_kmh=3.0, inclination_pct=None, ramp_angle_deg=None)
    data = encode_treadmill_data(td)
    assert data == bytes.fromhex("88 00 2c 01 ff 7f ff 7f ff ff ff ff ff")
    assert decode_treadmill_data(data) == td


def test_absent_and_not_available_differ_only_in_flags() -> None:
    absent = decode_treadmill_data(bytes.fromhex("00 00 2c 01"))
    na = decode_treadmill_data(bytes.fromhex("08 00 2c 01 ff 7f ff 7f"))
    assert absent.inclination_pct is None and na.inclination_pct is None
    assert absent.flags == 0 and na.flags == 0x08


def test_flags_none_are_derived_from_fields() -> None:
    td = TreadmillData(speed_kmh=5.5, inclination_pct=-1.5, ramp_angle_deg=-0.9, elapsed_s=3725)
    assert encode_treadmill_data(td) == vector_bytes("td_negative_incline_and_ramp")


def test_set_field_adds_its_flag_bit_to_given_flags() -> None:
    td = TreadmillData(flags=0, speed_kmh=1.0, heart_rate_bpm=90)
    assert decode_treadmill_data(encode_treadmill_data(td)).heart_rate_bpm == 90


def test_rfu_flag_bits_are_accepted_and_kept() -> None:
    td = decode_treadmill_data(bytes.fromhex("00 c0 64 00"))
    assert td.flags == 0xC000 and td.speed_kmh == 1.0
    assert encode_treadmill_data(td) == bytes.fromhex("00 c0 64 00")


@pytest.mark.parametrize(
    ("td", "match"),
    [
        (TreadmillData(flags=0x0001, more_data=False, speed_kmh=1.0), "More Data"),
        (TreadmillData(more_data=True, speed_kmh=1.0), "speed_kmh must be None"),
        (TreadmillData(more_data=False), "speed_kmh is required"),
        (TreadmillData(flags=0x0002, speed_kmh=1.0), "avg_speed_kmh is required"),
        (TreadmillData(speed_kmh=1.0, elevation_gain_pos_m=1.0), "elevation_gain_neg_m"),
        (TreadmillData(flags=0x10000, speed_kmh=1.0), "flags"),
        (TreadmillData(speed_kmh=-1.0), "must not be negative"),
        (TreadmillData(speed_kmh=655.36), "between 0.00 and 655.35"),
        (TreadmillData(speed_kmh=1.0, inclination_pct=3276.7), "inclination_pct"),
        (
            TreadmillData(
                speed_kmh=1.0,
                energy_total_kcal=0xFFFF,
                energy_per_hour_kcal=1,
                energy_per_min_kcal=1,
            ),
            "energy_total_kcal",
        ),
        (TreadmillData(speed_kmh=1.0, step_count=1 << 24), "step_count"),
        (TreadmillData(speed_kmh=float("nan")), "finite"),
    ],
)
def test_encoder_rejects_inconsistent_or_out_of_range(td: TreadmillData, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        encode_treadmill_data(td)


def test_unexplained_trailing_bytes_are_ignored() -> None:
    assert decode_treadmill_data(SINGLE + b"\x01\x02") == decode_treadmill_data(SINGLE)


def test_vendor_bit13_with_other_tail_length_ignores_the_tail() -> None:
    base = bytes.fromhex("00 24 90 01 58 02")
    assert decode_treadmill_data(base + b"\xd2\x04\x00").step_count == 1234
    for tail in (b"", b"\xd2", b"\xd2\x04", b"\xd2\x04\x00\x00"):
        td = decode_treadmill_data(base + tail)
        assert td.step_count is None and td.elapsed_s == 600 and td.flags == 0x2400


def test_bit13_without_count_round_trips_flag_only() -> None:
    td = TreadmillData(flags=0x2000, speed_kmh=2.0)
    assert decode_treadmill_data(encode_treadmill_data(td)) == td


def test_gss_pace_layout_selected_by_length() -> None:
    # Same flags as the v1.0 vector, but two uint16 paces: 150 s per 500 m and 0 (unknown).
    td = decode_treadmill_data(bytes.fromhex("60 00 b0 04 96 00 00 00"))
    assert td.speed_kmh == 12.0
    assert td.inst_pace_kmmin == 0.2  # 0.5 km in 150 s
    assert td.avg_pace_kmmin is None


def test_gss_pace_layout_with_vendor_steps() -> None:
    td = decode_treadmill_data(bytes.fromhex("20 20 b0 04 96 00 d2 04 00"))
    assert (td.inst_pace_kmmin, td.step_count) == (0.2, 1234)


def test_v1_pace_layout_with_vendor_steps() -> None:
    td = decode_treadmill_data(bytes.fromhex("20 20 b0 04 02 d2 04 00"))
    assert (td.inst_pace_kmmin, td.step_count) == (0.2, 1234)


def test_pace_length_fitting_neither_layout_raises() -> None:
    with pytest.raises(FtmsDecodeError, match=r"ambiguous pace layout at byte 4: 7 bytes"):
        decode_treadmill_data(bytes.fromhex("60 00 b0 04 02 02 00"))


def test_pace_truncated_reports_truncation() -> None:
    with pytest.raises(FtmsDecodeError, match="truncated at byte 5: need 1 byte for Average Pace"):
        decode_treadmill_data(bytes.fromhex("60 00 b0 04 02"))


# --- multi-packet -------------------------------------------------------------------------


def test_packets_1_and_2_merge_to_the_single_packet_vector() -> None:
    assembler = TreadmillDataAssembler()
    assert assembler.feed(PART_1) is None
    assert assembler.pending
    record = assembler.feed(PART_2)
    assert record == decode_treadmill_data(SINGLE)
    assert not assembler.pending


def test_merge_function_matches_assembler() -> None:
    merged = merge_treadmill_data(decode_treadmill_data(PART_1), decode_treadmill_data(PART_2))
    assert merged == decode_treadmill_data(SINGLE)
    assert encode_treadmill_data(merged) == SINGLE


def test_single_final_packet_passes_straight_through() -> None:
    assembler = TreadmillDataAssembler()
    assert assembler.feed(SINGLE) == decode_treadmill_data(SINGLE)
    assert assembler.feed(bytearray(SINGLE)) == decode_treadmill_data(SINGLE)


def test_reset_drops_a_partial_record() -> None:
    assembler = TreadmillDataAssembler()
    assembler.feed(PART_1)
    assembler.reset()
    assert assembler.feed(PART_2) == decode_treadmill_data(PART_2)


def test_bad_packet_drops_the_partial_record_and_raises() -> None:
    assembler = TreadmillDataAssembler()
    assembler.feed(PART_1)
    with pytest.raises(FtmsDecodeError):
        assembler.feed(b"\x08")
    assert not assembler.pending
    assert assembler.feed(PART_2) == decode_treadmill_data(PART_2)


def test_later_packet_overrides_group_including_not_available() -> None:
    assembler = TreadmillDataAssembler()
    assembler.feed(bytes.fromhex("09 00 19 00 05 00"))  # incline 2.5, ramp 0.5
    assembler.feed(bytes.fromhex("09 00 ff 7f 06 00"))  # incline n/a, ramp 0.6
    record = assembler.feed(bytes.fromhex("00 01 64 00 50"))  # speed 1.00, HR 80
    assert record is not None
    assert (record.inclination_pct, record.ramp_angle_deg, record.heart_rate_bpm) == (None, 0.6, 80)
    assert record.flags == 0x0108 and not record.more_data


def test_split_small_record_is_one_packet() -> None:
    assert split_treadmill_data(decode_treadmill_data(SINGLE)) == [SINGLE]


def test_split_reproduces_the_two_packet_vectors() -> None:
    assert split_treadmill_data(decode_treadmill_data(SINGLE), max_payload=13) == [PART_1, PART_2]


def test_split_full_record_fits_default_mtu_and_reassembles() -> None:
    record = decode_treadmill_data(ALL_FIELDS)
    packets = split_treadmill_data(record)
    assert len(packets) > 1 and all(len(p) <= 20 for p in packets)
    assert all(decode_treadmill_data(p).more_data for p in packets[:-1])
    assembler = TreadmillDataAssembler()
    results = [assembler.feed(p) for p in packets]
    assert results[:-1] == [None] * (len(packets) - 1)
    assert results[-1] == record


def test_split_rejects_bad_arguments() -> None:
    record = decode_treadmill_data(ALL_FIELDS)
    with pytest.raises(ValueError, match="max_payload"):
        split_treadmill_data(record, max_payload=3)
    with pytest.raises(ValueError, match="flag group 7"):
        split_treadmill_data(record, max_payload=6)
    with pytest.raises(ValueError, match="complete record"):
        split_treadmill_data(decode_treadmill_data(PART_1))


def test_treadmill_data_is_frozen() -> None:
    td = TreadmillData(speed_kmh=1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        td.speed_kmh = 2.0  # type: ignore[misc]  # assigning to a frozen field is the test
