"""Offered exercise breaks (docs/walking.md §4.1) in the pure engine, on a hand-made timeline."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from tests.session.fakes import Harness, make_timeline
from treadmill_tui.profiles.model import BreakPolicy
from treadmill_tui.session.commands import Pause, Start, Stop
from treadmill_tui.session.engine import Engine, EngineSettings
from treadmill_tui.session.inputs import (
    End,
    PainKey,
    PainReport,
    Resume,
    SkipBreak,
    StartWalk,
    StopNow,
    TakeBreak,
)
from treadmill_tui.session.offers import (
    BreakOffers,
    OfferedBreakSegment,
    offer_blocked,
    standing_exercise,
)
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.states import BreakStage, State

WARMUP_S = 300.0


def pieces(
    main_s: float, warmup_s: float = WARMUP_S
) -> list[tuple[str, float, float, float, None]]:
    return [
        ("warmup", warmup_s, 2.0, 0.0, None),
        ("walk", main_s, 3.0, 0.0, None),
        ("cooldown", 300.0, 2.0, 0.0, None),
    ]


def harness(
    main_s: float = 3600.0,
    *,
    session: int | None = 3,
    breaks: BreakPolicy | None = None,
    warmup_s: float = WARMUP_S,
    auto_answer: int | None = 2,
) -> Harness:
    tl = make_timeline(pieces(main_s, warmup_s), breaks=breaks or BreakPolicy())
    engine = Engine(tl, settings=EngineSettings(session_number=session))
    h = Harness(engine, auto_answer=auto_answer)
    h.start_walk()
    return h


def events(h: Harness, type_: str) -> list[tuple[float, float, dict[str, object]]]:
    return [(e.t, e.prog_t, e.details) for e in h.engine.events if e.type == type_]


def run_until(h: Harness, cond: Callable[[], bool], max_s: float) -> None:
    end = h.now + max_s
    while not cond():
        assert h.now < end, "condition not reached"
        h.run(0.5)


def offered(h: Harness) -> bool:
    return h.engine.break_offer is not None


def stops_before(h: Harness, t: float) -> list[float]:
    return [at for at, c in h.commands if isinstance(c, Pause | Stop) and at < t]


def test_offers_come_after_first_after_then_every_and_at_most_max() -> None:
    h = harness(3600.0)
    for _ in range(3):
        run_until(h, lambda: offered(h), 1300)
        h.step([SkipBreak()])
    h.run(3600 + 300 - h.engine.prog_t + 30)
    offers = events(h, "break_offered")
    assert [d["number"] for _, _, d in offers] == [1, 2, 3]  # max 3, though main runs on
    progs = [p for _, p, _ in offers]
    # 10 min of main phase (after the 5-min warm-up), then every 10 min; a planned check
    # that happens to be open can hold an offer back a few seconds
    assert progs[0] == pytest.approx(WARMUP_S + 600, abs=6)
    assert progs[1] - progs[0] == pytest.approx(600, abs=6)
    assert progs[2] - progs[1] == pytest.approx(600, abs=6)
    skipped = events(h, "break_skipped")
    assert [d["reason"] for _, _, d in skipped] == ["walker"] * 3
    assert not events(h, "break_taken")
    assert stops_before(h, h.now) == [at for at, c in h.commands if isinstance(c, Stop)]


def test_the_offer_shows_the_keys_and_a_walker_message() -> None:
    h = harness()
    run_until(h, lambda: offered(h), 1000)
    snap = h.engine.snapshot()
    assert snap.state is State.MAIN
    assert "take_break" in snap.options and "skip_break" in snap.options
    assert snap.break_offer is not None and snap.break_offer.exercise == "Standing abdominal"
    assert snap.break_offer.wait_s == 15.0
    assert any("short standing exercise" in m and "B: take" in m for m in snap.messages)
    h.step([SkipBreak()])
    assert "take_break" not in h.engine.snapshot().options


def test_no_answer_is_a_skip_and_the_belt_never_stops() -> None:
    h = harness()
    run_until(h, lambda: offered(h), 1000)
    t_offer = h.now
    speeds_before = h.belt.speed
    assert speeds_before > 2.5
    h.run(14)
    assert offered(h) and not events(h, "break_skipped")
    h.run(2)
    assert not offered(h)
    (t, _, d), *_ = events(h, "break_skipped")
    assert d["reason"] == "no_answer"
    assert t == pytest.approx(t_offer + 15, abs=0.6)
    h.run(30)
    assert h.engine.state is State.MAIN
    assert not stops_before(h, h.now)
    assert min(s[4] for s in h.samples if s[0] >= t_offer) > 2.5  # the belt kept moving


def test_taking_the_offer_stops_the_belt_before_the_exercise_and_freezes_the_programme() -> None:
    h = harness()
    run_until(h, lambda: offered(h), 1000)
    h.step([TakeBreak()])
    prog = h.engine.prog_t
    assert h.engine.state is State.BREAK and h.engine.break_stage is BreakStage.STOPPING
    assert isinstance(h.commands[-1][1], Pause)
    taken_at = h.now
    run_until(h, lambda: h.engine.break_stage is BreakStage.EXERCISE, 30)
    assert h.belt.speed == 0.0  # confirmed 0 before any exercise shows
    view = h.engine.snapshot().exercise
    assert view is not None and view.name == "Standing abdominal"
    assert (view.hold_s, view.count) == (10.0, 3)  # catalogue dose: 3 x 10 s
    exercise_at = h.now
    assert all(s[4] == 0.0 for s in h.samples if s[0] >= exercise_at)
    run_until(h, lambda: h.engine.break_stage is BreakStage.AWAIT_RESUME, 60)
    assert events(h, "prompt")[-1][2]["trigger"] == "break_end"
    assert h.engine.prog_t == pytest.approx(prog)  # frozen through the break
    assert not any(isinstance(c, Start) for at, c in h.commands if at > taken_at)
    h.run(10)
    assert h.engine.state is State.BREAK  # only the walker's resume starts the belt
    h.step([Resume()])
    assert h.engine.snapshot().state is State.MAIN
    assert any(isinstance(c, Start) for at, c in h.commands if at == h.now)
    (_, _, end), *_ = events(h, "break_end")
    assert end["offered"] is True
    h.run(60)
    assert h.engine.prog_t == pytest.approx(prog + 60, abs=1)


def test_standing_exercises_come_in_turn_across_offers() -> None:
    h = harness(3600.0)
    names: list[str] = []
    for _ in range(3):
        run_until(h, lambda: offered(h), 1300)
        h.step([TakeBreak()])
        run_until(h, lambda: h.engine.break_stage is BreakStage.EXERCISE, 30)
        view = h.engine.snapshot().exercise
        assert view is not None
        names.append(view.name)
        run_until(h, lambda: h.engine.break_stage is BreakStage.AWAIT_RESUME, 90)
        h.step([Resume()])
    assert names == ["Standing abdominal", "Standing hip shift", "Leaning hip shift"]
    h.run(1500)
    assert len(events(h, "break_offered")) == 3


@pytest.mark.parametrize(
    ("session", "breaks"),
    [
        (None, BreakPolicy()),  # unknown: the safe side
        (2, BreakPolicy()),  # familiarisation session
        (5, BreakPolicy(offer=False)),
        (5, BreakPolicy(max_per_session=0)),
    ],
)
def test_no_offers_when_the_policy_or_the_session_says_no(
    session: int | None, breaks: BreakPolicy
) -> None:
    h = harness(1500.0, session=session, breaks=breaks)
    h.run(2200)
    assert h.engine.state not in (State.WARMUP, State.MAIN, State.COOLDOWN)  # walked to the end
    assert not events(h, "break_offered")


def test_fake_timelines_without_a_policy_get_no_offers() -> None:
    engine = Engine(make_timeline(pieces(1500.0)), settings=EngineSettings(session_number=9))
    h = Harness(engine)
    h.start_walk()
    h.run(1300)
    assert not events(h, "break_offered")


def test_never_in_the_warm_up_nor_in_the_last_five_minutes_of_the_main_phase() -> None:
    # warm-up of 15 min: the 10 min count main-phase walking only
    h = harness(1800.0, warmup_s=900.0)
    run_until(h, lambda: offered(h), 2000)
    assert h.engine.prog_t == pytest.approx(900 + 600, abs=6)
    h.step([SkipBreak()])
    # the next would be due at main 20:00 of 30:00 ... allowed; make the main phase shorter:
    h2 = harness(900.0)  # main 15 min: 10 min in, 5 min left -> inside the last 5 min
    h2.run(300 + 900 + 300 + 30)
    assert not events(h2, "break_offered")


def test_never_in_the_cool_down() -> None:
    h = harness(3600.0)
    h.run(800)
    h.step([End()])  # the walker ends early: straight into the cool-down
    assert h.engine.state is State.COOLDOWN
    h.run(290)
    assert not events(h, "break_offered")


def test_an_open_check_holds_the_offer_back_until_it_is_answered() -> None:
    h = harness()
    run_until(h, lambda: h.engine.prog_t >= WARMUP_S + 590, 1000)
    run_until(h, lambda: h.engine.snapshot().prompt is None, 10)
    h.auto_answer = None  # from here the walker answers by hand
    h.step([PainKey()])
    h.run(30)  # due at main 10:00, but the check is open
    assert not offered(h)
    h.step([PainReport(PainAnswer(2))])
    h.run(1)
    assert offered(h)


def test_an_offer_is_withdrawn_when_a_check_opens_or_the_belt_stops() -> None:
    h = harness(auto_answer=None)
    run_until(h, lambda: offered(h) or h.engine.snapshot().prompt is not None, 1000)
    while h.engine.snapshot().prompt is not None:
        h.step([PainReport(PainAnswer(2))])
        run_until(h, lambda: offered(h) or h.engine.snapshot().prompt is not None, 1000)
    h.step([PainKey()])
    assert not offered(h)
    ((_, _, d),) = events(h, "break_offer_withdrawn")
    assert d["reason"] == "check pending"
    h.step([PainReport(PainAnswer(2))])
    h.run(1)
    assert offered(h)  # a withdrawn offer does not count: it comes again
    assert events(h, "break_offered")[-1][2]["number"] == 1
    h.step([StopNow()])
    assert not offered(h)
    h.step([TakeBreak()])  # nothing offered any more: ignored
    assert h.engine.state is State.PAUSED
    assert not events(h, "break_taken")


def test_start_does_nothing_during_an_offer() -> None:
    h = harness()
    run_until(h, lambda: offered(h), 1000)
    n = len(h.commands)
    h.step([StartWalk()])
    assert offered(h) and h.engine.state is State.MAIN
    assert not any(isinstance(c, Start) for _, c in h.commands[n:])


def test_planned_mid_walk_breaks_count_toward_the_max() -> None:
    tl = make_timeline(
        [
            ("warmup", 300.0, 2.0, 0.0, None),
            ("walk", 600.0, 3.0, 0.0, None),
            ("break", 20.0, 0.0, 0.0, None),
            ("walk", 2400.0, 3.0, 0.0, None),
            ("cooldown", 300.0, 2.0, 0.0, None),
        ],
        breaks=BreakPolicy(max_per_session=2),
    )
    h = Harness(Engine(tl, settings=EngineSettings(session_number=3)))
    h.start_walk()
    for _ in range(6):
        run_until(h, lambda: offered(h) or h.engine.state is State.BREAK, 3000)
        if offered(h):
            h.step([SkipBreak()])
        else:
            run_until(h, lambda: h.engine.break_stage is BreakStage.AWAIT_RESUME, 90)
            h.step([Resume()])
        if events(h, "break_offered"):
            break
    h.run(2000)
    offers = events(h, "break_offered")
    assert len(offers) == 1  # max 2, one planned
    # spaced a full 10 min of main walking after the planned break
    assert offers[0][1] == pytest.approx(300 + 600 + 20 + 600, abs=6)


def test_the_profiles_restart_warm_up_threshold_wins_over_the_settings() -> None:
    h = harness(breaks=BreakPolicy(restart_warmup_after_s=120.0, offer=False))
    h.run(400)
    h.step([StopNow()])
    h.run(150)  # over the profile's 2 min, under the settings' 5 min
    h.step([Resume()])
    assert events(h, "rewarm")
    assert h.engine.state is State.WARMUP


def test_without_a_policy_the_settings_threshold_applies() -> None:
    tl = make_timeline(pieces(1500.0))
    settings = EngineSettings(restart_warmup_after_s=120.0)
    h = Harness(Engine(tl, settings=settings))
    h.start_walk()
    h.run(400)
    h.step([StopNow()])
    h.run(100)
    h.step([Resume()])
    assert not events(h, "rewarm")
    h.run(60)
    h.step([StopNow()])
    h.run(150)
    h.step([Resume()])
    assert events(h, "rewarm")


def test_offer_blocked_reasons() -> None:
    base = {
        "in_main": True,
        "prog_s": 900.0,
        "main_end_s": 2000.0,
        "prompt_open": False,
        "resume_easy": False,
        "slowed": False,
        "connected": True,
        "next_break_s": None,
        "every_s": 600.0,
    }
    assert offer_blocked(**base) is None  # type: ignore[arg-type]
    cases = {
        "in_main": False,
        "resume_easy": True,
        "prompt_open": True,
        "slowed": True,
        "connected": False,
    }
    for key, value in cases.items():
        assert offer_blocked(**{**base, key: value}) is not None  # type: ignore[arg-type]
        assert offer_blocked(**{**base, key: value}, pending=True) is not None  # type: ignore[arg-type]
    late = {**base, "prog_s": 1700.0}
    assert offer_blocked(**late) == "last 5 min of the main phase"  # type: ignore[arg-type]
    assert offer_blocked(**late, pending=True) is None  # type: ignore[arg-type]
    near = {**base, "next_break_s": 1200.0}
    assert offer_blocked(**near) == "a planned break is near"  # type: ignore[arg-type]


def test_break_offers_schedule() -> None:
    offers = BreakOffers.of(BreakPolicy(), 3, planned_breaks=1)
    assert offers.enabled and offers.max_offers == 2
    assert not offers.due(599.0) and offers.due(600.0)
    assert offers.open(10.0) == 1 and not offers.due(700.0)
    assert not offers.timed_out(24.9) and offers.timed_out(25.0)
    offers.withdraw()
    assert offers.due(700.0) and offers.made == 0
    offers.open(20.0)
    offers.answered(700.0)
    assert not offers.due(1299.0) and offers.due(1300.0)
    offers.open(30.0)
    offers.answered(1300.0)
    assert not offers.due(5000.0)  # max reached
    assert not BreakOffers.of(None, 3, 0).enabled
    assert not BreakOffers.of(BreakPolicy(), None, 0).enabled


def test_standing_exercise_rotation_uses_catalogue_rows_one_to_three() -> None:
    assert [standing_exercise(n).number for n in range(1, 8)] == [1, 2, 3, 1, 2, 3, 1]
    seg = OfferedBreakSegment(1, "x", 5.0, 5.0, (standing_exercise(2),))
    assert dataclasses.replace(seg).exercises[0].per_side
