"""The history store: one SQLite file (WAL mode) holding walks, their 1 Hz samples and events.

A walk row is written when the walk starts and marked ``partial`` until it finishes, so a crash
or power cut leaves a readable walk with the samples committed so far. Every commit is synced
(``synchronous=FULL``): a commit every few seconds costs little and a power cut cannot take back
what was committed. WAL lets one process write while others read, and the busy timeout makes
two writers take turns instead of failing.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from treadmill_tui.history import schema
from treadmill_tui.history.errors import StoreError, store_error

BUSY_TIMEOUT_MS = 10_000
RECORDING_FRESH_S = 15.0  # a partial walk written to this recently is still being recorded

ZONE_ORDER = ("green", "green_hold", "amber", "red", "stop")


def worse_zone(a: str | None, b: str | None) -> str | None:
    """The worse of two pain zones (unknown zones rank as green)."""
    if a is None:
        return b
    if b is None:
        return a
    rank = {z: i for i, z in enumerate(ZONE_ORDER)}
    return a if rank.get(a, 0) >= rank.get(b, 0) else b


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class WalkMeta:
    """What is known when a walk starts."""

    profile: str = ""
    profile_path: str | None = None
    simulated: bool = False
    device: str = ""
    sensors: tuple[str, ...] = ()
    planned_s: float | None = None
    session_number: int | None = None


@dataclass(frozen=True, slots=True)
class Sample:
    """One 1 Hz row; ``t`` is session-clock seconds, as in the events."""

    t: float
    prog_t: float | None = None
    state: str | None = None
    phase: str | None = None
    speed_kmh: float | None = None
    incline_pct: float | None = None
    target_speed_kmh: float | None = None
    target_incline_pct: float | None = None
    cadence_spm: float | None = None
    metronome_spm: float | None = None
    heart_rate_bpm: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    active_s: float | None = None
    segment: int | None = None  # index of the profile segment
    segment_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


SAMPLE_COLUMNS = tuple(f.name for f in fields(Sample))


@dataclass(frozen=True, slots=True)
class WalkRow:
    """A walk as listed: enough for tables, trends and progression without reading samples."""

    id: int
    started_at: datetime
    profile: str
    simulated: bool
    partial: bool
    recording: bool  # partial and written to within the last few seconds
    outcome: str | None
    planned_s: float | None
    duration_s: float | None
    active_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    max_speed_kmh: float | None
    max_incline_pct: float | None
    baseline: int | None
    max_nrs: int | None
    post_nrs: int | None
    worst_zone: str | None
    rpe: int | None
    session_number: int | None
    device: str

    @property
    def status(self) -> str:
        if self.recording:
            return "recording"
        if self.partial:
            return "partial"
        return self.outcome or "done"


@dataclass(frozen=True, slots=True)
class Checkin:
    """A next-morning answer (docs/walking.md §3.6)."""

    id: int
    walk_id: int | None
    answered_at: datetime
    nrs: int | None  # None: skipped
    usual: int | None


@dataclass(frozen=True, slots=True)
class WalkRecord:
    row: WalkRow
    ended_at: datetime | None
    profile_path: str | None
    sensors: tuple[str, ...]
    note: str
    summary: dict[str, Any] | None  # the engine's summary; None for a partial walk
    sample_count: int
    event_count: int
    extra: dict[str, Any] = field(default_factory=dict)


_ROW_COLUMNS = (
    "id, started_at, last_write, partial, profile, simulated, outcome, planned_s, duration_s, "
    "active_s, distance_m, elevation_gain_m, max_speed_kmh, max_incline_pct, baseline, max_nrs, "
    "post_nrs, worst_zone, rpe, session_number, device"
)


def _row(r: Sequence[Any], now: datetime) -> WalkRow:
    last_write = parse_iso(r[2])
    partial = bool(r[3])
    return WalkRow(
        id=r[0],
        started_at=parse_iso(r[1]),
        profile=r[4],
        simulated=bool(r[5]),
        partial=partial,
        recording=partial and now - last_write < timedelta(seconds=RECORDING_FRESH_S),
        outcome=r[6],
        planned_s=r[7],
        duration_s=r[8],
        active_s=r[9],
        distance_m=r[10],
        elevation_gain_m=r[11],
        max_speed_kmh=r[12],
        max_incline_pct=r[13],
        baseline=r[14],
        max_nrs=r[15],
        post_nrs=r[16],
        worst_zone=r[17],
        rpe=r[18],
        session_number=r[19],
        device=r[20],
    )


def _levels(
    conn: sqlite3.Connection, walk_id: int
) -> tuple[float | None, float | None, float | None]:
    """A walk's levels from its summary and samples (see ``Store.walk_levels``)."""
    green: float | None = None
    row = conn.execute("SELECT summary FROM walks WHERE id = ?", (walk_id,)).fetchone()
    if row and row[0]:
        for p in json.loads(row[0]).get("pain_readings") or []:
            if p.get("zone") in ("green", "green_hold"):
                incline = p.get("incline_before")
                if incline is not None:
                    green = incline if green is None else max(green, incline)
    means = conn.execute(
        "SELECT AVG(metronome_spm), AVG(target_speed_kmh) FROM samples "
        "WHERE walk_id = ? AND phase = 'main'",
        (walk_id,),
    ).fetchone()
    cadence, speed = means if means else (None, None)
    return green, cadence, speed


