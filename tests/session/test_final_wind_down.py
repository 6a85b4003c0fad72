"""Issue #15, programmes that end unsafely: whatever the profile says, the final stop goes out
only once the belt is down to the starting speed, brought there at the engine's limit rate; and
a plan the belt may not follow (a step rate times the walker's step length above the limit) is
said on screen instead of capped silently."""

from __future__ import annotations

from typing import Any

from tests.session.fakes import Harness
from treadmill_tui.profiles import compile_profile, parse_profile
from treadmill_tui.profiles.display_units import MPH
from treadmill_tui.session.commands import SetSpeed
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.engine_settings import EngineSettings
from treadmill_tui.session.inputs import End
from treadmill_tui.session.simulate import SimulationResult, simulate
from treadmill_tui.session.states import State
from treadmill_tui.session.walker import ScriptEvent

FAST_END = """
name = "Ends fast"
[limits]
speed_max = "7 km/h"
speed_ramp = "0.2 km/h per 5 s"
[[segments]]
kind = "warmup"
duration = "5 min"
speed = "3 km/h"
[[segments]]
kind = "walk"
duration = "10 min"
speed = "7 km/h"
[[segments]]
kind = "cooldown"
duration = "{cooldown}"
speed = "{end}"
"""

CADENCE = """
name = "Cadence led"
step_length = "0.65 m"
[limits]
speed_max = "6 km/h"
[[segments]]
kind = "warmup"
duration = "5 min"
speed = "2.5 km/h"
[[segments]]
kind = "walk"
duration = "10 min"
cadence = "130 spm"
[[segments]]
kind = "cooldown"
duration = "5 min"
speed = "2.5 km/h"
"""

SAFE = EngineSettings().final_stop_max_kmh
DOWN_RATE = EngineSettings().speed_down_rate_kmh_per_s


def run(text: str, *events: str, step_length_m: float | None = None) -> SimulationResult:
    timeline = compile_profile(parse_profile(text, "p.toml"), step_length_m=step_length_m)
    return simulate(timeline, script=[ScriptEvent.parse(e) for e in events])


def commands(r: SimulationResult) -> list[dict[str, Any]]:
    return [e for e in r.events if e["type"] == "command"]


def speed_before_stop(r: SimulationResult) -> tuple[float, float]:
    """(last speed commanded before the final Stop, the belt's speed in the sample before it)."""
    cmds = commands(r)
    k = next(i for i, e in enumerate(cmds) if e["details"]["name"] == "stop")
    last_set = [e for e in cmds[:k] if e["details"]["name"] == "set_speed"][-1]
    t_stop = cmds[k]["t"]
    belt = [s for s in r.samples if s["t"] <= t_stop][-1]["speed_kmh"]
    return last_set["details"]["value"], belt


def test_a_programme_ending_at_7_kmh_is_brought_down_before_the_final_stop() -> None:
    r = run(FAST_END.format(end="7 km/h", cooldown="1 s"))
    commanded, belt = speed_before_stop(r)
    assert commanded <= SAFE + 1e-9
    assert belt <= SAFE + 0.2  # telemetry a tick behind the last target
    assert any("before the belt stops" in e["details"].get("text", "") for e in r.events)
    assert r.summary["outcome"] == "completed"


def test_the_wind_down_never_drops_faster_than_the_limit_rate() -> None:
    r = run(FAST_END.format(end="7 km/h", cooldown="1 s"))
    sets = [
        (e["t"], e["details"]["value"]) for e in commands(r) if e["details"]["name"] == "set_speed"
    ]
    for (t0, v0), (t1, v1) in zip(sets, sets[1:], strict=False):
        if v1 < v0:
            assert v0 - v1 <= DOWN_RATE * (t1 - t0) + 0.1 + 1e-9, (t0, v0, t1, v1)


def test_a_programme_ending_at_the_starting_speed_stops_at_once() -> None:
    r = run(FAST_END.format(end="2 km/h", cooldown="5 min"))
    assert not any("before the belt stops" in e["details"].get("text", "") for e in r.events)
    commanded, _ = speed_before_stop(r)
    assert commanded <= SAFE


def test_end_pressed_in_a_fast_cool_down_winds_down_too() -> None:
    # the cool-down starts at 7 km/h; End in it must not stop the belt from there
    text = FAST_END.format(end="6.5 km/h", cooldown="1 min")
    h = Harness(Engine(compile_profile(parse_profile(text, "p.toml"))))
    h.start_walk()
    h.run(905)  # into the cool-down, still near 7 km/h
    assert h.engine.snapshot().state is State.COOLDOWN
    assert (h.engine.snapshot().target_speed_kmh or 0.0) > SAFE + 1.0
    h.step([End()])
    h.run(120)
    names = h.names()
    k = names.index("stop")
    sets = [c for _, c in h.commands[:k] if isinstance(c, SetSpeed)]
    assert sets[-1].kmh <= SAFE + 1e-9
    assert h.engine.summary().outcome == "ended_early"


def test_a_step_rate_the_belt_may_not_follow_is_said_once() -> None:
    # 130 spm x the walker's 0.85 m is 6.63 km/h, above the 6 km/h limit
    r = run(CADENCE, step_length_m=0.85)
    said = [
        e["details"]["text"]
        for e in r.events
        if "the belt is held at" in e["details"].get("text", "")
    ]
    assert said == ["The plan asks for 6.6 km/h here; the belt is held at 6.0 km/h, its limit."]
    top = max(s["speed_kmh"] or 0.0 for s in r.samples)
    assert top <= 6.0 + 1e-9


def test_a_step_rate_within_the_limit_says_nothing() -> None:
    r = run(CADENCE)  # 130 spm x 0.65 m = 5.07 km/h
    assert not any("the belt is held at" in e["details"].get("text", "") for e in r.events)


def test_in_mph_the_wind_down_and_the_cap_are_said_in_mph_and_the_belt_does_the_same() -> None:
    # the walker's units setting changes the words only: commands and samples stay km/h
    def said(r: SimulationResult) -> list[str]:
        return [str(e["details"].get("text", "")) for e in r.events if e["type"] == "message"]

    mph = EngineSettings(speed_unit=MPH)
    fast = compile_profile(parse_profile(FAST_END.format(end="7 km/h", cooldown="1 s"), "p.toml"))
    in_mph = simulate(fast, engine_settings=mph)
    assert "Slowing down to 1.6 mph before the belt stops." in said(in_mph)  # 2.5 km/h
    in_kmh = simulate(fast)
    assert "Slowing down to 2.5 km/h before the belt stops." in said(in_kmh)
    assert commands(in_mph) == commands(in_kmh)
    cadence = compile_profile(parse_profile(CADENCE, "p.toml"), step_length_m=0.85)
    capped = simulate(cadence, engine_settings=mph)
    assert [t for t in said(capped) if "the belt is held at" in t] == [
        "The plan asks for 4.1 mph here; the belt is held at 3.7 mph, its limit."
    ]
