"""Walk profiles: TOML text to a validated Profile to a compiled Timeline."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from treadmill_tui.profiles.catalogue import (
    RED_FLAG_TEXT,
    SAFETY_PAIN_TEXT,
    SAFETY_STOP_TEXT,
    Exercise,
    catalogue,
    find_exercise,
)
from treadmill_tui.profiles.model import (
    BreakPolicy,
    Constant,
    ExerciseStep,
    Limits,
    MetronomeSettings,
    PainPolicy,
    Phase,
    Profile,
    Ramp,
    Segment,
    Steps,
    Target,
)
from treadmill_tui.profiles.problems import Problem, ProfileError, ProfileReadError
from treadmill_tui.profiles.timeline import (
    Targets,
    Timeline,
    TimelineSegment,
    Totals,
    compile_profile,
)
from treadmill_tui.profiles.validate import load_profile, parse_profile, validate_profile_text


def bundled_profiles_dir() -> Path:
    """The folder of bundled programmes, shipped inside the package (installable anywhere).

    Read through ``importlib.resources`` so a wheel installed outside the repository finds them;
    pip installs packages as plain folders, so the resource is a real path.
    """
    folder = resources.files("treadmill_tui.profiles") / "bundled"
    return Path(str(folder))


__all__ = [
    "RED_FLAG_TEXT",
    "SAFETY_PAIN_TEXT",
    "SAFETY_STOP_TEXT",
    "BreakPolicy",
    "Constant",
    "Exercise",
    "ExerciseStep",
    "Limits",
    "MetronomeSettings",
    "PainPolicy",
    "Phase",
    "Problem",
    "Profile",
    "ProfileError",
    "ProfileReadError",
    "Ramp",
    "Segment",
    "Steps",
    "Target",
    "Targets",
    "Timeline",
    "TimelineSegment",
    "Totals",
    "bundled_profiles_dir",
    "catalogue",
    "compile_profile",
    "find_exercise",
    "load_profile",
    "parse_profile",
    "validate_profile_text",
]
