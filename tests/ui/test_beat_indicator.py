"""The visual beat: lit at the moment the beat is heard, in the theme's colours, then dark."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import App, ComposeResult

from tests.ui.helpers import wait_until
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.ui.widgets.beat import DOT, FLASH_S, BeatIndicator


class OneBeat(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.indicator = BeatIndicator(widget_id="beat")

    def compose(self) -> ComposeResult:
        yield self.indicator


def _look(indicator: BeatIndicator) -> Text:
    text = indicator.render()
    assert text.plain == DOT
    return text


async def test_a_beat_lights_the_dot_reversed_then_it_goes_dark() -> None:
    app = OneBeat()
    async with app.run_test() as pilot:
        beat = app.indicator
        assert beat.lit is None and not _look(beat).style
        beat.beat(BeatEvent(n=1, accent=False, at=time.monotonic()))
        assert beat.flashes == 1 and beat.lit == "beat"
        lit = _look(beat).style
        assert not isinstance(lit, str) and lit.reverse and lit.bold
        accent = app.get_css_variables()["accent"]
        assert lit.color is not None and lit.color.triplet is not None
        assert lit.color.triplet.hex.lower() == accent.lower()[:7]
        await pilot.pause(FLASH_S + 0.1)
        assert beat.lit is None and not _look(beat).style


async def test_the_first_beat_of_a_bar_has_its_own_colour_and_waits_for_its_moment() -> None:
    app = OneBeat()
    async with app.run_test() as pilot:
        beat = app.indicator
        beat.beat(BeatEvent(n=0, accent=True, at=time.monotonic() + 0.05))
        assert beat.lit is None  # not yet heard
        await wait_until(pilot, lambda: beat.lit == "accent", within_s=2.0)
        lit = _look(beat).style
        warning = app.get_css_variables()["warning"]
        assert not isinstance(lit, str) and lit.color is not None
        assert lit.color.triplet is not None
        assert lit.color.triplet.hex.lower() == warning.lower()[:7]
        # lit at its moment, not when handed over 50 ms early (timers may fire a hair early)
        assert beat.last_lateness_s is not None and beat.last_lateness_s > -0.005
