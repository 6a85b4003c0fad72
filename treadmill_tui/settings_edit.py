"""Writing ``safety_acknowledged = true`` into the walker's own settings file, touching nothing
else in it.

The settings file is theirs: hand-edited and commented. The app only ever adds two lines at the
end (a comment and the key), or turns the one line that says ``safety_acknowledged = false``
into ``true``; it never rewrites or reformats their lines. A missing file is created from the
commented starter. The settings file holds top-level keys only (``settings.py`` rejects anything
else), so a key added at the end lands at the top level; every change is checked by reading the
result back, and anything this cannot change safely (a broken file, a table) is left alone:
the first-run text is then shown again next time, never an error.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from treadmill_tui.profiles.reading import ReadFailure, read_toml_text
from treadmill_tui.settings import STARTER, SettingsError, load_settings, settings_path

ACK_KEY = "safety_acknowledged"
ACK_COMMENT = "# Set by treadmill-tui: the first-run safety text was read."
ACK_LINE = f"{ACK_KEY} = true"
LEGACY_ACK_FILE = "safety-acknowledged"  # the older scheme: a file beside settings.toml
_BOM = b"\xef\xbb\xbf"
_FALSE_LINE = re.compile(rf"^([ \t]*{ACK_KEY}[ \t]*=[ \t]*)false\b", re.MULTILINE)


def _parsed(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def acknowledged_text(text: str | None) -> str | None:
    """The settings ``text`` (None: no file yet) saying ``safety_acknowledged = true``; None
    when nothing is to be written (it already says so, or it cannot be changed safely)."""
    if text is None:
        text = STARTER
    data = _parsed(text)
    if data is None or data.get(ACK_KEY) is True:
        return None
    if ACK_KEY in data:  # false (or something odd): change that one line only
        new, count = _FALSE_LINE.subn(r"\g<1>true", text, count=1)
        if count != 1:
            return None
    else:
        newline = "\r\n" if "\r\n" in text else "\n"
        ending = "" if not text or text.endswith("\n") else newline
        gap = newline if text.strip() else ""
        new = f"{text}{ending}{gap}{ACK_COMMENT}{newline}{ACK_LINE}{newline}"
    # read back: the key is true at the top level and nothing else changed
    return new if _parsed(new) == {**data, ACK_KEY: True} else None


def legacy_acknowledged(path: Path | None = None) -> bool:
    """The older scheme's file beside the settings file counts as acknowledged."""
    return (path or settings_path()).with_name(LEGACY_ACK_FILE).exists()


def is_acknowledged(path: Path | None = None) -> bool:
    """Has the walker read the first-run safety text? A settings file that cannot be read
    counts as no (the text is shown again; the app reports the file's problem itself)."""
    path = path or settings_path()
    if legacy_acknowledged(path):
        return True
    try:
        return load_settings(path).safety_acknowledged
    except SettingsError:
        return False


def acknowledge(path: Path | None = None) -> bool:
    """Write the acknowledgement into the settings file; False when it could not be (never
    raises)."""
    path = path or settings_path()
    old: str | None = None
    if os.path.lexists(path):
        try:
            old = read_toml_text(path, "the settings file", "settings file")
        except ReadFailure:
            return False
    new = acknowledged_text(old)
    if new is None:  # already says so, or cannot be changed safely
        return old is not None and is_acknowledged(path)
    try:
        if old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="") as f:  # never over a new file
                f.write(new)
        elif new.startswith(old):  # only added at the end: append, the rest stays byte-exact
            with open(path, "a", encoding="utf-8", newline="") as f:
                f.write(new[len(old) :])
        else:
            _replace(path, new)
    except OSError:
        return False
    return True


def _replace(path: Path, text: str) -> None:
    """Write ``text`` in place of the file (through a symlink to its target), keeping its
    byte-order mark and permissions; the old file stays whole until the new one is there."""
    import shutil
    import tempfile

    target = path.resolve()
    with open(target, "rb") as f:
        bom = _BOM if f.read(3) == _BOM else b""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".settings-", suffix=".toml")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(bom + text.encode("utf-8"))
        shutil.copymode(target, tmp)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
