"""The walk part's tables: the transition table is the design (the golden runs and random walks
only move along it), the state diagram in docs/ is generated from it and never stale, the
state is assigned in one place, and the keys offered are the keys that can start the belt."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.session.fakes import SIMPLE, Harness, make_timeline
from tests.session.golden_runs import GOLDEN_DIR
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    End,
    Input,
    LinkDown,
    MachineInfo,
    MachineStopped,
    PainReport,
    Ready,
    RedFlagKey,
    Resume,
    ResumeEasy,
    StartWalk,
    StopNow,
    StopSource,
)
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.states import State
from treadmill_tui.session.walk import (
    ACCEPTS,
    STARTING_KEYS,
    TRANSITIONS,
    Key,
    may_enter,
    state_diagram,
)

ROOT = Path(__file__).resolve().parents[2]
SESSION = ROOT / "treadmill_tui" / "session"


def test_the_state_diagram_in_docs_is_current() -> None:
    page = (ROOT / "docs" / "session-states.md").read_text(encoding="utf-8")
    assert page == state_diagram(), "run scripts/state-diagram and commit docs/session-states.md"


def test_tables_cover_every_state() -> None:
    assert set(TRANSITIONS) == set(State)
    assert set(ACCEPTS) == set(State)
    assert not TRANSITIONS[State.FINISHED]


def test_every_golden_move_is_in_the_table() -> None:
    for path in GOLDEN_DIR.glob("*.json"):
        events = json.loads(path.read_text(encoding="utf-8"))["events"]
        assert not [e for e in events if e["type"] == "illegal_transition"], path.name
        for e in events:
            if e["type"] == "state":
                d = e["details"]
                assert may_enter(State(d["from"]), State(d["to"])), (path.name, d)


def test_the_state_is_assigned_only_in_the_walk_part() -> None:
    """``Walk.enter`` is the only way into a state (its ``__init__`` sets the first one): a
    search for ``enter(State.PAUSED`` finds every way into PAUSED, and no other part (belt,
    dialogue, breaks, faults, checks, the engine) assigns the state."""
    assignments = [
        (p.name, n)
        for p in SESSION.glob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(\.|\b_)state\s*(:[^=]*)?=[^=]", line)
    ]
    assert {name for name, _ in assignments} == {"walk_state.py"}, assignments
    assert len(assignments) == 2, assignments  # the initial CONNECTING, and Walk.enter
    source = (SESSION / "walk_state.py").read_text(encoding="utf-8")
    assert "self.state = State.CONNECTING" in source and "self.state = new" in source


def test_only_the_starting_keys_start_the_belt() -> None:
    assert {Key.START, Key.RESUME, Key.RESUME_EASY} == STARTING_KEYS


STEPS: list[Input] = [
    StartWalk(),
    Resume(),
    ResumeEasy(),
    End(),
    StopNow(),
    PainReport(PainAnswer(2)),
    PainReport(PainAnswer(8)),
    RedFlagKey(),
    AcknowledgeRedFlag(),
    LinkDown(),
    Ready(MachineInfo()),
    MachineStopped(StopSource.CONSOLE),
]
KEY_OF: dict[type, frozenset[str]] = {
    StartWalk: frozenset({"start", "resume"}),  # S: start, or resume where resume is offered
    Resume: frozenset({"resume"}),
    ResumeEasy: frozenset({"resume_easy"}),
}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STEPS), st.floats(0.5, 60.0)), max_size=20))
def test_a_start_only_follows_a_key_that_was_offered(steps: list[tuple[Input, float]]) -> None:
    """Keys offered and keys accepted agree: S after a red answer starts nothing; the engine
    starts the belt only for an input whose key the snapshot offered."""
    h = Harness(Engine(make_timeline(SIMPLE)), auto_answer=None)
    h.start_walk()
    h.run(20)
    for item, wait in steps:
        offered = set(h.engine.options())
        out = h.step([item])
        if any(c.name == "start" for c in out):
            assert KEY_OF.get(type(item), frozenset()) & offered, (item, offered)
        h.run(wait)
