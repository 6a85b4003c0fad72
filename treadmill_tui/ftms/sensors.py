"""Footpod RSC Measurement (0x2A53) and Heart Rate Measurement (0x2A37) (docs/ftms.md §9).

Both layouts are fully determined by their flags, so bytes the flags do not explain raise
(except the RR list, which by definition takes the rest of a Heart Rate value).
"""

from __future__ import annotations

from dataclasses import dataclass

from .reader import Buffer, Reader
from .scaling import from_raw, pack_int, pack_scaled
from .uuids import characteristic_label

RSC_LABEL = characteristic_label(0x2A53)
HR_LABEL = characteristic_label(0x2A37)

RSC_STRIDE_PRESENT = 0x01
RSC_DISTANCE_PRESENT = 0x02
RSC_RUNNING = 0x04
_RSC_KNOWN = RSC_STRIDE_PRESENT | RSC_DISTANCE_PRESENT | RSC_RUNNING

HR_UINT16 = 0x01
HR_CONTACT_DETECTED = 0x02
HR_CONTACT_SUPPORTED = 0x04
HR_ENERGY_PRESENT = 0x08
HR_RR_PRESENT = 0x10
_HR_DERIVED = HR_CONTACT_DETECTED | HR_CONTACT_SUPPORTED | HR_ENERGY_PRESENT

_SPEED_RES = 1 / 256
_RR_RES = 1 / 1024


@dataclass(frozen=True, slots=True)
class RscMeasurement:
    """``cadence_per_min`` is steps/min by definition; some pods send strides (docs/ftms.md §9)."""

    running: bool
    speed_mps: float
    cadence_per_min: int
    stride_length_m: float | None = None
    total_distance_m: float | None = None
    flags: int | None = None


def decode_rsc(data: Buffer) -> RscMeasurement:
    reader = Reader(data, RSC_LABEL)
    flags = reader.u8("Flags")
    speed = reader.u16("Instantaneous Speed") / 256
    cadence = reader.u8("Instantaneous Cadence")
    stride = (
        from_raw(reader.u16("Instantaneous Stride Length"), 0.01)
        if flags & RSC_STRIDE_PRESENT
        else None
    )
    distance = from_raw(reader.u32("Total Distance"), 0.1) if flags & RSC_DISTANCE_PRESENT else None
    reader.expect_end()
    return RscMeasurement(bool(flags & RSC_RUNNING), speed, cadence, stride, distance, flags)


def encode_rsc(m: RscMeasurement) -> bytes:
    """Presence bits follow the fields; RFU bits of ``flags`` are kept."""
    flags = (m.flags or 0) & ~_RSC_KNOWN & 0xFF
    flags |= RSC_RUNNING if m.running else 0
    flags |= RSC_STRIDE_PRESENT if m.stride_length_m is not None else 0
    flags |= RSC_DISTANCE_PRESENT if m.total_distance_m is not None else 0
    out = bytes([flags]) + pack_scaled(m.speed_mps, _SPEED_RES, 2, False, "speed_mps")
    out += pack_int(m.cadence_per_min, 1, False, "cadence_per_min")
    if m.stride_length_m is not None:
        out += pack_scaled(m.stride_length_m, 0.01, 2, False, "stride_length_m")
    if m.total_distance_m is not None:
        out += pack_scaled(m.total_distance_m, 0.1, 4, False, "total_distance_m")
    return out


@dataclass(frozen=True, slots=True)
class HeartRateMeasurement:
    heart_rate_bpm: int
    sensor_contact_supported: bool = False
    sensor_contact_detected: bool = False
    energy_expended_kj: int | None = None
    rr_intervals_s: tuple[float, ...] = ()
    flags: int | None = None

    @property
    def hr_format_uint16(self) -> bool:
        return bool((self.flags or 0) & HR_UINT16) or self.heart_rate_bpm > 0xFF


def decode_heart_rate(data: Buffer) -> HeartRateMeasurement:
    reader = Reader(data, HR_LABEL)
    flags = reader.u8("Flags")
    bpm = reader.u16("Heart Rate (uint16)") if flags & HR_UINT16 else reader.u8("Heart Rate")
    energy = reader.u16("Energy Expended") if flags & HR_ENERGY_PRESENT else None
    rr: list[float] = []
    if flags & HR_RR_PRESENT:
        while reader.remaining:
            rr.append(reader.u16(f"RR-Interval {len(rr) + 1}") / 1024)
    reader.expect_end()
    return HeartRateMeasurement(
        bpm,
        bool(flags & HR_CONTACT_SUPPORTED),
        bool(flags & HR_CONTACT_DETECTED),
        energy,
        tuple(rr),
        flags,
    )


def encode_heart_rate(m: HeartRateMeasurement) -> bytes:
    """Contact/energy bits follow the fields; the uint16 format, RR-present and RFU bits of
    ``flags`` are kept (uint16 is forced above 255 bpm, RR-present by a non-empty list)."""
    flags = (m.flags or 0) & ~_HR_DERIVED & 0xFF
    if m.heart_rate_bpm > 0xFF:
        flags |= HR_UINT16
    flags |= HR_CONTACT_DETECTED if m.sensor_contact_detected else 0
    flags |= HR_CONTACT_SUPPORTED if m.sensor_contact_supported else 0
    flags |= HR_ENERGY_PRESENT if m.energy_expended_kj is not None else 0
    flags |= HR_RR_PRESENT if m.rr_intervals_s else 0
    size = 2 if flags & HR_UINT16 else 1
    out = bytes([flags]) + pack_int(m.heart_rate_bpm, size, False, "heart_rate_bpm")
    if m.energy_expended_kj is not None:
        out += pack_int(m.energy_expended_kj, 2, False, "energy_expended_kj")
    for i, rr in enumerate(m.rr_intervals_s):
        out += pack_scaled(rr, _RR_RES, 2, False, f"rr_intervals_s[{i}]")
    return out
