"""Exercise breaks: a break segment unrolled into timed holds, and what the walker sees.

A break runs stopping -> exercises -> check -> await resume (:class:`BreakStage`); the engine
drives the stages, this module says what the holds are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from treadmill_tui.profiles.catalogue import Placement, find_exercise
from treadmill_tui.session.snapshot import ExerciseView
from treadmill_tui.session.timeline import SegmentLike


@dataclass(frozen=True, slots=True)
class Hold:
    """One timed hold: an exercise, one side, one repetition."""

    name: str
    cue: str
    side: str | None
    rep: int
    reps: int
    hold_s: float
    off_belt: bool = False  # done off the treadmill: the walker steps off and gets down first
    first: bool = False  # the exercise's first hold: its timer waits for the walker's Ready


def is_off_belt(exercise_id: str, name: str) -> bool:
    """After-walk catalogue rows (floor, chair, step) are done off the treadmill."""
    row = find_exercise(exercise_id) or find_exercise(name)
    return row is not None and row.placement is Placement.AFTER_WALK


def holds_of(seg: SegmentLike) -> list[Hold]:
    """Every hold of a break in order: each rep, left then right for per-side exercises."""
    holds: list[Hold] = []
    for ex in seg.exercises:
        sides: Sequence[str | None] = ("left", "right") if ex.per_side else (None,)
        off = is_off_belt(ex.exercise_id, ex.name)
        first = True
        for rep in range(1, max(1, ex.reps) + 1):
            for side in sides:
                reps = max(1, ex.reps)
                holds.append(Hold(ex.name, ex.cue, side, rep, reps, ex.hold_s, off, first))
                first = False
    return holds


def is_trailing(seg: SegmentLike, duration_s: float) -> bool:
    """A break at the very end: nothing to walk after it (floor exercises after the walk)."""
    return seg.end_s >= duration_s - 1e-6


def exercise_view(
    holds: Sequence[Hold],
    index: int,
    elapsed_s: float,
    *,
    awaiting_ready: bool = False,
    ready_in_s: float = 0.0,
) -> ExerciseView | None:
    """The hold ``index`` with its time left, or None outside the list."""
    if not 0 <= index < len(holds):
        return None
    h = holds[index]
    left = h.hold_s if awaiting_ready else max(0.0, h.hold_s - elapsed_s)
    return ExerciseView(
        h.name,
        h.cue,
        h.side,
        h.rep,
        h.reps,
        h.hold_s,
        left,
        index,
        len(holds),
        awaiting_ready=awaiting_ready,
        ready_in_s=max(0.0, ready_in_s) if awaiting_ready else 0.0,
        off_belt=h.off_belt,
    )
