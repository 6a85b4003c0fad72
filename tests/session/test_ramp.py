"""The rate limiter: quantised steps, never faster than the rate."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from treadmill_tui.session.ramp import Ramp, snap


def test_snap_clamps_and_grids() -> None:
    assert snap(2.46, 1.0, 6.0, 0.1) == 2.5
    assert snap(0.2, 1.0, 6.0, 0.1) == 1.0
    assert snap(9.0, 1.0, 6.0, 0.1) == 6.0
    assert snap(1.3, 0.0, 6.0, 0.5) == 1.5


def test_one_step_per_step_over_rate_seconds() -> None:
    r = Ramp(step=0.1, up_rate=0.02, down_rate=0.1, lo=1.0, hi=6.0)
    r.reset(1.0, 0.0)
    changes = [t / 2 for t in range(0, 61) if r.advance(t / 2, 3.0) is not None]
    assert changes == [5.0, 10.0, 15.0, 20.0, 25.0, 30.0]
    assert r.value == 1.6


def test_no_value_no_command() -> None:
    r = Ramp(step=0.1, up_rate=0.02, down_rate=0.1, lo=1.0, hi=6.0)
    assert r.advance(100.0, 3.0) is None


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0.1, 5.0), st.floats(0.0, 8.0)),
        min_size=1,
        max_size=60,
    )
)
def test_window_invariant(script: list[tuple[float, float]]) -> None:
    r = Ramp(step=0.1, up_rate=0.02, down_rate=0.1, lo=1.0, hi=6.0)
    r.reset(1.0, 0.0)
    t = 0.0
    trace = [(0.0, 1.0)]
    for dt, want in script:
        t += dt
        r.advance(t, want)
        assert r.value is not None and 1.0 <= r.value <= 6.0
        trace.append((t, r.value))
    for i, (ti, vi) in enumerate(trace):
        for tj, vj in trace[i + 1 :]:
            if vj > vi:
                assert vj - vi <= 0.02 * (tj - ti) + 0.1 + 1e-9
            else:
                assert vi - vj <= 0.1 * (tj - ti) + 0.1 + 1e-9
