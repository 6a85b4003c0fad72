"""The visual beat: a dot that lights for a moment on each metronome beat.

The metronome hands over beats ahead of time (``BeatEvent.at``, clock time when the click is
heard); the flash is scheduled for that instant so eye and ear agree. Toggling a CSS class is
all a beat costs.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.timer import Timer
from textual.widgets import Static

from treadmill_tui.metronome.events import BeatEvent

FLASH_S = 0.12


class BeatIndicator(Static):
    DEFAULT_CSS = """
    BeatIndicator { width: auto; height: 1; color: $text-muted; padding: 0 1; }
    BeatIndicator.-on { color: $accent; text-style: bold reverse; }
    BeatIndicator.-accent.-on { color: $warning; }
    """

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, widget_id: str | None = None
    ) -> None:
        super().__init__("  ●  ", id=widget_id)
        self._clock = clock
        self._off: Timer | None = None
        self._pending: Timer | None = None
        self.flashes = 0
        self.last_lateness_s: float | None = None
        self.on_flash: Callable[[BeatEvent, float], None] | None = None

    def beat(self, event: BeatEvent) -> None:
        """Schedule the flash for the moment the beat is heard."""
        delay = event.at - self._clock()
        if delay > 0.002:
            self._pending = self.set_timer(delay, lambda: self._flash(event))
        else:
            self._flash(event)

    def _flash(self, event: BeatEvent) -> None:
        lateness = self._clock() - event.at
        self.last_lateness_s = lateness
        self.flashes += 1
        self.set_class(event.accent, "-accent")
        self.add_class("-on")
        if self._off is not None:
            self._off.stop()
        self._off = self.set_timer(FLASH_S, self._dim)
        if self.on_flash is not None:
            self.on_flash(event, lateness)

    def _dim(self) -> None:
        self.remove_class("-on")
