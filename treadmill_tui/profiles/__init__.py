"""Walk profiles: TOML text to a validated Profile to a compiled Timeline."""

from __future__ import annotations

from treadmill_tui.profiles.catalogue import (
    RED_FLAG_TEXT,
    SAFETY_PAIN_TEXT,
    SAFETY_STOP_TEXT,
    Exercise,
    catalogue,
    find_exercise,
)
from treadmill_tui.profiles.library import bundled_profiles_dir, user_profiles_dir
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
    "user_profiles_dir",
    "validate_profile_text",
]
