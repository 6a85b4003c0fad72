"""Commands the engine asks the runner to carry out (treadmill and metronome)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequestControl:
    name = "request_control"


@dataclass(frozen=True, slots=True)
class Start:
    name = "start"


@dataclass(frozen=True, slots=True)
class Pause:
    """Controlled ramp to 0 by the machine (FTMS Stop or Pause, 0x02)."""

    name = "pause"


@dataclass(frozen=True, slots=True)
class Stop:
    """Controlled stop that ends the workout on the machine (FTMS Stop or Pause, 0x01)."""

    name = "stop"


@dataclass(frozen=True, slots=True)
class SetSpeed:
    """``prestart``: sent while paused, before Start, so a machine that resumes at its stored
    target starts at the minimum instead (a refusal of it means nothing)."""

    kmh: float
    resend: bool = False
    prestart: bool = False
    name = "set_speed"


@dataclass(frozen=True, slots=True)
class SetIncline:
    pct: float
    resend: bool = False
    name = "set_incline"


@dataclass(frozen=True, slots=True)
class SetMetronome:
    spm: float | None
    name = "set_metronome"


Command = RequestControl | Start | Pause | Stop | SetSpeed | SetIncline | SetMetronome
StopCommand = Pause | Stop


def command_value(cmd: Command) -> float | None:
    """The numeric argument of a command, for logs and JSON output."""
    if isinstance(cmd, SetSpeed):
        return cmd.kmh
    if isinstance(cmd, SetIncline):
        return cmd.pct
    if isinstance(cmd, SetMetronome):
        return cmd.spm
    return None


def is_machine_command(cmd: Command) -> bool:
    """True for commands that go to the treadmill (not the metronome)."""
    return not isinstance(cmd, SetMetronome)
