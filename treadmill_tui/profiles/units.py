"""Quantities with units ("3.2 km/h", "90 s", "1.5 %", "96 spm") parsed with pint.

The pint registry is slow to build (about half a second), so it is built once, lazily, and
only for a spelling outside the everyday ones (``COMMON_UNITS``). Each distinct unit spelling
is converted through pint once and cached, so parsing a quantity after that is a regular
expression and a multiplication.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from treadmill_tui.profiles.numbers import plain


class Kind(StrEnum):
    """What a quantity measures, with the unit every value is converted to."""

    SPEED = "speed"
    DURATION = "duration"
    LENGTH = "length"
    INCLINE = "incline"
    CADENCE = "cadence"


@dataclass(frozen=True, slots=True)
class KindInfo:
    canonical: str  # pint unit the value is converted to
    article: str  # "a speed"
    examples: str  # shown when the unit is missing or wrong


KINDS: dict[Kind, KindInfo] = {
    Kind.SPEED: KindInfo("km/h", "a speed", "'3 km/h', '2 mph' or '0.9 m/s'"),
    Kind.DURATION: KindInfo("s", "a duration", "'5 min' or '90 s'"),
    Kind.LENGTH: KindInfo("m", "a length", "'0.65 m' or '26 in'"),
    Kind.INCLINE: KindInfo("percent", "an incline", "'1.5 %'"),
    Kind.CADENCE: KindInfo("spm", "a cadence", "'96 spm'"),
}


class UnitError(ValueError):
    """A quantity that cannot be used; ``hint`` says what would fit."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_registry: Any = None


def registry() -> Any:
    """The one pint UnitRegistry, with ``step`` as its own dimension and ``spm`` = steps/min."""
    global _registry
    if _registry is None:
        import pint

        ureg: Any = pint.UnitRegistry()
        ureg.define("step = [step] = _ = steps")
        ureg.define("spm = step / minute")
        _registry = ureg
    return _registry


_NUMBER = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")

# The spellings walk profiles and settings use day to day, with pint's own answer for each.
# Starting from these keeps pint (about 0.4 s to import and build) off the path of opening the
# app; any other spelling still goes through pint. tests/profiles/test_units.py checks every
# entry against pint, so the table cannot drift from it.
COMMON_UNITS: dict[str, tuple[Kind, float]] = {
    "km/h": (Kind.SPEED, 1.0),
    "kph": (Kind.SPEED, 1.0),
    "mph": (Kind.SPEED, 1.609344),
    "m/s": (Kind.SPEED, 3.6),
    "s": (Kind.DURATION, 1.0),
    "sec": (Kind.DURATION, 1.0),
    "second": (Kind.DURATION, 1.0),
    "seconds": (Kind.DURATION, 1.0),
    "min": (Kind.DURATION, 60.0),
    "minute": (Kind.DURATION, 60.0),
    "minutes": (Kind.DURATION, 60.0),
    "h": (Kind.DURATION, 3600.0),
    "hour": (Kind.DURATION, 3600.0),
    "hours": (Kind.DURATION, 3600.0),
    "%": (Kind.INCLINE, 1.0),
    "percent": (Kind.INCLINE, 1.0),
    "spm": (Kind.CADENCE, 1.0),
    "steps/min": (Kind.CADENCE, 1.0),
    "m": (Kind.LENGTH, 1.0),
    "cm": (Kind.LENGTH, 0.01),
    "in": (Kind.LENGTH, 0.0254),
    "inches": (Kind.LENGTH, 0.0254),
}
# unit spelling -> (kind or None for "not a kind we know", factor to the canonical unit)
_unit_cache: dict[str, tuple[Kind | None, float, str]] = {
    unit: (kind, factor, kind.value) for unit, (kind, factor) in COMMON_UNITS.items()
}


def _classify_unit(unit: str) -> tuple[Kind | None, float, str]:
    """Which kind a unit spelling measures and its factor; raises UnitError for unknown units."""
    cached = _unit_cache.get(unit)
    if cached is None:
        cached = _unit_cache[unit] = classify_with_pint(unit)
    return cached


