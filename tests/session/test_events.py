"""Session events have one JSON form: every event of every golden run reads back to the same
typed event and writes out to the same JSON; a type this version does not know survives."""

from __future__ import annotations

import json

from tests.session.golden_runs import GOLDEN_DIR
from treadmill_tui.session.events import (
    EVENT_TYPES,
    StateChanged,
    UnknownEvent,
    from_dict,
)


def test_every_golden_event_round_trips_through_its_class() -> None:
    seen: set[str] = set()
    for path in GOLDEN_DIR.glob("*.json"):
        for data in json.loads(path.read_text(encoding="utf-8"))["events"]:
            event = from_dict(data)
            assert not isinstance(event, UnknownEvent), data["type"]
            assert event.to_dict() == data
            seen.add(event.type)
    assert {"state", "command", "pain", "message", "belt_stopped", "walker"} <= seen


def test_types_are_unique_and_named() -> None:
    assert all(EVENT_TYPES) and len(EVENT_TYPES) >= 45


def test_state_event_json_keeps_from_and_leaves_out_an_empty_pause_reason() -> None:
    event = StateChanged(t=1.0, prog_t=0.5, from_state="main", to="cooldown", reason="programme")
    assert event.to_dict() == {
        "t": 1.0,
        "prog_t": 0.5,
        "type": "state",
        "details": {"from": "main", "to": "cooldown", "reason": "programme"},
    }
    assert from_dict(event.to_dict()) == event


def test_an_unknown_type_reads_back_as_itself() -> None:
    data = {"t": 2.0, "prog_t": 1.0, "type": "from_the_future", "details": {"x": 1}}
    event = from_dict(data)
    assert isinstance(event, UnknownEvent)
    assert event.to_dict() == data
