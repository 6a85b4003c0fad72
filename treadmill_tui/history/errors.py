"""The history layer's one error type, with a message for a person."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """The history store cannot be opened or written; the message says what to do."""


def store_error(path: Path, err: BaseException) -> StoreError:
    """One plain line for a SQLite or file-system failure on ``path``."""
    text = str(err).lower()
    if isinstance(err, sqlite3.DatabaseError) and "not a database" in text:
        why = "the file is not a treadmill-tui history store"
        hint = "move it away or use --data-dir DIR for another folder"
    elif "full" in text or getattr(err, "errno", None) == 28:
        why = "the disk is full"
        hint = "free some space; walks are not being saved"
    elif "readonly" in text or "read-only" in text or isinstance(err, PermissionError):
        why = "the folder is read-only"
        hint = "use --data-dir DIR with a folder you can write to"
    elif "unable to open" in text or isinstance(err, OSError):
        why = "it cannot be opened"
        hint = "check the folder exists and is writable, or use --data-dir DIR"
    elif "locked" in text or "busy" in text:
        why = "another treadmill-tui is holding it too long"
        hint = "close the other one and try again"
    else:
        why = str(err) or type(err).__name__
        hint = "use --data-dir DIR for another folder"
    return StoreError(f"history store {path}: {why} ({hint})")