def classify_with_pint(unit: str) -> tuple[Kind | None, float, str]:
    """Ask pint what a spelling measures (the slow path, builds the registry once)."""
    ureg = registry()
    try:
        q = ureg.Quantity(1.0, unit)
    except Exception as exc:  # pint raises several types; all mean "not a unit"
        raise UnitError(f"unknown unit {unit!r}", None) from exc
    result: tuple[Kind | None, float, str] = (None, 1.0, _dimension_name(q))
    if _is_angle(q):  # pint treats angles as plain numbers; an incline needs telling apart
        return (None, float(q.to("degree").magnitude), "an angle")
    for kind, info in KINDS.items():
        target = ureg.Quantity(1.0, info.canonical)
        if q.dimensionality != target.dimensionality:
            continue
        if kind is Kind.INCLINE and "percent" not in str(q.units):
            continue  # plain dimensionless numbers are not an incline
        result = (kind, float(q.to(info.canonical).magnitude), kind.value)
        break
    return result


def _is_angle(q: Any) -> bool:
    units = str(q.units)
    return q.dimensionless and any(word in units for word in ("degree", "radian", "arc"))


def _num(value: float) -> str:
    return plain(value, 2)


def _dimension_name(q: Any) -> str:
    dims = str(q.dimensionality)
    names = {
        "[length] / [time]": "a speed",
        "[time]": "a duration",
        "[length]": "a length",
        "[step] / [time]": "a cadence",
        "dimensionless": "a plain number",
        "1 / [time]": "a frequency",
    }
    return names.get(dims, f"a quantity of dimension {dims}")


def parse_quantity(value: object, kind: Kind) -> float:
    """Parse a string such as "3.2 km/h" into a float in the kind's canonical unit."""
    info = KINDS[kind]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise UnitError(
            f"expected {info.article} such as {info.examples}, got {_type_name(value)}",
            None,
        )
    if isinstance(value, int | float):
        raise UnitError(
            f"{value!r} has no unit; {info.article} needs one, such as {info.examples}",
            f'write it as a string with a unit, e.g. "{value} {_unit_label(kind)}"',
        )
    match = _NUMBER.match(value)
    if match is None:
        raise UnitError(
            f"expected {info.article} such as {info.examples}, got {value!r}",
            "write a number followed by a unit",
        )
    number = float(match.group(1))
    unit = match.group(2)
    if not math.isfinite(number):
        raise UnitError(
            f"{match.group(1)!r} is too large to be {info.article}",
            f"write {info.article} such as {info.examples}",
        )
    if not unit:
        raise UnitError(
            f"{value!r} has no unit; {info.article} needs one, such as {info.examples}",
            None,
        )
    try:
        got, factor, described = _classify_unit(unit)
    except UnitError as exc:
        raise UnitError(
            f"unknown unit {unit!r} in {value!r}",
            f"{info.article} uses units such as {info.examples}",
        ) from exc
    if got is not kind:
        if kind is Kind.INCLINE and described == "an angle":
            percent = (
                math.tan(math.radians(number * factor)) * 100 if abs(number * factor) < 89 else None
            )
            shown = f"{_num(percent)} %" if percent is not None else "more than any treadmill"
            raise UnitError(
                f"incline is a percentage (rise per 100 m run), not an angle: {value!r} is {shown}",
                f'write incline = "{_num(percent)} %"' if percent is not None else None,
            )
        article = KINDS[got].article if got is not None else described
        raise UnitError(
            f"expected {info.article} such as {info.examples}, got {article} ({value!r})",
            None,
        )
    result = number * factor
    if not math.isfinite(result):
        raise UnitError(f"{value!r} is too large to be {info.article}", None)
    return result


def parse_rate(value: object, kind: Kind) -> float:
    """Parse a rate such as "0.1 km/h per 5 s" into canonical units per second."""
    info = KINDS[kind]
    example = {
        Kind.SPEED: "'0.1 km/h per 5 s'",
        Kind.INCLINE: "'0.5 % per 2 min'",
        Kind.CADENCE: "'2 spm per 30 s'",
    }.get(kind, "'1 per 1 s'")
    if not isinstance(value, str) or " per " not in value:
        raise UnitError(
            f"expected a rate of change of {info.article.split(' ', 1)[1]} such as {example}, "
            f"got {value!r}",
            "write '<change> per <time>'",
        )
    amount, _, period = value.partition(" per ")
    change = parse_quantity(amount.strip(), kind)
    period = period.strip()
    if period and not _NUMBER.match(period):
        period = f"1 {period}"  # "0.5 % per min", as the docs and the messages write it
    seconds = parse_quantity(period, Kind.DURATION)
    if seconds <= 0:
        raise UnitError(f"the time in {value!r} must be more than zero", None)
    return change / seconds


def _unit_label(kind: Kind) -> str:
    return "%" if kind is Kind.INCLINE else KINDS[kind].canonical


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
