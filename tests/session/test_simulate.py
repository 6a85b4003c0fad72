"""Every "Done when" rule, driven through the real client and the simulated treadmill in
accelerated (virtual) time."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from tests.session.invariants import (
    check_all,
    check_exercises_on_a_stopped_belt,
    check_start_only_after_walker,
    commands,
)
from treadmill_tui.cli import main
from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, load_profile
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.simulate import SimulationResult, simulate
from treadmill_tui.session.walker import ScriptError, ScriptEvent

PROFILES = sorted(p.name for p in bundled_profiles_dir().glob("*.toml"))


@cache
def timeline(name: str) -> Timeline:
    return compile_profile(load_profile(bundled_profiles_dir() / name))


@cache
def run(name: str, *events: str, pain: int = 2) -> SimulationResult:
    script = [ScriptEvent.parse(e) for e in events]
    return simulate(timeline(name), pain=pain, script=script)


def of_type(result: SimulationResult, type_: str) -> list[dict[str, Any]]:
    return [e for e in result.events if e["type"] == type_]


def states_after(result: SimulationResult, t: float) -> list[str]:
    return [s["state"] for s in result.samples if s["t"] >= t]


def script_t(result: SimulationResult, action: str) -> float:
    return float(
        next(e["t"] for e in of_type(result, "script") if e["details"]["action"] == action)
    )


@pytest.mark.parametrize("name", PROFILES)
def test_every_bundled_profile_completes_safely(name: str) -> None:
    r = run(name)
    check_all(r.samples, r.events, timeline(name).limits)
    assert r.summary["outcome"] == "completed"
    assert r.summary["active_s"] == pytest.approx(
        timeline(name).totals.duration_s
        - sum(s.end_s - s.start_s for s in timeline(name).segments if s.kind == "break"),
        abs=2.0,
    )
    assert commands(r.events, "start")
    assert commands(r.events, "stop"), "the final stop is sent"
    final = r.samples[-1]
    assert final["speed_kmh"] == 0.0


def test_json_shape() -> None:
    r = run("first-week-10-min.toml")
    s = r.samples[10]
    assert set(s) >= {
        "t",
        "state",
        "speed_kmh",
        "incline_pct",
        "cadence_spm",
        "target_speed_kmh",
        "target_incline_pct",
    }
    ts = [x["t"] for x in r.samples]
    assert all(b - a == pytest.approx(1.0) for a, b in zip(ts, ts[1:], strict=False))
    assert all({"t", "type", "details"} <= set(e) for e in r.events)
    cmd = commands(r.events)[0]
    assert {"name", "value"} <= set(cmd["details"])
    assert set(r.summary) >= {
        "duration_s",
        "active_s",
        "distance_m",
        "elevation_gain_m",
        "max_speed_kmh",
        "max_incline_pct",
        "pain_readings",
        "outcome",
    }
    assert r.summary["distance_m"] > 300
    json.dumps(r.to_dict())


def test_no_start_without_walker_including_after_reconnect() -> None:
    r = run("thirty-minute-walk.toml", "600:disconnect")
    check_all(r.samples, r.events, timeline("thirty-minute-walk.toml").limits)
    reconnected = next(e for e in of_type(r, "connected") if e["details"]["reconnect"])
    starts_after = [e for e in commands(r.events, "start") if e["t"] >= reconnected["t"]]
    walker_resume = next(
        e
        for e in of_type(r, "walker")
        if e["t"] >= reconnected["t"] and e["details"]["action"] == "resume"
    )
    assert starts_after and starts_after[0]["t"] >= walker_resume["t"]
    # the walker resumes 30 s after the pause is resumable: no Start in the meantime
    assert walker_resume["t"] - reconnected["t"] >= 25
    # the belt (still moving on a dropped link) was paused once the link came back
    pauses = [e for e in commands(r.events, "pause") if e["t"] >= reconnected["t"]]
    assert pauses and pauses[0]["t"] < walker_resume["t"]
    # control was asked for again on the new link, before anything else was sent
    disconnect_t = script_t(r, "disconnect")
    sent_after = [e for e in of_type(r, "command") if e["t"] >= disconnect_t]
    assert sent_after[0]["details"]["name"] == "request_control"
    assert r.summary["outcome"] == "completed"


def test_revoke_requests_control_then_waits_for_the_walker() -> None:
    r = run("thirty-minute-walk.toml", "600:revoke")
    check_start_only_after_walker(r.events)
    t = script_t(r, "revoke")
    assert any(e["t"] >= t for e in commands(r.events, "request_control"))
    assert "paused" in states_after(r, t)
    assert r.summary["outcome"] == "completed"


def test_belt_is_zero_during_every_exercise() -> None:
    r = run("standing-exercise-breaks.toml")
    n = check_exercises_on_a_stopped_belt(r.samples)
    assert n > 60  # three breaks' worth of holds, one sample per second
    exercises = of_type(r, "exercise")
    assert {e["details"]["name"] for e in exercises} >= {"Standing hip shift", "Leaning hip shift"}
    stops = of_type(r, "belt_stopped")
    for ex in exercises:
        assert any(s["t"] <= ex["t"] for s in stops)


def test_red_answer_controlled_stop() -> None:
    r = run("gentle-incline-builder.toml", "900:pain:7:end")
    t = script_t(r, "pain")
    pain = next(e for e in of_type(r, "pain") if e["t"] >= t)
    assert pain["details"]["zone"] == "red"
    pause = next(e for e in commands(r.events, "pause") if e["t"] >= pain["t"])
    assert pause["t"] == pytest.approx(pain["t"], abs=0.1)
    after = [s for s in r.samples if s["t"] > pause["t"] + 8]
    assert after and all(s["speed_kmh"] == 0.0 for s in after)
    assert any(
        e["details"]["value"] == 0.0 for e in commands(r.events, "set_incline") if e["t"] > t
    )
    assert r.summary["outcome"] == "red"
    # ramp-down under control: speed falls no faster than the machine's controlled decel
    seq = [s["speed_kmh"] for s in r.samples if pause["t"] <= s["t"] <= pause["t"] + 15]
    assert all(a - b <= 0.6 for a, b in zip(seq, seq[1:], strict=False))


def test_red_then_resume_easy() -> None:
    r = run("gentle-incline-builder.toml", "900:pain:7")
    easy = [e for e in of_type(r, "walker") if e["details"]["action"] == "resume_easy"]
    assert easy
    # still answering 7: the next check is red during resume-easy -> pause, end only
    assert r.summary["outcome"] == "red"
    assert len(commands(r.events, "start")) == 2
    check_all(r.samples, r.events, timeline("gentle-incline-builder.toml").limits)


def test_leg_symptoms_stop_and_red_flag() -> None:
    r = run("thirty-minute-walk.toml", "600:legs")
    pain = next(e for e in of_type(r, "pain") if e["details"]["legs"] != "none")
    assert pain["details"]["zone"] == "stop"
    stop = next(e for e in commands(r.events, "stop") if e["t"] >= pain["t"])
    assert stop["t"] == pytest.approx(pain["t"], abs=0.1)
    assert "red_flag" in [e["details"]["to"] for e in of_type(r, "state")]
    assert r.summary["outcome"] == "red_flag"
    assert not [e for e in commands(r.events, "start") if e["t"] > pain["t"]]
    assert r.samples[-1]["speed_kmh"] == 0.0


def test_two_ambers_go_to_cooldown() -> None:
    r = run("thirty-minute-walk.toml", "600:pain:4")
    zones = [e["details"]["zone"] for e in of_type(r, "pain")]
    assert zones.count("amber") >= 2
    assert of_type(r, "cooldown_now")
    assert r.summary["outcome"] == "cooldown_early"
    t = of_type(r, "cooldown_now")[0]["t"]
    assert "main" not in states_after(r, t + 1)
    check_all(r.samples, r.events, timeline("thirty-minute-walk.toml").limits)


def test_unanswered_prompts_slow_down() -> None:
    r = run("cadence-builder.toml", "600:silent")
    slow = of_type(r, "no_answer_slowdown")
    assert slow
    repeats = [e for e in of_type(r, "prompt_repeat") if e["t"] < slow[0]["t"]]
    assert repeats, "the prompt was repeated before slowing"
    tl = timeline("cadence-builder.toml")
    warm = max(tl.at(t).speed_kmh for t in range(0, 300))
    later = [s for s in r.samples if slow[0]["t"] + 60 <= s["t"] and s["state"] in ("main",)]
    assert later and all(s["target_speed_kmh"] <= warm + 1e-6 for s in later)
    assert all(s["target_incline_pct"] in (0.0, None) for s in later)
    check_all(r.samples, r.events, tl.limits)


def test_console_stop_is_never_restarted_by_the_engine() -> None:
    r = run("thirty-minute-walk.toml", "600:console-stop:end")
    t = script_t(r, "console-stop")
    assert not [e for e in commands(r.events, "start") if e["t"] >= t]
    assert of_type(r, "machine_stopped")
    assert all(s["speed_kmh"] == 0.0 for s in r.samples if s["t"] > t + 15)
    assert r.summary["outcome"] == "ended_early"


def test_console_stop_then_walker_resume() -> None:
    r = run("thirty-minute-walk.toml", "600:console-stop")
    check_start_only_after_walker(r.events)
    assert len(commands(r.events, "start")) == 2
    assert r.summary["outcome"] == "completed"


def test_incline_rejected_walk_continues_with_speed_only() -> None:
    name = "gentle-incline-builder.toml"
    r = run(name, "400:reject-incline")
    cap = of_type(r, "capability")
    assert cap and cap[0]["details"]["name"] == "incline"
    msgs = [e for e in of_type(r, "message") if "Incline control" in e["details"]["text"]]
    assert len(msgs) == 1
    later_inclines = [e for e in commands(r.events, "set_incline") if e["t"] > cap[0]["t"]]
    assert not later_inclines
    assert r.summary["outcome"] == "completed"
    speeds_after = {
        e["details"]["value"] for e in commands(r.events, "set_speed") if e["t"] > cap[0]["t"]
    }
    assert speeds_after, "speed commands carry on"
    check_all(r.samples, r.events, timeline(name).limits)


def test_speed_rejected_walk_continues() -> None:
    r = run("thirty-minute-walk.toml", "200:reject-speed")
    assert [e["details"]["name"] for e in of_type(r, "capability")] == ["speed"]
    assert r.summary["outcome"] == "completed"


def test_stop_now_pauses_at_once_and_resumes_on_walker() -> None:
    r = run("thirty-minute-walk.toml", "600:stop")
    key = next(e for e in of_type(r, "walker") if e["details"]["action"] == "stop_now")
    pause = next(e for e in commands(r.events, "pause") if e["t"] >= key["t"])
    assert pause["t"] - key["t"] < 0.1
    check_all(r.samples, r.events, timeline("thirty-minute-walk.toml").limits)
    assert len(commands(r.events, "start")) == 2


def test_stats_freeze_while_paused() -> None:
    r = run("thirty-minute-walk.toml", "600:stop")
    paused = [s for s in r.samples if s["state"] == "paused"]
    assert len(paused) > 20
    assert len({s["prog_t"] for s in paused}) == 1


def test_script_errors_are_one_line() -> None:
    for bad in ("x:pain:3", "10:pain", "10:fly", "10:stop:now", "-1:stop"):
        with pytest.raises(ScriptError):
            ScriptEvent.parse(bad)


def test_cli_json_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(bundled_profiles_dir() / "first-week-10-min.toml")
    assert main(["simulate", path, "--json", "--pain", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["outcome"] == "completed"
    assert main(["simulate", path, "--event", "60:fly"]) == 2
    err = capsys.readouterr().err
    assert "unknown action" in err and "Traceback" not in err
    assert main(["simulate", "/nonexistent.toml"]) == 2
    assert main(["simulate", path]) == 0
    out = capsys.readouterr().out
    assert "outcome" in out and "completed" in out


def test_red_in_the_after_walk_exercises_never_restarts_the_belt() -> None:
    name = "standing-exercise-breaks.toml"
    r = run(name, "2180:pain:7")
    t = script_t(r, "pain")
    assert not [e for e in commands(r.events, "start") if e["t"] >= t]
    assert r.summary["outcome"] == "red"
    check_all(r.samples, r.events, timeline(name).limits)


@pytest.mark.parametrize("event", ["900:stop", "900:disconnect", "900:revoke", "900:pain:7"])
def test_faults_at_a_break_keep_the_belt_stopped_for_exercises(event: str) -> None:
    name = "standing-exercise-breaks.toml"
    r = run(name, event)
    check_all(r.samples, r.events, timeline(name).limits)
    assert r.summary["outcome"] in ("completed", "red")


def test_jumping_to_cooldown_does_not_ask_for_the_skipped_increases() -> None:
    # The incline builder plans increases after 12 min; two ambers at 10 min jump over them.
    r = run("gentle-incline-builder.toml", "600:pain:5")
    t = of_type(r, "cooldown_now")[0]["t"]
    later_prompts = [e for e in of_type(r, "prompt") if e["t"] >= t and e["t"] < t + 60]
    assert not [p for p in later_prompts if p["details"]["trigger"] == "after_increase"]
    assert [e["details"]["zone"] for e in of_type(r, "pain")].count("amber") == 2
