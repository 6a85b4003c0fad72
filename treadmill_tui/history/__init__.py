"""Walk history: a SQLite store written as the walk happens, the journal, progression between
sessions and export. Nothing here knows about Textual or the UI (import-linter checks it)."""

from __future__ import annotations

from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.paths import DATA_DIR_ENV, data_dir, store_path
from treadmill_tui.history.store import Sample, Store, WalkMeta, WalkRecord, WalkRow

__all__ = [
    "DATA_DIR_ENV",
    "Sample",
    "Store",
    "StoreError",
    "WalkMeta",
    "WalkRecord",
    "WalkRow",
    "data_dir",
    "store_path",
]
