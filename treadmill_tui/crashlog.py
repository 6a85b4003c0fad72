"""Unexpected errors become one plain line for the walker and a file for the bug report.

A traceback on screen helps nobody standing on a treadmill; the same traceback in a file under
the platform's log folder (``platformdirs``) helps whoever fixes it. ``TREADMILL_TUI_LOG_DIR``
overrides the folder (tests use it).
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

APP_NAME = "treadmill-tui"


def log_dir() -> Path:
    override = os.environ.get("TREADMILL_TUI_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME))


def write_crash_log(exc: BaseException) -> Path | None:
    """Save the traceback; return the file, or None if even that failed (never raises)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path


def one_line(exc: BaseException, path: Path | None) -> str:
    """The single line shown to the person."""
    where = (
        f"details are in {path}; please attach that file to a bug report"
        if path is not None
        else "the details could not be saved"
    )
    summary = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"treadmill-tui: something went wrong ({summary}); {where}."
