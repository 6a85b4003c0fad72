"""Quantities with units, and the catalogue texts."""

from __future__ import annotations

import math

import pytest

from treadmill_tui.profiles.catalogue import (
    RED_FLAG_TEXT,
    SAFETY_PAIN_TEXT,
    SAFETY_STOP_TEXT,
    Placement,
    catalogue,
    find_exercise,
)
from treadmill_tui.profiles.units import (
    COMMON_UNITS,
    Kind,
    UnitError,
    classify_with_pint,
    parse_quantity,
    parse_rate,
)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("3.2 km/h", Kind.SPEED, 3.2),
        ("2 mph", Kind.SPEED, 3.218688),
        ("0.9 m/s", Kind.SPEED, 3.24),
        ("5 min", Kind.DURATION, 300.0),
        ("90 s", Kind.DURATION, 90.0),
        ("1.5 %", Kind.INCLINE, 1.5),
        ("96 spm", Kind.CADENCE, 96.0),
        ("96 steps/min", Kind.CADENCE, 96.0),
        ("0.65 m", Kind.LENGTH, 0.65),
        ("26 in", Kind.LENGTH, 0.6604),
    ],
)
def test_parse_quantity(text: str, kind: Kind, expected: float) -> None:
    assert parse_quantity(text, kind) == pytest.approx(expected)


@pytest.mark.parametrize("unit", sorted(COMMON_UNITS))
def test_every_everyday_spelling_means_what_pint_says(unit: str) -> None:
    kind, factor = COMMON_UNITS[unit]
    got, pint_factor, described = classify_with_pint(unit)
    assert (got, described) == (kind, kind.value)
    assert math.isclose(factor, pint_factor, rel_tol=1e-12)


def test_rates() -> None:
    assert parse_rate("0.1 km/h per 5 s", Kind.SPEED) == pytest.approx(0.02)
    assert parse_rate("0.5 % per 2 min", Kind.INCLINE) == pytest.approx(0.5 / 120)
    with pytest.raises(UnitError, match="such as '0.1 km/h per 5 s'"):
        parse_rate("0.02 km/h", Kind.SPEED)


def test_plain_number_is_not_an_incline() -> None:
    with pytest.raises(UnitError, match="got a plain number"):
        parse_quantity("2 dimensionless", Kind.INCLINE)


def test_catalogue_rows() -> None:
    rows = catalogue()
    assert len(rows) == 13
    assert [r.placement for r in rows[:4]] == [Placement.MID_WALK] * 4
    assert all(r.placement is Placement.AFTER_WALK for r in rows[4:])
    assert find_exercise("standing-hip-shift") is rows[1]
    assert find_exercise("Bird-dog") is rows[5]


def test_texts_are_verbatim() -> None:
    assert SAFETY_STOP_TEXT.startswith("Clip the treadmill's safety key to your clothing.")
    assert SAFETY_PAIN_TEXT.endswith("travels into a leg, or makes you limp.")
    assert "{emergency_number}" in RED_FLAG_TEXT
    assert RED_FLAG_TEXT.endswith("symptoms; a clinician can.")
    assert "\\" not in RED_FLAG_TEXT
