"""The home panel above the walk list: the treadmill, today's proposed walk with its reason,
and the last walks with pain before and after at a glance. Pure apart from reading the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path

from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.store import Store, WalkRow

RECENT = 3


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def pain_text(before: int | None, after: int | None) -> str:
    return f"pain {_score(before)} → {_score(after)}"


def recent_lines(
    rows: Sequence[WalkRow], tz: tzinfo | None = None, limit: int = RECENT
) -> list[str]:
    """The newest walks first: day, profile, minutes walked, pain before → after."""
    lines = []
    for row in list(rows)[-limit:][::-1]:
        when = row.started_at.astimezone(tz).strftime("%a %d %b")
        minutes = f"{(row.active_s or row.duration_s or 0) / 60:.0f} min"
        after = row.max_nrs if row.post_nrs is None else row.post_nrs
        lines.append(f"{when}  {row.profile}  {minutes}  {pain_text(row.baseline, after)}")
    return lines


def home_lines(device: str, suggestion: str | None, recent: Sequence[str]) -> list[str]:
    lines = [f"Treadmill: {device}"]
    lines.append(f"Today: {suggestion}" if suggestion else "Today: choose a walk below.")
    if recent:
        lines.append("Last walks: " + recent[0])
        lines += [" " * len("Last walks: ") + line for line in recent[1:]]
    else:
        lines.append("Last walks: none yet.")
    return lines


def stored_walks(path: Path) -> list[WalkRow]:
    """The walks in the history store, or none when it is missing or unreadable."""
    if not path.exists():
        return []
    try:
        with Store.open(path) as store:
            return store.list_walks()
    except StoreError:
        return []
