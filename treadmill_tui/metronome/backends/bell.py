"""The terminal bell: one ring per sounded beat, approximate and often muted.

The UI passes ``app.bell`` as a plain callable, so this module knows nothing of Textual.
"""

from __future__ import annotations

from collections.abc import Callable

from treadmill_tui.clock import Clock
from treadmill_tui.metronome.backends.base import PulledBackend
from treadmill_tui.metronome.events import BeatEvent


class BellBackend(PulledBackend):
    key = "bell"
    name = "terminal bell"

    def __init__(self, ring: Callable[[], None], clock: Clock, *, samplerate: int = 48_000):
        # No lookahead: a beat is delivered (and rung) when the clock reaches it.
        super().__init__(clock, samplerate=samplerate, lookahead_s=0.0)
        self.ring = ring
        self.failures = 0

    def beat(self, event: BeatEvent) -> None:
        if not event.sounded:
            return
        try:
            self.ring()
        except Exception:  # a bell that fails must never stop a walk
            self.failures += 1
