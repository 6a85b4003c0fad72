"""The store's schema as numbered migrations (``PRAGMA user_version`` is the version).

``MIGRATIONS[i]`` takes a store from version ``i`` to ``i + 1``. Migrations only add (tables,
columns, indexes), so an older store keeps every row. A store newer than this code is refused
with a plain message instead of being guessed at.
"""

from __future__ import annotations

import sqlite3

V1 = (
    """CREATE TABLE walks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,           -- ISO-8601 UTC wall clock
        last_write TEXT NOT NULL,           -- ISO-8601 UTC of the latest commit
        ended_at TEXT,                      -- NULL until the walk finished cleanly
        partial INTEGER NOT NULL DEFAULT 1, -- 1 until finished: a crash leaves it 1
        profile TEXT NOT NULL DEFAULT '',
        profile_path TEXT,
        simulated INTEGER NOT NULL DEFAULT 0,
        device TEXT NOT NULL DEFAULT '',
        sensors TEXT NOT NULL DEFAULT '[]', -- JSON list of sensor names
        planned_s REAL,
        session_number INTEGER,
        outcome TEXT,
        duration_s REAL,
        active_s REAL,
        distance_m REAL,
        elevation_gain_m REAL,
        max_speed_kmh REAL,
        max_incline_pct REAL,
        baseline INTEGER,
        max_nrs INTEGER,
        worst_zone TEXT,                    -- worst pain zone of the walk
        post_nrs INTEGER,
        rpe INTEGER,
        note TEXT,
        summary TEXT                        -- JSON: the engine's summary as written at the end
    )""",
    """CREATE TABLE samples (
        walk_id INTEGER NOT NULL REFERENCES walks(id) ON DELETE CASCADE,
        t REAL NOT NULL,
        prog_t REAL,
        state TEXT,
        phase TEXT,
        speed_kmh REAL,
        incline_pct REAL,
        target_speed_kmh REAL,
        target_incline_pct REAL,
        cadence_spm REAL,
        metronome_spm REAL,
        heart_rate_bpm REAL,
        distance_m REAL,
        elevation_gain_m REAL,
        active_s REAL
    )""",
    "CREATE INDEX samples_by_walk ON samples(walk_id, t)",
    """CREATE TABLE events (
        walk_id INTEGER NOT NULL REFERENCES walks(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        t REAL,
        prog_t REAL,
        type TEXT NOT NULL,
        data TEXT NOT NULL                  -- JSON: the event's own dict form, whole
    )""",
    "CREATE INDEX events_by_walk ON events(walk_id, seq)",
    "CREATE INDEX walks_by_start ON walks(started_at)",
)

# The journal: next-morning check-ins, the post-walk legs answer and a few settings of the
# history's own (the walker's usual morning pain before seven answers exist).
V2 = (
    """CREATE TABLE checkins (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        walk_id INTEGER REFERENCES walks(id) ON DELETE SET NULL,  -- the walk it follows
        answered_at TEXT NOT NULL,          -- ISO-8601 UTC
        nrs INTEGER,                        -- pain on waking, 0-10; NULL when skipped
        usual INTEGER,                      -- the walker's usual morning pain at that time
        skipped INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX checkins_by_time ON checkins(answered_at)",
    "ALTER TABLE walks ADD COLUMN legs TEXT",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

# Samples name their profile segment, so exports can give a lap per segment.
V3 = (
    "ALTER TABLE samples ADD COLUMN segment INTEGER",
    "ALTER TABLE samples ADD COLUMN segment_name TEXT",
)

# A finished walk keeps the levels progression carries to the next one (JSON: highest green
# incline, mean metronome tempo and mean target speed of the main walk), so the dashboard's
# start does not average every sample of every walk again. NULL: not worked out yet.
V4 = ("ALTER TABLE walks ADD COLUMN levels TEXT",)

MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4)
LATEST = len(MIGRATIONS)


class NewerSchema(Exception):
    def __init__(self, found: int) -> None:
        super().__init__(f"schema {found}, this version knows up to {LATEST}")
        self.found = found


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, upto: int = LATEST) -> int:
    """Bring the store up to ``upto`` (tests stop early to build old stores); returns the
    version found. Each step runs in one write transaction, so two processes opening the same
    old store migrate it once."""
    found = version(conn)
    if found > LATEST:
        raise NewerSchema(found)
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = version(conn)
            if current >= upto:
                conn.execute("COMMIT")
                return found
            for statement in MIGRATIONS[current]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
