"""The top-level command line: version, help, and no tracebacks whatever happens."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import pytest

from treadmill_tui import __version__, cli


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"treadmill-tui {__version__}"


def test_every_subcommand_is_registered() -> None:
    parser = cli.build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert actions
    assert {"profile", "simulate", "metronome"} <= set(actions[0].choices)


@pytest.mark.parametrize(
    ("argv", "device"),
    [
        ([], None),
        (["--simulate"], "simulator"),
        (["--simulate", "--device", "C0:00:00:00:00:10"], "simulator"),
    ],
)
def test_no_arguments_start_at_the_device_step(
    argv: list[str], device: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``treadmill-tui`` alone opens the device step; ``--simulate`` keeps the simulator."""
    import treadmill_tui.ui.app as app

    seen: dict[str, object] = {}

    def fake_dashboard(**kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(app, "run_dashboard", fake_dashboard)
    assert cli.main(argv) == 0
    assert seen["device"] == device


def test_an_unexpected_error_is_one_line_and_a_log_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TREADMILL_TUI_LOG_DIR", str(tmp_path))

    def boom(argv: object) -> int:
        raise RuntimeError("the flux capacitor melted")

    monkeypatch.setattr(cli, "_main", boom)
    assert cli.main(["profile", "check", "x.toml"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "flux capacitor" in err and "Traceback" not in err
    logs = list(tmp_path.glob("crash-*.log"))
    assert len(logs) == 1
    assert "RuntimeError: the flux capacitor melted" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in err


def test_ctrl_c_is_a_quiet_exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(argv: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_main", interrupted)
    assert cli.main([]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_module_entry_point_prints_the_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "treadmill_tui", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"treadmill-tui {__version__}"


def test_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``treadmill-tui profile show X | head -1``: the reader went away; no crash line."""

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    from treadmill_tui.profiles import bundled_profiles_dir

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    profile = str(bundled_profiles_dir() / "flare-day.toml")
    assert cli.main(["profile", "show", profile]) == 141
    assert "something went wrong" not in capsys.readouterr().err
