"""A tiny bounds-checked little-endian reader: every short read becomes an FtmsDecodeError."""

from __future__ import annotations

from .errors import FtmsDecodeError

Buffer = bytes | bytearray | memoryview


def _plural(n: int) -> str:
    return f"{n} byte" if n == 1 else f"{n} bytes"


class Reader:
    """Reads fields in order from one characteristic value, tracking the byte offset."""

    __slots__ = ("_data", "_offset", "characteristic")

    def __init__(self, data: Buffer, characteristic: str) -> None:
        self._data = bytes(data)
        self._offset = 0
        self.characteristic = characteristic

    def __len__(self) -> int:
        return len(self._data)

    @property
    def offset(self) -> int:
        return self._offset

    @property
    def remaining(self) -> int:
        return len(self._data) - self._offset

    def error(self, problem: str, detail: str, offset: int | None = None) -> FtmsDecodeError:
        """An error at ``offset`` (default: the current position) for this characteristic."""
        at = self._offset if offset is None else offset
        return FtmsDecodeError(self.characteristic, at, problem, detail)

    def take(self, size: int, field: str) -> bytes:
        if self.remaining < size:
            raise self.error(
                "truncated", f"need {_plural(size)} for {field}, {self.remaining} left"
            )
        start = self._offset
        self._offset += size
        return self._data[start : self._offset]

    def uint(self, size: int, field: str) -> int:
        return int.from_bytes(self.take(size, field), "little")

    def sint(self, size: int, field: str) -> int:
        return int.from_bytes(self.take(size, field), "little", signed=True)

    def u8(self, field: str) -> int:
        return self.uint(1, field)

    def u16(self, field: str) -> int:
        return self.uint(2, field)

    def s16(self, field: str) -> int:
        return self.sint(2, field)

    def u24(self, field: str) -> int:
        return self.uint(3, field)

    def u32(self, field: str) -> int:
        return self.uint(4, field)

    def rest(self) -> bytes:
        start = self._offset
        self._offset = len(self._data)
        return self._data[start:]

    def expect_end(self) -> None:
        """Reject bytes after the last field: for values whose size is fixed by their layout."""
        if self.remaining:
            raise self.error(
                "over-long", f"{_plural(self.remaining)} unexpected after the last field"
            )
