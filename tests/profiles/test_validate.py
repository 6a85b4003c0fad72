"""Each item of the issue's "catch" list, with the exact line and column reported."""

from __future__ import annotations

import pytest

from treadmill_tui.profiles import ProfileError, ProfileReadError, load_profile, parse_profile
from treadmill_tui.profiles.model import Ramp, Steps

from .helpers import HEAD, WARMUP, only, problems


def test_valid_minimal_profile_parses() -> None:
    profile = parse_profile(HEAD + WARMUP)
    assert profile.name == "T"
    assert profile.segments[0].duration_s == 300
    assert profile.segments[0].incline is None


def test_unknown_key_points_at_the_key_with_a_suggestion() -> None:
    text = HEAD + '[[segments]]\nkind = "walk"\nduration = "5 min"\n  speeed = "3 km/h"\n'
    found = problems(text)
    unknown = [p for p in found if "unknown key" in p.message]
    assert len(unknown) == 1
    p = unknown[0]
    assert (p.line, p.column) == (5, 3)
    assert p.message == "unknown key 'speeed' in segment 1"
    assert p.hint == "did you mean 'speed'?"
    assert p.key == "segments[0].speeed"


def test_unknown_top_level_and_table_keys() -> None:
    text = HEAD + 'descripton = "x"\n[limits]\nspeed_mx = "5 km/h"\n' + WARMUP
    found = problems(text)
    assert [(p.line, p.column, p.hint) for p in found] == [
        (2, 1, "did you mean 'description'?"),
        (4, 1, "did you mean 'speed_max'?"),
    ]


def test_unknown_key_inside_inline_ramp() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "10 min"\n'
    text += 'speed = { from = "3 km/h", too = "3.1 km/h" }\n'
    found = problems(text)
    assert [(p.line, p.column, p.message) for p in found] == [
        (9, 9, "speed ramp needs both 'from' and 'to'; 'to' is missing"),
        (9, 28, "unknown key 'too' in the speed ramp"),
    ]
    assert found[1].hint == "did you mean 'to'?"


def test_missing_name_is_reported_at_the_top() -> None:
    p = only(WARMUP)
    assert (p.line, p.column) == (1, 1)
    assert p.message == "missing required key 'name'"


def test_missing_duration_points_at_the_segment_header() -> None:
    text = HEAD + WARMUP + '\n[[segments]]\nkind = "walk"\nspeed = "3 km/h"\n'
    p = only(text)
    assert (p.line, p.column) == (7, 1)
    assert p.message == "segment 2: missing required key 'duration'"


def test_wrong_type_for_reps() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "break"\n'
    text += 'exercises = [{ name = "Standing abdominal", reps = "three" }]\n'
    text += '[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "3 km/h"\n'
    p = only(text)
    assert (p.line, p.column) == (8, 52)
    assert p.message == "reps must be a whole number, got 'three'"


def test_wrong_type_for_name() -> None:
    p = only("name = 3\n" + WARMUP)
    assert (p.line, p.column) == (1, 8)
    assert p.message == "'name' must be a non-empty string"


def test_wrong_dimension_says_what_was_expected() -> None:
    text = HEAD + '[[segments]]\nkind = "warmup"\nduration = "5 min"\nspeed = "5 min"\n'
    p = only(text)
    assert (p.line, p.column) == (5, 9)
    assert p.message == (
        "speed: expected a speed such as '3 km/h', '2 mph' or '0.9 m/s', got a duration ('5 min')"
    )


def test_bare_number_says_which_units_fit() -> None:
    text = HEAD + '[[segments]]\nkind = "warmup"\nduration = "5 min"\nspeed = 3.2\n'
    p = only(text)
    assert (p.line, p.column) == (5, 9)
    assert p.message == (
        "speed: 3.2 has no unit; a speed needs one, such as '3 km/h', '2 mph' or '0.9 m/s'"
    )
    assert p.hint == 'write it as a string with a unit, e.g. "3.2 km/h"'


