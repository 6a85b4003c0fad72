"""Problems found in a profile, each with a place an editor can jump to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a profile file; ``line``/``column`` are 1-based, None if unknown."""

    file: str
    line: int | None
    column: int | None
    key: str | None
    message: str
    hint: str | None = None

    def format(self) -> str:
        """Compiler style, ``FILE:LINE:COL: error: message``, plus a ``note:`` line for the hint."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: error: {self.message}"
        if self.hint:
            text += f"\n{where}: note: {self.hint}"
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
