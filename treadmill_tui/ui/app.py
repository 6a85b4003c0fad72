"""The walk dashboard: a walk profile run by the session engine on the simulated treadmill.

Safety rule: the UI never talks to the treadmill. The session runner owns the treadmill client
and runs in a Textual worker on Textual's own asyncio loop (real time). The UI reads the
engine's snapshot on one 4 Hz tick, repaints only what changed, raises the screen the engine's
state calls for (pain check, red flag, exercise break, post-walk) and turns keys into engine
inputs. Space (stop now) and Ctrl+Q (stop, then quit) are priority bindings, so no screen or
widget can swallow them. The metronome is polled at 25 Hz and drives the visual beat.

Without a timeline the app first shows the home screen (a real start: today's proposed walk,
the treadmill, the last walks; ui/screens/home.py) or the profile picker; the simulator,
metronome, engine and runner are built only once a walk is picked, exactly as with --profile.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from treadmill_tui.crashlog import one_line, write_crash_log
from treadmill_tui.devices.bluetooth.kinds import Kind
from treadmill_tui.devices.opening import SIMULATOR, open_transport
from treadmill_tui.devices.remembered import (
    Remembered,
    RememberedDevices,
    load_remembered,
    save_remembered,
)
from treadmill_tui.metronome.cue_kind import CueKind
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.profiles import ProfileError, bundled_profiles_dir, compile_profile, load_profile
from treadmill_tui.profiles.catalogue import SAFETY_STOP_TEXT
from treadmill_tui.profiles.display_units import speed_unit
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.engine_settings import EngineSettings
from treadmill_tui.session.events import (
    BeltStopped,
    BreakOffered,
    BreakOfferWithdrawn,
    BreakSkipped,
    BreakStageChanged,
    ExerciseShown,
    LoadReduced,
    PainAnswered,
    PromptDismissed,
    PromptOpened,
    SessionEvent,
    StateChanged,
    TimeInStep,
    WalkerMessage,
)
from treadmill_tui.session.in_step import InStep
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    DismissPrompt,
    End,
    Input,
    NextExercise,
    PainReport,
    PostWalkAnswer,
    StopNow,
)
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.snapshot import SessionSnapshot
from treadmill_tui.session.states import WALKING_STATES, State
from treadmill_tui.settings import SettingsError, load_settings, settings_path
from treadmill_tui.settings_edit import is_acknowledged
from treadmill_tui.ui.answers import check_title, from_events
from treadmill_tui.ui.choices import DEFAULT_PROFILE, ProfileChoice, all_choices, load_choice
from treadmill_tui.ui.cue_plan import CueState, due_cues
from treadmill_tui.ui.first_run import FirstRunScreen
from treadmill_tui.ui.history_hook import DashboardHistory, TodaysWalk
from treadmill_tui.ui.home_view import device_text, home_view, recent_lines, stored_walks
from treadmill_tui.ui.messages import SessionEventPosted
from treadmill_tui.ui.programme import Change, plan_at, planned_changes, walk_has_cadence
from treadmill_tui.ui.screens.exercise import ExerciseScreen
from treadmill_tui.ui.screens.help import open_help
from treadmill_tui.ui.screens.home import Action, HomeScreen
from treadmill_tui.ui.screens.pain import PainCheckScreen
from treadmill_tui.ui.screens.picker import PickerScreen
from treadmill_tui.ui.screens.post_walk import PostWalkScreen
from treadmill_tui.ui.screens.red_flag import RedFlagScreen
from treadmill_tui.ui.screens.walk import WalkScreen
from treadmill_tui.ui.sensor_view import header_text, with_sensors
from treadmill_tui.ui.small_window import is_small
from treadmill_tui.ui.view import (
    Overlay,
    WalkView,
    belt_stopped,
    emergency_number,
    overlay_for,
    stop_key_text,
    walk_view,
)

if TYPE_CHECKING:  # the engine, the device stack, numpy and the audio chain load once a walk
    # starts, the Bluetooth scan when the device step opens (scripts/bench: launch)
    from treadmill_tui.devices.bluetooth.quirks import Quirk
    from treadmill_tui.devices.bluetooth.sensors import SensorReader
    from treadmill_tui.devices.link_watch import LinkWatch
    from treadmill_tui.devices.simulator import SimulatedTreadmill, SimulatorConfig
    from treadmill_tui.devices.transport import FtmsTransport
    from treadmill_tui.devices.treadmill import Treadmill
    from treadmill_tui.metronome.announcer import Announcer
    from treadmill_tui.metronome.player import Metronome
    from treadmill_tui.session.runner import RunnerSettings, SessionRunner
    from treadmill_tui.session.summary import SessionSummary
    from treadmill_tui.ui.screens.device import DeviceChoice, DeviceScreen, Scanner

log = logging.getLogger(__name__)

TICK_S = 0.25
BEAT_POLL_S = 1 / 25
QUIT_STOP_WAIT_S = 2.0
# Session events that change what is on screen: refresh at once instead of on the next tick.
PROMPT_EVENTS: tuple[type, ...] = (
    StateChanged,
    PromptOpened,
    PromptDismissed,
    BreakStageChanged,
    ExerciseShown,
    PainAnswered,
    BeltStopped,
    BreakOffered,
    BreakOfferWithdrawn,
    BreakSkipped,
)


class TreadmillApp(App[int]):
    """One guided walk on the simulated treadmill (picked first when ``timeline`` is None)."""

    CSS_PATH = "app.tcss"
    TITLE = "treadmill-tui"
    SUB_TITLE = "simulated treadmill"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("space", "stop", "Stop now", priority=True, id="walk.stop"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding(
            "x", "cancel_reconnect", "Cancel reconnect", priority=True, id="app.cancel_reconnect"
        ),
        Binding("l", "reconnect", "Connect again", priority=True, id="app.reconnect"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("w", "another_walk", "Choose another walk", id="app.another_walk"),
    ]

    def __init__(
        self,
        timeline: Timeline | None,
        *,
        choices: Sequence[ProfileChoice] | None = None,
        sim_config: SimulatorConfig | None = None,
        sound: bool = True,
        engine_settings: EngineSettings | None = None,
        runner_settings: RunnerSettings | None = None,
        emergency: str | None = None,
        audio: str = "auto",
        visual_offset_s: float = 0.0,
        speech: bool = True,
        units: str = "km/h",
        device: str | None = SIMULATOR,
        device_name: str | None = None,
        footpod: Remembered | None = None,
        heart_rate: Remembered | None = None,
        remembered: RememberedDevices | None = None,
        settings_dir: Path | None = None,
        quirks: list[Quirk] | None = None,
        scanner: Scanner | None = None,
        transport_factory: Callable[[str], FtmsTransport] | None = None,
        data_dir: str | None = None,
        home: bool | None = None,
    ) -> None:
        """``speech``: say cues aloud (espeak-ng) as well as chiming them; ``units``: "km/h" or
        "mph", how speeds and distances are shown (the engine and the store keep km/h);
        ``home``: show the home screen before the picker (default: with neither ``timeline``
        nor ``choices``, as on a real start)."""
        super().__init__()
        self._unit = speed_unit(units)
        self._speech = speech
        self.announcer: Announcer | None = None
        self._cues = CueState()
        self._pain: PainAnswered | None = None
        # walks are recorded; the summary, morning question and history come from here
        self.history = DashboardHistory(
            data_dir, simulated=device == SIMULATOR, notify=self._history_notice, unit=self._unit
        )
        self._today = TodaysWalk(None, None)  # read from the history once the app starts
        # the device step (device None) comes before the picker; see docs/bluetooth.md
        self._device = device
        self._device_name = device_name
        self._footpod = footpod
        self._heart_rate = heart_rate
        self._remembered = remembered or RememberedDevices()
        self._settings_dir = settings_dir
        self._quirks = quirks
        self._scanner = scanner
        self._transport_factory = transport_factory
        self.device_step: DeviceScreen | None = None
        self.link: LinkWatch | None = None
        self.sensors: list[SensorReader] = []
        self.in_step = InStep()
        self._in_step_kept = False
        self._audio = audio
        self._visual_offset_s = visual_offset_s
        self.timeline = timeline
        self._choices = choices  # None: the bundled profiles, loaded when the picker opens
        self.title = (timeline.name or "treadmill-tui") if timeline is not None else "Choose a walk"
        self.picker: PickerScreen | None = None
        self.home: HomeScreen | None = None
        self._home = (timeline is None and choices is None) if home is None else home
        self._proposed: ProfileChoice | None = None  # today's proposal as a walk in the list
        self._proposed_for: TodaysWalk | None = None  # the reading of today it was made from
        self._safety_told = False
        self._sim_config = sim_config  # None: the simulator's defaults
        self._sound = sound
        # the engine fills the red-flag text with the number for this locale (docs/walking.md §5)
        self._engine_settings = dataclasses.replace(
            engine_settings or EngineSettings(),
            emergency_number=emergency or emergency_number(),
            speed_unit=self._unit,
        )
        self._runner_settings = runner_settings
        self.machine: SimulatedTreadmill | None = None  # for tests and demos; the UI never uses it
        self.runner: SessionRunner | None = None
        self.metronome: Metronome | None = None
        self.summary: SessionSummary | None = None
        self.snap: SessionSnapshot | None = None
        self._treadmill: Treadmill | None = None
        self._worker: Worker[None] | None = None
        self._overlay: Screen[None] | None = None
        self._overlay_key: Overlay | None = None
        self._answered: set[Overlay] = set()
        self._quitting = False
        self._crash: tuple[Exception, Path | None] | None = None
        self._changes: tuple[Change, ...] = ()
        self._has_cadence = False
        self._walk_timers: list[Timer] = []
        self.walk = WalkScreen(self.submit, lambda: self.snap, self._unit)
        self.walk.emergency = self._engine_settings.emergency_number
        # Without a walk to start at once, the app opens on an empty screen under home and the
        # picker, and the walk screen (the biggest there is) is mounted when a walk is chosen:
        # styling it up front cost a tenth of a second of every launch (scripts/bench: launch).
        self._lobby: Screen[None] = Screen(id="lobby")
        self._walk_starting = False

    def on_resize(self, event: events.Resize) -> None:
        """A small window drops the big numbers and the chart, so the status and safety lines
        stay on screen (docs/safety.md)."""
        self.set_class(is_small(event.size.width, event.size.height), "-small")

    def get_default_screen(self) -> Screen[None]:
        return self.walk if self.timeline is not None else self._lobby

    def on_mount(self) -> None:
        checkin = self.history.checkin_screen()  # the next-morning question comes first
        if checkin is not None:
            self.push_screen(checkin, callback=lambda _: self._begin())
        else:
            self._begin()

    def _begin(self) -> None:
        self._today = self.history.today()  # docs/progression.md; read once per start
        if self._today.suggestion is not None and not self._home:  # home shows it itself
            self._history_notice(self._today.suggestion)
        if self._device is None:
            self._device_step()
            return
        self._after_device()

    def _device_step(self, *, back: bool = False) -> None:
        from treadmill_tui.ui.screens.device import DeviceScreen  # loads the scanner

        self.title = "Choose your treadmill"
        self.device_step = DeviceScreen(
            self._remembered,
            scanner=self._scanner,
            footpod=self._footpod,
            heart_rate=self._heart_rate,
            back=back,
        )
        self.push_screen(self.device_step, callback=self._device_chosen)

    def _device_chosen(self, choice: DeviceChoice | None) -> None:
        self.device_step = None
        if self._quitting:
            return
        if choice is None:  # Escape from the home screen's T: back there unchanged
            if self._home and self._device is not None:
                self._open_home()
            return
        simulated = choice.treadmill == SIMULATOR
        if simulated != self.history.simulated:  # simulator walks count only on the simulator
            self.history.simulated = simulated
            self._today = self.history.today()
        self._device, self._device_name = choice.treadmill, choice.treadmill_name
        self._footpod, self._heart_rate = choice.footpod, choice.heart_rate
        self._remember()
        self.title = "Choose a walk"
        self._after_device()

    def _remember(self) -> None:
        """Keep the choices for next time (the simulator is not a device to remember)."""
        if self._settings_dir is None:
            return
        treadmill = self._remembered.treadmill
        if self._device not in (None, SIMULATOR):
            treadmill = Remembered(str(self._device), self._device_name)
        self._remembered = RememberedDevices(treadmill, self._footpod, self._heart_rate)
        save_remembered(self._settings_dir, self._remembered)

    def _after_device(self) -> None:
        if self.timeline is not None:
            self._start_walk(self.timeline)
            return
        if self._home:
            self._open_home()
            if not self._safety_told and not is_acknowledged():  # the very first run, once
                self.push_screen(FirstRunScreen())
            self._safety_told = True
            return
        self._open_picker()

    def _proposal(self) -> ProfileChoice | None:
        """Today's proposal written as a walk profile and loaded like any walk in the list."""
        text = self._today.profile_text
        proposed = self.history.save_proposal(text) if text else None
        return load_choice(proposed) if proposed is not None else None

    def _open_home(self) -> None:
        """The home screen (ui/screens/home.py): today's walk, the treadmill, the last walks."""
        if self._proposed_for is not self._today:  # written and loaded once per reading of today
            self._proposed, self._proposed_for = self._proposal(), self._today
        proposal = self._proposed
        timeline = proposal.timeline if proposal is not None else None
        rows = stored_walks(self.history.path)
        device = device_text(self._device, self._device_name)
        today = self._today
        view = home_view(
            device, today.suggestion, timeline, recent_lines(rows), today.reason, self._unit
        )
        self.title = "treadmill-tui"
        simulated = self._device in (None, SIMULATOR)
        self.sub_title = "simulated treadmill" if simulated else (self._device_name or device)
        self.home = HomeScreen(view, timeline)
        self.push_screen(self.home, callback=self._home_chosen)

    def _home_chosen(self, choice: Timeline | Action | None) -> None:
        self.home = None
        if choice is None or self._quitting:
            return
        if choice == "device":
            self._device_step(back=True)
        elif choice == "choose":
            self._open_picker()
        else:  # today's proposal: exactly as if it were picked in the walk list
            self._picked(choice)

    def _open_picker(self) -> None:
        choices = list(self._choices) if self._choices is not None else all_choices()
        if self._home and self._proposed is not None:  # today's proposal first, as on home
            choices = [self._proposed, *choices]
        self.title = "Choose a walk"
        self.picker = PickerScreen(choices, back=self._home, unit=self._unit)
        self.push_screen(self.picker, callback=self._picked)

    def _picked(self, timeline: Timeline | None) -> None:
        self.picker = None
        if self._quitting or self.runner is not None or self._walk_starting:
            return
        if timeline is None:  # Escape in the list opened from the home screen: back there
            if self._home:
                self._open_home()
            return
        self.timeline = timeline
        self.title = timeline.name or "treadmill-tui"
        if self.walk in self.screen_stack:  # a walk before this one: its screen is still there
            self._start_walk(timeline)
            return
        # the walk screen goes over the empty one and is mounted before the walk starts (it
        # stays there for the next walk; home and the picker open over it)
        shown = self.push_screen(self.walk)
        self._walk_starting = True

        async def start_once_shown() -> None:
            await shown
            self._walk_starting = False
            if not self._quitting and self.runner is None:
                self._start_walk(timeline)

        self.call_later(start_once_shown)

    def _start_walk(self, timeline: Timeline) -> None:
        """Build the simulator, metronome, engine and runner, and start the session worker."""
        from treadmill_tui.devices.link_watch import LinkWatch
        from treadmill_tui.devices.simulator import SimulatedTransport
        from treadmill_tui.metronome.announcer import Announcer
        from treadmill_tui.metronome.backends.choose import choose_backend
        from treadmill_tui.metronome.player import Metronome
        from treadmill_tui.session.wiring import open_session

        loop = asyncio.get_running_loop()
        spec = self._device or SIMULATOR
        transport = self._open(spec)
        if isinstance(transport, SimulatedTransport):
            self.machine = transport.machine
        self.link = LinkWatch(transport)
        if spec != SIMULATOR:
            self.sub_title = header_text(self._device_name or spec, self.link.state)
        self._start_sensors()
        backend, note = choose_backend(self._audio, no_sound=not self._sound, bell=self.bell)
        self.metronome = Metronome(
            backend,
            message=note,
            visual_offset_s=self._visual_offset_s,
            bell=self.bell if self._sound else None,  # the last sound to fall back to
        )
        self.metronome.on_notice(self._on_audio_notice)
        self.metronome.on_beat(self._on_beat)
        self.announcer = Announcer(
            self.metronome, speech=self._speech, bell=self.bell if self._sound else None
        )
        # no session history yet: session_number stays unknown (None), so no offered breaks
        session = open_session(
            timeline,
            self.link,
            engine_settings=self._engine_settings,
            runner_settings=self._runner_settings,
            metronome=self.metronome,
            start=loop.time(),
        )
        self._treadmill, self.runner = session.treadmill, session.runner
        self.runner.subscribe(self._on_session_event)
        self.history.start(
            timeline,
            self.runner,
            device=spec,
            device_name=self._device_name,
            readings=self._readings,
        )
        self.snap = self.runner.snapshot()
        self._changes = planned_changes(timeline, self._unit)
        self._has_cadence = walk_has_cadence(timeline)
        self.walk.set_timeline(timeline)
        self.walk.say(note)
        self.tick()
        self._worker = self.run_session()
        self._walk_timers = [
            self.set_interval(TICK_S, self.tick, name="ui-tick"),
            self.set_interval(BEAT_POLL_S, self._poll_beat, name="beat-poll"),
        ]

    # -- after the walk: back home (or to the picker) -------------------------------------------

    def _walk_over(self) -> bool:
        snap = self.snap
        return (
            snap is not None
            and snap.state is State.FINISHED
            and self.picker is None
            and self.home is None
        )

    def action_another_walk(self) -> None:
        """After the walk (the belt is stopped and owes nothing): close it, pick another."""
        if self._walk_over() and not self._quitting:
            self.run_worker(self._back_to_picker(), group="picker", exclusive=True)

    async def _back_to_picker(self) -> None:
        for timer in self._walk_timers:
            timer.stop()
        self._walk_timers = []
        runner, worker, treadmill = self.runner, self._worker, self._treadmill
        if self.metronome is not None:
            self.metronome.stop()
        if runner is not None:
            runner.close()
        if worker is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(worker.wait(), timeout=6.0)
        if treadmill is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(treadmill.close(), timeout=2.0)
        for reader in self.sensors:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(reader.close(), timeout=2.0)
        self.sensors = []
        self.link = None
        self._drop_overlay()
        self.runner = self.metronome = self.announcer = None
        self._treadmill = self.machine = None
        self._worker = None
        self.snap = None
        self._answered.clear()
        self._changes = ()
        self._cues = CueState()
        self._pain = None
        self.walk.set_timeline(None)
        self.walk.say("")
        if self._home:  # home again, with this walk in the last walks and a fresh proposal
            self._today = self.history.today()
            self._open_home()
            return
        self._open_picker()

    def _open(self, spec: str) -> FtmsTransport:
        if self._transport_factory is not None:
            return self._transport_factory(spec)
        return open_transport(spec, sim_config=self._sim_config, quirks=self._quirks)

    def _start_sensors(self) -> None:
        """Optional footpod and strap: connected in the background; a lost one says so once."""
        from treadmill_tui.devices.bluetooth.sensors import SensorReader

        for chosen, kind in ((self._footpod, Kind.FOOTPOD), (self._heart_rate, Kind.HEART_RATE)):
            if chosen is None:
                continue
            reader = SensorReader(self._open(chosen.address), kind, on_lost=self._sensor_lost)
            reader.keep_alive()
            self.sensors.append(reader)

    def _sensor_lost(self, text: str) -> None:
        self.walk.say(text)
        self.notify(text, severity="warning", timeout=8)

    def _sensor(self, kind: Kind) -> SensorReader | None:
        return next((r for r in self.sensors if r.kind is kind), None)

    def _decorate(self, snap: SessionSnapshot) -> WalkView:
        """The walk view plus the footpod's cadence, time in step and heart rate."""
        tl = self.timeline
        has_cadence = tl is not None and self._has_cadence
        plan = None  # the plan's cadence is only needed to say why there is no beat
        if tl is not None and has_cadence and snap.metronome_spm is None:
            plan = plan_at(tl, snap.prog_t).cadence_spm
        view = walk_view(
            snap,
            self._changes,
            plan_cadence=plan,
            walk_has_cadence=has_cadence,
            unit=self._unit,
        )
        if not self.sensors:
            return view
        now = asyncio.get_running_loop().time()
        pod = self._sensor(Kind.FOOTPOD)
        heart, measured = self._readings(now)
        self.in_step.update(now, snap.metronome_spm, measured, snap.state in WALKING_STATES)
        return with_sensors(
            view,
            footpod_spm=measured,
            footpod_on=pod is not None,
            heart_bpm=heart,
            in_step_s=self.in_step.seconds if pod is not None else None,
        )

    def _keep_in_step(self, snap: SessionSnapshot) -> None:
        """Once the walk is over, put the time in step into the walk's record (its events go
        to the history with the rest)."""
        done = snap.state in (State.POST_WALK, State.FINISHED, State.RED_FLAG)
        if self._in_step_kept or not done or self._sensor(Kind.FOOTPOD) is None:
            return
        if self.runner is None:
            return
        self._in_step_kept = True
        share = self.in_step.share
        self.runner.engine.record(
            asyncio.get_running_loop().time(),
            TimeInStep(
                seconds=round(self.in_step.seconds, 1),
                measured_s=round(self.in_step.measured_s, 1),
                share=None if share is None else round(share, 3),
            ),
        )

    def _readings(self, now: float | None = None) -> tuple[int | None, int | None]:
        """Heart rate and the footpod's cadence now (None when unknown); the treadmill's own
        heart-rate reading comes first."""
        if now is None:
            now = asyncio.get_running_loop().time()
        pod, strap = self._sensor(Kind.FOOTPOD), self._sensor(Kind.HEART_RATE)
        heart = strap.value(now) if strap is not None else None
        latest = self._treadmill.latest if self._treadmill is not None else None
        if latest is not None and latest.heart_rate_bpm is not None:
            heart = latest.heart_rate_bpm
        return heart, pod.value(now) if pod is not None else None

    # -- the session worker ------------------------------------------------------------------

    @work(exclusive=True, group="session", exit_on_error=False)
    async def run_session(self) -> None:
        assert self.runner is not None
        self.summary = await self.runner.run()
        events = [e.to_dict() for e in self.runner.engine.events]
        share = self.in_step.share  # only a footpod gives a measured cadence
        screen = await self.history.finish(
            self.summary.to_dict(),
            events,
            on_history=self.action_history,
            in_step_pct=None if share is None else share * 100,
        )
        if not self._quitting:
            self.push_screen(screen)

    def action_history(self) -> None:
        screen = self.history.history_screen()
        if screen is not None:
            self.push_screen(screen)

    def _history_notice(self, text: str) -> None:
        self.notify(text, title="History", timeout=10)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "session":
            return
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            log.error("session stopped: %r", error)
            self.notify(
                f"The walk stopped because of an internal problem ({error}). "
                "Use the treadmill's STOP button or safety key if the belt still moves.",
                title="Session stopped",
                severity="error",
                timeout=30,
                markup=False,
            )
            self.walk.say("The session stopped. Ctrl+Q quits.")
        elif event.state is WorkerState.SUCCESS and not self._quitting:
            self.tick()

    def submit(self, item: Input) -> None:
        """Hand a walker input to the engine (the only way keys affect the walk)."""
        if self.runner is None:
            return
        self.runner.submit(item)

    def _on_session_event(self, event: SessionEvent) -> None:
        self.post_message(SessionEventPosted(event))

    def on_session_event_posted(self, message: SessionEventPosted) -> None:
        event = message.event
        if isinstance(event, WalkerMessage):
            self.walk.say(event.text)
            if event.kind == "danger":
                self.notify(event.text, severity="error", markup=False)
            elif event.kind == "warning":
                self.notify(event.text, severity="warning", markup=False)
        elif isinstance(event, PainAnswered | LoadReduced):
            self._acknowledge(event)
        if isinstance(event, PROMPT_EVENTS) and not self._quitting:
            self.tick()

    def _acknowledge(self, event: PainAnswered | LoadReduced) -> None:
        """Say what an answer does ("Amber: incline back to 0 %…"), on screen and aloud."""
        if isinstance(event, PainAnswered):
            self._pain = event
        if self._pain is None or self.timeline is None:
            return
        reduce = event if isinstance(event, LoadReduced) else None
        recheck_s = self.timeline.pain_policy.amber_recheck_s
        said = from_events(self._pain, reduce, recheck_s, self._unit)
        if said is not None:
            self.walk.acknowledge(*said)
            if self.announcer is not None:
                self.announcer.announce(CueKind.ANSWER, said[0])

    # -- the tick --------------------------------------------------------------------------

    def tick(self) -> None:
        """Read one snapshot; repaint what changed; raise or drop the screen the state asks for."""
        if self.runner is None or self._quitting:
            return
        snap = self.runner.snapshot()
        self.snap = snap
        self.walk.show(self._decorate(snap))
        self._keep_in_step(snap)
        if self.link is not None and self._device not in (None, SIMULATOR):
            self.sub_title = header_text(self._device_name or str(self._device), self.link.state)
        self.walk.chart.show_progress(snap.prog_t)
        self.walk.expire(snap.t, snap.state)
        self._cues, due = due_cues(self._cues, snap, self._changes)
        if self.announcer is not None:
            for kind, words in due:
                self.announcer.announce(kind, words)
        self.walk.sync_bindings(snap)
        self._sync_overlay(snap)
        if isinstance(self._overlay, ExerciseScreen):
            self._overlay.show(snap)

    def _sync_overlay(self, snap: SessionSnapshot) -> None:
        want = overlay_for(snap)
        if want is not None and want in self._answered:
            want = None
        if want == self._overlay_key:
            return
        self._drop_overlay()
        if want is None:
            return
        screen = self._make_overlay(want, snap)
        self._overlay, self._overlay_key = screen, want
        self.push_screen(screen)

    def _make_overlay(self, key: Overlay, snap: SessionSnapshot) -> Screen[None]:
        kind = key[0]
        if kind == "red_flag":
            return RedFlagScreen(snap.red_flag_text, lambda: self.submit(AcknowledgeRedFlag()))
        if kind == "post_walk":
            return PostWalkScreen(lambda answer: self._answer_post_walk(key, answer))
        if kind == "exercise":
            return ExerciseScreen(lambda: self.submit(NextExercise()), lambda: self.submit(End()))
        prompt = snap.prompt
        interval = self.timeline.pain_policy.interval_s if self.timeline else 300.0
        title = (
            check_title(prompt.trigger, prompt.kind, prompt.repeats, interval)
            if prompt
            else "Pain check"
        )
        # before the first start the walker also reads the safety-key text here
        note = SAFETY_STOP_TEXT if prompt is not None and prompt.kind == "baseline" else ""
        # only the walker's own pain-key check may be closed unanswered (the engine decides)
        on_dismiss = (
            (lambda: self._dismiss_pain(key)) if prompt is not None and prompt.dismissable else None
        )
        return PainCheckScreen(
            title, lambda answer: self._answer_pain(key, answer), note, on_dismiss
        )

    def _drop_overlay(self) -> None:
        screen, self._overlay, self._overlay_key = self._overlay, None, None
        if screen is None:
            return
        if screen is self.screen:
            self.pop_screen()
        elif screen in self.screen_stack:
            self.call_later(self._remove_screen, screen)

    async def _remove_screen(self, screen: Screen[None]) -> None:
        with contextlib.suppress(Exception):
            if screen in self.screen_stack and screen is self.screen:
                await self.pop_screen()

    def _answer_pain(self, key: Overlay, answer: PainAnswer) -> None:
        self._answered.add(key)
        self.submit(PainReport(answer))
        self._drop_overlay()

    def _dismiss_pain(self, key: Overlay) -> bool:
        """Escape on a pain-key check: ask the engine to close it, if it still may be."""
        if self.runner is None:
            return False
        prompt = self.runner.snapshot().prompt
        if prompt is None or prompt.since != key[1] or not prompt.dismissable:
            return False
        self.submit(DismissPrompt())  # the tick drops the screen once the prompt is gone
        return True

    def _answer_post_walk(self, key: Overlay, answer: PostWalkAnswer) -> None:
        self._answered.add(key)
        self.submit(answer)
        self._drop_overlay()

    # -- the visual beat -------------------------------------------------------------------

    def _poll_beat(self) -> None:
        if self.metronome is not None and not self._quitting:
            self.metronome.poll()
            if self.announcer is not None:
                self.announcer.poll()

    def _on_audio_notice(self, text: str) -> None:
        """The sound changed mid-walk (a device went away): say so once; the beat goes on."""
        self.walk.say(text)
        self.notify(text, severity="warning", timeout=8, markup=False)

    def _on_beat(self, event: BeatEvent) -> None:
        self.walk.beat.beat(event)

    # -- priority actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "another_walk":
            return self._walk_over()
        if action == "stop":
            # on the device step, the home screen or the picker no belt can move: keep the
            # footer short
            return self.picker is None and self.device_step is None and self.home is None
        if action == "cancel_reconnect":
            return self.link is not None and self.link.reconnecting and self.runner is not None
        if action == "reconnect":
            if self.link is None:
                return False
            from treadmill_tui.devices.link_watch import LinkPhase  # loaded with the walk

            return self.link.state.phase is LinkPhase.LOST
        return True

    def action_help(self) -> None:
        open_help(self)

    def action_stop(self) -> None:
        self.walk.say(stop_key_text(self.snap))
        self.submit(StopNow())

    def action_cancel_reconnect(self) -> None:
        """The walker stops the reconnect attempts (T tries again)."""
        if self.link is not None:
            self.link.cancel()
            self.walk.say(
                "Stopped reconnecting. Use the treadmill's own STOP button or safety key if the "
                "belt moves. L connects again."
            )
            self.tick()

    def action_reconnect(self) -> None:
        if self.link is not None:
            self.link.retry()
            self.walk.say("Connecting to the treadmill again…")
            self.tick()

    async def action_quit(self) -> None:
        """Stop the belt through the engine, wait for the stop to go out, then exit."""
        if self._quitting:
            return
        from treadmill_tui.ui.screens.editor import EditorScreen  # not loaded at start

        if isinstance(self.screen, EditorScreen) and self.screen.dirty:  # ask, lose nothing
            self.screen.leave(lambda: self.call_later(self.action_quit))
            return
        runner, worker = self.runner, self._worker
        if runner is not None and worker is not None and worker.is_running:
            sent = len(runner.write_times)
            runner.submit(StopNow())
            snap = runner.snapshot()
            moving = snap.state in WALKING_STATES or not belt_stopped(snap)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + QUIT_STOP_WAIT_S
            while moving and loop.time() < deadline:
                if any(name in ("pause", "stop") for _, name in runner.write_times[sent:]):
                    break
                await asyncio.sleep(0.02)
            self._quitting = True
            runner.close()  # the runner flushes the queued stop before it returns
            with contextlib.suppress(Exception):
                await asyncio.wait_for(worker.wait(), timeout=6.0)
        self._quitting = True
        if self._treadmill is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._treadmill.close(), timeout=2.0)
        for reader in self.sensors:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(reader.close(), timeout=2.0)
        if self.metronome is not None:
            self.metronome.stop()
        self.exit(0)

    # -- the last line of defence ------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """An unhandled error: pause the belt if we can, keep the traceback for the bug report,
        and let Textual close the app (it always exits on an unhandled error)."""
        self._crash = (error, write_crash_log(error))
        if self._treadmill is not None and self._treadmill.is_connected:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().create_task(self._treadmill.pause())
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        """One plain line instead of Textual's full-screen traceback (the file has it)."""
        if self._crash is None:
            super()._print_error_renderables()
            return
        error, path = self._crash
        self._exit_renderables.clear()
        print(one_line(error, path), file=sys.stderr)


