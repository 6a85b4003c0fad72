"""The walker's settings file: defaults when missing, compiler-style errors when broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from treadmill_tui import cli
from treadmill_tui.settings import (
    STARTER,
    Settings,
    SettingsError,
    load_settings,
    parse_settings,
    settings_path,
)


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope.toml") == Settings()


def test_values_are_parsed_with_units() -> None:
    s = parse_settings(
        'step_length = "25 in"\nemergency_number = "999"\naudio = "none"\n'
        'visual_offset = "150 ms"\n'
    )
    assert s.step_length_m == pytest.approx(0.635)
    assert s.emergency_number == "999"
    assert s.audio == "none"
    assert s.visual_offset_s == pytest.approx(0.15)


def test_the_starter_file_is_valid_and_all_defaults() -> None:
    assert parse_settings(STARTER) == Settings()


def problems(text: str) -> list[str]:
    with pytest.raises(SettingsError) as info:
        parse_settings(text, "s.toml")
    return [p.format() for p in info.value.problems]


def test_every_problem_points_at_its_line() -> None:
    found = problems(
        'step_lenght = "0.6 m"\naudio = "loud"\nemergency_number = 999\nvisual_offset = "2 s"\n'
    )
    assert found[0].startswith("s.toml:1:1: error: unknown setting 'step_lenght'")
    assert "s.toml:1:1: note: did you mean 'step_length'?" in found[0]
    assert any(f.startswith("s.toml:2:9: error: audio must be one of") for f in found)
    assert any(f.startswith("s.toml:3:20: error: emergency_number") for f in found)
    assert any(f.startswith("s.toml:4:17: error: visual_offset") for f in found)


def test_step_length_needs_a_length_in_range() -> None:
    (bad_unit, *_) = problems('step_length = "3 km/h"\n')
    assert bad_unit.startswith("s.toml:1:15: error: step_length: expected a length")
    (too_long,) = [p for p in problems('step_length = "1.2 m"\n') if "error" in p]
    assert "outside 0.35–0.85 m" in too_long


def test_syntax_error_has_line_and_column() -> None:
    (found,) = problems('audio = "none"\nstep_length = \n')
    assert found.startswith("s.toml:2:")
    assert "TOML syntax" in found


def test_cli_path_check_and_new(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cfg" / "settings.toml"
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(target))
    assert settings_path() == target
    assert cli.main(["settings", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert cli.main(["settings", "check"]) == 0
    assert "defaults" in capsys.readouterr().out
    assert cli.main(["settings", "new"]) == 0
    assert target.read_text(encoding="utf-8") == STARTER
    assert cli.main(["settings", "new"]) == 1  # never overwrites
    capsys.readouterr()
    target.write_text('audio = "loud"\n', encoding="utf-8")
    assert cli.main(["settings", "check"]) == 1
    assert capsys.readouterr().out.startswith(f"{target}:1:9: error: audio")


def test_a_broken_settings_file_stops_the_dashboard_before_it_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "settings.toml"
    target.write_text('step_length = "9 m"\n', encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(target))
    assert cli.main(["--simulate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{target}:1:15: error: step_length")
    assert "Traceback" not in err


# -- hostile settings files (issue #15) ---------------------------------------------------------


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'\xef\xbb\xbfemergency_number = "112"\n')
    assert load_settings(path).emergency_number == "112"


@pytest.mark.parametrize("number", ["²³", "١١٢", "11 2", "1234567"])
def test_emergency_number_takes_ascii_digits_only(number: str) -> None:
    with pytest.raises(SettingsError, match="emergency_number must be digits"):
        parse_settings(f'emergency_number = "{number}"\n')


def test_problems_are_listed_in_line_order(tmp_path: Path) -> None:
    text = 'audio = "loud"\nstep_length = "2 m"\nvisual_offset = "5 s"\nemergency_number = "x"\n'
    with pytest.raises(SettingsError) as err:
        parse_settings(text, "s.toml")
    lines = [p.line or 0 for p in err.value.problems]
    assert lines == sorted(lines) and len(lines) == 4


def test_a_device_as_settings_is_refused_without_reading(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("this system has no /dev/zero")
    with pytest.raises(SettingsError, match="not a regular file"):
        load_settings(Path("/dev/zero"))


def test_new_under_a_file_says_the_file_is_in_the_way(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "passwd"
    blocker.write_text("root:x:0:0\n", encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(blocker / "settings.toml"))
    assert cli.main(["settings", "new"]) == 2
    out = capsys.readouterr().out
    assert f"{blocker} is a file, not a folder" in out
    assert "already exists" not in out
    assert blocker.read_text(encoding="utf-8") == "root:x:0:0\n"


def test_units_default_to_kmh_and_take_mph() -> None:
    assert parse_settings("").units == "km/h"
    assert parse_settings('units = "mph"\n').units == "mph"
    assert parse_settings('units = "km/h"\n').units == "km/h"


def test_the_starter_file_names_the_units_setting() -> None:
    (line,) = [line for line in STARTER.splitlines() if line.startswith("# units =")]
    assert parse_settings(line.removeprefix("# ")).units == "km/h"


@pytest.mark.parametrize("value", ['"miles"', '"MPH"', '"kmh"', "1", "true", '["mph"]'])
def test_units_other_than_the_two_choices_are_an_error_at_their_line(value: str) -> None:
    (found,) = problems(f'audio = "none"\nunits = {value}\n')
    assert found.startswith('s.toml:2:9: error: units must be "km/h" or "mph", got ')
