"""Problems found in a profile, each with a place an editor can jump to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from treadmill_tui.profiles.reading import printable


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a profile file; ``line``/``column`` are 1-based, None if unknown."""

    file: str
    line: int | None
    column: int | None
    key: str | None
    message: str
    hint: str | None = None
    severity: str = "error"  # or "warning": the profile works, but think again

    def format(self) -> str:
        """Compiler style, ``FILE:LINE:COL: error: message``, plus a ``note:`` line for the hint.

        Messages quote the file's own text, so control characters (an ANSI escape in a name)
        are shown as ``\\xNN`` rather than sent to the terminal.
        """
        where = printable(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {printable(self.message)}"
        if self.hint:
            text += f"\n{where}: note: {printable(self.hint)}"
        return text


class ProfileError(Exception):
    """Raised by ``load_profile``/``parse_profile`` with every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0].format().splitlines()[0] if self.problems else "invalid profile"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class ProfileReadError(ProfileError):
    """The file could not be read at all (missing, unreadable, not UTF-8)."""


_SYNTAX_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)\s*$")


def toml_syntax_problem(file: str, text: str, message: str) -> Problem:
    """A ``tomllib.TOMLDecodeError`` message as a Problem with its line and column.

    Python 3.11-3.13 give the position only in the message text: "(at line N, column M)",
    or "(at end of document)", which is mapped to the end of the last non-blank line.
    """
    line: int
    col: int
    m = _SYNTAX_POS.search(message)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        message = message[: m.start()]
    else:
        end = _SYNTAX_END.search(message)
        lines = text.splitlines() or [""]
        line = len(lines)
        while line > 1 and not lines[line - 1].strip():
            line -= 1
        col = len(lines[line - 1]) + 1
        if end:
            message = message[: end.start()] + " at end of file"
    return Problem(file, line, col, None, f"TOML syntax: {message}", None)


def too_deep_problem(file: str, text: str) -> Problem:
    """Brackets nested so deeply that the TOML parser ran out of stack (``RecursionError``):
    placed at the bracket where the nesting passes any sensible depth."""
    depth, line, col = 0, 1, 1
    where = (1, 1)
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth == _SENSIBLE_DEPTH:
                where = (line, col)
                break
        elif ch in "]}":
            depth = max(depth - 1, 0)
        if ch == "\n":
            line, col = line + 1, 1
        else:
            col += 1
    return Problem(
        file,
        where[0],
        where[1],
        None,
        f"TOML syntax: lists or tables nested more than {_SENSIBLE_DEPTH} deep",
        "a profile needs at most three or four levels",
    )


_SENSIBLE_DEPTH = 100