def test_bare_number_in_a_string() -> None:
    text = HEAD + '[[segments]]\nkind = "warmup"\nduration = "300"\nspeed = "2 km/h"\n'
    p = only(text)
    assert (p.line, p.column) == (4, 12)
    assert "has no unit; a duration needs one" in p.message


def test_unknown_unit() -> None:
    text = HEAD + '[[segments]]\nkind = "warmup"\nduration = "5 min"\nspeed = "2 kmh"\n'
    p = only(text)
    assert (p.line, p.column) == (5, 9)
    assert p.message == "speed: unknown unit 'kmh' in '2 kmh'"


@pytest.mark.parametrize("value", ['"0 min"', '"-5 min"'])
def test_zero_or_negative_duration(value: str) -> None:
    text = HEAD + f'[[segments]]\nkind = "warmup"\nduration = {value}\nspeed = "2 km/h"\n'
    p = only(text)
    assert (p.line, p.column) == (4, 12)
    assert p.message == f"segment 1: duration must be more than zero, got {value.strip(chr(34))!r}"


def test_value_outside_limits() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "10 min"\nspeed = "7 km/h"\n'
    p = only(text)
    assert (p.line, p.column) == (9, 9)
    assert p.message == "segment 2: speed 7 km/h is outside the limits 1–6 km/h"


def test_limit_override_outside_hard_bounds() -> None:
    text = HEAD + '[limits]\nspeed_max = "9 km/h"\n' + WARMUP
    p = only(text)
    assert (p.line, p.column) == (3, 13)
    assert p.message == "speed_max '9 km/h' is outside the hard bounds 1 km/h–7 km/h"


def test_limit_override_lowers_a_limit() -> None:
    text = HEAD + '[limits]\nspeed_max = "2 km/h"\n' + WARMUP.replace("2.3", "2.5")
    p = only(text)
    assert p.message == "segment 1: speed 2.5 km/h is outside the limits 1–2 km/h"


def test_ramp_faster_than_the_rate_limit() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "30 s"\n'
    text += 'speed = { from = "2.5 km/h", to = "4 km/h" }\n'
    p = only(text)
    assert (p.line, p.column) == (9, 9)
    assert p.message == (
        "segment 2: speed ramp 2.5 → 4 km/h in 30 s is faster than the limit of 0.1 km/h per 5 s"
    )
    assert p.hint == "make the segment at least 1 min 15 s long"


def test_step_pattern_faster_than_the_rate_limit() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "10 min"\nspeed = "3 km/h"\n'
    text += 'incline = { start = "0 %", step = "0.5 %", every = "1 min", max = "2 %" }\n'
    p = only(text)
    col = text.splitlines()[9].index('"1 min"') + 1
    assert (p.line, p.column) == (10, col)
    assert "are faster than the limit of 0.25 % per min" in p.message


def test_incline_in_the_warmup() -> None:
    text = HEAD + WARMUP + 'incline = "1 %"\n'
    p = only(text)
    assert (p.line, p.column) == (6, 11)
    assert p.message == "segment 1: incline in the warm-up; the warm-up stays at 0 %"


def test_incline_before_the_warmup() -> None:
    text = HEAD + '[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "2 km/h"\n'
    text += 'incline = { from = "0 %", to = "1 %" }\n' + WARMUP
    p = only(text)
    assert (p.line, p.column) == (6, 11)
    assert p.message == "segment 1: incline before the warm-up ends; the warm-up stays at 0 %"


def test_exercise_not_in_the_catalogue() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "break"\n'
    text += 'exercises = [{ name = "Standing hip shfit" }]\n' + WARMUP.replace("warmup", "walk")
    p = only(text)
    assert (p.line, p.column) == (8, 23)
    assert p.message == "'Standing hip shfit' is not in the exercise catalogue"
    assert p.hint == "did you mean 'Standing hip shift'?"


def test_floor_exercise_mid_walk() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "break"\n'
    text += 'exercises = ["Standing abdominal", "Glute bridge"]\n'
    text += WARMUP.replace("warmup", "cooldown")
    p = only(text)
    assert (p.line, p.column) == (8, 36)
    assert p.message == "'Glute bridge' is a floor exercise; it may only come after the cool-down"


