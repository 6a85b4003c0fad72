"""Arrow-key nudges in the engine: limits that suit the phase, and words for each press."""

from __future__ import annotations

from tests.session.test_engine import harness
from treadmill_tui.session.inputs import ManualOverride, Override


def said(h: object) -> tuple[str, ...]:
    return h.engine.snapshot().messages  # type: ignore[attr-defined, no-any-return]


def test_main_phase_nudges_say_what_they_did_and_stop_at_half_a_kmh() -> None:
    h = harness()
    h.start_walk()
    h.run(400)  # main phase at 3.0 km/h, incline 1 %
    h.step([ManualOverride(Override.SPEED_UP)])
    assert said(h)[-1] == "Speed +0.1 → 3.1 km/h"
    for _ in range(6):
        h.step([ManualOverride(Override.SPEED_UP)])
    assert said(h)[-1] == "Speed held at 3.5 km/h: +0.5 over the plan at most"
    h.run(60)
    assert (h.engine.target_speed() or 0) <= 3.5 + 1e-9  # the command never went past it
    h.step([ManualOverride(Override.INCLINE_UP)])
    assert said(h)[-1] == "Incline +0.5 → 1.5 %"
    h.step([ManualOverride(Override.INCLINE_UP)])
    assert said(h)[-1] == "Incline held at 1.5 % at most"  # the walk's top + 0.5 %
    h.step([ManualOverride(Override.SPEED_DOWN)])
    assert said(h)[-1] == "Speed −0.1 → 3.4 km/h"


def test_warm_up_nudges_stay_below_the_walks_own_speed() -> None:
    h = harness()
    h.start_walk()
    h.run(60)  # warm-up
    for _ in range(20):
        h.step([ManualOverride(Override.SPEED_UP)])
    assert said(h)[-1].startswith("Warm-up: speed held at 3 km/h or below")
    h.run(120)
    assert (h.engine.target_speed() or 0) <= 3.0 + 1e-9
