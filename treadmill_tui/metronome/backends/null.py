"""Visual only: no sound, but beat events still come from the tempo map and the clock."""

from __future__ import annotations

from treadmill_tui.metronome.backends.base import PulledBackend


class NullBackend(PulledBackend):
    """The always-available sink. With ``audio=True`` it also renders (and drops) the audio,
    block by block, which costs what a live callback would (used by the CPU benchmark)."""

    key = "none"
    name = "visual only"
