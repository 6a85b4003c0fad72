"""The stop obligation as properties (issue #13): random profiles x random fault scripts on the
simulator, and random input sequences on the pure engine.

On every run: the belt reaches 0 after the walk's end and stays there; no Start without a
walker start/resume; no walk is left ``abandoned``; Space in any state yields a Pause/Stop, an
owed stop (link down) or "already stopped".
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.session.fakes import SIMPLE, Harness, make_timeline
from tests.session.invariants import check_start_only_after_walker
from tests.session.test_property import profile_text
from tests.session.test_stop_obligation import failing_link
from treadmill_tui.devices.errors import LinkLost, NotInControl
from treadmill_tui.profiles import compile_profile, validate_profile_text
from treadmill_tui.session.commands import Pause, Stop
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    ControlRevoked,
    End,
    Input,
    LinkDown,
    MachineInfo,
    MachineStopped,
    PainKey,
    PainReport,
    Ready,
    RedFlagKey,
    Resume,
    ResumeEasy,
    StartWalk,
    StopNow,
    StopSource,
)
from treadmill_tui.session.pain import LegSymptom, PainAnswer
from treadmill_tui.session.simulate import simulate
from treadmill_tui.session.walker import ScriptEvent

EXAMPLES = int(os.environ.get("SESSION_PROPERTY_EXAMPLES", "25"))
# any error type, and the client's own "not sent" errors
ERRORS = (OSError, RuntimeError, ValueError, KeyError, AttributeError, LinkLost, NotInControl)


@st.composite
def fault_script(draw: st.DrawFn, duration_s: float) -> list[str]:
    """Faults where they hurt: at, before and after End, and during the final stop."""
    end = int(duration_s)
    times = st.one_of(
        st.integers(20, max(21, end)),  # anywhere
        st.integers(max(0, end - 40), end),  # near the end
        st.just(end),  # during the final stop
    )
    kinds = [
        "{t}:disconnect:end",  # link drop, then End while it is down
        "{t}:disconnect",
        "{t}:stop:end",
        "{t}:revoke",
        "{t}:console-stop",
        "{t}:safety-key",
        "{t}:pain:{n}",
        "{t}:pain:{n}:end",
        "{t}:disconnect {t}:legs {t}:pain:{n}",  # red flag while disconnected
        "{t}:stop {t}:revoke",
    ]
    events: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(kinds))
        events += kind.format(t=draw(times), n=draw(st.integers(0, 9))).split()
    return events


def of_type(events: list[dict[str, Any]], type_: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == type_]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.data())
def test_the_belt_always_stops_after_the_walk(data: st.DataObject) -> None:
    profile, _ = validate_profile_text(data.draw(profile_text()), "<random>")
    assume(profile is not None)
    assert profile is not None
    tl = compile_profile(profile)
    events = data.draw(fault_script(tl.duration_s))
    failing = data.draw(
        st.one_of(st.none(), st.tuples(st.integers(3, 40), st.sampled_from(ERRORS)))
    )
    link: dict[str, Any] = {}
    if failing is not None:
        n, error = failing
        link = failing_link(n, error(f"injected on write {n}"))
    r = simulate(tl, pain=2, script=[ScriptEvent.parse(e) for e in events], **link)

    assert r.summary["outcome"] not in ("abandoned", "in_progress"), r.summary["outcome"]
    assert not of_type(r.events, "simulation_time_limit")
    assert of_type(r.events, "state")[-1]["details"]["to"] == "finished"
    assert r.samples[-1]["speed_kmh"] == 0.0
    check_start_only_after_walker(r.events)
    # once the walk is over (post-walk questions or finished) the belt stays at 0
    over = [e["t"] for e in of_type(r.events, "state") if e["details"]["to"] == "post_walk"]
    if over:
        moving = [s for s in r.samples if s["t"] > over[0] + 0.5 and s["speed_kmh"] > 0.0]
        assert not moving, f"belt moving after the walk ended: {moving[:1]}"
    # and FINISHED comes only with the belt confirmed at 0
    finished_t = of_type(r.events, "state")[-1]["t"]
    if r.summary["outcome"] != "cancelled" and of_type(r.events, "command"):
        if any(e["details"]["name"] == "start" for e in of_type(r.events, "command")):
            assert any(e["t"] <= finished_t for e in of_type(r.events, "belt_stopped"))


WALKER: list[Input] = [
    StartWalk(),
    Resume(),
    ResumeEasy(),
    End(),
    PainKey(),
    PainReport(PainAnswer(2)),
    PainReport(PainAnswer(8)),
    PainReport(PainAnswer(3, LegSymptom.ONE_LEG)),
    RedFlagKey(),
    AcknowledgeRedFlag(),
]
DEVICE: list[Input] = [
    LinkDown(),
    ControlRevoked(),
    Ready(MachineInfo()),
    MachineStopped(StopSource.CONSOLE),
    MachineStopped(StopSource.SAFETY_KEY),
]


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([*WALKER, *DEVICE]), st.floats(0.5, 120.0)),
        max_size=25,
    ),
)
def test_space_in_any_state_stops_or_says_already_stopped(
    steps: list[tuple[Input, float]],
) -> None:
    h = Harness(Engine(make_timeline(SIMPLE)), auto_answer=None)
    h.start_walk()
    for item, wait in steps:
        if isinstance(item, Ready) and h.engine.connected:
            continue
        h.step([item])
        if h.engine.connected:
            h.run(wait, dt=0.5)
        else:
            _advance(h, wait)
        seen = len(h.engine.events)
        out = h.step([StopNow()])
        said = [e.details.get("text") for e in h.engine.events[seen:] if e.type == "message"]
        stopped = any(isinstance(c, Pause | Stop) for c in out)
        already = "The belt is already stopped." in said
        owed = h.engine.stop_owed
        assert stopped or already or owed, f"Space did nothing in {h.engine.state}"
        assert not any(c.name == "start" for c in out)


def _advance(h: Harness, seconds: float) -> None:
    """Time passes with the link down: no telemetry, no command reaches the belt."""
    h.now += seconds
    h.engine.step(h.now, [])
