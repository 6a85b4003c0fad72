"""The journal: next-morning check-ins and the walks as progression sees them.

Reads and writes the store; the rules themselves are pure (``progression``). Dates are the
walker's local dates: a week and a morning are what the walker lives, not UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from treadmill_tui.history.plan_profile import profile_text
from treadmill_tui.history.progression import (
    MorningAnswer,
    Proposal,
    WalkFact,
    morning_result,
    propose,
    usual_morning,
)
from treadmill_tui.history.store import Store, WalkRow, utc_now, worse_zone

MORNING_FROM = time(4, 0)  # docs/walking.md §3.6: the first app start after 04:00
ONBOARDING_USUAL = "usual_morning_nrs"
STOP_CLEARED = "stop_cleared_walk"  # id of the STOP walk the walker confirmed they are fine after
OUTCOME_ZONE = {"red_flag": "stop", "red": "red"}
NOT_A_WALK = frozenset({"rest", "cancelled"})


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    return moment.astimezone(tz).date()


@dataclass(frozen=True, slots=True)
class Pending:
    """A walk waiting for its next-morning question."""

    walk: WalkRow
    usual: int | None


def counted(row: WalkRow, include_simulated: bool) -> bool:
    if row.simulated and not include_simulated:
        return False
    if row.recording or row.outcome in NOT_A_WALK or row.outcome == "imported":
        return False
    return True


def walk_zone(row: WalkRow) -> str:
    return worse_zone(row.worst_zone, OUTCOME_ZONE.get(row.outcome or "")) or "green"


def facts(
    store: Store, *, include_simulated: bool = False, tz: tzinfo | None = None
) -> tuple[list[WalkFact], list[MorningAnswer], list[WalkRow]]:
    """The counted walks and every morning answer, oldest first (and the rows they came from)."""
    rows = [r for r in store.list_walks() if counted(r, include_simulated)]
    out: list[WalkFact] = []
    for r in rows:
        green, cadence, speed = store.walk_levels(r.id)
        out.append(
            WalkFact(
                day=local_day(r.started_at, tz),
                planned_min=(r.planned_s or r.duration_s or 0.0) / 60.0,
                done_min=(r.active_s or 0.0) / 60.0,
                zone=walk_zone(r),
                top_incline_pct=r.max_incline_pct or 0.0,
                top_green_incline_pct=green,
                cadence_spm=cadence,
                speed_kmh=speed,
            )
        )
    mornings = [
        MorningAnswer(local_day(c.answered_at, tz), c.nrs, c.usual) for c in store.checkins()
    ]
    return out, mornings, rows


def usual_now(store: Store) -> int | None:
    answered = [c.nrs for c in store.checkins() if c.nrs is not None]
    onboarding = store.setting(ONBOARDING_USUAL)
    return usual_morning(answered, int(onboarding) if onboarding is not None else None)


def pending_checkin(
    store: Store,
    now: datetime,
    *,
    include_simulated: bool = False,
    tz: tzinfo | None = None,
) -> Pending | None:
    """The last walk, if its next morning has come (after 04:00 on a later day) and it has no
    check-in yet."""
    rows = [r for r in store.list_walks() if counted(r, include_simulated)]
    if not rows:
        return None
    last = rows[-1]
    walked = local_day(last.started_at, tz)
    local_now = now.astimezone(tz)
    if local_now.date() <= walked or local_now.time() < MORNING_FROM:
        return None
    if any(c.walk_id == last.id for c in store.checkins()):
        return None
    return Pending(last, usual_now(store))


def record_checkin(
    store: Store, walk_id: int | None, nrs: int | None, now: datetime
) -> tuple[int | None, str]:
    """Save a morning answer (None: skipped); returns the usual used and a sentence for it."""
    usual = usual_now(store)
    store.add_checkin(walk_id, nrs, usual, now=now)
    if nrs is None:
        return usual, "Skipped: the next walk repeats the last one's dose."
    result = morning_result(nrs, usual)
    if result.value == "flare":
        return usual, (
            f"Thank you. {nrs} is more than your usual ({usual if usual is not None else nrs})"
            ": the next walk steps back a little. Rest and gentle movement are fine."
        )
    return usual, "Thank you. Your back has settled: the plan can go on."


def morning_deadline(day: date, tz: tzinfo | None = None) -> datetime:
    """04:00 local on the day after ``day``."""
    moment = datetime.combine(day + timedelta(days=1), MORNING_FROM)
    return moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()


def describe(proposal: Proposal) -> str:
    """The dose in a few words: "12 min, 3 walks a week, incline up to 0.5 %, 92 spm"."""
    d = proposal.dose
    parts = [f"{d.minutes} min", f"{d.sessions} walks a week"]
    parts.append(f"incline up to {d.incline_pct:g} %" if d.incline_pct > 0 else "flat")
    parts.append(f"{d.cadence_spm:.0f} spm" if d.cadence_spm is not None else "no metronome")
    return ", ".join(parts)


def next_proposal(store: Store, *, with_simulated: bool, cleared: bool = False) -> Proposal:
    """The proposal for the walker's next walk, from the store (today, local time)."""
    walks, mornings, rows = facts(store, include_simulated=with_simulated)
    last_stop = rows[-1].id if rows and walks[-1].zone == "stop" else None
    if cleared and last_stop is not None:
        store.set_setting(STOP_CLEARED, str(last_stop))
    acknowledged = last_stop is not None and store.setting(STOP_CLEARED) == str(last_stop)
    return propose(
        walks,
        mornings,
        utc_now().astimezone().date(),
        unacknowledged_stop=last_stop is not None and not acknowledged,
        stop_acknowledged=acknowledged,
    )


def proposal_text(store: Store, proposal: Proposal, *, with_simulated: bool) -> str:
    """The proposal as a walk profile, paced from the last walk (``next --write`` and the
    dashboard's "walk it now" entry write the same text). Only the last walk's levels are
    read: reading every walk's (as ``facts`` does) doubled the dashboard's start on a long
    history."""
    rows = [r for r in store.list_walks() if counted(r, with_simulated)]
    speed = cadence = None
    if rows:
        _, cadence, speed = store.walk_levels(rows[-1].id)
    return profile_text(proposal, speed_kmh=speed, last_cadence_spm=cadence)
