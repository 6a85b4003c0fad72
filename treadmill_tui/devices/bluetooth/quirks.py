"""Per-model overrides for treadmills that lie or leave things out (docs/bluetooth.md#quirks).

A small TOML table, matched on the advertised name: the bundled ``quirks.toml`` plus the
walker's own ``quirks.toml`` in the settings folder (the user's entries win). A quirk can
ignore a feature or target bit that lies, supply a speed or incline range, force an incline
grid, space commands apart, or ask for pairing first. It is applied in one place: the
Bluetooth transport, below the ``Treadmill`` client, which therefore never knows.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from treadmill_tui.ftms import (
    FITNESS_MACHINE_FEATURE,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    Features,
    FtmsDecodeError,
    InclinationRange,
    SpeedRange,
    decode_features,
    decode_inclination_range,
    encode_features,
    encode_inclination_range,
    encode_speed_range,
)
from treadmill_tui.ftms.features import FEATURE_NAMES, TARGET_SETTING_NAMES

QUIRKS_FILE = "quirks.toml"
_KEYS = {
    "match",
    "note",
    "ignore_features",
    "ignore_targets",
    "speed_range",
    "incline_range",
    "incline_step",
    "command_spacing_ms",
    "pair",
}


class QuirksError(ValueError):
    """A quirks file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Quirk:
    """One model's overrides; ``match`` is a case-insensitive glob on the advertised name."""

    match: str
    note: str = ""
    ignore_features: tuple[str, ...] = ()
    ignore_targets: tuple[str, ...] = ()
    speed_range: SpeedRange | None = None
    incline_range: InclinationRange | None = None
    incline_step: float | None = None
    command_spacing_s: float = 0.0
    pair: bool = False
    source: str = field(default="", compare=False)

    def matches(self, name: str | None) -> bool:
        return name is not None and fnmatch.fnmatch(name.casefold(), self.match.casefold())

    def supplies(self, uuid: str) -> bytes | None:
        """What to answer for a range the machine does not publish (``None``: nothing)."""
        if uuid == SUPPORTED_SPEED_RANGE and self.speed_range is not None:
            return encode_speed_range(self.speed_range)
        if uuid == SUPPORTED_INCLINATION_RANGE and self.incline_range is not None:
            return encode_inclination_range(self.incline_range)
        return None

    def rewrite(self, uuid: str, data: bytes) -> bytes:
        """The bytes the client should see instead of what the machine sent."""
        try:
            if uuid == FITNESS_MACHINE_FEATURE:
                return encode_features(self._features(decode_features(data)))
            if uuid in (SUPPORTED_SPEED_RANGE, SUPPORTED_INCLINATION_RANGE):
                supplied = self.supplies(uuid)
                if supplied is not None:
                    return supplied
            if uuid == SUPPORTED_INCLINATION_RANGE and self.incline_step is not None:
                rng = decode_inclination_range(data)
                return encode_inclination_range(replace(rng, increment_pct=self.incline_step))
        except FtmsDecodeError:
            return data  # the client reports the unreadable original
        return data

    def _features(self, f: Features) -> Features:
        features = f.features_raw & ~_mask(self.ignore_features, FEATURE_NAMES)
        targets = f.target_settings_raw & ~_mask(self.ignore_targets, TARGET_SETTING_NAMES)
        if self.speed_range is not None:
            targets |= 0x01
        if self.incline_range is not None:
            targets |= 0x02
        return Features(features, targets)

    def describe(self) -> dict[str, Any]:
        """The quirk as ``probe --json`` reports it."""
        out: dict[str, Any] = {"match": self.match, "source": self.source}
        if self.note:
            out["note"] = self.note
        if self.ignore_features:
            out["ignore_features"] = list(self.ignore_features)
        if self.ignore_targets:
            out["ignore_targets"] = list(self.ignore_targets)
        if self.speed_range is not None:
            r = self.speed_range
            out["speed_range"] = [r.min_kmh, r.max_kmh, r.increment_kmh]
        if self.incline_range is not None:
            i = self.incline_range
            out["incline_range"] = [i.min_pct, i.max_pct, i.increment_pct]
        if self.incline_step is not None:
            out["incline_step"] = self.incline_step
        if self.command_spacing_s:
            out["command_spacing_ms"] = round(self.command_spacing_s * 1000)
        if self.pair:
            out["pair"] = True
        return out


