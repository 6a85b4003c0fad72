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
from treadmill_tui.ui.screens.post_walk import PostWalkScreen
from treadmill_tui.ui.screens.walk import WalkScreen
from treadmill_tui.ui.view import pain_title, walk_view

CSS = Path(treadmill_tui.ui.__file__).parent / "app.tcss"


class FrozenDashboard(App[None]):
    CSS_PATH = str(CSS)
    TITLE = "First week: 10-minute flat walk"
    SUB_TITLE = "simulated treadmill"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self, snap: SessionSnapshot, *, pain: bool = False, post_walk: bool = False
    ) -> None:
        super().__init__()
        self.snap = snap
        self.pain = pain
        self.post_walk = post_walk
        self.inputs: list[Input] = []
        self.walk = WalkScreen(self.inputs.append, lambda: self.snap)

    def get_default_screen(self) -> Screen[None]:
        return self.walk

    def on_mount(self) -> None:
        self.walk.show(walk_view(self.snap))
        self.walk.sync_bindings(self.snap)
        prompt = self.snap.prompt
        if self.pain and prompt is not None:
            title = pain_title(prompt.trigger, prompt.kind)
            on_dismiss = (lambda: True) if prompt.dismissable else None
            self.push_screen(PainCheckScreen(title, lambda answer: None, on_dismiss=on_dismiss))
        if self.post_walk:
            self.push_screen(PostWalkScreen(lambda answer: None))
