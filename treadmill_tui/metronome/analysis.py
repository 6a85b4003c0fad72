"""Click onset detection, for tests and benchmarks of rendered or captured audio.

Onset = first sample above a threshold after at least ``refractory`` quiet samples; then
optionally refined by cross-correlating with the click template actually played.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.floating]

THRESHOLD = 0.05
REFRACTORY = 2000


def _envelope(x: Samples) -> npt.NDArray[np.float64]:
    a = np.abs(np.asarray(x, dtype=np.float64))
    return a.max(axis=1) if a.ndim == 2 else a


def detect_onsets(
    x: Samples, threshold: float = THRESHOLD, refractory: int = REFRACTORY
) -> list[int]:
    """Sample indices of click onsets in ``x`` (1-D, or (frames, channels))."""
    det = OnsetDetector(threshold, refractory)
    return det.feed(x)


class OnsetDetector:
    """Streaming form of :func:`detect_onsets`: feed consecutive blocks, get absolute indices."""

    def __init__(self, threshold: float = THRESHOLD, refractory: int = REFRACTORY) -> None:
        self.threshold = threshold
        self.refractory = refractory
        self.pos = 0
        self._last_loud: int | None = None

    def feed(self, block: Samples) -> list[int]:
        idx = np.flatnonzero(_envelope(block) > self.threshold) + self.pos
        self.pos += len(block)
        if idx.size == 0:
            return []
        prev = np.empty_like(idx)
        prev[1:] = idx[:-1]
        prev[0] = self._last_loud if self._last_loud is not None else -(10**18)
        self._last_loud = int(idx[-1])
        starts = idx[(idx - prev) > self.refractory]
        return [int(i) for i in starts]


def refine_onsets(
    x: Samples, onsets: Sequence[int], templates: Sequence[Samples], search: int = 200
) -> list[int]:
    """Move each onset to the lag (within ±``search``) best matching its template."""
    sig = _envelope_signed(x)
    refined: list[int] = []
    for onset, tmpl in zip(onsets, templates, strict=True):
        t = np.asarray(tmpl, dtype=np.float64).ravel()
        lo = max(0, onset - search)
        hi = min(len(sig), onset + search + len(t))
        seg = sig[lo:hi]
        if len(seg) < len(t):
            refined.append(onset)
            continue
        corr = np.correlate(seg, t, mode="valid")
        refined.append(lo + int(np.argmax(corr)))
    return refined


def _envelope_signed(x: Samples) -> npt.NDArray[np.float64]:
    a = np.asarray(x, dtype=np.float64)
    return a.mean(axis=1) if a.ndim == 2 else a
