from __future__ import annotations

import math
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.metronome.exact import Piece, exact_beat_times
from treadmill_tui.metronome.tempo import CadencePiece, Ramp, TempoMap

FS = 48_000


def test_constant_tempo_gives_60n_over_bpm() -> None:
    m = TempoMap.constant(97.0)
    for n in range(0, 5000, 37):
        assert m.time_of_beat(n) == pytest.approx(60.0 * n / 97.0, abs=1e-9)
    assert m.bpm_at(123.0) == 97.0
    assert m.beats_between(0.0, 60.0) == 97


@pytest.mark.parametrize(("bpm0", "bpm1"), [(80.0, 96.0), (96.0, 80.0), (90.0, 110.0)])
def test_ramp_beat_count_matches_integral(bpm0: float, bpm1: float) -> None:
    m = TempoMap.ramp(bpm0, bpm1, 60.0)
    integral = 60.0 * (bpm0 + bpm1) / 2 / 60.0
    assert m.phase_at(60.0) == pytest.approx(integral, abs=1e-12)
    # beats 0 .. ceil(integral)-1 lie in [0, 60)
    assert m.beats_between(0.0, 60.0) == math.ceil(integral - 1e-12)
    assert m.bpm_at(30.0) == pytest.approx((bpm0 + bpm1) / 2)
    assert m.bpm_at(600.0) == bpm1  # holds afterwards


def test_non_integer_integral_count() -> None:
    m = TempoMap.ramp(80.0, 97.0, 47.0)
    integral = 47.0 * (80 + 97) / 120  # 69.325 beats
    assert m.beats_between(0.0, 47.0) == 70 == math.ceil(integral)
    assert m.time_of_beat(69) < 47.0 < m.time_of_beat(70)


def test_ramp_down_intervals_lengthen_and_up_shorten() -> None:
    up, down = TempoMap.ramp(80, 120, 120), TempoMap.ramp(120, 80, 120)
    iu = [up.time_of_beat(n + 1) - up.time_of_beat(n) for n in range(150)]
    idn = [down.time_of_beat(n + 1) - down.time_of_beat(n) for n in range(150)]
    assert all(b < a for a, b in zip(iu, iu[1:], strict=False))
    assert all(b > a for a, b in zip(idn, idn[1:], strict=False))


@pytest.mark.parametrize("bpm", [1.0, 5.0, 300.0, 1000.0])
def test_very_slow_and_very_fast_tempos(bpm: float) -> None:
    m = TempoMap.constant(bpm)
    for n in (0, 1, 2, 10, 1000):
        assert m.time_of_beat(n) == pytest.approx(60.0 * n / bpm, rel=1e-12, abs=1e-12)
    slow_ramp = TempoMap.ramp(bpm, bpm * 1.5, 600.0)
    assert slow_ramp.phase_at(slow_ramp.time_of_beat(7)) == pytest.approx(7, abs=1e-9)


def test_tiny_slope_is_accurate() -> None:
    m = TempoMap.ramp(90.0, 90.0 + 1e-6, 3600.0, hold=False)
    exact = exact_beat_times([(0.0, 3600.0, 90.0, 90.0 + 1e-6)], 10_000)
    for n in (1, 100, 5399):
        assert m.time_of_beat(n) == pytest.approx(float(exact[n]), abs=1e-10)


def test_pause_and_resume_in_programme() -> None:
    m = TempoMap.from_cadence_pieces(
        [(0.0, 60.0, 90.0, 90.0), (60.0, 90.0, None, None), (90.0, 150.0, 100.0, 100.0)]
    )
    assert m.beats_between(0.0, 60.0) == 90
    assert m.time_of_beat(90) == pytest.approx(60.0)  # the beat on the pause edge sounds
    assert m.beats_between(60.0 + 1e-6, 90.0) == 0  # silent
    assert m.bpm_at(75.0) == 0.0
    assert m.time_of_beat(91) == 90.0  # restart: a beat exactly at resume, numbers carry on
    assert m.time_of_beat(92) == pytest.approx(90.6)
    assert m.beats_between(90.0, 150.0) == 100
    assert m.time_of_beat(10_000) == math.inf  # silent after the programme


def test_gap_between_pieces_is_silent_and_fractional_phase_restarts_on_beat() -> None:
    m = TempoMap.from_cadence_pieces([(0.0, 10.0, 87.0, 87.0), (20.0, 30.0, 87.0, 87.0)])
    p = m.phase_at(10.0)
    assert p == pytest.approx(14.5)
    assert m.time_of_beat(14) < 10.0
    assert m.time_of_beat(15) == 20.0


def test_min_bpm_splits_a_ramp_crossing_it() -> None:
    m = TempoMap.from_cadence_pieces([CadencePiece(0.0, 100.0, 60.0, 80.0)], min_bpm=70.0)
    assert m.bpm_at(49.0) == 0.0
    assert m.bpm_at(51.0) == pytest.approx(70.2)
    assert m.time_of_beat(m.first_beat) == pytest.approx(50.0)


def test_live_change_keeps_phase_and_rate_continuous() -> None:
    m = TempoMap.constant(90.0)
    c = m.with_change(12.34, 110.0, 30.0)
    assert c.phase_at(12.34) == pytest.approx(m.phase_at(12.34), abs=1e-12)
    assert c.bpm_at(12.34) == pytest.approx(90.0)
    assert c.bpm_at(12.34 + 15) == pytest.approx(100.0)
    assert c.bpm_at(100.0) == 110.0
    for n in range(19):  # beats before the change are untouched
        assert c.time_of_beat(n) == pytest.approx(m.time_of_beat(n), abs=1e-12)


