"""What a second browser sees while another one controls the walk (``serve``)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = (
    "Another browser is already controlling this walk.\n\n"
    "Only one screen may control the treadmill at a time. Close the walk there (or close that "
    "tab), then reload this page.\n\n"
    "The treadmill's own STOP button and safety key always work."
)


class RefusedApp(App[None]):
    CSS = "Screen { align: center middle; } #refused { width: 60; border: thick $warning; }"

    def compose(self) -> ComposeResult:
        yield Static(TEXT, id="refused", markup=False)


if __name__ == "__main__":
    RefusedApp().run()
