"""Records split over several Treadmill Data notifications (More Data, docs/ftms.md §4)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .errors import FtmsDecodeError
from .reader import Buffer
from .treadmill_data import (
    ALL_GROUPS,
    MORE_DATA_BIT,
    RFU_BITS,
    TreadmillData,
    decode_treadmill_data,
    effective_flags,
    encode_group,
    encode_speed,
    encode_treadmill_data,
)


def _presence(td: TreadmillData) -> int:
    if td.flags is not None:
        return td.flags
    flags = MORE_DATA_BIT if td.more_data else 0
    for group in ALL_GROUPS:
        if any(getattr(td, f.attr) is not None for f in group.fields):
            flags |= group.mask
    return flags


def merge_treadmill_data(earlier: TreadmillData, later: TreadmillData) -> TreadmillData:
    """Fields of ``later`` override those of ``earlier`` group by group (by flag bit, so a
    later "not available" replaces an earlier value); More Data comes from ``later``."""
    early_flags, late_flags = _presence(earlier), _presence(later)
    flags = ((early_flags | late_flags) & ~MORE_DATA_BIT) | (late_flags & MORE_DATA_BIT)
    changes: dict[str, Any] = {
        "flags": flags,
        "more_data": later.more_data,
        "speed_kmh": later.speed_kmh,
    }
    for group in ALL_GROUPS:
        if late_flags & group.mask:
            for field in group.fields:
                changes[field.attr] = getattr(later, field.attr)
    return replace(earlier, **changes)


class TreadmillDataAssembler:
    """Client side: merges More Data packets and returns the whole record on the last one."""

    def __init__(self) -> None:
        self._partial: TreadmillData | None = None

    @property
    def pending(self) -> bool:
        """True while packets of an unfinished record are buffered."""
        return self._partial is not None

    def reset(self) -> None:
        """Drop a partial record (on disconnect: the server drops it too, FTMS §4.18)."""
        self._partial = None

    def feed(self, packet: Buffer) -> TreadmillData | None:
        """Decode one notification; a bad packet drops the partial record and re-raises."""
        try:
            td = decode_treadmill_data(packet)
        except FtmsDecodeError:
            self.reset()
            raise
        merged = td if self._partial is None else merge_treadmill_data(self._partial, td)
        if td.more_data:
            self._partial = merged
            return None
        self._partial = None
        return merged


def split_treadmill_data(td: TreadmillData, max_payload: int = 20) -> list[bytes]:
    """Server side: split a complete record into notifications of at most ``max_payload``
    bytes; every packet but the last has More Data = 1, the last carries the speed."""
    if max_payload < 4:
        raise ValueError(f"max_payload must be at least 4 (flags + speed), got {max_payload}")
    flags = effective_flags(td)
    if flags & MORE_DATA_BIT:
        raise ValueError("only a complete record (more_data False, with speed) can be split")
    whole = encode_treadmill_data(td)
    if len(whole) <= max_payload:
        return [whole]  # the common case: the record fits one notification
    capacity = max_payload - 2
    packets: list[bytes] = []
    cur_flags, cur = MORE_DATA_BIT, bytearray()
    for group in ALL_GROUPS:
        if not flags & group.mask:
            continue
        body = encode_group(td, group)
        if len(body) > capacity:
            raise ValueError(f"flag group {group.bit} needs {len(body) + 2} bytes > {max_payload}")
        if len(cur) + len(body) > capacity:
            packets.append(cur_flags.to_bytes(2, "little") + cur)
            cur_flags, cur = MORE_DATA_BIT, bytearray()
        cur_flags |= group.mask
        cur += body
    speed = encode_speed(td)
    rfu = flags & RFU_BITS
    if len(cur) + len(speed) <= capacity:
        last_flags = (cur_flags & ~MORE_DATA_BIT) | rfu
        packets.append(last_flags.to_bytes(2, "little") + speed + cur)
    else:
        packets.append(cur_flags.to_bytes(2, "little") + cur)
        packets.append(rfu.to_bytes(2, "little") + speed)
    return packets
