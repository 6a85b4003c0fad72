"""History figures: the recorder's CPU cost for a 3-hour walk (target < 1 % of one core) and
``history list`` over 1000 walks (target < 200 ms).

The write cost drives the real :class:`WalkRecorder` into a real store on disk with 10 800 1 Hz
samples and a busy walk's events (a pain check every 5 minutes, a target change every 30 s, a
command every 15 s), committing every 2 s as in a walk; CPU time (``process_time``) over the
walk's 3 hours of wall time is the share of one core. Synced commits wait on the disk, which is
I/O, not CPU. ``history list`` is timed in-process (opening the store, reading, formatting), the
median of 5 runs; the interpreter's own start-up is not the store's cost. Today's proposal is
what the dashboard reads from the store on every start (the progression over every walk, and
the proposal as a walk profile), over a year of daily 30-minute walks with 1 Hz samples.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import statistics
import tempfile
import time
from argparse import Namespace
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.figure import Figure
from treadmill_tui.history.cli import cmd_list
from treadmill_tui.history.journal import next_proposal, proposal_text
from treadmill_tui.history.paths import store_path
from treadmill_tui.history.recorder import WalkRecorder
from treadmill_tui.history.store import Sample, Store, WalkMeta
from treadmill_tui.session.events import SessionEvent, from_dict
from treadmill_tui.session.snapshot import SessionSnapshot

WALK_S = 3 * 3600
WALKS = 1000
YEAR = 365


def _events_at(t: int) -> list[SessionEvent]:
    out: list[dict[str, Any]] = []
    if t % 15 == 0:
        out.append({"type": "command", "details": {"name": "set_speed", "value": 3.1}})
    if t % 30 == 0:
        out.append({"type": "target", "details": {"what": "speed", "target": 3.1, "actual": 3.0}})
    if t % 300 == 0:
        out.append({"type": "prompt", "details": {"kind": "check", "trigger": "scheduled"}})
        out.append(
            {
                "type": "pain",
                "details": {
                    "nrs": 2,
                    "legs": "none",
                    "sharp": False,
                    "gait": False,
                    "zone": "green",
                    "action": "continue",
                    "trigger": "scheduled",
                    "baseline": 2,
                },
            }
        )
    return [from_dict({"t": t, "prog_t": t, **e}) for e in out]


def write_cost(folder: Path) -> tuple[float, int, int]:
    """CPU seconds to record a 3-hour walk; and the samples and events written."""
    recorder = WalkRecorder.for_path(store_path(folder), WalkMeta(profile="three hours"))

    class Quiet:  # the runner's part: no events beyond ours, a snapshot never asked for
        def subscribe(self, callback: Callable[[SessionEvent], None]) -> Callable[[], None]:
            return lambda: None

        def snapshot(self) -> SessionSnapshot:
            raise AssertionError("not sampled here")

    async def attach() -> None:
        recorder.attach(Quiet())
        assert recorder._task is not None
        recorder._task.cancel()  # the benchmark feeds samples itself
        with contextlib.suppress(asyncio.CancelledError):
            await recorder._task

    asyncio.run(attach())
    events = 0
    start = time.process_time()
    for t in range(WALK_S):
        for event in _events_at(t):
            recorder.on_event(event)
            events += 1
        recorder.on_sample(
            Sample(
                t=float(t),
                prog_t=float(t),
                state="main",
                phase="main",
                speed_kmh=3.1,
                incline_pct=0.5,
                target_speed_kmh=3.1,
                target_incline_pct=0.5,
                cadence_spm=96.0,
                metronome_spm=96.0,
                distance_m=t * 0.86,
                elevation_gain_m=t * 0.004,
                active_s=float(t),
                segment=1,
                segment_name="Walk",
            )
        )
    recorder._runner = None  # no final snapshot: the last sample above is the end
    asyncio.run(recorder.finish({"outcome": "completed", "pain_readings": []}))
    cpu = time.process_time() - start
    return cpu, WALK_S, events


def fill(folder: Path, walks: int = WALKS) -> None:
    first = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
    with Store.open(store_path(folder)) as store:
        for i in range(walks):
            when = first + timedelta(days=i)
            walk_id = store.begin_walk(
                WalkMeta(profile=f"Walk {i}", simulated=i % 5 == 0, planned_s=1800), now=when
            )
            store.append(walk_id, [Sample(t=0.0), Sample(t=1.0)], [], first_seq=0, now=when)
            store.finish_walk(
                walk_id,
                {
                    "outcome": "completed",
                    "active_s": 1790.0,
                    "distance_m": 1500.0,
                    "baseline": 2,
                    "post_walk_nrs": 2,
                    "pain_readings": [],
                },
                now=when + timedelta(minutes=31),
            )


def list_ms(folder: Path, runs: int = 5) -> float:
    args = Namespace(data_dir=str(folder), real=False)
    times = []
    for _ in range(runs):
        sink = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(sink):
            assert cmd_list(args) == 0
        times.append((time.perf_counter() - start) * 1000)
        assert sink.getvalue().count("\n") == WALKS + 1
    return statistics.median(times)


def fill_year(path: Path) -> None:
    """A year of daily 30-minute walks, 1 Hz samples, a metronome in the main walk."""
    first = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
    with Store.open(path) as store:
        for day in range(YEAR):
            when = first + timedelta(days=day)
            walk_id = store.begin_walk(WalkMeta(profile="Daily walk", planned_s=1800), now=when)
            samples = [
                Sample(
                    t=float(t),
                    phase="main" if 300 <= t < 1500 else "warmup",
                    speed_kmh=3.0,
                    target_speed_kmh=3.0,
                    metronome_spm=90.0,
                )
                for t in range(1800)
            ]
            store.append(walk_id, samples, [], first_seq=0, now=when)
            summary = {"outcome": "completed", "active_s": 1790.0, "pain_readings": []}
            store.finish_walk(walk_id, summary, now=when + timedelta(minutes=31))


def proposal_ms(path: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with Store.open(path) as store:
            proposal = next_proposal(store, with_simulated=False)
            proposal_text(store, proposal, with_simulated=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        cpu, samples, events = write_cost(Path(tmp) / "write")
        share = cpu / WALK_S * 100
        listing = Path(tmp) / "list"
        fill(listing)
        ms = list_ms(listing)
        year = Path(tmp) / "year.sqlite3"
        fill_year(year)
        today_ms = proposal_ms(year)
    return [
        Figure(
            f"history: record a 3-h walk ({samples} samples, {events} events), CPU",
            share,
            "% core",
            "< 1 % of one core",
            share < 1.0,
        ),
        Figure(f"history: 'history list' over {WALKS} walks", ms, "ms", "< 200 ms", ms < 200),
        Figure(
            f"history: today's proposal at start, {YEAR} daily walks",
            today_ms,
            "ms",
            "< 100 ms",
            today_ms < 100,
        ),
    ]
