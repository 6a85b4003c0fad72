"""The one exception every FTMS decoder raises, whatever bytes it is given."""

from __future__ import annotations


class FtmsDecodeError(ValueError):
    """A characteristic value that cannot be decoded.

    The message names the characteristic and the byte offset so a log line alone says which
    device sent what, e.g. ``Treadmill Data (0x2ACD): truncated at byte 5: need 2 bytes for
    Inclination, 1 left``.
    """

    def __init__(self, characteristic: str, offset: int, problem: str, detail: str) -> None:
        self.characteristic = characteristic
        self.offset = offset
        self.problem = problem
        self.detail = detail
        super().__init__(f"{characteristic}: {problem} at byte {offset}: {detail}")

    def __reduce__(self) -> tuple[type[FtmsDecodeError], tuple[str, int, str, str]]:
        return (type(self), (self.characteristic, self.offset, self.problem, self.detail))
