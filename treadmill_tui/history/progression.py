"""Progression between sessions: the next walk's dose from the history (docs/walking.md §6,
§3.6, §2.1, §2.3, §2.4; the choices made where those are silent are in docs/progression.md).

Pure: walks and morning answers in, a :class:`Proposal` with one plain sentence out.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

RED_ZONES = frozenset({"red", "stop"})


class Morning(StrEnum):
    SETTLED = "settled"
    FLARE = "flare"


class Rule(StrEnum):
    """Which row of docs/walking.md §6 chose the dose."""

    START = "start"
    LOCKED = "locked"
    AFTER_STOP = "after_stop"
    STEP_BACK = "step_back"
    CLINICIAN = "clinician"
    AMBER_CAP = "amber_cap"
    REPEAT = "repeat"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class Dose:
    minutes: int  # one walk, warm-up and cool-down included
    sessions: int  # walks a week
    incline_pct: float  # top incline
    cadence_spm: float | None  # None: no metronome yet


@dataclass(frozen=True, slots=True)
class WalkFact:
    """What progression needs of one walk."""

    day: date
    planned_min: float
    done_min: float
    zone: str  # worst pain zone: green, green_hold, amber, red, stop
    top_incline_pct: float
    top_green_incline_pct: float | None  # highest incline at a green check (None: no check)
    cadence_spm: float | None
    speed_kmh: float | None = None  # the main walking speed


@dataclass(frozen=True, slots=True)
class MorningAnswer:
    day: date
    nrs: int | None  # None: skipped
    usual: int | None


@dataclass(frozen=True, slots=True)
class PlanSettings:
    weekly_target_min: int = 150
    start_minutes: int = 10
    sessions_per_week: int = 3
    max_sessions: int = 5
    session_split_min: int = 30  # a walk longer than this adds a walk a week instead
    cadence_build_max: float = 100.0
    cadence_ceiling: float = 120.0
    cadence_step: float = 2.0
    incline_step: float = 0.5
    step_length_m: float = 0.65
    max_speed_kmh: float = 6.0


@dataclass(frozen=True, slots=True)
class Proposal:
    dose: Dose
    rule: Rule
    reason: str  # one plain sentence
    week: int
    clinician: bool = False  # advise contacting a clinician (§3.6 three mornings)


# ---------------------------------------------------------------------- the morning (§3.6)


def usual_morning(previous: Sequence[int], onboarding: int | None) -> int | None:
    """M: the median of the last 7 answers; the onboarding answer until there are 7."""
    if len(previous) >= 7:
        return round(statistics.median(previous[-7:]))
    if onboarding is not None:
        return onboarding
    return round(statistics.median(previous)) if previous else None


def morning_result(nrs: int, usual: int | None) -> Morning:
    """§3.6: at most M+1 and at most 5 is settled; at least M+2 or above 5 is a flare."""
    m = nrs if usual is None else usual
    return Morning.SETTLED if nrs <= m + 1 and nrs <= 5 else Morning.FLARE


def _raised(a: MorningAnswer) -> bool:
    return a.nrs is not None and a.nrs > (a.usual if a.usual is not None else a.nrs) + 1


def clinician_hold(answers: Sequence[MorningAnswer]) -> bool:
    """Three raised mornings in a row start a hold that ends after two mornings at M+1 or below."""
    holding = False
    raised_run = settled_run = 0
    for a in answers:
        if a.nrs is None:
            continue
        if _raised(a):
            raised_run += 1
            settled_run = 0
            if raised_run >= 3:
                holding = True
        else:
            raised_run = 0
            settled_run += 1
            if holding and settled_run >= 2:
                holding = False
    return holding


# ---------------------------------------------------------------------- weeks (§6, §2.1)


def weekly_increase(done_min: float) -> int:
    """§2.1: max(10 %, 5 min) of last week's minutes, never over 30 %, at least 1 minute."""
    inc = min(max(0.10 * done_min, 5.0), 0.30 * done_min)
    return max(1, math.floor(inc))


def incline_cap(week: int) -> float:
    """§2.3: weeks 1-2 0 %, 3-8 3 %, from 9 6 %."""
    return 0.0 if week <= 2 else 3.0 if week <= 8 else 6.0


def week_of(day: date, first: date) -> int:
    return (day - first).days // 7 + 1


@dataclass(frozen=True, slots=True)
class WeekResult:
    qualifies: bool
    why: str  # what made it qualify or not, for the sentence
    flare: bool


