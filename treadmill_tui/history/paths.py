"""Where the history lives: ``--data-dir``, else ``TREADMILL_TUI_DATA_DIR``, else the platform's
user data folder (``platformdirs``)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "treadmill-tui"
DATA_DIR_ENV = "TREADMILL_TUI_DATA_DIR"
STORE_NAME = "history.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME))


def store_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / STORE_NAME
