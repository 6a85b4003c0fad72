from __future__ import annotations

import asyncio
import time

import pytest

from treadmill_tui.clock import ManualClock, run_virtual


def test_manual_clock_moves_only_forward() -> None:
    clock = ManualClock(5.0)
    clock.advance(2.5)
    assert clock() == 7.5
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_virtual_loop_skips_idle_time_and_honours_timeouts() -> None:
    async def walk() -> tuple[float, bool]:
        loop = asyncio.get_running_loop()
        start = loop.time()
        for _ in range(3600):
            await asyncio.sleep(1.0)
        timed_out = False
        try:
            await asyncio.wait_for(asyncio.Event().wait(), timeout=30)
        except TimeoutError:
            timed_out = True
        return loop.time() - start, timed_out

    wall = time.perf_counter()
    elapsed, timed_out = run_virtual(walk())
    assert elapsed == pytest.approx(3630.0)
    assert timed_out
    assert time.perf_counter() - wall < 30  # virtual: nowhere near an hour of wall time