def judge_week(
    walks: Sequence[WalkFact],
    mornings: Sequence[MorningAnswer],
    previous_mornings: Sequence[MorningAnswer],
    dose: Dose,
) -> WeekResult:
    """§6 week boundary: minutes done, no RED/STOP, at most one AMBER, no flare, morning mean."""
    planned = dose.minutes * dose.sessions
    done = sum(w.done_min for w in walks)
    flare = any(
        a.nrs is not None and morning_result(a.nrs, a.usual) is Morning.FLARE for a in mornings
    )
    if done < 0.9 * planned:
        return WeekResult(False, f"only {done:.0f} of {planned} planned minutes were walked", flare)
    if any(w.zone in RED_ZONES for w in walks):
        return WeekResult(False, "a walk had a red or stop pain check", flare)
    if sum(w.zone == "amber" for w in walks) > 1:
        return WeekResult(False, "more than one walk had an amber pain check", flare)
    if flare:
        return WeekResult(False, "a morning was a flare", flare)
    now = [a.nrs for a in mornings if a.nrs is not None]
    before = [a.nrs for a in previous_mornings if a.nrs is not None]
    if now and before and statistics.mean(now) >= statistics.mean(before) + 1:
        return WeekResult(False, "mornings were a point or more worse than the week before", flare)
    return WeekResult(True, f"{done:.0f} of {planned} planned minutes, no flare", flare)


def _incline_unlocked(walks: Sequence[WalkFact], week: int) -> bool:
    """§2.3: from week 3, once three walks in a row were green."""
    if week < 3:
        return False
    run = 0
    for w in walks:
        run = run + 1 if w.zone in ("green", "green_hold") else 0
        if run >= 3:
            return True
    return False


