"""Session states and the reasons a walk can be paused."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    CONNECTING = "connecting"  # no link or no control yet
    READY = "ready"  # control granted, capabilities known; pre-walk check pending
    WAITING_START = "waiting_start"  # baseline answered; the walker must press start
    WARMUP = "warmup"
    MAIN = "main"
    COOLDOWN = "cooldown"
    BREAK = "break"  # exercise break: belt stopping, stopped, exercises, break-end check
    PAUSED = "paused"
    STOPPING = "stopping"  # final stop sent, waiting for telemetry to confirm 0
    POST_WALK = "post_walk"  # belt stopped; post-walk questions
    RED_FLAG = "red_flag"  # stopped for a red-flag symptom; locked until acknowledged
    FINISHED = "finished"


WALKING_STATES = frozenset({State.WARMUP, State.MAIN, State.COOLDOWN})


class PauseReason(StrEnum):
    STOP_NOW = "stop_now"
    RED = "red"
    NO_ANSWER = "no_answer"
    LINK_LOST = "link_lost"
    CONTROL_LOST = "control_lost"
    CONSOLE = "console"
    SAFETY_KEY = "safety_key"
    COMMAND_FAILED = "command_failed"


class Outcome(StrEnum):
    """How a walk ended (the summary's and the history's ``outcome``)."""

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    CANCELLED = "cancelled"  # ended before the first start
    REST = "rest"  # the pre-walk answer said rest today
    RED = "red"  # ended after a red pain answer
    RED_FLAG = "red_flag"
    NO_ANSWER = "no_answer"
    COOLDOWN_EARLY = "cooldown_early"  # amber again: straight to the cool-down
    ABANDONED = "abandoned"  # the run stopped before the walk finished (simulation limit)


class BreakStage(StrEnum):
    STOPPING = "stopping"  # pause sent; waiting for telemetry speed 0
    EXERCISE = "exercise"
    CHECK = "check"  # break-end pain check
    AWAIT_RESUME = "await_resume"


def state_for_phase(phase: str) -> State:
    """The walking state for a programme phase ("warmup", "main", "cooldown")."""
    if phase == "warmup":
        return State.WARMUP
    if phase == "cooldown":
        return State.COOLDOWN
    return State.MAIN
