"""Offered exercise breaks (docs/walking.md §4.1): when one is due, what blocks it, what it holds.

The profile's ``break`` segments are planned; these are *offered*: from session
``from_session`` on, after ``first_after_s`` of main-phase walking and then every ``every_s``,
the walker is asked whether to stop for one standing exercise (catalogue rows 1–3 in turn).

Counting (an engineering choice): the session's mid-walk break segments count toward
``max_per_session``, so a profile with two planned breaks and the default max of 3 gets at most
one offer; the belt is never stopped for exercises more than ``max_per_session`` times. An offer
the walker skips, or leaves unanswered, counts; one withdrawn because the walk changed under it
(a check opened, a pause, the cool-down) does not and is made again once nothing blocks it. The
``every_s`` spacing runs from the last offer or planned break, whichever was later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from treadmill_tui.profiles.catalogue import Exercise, catalogue
from treadmill_tui.session.timeline import BreakPolicyLike, ExerciseLike, SegmentLike

STANDING_ROWS = (1, 2, 3)  # §4.2 rows 1–3: the exercises done on the stopped belt
LAST_MAIN_FREE_S = 300.0  # "never in the last 5 min of the main phase"
MSG_OFFER = "Time for a short standing exercise ({name})? B: take a break · N: skip"
MSG_SKIPPED = "No break this time; walk on."


def standing_exercise(number: int) -> Exercise:
    """The exercise of offer ``number`` (1-based): rows 1, 2, 3, 1, … with the catalogue dose."""
    rows = {row.number: row for row in catalogue()}
    return rows[STANDING_ROWS[(number - 1) % len(STANDING_ROWS)]]


@dataclass(frozen=True, slots=True)
class OfferedBreakSegment:
    """A taken offer, shaped like a break segment so the break flow can run it.

    It takes no programme time (``start_s == end_s``): programme time stands still while the
    belt is stopped, as for a planned break. ``index`` is the walk segment it interrupts.
    """

    index: int
    name: str
    start_s: float
    end_s: float
    exercises: tuple[ExerciseLike, ...]
    kind: str = "break"
    phase: str = "break"


def mid_walk_breaks(segments: Sequence[SegmentLike], duration_s: float) -> int:
    """Planned break segments with walking after them (a trailing one is after the walk)."""
    return sum(1 for s in segments if s.kind == "break" and s.end_s < duration_s - 1e-6)


def offers_enabled(policy: BreakPolicyLike | None, session_number: int | None) -> bool:
    """Offers only with a policy that wants them and a known session number past the
    familiarisation sessions; an unknown session number is the safe side: no offers."""
    if policy is None or not policy.offer or session_number is None:
        return False
    return session_number >= policy.from_session


def offer_blocked(
    *,
    in_main: bool,
    prog_s: float,
    main_end_s: float,
    prompt_open: bool,
    resume_easy: bool,
    slowed: bool,
    connected: bool,
    next_break_s: float | None,
    every_s: float,
    pending: bool = False,
) -> str | None:
    """Why no offer may be made now (None: nothing blocks it).

    ``pending``: is an offer already waiting still good? The time rules (last 5 min, a planned
    break near) were met when it was made, so only a change in the walk withdraws it.
    """
    if not in_main:
        return "not in the main phase"  # warm-up, re-warm-up, cool-down, stopped
    if resume_easy:
        return "resume easy"
    if prompt_open:
        return "check pending"
    if slowed:
        return "no-answer slow-down"
    if not connected:
        return "not connected"
    if pending:
        return None
    if prog_s >= main_end_s - LAST_MAIN_FREE_S - 1e-9:
        return "last 5 min of the main phase"
    if next_break_s is not None and next_break_s - prog_s < every_s:
        return "a planned break is near"
    return None


@dataclass
class BreakOffers:
    """The offer schedule of one walk, in seconds of main-phase walking."""

    enabled: bool
    first_after_s: float
    every_s: float
    wait_s: float
    max_offers: int
    made: int = 0  # offers answered (taken, skipped or left to time out)
    next_due_s: float = 0.0
    open_since: float | None = None  # engine time the pending offer was made
    number: int = 0  # the pending (or last) offer's number, 1-based

    @classmethod
    def of(
        cls,
        policy: BreakPolicyLike | None,
        session_number: int | None,
        planned_breaks: int,
    ) -> BreakOffers:
        if policy is None:
            return cls(False, 0.0, 0.0, 0.0, 0)
        return cls(
            enabled=offers_enabled(policy, session_number),
            first_after_s=policy.first_after_s,
            every_s=policy.every_s,
            wait_s=policy.offer_wait_s,
            max_offers=max(0, policy.max_per_session - planned_breaks),
            next_due_s=policy.first_after_s,
        )

    @property
    def pending(self) -> bool:
        return self.open_since is not None

    def due(self, walked_s: float) -> bool:
        return (
            self.enabled
            and not self.pending
            and self.made < self.max_offers
            and walked_s >= self.next_due_s - 1e-9
        )

    def open(self, now: float) -> int:
        """Make the offer; returns its number."""
        self.open_since = now
        self.number = self.made + 1
        return self.number

    def answered(self, walked_s: float) -> None:
        """Taken, skipped or timed out: it counts, and the next one is ``every_s`` away."""
        self.open_since = None
        self.made += 1
        self.next_due_s = walked_s + self.every_s

    def withdraw(self) -> None:
        """The walk changed under the offer: it does not count and stays due."""
        self.open_since = None

    def planned_break_done(self, walked_s: float) -> None:
        """A planned break also restarts the spacing."""
        self.next_due_s = max(self.next_due_s, walked_s + self.every_s)

    def timed_out(self, now: float) -> bool:
        return self.open_since is not None and now - self.open_since >= self.wait_s - 1e-9
