"""Speeds and distances in the walker's display unit: km/h text as before, mph that means the
same speed (read back through the profile parser, it is the km/h value within rounding)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.profiles.display_units import KMH, MPH, UNIT_CHOICES, speed_unit
from treadmill_tui.profiles.numbers import plain
from treadmill_tui.profiles.units import Kind, parse_quantity


def test_kmh_reads_as_the_plain_helper_always_did() -> None:
    assert KMH.speed(2.5) == "2.5 km/h"
    assert KMH.speed(3.0) == "3 km/h"
    assert KMH.speed(3.0, fixed=True) == "3.0 km/h"
    assert KMH.speed_number(6.64, fixed=True) == "6.6"
    assert KMH.step(0.1) == "0.1"
    assert KMH.distance(1234.0) == "1.23 km"
    assert KMH.distance(1234.0, 1) == "1.2 km"


def test_mph_converts_with_the_exact_mile() -> None:
    assert MPH.from_kmh(1.609344) == pytest.approx(1.0)
    assert MPH.speed(1.609344 * 2) == "2 mph"
    assert MPH.speed(4.0) == "2.5 mph"  # 2.485…
    assert MPH.speed(4.0, fixed=True) == "2.5 mph"
    assert MPH.speed(3.0, fixed=True) == "1.9 mph"
    assert MPH.step(0.1) == "0.06"  # a machine step does not read as 0.1 or 0
    assert MPH.step(0.5) == "0.31"
    assert MPH.distance(1609.344) == "1.00 mi"
    assert MPH.distance(1200.0, 1) == "0.7 mi"


def test_the_setting_names_each_unit() -> None:
    assert UNIT_CHOICES == ("km/h", "mph")
    assert speed_unit("mph") is MPH and speed_unit("km/h") is KMH
    assert [speed_unit(c).label for c in UNIT_CHOICES] == list(UNIT_CHOICES)


@given(st.floats(min_value=0.0, max_value=30.0), st.integers(min_value=1, max_value=3))
def test_mph_text_reads_back_as_the_same_speed(kmh: float, places: int) -> None:
    text = MPH.speed(kmh, places)
    back = parse_quantity(text, Kind.SPEED)
    # rounding to ``places`` decimals of a mile an hour, and no more
    assert back == pytest.approx(kmh, abs=0.5 * 10**-places * 1.609344 + 1e-9)


@given(st.floats(min_value=0.0, max_value=30.0), st.integers(min_value=1, max_value=3))
def test_kmh_text_is_the_plain_number_with_its_unit(kmh: float, places: int) -> None:
    assert KMH.speed(kmh, places) == f"{plain(kmh, places)} km/h"
    assert parse_quantity(KMH.speed(kmh, places), Kind.SPEED) == pytest.approx(
        kmh, abs=0.5 * 10**-places + 1e-9
    )
