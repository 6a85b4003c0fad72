"""Time in step with the metronome, from the footpod's cadence (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.session.in_step import InStep


def test_counts_only_walking_seconds_within_tolerance() -> None:
    s = InStep(tolerance_spm=4.0)
    s.update(0.0, 110.0, 108.0, True)
    s.update(1.0, 110.0, 108.0, True)  # in step: +1
    s.update(2.0, 110.0, 100.0, True)  # out of step
    s.update(3.0, 110.0, None, True)  # no reading
    s.update(4.0, None, 110.0, True)  # no beat
    s.update(5.0, 110.0, 110.0, False)  # paused
    s.update(6.0, 110.0, 113.0, True)  # in step: +1
    assert s.seconds == pytest.approx(2.0)
    assert s.measured_s == pytest.approx(3.0)
    assert s.share == pytest.approx(2 / 3)


def test_a_long_gap_is_not_counted() -> None:
    s = InStep()
    s.update(0.0, 100.0, 100.0, True)
    s.update(30.0, 100.0, 100.0, True)
    assert s.seconds == 0.0 and s.share is None


@given(
    st.lists(
        st.tuples(
            st.floats(0.0, 3.0),
            st.one_of(st.none(), st.floats(60, 140)),
            st.one_of(st.none(), st.floats(0, 200)),
            st.booleans(),
        ),
        max_size=50,
    )
)
def test_never_more_than_the_time_that_passed(
    steps: list[tuple[float, float | None, float | None, bool]],
) -> None:
    s = InStep()
    now = 0.0
    for dt, target, measured, walking in steps:
        now += dt
        s.update(now, target, measured, walking)
    assert 0.0 <= s.seconds <= s.measured_s <= now + 1e-9
