"""Every branch of the progression rules (docs/walking.md §6, §2.1, §2.3, §2.4) and of the
morning check (§3.6), table-driven."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from treadmill_tui.history.progression import (
    Dose,
    Morning,
    MorningAnswer,
    PlanSettings,
    Rule,
    WalkFact,
    WeekResult,
    advance,
    clinician_hold,
    incline_cap,
    judge_week,
    morning_result,
    propose,
    usual_morning,
    weekly_increase,
)

D0 = date(2026, 1, 5)  # a Monday: day 0 of week 1


def walk(
    day: int,
    *,
    planned: float = 10,
    done: float | None = None,
    zone: str = "green",
    incline: float = 0.0,
    green: float | None = None,
    cadence: float | None = None,
) -> WalkFact:
    return WalkFact(
        day=D0 + timedelta(days=day),
        planned_min=planned,
        done_min=planned if done is None else done,
        zone=zone,
        top_incline_pct=incline,
        top_green_incline_pct=green,
        cadence_spm=cadence,
    )


def morning(day: int, nrs: int | None, usual: int | None = 1) -> MorningAnswer:
    return MorningAnswer(D0 + timedelta(days=day), nrs, usual)


WEEK1 = [walk(0), walk(2), walk(4)]  # three 10-minute green walks


# ---------------------------------------------------------------- the morning check (§3.6)


@pytest.mark.parametrize(
    ("nrs", "usual", "expected"),
    [
        (1, 1, Morning.SETTLED),  # usual
        (2, 1, Morning.SETTLED),  # M+1
        (3, 1, Morning.FLARE),  # M+2
        (5, 4, Morning.SETTLED),  # M+1 and at most 5
        (6, 5, Morning.FLARE),  # M+1 but above 5
        (6, None, Morning.FLARE),  # no usual yet: above 5 still counts
        (3, None, Morning.SETTLED),  # no usual yet: the answer is its own reference
    ],
)
def test_morning_result(nrs: int, usual: int | None, expected: Morning) -> None:
    assert morning_result(nrs, usual) is expected


@pytest.mark.parametrize(
    ("previous", "onboarding", "expected"),
    [
        ([], None, None),
        ([], 2, 2),  # the onboarding answer until seven mornings exist
        ([4, 4], 2, 2),
        ([1, 3], None, 2),  # no onboarding answer: the median so far
        ([0, 0, 1, 1, 2, 2, 9], 5, 1),  # seven answers: their median
        ([9, 9, 0, 0, 1, 1, 2, 2, 3], 5, 1),  # only the last seven count
    ],
)
def test_usual_morning(previous: list[int], onboarding: int | None, expected: int | None) -> None:
    assert usual_morning(previous, onboarding) == expected


@pytest.mark.parametrize(
    ("answers", "holding"),
    [
        ([3, 3], False),
        ([3, 3, 3], True),  # three raised mornings in a row
        ([3, 3, 1, 3], False),  # broken run
        ([3, 3, 3, 1], True),  # one good morning is not enough
        ([3, 3, 3, 1, 1], False),  # two mornings back at M+1 or below end the hold
        ([3, 3, 3, 1, None, 3], True),  # a skipped morning neither breaks nor ends anything
    ],
)
def test_clinician_hold(answers: list[int | None], holding: bool) -> None:
    assert clinician_hold([morning(i, a) for i, a in enumerate(answers)]) is holding


# ---------------------------------------------------------------- volume and caps (§2.1, §2.3)


@pytest.mark.parametrize(
    ("done", "increase"),
    [(30, 5), (49, 5), (100, 10), (150, 15), (10, 3), (2, 1), (0, 1)],
)
def test_weekly_increase(done: float, increase: int) -> None:
    assert weekly_increase(done) == increase


@pytest.mark.parametrize(("week", "cap"), [(1, 0.0), (2, 0.0), (3, 3.0), (8, 3.0), (9, 6.0)])
def test_incline_cap(week: int, cap: float) -> None:
    assert incline_cap(week) == cap


# ---------------------------------------------------------------- the week boundary (§6)

DOSE = Dose(minutes=10, sessions=3, incline_pct=0.0, cadence_spm=None)


@pytest.mark.parametrize(
    ("walks", "mornings", "before", "qualifies", "why"),
    [
        (WEEK1, [], [], True, "30 of 30 planned minutes"),
        ([walk(0), walk(2), walk(4, done=7)], [], [], True, "27 of 30"),  # 90 % is enough
        ([walk(0), walk(2)], [], [], False, "only 20 of 30 planned minutes"),
        ([walk(0), walk(2), walk(4, zone="red")], [], [], False, "red or stop"),
        ([walk(0), walk(2), walk(4, zone="stop")], [], [], False, "red or stop"),
        ([walk(0), walk(2, zone="amber"), walk(4)], [], [], True, "30 of 30"),  # one amber
        (
            [walk(0, zone="amber"), walk(2, zone="amber"), walk(4)],
            [],
            [],
            False,
            "more than one walk had an amber",
        ),
        (WEEK1, [morning(1, 4)], [], False, "a morning was a flare"),
        (WEEK1, [morning(1, 2), morning(3, 2)], [morning(-6, 1)], False, "a point or more"),
        (WEEK1, [morning(1, 2), morning(3, 1)], [morning(-6, 1)], True, "no flare"),
    ],
)
def test_judge_week(
    walks: list[WalkFact],
    mornings: list[MorningAnswer],
    before: list[MorningAnswer],
    qualifies: bool,
    why: str,
) -> None:
    result = judge_week(walks, mornings, before, DOSE)
    assert result.qualifies is qualifies
    assert why in result.why


GOOD = WeekResult(True, "30 of 30 planned minutes, no flare", False)
BAD = WeekResult(False, "only 20 of 30 planned minutes were walked", False)
FLARE = WeekResult(False, "a morning was a flare", True)
GREENS = [walk(i) for i in range(3)]


@pytest.mark.parametrize(
    ("dose", "result", "week", "done", "flares", "settings", "expected", "words"),
    [
        # build week: minutes up by the weekly increase (30 -> 35 a week, 12 a walk)
        (DOSE, GOOD, 2, 30, 0, PlanSettings(), Dose(12, 3, 0.0, None), "up to 12 min a walk"),
        # not qualifying: everything held
        (DOSE, BAD, 2, 20, 0, PlanSettings(), DOSE, "held: last week did not qualify"),
        # one flare week: held; two in a row: the flare drop (-20 % minutes, -0.5 % incline)
        (DOSE, FLARE, 2, 30, 1, PlanSettings(), DOSE, "held"),
        (
            Dose(20, 3, 1.0, None),
            FLARE,
            5,
            60,
            2,
            PlanSettings(),
            Dose(16, 3, 0.5, None),
            "two flare weeks in a row",
        ),
        # consolidation week (3, 6, 9 ...): minutes held; incline rises once unlocked
        (DOSE, GOOD, 3, 30, 0, PlanSettings(), Dose(10, 3, 0.5, None), "incline up to 0.5 %"),
        (
            Dose(10, 3, 3.0, None),
            GOOD,
            6,
            30,
            0,
            PlanSettings(),
            Dose(10, 3, 3.0, None),
            "consolidation week",
        ),  # incline at the week's cap
        # a walk that would pass 30 min adds a walk a week instead
        (
            Dose(30, 3, 0.0, None),
            GOOD,
            4,
            90,
            0,
            PlanSettings(),
            Dose(25, 4, 0.0, None),
            "4 walks a week",
        ),
        # cadence from week 3 in build weeks, +2 spm while below 100; two levers at most
        (
            Dose(12, 3, 0.0, 90.0),
            GOOD,
            4,
            36,
            0,
            PlanSettings(),
            Dose(14, 3, 0.0, 92.0),
            "up to 14 min a walk and 92 spm",
        ),
        (
            Dose(12, 3, 0.0, 99.0),
            GOOD,
            4,
            36,
            0,
            PlanSettings(),
            Dose(14, 3, 0.0, 100.0),
            "100 spm",
        ),
        (
            Dose(12, 3, 0.0, 100.0),
            GOOD,
            4,
            36,
            0,
            PlanSettings(),
            Dose(14, 3, 0.0, 100.0),
            "up to 14 min a walk:",
        ),  # above 100 only once the minutes goal is met
        # no cadence rise in week 2
        (
            Dose(10, 3, 0.0, 90.0),
            GOOD,
            2,
            30,
            0,
            PlanSettings(),
            Dose(12, 3, 0.0, 90.0),
            "up to 12 min a walk:",
        ),
        # cadence stops where the speed it needs would pass 6 km/h
        (
            Dose(12, 3, 0.0, 98.0),
            GOOD,
            4,
            36,
            0,
            PlanSettings(step_length_m=1.02),
            Dose(14, 3, 0.0, 98.0),
            "up to 14 min a walk:",
        ),
        # the minutes goal: nothing rises past it; then cadence and incline take turns
        (
            Dose(30, 5, 1.0, 100.0),
            GOOD,
            10,
            150,
            0,
            PlanSettings(),
            Dose(30, 5, 1.0, 102.0),
            "102 spm",
        ),
        (
            Dose(30, 5, 1.0, 100.0),
            GOOD,
            11,
            150,
            0,
            PlanSettings(),
            Dose(30, 5, 1.5, 100.0),
            "incline up to 1.5 %",
        ),
        (
            Dose(28, 5, 0.0, None),
            GOOD,
            10,
            140,
            0,
            PlanSettings(),
            Dose(30, 5, 0.0, None),
            "30 min a walk",
        ),  # capped at the 150-minute goal
    ],
)
def test_advance(
    dose: Dose,
    result: WeekResult,
    week: int,
    done: float,
    flares: int,
    settings: PlanSettings,
    expected: Dose,
    words: str,
) -> None:
    new, sentence = advance(
        dose,
        result,
        next_week=week,
        done_min=done,
        walks_so_far=GREENS,
        flare_weeks_running=flares,
        settings=settings,
    )
    assert new == expected
    assert words in sentence


def test_incline_stays_locked_without_three_greens_in_a_row() -> None:
    new, _ = advance(
        DOSE,
        GOOD,
        next_week=3,
        done_min=30,
        walks_so_far=[walk(0), walk(1, zone="amber"), walk(2), walk(3)],
        flare_weeks_running=0,
        settings=PlanSettings(),
    )
    assert new.incline_pct == 0.0


# ---------------------------------------------------------------- before each walk (§6)

DAY3 = D0 + timedelta(days=5)  # still week 1, the morning after the third walk


@pytest.mark.parametrize(
    ("walks", "mornings", "today", "kwargs", "rule", "minutes", "incline", "words"),
    [
        ([], [], D0, {}, Rule.START, 10, 0.0, "first walk: 10 minutes"),
        (
            WEEK1[:2] + [walk(4, zone="stop")],
            [],
            DAY3,
            {"unacknowledged_stop": True},
            Rule.LOCKED,
            10,
            0.0,
            "locked",
        ),
        (
            WEEK1[:2] + [walk(4, zone="stop", incline=1.0)],
            [],
            DAY3,
            {"stop_acknowledged": True},
            Rule.AFTER_STOP,
            10,
            0.0,
            "flat belt",
        ),
        (WEEK1, [morning(5, 4)], DAY3, {}, Rule.STEP_BACK, 8, 0.0, "3 above your usual"),
        (WEEK1, [morning(5, 6, usual=5)], DAY3, {}, Rule.STEP_BACK, 8, 0.0, "your pain was 6"),
        (
            WEEK1[:2] + [walk(4, zone="red")],
            [morning(5, 1)],
            DAY3,
            {},
            Rule.STEP_BACK,
            8,
            0.0,
            "red pain check",
        ),
        (
            WEEK1[:2] + [walk(4, zone="amber", incline=1.0, green=0.5)],
            [morning(5, 1)],
            DAY3,
            {},
            Rule.AMBER_CAP,
            10,
            0.0,
            "amber",
        ),
        (WEEK1, [], DAY3, {}, Rule.REPEAT, 10, 0.0, "not answered"),
        (WEEK1, [morning(5, None)], DAY3, {}, Rule.REPEAT, 10, 0.0, "not answered"),
        (WEEK1, [morning(5, 1)], DAY3, {}, Rule.PLAN, 10, 0.0, "week 1"),
        # week 2 after a qualifying week 1: the plan rises
        (
            WEEK1,
            [morning(5, 1)],
            D0 + timedelta(days=7),
            {},
            Rule.PLAN,
            12,
            0.0,
            "up to 12 min a walk",
        ),
        # a red walk in week 2 steps back to week 1's dose
        (
            WEEK1 + [walk(7, planned=12), walk(9, planned=12, zone="red")],
            [morning(10, 1)],
            D0 + timedelta(days=10),
            {},
            Rule.STEP_BACK,
            10,
            0.0,
            "red",
        ),
        # three raised mornings, then one settled: hold and advise a clinician
        (
            WEEK1,
            [morning(1, 3), morning(3, 3), morning(4, 3), morning(5, 1)],
            DAY3,
            {},
            Rule.CLINICIAN,
            10,
            0.0,
            "contact a clinician",
        ),
    ],
)
def test_propose(
    walks: list[WalkFact],
    mornings: list[MorningAnswer],
    today: date,
    kwargs: dict[str, bool],
    rule: Rule,
    minutes: int,
    incline: float,
    words: str,
) -> None:
    proposal = propose(
        walks,
        mornings,
        today,
        unacknowledged_stop=kwargs.get("unacknowledged_stop", False),
        stop_acknowledged=kwargs.get("stop_acknowledged", False),
    )
    assert proposal.rule is rule
    assert (proposal.dose.minutes, proposal.dose.incline_pct) == (minutes, incline)
    assert words in proposal.reason
    # one plain sentence: a single full stop, at the end
    assert proposal.reason.endswith(".") and proposal.reason.count(". ") == 0
    assert proposal.clinician is (rule is Rule.CLINICIAN)
