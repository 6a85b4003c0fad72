"""The big numbers fit the terminal: nothing is cut off on an 80×24 laptop terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Size
from textual.widgets import Digits

from tests.ui.helpers import make_app

WIDEST = {
    "speed": "88.8",
    "incline": "88.8",
    "cadence": "188",
    "distance": "88.88",
    "active": "88:88",
}


@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 36)])
async def test_every_stat_is_whole_on_screen(tmp_path: Path, width: int, height: int) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        for name, stat in app.walk.stats.items():
            stat.show(WIDEST[name])
        await pilot.pause()
        for name, stat in app.walk.stats.items():
            digits = stat.query_one(Digits)
            needed = digits.get_content_width(Size(1000, 100), Size(1000, 100))
            assert digits.content_region.width >= needed, f"{name} digits are cut off"
            region = stat.region
            assert region.width > 0 and region.height > 0, name
            assert region.right <= width, f"{name} is cut off at {width} columns"
            assert region.bottom <= height, f"{name} is below the bottom at {height} rows"
        assert app.walk.query_one("#stats").has_class("-narrow") == (width < 100)
