"""The walk part's tables: every move between states, and the walker keys each state accepts.

Pure data and small functions (no engine state): the walk part's one ``Walk.enter(state, ...)``
checks each move against :data:`TRANSITIONS`, the snapshot's ``options`` come from
:func:`accepted_keys` (the dashboard shows and takes only those keys), and
``docs/session-states.md`` is generated from both (``scripts/state-diagram``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from treadmill_tui.session.states import WALKING_STATES, BreakStage, PauseReason, State

_WALK = frozenset(WALKING_STATES)

# state -> the states it may move to. A new way into a state is a new entry here.
TRANSITIONS: Mapping[State, frozenset[State]] = {
    State.CONNECTING: frozenset({State.READY, State.FINISHED}),
    State.READY: frozenset({State.WAITING_START, State.RED_FLAG, State.FINISHED}),
    # a red answer before the start pauses (the walker may still end, or resume easy)
    State.WAITING_START: frozenset({*_WALK, State.PAUSED, State.RED_FLAG, State.FINISHED}),
    State.WARMUP: frozenset({*_WALK, State.PAUSED, State.BREAK, State.STOPPING, State.RED_FLAG}),
    State.MAIN: frozenset({*_WALK, State.PAUSED, State.BREAK, State.STOPPING, State.RED_FLAG}),
    State.COOLDOWN: frozenset({*_WALK, State.PAUSED, State.BREAK, State.STOPPING, State.RED_FLAG}),
    State.BREAK: frozenset({*_WALK, State.PAUSED, State.STOPPING, State.POST_WALK, State.RED_FLAG}),
    State.PAUSED: frozenset({*_WALK, State.PAUSED, State.STOPPING, State.RED_FLAG}),
    State.STOPPING: frozenset({State.POST_WALK, State.RED_FLAG}),
    State.POST_WALK: frozenset({State.FINISHED, State.RED_FLAG}),
    State.RED_FLAG: frozenset({State.FINISHED}),
    State.FINISHED: frozenset(),
}


def may_enter(old: State, new: State) -> bool:
    return new in TRANSITIONS[old]


# pauses the machine or the link caused; a later one replaces the reason, while walker
# decisions (a red answer, no answer) keep theirs: they decide what may follow
MACHINE_CAUSES = frozenset(
    {
        PauseReason.STOP_NOW,
        PauseReason.CONSOLE,
        PauseReason.SAFETY_KEY,
        PauseReason.LINK_LOST,
        PauseReason.CONTROL_LOST,
        PauseReason.COMMAND_FAILED,
    }
)


class Key(StrEnum):
    """Walker keys the engine offers; the dashboard maps each to one key on the keyboard."""

    START = "start"
    RESUME = "resume"
    RESUME_EASY = "resume_easy"
    END = "end"
    PAIN = "pain"
    STOP_NOW = "stop_now"
    NEXT = "next"
    READY = "ready"
    ACKNOWLEDGE = "acknowledge"
    RETURN = "return"
    TAKE_BREAK = "take_break"
    SKIP_BREAK = "skip_break"


# the keys that can start the belt (README: S, and R after a red answer)
STARTING_KEYS = frozenset({Key.START, Key.RESUME, Key.RESUME_EASY})


@dataclass(frozen=True, slots=True)
class WalkContext:
    """What, besides the state, decides the keys: the pause's cause and what is on offer.

    ``return_offered``: a late green answer left the no-answer slow-down in force and the walker
    may lift it with one key (docs/walking.md §3.5). ``break_offered``: an exercise break is
    offered and waits for take or skip (§4.1). ``end_only``: a red answer that ends the walk.
    """

    pause_reason: PauseReason | None = None
    break_stage: BreakStage | None = None
    end_only: bool = False
    resume_easy_used: bool = False
    return_offered: bool = False
    break_offered: bool = False
    ready_wait: bool = False  # an exercise waits for the walker's Ready (no countdown yet)
    ready_now: bool = False  # ... and Ready counts now (after the get-down time off the belt)


Condition = Callable[[WalkContext], bool]


def _always(_: WalkContext) -> bool:
    return True


def _plain_pause(c: WalkContext) -> bool:
    return not c.end_only and c.pause_reason is not PauseReason.RED


def _red_may_resume_easy(c: WalkContext) -> bool:
    return not c.end_only and c.pause_reason is PauseReason.RED and not c.resume_easy_used


def _return_offered(c: WalkContext) -> bool:
    return c.return_offered


def _break_offered(c: WalkContext) -> bool:
    return c.break_offered


def _break_over(c: WalkContext) -> bool:
    return c.break_stage is BreakStage.AWAIT_RESUME


def _exercising(c: WalkContext) -> bool:
    return c.break_stage is BreakStage.EXERCISE and not c.ready_wait


def _ready_wait(c: WalkContext) -> bool:
    return c.break_stage is BreakStage.EXERCISE and c.ready_wait and c.ready_now


_WALKING_KEYS: tuple[tuple[Key, Condition], ...] = (
    (Key.STOP_NOW, _always),
    (Key.PAIN, _always),
    (Key.END, _always),
    (Key.RETURN, _return_offered),
    (Key.TAKE_BREAK, _break_offered),
    (Key.SKIP_BREAK, _break_offered),
)

# state -> (key, when) rows, in the order the dashboard lists them
ACCEPTS: Mapping[State, tuple[tuple[Key, Condition], ...]] = {
    State.CONNECTING: (),
    State.READY: (),
    State.WAITING_START: ((Key.START, _always), (Key.END, _always)),
    State.WARMUP: _WALKING_KEYS,
    State.MAIN: _WALKING_KEYS,
    State.COOLDOWN: _WALKING_KEYS,
    State.PAUSED: (
        (Key.RESUME, _plain_pause),
        (Key.END, _always),
        (Key.RESUME_EASY, _red_may_resume_easy),
    ),
    State.BREAK: (
        (Key.RESUME, _break_over),
        (Key.READY, _ready_wait),
        (Key.NEXT, _exercising),
        (Key.END, _always),
    ),
    State.STOPPING: (),
    State.POST_WALK: (),
    State.RED_FLAG: ((Key.ACKNOWLEDGE, _always),),
    State.FINISHED: (),
}


def accepted_keys(state: State, ctx: WalkContext) -> tuple[str, ...]:
    """The walker keys ``state`` accepts now (the snapshot's ``options``)."""
    return tuple(str(key) for key, when in ACCEPTS[state] if when(ctx))


def state_diagram() -> str:
    """``docs/session-states.md``: the transition table as a Mermaid diagram, and the keys."""
    lines = [
        "# Session states",
        "",
        "Generated from `treadmill_tui/session/walk.py` by `scripts/state-diagram`;",
        "`tests/session/test_walk_table.py` fails when this page is stale.",
        "Every way into a state is a `Walk.enter(State.X, ...)` call (`session/walk_state.py`).",
        "",
        "```mermaid",
        "stateDiagram-v2",
        "    [*] --> connecting",
    ]
    for old, targets in TRANSITIONS.items():
        for new in sorted(targets, key=list(State).index):
            if new is not old:
                lines.append(f"    {old} --> {new}")
    lines += ["    finished --> [*]", "```", "", "## Keys each state accepts", ""]
    lines += ["| State | Keys (when) |", "|---|---|"]
    for state, rows in ACCEPTS.items():
        keys = ", ".join(
            key if when is _always else f"{key} ({when.__name__.strip('_').replace('_', ' ')})"
            for key, when in rows
        )
        lines.append(f"| {state} | {keys or '-'} |")
    starting = ", ".join(sorted(STARTING_KEYS))
    lines += ["", f"Only these keys can start the belt: {starting}.", ""]
    return "\n".join(lines)
