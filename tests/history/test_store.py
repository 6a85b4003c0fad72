"""The store: a recorded walk reads back as the engine summed it up; old stores migrate;
broken or newer stores give one clear line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from treadmill_tui.history import schema
from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.store import Sample, Store, WalkMeta, pain_readings

from .helpers import recorded_walk


def test_simulated_walk_reads_back_as_the_engine_summary(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    result, walk_id = recorded_walk(path, events=("400:pain:5",))
    with Store.open(path) as store:
        rec = store.walk(walk_id)
        assert rec is not None
        assert rec.summary == result.summary
        row = rec.row
        assert not row.partial and row.simulated and row.status == result.summary["outcome"]
        assert row.distance_m == result.summary["distance_m"]
        assert row.active_s == result.summary["active_s"]
        assert row.baseline == result.summary["baseline"]
        assert row.post_nrs == result.summary["post_walk_nrs"]
        assert row.max_nrs == 5 and row.worst_zone == "amber"
        # every event the engine logged, in order, in its own dict form
        assert store.events(walk_id) == result.events
        samples = store.samples(walk_id)
        # 1 Hz: one sample per second of the walk (and the final one)
        assert len(samples) >= int(result.summary["duration_s"])
        assert all(b.t >= a.t for a, b in zip(samples, samples[1:], strict=False))
        # the samples' own distance reaches the summary's (the final sample is at the end)
        assert samples[-1].distance_m == pytest.approx(result.summary["distance_m"], abs=1.0)
        assert [p["nrs"] for p in pain_readings(store.events(walk_id))] == [
            p["nrs"] for p in result.summary["pain_readings"]
        ]


def test_walks_list_oldest_first_and_simulated_can_be_left_out(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        a = store.begin_walk(WalkMeta(profile="a", simulated=True))
        b = store.begin_walk(WalkMeta(profile="b", simulated=False))
        assert [r.id for r in store.list_walks()] == [a, b]
        assert [r.id for r in store.list_walks(include_simulated=False)] == [b]
        assert store.delete_walk(a) and not store.delete_walk(a)
        assert store.ids() == [b]


def _old_store(path: Path) -> None:
    """A version-1 store with one finished walk, its samples and an event, in plain SQL as
    version-1 code wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, upto=1)
    conn.execute(
        "INSERT INTO walks (started_at, last_write, ended_at, partial, profile, planned_s, "
        "outcome, distance_m, rpe, baseline, max_nrs, post_nrs, summary) "
        "VALUES ('2026-11-01T08:00:00+00:00', '2026-11-01T08:11:00+00:00', "
        "'2026-11-01T08:11:00+00:00', 0, 'old walk', 600, 'completed', 3.3, 11, 2, 3, 2, "
        '\'{"outcome": "completed"}\')'
    )
    conn.executemany(
        "INSERT INTO samples (walk_id, t, speed_kmh, distance_m) VALUES (1, ?, 3.0, ?)",
        [(float(i), i * 0.83) for i in range(5)],
    )
    conn.execute(
        "INSERT INTO events (walk_id, seq, t, prog_t, type, data) VALUES (1, 0, 1.0, 0.0, "
        '\'pain\', \'{"t": 1.0, "type": "pain", "details": {"nrs": 3}}\')'
    )
    conn.close()


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("walks", "samples", "events")
        }
    finally:
        conn.close()


def test_an_older_store_migrates_without_loss(tmp_path: Path) -> None:
    assert schema.LATEST > 1  # there is a migration to prove
    path = tmp_path / "old.sqlite3"
    _old_store(path)
    before = _dump(path)
    with Store.open(path) as store:
        assert store.version == schema.LATEST
        row = store.list_walks()[0]
        assert (row.profile, row.outcome, row.distance_m, row.max_nrs) == (
            "old walk",
            "completed",
            3.3,
            3,
        )
        assert [s.t for s in store.samples(1)] == [0.0, 1.0, 2.0, 3.0, 4.0]
        assert store.events(1)[0]["details"] == {"nrs": 3}
    after = _dump(path)
    # every old row is still there with every old value; new columns are appended as NULL
    for table, rows in before.items():
        assert len(after[table]) == len(rows)
        for old, new in zip(rows, after[table], strict=True):
            assert new[: len(old)] == old
            assert all(v is None for v in new[len(old) :])


