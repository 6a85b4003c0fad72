"""Late answers (docs/walking.md §3.5): they apply from the reduced load; green offers a one-key
return to the previous load, which the ramps pace and a check follows."""

from __future__ import annotations

from tests.session.fakes import Harness, make_timeline
from tests.session.invariants import check_all
from tests.session.test_simulate import of_type, run, timeline
from treadmill_tui.session.engine import MSG_RETURN_OFFER, Engine
from treadmill_tui.session.inputs import PainKey, PainReport, Resume, ReturnToPlan
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.states import PauseReason, State

PIECES = [
    ("warmup", 60, 2.0, 0.0, None),
    ("walk", 1800, 4.0, 1.0, 100.0),
    ("cooldown", 60, 2.0, 0.0, None),
]
WARM = 2.0
SPEED_UP_PER_S = 0.1 / 5  # Limits.speed_rate_kmh_per_s


def slowed(baseline: int = 2, unanswered_s: float = 91.0) -> Harness:
    """Walking the main load, then a pain-key check left unanswered past the slow-down."""
    h = Harness(Engine(make_timeline(PIECES)))
    h.start_walk(baseline)
    h.run(500)
    assert h.engine.target_speed() == 4.0 and h.engine.target_incline() == 1.0
    h.auto_answer = None
    h.step([PainKey()])
    h.run(unanswered_s)
    slowed = "no_answer_slowdown" in [e.type for e in h.engine.events]
    assert slowed is (unanswered_s >= 60.0)
    return h


def answer(h: Harness, nrs: int) -> None:
    assert h.engine.snapshot().prompt is not None
    h.step([PainReport(PainAnswer(nrs))])


def test_a_late_green_keeps_the_reduced_load_and_offers_the_return() -> None:
    h = slowed()
    assert h.engine.target_speed() == WARM and h.engine.target_incline() == 0.0
    answer(h, 2)
    snap = h.engine.snapshot()
    assert "return" in snap.options
    assert snap.messages[-1] == MSG_RETURN_OFFER
    h.run(60)
    snap = h.engine.snapshot()
    assert snap.target_speed_kmh == WARM and snap.target_incline_pct == 0.0
    assert snap.metronome_spm is None  # still silent
    assert "return" in snap.options
    assert not [c for t, c in h.commands if t > h.now - 60 and c.name == "set_speed"]


def test_the_return_key_lifts_the_slow_down_through_the_ramp_and_brings_a_check() -> None:
    h = slowed()
    answer(h, 2)
    h.run(5)
    t0 = h.now
    h.step([ReturnToPlan()])
    assert "return" not in h.engine.snapshot().options
    h.run(10)
    speed = h.engine.target_speed()
    assert speed is not None and WARM < speed <= WARM + SPEED_UP_PER_S * 10 + 0.1 + 1e-9
    h.run(45)
    assert h.engine.snapshot().prompt is None
    h.run(10)  # about a minute after the increase
    prompt = h.engine.snapshot().prompt
    assert prompt is not None and prompt.trigger == "after_increase"
    assert 59.0 <= prompt.since - t0 <= 61.0
    answer(h, 2)
    h.run(120)
    assert h.engine.target_speed() == 4.0  # back on the plan
    assert h.engine.snapshot().metronome_spm == 100.0
    assert [e.type for e in h.engine.events].count("no_answer_cleared") == 1


def test_the_return_key_does_nothing_unless_offered() -> None:
    h = Harness(Engine(make_timeline(PIECES)))
    h.start_walk()
    h.run(300)
    before = h.engine.target_speed()
    h.step([ReturnToPlan()])
    h.run(5)
    assert h.engine.target_speed() == before
    assert "no_answer_cleared" not in [e.type for e in h.engine.events]
    h = slowed(unanswered_s=30.0)  # answered before the slow-down: nothing to return from
    answer(h, 2)
    assert "return" not in h.engine.snapshot().options
    h.step([ReturnToPlan()])
    assert "no_answer_cleared" not in [e.type for e in h.engine.events]


def test_a_late_amber_reduces_from_the_reduced_load_without_an_offer() -> None:
    h = slowed()
    answer(h, 4)  # B+2: amber
    assert h.engine.pain_log[-1].zone == "amber"
    h.run(100)
    snap = h.engine.snapshot()
    assert "return" not in snap.options
    assert snap.target_speed_kmh is not None and snap.target_speed_kmh <= WARM - 0.3 + 1e-9
    assert snap.target_incline_pct == 0.0


def test_a_late_red_pauses_as_the_table_says() -> None:
    h = slowed()
    answer(h, 7)
    snap = h.engine.snapshot()
    assert snap.state is State.PAUSED and snap.pause_reason is PauseReason.RED
    assert "return" not in snap.options


def test_a_late_green_hold_stays_reduced_until_a_plain_green_offers_the_return() -> None:
    h = slowed(baseline=4)
    answer(h, 4)  # >= 4 but not above the baseline: green, hold
    assert h.engine.pain_log[-1].zone == "green_hold"
    h.run(30)
    assert "return" not in h.engine.snapshot().options
    assert h.engine.target_speed() == WARM
    h.step([PainKey()])
    h.run(3)
    answer(h, 2)
    assert "return" in h.engine.snapshot().options


def test_a_late_green_after_the_no_answer_pause_offers_the_return_once_walking() -> None:
    h = slowed(unanswered_s=185.0)
    snap = h.engine.snapshot()
    assert snap.state is State.PAUSED and snap.pause_reason is PauseReason.NO_ANSWER
    answer(h, 2)
    assert "return" not in h.engine.snapshot().options  # nothing to return to while stopped
    h.run(5)
    h.step([Resume()])
    h.run(60)
    snap = h.engine.snapshot()
    assert snap.state is State.MAIN and "return" in snap.options
    assert snap.target_speed_kmh == WARM
    assert MSG_RETURN_OFFER in snap.messages


def test_the_simulated_walker_takes_the_return_right_after_a_late_green() -> None:
    name = "cadence-builder.toml"
    r = run(name, "600:late")
    offered = of_type(r, "return_offered")
    assert len(offered) == 1
    pain = next(e for e in of_type(r, "pain") if e["t"] == offered[0]["t"])
    assert pain["details"]["zone"] == "green"
    back = [e for e in of_type(r, "walker") if e["details"]["action"] == "return_to_plan"]
    assert back and 0 <= back[0]["t"] - offered[0]["t"] <= 2.0
    after = [e for e in of_type(r, "prompt") if e["t"] > back[0]["t"]]
    assert after and after[0]["details"]["trigger"] == "after_increase"
    assert 55 <= after[0]["t"] - back[0]["t"] <= 65
    assert r.summary["outcome"] == "completed"
    check_all(r.samples, r.events, timeline(name).limits)
    # the plan's speed again within a few minutes of the return
    tl = timeline(name)
    later = [s for s in r.samples if back[0]["t"] + 240 <= s["t"] <= back[0]["t"] + 260]
    assert later and all(
        abs(s["target_speed_kmh"] - tl.at(s["prog_t"]).speed_kmh) < 0.15 for s in later
    )
