"""The devices last used (treadmill, footpod, strap), remembered between walks.

Kept in ``devices.toml`` in the settings folder, beside the walker's hand-written
``settings.toml`` (which the app never rewrites). A missing or unreadable file just means
nothing is remembered: this is a convenience, never a reason to stop.
"""

from __future__ import annotations

import json
import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

_log = logging.getLogger(__name__)

FILE = "devices.toml"
_KINDS = ("treadmill", "footpod", "heart_rate")


@dataclass(frozen=True, slots=True)
class Remembered:
    """An address and the name it advertised (names help the walker recognise it)."""

    address: str
    name: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.address})" if self.name else self.address


@dataclass(frozen=True, slots=True)
class RememberedDevices:
    treadmill: Remembered | None = None
    footpod: Remembered | None = None
    heart_rate: Remembered | None = None


def load_remembered(settings_dir: Path) -> RememberedDevices:
    try:
        data = tomllib.loads((settings_dir / FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return RememberedDevices()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        _log.warning("ignored %s: %s", settings_dir / FILE, err)
        return RememberedDevices()
    found: dict[str, Remembered] = {}
    for kind in _KINDS:
        entry = data.get(kind)
        if isinstance(entry, dict) and isinstance(entry.get("address"), str):
            name = entry.get("name")
            found[kind] = Remembered(entry["address"], name if isinstance(name, str) else None)
    return RememberedDevices(**found)


def save_remembered(settings_dir: Path, devices: RememberedDevices) -> None:
    """Write the file (best effort: a read-only folder only costs the convenience)."""
    lines = ["# Devices treadmill-tui used last; written by the app."]
    for kind in _KINDS:
        item: Remembered | None = getattr(devices, kind)
        if item is None:
            continue
        # a JSON string is a valid TOML basic string (same escapes)
        lines += ["", f"[{kind}]", f"address = {json.dumps(item.address)}"]
        if item.name:
            lines.append(f"name = {json.dumps(item.name)}")
    try:
        settings_dir.mkdir(parents=True, exist_ok=True)
        (settings_dir / FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as err:
        _log.warning("could not remember the devices in %s: %s", settings_dir / FILE, err)
