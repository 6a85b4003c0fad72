"""The home screen on a real start (no --profile): the treadmill in use, today's proposed walk
with why and how long, and the last walks with back pain before → after.

Made for a walker a metre away: big plain lines and few keys. Enter starts today's walk (or
opens the walk list when nothing is proposed yet), P chooses another walk, T changes the
treadmill, H shows the history, Escape or Ctrl+Q quits. Nothing here talks to the treadmill:
the choice goes back to the app (``dismiss``), and a picked walk is built exactly as from the
picker; the belt still only starts with S on the walk screen. Kept light (no engine, Bluetooth
or audio imports): it is the first frame a walker sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from treadmill_tui.ui.home_view import TITLE, HomeView

if TYPE_CHECKING:
    from treadmill_tui.profiles.timeline import Timeline

Action = Literal["choose", "device"]  # open the walk list, or the device step


class HomeScreen(Screen["Timeline | Action"]):
    TITLE = TITLE  # in the header: on screen even under the first-run safety text
    DEFAULT_CSS = """
    HomeScreen #home-body { padding: 0 2; }
    HomeScreen #home-device { text-style: bold; padding: 1 0 0 0; }
    HomeScreen #home-today { height: auto; border: round $primary; padding: 0 1;
        margin: 1 0 0 0; }
    HomeScreen #home-today-text { height: auto; }
    HomeScreen #home-enter { text-style: bold; color: $success; padding: 1 0 0 0; }
    HomeScreen #home-recent-title { text-style: bold; padding: 1 0 0 0; }
    HomeScreen #home-recent { height: auto; }
    """
    BINDINGS = [
        # two bindings for Enter: the first one enabled runs (see check_action)
        Binding("enter", "start", "Start today's walk", priority=True, id="home.start"),
        Binding("enter", "choose", "Choose a walk", priority=True, id="home.choose_first"),
        Binding("p", "choose", "Another walk", id="home.choose"),
        Binding("t", "device", "Treadmill", id="home.device"),
        Binding("h", "app.history", "History", id="home.history"),
        # hidden: Ctrl+Q says Quit in the key bar already, and 80 columns are few
        Binding("escape", "app.quit", "Quit", show=False, id="home.quit"),
    ]
    AUTO_FOCUS = None  # nothing focusable: Space stays the app's, never a button press

    def __init__(self, view: HomeView, proposal: Timeline | None) -> None:
        super().__init__(id="home")
        self.view = view
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        view = self.view
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(
                f"Treadmill: {view.device}   (T changes it)", id="home-device", markup=False
            )
            with Vertical(id="home-today") as today:
                today.border_title = "Today"
                yield Static("\n".join(view.today), id="home-today-text", markup=False)
            yield Static(self._enter_line(), id="home-enter", markup=False)
            yield Label("Your last walks", id="home-recent-title")
            yield Static("\n".join(view.recent), id="home-recent", markup=False)
        yield Footer()

    def _enter_line(self) -> str:
        line = f"Press Enter: {self.view.enter_text}."
        if self.view.proposal:
            line += "  P: choose another walk."
        return line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":  # hidden without a proposal: Enter then chooses a walk
            return self.proposal is not None
        return True

    def action_start(self) -> None:
        """Today's proposal, exactly as if it were picked in the walk list."""
        if self.proposal is not None:
            self.dismiss(self.proposal)

    def action_choose(self) -> None:
        self.dismiss("choose")

    def action_device(self) -> None:
        self.dismiss("device")