def advance(
    dose: Dose,
    result: WeekResult,
    *,
    next_week: int,
    done_min: float,
    walks_so_far: Sequence[WalkFact],
    flare_weeks_running: int,
    settings: PlanSettings,
) -> tuple[Dose, str]:
    """The dose for ``next_week`` after a week judged ``result``; and what changed, in words."""
    s = settings
    if not result.qualifies:
        if flare_weeks_running >= 2:  # §2.1 flare_drop
            weekly = dose.minutes * dose.sessions * 0.8
            minutes = max(s.start_minutes // 2, math.floor(weekly / dose.sessions))
            incline = max(0.0, dose.incline_pct - s.incline_step)
            return replace(dose, minutes=minutes, incline_pct=incline), (
                f"down to {minutes} min: two flare weeks in a row"
            )
        return dose, f"held: last week did not qualify ({result.why})"
    consolidation = next_week % 3 == 0
    weekly_now = dose.minutes * dose.sessions
    target_met = weekly_now >= s.weekly_target_min
    raised: list[str] = []
    new = dose
    if not consolidation and not target_met:
        weekly = min(s.weekly_target_min, max(weekly_now, done_min) + weekly_increase(done_min))
        sessions = dose.sessions
        if math.ceil(weekly / sessions) > s.session_split_min and sessions < s.max_sessions:
            sessions += 1
            raised.append(f"{sessions} walks a week")
        minutes = math.ceil(weekly / sessions)
        if minutes != dose.minutes:
            raised.insert(0, f"{minutes} min a walk")
        new = replace(new, minutes=minutes, sessions=sessions)
    cadence_turn = not target_met or next_week % 2 == 0
    if len(raised) < 2 and dose.cadence_spm is not None and next_week >= 3 and cadence_turn:
        if not consolidation or target_met:
            ceiling = s.cadence_ceiling if target_met else s.cadence_build_max
            cadence = min(ceiling, dose.cadence_spm + s.cadence_step)
            if cadence * s.step_length_m * 0.06 > s.max_speed_kmh:
                cadence = dose.cadence_spm
            if cadence > dose.cadence_spm:
                new = replace(new, cadence_spm=cadence)
                raised.append(f"{cadence:.0f} spm")
    incline_turn = consolidation if not target_met else next_week % 2 == 1
    if (
        len(raised) < 2
        and incline_turn
        and not any("min a walk" in r for r in raised)
        and _incline_unlocked(walks_so_far, next_week)
    ):
        incline = min(incline_cap(next_week), dose.incline_pct + s.incline_step)
        if incline > dose.incline_pct:
            new = replace(new, incline_pct=incline)
            raised.append(f"incline up to {incline:.1f} %")
    if raised:
        return new, f"up to {' and '.join(raised)}: last week qualified ({result.why})"
    if consolidation and not target_met:
        return new, f"held for a consolidation week (week {next_week}): last week qualified"
    return new, f"held: last week qualified ({result.why}) but nothing more can rise now"


def start_dose(first: WalkFact | None, settings: PlanSettings) -> Dose:
    if first is None:
        return Dose(settings.start_minutes, settings.sessions_per_week, 0.0, None)
    return Dose(
        minutes=max(1, round(first.planned_min)),
        sessions=settings.sessions_per_week,
        incline_pct=0.0,
        cadence_spm=first.cadence_spm,
    )


def week_plan(
    walks: Sequence[WalkFact],
    mornings: Sequence[MorningAnswer],
    today: date,
    settings: PlanSettings,
) -> tuple[int, Dose, Dose, str]:
    """This week's number and planned dose, last week's dose, and the sentence for it."""
    first = walks[0] if walks else None
    dose = start_dose(first, settings)
    if first is None:
        return 1, dose, dose, "first walk: a gentle start"
    this_week = week_of(today, first.day)
    previous = dose
    why = "first week: the dose you started with"
    flare_run = 0
    for week in range(1, this_week):
        in_week = [w for w in walks if week_of(w.day, first.day) == week]
        m_week = [a for a in mornings if week_of(a.day, first.day) == week]
        m_before = [a for a in mornings if week_of(a.day, first.day) == week - 1]
        result = judge_week(in_week, m_week, m_before, dose)
        flare_run = flare_run + 1 if result.flare else 0
        so_far = [w for w in walks if week_of(w.day, first.day) <= week]
        previous = dose
        dose, why = advance(
            dose,
            result,
            next_week=week + 1,
            done_min=sum(w.done_min for w in in_week),
            walks_so_far=so_far,
            flare_weeks_running=flare_run,
            settings=settings,
        )
    return this_week, dose, previous, why


# ---------------------------------------------------------------------- before each walk (§6)


def _fmt(x: float) -> str:
    return f"{x:g}"


def propose(
    walks: Sequence[WalkFact],
    mornings: Sequence[MorningAnswer],
    today: date,
    *,
    settings: PlanSettings | None = None,
    unacknowledged_stop: bool = False,
    stop_acknowledged: bool = False,
) -> Proposal:
    """The next walk's dose by the first matching row of docs/walking.md §6.

    ``walks`` and ``mornings`` oldest first; ``unacknowledged_stop``: the last STOP has not
    been followed by the walker's "no red-flag symptoms since, or I have been checked".
    """
    s = settings or PlanSettings()
    week, plan, last_week, why = week_plan(walks, mornings, today, s)
    if not walks:
        return Proposal(plan, Rule.START, f"first walk: {plan.minutes} minutes, flat.", week)
    last = walks[-1]
    last_dose = Dose(
        minutes=max(1, round(last.planned_min)),
        sessions=plan.sessions,
        incline_pct=last.top_incline_pct,
        cadence_spm=last.cadence_spm,
    )
    # row 1: a STOP locks the plan until the walker confirms
    if unacknowledged_stop:
        return Proposal(
            last_dose,
            Rule.LOCKED,
            "locked: the last walk ended with a STOP; confirm you have had no red-flag "
            "symptoms since, or have been checked, before walking again.",
            week,
        )
    if stop_acknowledged and last.zone == "stop":
        return Proposal(
            replace(last_week, incline_pct=0.0),
            Rule.AFTER_STOP,
            "eased: after the STOP, last week's dose on a flat belt.",
            week,
        )
    # row 2 (the before-the-walk questions) is asked by the walk itself
    after_last = [a for a in mornings if a.day > last.day]
    morning = after_last[-1] if after_last else None
    step_back = (
        replace(last_week, minutes=max(1, math.floor(plan.minutes * 0.8)))
        if week == 1
        else last_week
    )
    if morning is not None and morning.nrs is not None:
        result = morning_result(morning.nrs, morning.usual)
        if result is Morning.FLARE:
            above = morning.nrs - (morning.usual if morning.usual is not None else morning.nrs)
            return Proposal(
                step_back,
                Rule.STEP_BACK,
                f"stepped back to {step_back.minutes} min: the morning after the last walk your "
                f"pain was {morning.nrs}, {above} above your usual.",
                week,
            )
    if last.zone == "red":
        return Proposal(
            step_back,
            Rule.STEP_BACK,
            f"stepped back to {step_back.minutes} min: the last walk had a red pain check.",
            week,
        )
    if clinician_hold(mornings):
        return Proposal(
            last_dose,
            Rule.CLINICIAN,
            "held at the last walk's dose: your back has been worse than usual on three "
            "mornings in a row; please contact a clinician before building up.",
            week,
            clinician=True,
        )
    if last.zone == "amber":
        cap = last.top_green_incline_pct or 0.0
        capped = replace(plan, incline_pct=min(plan.incline_pct, cap))
        return Proposal(
            capped,
            Rule.AMBER_CAP,
            f"as planned but with incline at most {_fmt(capped.incline_pct)} %: the last walk "
            "had an amber pain check.",
            week,
        )
    if morning is None or morning.nrs is None:
        return Proposal(
            last_dose,
            Rule.REPEAT,
            f"repeated at {last_dose.minutes} min: the morning check after the last walk was "
            "not answered.",
            week,
        )
    return Proposal(plan, Rule.PLAN, f"week {week}: {why}.", week)
