"""Hostile profiles and file names (issue #15): each gets a clear compiler-style message with a
position, never a traceback, a hang or runaway memory.

The nasty programmes in ``NASTY`` are also compiled by ``benchmarks/bench_profiles.py``, which
reports the worst compile time among them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.profiles.nasty import NASTY, WALK
from treadmill_tui.cli import main
from treadmill_tui.profiles import ProfileError, compile_profile, load_profile, parse_profile
from treadmill_tui.profiles.reading import MAX_FILE_BYTES
from treadmill_tui.profiles.validate import MAX_SEGMENTS, validate_profile_text


def problems_of(text: str) -> list[str]:
    profile, problems = validate_profile_text(text, "p.toml")
    assert profile is None, "expected the profile to be refused"
    for p in problems:
        assert p.line is not None and p.column is not None, p
    return [p.format() for p in problems]


# -- non-finite quantities ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "where"),
    [
        ('duration = "1e400 s"\nspeed = "3 km/h"', "p.toml:5:12: error: duration: '1e400'"),
        (
            'duration = "5 min"\nspeed = "3 km/h"\n'
            'incline = { start = "0 %", step = "1e400 %", every = "1 min", max = "2 %" }',
            "p.toml:7:35: error: step: '1e400'",
        ),
        (
            'duration = "5 min"\nspeed = { from = "2 km/h", to = "1e400 km/h" }',
            "p.toml:6:33: error: to: '1e400'",
        ),
        ('duration = "5 min"\nspeed = "1e308 km/s"', "p.toml:6:9: error: speed: '1e308 km/s'"),
    ],
)
def test_infinite_quantities_are_refused_at_their_place(target: str, where: str) -> None:
    text = f'name = "x"\n\n[[segments]]\nkind = "walk"\n{target}\n'
    out = "\n".join(problems_of(text))
    assert where in out
    assert "too large" in out


# -- bounded work ------------------------------------------------------------------------------


def test_a_tiny_every_and_step_are_refused_not_compiled() -> None:
    text = WALK + 'incline = { start = "0 %", step = "1e-12 %", every = "1e-9 s", max = "2 %" }\n'
    out = "\n".join(problems_of(text))
    assert "incline step must be at least 0.1 %" in out
    assert "'every' must be at least 1 s" in out


def test_one_millisecond_every_is_refused() -> None:
    text = WALK + 'incline = { start = "0 %", step = "0.1 %", every = "1 ms", max = "2 %" }\n'
    assert any("'every' must be at least 1 s" in line for line in problems_of(text))


def test_too_many_segments_are_refused_without_checking_each() -> None:
    text = 'name = "x"\n' + '[[segments]]\nkind = "pain_check"\n' * (MAX_SEGMENTS + 1)
    out = problems_of(text)
    assert len(out) == 1 and f"at most {MAX_SEGMENTS} are allowed" in out[0]


def test_a_segment_longer_than_a_programme_is_refused() -> None:
    text = 'name = "x"\n[[segments]]\nkind = "walk"\nduration = "1e300 s"\nspeed = "3 km/h"\n'
    assert any("longer than the 3 h" in line for line in problems_of(text))


@pytest.mark.parametrize("name", sorted(NASTY))
def test_nasty_but_valid_programmes_compile(name: str) -> None:
    """Programmes at the edge of what is allowed still compile (the bench times them)."""
    timeline = compile_profile(parse_profile(NASTY[name], f"{name}.toml"))
    assert 0 < timeline.duration_s <= 3 * 3600


# -- files that are not profiles ---------------------------------------------------------------


def test_dev_zero_is_refused_before_reading(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("this system has no /dev/zero")
    assert main(["profile", "check", "/dev/zero"]) == 2
    assert "/dev/zero: error: cannot read file: it is not a regular file" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no named pipes")
def test_a_fifo_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "walk.toml"
    os.mkfifo(fifo)
    assert main(["profile", "check", str(fifo)]) == 2  # would block forever if it were opened
    assert "not a regular file" in capsys.readouterr().out


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="it is a folder"):
        load_profile(tmp_path)


def test_a_file_larger_than_any_profile_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space, but the size says it all
    with pytest.raises(ProfileError, match="larger than 1,000,000 bytes"):
        load_profile(big)


def test_bytes_that_are_not_utf8_are_reported_at_their_place(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'name = "x"\n# caf\xe9\n')
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    (problem,) = err.value.problems
    assert (problem.line, problem.column) == (2, 6)
    assert "0xe9" in problem.message


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (WALK + "\n").encode())
    assert load_profile(path).name == "x"


# -- misleading messages -----------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["0.5 % per min", "0.5 % per 1 min", "0.5 % per 2 min"])
def test_rates_are_accepted_as_the_docs_write_them(spelling: str) -> None:
    profile = parse_profile(WALK + f'[limits]\nincline_ramp = "{spelling}"\n')
    assert profile.limits.incline_rate_pct_per_s > 0


def test_a_hold_below_one_second_is_refused_as_the_message_says() -> None:
    text = WALK + (
        '[[segments]]\nkind = "break"\n'
        'exercises = [{ name = "Standing abdominal", hold = "0.01 s" }]\n' + WALK.split("\n", 1)[1]
    )
    out = "\n".join(problems_of(text))
    assert "hold '0.01 s' is outside 1 s–10 s" in out


def test_incline_in_degrees_says_it_is_a_percentage_with_the_conversion() -> None:
    out = "\n".join(problems_of(WALK + 'incline = "2 deg"\n'))
    assert "incline is a percentage" in out
    assert "3.49 %" in out  # tan(2°) = 3.49 %
    assert "plain number" not in out


def test_a_floor_exercise_mid_walk_and_another_bad_exercise_are_both_reported() -> None:
    text = WALK + (
        '[[segments]]\nkind = "break"\nexercises = ["Glute bridge", "Nonsense exercise"]\n'
        + WALK.split("\n", 1)[1]
    )
    out = "\n".join(problems_of(text))
    assert "'Glute bridge' is a floor exercise" in out
    assert "'Nonsense exercise' is not in the exercise catalogue" in out


# -- control characters ------------------------------------------------------------------------

ANSI = (
    'name = "Red\\u001b[31m walk"\ndescription = "bell\\u0007 and\\ntwo lines"\n'
    '[[segments]]\nkind = "walk"\nname = "Walk\\u001b[2J"\nduration = "5 min"\n'
    'speed = "3 km/h"\n'
)


@pytest.mark.parametrize("command", [["profile", "show"], ["profile", "check"], ["simulate"]])
def test_control_characters_are_never_printed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "ansi.toml"
    path.write_text(ANSI, encoding="utf-8")
    assert main([*command, str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Red\\x1b[31m walk" in out


def test_control_characters_in_problems_are_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    text = WALK + 'speeed\u001b = "3 km/h"\n'.replace("\u001b", "\\u001b")
    text = text.replace('speeed\\u001b = "3 km/h"', '"speeed\\u001b" = "3 km/h"')
    out = "\n".join(problems_of(text))
    assert "\x1b" not in out and "speeed\\x1b" in out


# -- profile new -------------------------------------------------------------------------------


def test_new_with_a_300_character_name_writes_a_short_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(tmp_path))
    assert main(["profile", "new", "walk " * 60]) == 0
    (written,) = tmp_path.glob("*.toml")
    assert len(written.name) <= 70
    assert load_profile(written).name == ("walk " * 60).strip()


def test_new_with_a_non_latin_name_makes_a_readable_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(tmp_path))
    assert main(["profile", "new", "ÄÖÜ 漢字"]) == 0
    assert (tmp_path / "aou-漢字.toml").exists()
    assert load_profile(tmp_path / "aou-漢字.toml").name == "ÄÖÜ 漢字"


def test_new_with_no_letter_says_why_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(tmp_path))
    assert main(["profile", "new", "!!!"]) == 1
    assert "no letter or digit" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_new_with_a_line_break_in_the_name_stays_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["profile", "new", "two\nlines = 1 😀", "-o", "w.toml"]) == 0
    assert load_profile(tmp_path / "w.toml").name == "two\\nlines = 1 😀"


def test_new_with_an_impossible_path_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / ("x" * 300) / "w.toml"
    assert main(["profile", "new", "Walk", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err


def test_a_crash_free_check_of_every_nasty_file_in_a_fresh_process(tmp_path: Path) -> None:
    """The whole command line, as a person runs it: exit statuses only, no traceback."""
    import subprocess

    paths = []
    for name, text in NASTY.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "treadmill_tui", "profile", "check", *paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("opening", ["[", "{b="])
def test_brackets_nested_thousands_deep_are_one_problem(opening: str) -> None:
    """tomllib runs out of stack on such a file; that must not escape as a RecursionError."""
    closing = "]" if opening == "[" else "}"
    text = 'name = "x"\na = ' + opening * 5000 + "1" + closing * 5000 + "\n"
    (problem,) = problems_of(text)
    assert "nested more than 100 deep" in problem
    assert problem.startswith("p.toml:2:")


def test_deeply_nested_settings_are_one_problem() -> None:
    from treadmill_tui.settings import SettingsError, parse_settings

    with pytest.raises(SettingsError, match="nested more than 100 deep"):
        parse_settings("a = " + "[" * 5000 + "]" * 5000 + "\n", "s.toml")


def test_more_steps_than_any_programme_needs_are_refused_once() -> None:
    """Each step is compiled into a ramp and a hold; 2000 bound the work (the limit itself is
    the nasty 'most-steps' programme, which compiles)."""
    segment = (
        '[[segments]]\nkind = "walk"\nduration = "54 s"\n'
        'speed = { start = "1 km/h", step = "0.01 km/h", every = "1 s", max = "6 km/h" }\n'
    )
    out = problems_of('name = "x"\n' + segment * 100)
    assert len(out) == 1
    assert "more than 2000 steps" in out[0] and "segment 38:" in out[0]
