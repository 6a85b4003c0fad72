"""Numbers and times as a person reads them: no trailing zeros ("2.5", "3", not "2.50" or
"3.0"), and clock times as M:SS or H:MM:SS.

One helper each for every message, chart label and table, so a value reads the same everywhere.
Imports nothing: cheap for every command.
"""

from __future__ import annotations


def plain(value: float, places: int = 2) -> str:
    """``value`` rounded to ``places`` decimals, trailing zeros and point dropped."""
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def clock(seconds: float) -> str:
    """Programme or walk time as M:SS (or H:MM:SS from an hour)."""
    s = round(seconds)
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
