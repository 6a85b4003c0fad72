"""Dashboard figures: visual-beat timing and idle CPU, headless Textual in real time.

Beat jitter: a headless app with the walk screen polls a visual-only metronome at 25 Hz, as
the dashboard does, and the beat indicator flashes each beat at its ``BeatEvent.at``; the
figure is how late each flash callback ran. To get 600 beats in ~21 s the tempo is 1800 bpm
(30 beats a second, far above walking cadence, so the loop is busier than in a walk).
Idle CPU: the real dashboard (engine, runner and simulator) waiting for the walker to press
start, measured as process CPU time over ~5 s of wall time. Live-walk CPU: the same dashboard
20 s into a cadence-led walk (programme chart with its cursor, "Next:" countdown, visual beat at
80 spm). Launch: the real CLI in tmux, from spawning it to its first screen (the picker).
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.figure import Figure
from treadmill_tui.devices.simulator import SimulatorConfig
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.metronome.player import Metronome
from treadmill_tui.session.inputs import PainReport, StartWalk
from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.session.states import State
from treadmill_tui.ui.app import BEAT_POLL_S, TreadmillApp, load_timeline
from treadmill_tui.ui.screens.walk import WalkScreen

BEAT_BPM = 1800.0
BEAT_SECONDS = 21.0
CPU_SECONDS = 5.0
WALK_CPU_SECONDS = 20.0
# 20 s of a 26-min walk over ~110 chart columns is under 2 columns: a repaint or two, not 80
CHART_MAX = 3
LAUNCHES = 5
# A walk whose main part is cadence-led from the start: the chart, the countdown and a beat
# at 80 steps/min are all live while the CPU is measured. The faster belt ramp only shortens
# the wait before the beat starts.
WALK_PROFILE = """
name = "Bench walk"
step_length = "0.45 m"
[limits]
speed_ramp = "0.2 km/h per 5 s"
[[segments]]
kind = "warmup"
duration = "3 s"
speed = "1.5 km/h"
[[segments]]
kind = "walk"
name = "Cadence walk"
duration = "20 min"
cadence = "80 spm"
[[segments]]
kind = "break"
exercises = [{ name = "Standing abdominal", hold = "5 s", reps = 1 }]
[[segments]]
kind = "cooldown"
duration = "5 min"
speed = "2.0 km/h"
"""


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


async def _walk_cpu(tmp: Path) -> tuple[float, int, int]:
    """CPU of the whole process during a live walk with the chart and the beat, and how many
    beats flashed and chart repaints were asked for while measuring."""
    profile = tmp / "bench.toml"
    profile.write_text(WALK_PROFILE, encoding="utf-8")
    sim = SimulatorConfig(accel_kmh_per_s=20.0, incline_rate_pct_per_s=20.0)
    app = TreadmillApp(load_timeline(str(profile)), sound=False, sim_config=sim)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: app.snap is not None and app.snap.state is State.READY)
        assert app.runner is not None
        app.runner.submit(PainReport(PainAnswer(2)))
        await _until(lambda: app.snap is not None and app.snap.state is State.WAITING_START)
        app.runner.submit(StartWalk())
        await _until(
            lambda: (
                app.snap is not None
                and app.snap.state is State.MAIN
                and app.snap.metronome_spm is not None
            ),
            within_s=90.0,
        )
        await asyncio.sleep(2.0)
        flashes0, repaints0 = app.walk.beat.flashes, app.walk.chart.repaints
        wall0, cpu0 = time.perf_counter(), time.process_time()
        await asyncio.sleep(WALK_CPU_SECONDS)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        flashes = app.walk.beat.flashes - flashes0
        repaints = app.walk.chart.repaints - repaints0
        await pilot.press("ctrl+q")
    return 100.0 * cpu / wall, flashes, repaints


FIRST_SCREEN = "Your walk today"  # the home screen's title, the dashboard's first screen
BARE_APP = Path(__file__).with_name("bare_textual_app.py")


def _first_frames_s() -> tuple[float, float]:
    """Seconds from starting a program in a real terminal (tmux, 100×30) until its first screen
    is drawn, the median of a few launches: the dashboard, and for scale a bare Textual app
    (a header, a label, a list and a footer) launched the same way, alternately. NaN without
    tmux."""
    if shutil.which("tmux") is None:
        return float("nan"), float("nan")
    root = Path(__file__).resolve().parents[1]
    # An installed app starts from bytecode (pip compiles it at install). This machine may set
    # PYTHONDONTWRITEBYTECODE, which would make every launch compile every module it imports,
    # so the launches share a private bytecode folder, filled by a first launch not counted.
    cache = tempfile.mkdtemp(prefix="bench-pyc-")
    # a walker of their own: the safety text already read, no walks yet (a fresh install)
    home = Path(cache) / "walker"
    (home / "data").mkdir(parents=True)
    (home / "settings.toml").write_text("safety_acknowledged = true\n")
    env = f"env -u PYTHONDONTWRITEBYTECODE TEXTUAL_ANIMATIONS=none PYTHONPYCACHEPREFIX={cache}"
    dashboard = (
        f"cd {root} && {env} TREADMILL_TUI_CONFIG={home / 'settings.toml'} "
        f"TREADMILL_TUI_DATA_DIR={home / 'data'} TREADMILL_TUI_PROFILES={home / 'profiles'} "
        f"{sys.executable} -m treadmill_tui --simulate --no-sound"
    )
    bare = f"cd {root} && {env} {sys.executable} {BARE_APP} {shlex.quote(FIRST_SCREEN)}"
    # one private tmux server for all launches, kept up by an idle session so that it never
    # exits (and races the next launch) between two launches
    tmux = ["tmux", "-L", f"bench-launch-{os.getpid()}"]
    subprocess.run([*tmux, "new-session", "-d", "-s", "keep", "sleep 600"], check=True)
    times: dict[str, list[float]] = {dashboard: [], bare: []}
    try:
        for k in range(LAUNCHES + 1):
            for command in times:
                took = _launch(tmux, f"launch-{k}", command)
                if k:  # launch 0 only fills the bytecode folder
                    times[command].append(took)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
        shutil.rmtree(cache, ignore_errors=True)

    def median(values: list[float]) -> float:
        found = [v for v in values if v == v]
        return statistics.median(found) if found else float("nan")

    return median(times[dashboard]), median(times[bare])


def _launch(tmux: list[str], name: str, command: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command], check=True
    )
    try:
        while time.perf_counter() - start < 20:
            shown = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", name],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if FIRST_SCREEN in shown:
                return time.perf_counter() - start
            time.sleep(0.005)
    finally:
        subprocess.run([*tmux, "kill-session", "-t", name], check=False)
    return float("nan")


def run() -> list[Figure]:
    late = asyncio.run(_beat_lateness())
    late_ms = [1000.0 * x for x in late]
    p50 = statistics.median(late_ms) if late_ms else float("nan")
    p99 = _percentile(late_ms, 0.99) if late_ms else float("nan")
    cpu = asyncio.run(_idle_cpu())
    with tempfile.TemporaryDirectory() as tmp:
        walk_cpu, flashes, repaints = asyncio.run(_walk_cpu(Path(tmp)))
    launch, bare = _first_frames_s()
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
        Figure(
            "ui: live walk CPU (chart + 80 spm beat)",
            walk_cpu,
            "% of a core",
            "< 3 %",
            walk_cpu < 3.0 and flashes >= WALK_CPU_SECONDS,
        ),
        Figure(
            "ui: chart repaints in the walk",
            float(repaints),
            "repaints",
            f"<= {CHART_MAX}",
            repaints <= CHART_MAX,
        ),
        Figure("ui: launch to first frame (tmux)", launch, "s", "< 0.7 s", launch < 0.7),
        Figure(
            "ui: bare Textual app to first frame, same run (scale)",
            bare,
            "s",
            "reference",
            bare == bare,
        ),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