def test_floor_exercise_after_the_cooldown_is_fine() -> None:
    text = HEAD + WARMUP + WARMUP.replace("warmup", "cooldown")
    text += '[[segments]]\nkind = "break"\nexercises = ["Glute bridge", "Bird-dog"]\n'
    profile = parse_profile(text)
    brk = profile.segments[2]
    assert [e.exercise_id for e in brk.exercises] == ["glute_bridge", "bird_dog"]
    # 10 s transition + bridge 8 × 2 s + bird-dog 5 × 5 s × 2 sides
    assert brk.duration_s == 10 + 16 + 50


def test_floor_exercise_without_a_cooldown_is_mid_walk() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "break"\nexercises = [ "Dead bug" ]\n'
    p = only(text)
    assert (p.line, p.column) == (8, 15)


def test_mid_walk_break_longer_than_two_minutes() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "break"\n'
    text += 'exercises = ["Foot circles, weight shifts", "Standing abdominal",\n'
    text += '  "Leaning hip shift", "Standing hip shift"]\n'
    text += WARMUP.replace("warmup", "walk")
    p = only(text)
    assert (p.line, p.column) == (8, 13)
    assert p.message == (
        "segment 2: the belt would stop for 2 min 10 s; mid-walk breaks last at most 2 min"
    )


def test_empty_programme_without_segments() -> None:
    p = only(HEAD + 'description = "nothing"\n')
    assert (p.line, p.column) == (1, 1)
    assert p.message == "empty programme: no [[segments]] tables"


def test_empty_programme_with_an_empty_list() -> None:
    p = only(HEAD + "segments = []\n")
    assert (p.line, p.column) == (2, 12)
    assert p.message == "empty programme: 'segments' has no entries"


def test_programme_with_only_checks_is_empty() -> None:
    p = only(HEAD + '[[segments]]\nkind = "pain_check"\n')
    assert (p.line, p.column) == (2, 1)
    assert p.message == "empty programme: no warm-up, walk or cool-down segment"


def test_total_beyond_three_hours() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "3 h"\nspeed = "3 km/h"\n'
    p = only(text)
    assert (p.line, p.column) == (8, 12)
    assert p.message == (
        "the programme lasts 3 h 5 min; at most 3 h is allowed (3 h is passed in segment 2)"
    )


def test_exactly_three_hours_is_allowed() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "175 min"\nspeed = "3 km/h"\n'
    assert sum(s.duration_s for s in parse_profile(text).segments) == 3 * 3600


def test_toml_syntax_error_position() -> None:
    p = only(HEAD + '[[segments]]\nkind = "walk"\nduration = = "5 min"\n')
    assert (p.line, p.column) == (4, 12)
    assert p.message == "TOML syntax: Invalid value"


def test_toml_syntax_error_at_end_of_document() -> None:
    p = only(HEAD + 'description = "unterminated\n\n')
    assert p.line == 2
    assert p.message.startswith("TOML syntax: ")


def test_unknown_kind_suggests() -> None:
    p = only(HEAD + '[[segments]]\nkind = "warmpu"\nduration = "5 min"\nspeed = "2 km/h"\n')
    assert (p.line, p.column) == (3, 8)
    assert p.hint == "did you mean 'warmup'?"


def test_implied_step_length_out_of_range() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "10 min"\n'
    text += 'speed = "2 km/h"\ncadence = "120 spm"\n'
    p = only(text)
    assert (p.line, p.column) == (10, 11)
    assert p.message == ("segment 2: 2 km/h at 120 spm means steps of 0.28 m, outside 0.35–0.85 m")


def test_cadence_led_needs_a_step_length() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "10 min"\ncadence = "90 spm"\n'
    p = only(text)
    assert (p.line, p.column) == (9, 11)
    assert p.message == "segment 2: cadence-led walking needs a step_length"


