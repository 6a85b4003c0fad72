"""``treadmill-tui profile edit [FILE]``: the profile editor on its own, no treadmill."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from treadmill_tui.profiles.drafts import EditTarget, new_target, open_target
from treadmill_tui.profiles.problems import ProfileError
from treadmill_tui.settings import SettingsError, load_settings
from treadmill_tui.ui.screens.editor import EditorScreen


class EditorApp(App[int]):
    """One editor screen; Ctrl+Q asks first when there are unsaved changes."""

    CSS_PATH = "app.tcss"
    TITLE = "treadmill-tui: profile editor"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit")]

    def __init__(self, target: EditTarget, *, step_length_m: float | None = None) -> None:
        super().__init__()
        self.editor = EditorScreen(target, step_length_m=step_length_m)

    def on_mount(self) -> None:
        self.push_screen(self.editor, callback=lambda _: self.exit(0))

    async def action_quit(self) -> None:
        self.editor.leave(lambda: self.exit(0))


def run_editor(path: Path | None) -> int:
    """Open ``path`` (or a new walk) in the editor; 1 with one line if it cannot be read."""
    try:
        target = open_target(path) if path is not None else new_target()
        settings = load_settings()
    except (ProfileError, SettingsError) as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    result = EditorApp(target, step_length_m=settings.step_length_m).run()
    return int(result or 0)
