"""Nudges on the walk screen: the refusal is said, and no faster command goes out."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.ui.helpers import WALK_PROFILE, belt, make_app, start_walking, wait_until


async def test_warm_up_refuses_a_speed_nudge_and_says_why(tmp_path: Path) -> None:
    app = make_app(tmp_path, WALK_PROFILE)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_walking(pilot, app)
        await pilot.press("up", "up", "up")
        await wait_until(pilot, lambda: app.walk.said.startswith("Warm-up: speed held at 1 km/h"))
        await pilot.press("right")
        await wait_until(pilot, lambda: app.walk.said == "Warm-up: the belt stays flat")
        await asyncio.sleep(0.5)
        assert belt(app) <= 1.0 + 1e-9
        assert app.runner is not None and (app.runner.engine.target_speed() or 0) <= 1.0
