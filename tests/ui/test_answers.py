"""Answers are acknowledged with their consequence; check titles say why they are asked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.ui.helpers import WALK_PROFILE, make_app, start_walking, wait_until
from treadmill_tui.session.events import LoadReduced, PainAnswered, SessionEvent
from treadmill_tui.session.pain import Action, LegSymptom, Zone
from treadmill_tui.ui.answers import acknowledgement, check_title, from_events
from treadmill_tui.ui.screens.pain import PainCheckScreen


def test_each_zone_says_what_happens() -> None:
    assert acknowledgement(Zone.GREEN, Action.CONTINUE, nrs=1) == "Green: carry on."
    assert acknowledgement(Zone.AMBER, Action.REDUCE, nrs=4, reduced="incline", cap=0.0) == (
        "Amber: incline back to 0 %, no more increases. I'll ask again in 2 minutes."
    )
    assert acknowledgement(Zone.AMBER, Action.REDUCE, nrs=4, reduced="speed", cap=2.2).startswith(
        "Amber: speed down to 2.2 km/h"
    )
    assert acknowledgement(Zone.RED, Action.PAUSE, nrs=7).startswith(
        "Pain 7 out of 10: stopping the belt."
    )
    assert acknowledgement(Zone.AMBER, Action.COOLDOWN, nrs=4) == "Amber again: cooling down now."


def test_leg_symptoms_are_named_not_called_a_red_pain_answer() -> None:
    red = acknowledgement(Zone.RED, Action.PAUSE, nrs=2, legs=LegSymptom.SPREADING)
    assert red.startswith("Pain spreading into a leg: stopping the belt")
    stop = acknowledgement(Zone.STOP, Action.STOP, nrs=2, legs=LegSymptom.BOTH_LEGS)
    assert stop.startswith("Symptoms in both legs: stopping the belt")
    assert "red pain answer" not in red + stop


def test_check_titles_say_what_triggered_them() -> None:
    assert check_title("scheduled", "check") == "Regular pain check (every 5 minutes of the walk)"
    assert "after the load went up" in check_title("after_increase", "check")
    assert "2 minutes after your amber answer" in check_title("amber_recheck", "check")
    assert check_title("planned", "check") == "Planned pain check"
    assert check_title("scheduled", "check", repeats=1).endswith("asking again: no answer yet")


def test_amber_waits_for_the_reduction_and_baseline_needs_no_acknowledgement() -> None:
    pain = PainAnswered(
        nrs=4,
        legs="none",
        sharp=False,
        gait=False,
        zone="amber",
        action="reduce",
        trigger="scheduled",
        baseline=2,
    )
    assert from_events(pain, None, 120.0) is None
    said = from_events(pain, LoadReduced(what="incline", cap=1.0), 120.0)
    assert said == (
        "Amber: incline back to 1 %, no more increases. I'll ask again in 2 minutes.",
        "amber",
    )
    assert from_events(dataclasses.replace(pain, trigger="pre_walk"), None, 120.0) is None


async def test_an_amber_answer_is_acknowledged_and_eases_the_belt(tmp_path: Path) -> None:
    app = make_app(tmp_path, WALK_PROFILE.replace('speed = "1.0 km/h"', 'speed = "2.0 km/h"'))
    events: list[SessionEvent] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await start_walking(pilot, app)  # baseline 2
        assert app.runner is not None
        app.runner.subscribe(events.append)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PainCheckScreen))
        await pilot.press("5", "n")  # 5 is B + 3: amber
        await wait_until(pilot, lambda: app.walk.answered.startswith("Amber:"))
        assert "speed down to" in app.walk.answered
        assert "I'll ask again in 2 minutes" in app.walk.answered
        assert app.walk.answer.has_class("-amber")
        reduced = [e for e in events if isinstance(e, LoadReduced)]
        assert reduced and reduced[0].what == "speed" and reduced[0].cap is not None
        cap = reduced[0].cap
        assert f"{cap:.1f}".rstrip("0").rstrip(".") in app.walk.answered
