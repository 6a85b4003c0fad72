"""Speeds and distances as the walker reads them: km/h and km, or mph and miles.

Display only. The engine, the treadmill, the history store, the exports and ``simulate --json``
all stay in km/h and metres; the walker's ``units`` setting (README, "Your settings") turns those
values into text at the last moment, so a change of setting never changes what the belt does.
Profiles take either unit on input anyway (``profiles/units.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.profiles.numbers import plain

KM_PER_MILE = 1.609344  # the international mile, exactly


@dataclass(frozen=True, slots=True)
class SpeedUnit:
    """One way of showing speeds and distances."""

    label: str  # "km/h" or "mph"
    distance_label: str  # "km" or "mi"
    km_per_unit: float  # 1 for km/h, 1.609344 for mph
    step_places: int  # decimals for a machine step (0.1 km/h is 0.06 mph)

    def from_kmh(self, value_kmh: float) -> float:
        return value_kmh / self.km_per_unit

    def from_metres(self, metres: float) -> float:
        return metres / 1000 / self.km_per_unit

    def speed_number(self, value_kmh: float, places: int = 1, *, fixed: bool = False) -> str:
        """The number alone: "2.5" ("2.50" with ``fixed``, for big digits that must not jump)."""
        value = self.from_kmh(value_kmh)
        return f"{value:.{places}f}" if fixed else plain(value, places)

    def speed(self, value_kmh: float, places: int = 1, *, fixed: bool = False) -> str:
        """ "2.5 km/h" or "1.6 mph"."""
        return f"{self.speed_number(value_kmh, places, fixed=fixed)} {self.label}"

    def step(self, step_kmh: float) -> str:
        """A speed difference (a nudge, a margin) with enough decimals to not read as 0."""
        return plain(self.from_kmh(step_kmh), self.step_places)

    def distance_number(self, metres: float, places: int = 2) -> str:
        return f"{self.from_metres(metres):.{places}f}"

    def distance(self, metres: float, places: int = 2) -> str:
        """ "1.20 km" or "0.75 mi"."""
        return f"{self.distance_number(metres, places)} {self.distance_label}"


KMH = SpeedUnit("km/h", "km", 1.0, 1)
MPH = SpeedUnit("mph", "mi", KM_PER_MILE, 2)
UNITS = {u.label: u for u in (KMH, MPH)}
UNIT_CHOICES = tuple(UNITS)  # what the ``units`` setting accepts


def speed_unit(name: str) -> SpeedUnit:
    """The unit called ``name`` ("km/h" or "mph"); settings have already checked it."""
    return UNITS[name]
