"""The position index over the TOML subset profiles use."""

from __future__ import annotations

from treadmill_tui.profiles.positions import PositionIndex

TEXT = """\
name = "x"   # comment
a.b.c = 1
[limits]
speed_max = '5 km/h'
[[segments]]
kind = "walk"
speed = { from = "2 km/h", to = "3 km/h" }
[[segments]]
exercises = [
  { name = "A", hold = "5 s" },  # first
  "B",
]
[[segments.notes]]
text = \"\"\"multi
line\"\"\"
[[segments]]
"quoted key" = 1
"""


def test_positions_of_keys_and_values() -> None:
    idx = PositionIndex(TEXT)
    assert idx.key_at(("name",)) == (1, 1)
    assert idx.value_at(("name",)) == (1, 8)
    assert idx.value_at(("a", "b", "c")) == (2, 9)
    assert idx.value_at(("limits", "speed_max")) == (4, 13)
    assert idx.key_at(("segments", 0)) == (5, 1)
    assert idx.value_at(("segments", 0, "speed", "to")) == (7, 33)
    assert idx.key_at(("segments", 0, "speed", "to")) == (7, 28)
    assert idx.value_at(("segments", 1, "exercises", 0, "hold")) == (10, 24)
    assert idx.value_at(("segments", 1, "exercises", 1)) == (11, 3)
    assert idx.key_at(("segments", 1, "notes", 0)) == (13, 1)
    assert idx.value_at(("segments", 1, "notes", 0, "text")) == (14, 8)
    assert idx.key_at(("segments", 2, "quoted key")) == (17, 1)


def test_unknown_paths_fall_back_to_the_nearest_ancestor() -> None:
    idx = PositionIndex(TEXT)
    assert idx.value_at(("segments", 0, "incline")) == (5, 1)
    assert idx.value_at(("nothing",)) == (1, 1)
