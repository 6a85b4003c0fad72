"""Exercise breaks: a break segment unrolled into timed holds, and what the walker sees.

A break runs stopping -> exercises -> check -> await resume (:class:`BreakStage`); the engine
drives the stages, this module says what the holds are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


def holds_of(seg: SegmentLike) -> list[Hold]:
    """Every hold of a break in order: each rep, left then right for per-side exercises."""
    holds: list[Hold] = []
    for ex in seg.exercises:
        sides: Sequence[str | None] = ("left", "right") if ex.per_side else (None,)
        for rep in range(1, max(1, ex.reps) + 1):
            for side in sides:
                holds.append(Hold(ex.name, ex.cue, side, rep, max(1, ex.reps), ex.hold_s))
    return holds


def is_trailing(seg: SegmentLike, duration_s: float) -> bool:
    """A break at the very end: nothing to walk after it (floor exercises after the walk)."""
    return seg.end_s >= duration_s - 1e-6


def exercise_view(holds: Sequence[Hold], index: int, elapsed_s: float) -> ExerciseView | None:
    """The hold ``index`` with its time left, or None outside the list."""
    if not 0 <= index < len(holds):
        return None
    h = holds[index]
    left = max(0.0, h.hold_s - elapsed_s)
    return ExerciseView(h.name, h.cue, h.side, h.rep, h.reps, h.hold_s, left, index, len(holds))
