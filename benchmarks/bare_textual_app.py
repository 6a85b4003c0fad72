"""A bare Textual app for scale in the launch figure: the least any Textual screen costs."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label, OptionList


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(sys.argv[1] if len(sys.argv) > 1 else "First screen")
        yield OptionList("First week", "Thirty minutes")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
