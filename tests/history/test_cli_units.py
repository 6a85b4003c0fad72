"""The walker's ``units`` setting in command output: ``simulate`` (text), ``history list`` and
``history show`` in mph; ``simulate --json`` stays km/h and metres (data, not display)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treadmill_tui.cli import main
from treadmill_tui.history.paths import store_path
from treadmill_tui.history.store import Store
from treadmill_tui.profiles import bundled_profiles_dir
from treadmill_tui.profiles.display_units import KM_PER_MILE

PROFILE = str(bundled_profiles_dir() / "first-week-10-min.toml")


def value_of(lines: list[str], key: str) -> str:
    (line,) = [line for line in lines if line.startswith(key + " ")]
    return line.removeprefix(key).strip()


def test_in_mph_simulate_and_history_show_miles_and_json_stays_kmh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "simulate", PROFILE, "--json", "--no-record"]) == 0
    plain_json = capsys.readouterr().out
    settings = tmp_path / "settings.toml"
    settings.write_text('units = "mph"\n', encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(settings))
    assert main(["--data-dir", data, "simulate", PROFILE, "--json", "--no-record"]) == 0
    assert capsys.readouterr().out == plain_json  # JSON is data: km/h whatever the setting
    summary = json.loads(plain_json)["summary"]

    assert main(["--data-dir", data, "simulate", PROFILE]) == 0
    text = capsys.readouterr().out.splitlines()
    miles = summary["distance_m"] / 1000 / KM_PER_MILE
    assert value_of(text, "distance") == f"{miles:.2f} mi"
    assert value_of(text, "max speed") == f"{summary['max_speed_kmh'] / KM_PER_MILE:.1f} mph"

    assert main(["--data-dir", data, "history", "show", "1"]) == 0
    shown = capsys.readouterr().out.splitlines()
    with Store.open(store_path(data)) as store:
        (row,) = store.list_walks()
    assert row.distance_m is not None and row.max_speed_kmh is not None
    assert row.max_speed_kmh == pytest.approx(summary["max_speed_kmh"])  # the store keeps km/h
    assert value_of(shown, "distance") == f"{row.distance_m / 1000 / KM_PER_MILE:.2f} mi"
    assert value_of(shown, "max speed") == f"{row.max_speed_kmh / KM_PER_MILE:.1f} mph"
    assert main(["--data-dir", data, "history", "list"]) == 0
    assert f"{row.distance_m / 1000 / KM_PER_MILE:.2f} mi" in capsys.readouterr().out


def test_a_broken_settings_file_is_noted_and_km_h_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('units = "miles"\n', encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(settings))
    assert main(["simulate", PROFILE, "--no-record"]) == 0
    out, err = capsys.readouterr()
    assert " km/h" in value_of(out.splitlines(), "max speed")
    assert (
        "note: your settings file has a problem" in err and 'units must be "km/h" or "mph"' in err
    )
    assert err.count("\n") == 1
