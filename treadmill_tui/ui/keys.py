"""The key bar's words: which keys fit on one line, Space always first (no Textual here).

A walker a metre from the screen must always find the stop key, so whatever the width the
bar starts with Space; the rest follow in their binding order and are left out from the end
when they do not fit, with "? more" saying where the others are.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_KEYS = ("space",)
HELP_KEY = "?"
MORE = ("?", "more")
SEP = " "


@dataclass(frozen=True, slots=True)
class KeyItem:
    key: str  # as shown: "Space", "P", "↑↓"
    description: str
    binding_key: str  # Textual's key name: "space", "p", "up"


def item_text(item: KeyItem) -> str:
    """As drawn: the key padded in reverse video, then its description."""
    return f" {item.key}  {item.description}"


def ordered(items: list[KeyItem]) -> list[KeyItem]:
    """Space first, the help key last, the rest in binding order; duplicates dropped."""
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            unique.append(item)
    first = [i for i in unique if i.binding_key in FIRST_KEYS]
    last = [i for i in unique if i.key == HELP_KEY]
    rest = [i for i in unique if i not in first and i not in last]
    return first + rest + last


def fit(items: list[KeyItem], width: int) -> list[KeyItem]:
    """The items that fit in ``width`` columns.

    Space is kept whatever happens; when others are dropped and help exists, "? more" ends
    the line instead of the dropped ones.
    """
    items = ordered(items)
    room = max(0, width)

    def length(chosen: list[KeyItem]) -> int:
        return len(SEP.join(item_text(i) for i in chosen))

    if length(items) <= room:
        return items
    has_help = any(i.key == HELP_KEY for i in items)
    more = [KeyItem(MORE[0], MORE[1], "question_mark")] if has_help else []
    body = [i for i in items if i.key != HELP_KEY]
    chosen: list[KeyItem] = []
    for item in body:
        if item.binding_key in FIRST_KEYS or length([*chosen, item, *more]) <= room:
            chosen.append(item)
    return chosen + more if length([*chosen, *more]) <= room else chosen


def pretty_key(display: str) -> str:
    """Textual's key display, made readable: "space" → "Space", "p" → "P"."""
    if display == "space":
        return "Space"
    if len(display) == 1 and display.isalpha():
        return display.upper()
    if display.startswith("^") and len(display) == 2:
        return f"Ctrl+{display[1].upper()}"
    if display == "enter":
        return "Enter"
    if display in ("escape", "esc"):
        return "Esc"
    return display
