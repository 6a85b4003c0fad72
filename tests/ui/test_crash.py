"""An unexpected error in the dashboard is one line for the walker and a file for the bug."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.helpers import make_app


async def test_an_unhandled_error_is_one_line_and_a_log_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logs = tmp_path / "logs"
    monkeypatch.setenv("TREADMILL_TUI_LOG_DIR", str(logs))
    app = make_app(tmp_path)

    def explode() -> None:
        raise RuntimeError("boom in a timer")

    with pytest.raises(RuntimeError, match="boom in a timer"):
        async with app.run_test(size=(100, 30)) as pilot:
            app.set_timer(0.01, explode)
            await pilot.pause(0.3)
    assert app._crash is not None and isinstance(app._crash[0], RuntimeError)
    (log,) = logs.glob("crash-*.log")
    assert "RuntimeError: boom in a timer" in log.read_text(encoding="utf-8")

    # What the terminal shows when the app closes: one plain line, no traceback.
    capsys.readouterr()
    app._exit_renderables.append("Traceback (most recent call last): ...")
    app._print_error_renderables()
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "boom in a timer" in err and str(log) in err
    assert len(err.strip().splitlines()) == 1
