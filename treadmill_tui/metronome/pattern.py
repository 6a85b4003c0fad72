"""Which sound each beat gets: accent, soft off-beat or silent, and which foot (pan side).

Pure code. A pattern string repeats over the beats: ``X`` accent, ``x`` normal (softer),
``.`` silent; e.g. ``Xx`` accents the left foot, ``Xx.`` skips every third step's sound.
Beat 0 is the left foot; feet alternate whatever the pattern.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class BeatKind(Enum):
    ACCENT = "X"
    NORMAL = "x"
    SILENT = "."


class Foot(Enum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Pattern:
    steps: str = "Xx"
    pan: float = 0.0  # 0 = centred; 1 = left foot fully left, right foot fully right

    def __post_init__(self) -> None:
        if not self.steps or any(c not in "Xx." for c in self.steps):
            raise ValueError(
                f"beat pattern {self.steps!r} must use only X (accent), x (normal), . (silent)"
            )
        if not 0.0 <= self.pan <= 1.0:
            raise ValueError(f"pan must be between 0 and 1, got {self.pan}")

    @classmethod
    def for_settings(cls, accent: bool, pan: float = 0.0) -> Pattern:
        """The two everyday patterns: accented left foot, or every step alike."""
        return cls("Xx" if accent else "x", pan)

    @property
    def period(self) -> int:
        """Beats after which kind and foot both repeat."""
        n = len(self.steps)
        return n if n % 2 == 0 else 2 * n

    def kind(self, n: int) -> BeatKind:
        return BeatKind(self.steps[n % len(self.steps)])

    @staticmethod
    def foot(n: int) -> Foot:
        return Foot.LEFT if n % 2 == 0 else Foot.RIGHT

    def pan_of(self, n: int) -> float:
        """-1 (left) … +1 (right)."""
        return -self.pan if self.foot(n) is Foot.LEFT else self.pan
