"""Text from files and devices is shown as text, never parsed as Rich markup (issue #15).

A segment named "Walk [/]" passed ``profile check`` and then closed the dashboard 20 s into the
walk ("auto closing tag ('[/]') has nothing to close"); a break so named did the same to the
exercise screen. Here a whole walk with such names runs through warm-up, walk, break and on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.ui.helpers import GENTLE, make_app, start_walking, wait_until
from treadmill_tui.ui.app import TreadmillApp, run_dashboard
from treadmill_tui.ui.screens.exercise import ExerciseScreen

MARKUP = "[/]"
NAMES_PROFILE = f"""
name = "Odd [bold]names {MARKUP}"

[[segments]]
kind = "warmup"
name = "Warm {MARKUP} up [red]"
duration = "2 s"
speed = "1.0 km/h"

[[segments]]
kind = "walk"
name = "Walk {MARKUP}"
duration = "2 s"
speed = "1.0 km/h"

[[segments]]
kind = "break"
name = "Break [/b] [link=x]"
exercises = [{{ name = "Standing abdominal", hold = "2 s", reps = 1 }}]

[[segments]]
kind = "walk"
name = "After [/] the break"
duration = "60 s"
speed = "1.0 km/h"
"""


async def test_markup_in_segment_and_break_names_is_shown_as_text(tmp_path: Path) -> None:
    app = make_app(tmp_path, NAMES_PROFILE, GENTLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_walking(pilot, app)
        await wait_until(pilot, lambda: "Walk [/]" in str(app.walk.where.render()), 10)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 20
        while not isinstance(app.screen, ExerciseScreen):
            assert loop.time() < deadline, "the exercise screen never appeared"
            await asyncio.sleep(0.05)
            await pilot.pause()
        await pilot.pause(0.2)
        assert "Break [/b] [link=x]" in str(app.screen.title_label.render())
    assert app._crash is None and app.return_code in (0, None)


async def test_markup_in_messages_and_notices_is_shown_as_text(tmp_path: Path) -> None:
    app = make_app(tmp_path, NAMES_PROFILE, GENTLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.walk.say("device said [/] and [bold")
        await pilot.pause(0.1)
        assert "device said [/] and [bold" in str(app.walk.message.render())
        app._on_audio_notice("Sound moved to [/red] speakers")  # a line and a toast
        await pilot.pause(0.3)
        assert "Sound moved to [/red] speakers" in str(app.walk.message.render())
    assert app._crash is None


def test_the_process_exits_non_zero_after_an_unexpected_dashboard_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Headless, the real app crashes in a timer; run_dashboard must not report success."""
    monkeypatch.setenv("TREADMILL_TUI_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(tmp_path / "settings.toml"))
    profile = tmp_path / "walk.toml"
    profile.write_text(NAMES_PROFILE, encoding="utf-8")
    real_run = TreadmillApp.run
    real_mount = TreadmillApp.on_mount

    def explode() -> None:
        raise RuntimeError("boom after mount")

    def mount_then_explode(self: TreadmillApp) -> None:
        real_mount(self)
        self.set_timer(0.2, explode)

    def headless_run(self: TreadmillApp) -> object:
        return real_run(self, headless=True)

    monkeypatch.setattr(TreadmillApp, "on_mount", mount_then_explode)
    monkeypatch.setattr(TreadmillApp, "run", headless_run)
    assert run_dashboard(profile_path=str(profile), sound=False) == 1
    err = capsys.readouterr().err
    assert "boom after mount" in err and "Traceback" not in err


async def test_the_picker_shows_markup_in_names_and_problems_as_text(tmp_path: Path) -> None:
    from treadmill_tui.ui.choices import bundled_choices
    from treadmill_tui.ui.screens.picker import PickerScreen

    (tmp_path / "a.toml").write_text(
        NAMES_PROFILE.replace(
            "\n\n[[segments]]", '\ndescription = "Up [/b] hill [red"\n\n[[segments]]', 1
        ),
        encoding="utf-8",
    )
    (tmp_path / "b.toml").write_text(
        'name = "Broken [/] walk"\n[[segments]]\nkind = "walk [/]"\n', encoding="utf-8"
    )
    app = TreadmillApp(None, choices=bundled_choices(tmp_path), sound=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        picker = app.screen
        for _ in range(2):
            await pilot.press("down")
            await pilot.pause(0.1)
        await pilot.press("up")
        await pilot.pause(0.1)
        shown = str(picker.detail.render())
        assert "[/]" in shown
    assert app._crash is None
