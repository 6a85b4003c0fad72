"""The key bar: Space first at every width, the rest cut from the end with "? more"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.ui.keys import KeyItem, fit, item_text, pretty_key

SPACE = KeyItem("Space", "Stop now", "space")
OTHERS = [
    KeyItem("P", "Pain check", "p"),
    KeyItem("!", "Red flag", "exclamation_mark"),
    KeyItem("E", "End walk", "e"),
    KeyItem("↑↓", "Speed", "up"),
    KeyItem("→←", "Incline", "right"),
    KeyItem("Ctrl+Q", "Quit", "ctrl+q"),
    KeyItem("?", "Help", "question_mark"),
]


@given(st.permutations([SPACE, *OTHERS]), st.integers(20, 200))
def test_space_comes_first_whatever_the_order_and_width(items: list[KeyItem], width: int) -> None:
    shown = fit(items, width)
    assert shown[0] == SPACE
    line = " ".join(item_text(i) for i in shown)
    assert len(line) <= width or shown == [SPACE]


def test_narrow_bar_ends_with_more() -> None:
    shown = fit([*OTHERS, SPACE], 60)
    assert shown[0] == SPACE and shown[-1].key == "?" and shown[-1].description == "more"
    assert fit([SPACE, *OTHERS], 500)[-1].description == "Help"


def test_pretty_keys() -> None:
    assert [pretty_key(k) for k in ("space", "p", "^q", "enter", "↑↓")] == [
        "Space",
        "P",
        "Ctrl+Q",
        "Enter",
        "↑↓",
    ]
