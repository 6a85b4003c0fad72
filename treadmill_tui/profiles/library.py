"""Where walk profiles live: the bundled ones inside the package, the user's own in the
platform's data folder (``platformdirs``), so an installed app needs no repository.

``TREADMILL_TUI_PROFILES`` points the user folder elsewhere (tests use it).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "treadmill-tui"
PROFILES_ENV = "TREADMILL_TUI_PROFILES"


def bundled_profiles_dir() -> Path:
    """The folder of bundled programmes, shipped inside the package (installable anywhere).

    Read through ``importlib.resources`` so a wheel installed outside the repository finds them;
    pip installs packages as plain folders, so the resource is a real path.
    """
    return Path(str(resources.files("treadmill_tui.profiles") / "bundled"))


def user_profiles_dir() -> Path:
    """The walker's own profiles; it may not exist yet (``profile new`` creates it)."""
    override = os.environ.get(PROFILES_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME)) / "profiles"


def profile_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files in ``folder`` by name; none when it is missing or unreadable."""
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def is_bundled(path: Path) -> bool:
    """A bundled profile is read-only: the editor opens it as a copy under the user's folder."""
    try:
        return path.resolve().is_relative_to(bundled_profiles_dir().resolve())
    except OSError:
        return False


def free_user_path(stem: str, folder: Path | None = None) -> Path:
    """``stem.toml`` in the user folder, or ``stem-2.toml`` … when that name is taken."""
    folder = folder or user_profiles_dir()
    candidate = folder / f"{stem}.toml"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}.toml"
        n += 1
    return candidate
