"""The dashboard: big numbers from the treadmill and a few forgiving keys.

This first dashboard drives a free walk on the simulated treadmill: the walker starts the belt
with an explicit key, stops it with Space and nudges speed and incline one machine step at a
time. It reads the latest telemetry on a 4 Hz tick and repaints only what changed.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Digits, Footer, Header, Label, Static

from treadmill_tui.devices import DeviceError, DeviceEvent, StatusReceived, Treadmill
from treadmill_tui.devices.events import ControlLost, LinkDropped
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill, SimulatorConfig
from treadmill_tui.ftms import StatusOpCode
from treadmill_tui.profiles.catalogue import SAFETY_STOP_TEXT

log = logging.getLogger(__name__)

SPEED_STEP_KMH = 0.1
INCLINE_STEP_PCT = 0.5
START_SPEED_KMH = 2.0
READING_FIELDS = ("speed", "incline", "distance", "elapsed")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the numbers show, compared between ticks so unchanged widgets are not repainted."""

    speed: str
    incline: str
    distance: str
    elapsed: str


def format_reading(
    speed_kmh: float | None,
    incline_pct: float | None,
    distance_m: float | None,
    elapsed_s: float | None,
) -> Reading:
    """Turn raw telemetry into the strings the big digits show ("--" when unknown)."""

    def fmt(value: float | None, pattern: str) -> str:
        return "--" if value is None else pattern.format(value)

    if elapsed_s is None:
        elapsed = "--:--"
    else:
        whole = int(elapsed_s)
        elapsed = f"{whole // 60:02d}:{whole % 60:02d}"
    return Reading(
        speed=fmt(speed_kmh, "{:.1f}"),
        incline=fmt(incline_pct, "{:.1f}"),
        distance=fmt(None if distance_m is None else distance_m / 1000.0, "{:.2f}"),
        elapsed=elapsed,
    )


class Stat(Vertical):
    """A label over big digits."""

    def __init__(self, label: str, stat_id: str) -> None:
        super().__init__(classes="stat")
        self._label = label
        self._stat_id = stat_id

    def compose(self) -> ComposeResult:
        yield Label(self._label)
        yield Digits("--", id=self._stat_id)


