"""Dashboard figures: visual-beat timing and idle CPU, headless Textual in real time.

Beat jitter: a headless app with the walk screen polls a visual-only metronome at 25 Hz, as
the dashboard does, and the beat indicator flashes each beat at its ``BeatEvent.at``; the
figure is how late each flash callback ran. To get 600 beats in ~21 s the tempo is 1800 bpm
(30 beats a second, far above walking cadence, so the loop is busier than in a walk).
Idle CPU: the real dashboard (engine, runner and simulator) waiting for the walker to press
start, measured as process CPU time over ~5 s of wall time.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable

from benchmarks.figure import Figure
from treadmill_tui.metronome import BeatEvent, Metronome, NullBackend
from treadmill_tui.session.inputs import PainReport
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.states import State
from treadmill_tui.ui.app import BEAT_POLL_S, TreadmillApp, load_timeline
from treadmill_tui.ui.screens.walk import WalkScreen

BEAT_BPM = 1800.0
BEAT_SECONDS = 21.0
CPU_SECONDS = 5.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def _beat_lateness() -> list[float]:
    from textual.app import App
    from textual.screen import Screen

    late: list[float] = []

    class BeatApp(App[None]):
        def get_default_screen(self) -> Screen[None]:
            self.walk = WalkScreen(lambda item: None, lambda: None)  # no engine here
            return self.walk

        def on_mount(self) -> None:
            self.metronome = Metronome(NullBackend(time.monotonic))
            self.metronome.on_beat(self._beat)
            self.walk.beat.on_flash = lambda ev, lateness: late.append(lateness)
            self.metronome.set_cadence(BEAT_BPM)
            self.set_interval(BEAT_POLL_S, self.metronome.poll)

        def _beat(self, event: BeatEvent) -> None:
            self.walk.beat.beat(event)

    app = BeatApp()
    async with app.run_test(size=(120, 36)):
        await asyncio.sleep(BEAT_SECONDS)
        app.metronome.stop()
    return late[5:]  # skip the pre-roll start-up beats


async def _until(condition: Callable[[], bool], within_s: float = 10.0) -> None:
    for _ in range(int(within_s / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("the dashboard did not reach the idle state")


async def _idle_cpu() -> float:
    app = TreadmillApp(load_timeline(None), sound=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _until(lambda: app.snap is not None and app.snap.state is State.READY)
        assert app.runner is not None
        app.runner.submit(PainReport(PainAnswer(2)))
        await _until(lambda: app.snap is not None and app.snap.state is State.WAITING_START)
        await pilot.pause()
        await asyncio.sleep(1.0)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        await asyncio.sleep(CPU_SECONDS)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        await pilot.press("ctrl+q")
    return 100.0 * cpu / wall


def run() -> list[Figure]:
    late = asyncio.run(_beat_lateness())
    late_ms = [1000.0 * x for x in late]
    p50 = statistics.median(late_ms) if late_ms else float("nan")
    p99 = _percentile(late_ms, 0.99) if late_ms else float("nan")
    cpu = asyncio.run(_idle_cpu())
    return [
        Figure(
            "ui: visual beats measured (1800 bpm)",
            float(len(late_ms)),
            "beats",
            ">= 600",
            len(late_ms) >= 600,
        ),
        Figure("ui: visual beat lateness p50", p50, "ms", "< 2 ms", p50 < 2.0),
        Figure("ui: visual beat lateness p99", p99, "ms", "< 5 ms (idle)", p99 < 5.0),
        Figure("ui: idle dashboard CPU", cpu, "% of a core", "< 15 %", cpu < 15.0),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
