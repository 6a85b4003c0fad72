"""``profile check`` warnings for programmes that end unsafely (issue #15): valid, so exit 0,
but the walk would not go as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from treadmill_tui.cli import main
from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, parse_profile
from treadmill_tui.profiles.warnings import profile_warnings

FAST_WALK = """
name = "Ends fast"
[limits]
speed_max = "7 km/h"
speed_ramp = "0.2 km/h per 5 s"
[[segments]]
kind = "warmup"
duration = "5 min"
speed = "3 km/h"
[[segments]]
kind = "walk"
duration = "10 min"
speed = "7 km/h"
[[segments]]
kind = "cooldown"
duration = "{cooldown}"
speed = "2 km/h"
"""

CADENCE = """
name = "Cadence led"
step_length = "0.6 m"
[[segments]]
kind = "warmup"
duration = "5 min"
speed = "2.5 km/h"
[[segments]]
kind = "walk"
duration = "10 min"
cadence = "{cadence}"
[[segments]]
kind = "cooldown"
duration = "5 min"
speed = "2.5 km/h"
"""


def warnings_for(text: str, step_length_m: float | None = None) -> list[str]:
    profile = parse_profile(text, "w.toml")
    timeline = compile_profile(profile, step_length_m=step_length_m)
    found = profile_warnings(profile, timeline, step_length_m=step_length_m)
    assert all(w.severity == "warning" and w.line is not None for w in found)
    return [w.format() for w in found]


def test_a_one_second_cool_down_after_a_fast_walk_is_warned() -> None:
    (text,) = warnings_for(FAST_WALK.format(cooldown="1 s"))
    assert "w.toml:14:1: warning: segment 3: the cool-down (1 s) is too short" in text
    assert "from 7 to 2 km/h at the limit rate (0.1 km/h per 5 s)" in text
    assert (
        'make the cool-down at least 4 min 10 s long: duration = "250 s"' in text
    )  # 5 km/h at 0.02 km/h/s


def test_a_cool_down_long_enough_to_come_down_is_not_warned() -> None:
    assert warnings_for(FAST_WALK.format(cooldown="250 s")) == []
    assert warnings_for(FAST_WALK.format(cooldown="5 min")) == []


def test_a_programme_ending_without_a_cool_down_is_warned() -> None:
    text = FAST_WALK.format(cooldown="1 s").rsplit("[[segments]]", 1)[0]
    (warning,) = warnings_for(text)
    assert "ends with a walk at 7 km/h and no cool-down" in warning


def test_incline_from_the_start_without_a_warm_up_is_warned() -> None:
    text = (
        'name = "Hill first"\n[[segments]]\nkind = "walk"\nduration = "10 min"\n'
        'speed = "3 km/h"\nincline = { start = "0 %", step = "0.5 %", every = "2 min", '
        'max = "1 %" }\n[[segments]]\nkind = "cooldown"\nduration = "5 min"\nspeed = "2 km/h"\n'
    )
    (warning,) = warnings_for(text)
    assert "w.toml:2:1: warning: segment 1: the walk starts on an incline with no warm-up" in (
        warning
    )


def test_a_flat_start_without_a_warm_up_is_not_an_incline_warning() -> None:
    text = (
        'name = "Flat"\n[[segments]]\nkind = "walk"\nduration = "10 min"\nspeed = "3 km/h"\n'
        '[[segments]]\nkind = "cooldown"\nduration = "5 min"\nspeed = "2 km/h"\n'
    )
    assert warnings_for(text) == []


def test_cadence_led_walk_above_the_speed_limit_with_the_walkers_step_length() -> None:
    text = CADENCE.format(cadence="130 spm")
    assert warnings_for(text) == []  # the profile's 0.6 m: 4.68 km/h
    (warning,) = warnings_for(text, step_length_m=0.85)
    assert "step length 0.85 m from your settings, 130 spm is 6.63 km/h" in warning
    assert "above the speed limit 6 km/h; the belt will be held at 6 km/h" in warning
    assert "lower the cadence to 117.65 spm or less" in warning


def test_cadence_led_walk_below_the_speed_minimum_is_warned_too() -> None:
    (warning,) = warnings_for(CADENCE.format(cadence="70 spm"), step_length_m=0.2)
    assert "below the speed limit 1 km/h" in warning


def test_check_prints_warnings_with_the_walkers_settings_and_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('step_length = "0.85 m"\n', encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(settings))
    path = tmp_path / "c.toml"
    path.write_text(CADENCE.format(cadence="130 spm"), encoding="utf-8")
    assert main(["profile", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:8:1: warning: segment 2:" in out and "6.63 km/h" in out
    assert out.rstrip().endswith("1 warning")


def test_check_with_broken_settings_says_so_and_still_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('step_length = "9 m"\n', encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(settings))
    path = tmp_path / "c.toml"
    path.write_text(CADENCE.format(cadence="130 spm"), encoding="utf-8")
    assert main(["profile", "check", str(path)]) == 0
    captured = capsys.readouterr()
    assert "your settings file has a problem" in captured.err
    assert ": ok:" in captured.out and "warning" not in captured.out


def test_bundled_profiles_have_no_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(tmp_path / "none.toml"))
    for path in sorted(bundled_profiles_dir().glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert warnings_for(text) == [], path.name
