"""One notion of time for the whole app.

Everything that needs the time takes a ``Clock`` (monotonic seconds). Production passes
``time.monotonic`` or the running loop's ``time``; tests and ``simulate`` run the asyncio code on
a :class:`VirtualTimeLoop`, whose clock jumps straight to the next timer whenever nothing is
ready, so a 60-minute walk of real ``asyncio.sleep``/``wait_for`` code runs in a fraction of a
second with the same code paths as real time.
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

Clock = Callable[[], float]

T = TypeVar("T")


@dataclass
class ManualClock:
    """A clock that moves only when told: for pure, synchronous tests."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self.now += seconds


class _VirtualSelector(selectors.DefaultSelector):
    """A selector that, instead of blocking for ``timeout``, advances the loop's clock by it."""

    def __init__(self) -> None:
        super().__init__()
        self.loop: VirtualTimeLoop | None = None

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready = super().select(0)
        if ready or self.loop is None:
            return ready
        if timeout is None:
            # Nothing scheduled and nothing ready: a real loop would block forever. Stay put
            # so a wake-up from another thread (call_soon_threadsafe) is still seen.
            return super().select(0.001)
        if timeout > 0:
            self.loop.virtual_now += timeout
        return ready


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose ``time()`` is virtual and skips idle gaps instantly."""

    def __init__(self, start: float = 0.0) -> None:
        selector = _VirtualSelector()
        super().__init__(selector)
        self.virtual_now = start
        selector.loop = self

    def time(self) -> float:
        return self.virtual_now


def run_virtual(main: Coroutine[Any, Any, T], *, start: float = 0.0) -> T:
    """Run ``main`` to completion on a fresh :class:`VirtualTimeLoop`."""
    loop = VirtualTimeLoop(start)
    try:
        asyncio.set_event_loop(loop)
        return loop.run_until_complete(main)
    finally:
        asyncio.set_event_loop(None)
        loop.close()
