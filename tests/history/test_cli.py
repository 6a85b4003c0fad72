"""``history list|show|delete`` and ``simulate`` recording its walk, from the command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from treadmill_tui.cli import main
from treadmill_tui.history.cli import cmd_delete
from treadmill_tui.history.paths import DATA_DIR_ENV, store_path
from treadmill_tui.history.store import Store
from treadmill_tui.profiles import bundled_profiles_dir

PROFILE = str(bundled_profiles_dir() / "first-week-10-min.toml")


def test_simulate_records_its_walk_marked_simulated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "simulate", PROFILE, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    with Store.open(store_path(tmp_path)) as store:
        (row,) = store.list_walks()
        assert row.simulated and not row.partial and row.device == "simulated treadmill"
        assert row.profile == "First week: 10-minute flat walk"
        assert row.distance_m == summary["distance_m"]
    assert main(["--data-dir", str(tmp_path), "history", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["ID", "started", "profile"]
    assert "simulated" in out[1] and "First week" in out[1] and summary["outcome"] in out[1]
    assert main(["--data-dir", str(tmp_path), "history", "list", "--real"]) == 0
    assert "No walks yet" in capsys.readouterr().out


def test_the_environment_variable_picks_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert main(["simulate", PROFILE]) == 0
    assert store_path(tmp_path).exists()
    assert main(["simulate", PROFILE, "--no-record"]) == 0
    with Store.open(store_path(tmp_path)) as store:
        assert len(store.list_walks()) == 1


def test_show_prints_the_walk_and_its_pain_readings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--data-dir", str(tmp_path), "simulate", PROFILE, "--event", "400:pain:5"])
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "history", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "First week: 10-minute flat walk" in out
    assert "pain 5 amber: reduce" in out
    assert "before 2, highest 5" in out
    assert main(["--data-dir", str(tmp_path), "history", "show", "7"]) == 1
    assert "no walk 7" in capsys.readouterr().err


def test_delete_asks_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--data-dir", str(tmp_path), "simulate", PROFILE])
    args = argparse.Namespace(data_dir=str(tmp_path), id=1, yes=False)
    assert cmd_delete(args, ask=lambda q: "n") == 0
    assert "Nothing deleted" in capsys.readouterr().out

    def no_input(question: str) -> str:
        raise EOFError

    assert cmd_delete(args, ask=no_input) == 0
    with Store.open(store_path(tmp_path)) as store:
        assert store.ids() == [1]
    asked: list[str] = []

    def yes(question: str) -> str:
        asked.append(question)
        return "y"

    assert cmd_delete(args, ask=yes) == 0
    assert "Delete walk 1" in asked[0]
    assert main(["--data-dir", str(tmp_path), "history", "delete", "1", "--yes"]) == 1
    with Store.open(store_path(tmp_path)) as store:
        assert store.ids() == []


def test_a_store_that_cannot_be_opened_is_one_line_and_the_walk_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path(tmp_path).mkdir(parents=True)  # a folder where the file should be
    assert main(["--data-dir", str(tmp_path), "simulate", PROFILE, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["summary"]["outcome"] == "completed"
    err_lines = captured.err.strip().splitlines()
    assert len(err_lines) == 1 and "not being saved" in err_lines[0]
    assert main(["--data-dir", str(tmp_path), "history", "list"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "cannot be opened" in err and "Traceback" not in err