def _write_ahead_log(conn: sqlite3.Connection) -> None:
    """Switch a store to WAL, waiting for another process that is doing the same.

    SQLite answers "database is locked" at once, without the busy timeout, when two processes
    switch a new store's journal mode together; the second one's walk was then not saved."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


class Store:
    """One open history store. Methods raise :class:`StoreError`, never ``sqlite3`` errors."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, *, migrate_to: int = schema.LATEST) -> Store:
        """Open (creating if needed) and migrate the store at ``path``."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # the recorder's writer thread does the writes: one at a time, never two threads at
            # once, so the connection may move between threads
            conn = sqlite3.connect(
                path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as err:
            raise store_error(path, err) from err
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _write_ahead_log(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            schema.migrate(conn, upto=migrate_to)
        except schema.NewerSchema as err:
            conn.close()
            raise StoreError(
                f"history store {path}: written by a newer treadmill-tui ({err}); update "
                "treadmill-tui, or use --data-dir DIR for a separate store"
            ) from err
        except sqlite3.Error as err:
            conn.close()
            raise store_error(path, err) from err
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return schema.version(self._conn)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; SQLite errors become StoreError."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            raise store_error(self.path, err) from err

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise store_error(self.path, err) from err

    # ------------------------------------------------------------------ writing a walk

    def begin_walk(self, meta: WalkMeta, *, now: datetime | None = None) -> int:
        stamp = iso(now or utc_now())
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO walks (started_at, last_write, profile, profile_path, simulated, "
                "device, sensors, planned_s, session_number) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    stamp,
                    stamp,
                    meta.profile,
                    meta.profile_path,
                    int(meta.simulated),
                    meta.device,
                    json.dumps(list(meta.sensors)),
                    meta.planned_s,
                    meta.session_number,
                ),
            )
            walk_id = cur.lastrowid
        assert walk_id is not None
        return walk_id

    def append(
        self,
        walk_id: int,
        samples: Sequence[Sample],
        events: Sequence[dict[str, Any]],
        *,
        first_seq: int,
        now: datetime | None = None,
    ) -> None:
        """Add samples and events (their dict form) in one commit; keep the walk's running
        totals current so a partial walk lists with what it had."""
        stamp = iso(now or utc_now())
        with self._write() as conn:
            if samples:
                conn.executemany(
                    f"INSERT INTO samples (walk_id, {', '.join(SAMPLE_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * (len(SAMPLE_COLUMNS) + 1))})",
                    [(walk_id, *(getattr(s, c) for c in SAMPLE_COLUMNS)) for s in samples],
                )
            if events:
                conn.executemany(
                    "INSERT INTO events (walk_id, seq, t, prog_t, type, data) VALUES (?,?,?,?,?,?)",
                    [
                        (
                            walk_id,
                            first_seq + i,
                            e.get("t"),
                            e.get("prog_t"),
                            str(e.get("type", "")),
                            json.dumps(e, default=str, separators=(",", ":")),
                        )
                        for i, e in enumerate(events)
                    ],
                )
            updates: dict[str, Any] = {"last_write": stamp}
            if samples:
                updates["levels"] = None  # worked out again from all the samples when asked
                last = samples[-1]
                updates["duration_s"] = last.t
                updates["active_s"] = last.active_s
                updates["distance_m"] = last.distance_m
                updates["elevation_gain_m"] = last.elevation_gain_m
            old = conn.execute(
                "SELECT max_speed_kmh, max_incline_pct, max_nrs, worst_zone, baseline "
                "FROM walks WHERE id = ?",
                (walk_id,),
            ).fetchone()
            if old is None:
                raise StoreError(f"history store {self.path}: walk {walk_id} was deleted")
            speeds = [s.speed_kmh for s in samples if s.speed_kmh is not None]
            inclines = [s.incline_pct for s in samples if s.incline_pct is not None]
            updates["max_speed_kmh"] = max([*speeds, old[0] or 0.0])
            updates["max_incline_pct"] = max([*inclines, old[1] or 0.0])
            max_nrs, zone, baseline = old[2], old[3], old[4]
            for e in events:
                if e.get("type") != "pain":
                    continue
                d = e.get("details") or {}
                nrs = d.get("nrs")
                if isinstance(nrs, int):
                    max_nrs = nrs if max_nrs is None else max(max_nrs, nrs)
                zone = worse_zone(zone, d.get("zone"))
                if baseline is None and isinstance(d.get("baseline"), int):
                    baseline = d["baseline"]
            updates.update(max_nrs=max_nrs, worst_zone=zone, baseline=baseline)
            conn.execute(
                f"UPDATE walks SET {', '.join(f'{k} = ?' for k in updates)} WHERE id = ?",
                (*updates.values(), walk_id),
            )

    def finish_walk(
        self, walk_id: int, summary: dict[str, Any], *, now: datetime | None = None
    ) -> None:
        """Write the engine's summary and clear the partial mark."""
        stamp = iso(now or utc_now())
        readings = summary.get("pain_readings") or []
        nrs_values = [p["nrs"] for p in readings if isinstance(p.get("nrs"), int)]
        zone: str | None = None
        for p in readings:
            zone = worse_zone(zone, p.get("zone"))
        with self._write() as conn:
            conn.execute(
                "UPDATE walks SET ended_at = ?, last_write = ?, partial = 0, outcome = ?, "
                "duration_s = ?, active_s = ?, distance_m = ?, elevation_gain_m = ?, "
                "max_speed_kmh = ?, max_incline_pct = ?, baseline = ?, post_nrs = ?, rpe = ?, "
                "note = ?, max_nrs = ?, worst_zone = COALESCE(?, worst_zone), summary = ?, "
                "legs = ? WHERE id = ?",
                (
                    stamp,
                    stamp,
                    str(summary.get("outcome", "")),
                    summary.get("duration_s"),
                    summary.get("active_s"),
                    summary.get("distance_m"),
                    summary.get("elevation_gain_m"),
                    summary.get("max_speed_kmh"),
                    summary.get("max_incline_pct"),
                    summary.get("baseline"),
                    summary.get("post_walk_nrs"),
                    summary.get("rpe"),
                    summary.get("note") or "",
                    max(nrs_values) if nrs_values else None,
                    zone,
                    json.dumps(summary, default=str),
                    summary.get("post_walk_legs"),
                    walk_id,
                ),
            )
            levels = _levels(conn, walk_id)
            conn.execute("UPDATE walks SET levels = ? WHERE id = ?", (json.dumps(levels), walk_id))

    def delete_walk(self, walk_id: int) -> bool:
        with self._write() as conn:
            conn.execute("DELETE FROM samples WHERE walk_id = ?", (walk_id,))
            conn.execute("DELETE FROM events WHERE walk_id = ?", (walk_id,))
            cur = conn.execute("DELETE FROM walks WHERE id = ?", (walk_id,))
            return cur.rowcount > 0

    # ------------------------------------------------------------------ reading

    def list_walks(
        self, *, include_simulated: bool = True, now: datetime | None = None
    ) -> list[WalkRow]:
        """Every walk, oldest first."""
        where = "" if include_simulated else "WHERE simulated = 0"
        rows = self._read(f"SELECT {_ROW_COLUMNS} FROM walks {where} ORDER BY started_at, id")
        moment = now or utc_now()
        return [_row(r, moment) for r in rows]

    def walk(self, walk_id: int, *, now: datetime | None = None) -> WalkRecord | None:
        rows = self._read(
            f"SELECT {_ROW_COLUMNS}, ended_at, profile_path, sensors, note, summary "
            "FROM walks WHERE id = ?",
            (walk_id,),
        )
        if not rows:
            return None
        r = rows[0]
        n_samples = self._read("SELECT COUNT(*) FROM samples WHERE walk_id = ?", (walk_id,))
        n_events = self._read("SELECT COUNT(*) FROM events WHERE walk_id = ?", (walk_id,))
        base = len(_ROW_COLUMNS.split(","))
        return WalkRecord(
            row=_row(r, now or utc_now()),
            ended_at=parse_iso(r[base]) if r[base] else None,
            profile_path=r[base + 1],
            sensors=tuple(json.loads(r[base + 2] or "[]")),
            note=r[base + 3] or "",
            summary=json.loads(r[base + 4]) if r[base + 4] else None,
            sample_count=n_samples[0][0],
            event_count=n_events[0][0],
        )

    def samples(self, walk_id: int) -> list[Sample]:
        rows = self._read(
            f"SELECT {', '.join(SAMPLE_COLUMNS)} FROM samples WHERE walk_id = ? ORDER BY t, rowid",
            (walk_id,),
        )
        return [Sample(*r) for r in rows]

    def events(self, walk_id: int) -> list[dict[str, Any]]:
        rows = self._read("SELECT data FROM events WHERE walk_id = ? ORDER BY seq", (walk_id,))
        return [json.loads(r[0]) for r in rows]

    def walk_levels(self, walk_id: int) -> tuple[float | None, float | None, float | None]:
        """Highest incline at a green check, mean metronome tempo and mean target speed of the
        main walk: what progression carries from one walk to the next. A finished walk keeps
        them (worked out once, at its end or on the first read of an older walk)."""
        rows = self._read("SELECT levels, partial FROM walks WHERE id = ?", (walk_id,))
        if rows and rows[0][0] is not None:
            green, cadence, speed = json.loads(rows[0][0])
            return green, cadence, speed
        try:
            levels = _levels(self._conn, walk_id)
        except sqlite3.Error as err:
            raise store_error(self.path, err) from err
        if rows and not rows[0][1]:  # finished: keep them (a store we may not write is fine)
            with contextlib.suppress(StoreError):
                with self._write() as conn:
                    conn.execute(
                        "UPDATE walks SET levels = ? WHERE id = ? AND partial = 0",
                        (json.dumps(levels), walk_id),
                    )
        return levels

    # ------------------------------------------------------------------ the journal

    def add_checkin(
        self, walk_id: int | None, nrs: int | None, usual: int | None, *, now: datetime
    ) -> int:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO checkins (walk_id, answered_at, nrs, usual, skipped) "
                "VALUES (?,?,?,?,?)",
                (walk_id, iso(now), nrs, usual, int(nrs is None)),
            )
            checkin_id = cur.lastrowid
        assert checkin_id is not None
        return checkin_id

    def checkins(self) -> list[Checkin]:
        rows = self._read(
            "SELECT id, walk_id, answered_at, nrs, usual FROM checkins ORDER BY answered_at, id"
        )
        return [Checkin(r[0], r[1], parse_iso(r[2]), r[3], r[4]) for r in rows]

    def setting(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def ids(self) -> list[int]:
        return [r[0] for r in self._read("SELECT id FROM walks ORDER BY started_at, id")]


def pain_readings(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pain answers among a walk's events (what a partial walk has instead of a summary)."""
    out: list[dict[str, Any]] = []
    for e in events:
        if e.get("type") == "pain":
            out.append({"t": e.get("t"), "prog_t": e.get("prog_t"), **(e.get("details") or {})})
    return out
