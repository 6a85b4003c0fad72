"""Reading a hand-edited TOML file without hanging or filling memory, and showing its text safely.

A path can name something that is not a file at all: ``/dev/zero`` never ends, a FIFO blocks
until someone writes to it, a multi-gigabyte file fills memory. So a file is checked with
``stat`` before it is opened (a FIFO is not opened at all), and at most :data:`MAX_FILE_BYTES`
plus one are read. A UTF-8 byte-order mark (Windows Notepad writes one) is dropped. Bytes that
are not UTF-8 are reported at their line and column.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

# The largest bundled programme is a few kilobytes; a megabyte is far beyond any real profile
# or settings file, and small enough to read and parse at once.
MAX_FILE_BYTES = 1_000_000


class ReadFailure(Exception):
    """Why a file could not be read; ``line``/``column`` only for bytes that are not UTF-8."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def read_toml_text(path: str | Path, what: str = "file", noun: str = "profile") -> str:
    """The text of a regular file of at most :data:`MAX_FILE_BYTES`; raises ReadFailure.

    Messages say "cannot read ``what``"; ``noun`` names what the file should hold.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReadFailure(f"cannot read {what}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadFailure(f"cannot read {what}: it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadFailure(
            f"cannot read {what}: it is not a regular file (a device, pipe or socket)"
        )
    if info.st_size > MAX_FILE_BYTES:
        raise ReadFailure(_too_big(what, noun, info.st_size))
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the stat, opening cannot block.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise ReadFailure(f"cannot read {what}: it is not a regular file")
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReadFailure(f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ReadFailure(_too_big(what, noun, None))
    return decode_text(data, what)


def decode_text(data: bytes, what: str = "the file") -> str:
    """UTF-8 text without a leading byte-order mark; ReadFailure at the first bad byte."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise ReadFailure(
            f"cannot read {what}: byte 0x{data[exc.start]:02x} here is not UTF-8 text",
            line,
            column,
            "save the file as UTF-8 in your editor",
        ) from None


def _too_big(what: str, noun: str, size: int | None) -> str:
    got = f" ({size:,} bytes)" if size is not None else ""
    return (
        f"cannot read {what}: it is larger than {MAX_FILE_BYTES:,} bytes{got}, "
        f"far more than any real {noun} needs; is it the right file?"
    )


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters (ESC, BEL, CR, ...) shown as ``\\xNN`` escapes.

    Names and descriptions come from hand-edited files; printed raw, an ANSI escape in one
    would recolour or rewrite the terminal.
    """
    out: list[str] = []
    for ch in text:
        if keep_newlines and ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) == "Cc":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)
