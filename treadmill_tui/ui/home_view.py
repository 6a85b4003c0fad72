"""What the home screen says (``screens/home.py``): the treadmill in use, today's proposed walk
with its reason and totals, and the last walks with pain before and after at a glance.

Pure apart from reading the store; plain text (the screen shows it with ``markup=False``, so a
``[`` in a walk's name cannot break it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from treadmill_tui.devices.opening import SIMULATOR
from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.store import Store, WalkRow
from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.numbers import plain

if TYPE_CHECKING:
    from treadmill_tui.profiles.timeline import Timeline

RECENT = 3
TITLE = "Your walk today"  # the home screen's heading (benchmarks/bench_ui.py waits for it)
NO_WALKS = "No walks yet. Your first walk will show here, with your back pain before and after."
NO_PROPOSAL = "After your first walk, the next one is suggested here. Choose a walk to begin."


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def pain_text(before: int | None, after: int | None) -> str:
    return f"pain {_score(before)} → {_score(after)}"


def recent_lines(
    rows: Sequence[WalkRow], tz: tzinfo | None = None, limit: int = RECENT
) -> list[str]:
    """The newest walks first: day, profile, minutes walked, pain before → after."""
    lines = []
    for row in list(rows)[-limit:][::-1]:
        when = row.started_at.astimezone(tz).strftime("%a %d %b")
        minutes = f"{(row.active_s or row.duration_s or 0) / 60:.0f} min"
        after = row.max_nrs if row.post_nrs is None else row.post_nrs
        lines.append(f"{when}  {row.profile}  {minutes}  {pain_text(row.baseline, after)}")
    return lines


def device_text(device: str | None, name: str | None = None) -> str:
    """The treadmill in use, as the walker knows it."""
    if device in (None, SIMULATOR):
        return "Simulated treadmill (no Bluetooth)"
    return f"{name} ({device})" if name else str(device)


def top_speed_kmh(timeline: Timeline) -> float:
    """The fastest the programme asks for."""
    return timeline.speed_track.highest() or 0.0


def totals_text(timeline: Timeline, unit: SpeedUnit = KMH) -> str:
    """'12 min · up to 3 km/h · about 0.6 km' (or mph and mi, the walker's ``unit``)."""
    totals = timeline.totals
    minutes = max(1, round(totals.duration_s / 60))
    distance = plain(unit.from_metres(totals.distance_m), 1)
    return (
        f"{minutes} min · up to {unit.speed(top_speed_kmh(timeline))}"
        f" · about {distance} {unit.distance_label}"
    )


@dataclass(frozen=True, slots=True)
class HomeView:
    """The home screen's text: ``proposal`` says whether Enter starts today's walk (True) or
    opens the walk list (False)."""

    device: str
    today: tuple[str, ...]
    proposal: bool
    recent: tuple[str, ...]

    @property
    def enter_text(self) -> str:
        return "Start today's walk" if self.proposal else "Choose a walk"


def home_view(
    device: str,
    suggestion: str | None,
    proposal: Timeline | None,
    recent: Sequence[str],
    reason: str | None = None,
    unit: SpeedUnit = KMH,
) -> HomeView:
    """``suggestion``: the history's sentence with its reason (docs/progression.md), also when
    progression is locked and there is no walk to propose; ``proposal``: that walk, compiled;
    ``reason``: the suggestion's why on its own, shown under the walk's totals; ``unit``: the
    walker's display unit for its top speed and distance."""
    if proposal is not None:
        today = [proposal.name or "Today's walk", totals_text(proposal, unit)]
        why = f"Why: {reason}" if reason else suggestion
        if why:
            today.append(why)
    elif suggestion:
        today = [suggestion]
    else:
        today = [NO_PROPOSAL]
    return HomeView(device, tuple(today), proposal is not None, tuple(recent) or (NO_WALKS,))


def stored_walks(path: Path) -> list[WalkRow]:
    """The walks in the history store, or none when it is missing or unreadable."""
    if not path.exists():
        return []
    try:
        with Store.open(path) as store:
            return store.list_walks()
    except StoreError:
        return []
