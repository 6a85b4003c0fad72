"""Everything the engine can be told: walker actions, device facts and command results."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from treadmill_tui.session.commands import Command
from treadmill_tui.session.pain import LegSymptom, PainAnswer

# -- walker actions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartWalk:
    """The walker's explicit start (the only thing that may start the belt the first time)."""


@dataclass(frozen=True, slots=True)
class StopNow:
    """Ramp the belt to 0 at once and pause (the UI maps it to Space)."""


@dataclass(frozen=True, slots=True)
class Resume:
    """Resume after a pause or a break; ramps up again from the machine minimum."""


@dataclass(frozen=True, slots=True)
class ResumeEasy:
    """After a red answer: walk on at warm-up speed, 0 %, no metronome, no increases."""


@dataclass(frozen=True, slots=True)
class ReturnToPlan:
    """After a late green answer: lift the no-answer slow-down (docs/walking.md §3.5).

    The engine offers it (``"return"`` in the snapshot's options) only while the no-answer
    reduction is in force and the last answer was a plain green; the load goes back up through
    the rate limiter and, like any increase, brings a check about a minute later.
    """


@dataclass(frozen=True, slots=True)
class TakeBreak:
    """Take the offered exercise break (docs/walking.md §4.1): controlled stop, one standing
    exercise, the break-end check, then the walker's resume. Ignored when nothing is offered."""


@dataclass(frozen=True, slots=True)
class SkipBreak:
    """Skip the offered exercise break; the belt keeps moving. Ignored when nothing is offered."""


@dataclass(frozen=True, slots=True)
class End:
    """End the walk: cool-down while walking, post-walk questions when stopped."""


@dataclass(frozen=True, slots=True)
class PainReport:
    """An answer to the pending pain check (or a spontaneous one)."""

    answer: PainAnswer


@dataclass(frozen=True, slots=True)
class PainKey:
    """The walker asks for a pain check now."""


@dataclass(frozen=True, slots=True)
class DismissPrompt:
    """The walker closes a check they opened with the pain key, without answering it.

    Only a pain-key check that nothing else has merged into (no scheduled, after-increase,
    recheck, break-end or machine-stop check) and that has not yet slowed the belt for no
    answer may be dismissed; the engine refuses anything else, so a check the plan asked for
    always gets an answer or follows the no-answer rules (docs/walking.md §3.5).
    """


@dataclass(frozen=True, slots=True)
class RedFlagKey:
    """The walker reports a red-flag symptom: stop and show the red-flag text."""


@dataclass(frozen=True, slots=True)
class AcknowledgeRedFlag:
    pass


@dataclass(frozen=True, slots=True)
class NextExercise:
    """Skip the rest of the current hold during a break."""


class Override(StrEnum):
    SPEED_UP = "speed_up"
    SPEED_DOWN = "speed_down"
    INCLINE_UP = "incline_up"
    INCLINE_DOWN = "incline_down"
    SKIP_SEGMENT = "skip_segment"
    EXTEND_SEGMENT = "extend_segment"


@dataclass(frozen=True, slots=True)
class ManualOverride:
    kind: Override


@dataclass(frozen=True, slots=True)
class PostWalkAnswer:
    """The post-walk questions (docs/walking.md §3.4): NRS and legs (same zones), then RPE.

    Leg (b)-(d) after the walk shows the red-flag text and locks the programme, as in a walk.
    """

    nrs: int
    rpe: int | None = None  # Borg 6-20
    note: str = ""
    legs: LegSymptom = LegSymptom.NONE


WalkerInput = (
    StartWalk
    | StopNow
    | Resume
    | ResumeEasy
    | ReturnToPlan
    | TakeBreak
    | SkipBreak
    | End
    | PainReport
    | PainKey
    | DismissPrompt
    | RedFlagKey
    | AcknowledgeRedFlag
    | NextExercise
    | ManualOverride
    | PostWalkAnswer
)

# -- device facts ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MachineInfo:
    """What the engine needs to know about the machine (from FTMS Feature + ranges)."""

    speed_min_kmh: float = 1.0
    speed_max_kmh: float = 20.0
    speed_increment_kmh: float = 0.1
    incline_min_pct: float | None = 0.0  # None: no inclination range
    incline_max_pct: float | None = 15.0
    incline_increment_pct: float | None = 0.5
    can_set_speed: bool = True
    can_set_incline: bool = True


@dataclass(frozen=True, slots=True)
class Ready:
    """Link up and control granted (first connect or after a reconnect)."""

    machine: MachineInfo


@dataclass(frozen=True, slots=True)
class Telemetry:
    speed_kmh: float | None = None
    incline_pct: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    step_count: int | None = None


class StopSource(StrEnum):
    CONSOLE = "console"
    SAFETY_KEY = "safety_key"


@dataclass(frozen=True, slots=True)
class MachineStopped:
    by: StopSource


@dataclass(frozen=True, slots=True)
class MachineStarted:
    """Status 0x04: started from the console (logged; never followed by our own Start)."""


@dataclass(frozen=True, slots=True)
class ControlRevoked:
    """The machine took control back (the client's ``ControlLost``): ask again, never Start."""


@dataclass(frozen=True, slots=True)
class LinkDown:
    """The link dropped (the client's ``LinkDropped``, or a command timeout): reconnecting."""


DeviceInput = Ready | Telemetry | MachineStopped | MachineStarted | ControlRevoked | LinkDown

# -- command results ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommandDone:
    command: Command


@dataclass(frozen=True, slots=True)
class CommandRefused:
    """The machine answered the command with a refusal (the client's ``CommandRejected``)."""

    command: Command
    message: str = ""


@dataclass(frozen=True, slots=True)
class CommandTimedOut:
    command: Command


@dataclass(frozen=True, slots=True)
class CommandFailed:
    """Any other error while sending a command (an ``OSError`` from the OS, a Bluetooth stack
    error, a bug): handled like a dropped link - pause, reconnect, never Start - and shown."""

    command: Command
    error: str


ResultInput = CommandDone | CommandRefused | CommandTimedOut | CommandFailed

Input = WalkerInput | DeviceInput | ResultInput
