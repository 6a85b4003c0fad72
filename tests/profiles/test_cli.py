"""``treadmill-tui profile check|show|new`` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from treadmill_tui.cli import main
from treadmill_tui.profiles import bundled_profiles_dir, parse_profile

BROKEN = """\
name = "Broken"

[[segments]]
kind = "warmup"
duration = "5 min"
speed = "5 min"

[[segments]]
kind = "walk"
duration = "10 min"
speeed = "3 km/h"
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_valid_files_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in bundled_profiles_dir().glob("*.toml"))
    assert main(["profile", "check", *files]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(files)
    assert all(": ok: " in line for line in out)


def test_check_prints_compiler_style_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "broken.toml", BROKEN)
    assert main(["profile", "check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:6:9: error: speed: expected a speed such as '3 km/h', '2 mph' or '0.9 m/s', "
        "got a duration ('5 min')",
        f"{path}:8:1: error: segment 2: missing required key 'speed'",
        f'{path}:8:1: note: add speed = "3 km/h", or cadence with a step_length',
        f"{path}:11:1: error: unknown key 'speeed' in segment 2",
        f"{path}:11:1: note: did you mean 'speed'?",
    ]


def test_check_missing_file_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = bundled_profiles_dir() / "flare-day.toml"
    bad = _write(tmp_path, "broken.toml", BROKEN)
    missing = tmp_path / "nope.toml"
    assert main(["profile", "check", str(good), str(bad), str(missing)]) == 2
    out = capsys.readouterr().out
    assert f"{missing}: error: cannot read file: No such file or directory" in out


def test_check_syntax_error_reports_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "syntax.toml", 'name = "x"\n[[segments]\n')
    assert main(["profile", "check", str(path)]) == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"{path}:2:")
    assert ": error: TOML syntax: " in out


def test_show_table(capsys: pytest.CaptureFixture[str]) -> None:
    path = bundled_profiles_dir() / "standing-exercise-breaks.toml"
    assert main(["profile", "show", str(path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Walk with standing exercise breaks"
    assert lines[3].split() == ["time", "segment", "speed", "incline", "cadence", "what", "happens"]
    assert any(
        line.startswith("15:00") and "belt stops: Standing hip shift" in line for line in lines
    )
    assert "37:56  end" in out
    assert lines[-1] == ("Total 37 min 56 s, about 1.57 km, climb 0 m, 3 break(s), 1 pain check(s)")


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = bundled_profiles_dir() / "gentle-incline-builder.toml"
    assert main(["profile", "show", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"] == {
        "duration_s": 1860.0,
        "distance_m": 1421.6,
        "elevation_gain_m": 12.8,
        "breaks": 0,
        "checks": 0,
    }
    assert [s["kind"] for s in data["segments"]] == ["warmup", "walk", "cooldown"]
    steps = [r for r in data["rows"] if r["what"].startswith("incline up to")]
    assert [r["time"] for r in steps] == ["8:00", "11:00", "14:00", "17:00"]
    assert data["segments"][1]["incline_pct"] == {
        "start": 0.0,
        "step": 0.5,
        "every_s": 180.0,
        "max": 2.0,
    }


def test_show_invalid_file_exits_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "broken.toml", BROKEN)
    assert main(["profile", "show", str(path)]) == 1
    assert f"{path}:6:9: error:" in capsys.readouterr().err


def test_new_writes_a_valid_commented_starter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.toml"
    assert main(["profile", "new", "Morning walk", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Morning walk")
    profile = parse_profile(text, str(target))
    assert profile.name == "Morning walk"
    assert main(["profile", "new", "Morning walk", "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_new_writes_into_the_user_profiles_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data" / "profiles"  # not there yet: new creates it
    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(folder))
    monkeypatch.chdir(tmp_path)
    assert main(["profile", "new", "My Walk!"]) == 0
    assert (folder / "my-walk.toml").exists()
    assert not (tmp_path / "my-walk.toml").exists()
    capsys.readouterr()
    assert main(["profile", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(folder)


def test_user_profiles_folder_is_the_platform_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    from treadmill_tui.profiles import user_profiles_dir

    monkeypatch.delenv("TREADMILL_TUI_PROFILES", raising=False)
    expected = Path(platformdirs.user_data_dir("treadmill-tui")) / "profiles"
    assert user_profiles_dir() == expected


def test_check_via_subprocess(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.toml", BROKEN)
    result = subprocess.run(
        [sys.executable, "-m", "treadmill_tui", "profile", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{path}:6:9: error: speed: expected a speed")
    assert "Traceback" not in result.stderr
