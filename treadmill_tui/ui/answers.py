"""What the walker is told after answering a pain check: the zone and what happens now.

An answer is never taken in silence: "Green: carry on", "Amber: incline down to 0 %; I'll ask
again in 2 minutes", "Red: stopping the belt". Leg symptoms are named as such. The words come
from the engine's decision (zone, action, what was reduced and to what), so they say what the
belt will really do (docs/walk-screen.md). Pure functions, no Textual.
"""

from __future__ import annotations

from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.numbers import plain
from treadmill_tui.session.events import LoadReduced, PainAnswered
from treadmill_tui.session.pain import Action, LegSymptom, Zone

LEG_WORDS = {
    LegSymptom.SPREADING: "Pain spreading into a leg",
    LegSymptom.ONE_LEG: "Numbness, tingling or weakness in one leg",
    LegSymptom.BOTH_LEGS: "Symptoms in both legs",
    LegSymptom.SADDLE: "Numbness around the bottom, or a bladder or bowel change",
}


def _n(value: float) -> str:
    return plain(value, 1)


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return "1 minute" if minutes == 1 else f"{_n(minutes)} minutes"


def why_red(nrs: int, legs: LegSymptom, sharp: bool, gait: bool) -> str:
    """The reason a red answer is red, in the walker's words."""
    if legs in LEG_WORDS:
        return LEG_WORDS[legs]
    if sharp:
        return "Sharp or shooting pain"
    if gait:
        return "Pain changing how you walk"
    return f"Pain {nrs} out of 10"


def acknowledgement(
    zone: Zone,
    action: Action,
    *,
    nrs: int,
    legs: LegSymptom = LegSymptom.NONE,
    sharp: bool = False,
    gait: bool = False,
    reduced: str | None = None,
    cap: float | None = None,
    recheck_s: float = 120.0,
    unit: SpeedUnit = KMH,
) -> str:
    """One sentence: the zone (or the symptom) and its consequence (speeds in ``unit``)."""
    if zone is Zone.STOP:
        head = LEG_WORDS.get(legs, "A red-flag symptom")
        return f"{head}: stopping the belt. Please read the advice on screen."
    if zone is Zone.RED:
        head = why_red(nrs, legs, sharp, gait)
        if action is Action.PAUSE_END:
            return f"{head}: stopping the belt. The walk ends here; rest."
        return f"{head}: stopping the belt. Then E ends the walk, or R resumes easy."
    if zone is Zone.AMBER:
        if action is Action.COOLDOWN:
            return "Amber again: cooling down now."
        if action is Action.HOLD:
            return "Amber: no more increases; the cool-down goes on."
        again = f"I'll ask again in {_minutes(recheck_s)}"
        if reduced == "incline" and cap is not None:
            return f"Amber: incline back to {_n(cap)} %, no more increases. {again}."
        if reduced == "speed" and cap is not None:
            return (
                f"Amber: speed down to {unit.speed(cap)}, beat a little slower, no more increases."
                f" {again}."
            )
        return f"Amber: easing off, no more increases. {again}."
    if zone is Zone.GREEN_HOLD:
        return "Holding this pace: no increases until the pain settles."
    return "Green: carry on."


def check_title(trigger: str, kind: str, repeats: int = 0, interval_s: float = 300.0) -> str:
    """The pain-check title says why it is asked (and why it is asked again)."""
    if kind == "baseline":
        return "Before you start: how is your back?"
    title = {
        "pain_key": "Pain check (you asked)",
        "break_end": "Pain check after the exercises",
        "amber_recheck": "Pain check again: 2 minutes after your amber answer",
        "after_increase": "Pain check: a minute after the load went up",
        "scheduled": f"Regular pain check (every {_minutes(interval_s)} of the walk)",
        "planned": "Planned pain check",
        "machine_stop": "The treadmill was stopped. Are you OK?",
    }.get(trigger, "Pain check")
    if repeats:
        title += " · asking again: no answer yet"
    return title


TONES = {Zone.GREEN: "green", Zone.GREEN_HOLD: "green", Zone.AMBER: "amber"}


def from_events(
    pain: PainAnswered, reduce: LoadReduced | None, recheck_s: float, unit: SpeedUnit = KMH
) -> tuple[str, str] | None:
    """(text, tone) from the engine's answer event (and, for an amber reduction, the
    :class:`LoadReduced` that follows it); None for answers that need no acknowledgement
    (before and after the walk) or while the reduction is still to come. Speeds in ``unit``."""
    if pain.trigger in ("pre_walk", "post_walk"):
        return None
    try:
        zone, action, legs = Zone(pain.zone), Action(pain.action), LegSymptom(pain.legs)
    except ValueError:
        return None
    if action is Action.REDUCE and reduce is None:
        return None  # the reduction says what was eased; wait for it
    text = acknowledgement(
        zone,
        action,
        nrs=pain.nrs,
        legs=legs,
        sharp=pain.sharp,
        gait=pain.gait,
        reduced=reduce.what if reduce else None,
        cap=reduce.cap if reduce else None,
        recheck_s=recheck_s,
        unit=unit,
    )
    return text, TONES.get(zone, "red")
