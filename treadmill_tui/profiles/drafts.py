"""A profile being written: what the editor opens, checks as you type and may save.

Pure apart from reading the file to open. A bundled profile opens as a copy that saves under
the user's profiles folder; a missing file or a new walk starts from the commented starter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from treadmill_tui.profiles.library import free_user_path, is_bundled, user_profiles_dir
from treadmill_tui.profiles.problems import Problem, ProfileError
from treadmill_tui.profiles.starter import slug, starter_text
from treadmill_tui.profiles.timeline import Timeline, compile_profile
from treadmill_tui.profiles.validate import validate_profile_text


@dataclass(frozen=True, slots=True)
class EditTarget:
    """The text to edit, where saving writes it, and a sentence saying so."""

    text: str
    save_to: Path
    note: str


@dataclass(frozen=True, slots=True)
class DraftCheck:
    """One check of the editor's text: the compiled walk when valid, else every problem."""

    timeline: Timeline | None
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return self.timeline is not None and not self.problems

    @property
    def rows(self) -> frozenset[int]:
        """0-based rows of the lines with a problem, for marking them."""
        return frozenset(p.line - 1 for p in self.problems if p.line is not None)


def check_draft(text: str, file: str, *, step_length_m: float | None = None) -> DraftCheck:
    """Validate and compile ``text``; a problem in either shows in ``problems``."""
    profile, problems = validate_profile_text(text, file)
    if profile is None:
        return DraftCheck(None, tuple(problems))
    try:
        timeline = compile_profile(profile, step_length_m=step_length_m)
    except ProfileError as err:
        return DraftCheck(None, tuple(err.problems))
    return DraftCheck(timeline, ())


def new_target(name: str = "My walk", folder: Path | None = None) -> EditTarget:
    """A new walk from the starter template, saved under the user's folder."""
    path = free_user_path(slug(name), folder)
    return EditTarget(starter_text(name, str(path)), path, f"A new walk; saving writes {path}")


def open_target(path: Path, folder: Path | None = None) -> EditTarget:
    """What ``profile edit FILE`` opens: the file itself, a copy of a bundled one, or the
    starter when the file does not exist yet. Raises ProfileError if it cannot be read."""
    if not path.exists():
        name = path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "My walk"
        return EditTarget(starter_text(name, str(path)), path, f"A new walk; saving writes {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        problem = Problem(str(path), None, None, None, f"cannot read file: {reason}")
        raise ProfileError([problem]) from None
    if is_bundled(path):
        copy = free_user_path(path.stem, folder or user_profiles_dir())
        return EditTarget(
            text, copy, f"A copy of a bundled walk; saving writes {copy}, the original stays"
        )
    return EditTarget(text, path, f"Saving writes {path}")


def save_text(path: Path, text: str) -> None:
    """Write the profile, creating the user's folder on first use. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # never a half-written profile