def _mask(names: tuple[str, ...], known: tuple[str, ...]) -> int:
    return sum(1 << known.index(n) for n in names)


def parse_quirks(text: str, source: str) -> list[Quirk]:
    """The ``[[quirk]]`` entries of one file; a mistake raises :class:`QuirksError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise QuirksError(f"{source}: {err}") from err
    entries = data.get("quirk", [])
    if not isinstance(entries, list):
        raise QuirksError(f"{source}: write each quirk as a [[quirk]] table")
    return [_quirk(entry, f"{source}: quirk {n}") for n, entry in enumerate(entries, 1)]


def _quirk(entry: Any, where: str) -> Quirk:
    if not isinstance(entry, dict):
        raise QuirksError(f"{where}: not a table")
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise QuirksError(
            f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(_KEYS))})"
        )
    match = entry.get("match")
    if not isinstance(match, str) or not match.strip():
        raise QuirksError(f"{where}: 'match' must be the advertised name (a * wildcard is allowed)")
    where = f"{where} ('{match}')"

    def names(key: str, known: tuple[str, ...]) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise QuirksError(f"{where}: '{key}' must be a list of names")
        for v in value:
            if v not in known:
                raise QuirksError(f"{where}: '{v}' in '{key}' is not one of: {', '.join(known)}")
        return tuple(value)

    def triple(key: str) -> tuple[float, float, float] | None:
        value = entry.get(key)
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 3
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            raise QuirksError(f"{where}: '{key}' must be [minimum, maximum, step]")
        return float(value[0]), float(value[1]), float(value[2])

    def number(key: str) -> float | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise QuirksError(f"{where}: '{key}' must be a number, zero or more")
        return float(value)

    try:
        speed = triple("speed_range")
        incline = triple("incline_range")
        speed_range = SpeedRange(*speed) if speed else None
        incline_range = InclinationRange(*incline) if incline else None
    except ValueError as err:
        if isinstance(err, QuirksError):
            raise
        raise QuirksError(f"{where}: {err}") from err
    pair = entry.get("pair", False)
    if not isinstance(pair, bool):
        raise QuirksError(f"{where}: 'pair' must be true or false")
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise QuirksError(f"{where}: 'note' must be text")
    return Quirk(
        match=match.strip(),
        note=note,
        ignore_features=names("ignore_features", FEATURE_NAMES),
        ignore_targets=names("ignore_targets", TARGET_SETTING_NAMES),
        speed_range=speed_range,
        incline_range=incline_range,
        incline_step=number("incline_step"),
        command_spacing_s=(number("command_spacing_ms") or 0.0) / 1000.0,
        pair=pair,
        source=where.split(":")[0],
    )


def bundled_quirks() -> list[Quirk]:
    text = (
        resources.files("treadmill_tui.devices.bluetooth")
        .joinpath(QUIRKS_FILE)
        .read_text(encoding="utf-8")
    )
    return parse_quirks(text, "bundled quirks.toml")


def load_quirks(settings_dir: Path | None = None) -> list[Quirk]:
    """The user's quirks (from ``settings_dir``, if given and present) before the bundled ones."""
    user: list[Quirk] = []
    if settings_dir is not None:
        path = settings_dir / QUIRKS_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = None
        except (OSError, UnicodeDecodeError) as err:
            raise QuirksError(f"{path}: cannot read it: {err}") from err
        if text is not None:
            user = parse_quirks(text, str(path))
    return [*user, *bundled_quirks()]


def quirk_for(name: str | None, quirks: list[Quirk]) -> Quirk | None:
    """The first quirk whose pattern matches the advertised name."""
    return next((q for q in quirks if q.matches(name)), None)
