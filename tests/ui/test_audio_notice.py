"""A sound device lost mid-walk is said on screen, once, and the walk goes on."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.notifications import Notify

from tests.ui.helpers import make_app


async def test_a_sound_device_lost_mid_walk_is_said_on_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    seen: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await pilot.pause()
        assert app.metronome is not None
        text = "Sound stopped (the audio device went away); the beat continues on screen."
        for notice in app.metronome._notices:  # what the metronome calls from poll()
            notice(text)
        await pilot.pause()
        shown = [m.notification.message for m in seen if isinstance(m, Notify)]
        assert shown.count(text) == 1
        assert app.runner is not None and app.runner.snapshot().state.value != "finished"
