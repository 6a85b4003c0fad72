"""Toasts never cover an instruction the walker must act on (80×24 included)."""

from __future__ import annotations

import dataclasses

import pytest
from textual.widgets._toast import Toast

from tests.ui.helpers import BASE
from tests.ui.snapshot_app import FrozenDashboard
from tests.ui.test_programme import BREAKS
from treadmill_tui.session.states import State
from treadmill_tui.ui.view import red_flag_markdown

RED_FLAG = dataclasses.replace(
    BASE, state=State.RED_FLAG, locked=True, red_flag_text=red_flag_markdown(None, "999")
)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_toast_does_not_cover_the_red_flag_instruction(size: tuple[int, int]) -> None:
    app = FrozenDashboard(RED_FLAG, timeline=BREAKS, overlay="red_flag")
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        app.notify(
            "Sound stopped (the audio device stopped responding); the beat continues on screen.",
            severity="warning",
            timeout=30,
        )
        await pilot.pause(0.3)
        toasts = list(app.screen.query(Toast)) or list(app.query(Toast))
        assert toasts, "the toast was not drawn"
        hint = app.screen.query_one("#red-flag-hint")
        bar = app.screen.query_one(".key-bar")
        for toast in toasts:
            region = toast.region
            assert not region.overlaps(hint.region), (region, hint.region)
            assert not region.overlaps(bar.region), (region, bar.region)
