"""When planned pain checks fall: a minute after an increase has *happened*, and never two
checks closer than the minimum spacing.

The belt reaches a new speed or incline gradually (rate limits), so "1 minute after each
increase" (docs/walking.md §2.5) is counted from the moment the rate-limited target reaches the
new value, not from where the plan writes the jump: an incline step of 0.5 % takes 2 minutes to
climb, and a check at the start of the climb would ask before the walker has felt it.
No two planned checks come closer than :data:`MIN_SPACING_S`: 2 minutes, the shortest planned
interval the reference names (the amber recheck), so a walk never asks twice in a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

MIN_SPACING_S = 120.0
_EPS = 1e-6

Piece = tuple[float, float, float | None, float | None]


class TrackLike(Protocol):
    @property
    def pieces(self) -> Sequence[Piece]: ...


def settled_at(track: TrackLike, t: float) -> float | None:
    """Where the rise beginning at ``t`` ends (the track rises from ``t`` on); None if the
    track does not rise there."""
    pieces = list(track.pieces)
    k = next(
        (i for i, p in enumerate(pieces) if p[0] - _EPS <= t < p[1] - _EPS),
        None,
    )
    if k is None:
        return None
    end: float | None = None
    for t0, t1, y0, y1 in pieces[k:]:
        if y0 is None or y1 is None or y1 <= y0 + _EPS:
            break
        if end is not None and t0 > end + _EPS:
            break
        end = t1
    return end


def settled_times(increase_times: Iterable[float], tracks: Sequence[TrackLike]) -> list[float]:
    """For each planned increase, when the last quantity rising there has reached its value
    (the increase time itself when no track rises there, e.g. a constant-speed segment start
    equal to the last)."""
    out = []
    for t in increase_times:
        ends = [e for tr in tracks if (e := settled_at(tr, t)) is not None]
        out.append(max(ends) if ends else t)
    return out


def spaced(times: Iterable[float], min_spacing_s: float = MIN_SPACING_S) -> list[float]:
    """The times in order, dropping any closer than ``min_spacing_s`` to the last kept one."""
    kept: list[float] = []
    for t in sorted(times):
        if not kept or t - kept[-1] >= min_spacing_s - _EPS:
            kept.append(t)
    return kept