class TreadmillApp(App[int]):
    """Free walk on one treadmill (the simulator for now)."""

    CSS_PATH = "app.tcss"
    TITLE = "treadmill-tui"
    SUB_TITLE = "simulated treadmill"

    BINDINGS = [
        Binding("s", "start", "Start belt", id="walk.start"),
        Binding("space", "stop", "Stop", priority=True, id="walk.stop"),
        Binding("up", "speed(1)", "Faster", id="walk.faster"),
        Binding("down", "speed(-1)", "Slower", id="walk.slower"),
        Binding("right", "incline(1)", "Incline +", id="walk.incline_up"),
        Binding("left", "incline(-1)", "Incline -", id="walk.incline_down"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
    ]

    def __init__(self, *, config: SimulatorConfig | None = None) -> None:
        super().__init__()
        self._config = config or SimulatorConfig()
        self.machine: SimulatedTreadmill | None = None
        self.treadmill: Treadmill | None = None
        self._target_speed = START_SPEED_KMH
        self._target_incline = 0.0
        self._last: Reading | None = None
        self._commands: asyncio.Queue[tuple[str, float | None]] = asyncio.Queue()
        self._digits: dict[str, Digits] = {}
        self._message: Static | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="stats"):
            yield Stat("Speed km/h", "speed")
            yield Stat("Incline %", "incline")
            yield Stat("Distance km", "distance")
            yield Stat("Time", "elapsed")
        yield Static("Connecting to the simulated treadmill…", id="message")
        yield Static(SAFETY_STOP_TEXT, id="safety")
        yield Footer()

    async def on_mount(self) -> None:
        # Hold the digits once: the tick must not query the DOM (it may run during shutdown).
        self._digits = {name: self.query_one(f"#{name}", Digits) for name in READING_FIELDS}
        self._message = self.query_one("#message", Static)
        self.connect()
        self.set_interval(0.25, self.tick)

    # -- device -----------------------------------------------------------------------------

    @work(exclusive=True, group="device", exit_on_error=False)
    async def connect(self) -> None:
        self.machine = SimulatedTreadmill(self._config)
        treadmill = Treadmill(SimulatedTransport(self.machine))
        treadmill.add_listener(self._on_device_event)
        try:
            await treadmill.connect()
            await treadmill.request_control()
        except DeviceError as exc:
            self.say(f"Could not connect: {exc}")
            return
        self.treadmill = treadmill
        self.say("Ready. Clip on the safety key, stand on the belt, then press S to start.")
        while True:
            name, value = await self._commands.get()
            await self._send(treadmill, name, value)

    async def _send(self, treadmill: Treadmill, name: str, value: float | None) -> None:
        try:
            if name == "start":
                await treadmill.start()
                await treadmill.set_target_speed(self._target_speed)
            elif name == "pause":
                await treadmill.pause()
            elif name == "speed" and value is not None:
                self._target_speed = await treadmill.set_target_speed(value)
            elif name == "incline" and value is not None:
                self._target_incline = await treadmill.set_target_inclination(value)
        except DeviceError as exc:
            self.say(str(exc))

    def _on_device_event(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusReceived):
            op = event.status.op_code
            if op == StatusOpCode.STOPPED_BY_SAFETY_KEY:
                self.say("Stopped by the safety key. Press S to start again when you are ready.")
            elif op == StatusOpCode.STOPPED_OR_PAUSED_BY_USER:
                self.say("Stopped from the treadmill console. Press S to start again.")
        elif isinstance(event, ControlLost):
            self.say("The treadmill took back control. The belt will not be moved by the app.")
        elif isinstance(event, LinkDropped):
            self.say("Lost the link to the treadmill.")

    # -- actions ----------------------------------------------------------------------------

    def _queue(self, name: str, value: float | None = None) -> None:
        if self.treadmill is None:
            self.say("Not connected yet.")
            return
        if name == "pause":
            # Stop jumps the queue: anything not yet sent is dropped.
            while not self._commands.empty():
                self._commands.get_nowait()
        self._commands.put_nowait((name, value))

    def action_start(self) -> None:
        self.say("Starting the belt slowly. Space stops it.")
        self._queue("start")

    def action_stop(self) -> None:
        self.say("Stopping the belt. Press S to start again.")
        self._queue("pause")

    def action_speed(self, direction: int) -> None:
        self._queue("speed", round(self._target_speed + direction * SPEED_STEP_KMH, 2))

    def action_incline(self, direction: int) -> None:
        self._queue("incline", round(self._target_incline + direction * INCLINE_STEP_PCT, 2))

    async def action_quit(self) -> None:
        if self.treadmill is not None and self.treadmill.is_connected:
            try:
                await asyncio.wait_for(self.treadmill.pause(), timeout=2.0)
            except (DeviceError, TimeoutError):
                log.warning("could not pause the belt on quit")
        self.exit(0)

    # -- display ----------------------------------------------------------------------------

    def say(self, text: str) -> None:
        if self._message is not None:
            self._message.update(text)

    def tick(self) -> None:
        data = self.treadmill.latest if self.treadmill is not None else None
        if data is None:
            return
        reading = format_reading(
            data.speed_kmh, data.inclination_pct, data.total_distance_m, data.elapsed_s
        )
        last = self._last
        for field in READING_FIELDS:
            value = getattr(reading, field)
            if last is None or getattr(last, field) != value:
                self._digits[field].update(value)
        self._last = reading


def run_dashboard(*, profile_path: str | None = None, sound: bool = True) -> int:
    """Start the dashboard on the simulator; returns the exit status."""
    del profile_path, sound  # the profile walk and metronome join the dashboard later
    result = TreadmillApp().run()
    return int(result or 0)
