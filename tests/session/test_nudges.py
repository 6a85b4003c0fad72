"""Nudges say what they did and why they were refused, within limits that suit the phase."""

from __future__ import annotations

import pytest

from treadmill_tui.profiles.display_units import MPH
from treadmill_tui.session.nudges import NudgeResult, nudge, room


def test_warm_up_holds_speed_at_the_walks_own_and_stays_flat() -> None:
    r = room(
        "warmup",
        plan_speed_kmh=1.9,
        main_speed_kmh=2.5,
        top_incline_pct=0.0,
        speed_max_kmh=6.0,
        incline_max_pct=6.0,
    )
    assert (r.speed_max_kmh, r.incline_max_pct) == (2.5, 0.0)
    up = nudge(
        "speed",
        1,
        offset=0.6,
        step=0.1,
        plan=1.9,
        ceiling=r.speed_max_kmh,
        floor=1.0,
        why_not=r.speed_why,
    )
    assert not up.applied and up.text == "Warm-up: speed held at 2.5 km/h or below"
    flat = nudge(
        "incline",
        1,
        offset=0.0,
        step=0.5,
        plan=0.0,
        ceiling=r.incline_max_pct,
        floor=0.0,
        why_not=r.incline_why,
    )
    assert not flat.applied and flat.text == "Warm-up: the belt stays flat"


def test_main_phase_allows_a_little_and_says_so() -> None:
    r = room(
        "main",
        plan_speed_kmh=2.5,
        main_speed_kmh=2.5,
        top_incline_pct=0.0,
        speed_max_kmh=6.0,
        incline_max_pct=6.0,
    )
    up = nudge(
        "speed",
        1,
        offset=0.0,
        step=0.1,
        plan=2.5,
        ceiling=r.speed_max_kmh,
        floor=1.0,
        why_not=r.speed_why,
    )
    assert up.applied and up.text == "Speed +0.1 → 2.6 km/h"
    assert up.offset == pytest.approx(0.1)
    at_cap = nudge(
        "speed",
        1,
        offset=0.5,
        step=0.1,
        plan=2.5,
        ceiling=r.speed_max_kmh,
        floor=1.0,
        why_not=r.speed_why,
    )
    assert not at_cap.applied and "+0.5 over the plan at most" in at_cap.text
    assert r.incline_why == "This walk is flat: incline held at 0 %"
    down = nudge("speed", -1, offset=0.0, step=0.1, plan=2.5, ceiling=3.0, floor=1.0, why_not="")
    assert down.applied and down.text == "Speed −0.1 → 2.4 km/h"


def test_cool_down_refuses_increases_but_allows_easing_off() -> None:
    r = room(
        "cooldown",
        plan_speed_kmh=1.9,
        main_speed_kmh=2.5,
        top_incline_pct=2.0,
        speed_max_kmh=6.0,
        incline_max_pct=6.0,
    )
    up = nudge(
        "speed",
        1,
        offset=0.0,
        step=0.1,
        plan=1.9,
        ceiling=r.speed_max_kmh,
        floor=1.0,
        why_not=r.speed_why,
    )
    assert not up.applied and up.text == "Cool-down: no speeding up now"
    low = nudge("speed", -1, offset=-0.9, step=0.1, plan=1.9, ceiling=1.9, floor=1.0, why_not="")
    assert not low.applied and low.text == "Speed already at its lowest (1 km/h)"


def test_in_mph_the_words_show_mph_and_the_offsets_stay_kmh() -> None:
    r = room(
        "main",
        plan_speed_kmh=3.2,
        main_speed_kmh=3.2,
        top_incline_pct=0.0,
        speed_max_kmh=6.0,
        incline_max_pct=6.0,
        unit=MPH,
    )
    assert r.speed_max_kmh == pytest.approx(3.7)
    assert r.speed_why == "Speed held at 2.3 mph: +0.31 over the plan at most"

    def speed(direction: int, offset: float) -> NudgeResult:
        return nudge(
            "speed",
            direction,
            offset=offset,
            step=0.1,
            plan=3.2,
            ceiling=r.speed_max_kmh,
            floor=1.0,
            why_not=r.speed_why,
            unit=MPH,
        )

    up = speed(1, 0.0)
    assert up.applied and up.offset == pytest.approx(0.1)
    assert up.text == "Speed +0.06 → 2.1 mph"  # 3.3 km/h
    low = speed(-1, -2.2)
    assert not low.applied and low.text == "Speed already at its lowest (0.6 mph)"
    held = speed(1, 0.5)
    assert not held.applied and held.text == r.speed_why
    incline = nudge(
        "incline", -1, offset=0.0, step=0.5, plan=0.0, ceiling=0.0, floor=0.0, why_not="", unit=MPH
    )
    assert incline.text == "Incline already at its lowest (0 %)"
