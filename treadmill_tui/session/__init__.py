"""The walk engine: a pure core that turns a timeline and inputs into commands and events.

- :class:`Engine` (``engine.step(now, inputs) -> list[Command]``, ``drain_events()``,
  ``snapshot()``, ``summary()``) is pure and clock-free.
- :class:`SessionRunner` is the async shell over a ``treadmill_tui.devices.Treadmill``.
- :func:`simulate` runs a whole walk against the simulated treadmill with a scripted walker.
- :func:`open_session` wires engine, client and runner over any transport.

The runner and the simulation are imported lazily (``from treadmill_tui.session.runner import
SessionRunner``) so the pure core loads without the device stack.
"""

from __future__ import annotations

from treadmill_tui.session.commands import (
    Command,
    Pause,
    RequestControl,
    SetIncline,
    SetMetronome,
    SetSpeed,
    Start,
    Stop,
)
from treadmill_tui.session.engine import Engine, EngineSettings
from treadmill_tui.session.events import SessionEvent
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    CommandDone,
    CommandFailed,
    CommandRefused,
    CommandTimedOut,
    ControlRevoked,
    DismissPrompt,
    End,
    Input,
    LinkDown,
    MachineInfo,
    MachineStarted,
    MachineStopped,
    ManualOverride,
    NextExercise,
    Override,
    PainKey,
    PainReport,
    PostWalkAnswer,
    Ready,
    RedFlagKey,
    Resume,
    ResumeEasy,
    ReturnToPlan,
    SkipBreak,
    StartWalk,
    StopNow,
    StopSource,
    TakeBreak,
    Telemetry,
    WalkerInput,
)
from treadmill_tui.session.pain import Action, LegSymptom, PainAnswer, Zone, decide, zone_of
from treadmill_tui.session.snapshot import ExerciseView, PromptView, SessionSnapshot
from treadmill_tui.session.states import BreakStage, Outcome, PauseReason, State
from treadmill_tui.session.summary import PainRecord, SessionSummary


def __getattr__(name: str) -> object:
    """``session.open_session`` / ``session.Session``, imported only when asked for."""
    if name in ("open_session", "Session"):
        from treadmill_tui.session import wiring

        return getattr(wiring, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AcknowledgeRedFlag",
    "Action",
    "BreakStage",
    "Command",
    "CommandDone",
    "CommandFailed",
    "CommandRefused",
    "CommandTimedOut",
    "ControlRevoked",
    "DismissPrompt",
    "End",
    "Engine",
    "EngineSettings",
    "ExerciseView",
    "Input",
    "LegSymptom",
    "LinkDown",
    "MachineInfo",
    "MachineStarted",
    "MachineStopped",
    "ManualOverride",
    "NextExercise",
    "Outcome",
    "Override",
    "PainAnswer",
    "PainKey",
    "PainRecord",
    "PainReport",
    "Pause",
    "PauseReason",
    "PostWalkAnswer",
    "PromptView",
    "Ready",
    "RedFlagKey",
    "RequestControl",
    "Resume",
    "Session",
    "open_session",
    "ResumeEasy",
    "ReturnToPlan",
    "SkipBreak",
    "TakeBreak",
    "SessionEvent",
    "SessionSnapshot",
    "SessionSummary",
    "SetIncline",
    "SetMetronome",
    "SetSpeed",
    "Start",
    "StartWalk",
    "State",
    "Stop",
    "StopNow",
    "StopSource",
    "Telemetry",
    "WalkerInput",
    "Zone",
    "decide",
    "zone_of",
]