def load_timeline(profile_path: str | None, *, step_length_m: float | None = None) -> Timeline:
    """The profile to walk (the bundled first-week walk by default), compiled; the walker's own
    step length, when set, drives cadence-led segments."""
    path = Path(profile_path) if profile_path else bundled_profiles_dir() / DEFAULT_PROFILE
    return compile_profile(load_profile(path), step_length_m=step_length_m)


def run_dashboard(
    *,
    profile_path: str | None = None,
    sound: bool = True,
    device: str | None = SIMULATOR,
    footpod: str | None = None,
    hr: str | None = None,
    data_dir: str | None = None,
) -> int:
    """Start the dashboard: the device step first when ``device`` is None (else that device,
    ``SIMULATOR`` or a Bluetooth address), then the profile picker unless a profile file is
    given; returns the exit status (1: bad profile, settings or quirks file, each problem
    printed compiler-style)."""
    choices: list[ProfileChoice] | None = None
    timeline: Timeline | None = None
    try:
        settings = load_settings()
        if profile_path:
            timeline = load_timeline(profile_path, step_length_m=settings.step_length_m)
        else:  # the picker lists the bundled walks; a broken one is shown as unavailable
            choices = all_choices(step_length_m=settings.step_length_m)
    except (ProfileError, SettingsError) as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        if not err.problems:
            print(f"treadmill-tui: {err}", file=sys.stderr)
        return 1
    settings_dir = settings_path().parent
    quirks: list[Quirk] | None = None
    if device != SIMULATOR:  # quirks patch Bluetooth treadmills: the simulator never reads them
        from treadmill_tui.devices.bluetooth.quirks import QuirksError, load_quirks

        try:
            quirks = load_quirks(settings_dir)
        except QuirksError as err:
            print(f"treadmill-tui: {err}", file=sys.stderr)
            return 1
    remembered = load_remembered(settings_dir)
    app = TreadmillApp(
        timeline,
        choices=choices,
        sound=sound,
        emergency=settings.emergency_number,
        audio=settings.audio,
        visual_offset_s=settings.visual_offset_s,
        speech=settings.speech,
        units=settings.units,
        device=device,
        footpod=Remembered(footpod) if footpod else None,
        heart_rate=Remembered(hr) if hr else None,
        remembered=remembered,
        settings_dir=settings_dir,
        quirks=quirks,
        data_dir=data_dir,
        home=not profile_path,  # a real start: the home screen, then the picker on P
    )
    if device not in (None, SIMULATOR) or footpod or hr:
        app._remember()  # what was asked for on the command line is remembered too
    result = app.run()
    # Textual sets a non-zero return code when it closes on an unhandled error
    return app.return_code or int(result or 0)
