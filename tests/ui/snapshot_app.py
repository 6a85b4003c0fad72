"""A tiny app that renders the dashboard's screens from a hand-made snapshot (no engine, no
simulator, no clock), so snapshot tests are deterministic."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

import treadmill_tui.ui
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.inputs import Input, StopNow
from treadmill_tui.session.snapshot import SessionSnapshot
from treadmill_tui.ui.programme import planned_changes
from treadmill_tui.ui.screens.advice import AdviceScreen
from treadmill_tui.ui.screens.exercise import ExerciseScreen
from treadmill_tui.ui.screens.help import HelpScreen, open_help
from treadmill_tui.ui.screens.pain import PainCheckScreen
from treadmill_tui.ui.screens.post_walk import PostWalkScreen
from treadmill_tui.ui.screens.red_flag import RedFlagScreen
from treadmill_tui.ui.screens.walk import WalkScreen
from treadmill_tui.ui.view import pain_title, red_flag_markdown, walk_view

CSS = Path(treadmill_tui.ui.__file__).parent / "app.tcss"


class FrozenDashboard(App[None]):
    CSS_PATH = str(CSS)
    TITLE = "First week: 10-minute flat walk"
    SUB_TITLE = "simulated treadmill"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [  # as the real app's
        Binding("space", "stop", "Stop now", priority=True, id="walk.stop"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        snap: SessionSnapshot,
        *,
        pain: bool = False,
        post_walk: bool = False,
        timeline: Timeline | None = None,
        overlay: str | None = None,
        answer: tuple[str, str] | None = None,
    ) -> None:
        """``overlay``: "red_flag", "exercise" or "help" on top of the walk screen."""
        super().__init__()
        self.snap = snap
        self.pain = pain
        self.post_walk = post_walk
        self.timeline = timeline
        self.overlay = overlay
        self.answer = answer
        self.inputs: list[Input] = []
        self.walk = WalkScreen(self.inputs.append, lambda: self.snap)

    def get_default_screen(self) -> Screen[None]:
        return self.walk

    def show(self, snap: SessionSnapshot) -> None:
        """What the real app's tick does with a snapshot."""
        self.snap = snap
        changes = planned_changes(self.timeline) if self.timeline is not None else ()
        self.walk.show(walk_view(snap, changes))
        self.walk.chart.show_progress(snap.prog_t)
        self.walk.sync_bindings(snap)

    def action_stop(self) -> None:
        self.inputs.append(StopNow())

    def action_help(self) -> None:
        open_help(self)

    def on_mount(self) -> None:
        self.walk.set_timeline(self.timeline)
        self.show(self.snap)
        if self.answer is not None:
            self.walk.acknowledge(*self.answer)
        prompt = self.snap.prompt
        if self.pain and prompt is not None:
            title = pain_title(prompt.trigger, prompt.kind)
            on_dismiss = (lambda: True) if prompt.dismissable else None
            self.push_screen(PainCheckScreen(title, lambda answer: None, on_dismiss=on_dismiss))
        if self.post_walk:
            self.push_screen(PostWalkScreen(lambda answer: None))
        if self.overlay == "red_flag":
            self.push_screen(RedFlagScreen(self.snap.red_flag_text, lambda: None))
        elif self.overlay == "exercise":
            screen = ExerciseScreen(lambda: None, lambda: None)
            self.push_screen(screen, callback=None)
            self.call_after_refresh(screen.show, self.snap)
        elif self.overlay == "advice":
            text = red_flag_markdown(None, "999")
            self.push_screen(AdviceScreen(text, can_report=True))
        elif self.overlay == "help":
            self.push_screen(HelpScreen(self.walk))
