"""The visual beat: a dot that lights for a moment on each metronome beat.

The metronome hands over beats ahead of time (``BeatEvent.at``, clock time when the click is
heard); the flash is scheduled for that instant so eye and ear agree. A beat repaints this one
cell and nothing else: the lit look is a ready-made Rich style, not a CSS class (a class change
restyles the widget through the stylesheet, which was most of a live walk's CPU).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from treadmill_tui.metronome.events import BeatEvent

FLASH_S = 0.12
DOT = "  ●  "


class BeatIndicator(Widget):
    DEFAULT_CSS = "BeatIndicator { width: auto; height: 1; color: $text-muted; padding: 0 1; }"

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, widget_id: str | None = None
    ) -> None:
        super().__init__(id=widget_id)
        self._clock = clock
        self.lit: str | None = None  # None, "beat" or "accent" (the first beat of a bar)
        self._looks: dict[str, Style] = {}
        self._off: Timer | None = None
        self._pending: Timer | None = None
        self.flashes = 0
        self.last_lateness_s: float | None = None
        self.on_flash: Callable[[BeatEvent, float], None] | None = None

    def on_mount(self) -> None:
        colours = self.app.get_css_variables()  # the theme's own accent and warning colours
        self._looks = {
            "beat": Style(color=colours.get("accent"), bold=True, reverse=True),
            "accent": Style(color=colours.get("warning"), bold=True, reverse=True),
        }

    def render(self) -> Text:
        look = self._looks.get(self.lit) if self.lit is not None else None
        return Text(DOT, style=look or "")

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
        self.lit = "accent" if event.accent else "beat"
        self.refresh()
        if self._off is not None:
            self._off.stop()
        self._off = self.set_timer(FLASH_S, self._dim)
        if self.on_flash is not None:
            self.on_flash(event, lateness)

    def _dim(self) -> None:
        self.lit = None
        self.refresh()
