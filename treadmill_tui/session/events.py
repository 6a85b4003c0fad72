"""The session's event log: every transition, command, prompt and answer, as typed events.

Each event is a frozen dataclass; :data:`SessionEvent` is their union, so a consumer can
``match`` on the class (and ``assert_never`` the rest). ``t`` is session-clock seconds since the
engine was created and ``prog_t`` programme time; the engine stamps both when it logs an event
(emitters leave them at 0). One JSON form, used by ``simulate --json`` and the history store:
``event.to_dict()`` -> ``{"t", "prog_t", "type", "details"}`` and :func:`from_dict` back.
Fields in a class's ``OPTIONAL`` are left out of ``details`` while None or False.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    TYPE: ClassVar[str] = ""
    OPTIONAL: ClassVar[frozenset[str]] = frozenset()

    t: float = 0.0
    prog_t: float = 0.0

    @property
    def type(self) -> str:
        return self.TYPE

    @property
    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("t", "prog_t"):
                continue
            value = getattr(self, f.name)
            if f.name in self.OPTIONAL and (value is None or value is False):
                continue
            out[f.metadata.get("json", f.name)] = list(value) if isinstance(value, tuple) else value
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "t": round(self.t, 3),
            "prog_t": round(self.prog_t, 3),
            "type": self.type,
            "details": self.details,
        }


def _json(name: str) -> Any:
    """A field whose JSON key differs from its Python name (``from`` is a keyword)."""
    return field(metadata={"json": name})


# -- the walk ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class StateChanged(Event):
    TYPE = "state"
    OPTIONAL = frozenset({"pause_reason"})
    from_state: str = _json("from")
    to: str
    reason: str
    pause_reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class IllegalTransition(Event):
    """A move the transition table does not have (never expected; logged, never a crash)."""

    TYPE = "illegal_transition"
    from_state: str = _json("from")
    to: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PauseReasonChanged(Event):
    TYPE = "pause_reason"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class WalkerMessage(Event):
    TYPE = "message"
    text: str
    kind: str = "info"


@dataclass(frozen=True, slots=True, kw_only=True)
class WalkerAction(Event):
    TYPE = "walker"
    action: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PainKeyPressed(Event):
    TYPE = "pain_key"


@dataclass(frozen=True, slots=True, kw_only=True)
class RedFlagKeyPressed(Event):
    TYPE = "red_flag_key"


@dataclass(frozen=True, slots=True, kw_only=True)
class OverridePressed(Event):
    TYPE = "override"
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceTimeout(Event):
    TYPE = "choice_timeout"


@dataclass(frozen=True, slots=True, kw_only=True)
class CooldownNow(Event):
    TYPE = "cooldown_now"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Rewarm(Event):
    TYPE = "rewarm"
    stopped_s: float
    warmup_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class RewarmEnd(Event):
    TYPE = "rewarm_end"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetSet(Event):
    TYPE = "target"
    what: str  # "speed" | "incline"
    target: float
    actual: float | None


# -- prompts and answers ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class PromptOpened(Event):
    TYPE = "prompt"
    kind: str  # "baseline" | "check" | "post_walk"
    trigger: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PromptRepeated(Event):
    TYPE = "prompt_repeat"
    repeats: int
    trigger: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PromptDismissed(Event):
    TYPE = "prompt_dismissed"
    trigger: str
    after_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class DismissRefused(Event):
    TYPE = "dismiss_refused"
    kind: str
    trigger: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PainAnswered(Event):
    TYPE = "pain"
    nrs: int
    legs: str
    sharp: bool
    gait: bool
    zone: str
    action: str
    trigger: str
    baseline: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadReduced(Event):
    TYPE = "reduce"
    what: str
    cap: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class NoAnswerSlowdown(Event):
    TYPE = "no_answer_slowdown"


@dataclass(frozen=True, slots=True, kw_only=True)
class NoAnswerCleared(Event):
    TYPE = "no_answer_cleared"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnOffered(Event):
    TYPE = "return_offered"


@dataclass(frozen=True, slots=True, kw_only=True)
class PostWalkAnswered(Event):
    TYPE = "post_walk"
    nrs: int
    rpe: int | None
    note: str
    legs: str
    zone: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PostWalkAdvice(Event):
    TYPE = "post_walk_advice"
    text: str


# -- breaks -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class BreakStageChanged(Event):
    TYPE = "break_stage"
    OPTIONAL = frozenset({"reason"})
    stage: str
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExerciseShown(Event):
    TYPE = "exercise"
    name: str
    side: str | None
    rep: int
    reps: int
    hold_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class BreakEnded(Event):
    TYPE = "break_end"
    OPTIONAL = frozenset({"offered"})
    segment: int
    offered: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class BreakOffered(Event):
    TYPE = "break_offered"
    number: int
    exercise: str
    wait_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class BreakTaken(Event):
    TYPE = "break_taken"
    number: int
    exercise: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BreakSkipped(Event):
    TYPE = "break_skipped"
    number: int
    reason: str  # "walker" | "no_answer"


@dataclass(frozen=True, slots=True, kw_only=True)
class BreakOfferWithdrawn(Event):
    TYPE = "break_offer_withdrawn"
    number: int
    reason: str


# -- the machine and the belt -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class MachineReady(Event):
    TYPE = "ready"
    speed_range: tuple[float, float, float]
    incline_range: tuple[float | None, float | None, float | None]
    can_set_speed: bool
    can_set_incline: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class BeltStopped(Event):
    """Telemetry confirmed 0 km/h: the stop obligation is met."""

    TYPE = "belt_stopped"


@dataclass(frozen=True, slots=True, kw_only=True)
class StopResent(Event):
    """The owed Pause/Stop went out again on a new link or regained control."""

    TYPE = "stop_resent"
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BeltGuard(Event):
    """The belt moved while the walk was not walking: a stop was sent."""

    TYPE = "belt_guard"
    state: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MachineStoppedEvent(Event):
    TYPE = "machine_stopped"
    by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MachineStartedEvent(Event):
    TYPE = "machine_started"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fault(Event):
    TYPE = "fault"
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CapabilityLost(Event):
    TYPE = "capability"
    name: str
    available: bool
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandFailedEvent(Event):
    TYPE = "command_failed"
    OPTIONAL = frozenset({"unexpected"})
    name: str
    value: float | None
    error: str
    timed_out: bool
    unexpected: bool = False  # not a refusal or a timeout: any other error (handled as a link loss)


# -- the runner (commands actually sent, the link) --------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandSent(Event):
    TYPE = "command"
    OPTIONAL = frozenset({"resend"})
    name: str
    value: float | None
    resend: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandDropped(Event):
    TYPE = "command_dropped"
    name: str
    value: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandNotSent(Event):
    TYPE = "command_not_sent"
    name: str
    error: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Connected(Event):
    TYPE = "connected"
    reconnect: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ConnectFailed(Event):
    TYPE = "connect_failed"
    error: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlRefused(Event):
    TYPE = "control_refused"
    error: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConnectGaveUp(Event):
    TYPE = "connect_gave_up"
    error: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MetronomeFailed(Event):
    TYPE = "metronome_failed"
    error: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeInStep(Event):
    """Recorded once at the end of a walk with a footpod: seconds the walker's measured
    cadence was with the metronome's beat, of ``measured_s`` seconds with both (the UI logs
    it; the engine never reads it)."""

    TYPE = "time_in_step"
    seconds: float
    measured_s: float
    share: float | None


# -- the simulation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ScriptFired(Event):
    TYPE = "script"
    action: str
    arg: str | None
    end: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SimulationTimeLimit(Event):
    TYPE = "simulation_time_limit"
    limit_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class UnknownEvent(Event):
    """An event type this version does not know (e.g. read back from a newer history)."""

    kind: str
    data: dict[str, Any]

    @property
    def type(self) -> str:
        return self.kind

    @property
    def details(self) -> dict[str, Any]:
        return dict(self.data)


SessionEvent = (
    StateChanged
    | IllegalTransition
    | PauseReasonChanged
    | WalkerMessage
    | WalkerAction
    | PainKeyPressed
    | RedFlagKeyPressed
    | OverridePressed
    | ChoiceTimeout
    | CooldownNow
    | Rewarm
    | RewarmEnd
    | TargetSet
    | PromptOpened
    | PromptRepeated
    | PromptDismissed
    | DismissRefused
    | PainAnswered
    | LoadReduced
    | NoAnswerSlowdown
    | NoAnswerCleared
    | ReturnOffered
    | PostWalkAnswered
    | PostWalkAdvice
    | BreakStageChanged
    | ExerciseShown
    | BreakEnded
    | BreakOffered
    | BreakTaken
    | BreakSkipped
    | BreakOfferWithdrawn
    | MachineReady
    | BeltStopped
    | StopResent
    | BeltGuard
    | MachineStoppedEvent
    | MachineStartedEvent
    | Fault
    | CapabilityLost
    | CommandFailedEvent
    | CommandSent
    | CommandDropped
    | CommandNotSent
    | Connected
    | ConnectFailed
    | ControlRefused
    | ConnectGaveUp
    | MetronomeFailed
    | TimeInStep
    | ScriptFired
    | SimulationTimeLimit
    | UnknownEvent
)

EVENT_TYPES: dict[str, type[Event]] = {
    cls.TYPE: cls for cls in Event.__subclasses__() if cls.TYPE and cls is not UnknownEvent
}


def from_dict(data: dict[str, Any]) -> SessionEvent:
    """The event back from its JSON form; an unknown type becomes :class:`UnknownEvent`."""
    t = float(data.get("t", 0.0))
    prog_t = float(data.get("prog_t", 0.0))
    kind = str(data["type"])
    details = dict(data.get("details") or {})
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        return UnknownEvent(t=t, prog_t=prog_t, kind=kind, data=details)
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        key = f.metadata.get("json", f.name)
        if key in details:
            value = details[key]
            kwargs[f.name] = tuple(value) if isinstance(value, list) else value
    event = cls(t=t, prog_t=prog_t, **kwargs)
    return event  # type: ignore[return-value]