def test_change_from_silence_restarts_and_silence_stops() -> None:
    m = TempoMap.constant(90.0).with_change(10.0, None)
    assert m.bpm_at(11.0) == 0.0 and m.time_of_beat(16) == math.inf
    r = m.with_change(20.0, 100.0, 5.0)
    assert r.time_of_beat(16) == 20.0  # beat 15 sounded at 10.0, so the grid resumes at 16
    assert r.time_of_beat(15) == pytest.approx(10.0)


def test_restart_with_preroll() -> None:
    m = TempoMap.after_preroll(90.0, 0.5)
    assert m.first_beat == 0
    assert m.time_of_beat(0) == 0.5
    assert m.time_of_beat(1) == pytest.approx(0.5 + 60 / 90)
    assert m.next_sounding_start(0.1) == 0.5


def test_invalid_pieces_are_rejected() -> None:
    with pytest.raises(ValueError):
        Ramp(0.0, 0.0, 90, 90, 0)
    with pytest.raises(ValueError):
        Ramp(0.0, 1.0, 0, 90, 0)
    with pytest.raises(ValueError):
        TempoMap((Ramp(0.0, 1.0, 90, 90, 0), Ramp(2.0, math.inf, 90, 90, 1.5)))
    with pytest.raises(ValueError):
        TempoMap.constant(90).with_change(1.0, 100.0, -1.0)


@dataclass(frozen=True)
class _Targets:
    cadence_spm: float | None


@dataclass(frozen=True)
class _Seg:
    start_s: float
    end_s: float


class _Timeline:
    """Warm-up ramp 80→90, a break, then +2 spm steps every 60 s (not linear)."""

    segments = (_Seg(0.0, 120.0), _Seg(120.0, 180.0), _Seg(180.0, 360.0))

    def at(self, t: float) -> _Targets:
        if t < 120.0:
            return _Targets(80.0 + 10.0 * t / 120.0)
        if t < 180.0:
            return _Targets(None)
        return _Targets(90.0 + 2.0 * ((t - 180.0) // 60.0))


def test_from_timeline_follows_ramps_breaks_and_steps() -> None:
    m = TempoMap.from_timeline(_Timeline())
    assert m.bpm_at(60.0) == pytest.approx(85.0)
    assert m.bpm_at(150.0) == 0.0
    assert m.bpm_at(200.0) == pytest.approx(90.0)
    assert m.bpm_at(250.0) == pytest.approx(92.0)
    assert m.bpm_at(330.0) == pytest.approx(94.0)
    assert m.bpm_at(400.0) == 0.0


PROGRAMME: list[Piece] = [
    (0.0, 300.0, 80.0, 90.0),
    (300.0, 900.0, 90.0, 90.0),
    (900.0, 1080.0, 90.0, 104.0),
    (1080.0, 1500.0, 104.0, 104.0),
    (1500.0, 1620.0, None, None),  # break
    (1620.0, 1800.0, 96.0, 112.5),
    (1800.0, 2700.0, 112.5, 112.5),
    (2700.0, 3300.0, 112.5, 83.0),
    (3300.0, 3600.0, 83.0, 83.0),
]


def test_sixty_minute_drift_is_zero_samples_against_exact_integral() -> None:
    m = TempoMap.from_cadence_pieces(PROGRAMME)
    exact = exact_beat_times(PROGRAMME, 100_000)
    assert len(exact) > 5000
    worst = 0.0
    for n, t in enumerate(exact):
        got = m.time_of_beat(n)
        assert round(got * FS) == round(t * FS), n
        worst = max(worst, abs(got - float(t)))
    assert worst < 1e-9
    assert m.beats_between(0.0, 3600.0) == len(exact)
    assert m.time_of_beat(len(exact)) == math.inf


@settings(max_examples=200, deadline=None)
@given(
    bpm0=st.floats(20.0, 250.0),
    bpm1=st.floats(20.0, 250.0),
    duration=st.floats(1.0, 3600.0),
    n_frac=st.floats(0.0, 1.0),
)
def test_phase_of_beat_time_is_n(bpm0: float, bpm1: float, duration: float, n_frac: float) -> None:
    m = TempoMap.ramp(bpm0, bpm1, duration)
    total = m.phase_at(duration)
    n = int(n_frac * total)
    t = m.time_of_beat(n)
    assert abs(m.phase_at(t) - n) < 1e-9
    assert m.time_of_beat(n + 1) > t


@settings(max_examples=100, deadline=None)
@given(
    changes=st.lists(
        st.tuples(st.floats(0.1, 200.0), st.floats(70.0, 130.0), st.floats(0.0, 120.0)),
        min_size=1,
        max_size=8,
    )
)
def test_successive_changes_keep_beats_increasing(
    changes: list[tuple[float, float, float]],
) -> None:
    m = TempoMap.after_preroll(90.0, 0.5)
    t = 0.0
    for dt, bpm, ramp in changes:
        t += dt
        before = m.phase_at(t)
        m = m.with_change(t, bpm, ramp)
        assert m.phase_at(t) == pytest.approx(before, abs=1e-9)
        assert m.bpm_at(t + ramp + 1.0) == pytest.approx(bpm)
    times = [m.time_of_beat(n) for n in range(m.first_beat, m.first_beat + 400)]
    assert all(b > a for a, b in zip(times, times[1:], strict=False))
