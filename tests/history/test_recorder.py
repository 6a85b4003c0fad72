"""The recorder keeps a walk going when the store fails, and commits often enough."""

from __future__ import annotations

import threading
from pathlib import Path

from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.recorder import WalkRecorder
from treadmill_tui.history.store import Sample, Store, WalkMeta
from treadmill_tui.session.simulate import simulate

from .helpers import timeline


def test_a_store_failing_mid_walk_is_reported_once_and_the_walk_completes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    problems: list[str] = []

    class Failing(WalkRecorder):
        def on_sample(self, sample: Sample) -> None:
            if sample.t > 100 and self.walk_id is not None:
                with Store.open(path) as other:  # somebody deletes the walk mid-way
                    other.delete_walk(self.walk_id)
            super().on_sample(sample)

    recorder = Failing.for_path(path, WalkMeta(), on_problem=problems.append)
    result = simulate(timeline(), observer=recorder)
    assert result.summary["outcome"] == "completed"
    assert len(problems) == 1 and "not being saved" in problems[0]
    assert recorder.problem == problems[0]


def test_a_store_that_cannot_be_opened_leaves_the_walk_unrecorded(tmp_path: Path) -> None:
    problems: list[str] = []

    def opener() -> Store:
        raise StoreError("history store X: the disk is full (free some space)")

    recorder = WalkRecorder(opener, WalkMeta(), on_problem=problems.append)
    result = simulate(timeline(), observer=recorder)
    assert result.summary["outcome"] == "completed"
    assert problems == [
        "history store X: the disk is full (free some space) - the walk goes on, but it is "
        "not being saved"
    ]
    assert recorder.walk_id is None


def test_commits_come_at_least_every_commit_interval(tmp_path: Path) -> None:
    commits: list[float] = []

    class Counting(Store):
        def append(self, walk_id, samples, events, *, first_seq, now=None):  # type: ignore[no-untyped-def]
            if samples:
                commits.append(samples[-1].t)
            super().append(walk_id, samples, events, first_seq=first_seq, now=now)

    path = tmp_path / "h.sqlite3"
    recorder = WalkRecorder(lambda: Counting.open(path), WalkMeta())
    simulate(timeline(), observer=recorder)
    gaps = [b - a for a, b in zip(commits, commits[1:], strict=False)]
    assert commits and max(gaps) <= 3.0


def test_writes_run_off_the_loop_thread(tmp_path: Path) -> None:
    """A slow disk must not hold up the loop that runs the walk (and sends the stop)."""
    threads: set[int] = set()

    class Watching(Store):
        def append(self, walk_id, samples, events, *, first_seq, now=None):  # type: ignore[no-untyped-def]
            threads.add(threading.get_ident())
            super().append(walk_id, samples, events, first_seq=first_seq, now=now)

    path = tmp_path / "h.sqlite3"
    recorder = WalkRecorder(lambda: Watching.open(path), WalkMeta())
    result = simulate(timeline(), observer=recorder)
    assert threads and threading.get_ident() not in threads
    with Store.open(path) as store:
        assert store.events(1) == result.events  # all written, in order, before finish returned


def test_sensor_readings_go_into_the_samples(tmp_path: Path) -> None:
    """A strap's heart rate and a footpod's cadence, when the dashboard has them."""
    path = tmp_path / "h.sqlite3"
    recorder = WalkRecorder(lambda: Store.open(path), WalkMeta(), readings=lambda: (101, 97.5))
    simulate(timeline(), observer=recorder)
    with Store.open(path) as store:
        samples = store.samples(1)
        assert {s.heart_rate_bpm for s in samples} == {101.0}
        assert {s.cadence_spm for s in samples} == {97.5}


def test_broken_sensor_readings_do_not_stop_the_recording(tmp_path: Path) -> None:
    def broken() -> tuple[float | None, float | None]:
        raise RuntimeError("strap unplugged")

    path = tmp_path / "h.sqlite3"
    recorder = WalkRecorder(lambda: Store.open(path), WalkMeta(), readings=broken)
    result = simulate(timeline(), observer=recorder)
    assert recorder.problem is None
    with Store.open(path) as store:
        rec = store.walk(1)
        assert rec is not None and rec.summary == result.summary
        assert all(s.heart_rate_bpm is None for s in store.samples(1))
