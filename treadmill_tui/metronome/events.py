"""What the metronome tells the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.metronome.pattern import Foot, Pattern


@dataclass(frozen=True, slots=True)
class BeatEvent:
    """Beat ``n`` will be (or was) heard at clock time ``at``, output latency included.

    Events arrive ahead of ``at`` by roughly the backend's output latency, so a UI can
    schedule the flash for ``at``. ``sounded`` is False for a silent pattern step.
    """

    n: int
    accent: bool
    at: float
    sounded: bool = True

    @property
    def foot(self) -> Foot:
        return Pattern.foot(self.n)
