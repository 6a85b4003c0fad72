"""Planned checks: a minute after an increase has happened; never two too close."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, load_profile
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.check_times import MIN_SPACING_S, settled_at, settled_times, spaced


def bundled(name: str) -> Timeline:
    return compile_profile(load_profile(bundled_profiles_dir() / name))


def test_an_incline_step_counts_from_when_the_belt_has_climbed() -> None:
    tl = bundled("gentle-incline-builder.toml")
    first_step = 480.0  # profile show: incline 0.5 % at 8:00
    assert first_step in tl.increase_times
    done = settled_at(tl.incline_track, first_step)
    assert done is not None and done > first_step + 60  # 0.5 % at 0.25 %/min: 2 min of climb
    assert tl.incline_track.value(done) == 0.5


def test_settled_times_cover_every_increase() -> None:
    tl = bundled("cadence-builder.toml")
    times = settled_times(tl.increase_times, [tl.speed_track, tl.incline_track, tl.cadence_track])
    assert len(times) == len(tl.increase_times)
    assert all(s >= t for s, t in zip(times, tl.increase_times, strict=True))


@given(st.lists(st.floats(0, 3600, allow_nan=False), max_size=40))
def test_no_two_kept_checks_are_closer_than_the_spacing(times: list[float]) -> None:
    kept = spaced(times)
    assert all(b - a >= MIN_SPACING_S - 1e-6 for a, b in zip(kept, kept[1:], strict=False))
    assert set(kept) <= set(times)
    if times:
        assert kept[0] == min(times)
