from __future__ import annotations

import argparse
import sys
import time
import wave
from pathlib import Path

import pytest

from tests.metronome.exact import exact_beat_times
from treadmill_tui.metronome import cli
from treadmill_tui.metronome.analysis import detect_onsets
from treadmill_tui.metronome.backends.offline import read_wav

FS = 48_000


def _main(argv: list[str]) -> int:
    """The real parser layout: a top-level --no-sound, then the subcommand."""
    parser = argparse.ArgumentParser(prog="treadmill-tui")
    parser.add_argument("--no-sound", action="store_true")
    sub = parser.add_subparsers(dest="command")
    cli.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_render_writes_exact_48k_mono_16bit_wav(tmp_path: Path) -> None:
    out = tmp_path / "ramp.wav"
    argv = ["metronome", "--bpm", "90", "--to", "110", "--over", "60", "--accent"]
    assert _main([*argv, "--render", str(out)]) == 0
    with wave.open(str(out)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (FS, 1, 2)
        assert w.getnframes() == round(60.5 * FS)
    audio, _ = read_wav(out)
    onsets = detect_onsets(audio)
    analytic = [0.5 + float(t) for t in exact_beat_times([(0.0, 60.0, 90.0, 110.0)], 1000)]
    analytic = [t for t in analytic if t < 60.5 - 1e-9]
    assert len(onsets) == len(analytic)
    assert max(abs(o / FS - t) for o, t in zip(onsets, analytic, strict=True)) < 1e-3


def test_render_needs_no_audio_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    monkeypatch.setitem(sys.modules, "miniaudio", None)
    out = tmp_path / "c.wav"
    assert _main(["metronome", "--bpm", "100", "--duration", "3", "--render", str(out)]) == 0
    assert len(detect_onsets(read_wav(out)[0])) == 5  # 0.5 s pre-roll, then 100/min for 3 s


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--bpm", "10"], "--bpm must be between"),
        (["--bpm", "90", "--over", "30"], "--over needs --to"),
        (["--bpm", "90", "--to", "500"], "--to must be between"),
        (["--bpm", "90", "--duration", "-1"], "--duration"),
        (["--bpm", "90", "--volume", "3"], "--volume"),
        (["--bpm", "90", "--render", "/nonexistent/dir/x.wav"], "cannot write"),
    ],
)
def test_bad_input_is_one_line_error(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(["metronome", *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


@pytest.mark.parametrize("flags", [["--no-sound", "metronome"], ["metronome", "--no-sound"]])
def test_play_visual_only_prints_backend_line(
    flags: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main([*flags, "--bpm", "120", "--duration", "0.1"]) == 0
    assert "visual beat only (sound off: --no-sound)" in capsys.readouterr().out


def test_ctrl_c_stops_cleanly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(_: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", interrupt)
    assert _main(["metronome", "--bpm", "90", "--audio", "none"]) == 130
    out = capsys.readouterr().out
    assert "Metronome stopped." in out and "Traceback" not in out


def test_zero_duration_says_more_than_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(["metronome", "--bpm", "90", "--duration", "0"]) == 2
    err = capsys.readouterr().err
    assert "--duration must be more than 0 and at most 14400 seconds" in err
    assert "between 0" not in err