def test_cadence_led_speed_must_be_within_limits() -> None:
    text = 'name = "T"\nstep_length = "26 in"\n[limits]\nspeed_max = "5 km/h"\n' + WARMUP
    text += '[[segments]]\nkind = "walk"\nduration = "10 min"\ncadence = "130 spm"\n'
    p = only(text)
    assert (p.line, p.column) == (12, 11)
    # 26 in = 0.6604 m; 130 × 0.6604 × 0.06 = 5.151 km/h
    assert p.message == (
        "segment 2: cadence 130 spm × step length 0.66 m gives 5.151 km/h, outside the limits "
        "1–5 km/h"
    )


def test_break_with_duration_is_rejected() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "break"\nduration = "1 min"\n'
    text += 'exercises = ["Standing abdominal"]\n'
    p = only(text)
    assert (p.line, p.column) == (8, 1)
    assert p.message == (
        "'duration' is not allowed in a break: its time comes from the exercises' holds"
    )


def test_every_problem_is_collected_not_just_the_first() -> None:
    text = HEAD + '[[segments]]\nkind = "warmup"\nduration = "0 s"\nspeed = "9 km/h"\nfoo = 1\n'
    text += '[[segments]]\nkind = "walk"\nspeed = 3\n'
    found = problems(text)
    assert [(p.line, p.column) for p in found] == [(4, 12), (5, 9), (6, 1), (7, 1), (9, 9)]


def test_units_with_other_spellings() -> None:
    text = (
        'name = "T"\nstep_length = "26 in"\n[[segments]]\nkind = "warmup"\n'
        'duration = "90 s"\nspeed = "2 mph"\n[[segments]]\nkind = "walk"\n'
        'duration = "0.1 h"\nspeed = "0.9 m/s"\ncadence = "96 spm"\n'
    )
    profile = parse_profile(text)
    assert profile.step_length_m == pytest.approx(0.6604)
    assert profile.segments[0].duration_s == pytest.approx(90)
    assert profile.segments[0].speed is not None
    assert profile.segments[1].duration_s == pytest.approx(360)


def test_ramps_and_steps_parse() -> None:
    text = HEAD + WARMUP + '[[segments]]\nkind = "walk"\nduration = "12 min"\n'
    text += 'speed = { from = "2.5 km/h", to = "3.0 km/h" }\n'
    text += 'incline = { start = "0 %", step = "0.5 %", every = "3 min", max = "2 %" }\n'
    seg = parse_profile(text).segments[1]
    assert seg.speed == Ramp(2.5, 3.0)
    assert seg.incline == Steps(0.0, 0.5, 180.0, 2.0)


def test_load_profile_missing_file_raises_profile_read_error(tmp_path: object) -> None:
    with pytest.raises(ProfileReadError) as info:
        load_profile("/nonexistent/walk.toml")
    assert info.value.problems[0].message.startswith("cannot read file:")
    assert isinstance(info.value, ProfileError)


def test_load_profile_invalid_raises_profile_error_with_all_problems() -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile("name = 1\nfoo = 2\n", "x.toml")
    assert len(info.value.problems) == 3
    assert "(and 2 more)" in str(info.value)


def test_order_checks_still_run_when_another_segment_is_broken() -> None:
    # Segment 1 puts incline in the warm-up, segment 2 has a bad unit, segment 3 is a floor
    # exercise mid-walk: all three are reported in one pass, each at its own place.
    text = HEAD + '[[segments]]\nkind = "warmup"\nduration = "5 min"\nspeed = "2.5 km/h"\n'
    text += 'incline = "1 %"\n'  # line 6
    text += '[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "3 min"\n'  # line 10
    text += '[[segments]]\nkind = "break"\nexercises = [{ name = "Glute bridge" }]\n'  # line 13
    text += '[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "3 km/h"\n'
    found = problems(text)
    assert [(p.line, p.column) for p in found] == [(6, 11), (10, 9), (13, 23)]
    assert "incline in the warm-up" in found[0].message
    assert "expected a speed" in found[1].message
    assert "floor exercise" in found[2].message
