"""The profiles the picker offers, the user's own first and then the bundled ones: each one
loaded and compiled up front, so a broken file shows up as "unavailable" with its first problem
instead of failing once it is picked (and the user's own opens in the editor).

Pure apart from reading the profile files. Text from the files is escaped before it goes into
Rich markup, so a ``[`` in a name or a problem cannot break the screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.markup import escape

from treadmill_tui.profiles import ProfileError, compile_profile, load_profile
from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.library import bundled_profiles_dir, profile_files, user_profiles_dir
from treadmill_tui.profiles.timeline import Timeline

DEFAULT_PROFILE = "first-week-10-min.toml"
SUMMARY_WIDTH = 64  # characters of description in the one-line list entry


@dataclass(frozen=True, slots=True)
class ProfileChoice:
    """One entry in the picker: a walk ready to start, or the reason it cannot be."""

    path: Path
    name: str
    description: str
    timeline: Timeline | None
    problem: str = ""
    mine: bool = False  # from the user's profiles folder, not bundled with the app

    @property
    def available(self) -> bool:
        return self.timeline is not None


def load_choice(
    path: Path, *, step_length_m: float | None = None, mine: bool = False
) -> ProfileChoice:
    """Load and compile one profile; a ProfileError becomes an unavailable choice."""
    try:
        profile = load_profile(path)
        timeline = compile_profile(profile, step_length_m=step_length_m)
    except ProfileError as err:
        first = err.problems[0] if err.problems else None
        where = f"line {first.line}: " if first is not None and first.line else ""
        text = where + first.message if first is not None else str(err)
        return ProfileChoice(path, path.stem, "", None, text, mine)
    return ProfileChoice(path, profile.name or path.stem, profile.description, timeline, "", mine)


def ordered(paths: Iterable[Path]) -> list[Path]:
    """The first-week walk first (the safe default), then the rest by file name."""
    return sorted(paths, key=lambda p: (p.name != DEFAULT_PROFILE, p.name))


def bundled_choices(folder: Path, *, step_length_m: float | None = None) -> list[ProfileChoice]:
    return [load_choice(p, step_length_m=step_length_m) for p in ordered(folder.glob("*.toml"))]


def user_choices(
    folder: Path | None = None, *, step_length_m: float | None = None
) -> list[ProfileChoice]:
    """The user's own profiles by file name; a missing folder means none."""
    files = profile_files(folder or user_profiles_dir())
    return [load_choice(p, step_length_m=step_length_m, mine=True) for p in files]


def all_choices(*, step_length_m: float | None = None) -> list[ProfileChoice]:
    """What the picker lists: the user's own walks, then the bundled ones (first-week first)."""
    return user_choices(step_length_m=step_length_m) + bundled_choices(
        bundled_profiles_dir(), step_length_m=step_length_m
    )


def minutes(seconds: float) -> str:
    return f"{math.ceil(seconds / 60 - 1e-9)} min"


def one_line(text: str, width: int = SUMMARY_WIDTH) -> str:
    """The description's first line, cut to ``width`` with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def list_label(choice: ProfileChoice) -> str:
    """The list entry: name and minutes in bold, the one-line description underneath."""
    name = escape(choice.name)
    tag = "  ·  yours" if choice.mine else ""
    if choice.timeline is None:
        return f"[b]{name}[/b]{tag}  (unavailable)\n{escape(one_line(choice.problem))}"
    duration = minutes(choice.timeline.totals.duration_s)
    return f"[b]{name}[/b]  ·  {duration}{tag}\n{escape(one_line(choice.description))}"


def detail_lines(choice: ProfileChoice, unit: SpeedUnit = KMH) -> list[str]:
    """What the detail area shows for the highlighted choice (distance in ``unit``)."""
    name = escape(choice.name)
    if choice.timeline is None:
        lines = [
            f"[b]{name}[/b] is unavailable.",
            f"Problem: {escape(choice.problem)}",
            f"File: {escape(choice.path.name)}",
        ]
        if choice.mine:
            lines += ["", "Enter opens it in the editor to fix it."]
        return lines
    totals = choice.timeline.totals
    return [
        f"[b]{name}[/b]",
        escape(choice.description),
        "",
        f"Duration: {minutes(totals.duration_s)}",
        f"Distance: about {unit.distance(totals.distance_m, 1)}",
        f"Exercise breaks: {totals.breaks}",
        pain_checks_line(choice.timeline.pain_policy.interval_s, totals.checks),
    ]


def pain_checks_line(interval_s: float, planned: int) -> str:
    """Say how often the walk asks, not just the planned points, so nobody reads "0" as never."""
    line = f"Pain checks: before the walk, every {minutes(interval_s)} of the main phase"
    if planned:
        line += f", and {planned} planned"
    return line
