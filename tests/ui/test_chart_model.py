"""The programme chart as text: sizes, lanes, names, marks and the cursor column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.ui.test_programme import BREAKS, CADENCE, FIRST_WEEK, INCLINE
from treadmill_tui.ui.chart_model import (
    BREAK_MARK,
    CHECK_MARK,
    GUTTER,
    chart_model,
    legend,
)


@given(st.integers(0, 200), st.integers(0, 40))
def test_every_row_is_exactly_as_wide_as_asked(width: int, height: int) -> None:
    model = chart_model(BREAKS, width, height)
    assert len(model.rows) == height
    assert all(len(row) == width for row in model.rows)


@given(st.integers(10, 200), st.lists(st.floats(0, 2400, allow_nan=False), min_size=2))
def test_cursor_column_moves_forward_with_time(width: int, times: list[float]) -> None:
    model = chart_model(BREAKS, width, 8)
    columns = [model.column_of(t) for t in sorted(times)]
    assert columns == sorted(columns)
    assert all(GUTTER <= c < width for c in columns)


def test_segment_names_bars_and_marks() -> None:
    model = chart_model(BREAKS, 120, 10)
    assert model.kinds[0] == "names" and model.kinds[-1] == "marks"
    assert "Walk, part 1" in model.rows[0] and "Warm-up" in model.rows[0]
    assert model.rows[-1].count(BREAK_MARK) == 3  # two standing breaks and the floor work
    assert CHECK_MARK in model.rows[-1]  # the planned check before the cool-down
    assert model.rows[-2].startswith("km/h")
    # the belt is stopped during a break: an empty column in the bottom speed row
    break_col = model.column_of(920.0)
    assert model.rows[-2][break_col] == " "
    assert model.rows[-2][model.column_of(600.0)] == "█"


def test_lanes_follow_what_the_walk_uses() -> None:
    assert "incline" not in chart_model(FIRST_WEEK, 100, 10).kinds
    assert "incline" in chart_model(INCLINE, 100, 10).kinds
    assert "cadence" in chart_model(CADENCE, 100, 10).kinds
    # too little room: no names or marks row, one row a lane, speed first
    assert chart_model(CADENCE, 100, 2).kinds == ("speed", "cadence")
    assert chart_model(CADENCE, 100, 1).kinds == ("speed",)


def test_legend_says_how_often_the_walk_asks() -> None:
    assert legend(FIRST_WEEK).endswith("about every 5 min")
