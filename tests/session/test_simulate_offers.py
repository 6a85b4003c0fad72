"""Offered exercise breaks through the real client and the simulated treadmill (``simulate
--session N``), with the safety invariants checked on every run."""

from __future__ import annotations

import json
from functools import cache

import pytest

from tests.session.invariants import check_all, check_exercises_on_a_stopped_belt
from tests.session.test_simulate import PROFILES, of_type, timeline
from treadmill_tui.cli import main
from treadmill_tui.session.simulate import SimulationResult, simulate
from treadmill_tui.session.walker import ScriptEvent

WALK = "thirty-minute-walk.toml"  # 5 min warm-up, 20 min main, 5 min cool-down


@cache
def run(name: str, *events: str, session: int | None = 3) -> SimulationResult:
    script = [ScriptEvent.parse(e) for e in events]
    result = simulate(timeline(name), script=script, session_number=session)
    check_all(result.samples, result.events, timeline(name).limits)
    return result


def exercise_belt_speeds(r: SimulationResult) -> list[float]:
    return [s["speed_kmh"] for s in r.samples if s["exercise"] is not None]


def test_the_walker_takes_the_offer_and_exercises_on_a_stopped_belt() -> None:
    r = run(WALK)
    (offer,) = of_type(r, "break_offered")  # the next would fall in the last 5 min
    assert offer["prog_t"] == pytest.approx(300 + 600, abs=6)
    assert offer["details"]["exercise"] == "Standing abdominal"
    (taken,) = of_type(r, "break_taken")
    assert taken["t"] - offer["t"] == pytest.approx(3, abs=1.1)  # the walker's ~3 s
    assert check_exercises_on_a_stopped_belt(r.samples) >= 25  # 3 x 10 s, all at 0 km/h
    assert set(exercise_belt_speeds(r)) == {0.0}
    pauses = [e for e in of_type(r, "command") if e["details"]["name"] == "pause"]
    assert len(pauses) == 1 and pauses[0]["t"] >= taken["t"]
    (end,) = of_type(r, "break_end")
    assert end["details"]["offered"] is True
    assert end["prog_t"] == pytest.approx(taken["prog_t"])  # programme time frozen
    assert r.summary["outcome"] == "completed"
    assert r.summary["active_s"] == pytest.approx(timeline(WALK).duration_s, abs=2.0)


def test_skip_breaks_walks_on_without_stopping() -> None:
    r = run(WALK, "0:skip-breaks")
    (offer,) = of_type(r, "break_offered")
    (skipped,) = of_type(r, "break_skipped")
    assert skipped["details"]["reason"] == "walker"
    assert not of_type(r, "break_taken")
    assert not [e for e in of_type(r, "command") if e["details"]["name"] == "pause"]
    assert check_exercises_on_a_stopped_belt(r.samples) == 0
    assert all(s["speed_kmh"] > 1.0 for s in r.samples if offer["t"] <= s["t"] <= offer["t"] + 60)


@pytest.mark.parametrize("name", PROFILES)
def test_without_a_session_number_nothing_is_offered(name: str) -> None:
    r = run(name, session=None)
    assert not of_type(r, "break_offered")
    assert not any(e["details"].get("offered") for e in of_type(r, "break_end"))


@pytest.mark.parametrize("name", PROFILES)
def test_every_bundled_profile_with_offers_completes_safely(name: str) -> None:
    r = run(name, session=4)
    offers = of_type(r, "break_offered")
    planned = sum(
        1
        for s in timeline(name).segments
        if s.kind == "break" and s.end_s < timeline(name).duration_s - 1e-6
    )
    assert len(offers) + planned <= timeline(name).break_policy.max_per_session
    assert r.summary["outcome"] == "completed"


def test_session_one_and_two_get_no_offers() -> None:
    assert not of_type(run(WALK, session=2), "break_offered")


def test_cli_session_option(capsys: pytest.CaptureFixture[str]) -> None:
    from treadmill_tui.profiles import bundled_profiles_dir

    path = str(bundled_profiles_dir() / WALK)
    assert main(["simulate", path, "--json", "--session", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e for e in data["events"] if e["type"] == "break_taken"]
    assert main(["simulate", path, "--session", "3", "--event", "0:skip-breaks"]) == 0
    assert "break_skipped: walker" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["simulate", path, "--session", "0"])
    assert exc.value.code == 2
    assert "session must be 1 or more" in capsys.readouterr().err