def test_a_newer_store_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError) as err:
        Store.open(path)
    text = str(err.value)
    assert "newer treadmill-tui" in text and "\n" not in text


def test_a_file_that_is_not_a_store_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a treadmill-tui history store"):
        Store.open(path)


def test_a_read_only_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.write_text("x")
        except PermissionError:
            pass
        else:  # root ignores permissions: nothing to test on this machine
            probe.unlink()
            pytest.skip("running as root: a read-only folder is still writable")
        with pytest.raises(StoreError, match="--data-dir"):
            Store.open(folder / "h.sqlite3")
    finally:
        folder.chmod(0o700)


def test_a_store_path_that_is_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    # works as root too: SQLite cannot open a directory as its file
    path = tmp_path / "h.sqlite3"
    path.mkdir()
    with pytest.raises(StoreError, match="cannot be opened") as err:
        Store.open(path)
    assert "\n" not in str(err.value)


def _walk_with_levels(store: Store, tempo: float = 90.0) -> int:
    walk_id = store.begin_walk(WalkMeta(profile="levels"))
    samples = [
        Sample(t=float(t), phase="main", metronome_spm=tempo, target_speed_kmh=3.0 + t / 100)
        for t in range(11)
    ]
    store.append(
        walk_id, [Sample(t=-1.0, phase="warmup", target_speed_kmh=1.0), *samples], [], first_seq=0
    )
    readings = [
        {"zone": "green", "incline_before": 1.0},
        {"zone": "green_hold", "incline_before": 1.5},
        {"zone": "amber", "incline_before": 2.0},
    ]
    store.finish_walk(walk_id, {"outcome": "completed", "pain_readings": readings})
    return walk_id


def _stored_levels(path: Path, walk_id: int) -> str | None:
    conn = sqlite3.connect(path)
    try:
        value: str | None = conn.execute(
            "SELECT levels FROM walks WHERE id = ?", (walk_id,)
        ).fetchone()[0]
        return value
    finally:
        conn.close()


def test_a_finished_walk_keeps_the_levels_progression_reads(tmp_path: Path) -> None:
    """Worked out once at the end of the walk: the dashboard's start read every sample of every
    walk again (about 0.23 s for a year of daily walks)."""
    path = tmp_path / "h.sqlite3"
    with Store.open(path) as store:
        walk_id = _walk_with_levels(store)
        assert _stored_levels(path, walk_id) is not None
        green, cadence, speed = store.walk_levels(walk_id)
    assert green == 1.5 and cadence == 90.0  # the highest green check; the main walk's tempo
    assert speed == pytest.approx(3.05)  # the main walk's mean target, not the warm-up's


def test_samples_added_after_the_end_are_counted_again(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with Store.open(path) as store:
        walk_id = _walk_with_levels(store)
        store.append(walk_id, [Sample(t=20.0, phase="main", metronome_spm=101.0)], [], first_seq=9)
        assert _stored_levels(path, walk_id) is None
        _, cadence, _ = store.walk_levels(walk_id)
    assert cadence == pytest.approx((90.0 * 11 + 101.0) / 12)


def test_an_older_walk_has_its_levels_worked_out_on_first_read_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with Store.open(path) as store:
        walk_id = _walk_with_levels(store, tempo=84.0)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE walks SET levels = NULL")  # as a walk from before the levels column
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.walk_levels(walk_id)[1] == 84.0
    assert _stored_levels(path, walk_id) is not None
    with Store.open(path) as store:
        assert store.walk_levels(walk_id)[1] == 84.0
