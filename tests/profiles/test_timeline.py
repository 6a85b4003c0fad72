"""Compiled timelines: smoothing, breaks, totals, and a property test over random profiles."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treadmill_tui.profiles import Phase, Timeline, compile_profile, parse_profile

from .helpers import HEAD, WARMUP


def _compile(text: str) -> Timeline:
    return compile_profile(parse_profile(text))


def test_segment_jump_is_smoothed_at_the_rate_limit() -> None:
    tl = _compile(
        HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "3 km/h"\n'
    )
    # the belt starts at speed_min 1.0 and rises 0.1 km/h per 5 s to 2.3 (65 s)
    assert tl.at(0).speed_kmh == pytest.approx(1.0)
    assert tl.at(32.5).speed_kmh == pytest.approx(1.65)
    assert tl.at(65).speed_kmh == pytest.approx(2.3)
    # warm-up 2.3 → walk 3.0 begins at the walk's start and takes 35 s
    assert tl.at(300).speed_kmh == pytest.approx(2.3)
    assert tl.at(310).speed_kmh == pytest.approx(2.5)
    assert tl.at(335).speed_kmh == pytest.approx(3.0)
    assert tl.at(300).phase is Phase.MAIN
    assert tl.at(299.9).phase is Phase.WARMUP
    assert tl.increase_times == (300.0,)


def test_break_stops_the_belt_and_restarts_from_speed_min() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "break"\nexercises = ["Standing abdominal"]\n'
    text += WARMUP.replace("warmup", "walk")
    tl = _compile(text)
    brk = tl.segments[1]
    assert (brk.start_s, brk.end_s) == (300.0, 340.0)  # 10 s transition + 3 × 10 s
    assert tl.at(320).speed_kmh == 0.0
    assert tl.at(320).phase is Phase.BREAK
    assert tl.at(340).speed_kmh == pytest.approx(1.0)
    assert tl.at(350).speed_kmh == pytest.approx(1.2)
    assert tl.totals.breaks == 1


def test_pain_check_takes_no_time_and_is_listed() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "pain_check"\n' + WARMUP.replace("warmup", "walk")
    tl = _compile(text)
    assert tl.pain_check_times == (300.0,)
    assert tl.segments[1].start_s == tl.segments[1].end_s == 300.0
    assert tl.segments[1].phase is Phase.WARMUP
    assert tl.at(300).segment.kind == "walk"
    assert tl.totals.checks == 1


def test_step_pattern_steps_and_increase_times() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "12 min"\nspeed = "2.3 km/h"\n'
    text += 'incline = { start = "0 %", step = "0.5 %", every = "3 min", max = "1 %" }\n'
    tl = _compile(text)
    assert tl.increase_times == (480.0, 660.0)
    assert tl.at(480).incline_pct == pytest.approx(0.0)
    assert tl.at(540).incline_pct == pytest.approx(0.25)  # 0.5 % per 2 min
    assert tl.at(600).incline_pct == pytest.approx(0.5)
    assert tl.at(1020).incline_pct == pytest.approx(1.0)


def test_cadence_led_speed_follows_cadence() -> None:
    text = 'name = "T"\nstep_length = "0.6 m"\n' + WARMUP
    text += '[[segments]]\nkind = "walk"\nduration = "10 min"\ncadence = "90 spm"\n'
    tl = _compile(text)
    assert tl.at(600).cadence_spm == pytest.approx(90)
    assert tl.at(600).speed_kmh == pytest.approx(90 * 0.6 * 0.06)
    assert tl.at(100).cadence_spm is None
    # a user's own step length overrides the profile's
    other = compile_profile(parse_profile(text), step_length_m=0.7)
    assert other.at(600).speed_kmh == pytest.approx(90 * 0.7 * 0.06)


def test_at_clamps_outside_the_programme() -> None:
    tl = _compile(HEAD + WARMUP)
    assert tl.at(-5).speed_kmh == pytest.approx(1.0)
    assert tl.at(10_000).speed_kmh == pytest.approx(2.3)
    assert tl.duration_s == 300


# -- property test ---------------------------------------------------------------------------

SPEED_RATE = 0.1 / 5
INCLINE_RATE = 0.5 / 120
STEP_LENGTH = 0.6


@st.composite
def walking_segment(draw: st.DrawFn, kind: str) -> str:
    minutes = draw(st.integers(min_value=1, max_value=15))
    duration = minutes * 60
    lines = ["[[segments]]", f'kind = "{kind}"', f'duration = "{minutes} min"']
    cadence_led = kind == "walk" and draw(st.booleans())
    if cadence_led:
        start = draw(st.integers(min_value=70, max_value=125))
        if draw(st.booleans()):
            top = draw(st.integers(min_value=start, max_value=130))
            every = draw(st.integers(min_value=30, max_value=300))
            lines.append(
                f'cadence = {{ start = "{start} spm", step = "2 spm", every = "{every} s", '
                f'max = "{top} spm" }}'
            )
        else:
            lines.append(f'cadence = "{start} spm"')
    else:
        start_d = draw(st.integers(min_value=10, max_value=60))  # decimetres per hour ÷ 10
        shape = draw(st.sampled_from(["const", "ramp", "steps"]))
        if shape == "const":
            lines.append(f'speed = "{start_d / 10} km/h"')
        elif shape == "ramp":
            reach = int(SPEED_RATE * duration * 10)  # in 0.1 km/h
            end_d = draw(st.integers(max(10, start_d - reach), min(60, start_d + reach)))
            lines.append(f'speed = {{ from = "{start_d / 10} km/h", to = "{end_d / 10} km/h" }}')
        else:
            step_d = draw(st.integers(min_value=1, max_value=5))
            every = math.ceil(step_d / 10 / SPEED_RATE) + draw(st.integers(0, 60))
            top_d = draw(st.integers(min_value=start_d, max_value=60))
            lines.append(
                f'speed = {{ start = "{start_d / 10} km/h", step = "{step_d / 10} km/h", '
                f'every = "{every} s", max = "{top_d / 10} km/h" }}'
            )
    if kind != "warmup":
        incline_shape = draw(st.sampled_from(["none", "const", "ramp", "steps"]))
        i_start = draw(st.integers(min_value=0, max_value=12)) / 2  # 0–6 % in 0.5 %
        if incline_shape == "const":
            lines.append(f'incline = "{i_start} %"')
        elif incline_shape == "ramp":
            i_reach = int(INCLINE_RATE * duration * 2) / 2
            i_end = draw(
                st.sampled_from([x / 2 for x in range(13) if abs(x / 2 - i_start) <= i_reach])
            )
            lines.append(f'incline = {{ from = "{i_start} %", to = "{i_end} %" }}')
        elif incline_shape == "steps":
            i_every = draw(st.integers(min_value=120, max_value=300))
            i_top = draw(st.sampled_from([x / 2 for x in range(13) if x / 2 >= i_start]))
            lines.append(
                f'incline = {{ start = "{i_start} %", step = "0.5 %", every = "{i_every} s", '
                f'max = "{i_top} %" }}'
            )
    return "\n".join(lines) + "\n"


BREAK = '[[segments]]\nkind = "break"\nexercises = ["Standing hip shift", "Standing abdominal"]\n'
CHECK = '[[segments]]\nkind = "pain_check"\n'


@st.composite
def profile_text(draw: st.DrawFn) -> str:
    parts = [f'name = "Random"\nstep_length = "{STEP_LENGTH} m"\n', draw(walking_segment("warmup"))]
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        extra = draw(st.sampled_from(["", BREAK, CHECK]))
        parts.append(extra)
        parts.append(draw(walking_segment("walk")))
    parts.append(draw(walking_segment("cooldown")))
    return "".join(parts)


@settings(max_examples=120, deadline=None)
@given(profile_text())
def test_timeline_never_exceeds_a_limit_or_a_rate_limit(text: str) -> None:
    """Every second is within the limits, and each 1-s change within the rate limits.

    Pairs of seconds touching a break are skipped: the engine stops and restarts the belt by
    command there (Stop/Pause, then a start at speed_min), which is not a target change.
    """
    profile = parse_profile(text)
    tl = compile_profile(profile)
    lim = tl.limits
    eps = 1e-6
    previous = None
    for second in range(int(tl.duration_s) + 1):
        now = tl.at(float(second))
        in_break = now.phase is Phase.BREAK
        if in_break:
            assert now.speed_kmh == 0.0
        else:
            assert lim.speed_min_kmh - eps <= now.speed_kmh <= lim.speed_max_kmh + eps
        assert lim.incline_min_pct - eps <= now.incline_pct <= lim.incline_max_pct + eps
        if now.cadence_spm is not None:
            assert lim.cadence_min_spm - eps <= now.cadence_spm <= lim.cadence_max_spm + eps
        if previous is not None and not in_break and previous.phase is not Phase.BREAK:
            d_speed = now.speed_kmh - previous.speed_kmh
            assert -lim.speed_down_rate_kmh_per_s - eps <= d_speed <= lim.speed_rate_kmh_per_s + eps
            d_incline = now.incline_pct - previous.incline_pct
            assert (
                -lim.incline_down_rate_pct_per_s - eps
                <= d_incline
                <= lim.incline_rate_pct_per_s + eps
            )
            if now.cadence_spm is not None and previous.cadence_spm is not None:
                assert (
                    abs(now.cadence_spm - previous.cadence_spm) <= lim.cadence_rate_spm_per_s + eps
                )
        previous = now
    total = sum(s.duration_s for s in profile.segments)
    assert tl.duration_s == pytest.approx(total)


def test_a_tracks_highest_value_is_at_a_piece_end_and_none_when_off() -> None:
    from treadmill_tui.profiles.timeline import Track

    track = Track(
        (0.0, 10.0, 20.0), ((0.0, 10.0, 1.0, 3.5), (10.0, 20.0, None, None), (20.0, 30.0, 3.5, 2.0))
    )
    assert track.highest() == 3.5
    assert Track((0.0,), ((0.0, 5.0, None, None),)).highest() is None
