"""The five reproductions of issue #13, on the simulator in virtual time: once a walk has ended
or been stopped, the belt is owed a stop until telemetry shows 0 - through link drops,
reconnects, control loss and transport errors of any type."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from tests.session.fakes import SIMPLE, Harness, make_timeline
from treadmill_tui.devices.errors import LinkLost, NotInControl
from treadmill_tui.devices.simulator import (
    SimulatedTransport,
    SimulatedTreadmill,
    SimulatorConfig,
)
from treadmill_tui.ftms.control_point import OpCode
from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, load_profile
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.commands import Pause, RequestControl, Stop
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import (
    CommandRefused,
    ControlRevoked,
    End,
    LinkDown,
    MachineInfo,
    MachineStopped,
    PainReport,
    Ready,
    StopNow,
    StopSource,
)
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.simulate import SimulationResult, simulate
from treadmill_tui.session.states import PauseReason, State
from treadmill_tui.session.walker import ScriptEvent

FIRST_WEEK = "first-week-10-min.toml"


@cache
def timeline(name: str) -> Timeline:
    return compile_profile(load_profile(bundled_profiles_dir() / name))


def run(*events: str, name: str = FIRST_WEEK, **kwargs: Any) -> SimulationResult:
    script = [ScriptEvent.parse(e) for e in events]
    return simulate(timeline(name), script=script, **kwargs)


def of_type(r: SimulationResult, type_: str) -> list[dict[str, Any]]:
    return [e for e in r.events if e["type"] == type_]


def assert_ends_stopped(r: SimulationResult) -> None:
    last = r.samples[-1]
    assert last["speed_kmh"] == 0.0, f"belt still at {last['speed_kmh']} km/h in {last['state']}"
    assert of_type(r, "state")[-1]["details"]["to"] == "finished"
    assert r.summary["outcome"] not in ("abandoned", "in_progress")
    assert not of_type(r, "simulation_time_limit")


def stop_sent_after(r: SimulationResult, t: float) -> bool:
    return any(
        e["details"]["name"] in ("pause", "stop") for e in of_type(r, "command") if e["t"] >= t
    )


@pytest.mark.parametrize(
    "events",
    [("100:disconnect:end",), ("100:disconnect", "100:pain:7:end")],
    ids=["end", "red-answer-end"],
)
def test_1_end_while_the_link_is_down_stops_the_belt_on_reconnect(events: tuple[str, ...]) -> None:
    r = run(*events)
    assert_ends_stopped(r)
    ready = [e["t"] for e in of_type(r, "connected") if e["details"]["reconnect"]]
    assert ready, "the link came back"
    assert stop_sent_after(r, ready[0]), "Pause/Stop sent after the reconnect"


def test_2_red_flag_while_disconnected_finishes_only_with_the_belt_at_zero() -> None:
    r = run("100:disconnect", "100:legs", "100:pain:8")
    assert_ends_stopped(r)
    assert r.summary["outcome"] == "red_flag"
    finished = next(e for e in of_type(r, "state") if e["details"]["to"] == "finished")
    confirmed = [e["t"] for e in of_type(r, "belt_stopped")]
    assert confirmed and confirmed[-1] <= finished["t"]


def test_2_space_in_finished_says_the_belt_is_already_stopped() -> None:
    h = Harness(Engine(make_timeline(SIMPLE)))
    h.start_walk()
    h.run(20)
    h.step([StopNow()])
    h.run(20)
    h.step([End()])
    h.run(30)
    assert h.engine.state in (State.POST_WALK, State.FINISHED)
    h.step([StopNow()])
    assert any("already stopped" in m for m in h.engine.snapshot().messages)


def test_space_while_the_link_is_down_is_owed_and_sent_on_reconnect() -> None:
    h = Harness(Engine(make_timeline(SIMPLE)))
    h.start_walk()
    h.run(30)
    h.step([LinkDown()])
    assert not h.step([StopNow()]), "nothing can go out on a dropped link"
    assert h.engine.state is State.PAUSED
    assert not h.engine.snapshot().belt_stopped
    out = h.step([Ready(MachineInfo())])
    assert any(isinstance(c, Pause | Stop) for c in out)


def test_3_fault_during_the_final_stop_still_reaches_the_post_walk_questions() -> None:
    r = run("599:stop", "600:revoke")
    assert_ends_stopped(r)
    assert of_type(r, "post_walk"), "the post-walk questions were asked and answered"


class FailingTransport(SimulatedTransport):
    """Raises a non-device error on the ``fail_on``-th control-point write."""

    def __init__(self, machine: SimulatedTreadmill, fail_on: int, error: Exception) -> None:
        super().__init__(machine)
        self.writes = 0
        self.fail_on = fail_on
        self.error = error

    async def write_control_point(self, data: bytes) -> None:
        self.writes += 1
        if self.writes == self.fail_on:
            raise self.error
        await super().write_control_point(data)


def failing_link(fail_on: int, error: Exception) -> dict[str, Any]:
    """``simulate`` keyword arguments for a simulator link that fails as above."""
    machine = SimulatedTreadmill(SimulatorConfig())
    return {"transport": FailingTransport(machine, fail_on, error), "machine": machine}


@pytest.mark.parametrize(
    "error", [OSError("I/O error"), RuntimeError("boom"), ValueError("bad handle")]
)
@pytest.mark.parametrize("fail_on", [8, 20, 24])
def test_4_any_transport_error_is_a_reported_command_failure(
    fail_on: int, error: Exception
) -> None:
    r = run(**failing_link(fail_on, error))
    failed = [e for e in of_type(r, "command_failed") if e["details"].get("unexpected")]
    assert failed and str(error) in failed[0]["details"]["error"]
    assert_ends_stopped(r)
    assert r.summary["outcome"] == "completed"


def test_5_console_then_safety_key_pause_reason_follows_the_latest_cause() -> None:
    h = Harness(Engine(make_timeline(SIMPLE)))
    h.start_walk()
    h.run(30)
    reasons = []
    for by in (StopSource.CONSOLE, StopSource.SAFETY_KEY):
        h.step([MachineStopped(by)])
        reasons.append(h.engine.pause_reason)
    assert reasons == [PauseReason.CONSOLE, PauseReason.SAFETY_KEY]


def test_5_keys_after_a_red_answer_start_nothing_but_what_is_offered() -> None:
    h = Harness(Engine(make_timeline(SIMPLE)))
    h.start_walk()
    h.run(30)
    h.step([PainReport(PainAnswer(8))])
    assert h.engine.pause_reason is PauseReason.RED
    opts = h.engine.options()
    assert "start" not in opts and "resume" not in opts
    assert "resume_easy" in opts


def test_pause_and_stop_are_the_only_commands_on_reconnect_before_a_walker_action() -> None:
    r = run("100:disconnect:end")
    ready_t = next(e["t"] for e in of_type(r, "connected") if e["details"]["reconnect"])
    before = [e["details"]["name"] for e in of_type(r, "command") if e["t"] < ready_t]
    after = [e["details"]["name"] for e in of_type(r, "command") if e["t"] >= ready_t]
    assert before[-1] == "request_control", "control is asked for first"
    assert after[0] in ("pause", "stop"), "then the owed stop, before anything else"
    assert "start" not in after


@pytest.mark.parametrize("error", [LinkLost("link gone"), NotInControl("stop")])
def test_a_final_stop_that_was_not_sent_is_sent_again(error: Exception) -> None:
    """The client's own "not sent" errors on the final Stop (write 25 in this walk): the stop
    stays owed, control or the link is sought again, and the Stop goes out once more."""
    r = run(**failing_link(25, error))
    not_sent = [e for e in of_type(r, "command_not_sent") if e["details"]["name"] == "stop"]
    assert not_sent, "the failing write was the final Stop"
    assert [e for e in of_type(r, "stop_resent") if e["t"] >= not_sent[0]["t"]]
    assert_ends_stopped(r)


class ControlRequestFails(SimulatedTransport):
    """The simulator, except that asking for control again (after the first time) fails once
    with ``error``: a write that raises while the link itself stays up."""

    def __init__(self, machine: SimulatedTreadmill, error: Exception) -> None:
        super().__init__(machine)
        self.error = error
        self.requests = 0

    async def write_control_point(self, data: bytes) -> None:
        if data[:1] == bytes([OpCode.REQUEST_CONTROL]):
            self.requests += 1
            if self.requests == 2:
                raise self.error
        await super().write_control_point(data)


@pytest.mark.parametrize(
    "error", [LinkLost("write failed"), NotInControl("refused")], ids=["link", "refused"]
)
def test_a_failed_request_for_control_is_asked_again_and_the_belt_stops(error: Exception) -> None:
    """Found by test_the_belt_always_stops_after_the_walk: the treadmill took control back, the
    request to have it again failed once, and nothing ever asked again: the walk hung with a
    stop owed (the belt's stop could not be sent) until the simulation gave up."""
    machine = SimulatedTreadmill(SimulatorConfig())
    transport = ControlRequestFails(machine, error)
    r = run("300:revoke", transport=transport, machine=machine)
    assert transport.requests >= 3, "control was asked for again after the failed request"
    assert not of_type(r, "simulation_time_limit")
    assert r.summary["outcome"] == "completed", r.summary["outcome"]
    assert_ends_stopped(r)


def test_control_refused_while_a_stop_is_owed_is_asked_again_by_space_not_in_a_loop() -> None:
    """docs/ftms.md §10.5: a refusal is reported, never retried in a loop; the walker's next
    command asks again. Space is that command while a stop is owed, and the stop goes first."""
    h = Harness(Engine(make_timeline(SIMPLE)))
    h.start_walk()
    h.run(30)
    out = h.step([ControlRevoked()])
    asked = [c for c in out if isinstance(c, RequestControl)]
    assert asked and h.engine.stop_owed
    h.step([CommandRefused(asked[0], "control not permitted")])
    refused_at = h.now
    assert h.engine.awaiting_control
    assert any("Space asks the treadmill again" in m for m in h.engine.snapshot().messages)
    h.run(60)
    assert not [t for t, c in h.commands if isinstance(c, RequestControl) and t > refused_at]
    out = h.step([StopNow()])
    assert [c for c in out if isinstance(c, RequestControl)], "Space asked for control again"
    assert not h.engine.awaiting_control
    out = h.step([Ready(MachineInfo())])
    assert any(isinstance(c, Pause | Stop) for c in out), "the owed stop goes out first"
