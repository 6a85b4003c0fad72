"""The walk screen: big numbers, the visual beat, one status line and the safety text.

It never talks to the treadmill: keys become engine inputs through ``submit`` and the picture
comes from :class:`~treadmill_tui.ui.view.WalkView` values; :meth:`WalkScreen.show` repaints
only the widgets whose text changed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static

from treadmill_tui.profiles.catalogue import SAFETY_STOP_TEXT
from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.inputs import (
    End,
    Input,
    ManualOverride,
    Override,
    PainKey,
    RedFlagKey,
    Resume,
    ResumeEasy,
    ReturnToPlan,
    SkipBreak,
    StartWalk,
    TakeBreak,
)
from treadmill_tui.session.snapshot import SessionSnapshot
from treadmill_tui.session.states import WALKING_STATES, State
from treadmill_tui.ui.chart_model import legend
from treadmill_tui.ui.screens.advice import AdviceScreen
from treadmill_tui.ui.view import WalkView, red_flag_markdown
from treadmill_tui.ui.widgets.beat import BeatIndicator
from treadmill_tui.ui.widgets.key_bar import KeyBar
from treadmill_tui.ui.widgets.programme_chart import ProgrammeChart
from treadmill_tui.ui.widgets.stat import Stat

Submit = Callable[[Input], None]
Snapshot = Callable[[], SessionSnapshot | None]

OVERRIDES = {
    ("speed", 1): Override.SPEED_UP,
    ("speed", -1): Override.SPEED_DOWN,
    ("incline", 1): Override.INCLINE_UP,
    ("incline", -1): Override.INCLINE_DOWN,
}


NARROW_BELOW = 100  # columns
SHORT_BELOW = 30  # rows
# The engine takes no red-flag report here (already stopped, over, or not yet connected).
NO_REPORT_STATES = frozenset({State.FINISHED, State.RED_FLAG, State.CONNECTING})
MESSAGE_S = 20.0  # session seconds a message line stays
ANSWER_S = 60.0  # session seconds the acknowledgement of an answer stays
# States in which an older message line may no longer be true.
MESSAGE_ENDS = frozenset({State.PAUSED, State.STOPPING, State.POST_WALK, State.FINISHED})


class WalkScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "start", "Start/resume", id="walk.start"),
        Binding("p", "pain", "Pain check", id="walk.pain"),
        Binding("exclamation_mark", "red_flag", "Warning signs", id="walk.red_flag"),
        Binding("r", "resume_easy", "Resume easy", id="walk.resume_easy"),
        Binding("u", "return_to_plan", "Planned pace", id="walk.return_to_plan"),
        Binding("b", "take_break", "Take a break", id="walk.take_break"),
        Binding("n", "skip_break", "Skip break", id="walk.skip_break"),
        Binding("e", "end", "End walk", id="walk.end"),
        Binding("up", "speed(1)", "Speed", key_display="↑↓", id="walk.faster"),
        Binding("down", "speed(-1)", "Slower", show=False, id="walk.slower"),
        Binding("right", "incline(1)", "Incline", key_display="→←", id="walk.incline_up"),
        Binding("left", "incline(-1)", "Incline -", show=False, id="walk.incline_down"),
        Binding("right_square_bracket", "skip", "Skip", id="walk.skip"),
    ]
    AUTO_FOCUS = None

    def __init__(self, submit: Submit, snapshot: Snapshot, unit: SpeedUnit = KMH) -> None:
        """``unit``: the walker's display unit (the ``units`` setting) for speed and distance."""
        super().__init__(id="walk")
        self._submit = submit
        self._snapshot = snapshot
        self._view: WalkView | None = None
        self._bindings_key: tuple[object, ...] | None = None
        self.emergency: str | None = None  # the number the advice names (None: by locale)
        self.said = ""
        self._said_at: float | None = None
        self.answered = ""
        self._answered_at: float | None = None
        self._said_in: State | None = None
        self.stats = {
            "speed": Stat(f"Speed {unit.label}", "speed", "target --"),
            "incline": Stat("Incline %", "incline", "target --"),
            "cadence": Stat("Cadence spm", "cadence", "estimate"),
            "distance": Stat(f"Distance {unit.distance_label}", "distance"),
            "active": Stat("Active time", "active"),
        }
        # segment names, device notices and messages come from files and devices: plain text
        self.where = Static("Not started", id="where", markup=False)
        self.beat = BeatIndicator(widget_id="beat")
        self.beat_note = Static("Metronome off", id="beat-note", markup=False)
        self.status = Static("Connecting to the treadmill…", id="status", markup=False)
        self.message = Static("", id="message", markup=False)
        self.safety = Static(SAFETY_STOP_TEXT, id="safety")
        self.next_line = Static("", id="next", markup=False)
        self.answer = Static("", id="answer", markup=False)
        self.chart = ProgrammeChart(widget_id="chart", unit=unit)
        self.legend = Static("", id="chart-legend", markup=False)
        self.keys = KeyBar()

    def compose(self) -> ComposeResult:
        yield Header()
        yield self.where
        with Grid(id="stats"):
            yield from self.stats.values()
        with Horizontal(id="beat-row"):
            yield self.beat
            yield self.beat_note
        # what the walker must read comes before the chart, which takes what is left
        yield self.status
        yield self.message
        yield self.safety
        yield self.answer
        yield self.next_line
        yield self.chart
        yield self.legend
        yield self.keys

    # -- display --------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Five big numbers need about 100 columns; a narrower terminal gets them in rows of
        three so none is cut off (an 80×24 laptop terminal is common)."""
        self.query_one("#stats", Grid).set_class(event.size.width < NARROW_BELOW, "-narrow")
        # short terminals: borderless numbers and no chart legend, so the instructions fit
        self.set_class(event.size.height < SHORT_BELOW, "-short")

    def set_timeline(self, timeline: Timeline | None) -> None:
        """The walk to chart (None: no chart, e.g. before a walk is picked)."""
        self.chart.set_timeline(timeline)
        self.legend.update(legend(timeline) if timeline is not None else "")

    def say(self, text: str) -> None:
        """Show one line under the status; :meth:`expire` clears it once it may be stale."""
        self.message.update(text)
        self.said = text
        self._said_at = None

    def acknowledge(self, text: str, tone: str) -> None:
        """The answer to a pain check and what it does ("Green: carry on"), coloured by zone
        (``tone``: green, amber or red); it stays for ``ANSWER_S`` of session time."""
        self.answer.update(text)
        for name in ("green", "amber", "red"):
            self.answer.set_class(name == tone, f"-{name}")
        self.answered = text
        self._answered_at = None

    def expire(self, t: float, state: State) -> None:
        """Clear the message line after ``MESSAGE_S`` of session time, or at once when the
        walk has since paused or ended (where an old "Starting the belt" or "Press U"
        would now be untrue)."""
        if self.answered:
            if self._answered_at is None:
                self._answered_at = t
            if t - self._answered_at >= ANSWER_S:
                self.answered = ""
                self.answer.update("")
        if not self.said:
            return
        if self._said_at is None:
            self._said_at, self._said_in = t, state
        moved_on = state is not self._said_in and state in MESSAGE_ENDS
        if t - self._said_at >= MESSAGE_S or moved_on:
            self.said = ""
            self.message.update("")

    def show(self, view: WalkView) -> None:
        """Repaint only what differs from the last view."""
        last = self._view
        if last == view:
            return
        self._view = view

        def changed(name: str) -> bool:
            return last is None or getattr(last, name) != getattr(view, name)

        # the place line and the Next: line change every second and are one row high whatever
        # they say: repainting them without a layout pass halves a live walk's CPU (bench)
        if changed("where"):
            self.where.update(view.where, layout=False)
        if changed("speed") or changed("speed_target"):
            self.stats["speed"].show(view.speed, view.speed_target)
        if changed("incline") or changed("incline_target"):
            self.stats["incline"].show(view.incline, view.incline_target)
        if changed("cadence") or changed("cadence_note"):
            self.stats["cadence"].show(view.cadence, view.cadence_note)
        if changed("distance"):
            self.stats["distance"].show(view.distance)
        if changed("active"):
            self.stats["active"].show(view.active)
        if changed("status"):
            self.status.update(view.status)
        if changed("beat_note"):
            self.beat_note.update(view.beat_note)
        if changed("next"):
            self.next_line.update(view.next, layout=False)
        if changed("show_safety"):
            self.safety.display = view.show_safety

    def sync_bindings(self, snap: SessionSnapshot) -> None:
        """Refresh the footer when what the keys may do has changed."""
        key = (snap.state, snap.options, snap.speed_control, snap.incline_control)
        if key != self._bindings_key:
            self._bindings_key = key
            self.refresh_bindings()

    # -- keys -> engine inputs --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        snap = self._snapshot()
        if snap is None:
            return False
        opts = snap.options
        walking = snap.state in WALKING_STATES
        if action == "start":
            return "start" in opts or "resume" in opts
        if action in ("pain", "resume_easy", "end"):
            return action in opts
        if action in ("take_break", "skip_break"):
            return action in opts  # only while an exercise break is offered (docs/walking.md §4.1)
        if action == "return_to_plan":
            return "return" in opts  # only after a late green answer (docs/walking.md §3.5)
        if action == "speed":
            return walking and snap.speed_control
        if action == "incline":
            return walking and snap.incline_control
        if action == "skip":
            return walking
        if action == "red_flag":
            return True  # reading the warning signs is always possible (and costs nothing)
        return True

    def action_start(self) -> None:
        snap = self._snapshot()
        if snap is None:
            return
        if "start" not in snap.options and "resume" not in snap.options:
            return  # e.g. during a break offer the belt is already moving: S does nothing
        self.say("Starting the belt slowly. Space stops it.")
        self._submit(StartWalk() if "start" in snap.options else Resume())

    def action_pain(self) -> None:
        self._submit(PainKey())

    def action_resume_easy(self) -> None:
        self.say("Resuming easy: warm-up speed, flat. Space stops the belt.")
        self._submit(ResumeEasy())

    def action_take_break(self) -> None:
        self.say("Taking a break: the belt slows to a stop. Hold the rails.")
        self._submit(TakeBreak())

    def action_skip_break(self) -> None:
        self._submit(SkipBreak())

    def action_return_to_plan(self) -> None:
        self._submit(ReturnToPlan())

    def action_end(self) -> None:
        self.say("Ending the walk.")
        self._submit(End())

    def action_speed(self, direction: int) -> None:
        self._submit(ManualOverride(OVERRIDES[("speed", direction)]))

    def action_incline(self, direction: int) -> None:
        self._submit(ManualOverride(OVERRIDES[("incline", direction)]))

    def action_skip(self) -> None:
        self._submit(ManualOverride(Override.SKIP_SEGMENT))

    def action_red_flag(self) -> None:
        """`!` opens the advice; only its "I have one of these" asks for the red-flag stop."""
        snap = self._snapshot()
        can_report = snap is not None and snap.state not in NO_REPORT_STATES
        text = red_flag_markdown(snap.red_flag_text if snap else None, self.emergency)
        self.app.push_screen(AdviceScreen(text, can_report=can_report), self._advice_closed)

    def _advice_closed(self, have: bool | None) -> None:
        if have:
            self.say("Stopping the belt: you have a warning sign. Please read the advice.")
            self._submit(RedFlagKey())
