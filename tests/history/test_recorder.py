"""The recorder keeps a walk going when the store fails, and commits often enough."""

from __future__ import annotations

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
