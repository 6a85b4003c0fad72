"""Records a walk into the store as it happens, from what the session runner publishes.

The recorder subscribes to the runner's events and reads its snapshot once a second (the 1 Hz
samples); it commits whenever ``commit_every_s`` of session time has passed since the last
commit, so a crash loses at most that plus one sample interval (docs/history.md). The writes
(synced to disk) run one at a time on a writer thread of their own, so a slow or stuck disk
never holds up the loop that runs the walk and sends the belt's stop. A store that cannot be
opened or written is reported once through ``on_problem`` and recording stops: the walk itself
goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.store import Sample, Store, WalkMeta, utc_now
from treadmill_tui.session.events import SessionEvent
from treadmill_tui.session.snapshot import SessionSnapshot

_log = logging.getLogger(__name__)

COMMIT_EVERY_S = 2.0
SAMPLE_EVERY_S = 1.0


Readings = Callable[[], tuple[float | None, float | None]]
"""Heart rate (bpm) and measured cadence (spm, a footpod's) now; None when unknown."""


class Publisher(Protocol):
    """What the recorder needs from a ``SessionRunner``."""

    def subscribe(self, callback: Callable[[SessionEvent], None]) -> Callable[[], None]: ...

    def snapshot(self) -> SessionSnapshot: ...


def sample_of(snap: SessionSnapshot) -> Sample:
    return Sample(
        t=round(snap.t, 3),
        prog_t=round(snap.prog_t, 2),
        state=str(snap.state),
        phase=snap.phase,
        speed_kmh=snap.actual_speed_kmh,
        incline_pct=snap.actual_incline_pct,
        target_speed_kmh=snap.target_speed_kmh,
        target_incline_pct=snap.target_incline_pct,
        cadence_spm=None if snap.cadence_spm is None else round(snap.cadence_spm, 1),
        metronome_spm=snap.metronome_spm,
        heart_rate_bpm=None,  # no heart-rate sensor is read yet
        distance_m=round(snap.distance_m, 2),
        elevation_gain_m=round(snap.elevation_gain_m, 3),
        active_s=round(snap.active_s, 2),
        segment=snap.segment_index,
        segment_name=snap.segment_name,
    )


class WalkRecorder:
    """One walk into one store: :meth:`attach` to a runner, :meth:`finish` with the summary."""

    def __init__(
        self,
        opener: Callable[[], Store],
        meta: WalkMeta,
        *,
        on_problem: Callable[[str], None] | None = None,
        commit_every_s: float = COMMIT_EVERY_S,
        sample_every_s: float = SAMPLE_EVERY_S,
        wall: Callable[[], datetime] = utc_now,
        readings: Readings | None = None,
    ) -> None:
        self._opener = opener
        self._meta = meta
        self._on_problem = on_problem
        self._commit_every_s = commit_every_s
        self._sample_every_s = sample_every_s
        self._wall = wall
        self._readings = readings
        self._store: Store | None = None
        self.walk_id: int | None = None
        self.problem: str | None = None
        self._samples: list[Sample] = []
        self._events: list[dict[str, Any]] = []
        self._seq = 0
        self._last_commit_t: float | None = None
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._runner: Publisher | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None  # the newest write handed to the writer
        self._write_error: BaseException | None = None  # the first write that failed

    @classmethod
    def for_path(cls, path: Path, meta: WalkMeta, **kwargs: Any) -> WalkRecorder:
        return cls(lambda: Store.open(path), meta, **kwargs)

    @property
    def active(self) -> bool:
        return self._store is not None and self.problem is None

    # ------------------------------------------------------------------ wiring

    def attach(self, runner: Publisher) -> None:
        """Open the store, start the walk row, subscribe and start sampling (on the running
        loop). A store problem is reported and the walk runs unrecorded."""
        self._runner = runner
        try:
            self._store = self._opener()
            self.walk_id = self._store.begin_walk(self._meta, now=self._wall())
        except StoreError as err:
            self._fail(err)
            return
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history-writer")
        self._unsubscribe = runner.subscribe(self.on_event)
        self._task = asyncio.get_running_loop().create_task(self._sample_loop())

    async def _sample_loop(self) -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        n = 0
        while self.active and self._runner is not None:
            self.on_sample(self._sample())
            n += 1
            await asyncio.sleep(max(0.0, start + n * self._sample_every_s - loop.time()))

    def _sample(self) -> Sample:
        assert self._runner is not None
        sample = sample_of(self._runner.snapshot())
        if self._readings is None:
            return sample
        try:
            heart, cadence = self._readings()
        except Exception:  # a sensor's trouble never stops the recording
            _log.exception("history: sensor readings failed")
            return sample
        return dataclasses.replace(
            sample,
            heart_rate_bpm=heart,
            cadence_spm=sample.cadence_spm if cadence is None else round(cadence, 1),
        )

    def on_event(self, event: SessionEvent) -> None:
        if self.active:
            self._events.append(event.to_dict())

    def on_sample(self, sample: Sample) -> None:
        if not self.active:
            return
        self._samples.append(sample)
        if self._last_commit_t is None or sample.t - self._last_commit_t >= self._commit_every_s:
            self.flush(sample.t)

    def flush(self, t: float | None = None) -> None:
        """Hand what is buffered to the writer (one commit)."""
        self._check_written()
        if not self.active or self._store is None or self.walk_id is None:
            return
        samples, events = self._samples, self._events
        self._samples, self._events = [], []
        first, self._seq = self._seq, self._seq + len(events)
        self._write(
            self._store.append, self.walk_id, samples, events, first_seq=first, now=self._wall()
        )
        if t is not None:
            self._last_commit_t = t

    def _write(self, fn: Callable[..., None], *args: Any, **kwargs: Any) -> None:
        if self._writer is None:  # no writer thread (not attached to a loop): write here
            future: Future[None] = Future()
            try:
                fn(*args, **kwargs)
                future.set_result(None)
            except Exception as err:
                future.set_exception(err)
            self._pending = future
        else:
            self._pending = self._writer.submit(fn, *args, **kwargs)
        self._pending.add_done_callback(self._note)

    def _note(self, future: Future[None]) -> None:
        """On the writer thread: keep the first failure for the loop to report."""
        err = future.exception()
        if err is not None and self._write_error is None:
            self._write_error = err

    def _check_written(self) -> None:
        """Report a failed write, once, on the loop's side."""
        err = self._write_error
        if err is not None:
            self._fail(err if isinstance(err, StoreError) else StoreError(str(err)))

    async def written(self) -> None:
        """Wait until every write handed to the writer is on disk."""
        future = self._pending
        if future is not None:
            with contextlib.suppress(Exception):
                await asyncio.wrap_future(future)
        self._check_written()

    async def finish(
        self, summary: dict[str, Any], events: Sequence[dict[str, Any]] | None = None
    ) -> int | None:
        """Stop sampling, write what is buffered and the summary; returns the walk id.

        ``events`` is the engine's whole log (dict form): events recorded after the runner's
        last publish (the final stop's command) are taken from it, so none is lost.
        """
        await self._stop_sampling()
        if self._runner is not None and self.active:
            self._samples.append(self._sample())
        if events is not None:
            seen = self._seq + len(self._events)
            self._events.extend(events[seen:])
        self.flush()
        if self.active and self._store is not None and self.walk_id is not None:
            self._write(self._store.finish_walk, self.walk_id, summary, now=self._wall())
        await self.written()
        self.close()
        return self.walk_id if self.problem is None else None

    async def _stop_sampling(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def close(self) -> None:
        """Close the store after the writes already handed over (never waits for them)."""
        store, self._store = self._store, None
        writer, self._writer = self._writer, None
        if store is None:
            return
        if writer is None:
            with contextlib.suppress(Exception):
                store.close()
            return
        writer.submit(store.close)
        writer.shutdown(wait=False)

    def _fail(self, err: StoreError) -> None:
        if self.problem is not None:
            return
        self.problem = f"{err} - the walk goes on, but it is not being saved"
        _log.warning("history: %s", self.problem)
        if self._on_problem is not None:
            with contextlib.suppress(Exception):
                self._on_problem(self.problem)
        self.close()
