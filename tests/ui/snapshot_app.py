"""A tiny app that renders the dashboard's screens from a hand-made snapshot (no engine, no
simulator, no clock), so snapshot tests are deterministic."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen

import treadmill_tui.ui
from treadmill_tui.session.inputs import Input
from treadmill_tui.session.snapshot import SessionSnapshot
from treadmill_tui.ui.screens.pain import PainCheckScreen
from treadmill_tui.ui.screens.walk import WalkScreen
from treadmill_tui.ui.view import pain_title, walk_view

CSS = Path(treadmill_tui.ui.__file__).parent / "app.tcss"


class FrozenDashboard(App[None]):
    CSS_PATH = str(CSS)
    TITLE = "First week: 10-minute flat walk"
    SUB_TITLE = "simulated treadmill"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, snap: SessionSnapshot, *, pain: bool = False) -> None:
        super().__init__()
        self.snap = snap
        self.pain = pain
        self.inputs: list[Input] = []
        self.walk = WalkScreen(self.inputs.append, lambda: self.snap)

    def get_default_screen(self) -> Screen[None]:
        return self.walk

    def on_mount(self) -> None:
        self.walk.show(walk_view(self.snap))
        self.walk.sync_bindings(self.snap)
        if self.pain and self.snap.prompt is not None:
            title = pain_title(self.snap.prompt.trigger, self.snap.prompt.kind)
            self.push_screen(PainCheckScreen(title, lambda answer: None))
