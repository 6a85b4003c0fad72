"""The first dashboard, driven by Pilot against the simulator in real (but sped-up) physics."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.widgets import Digits, Static

from treadmill_tui.devices.simulator import SimulatorConfig
from treadmill_tui.ui.app import TreadmillApp, format_reading

FAST = SimulatorConfig(accel_kmh_per_s=20.0, incline_rate_pct_per_s=20.0, telemetry_interval_s=0.1)


async def wait_until(condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached within 4 s")


def belt_speed(app: TreadmillApp) -> float:
    assert app.machine is not None
    return app.machine.speed_kmh


def message(app: TreadmillApp) -> str:
    return str(app.query_one("#message", Static).render())


def digits(app: TreadmillApp, stat: str) -> str:
    return app.query_one(f"#{stat}", Digits).value


def test_format_reading_shows_dashes_for_unknown_values() -> None:
    reading = format_reading(None, None, None, None)
    assert (reading.speed, reading.incline, reading.distance, reading.elapsed) == (
        "--",
        "--",
        "--",
        "--:--",
    )
    reading = format_reading(3.24, 1.5, 1234.0, 754.9)
    assert (reading.speed, reading.incline, reading.distance, reading.elapsed) == (
        "3.2",
        "1.5",
        "1.23",
        "12:34",
    )


async def test_belt_stays_still_until_start_then_space_stops_it() -> None:
    app = TreadmillApp(config=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(lambda: "Ready" in message(app))
        assert app.machine is not None
        await asyncio.sleep(0.5)
        await pilot.pause()
        assert app.machine.speed_kmh == 0.0  # connecting never moves the belt

        await pilot.press("s")
        await wait_until(lambda: belt_speed(app) > 1.5)
        await pilot.press("up")
        await wait_until(lambda: belt_speed(app) >= 2.1)
        await pilot.press("right")
        await wait_until(lambda: app.machine is not None and app.machine.incline_pct >= 0.5)
        await wait_until(lambda: digits(app, "speed") not in ("--", "0.0"))

        await pilot.press("space")
        await wait_until(lambda: belt_speed(app) == 0.0)
        assert "Stopping" in message(app)
