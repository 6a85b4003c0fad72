"""The walker's own settings: a small hand-editable TOML file in the platform's config folder.

What belongs to the person rather than to a programme lives here: their step length (so a
physio's cadence-led profile sets the right belt speed for them), the emergency number shown in
the red-flag advice, the sound choice, a visual-beat offset for Bluetooth headphones, the
units speeds are shown in; and whether the first-run safety text was read
(``safety_acknowledged``, written by the app itself: see ``settings_edit.py``).
``TREADMILL_TUI_CONFIG`` points at another file (tests use it). A missing file means defaults;
a broken one is reported compiler-style (``FILE:LINE:COL: error: ...``), like a profile.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from treadmill_tui.metronome.audio_choices import CHOICES
from treadmill_tui.profiles.display_units import KMH, UNIT_CHOICES, SpeedUnit, speed_unit
from treadmill_tui.profiles.positions import PositionIndex
from treadmill_tui.profiles.problems import Problem, toml_syntax_problem, too_deep_problem
from treadmill_tui.profiles.reading import ReadFailure, read_toml_text
from treadmill_tui.profiles.units import Kind, UnitError, parse_quantity

APP_NAME = "treadmill-tui"
AUDIO_CHOICES = CHOICES  # the metronome's own list, so the two cannot drift
STEP_LENGTH_RANGE_M = (0.35, 0.85)  # docs/walking.md §2.4: outside it the step-length check fails
KEYS = (
    "step_length",
    "emergency_number",
    "audio",
    "visual_offset",
    "speech",
    "units",
    "safety_acknowledged",
)
# ASCII digits only: str.isdigit() also takes "²³" and other scripts' digits, which no phone dials
_PHONE_DIGITS = re.compile(r"[0-9]{1,6}")

STARTER = """\
# treadmill-tui settings: yours, not the programme's. Delete a line to use the default.

# Your usual step length on the treadmill. A profile that sets cadence (steps per minute)
# instead of speed uses it: belt speed = cadence x step length. Between 0.35 and 0.85 m.
# step_length = "0.62 m"

# The number the red-flag advice tells you to call: 999 (UK), 112 (EU), 911 (US/Canada).
# emergency_number = "112"

# Metronome sound: "auto" tries sounddevice, then miniaudio, then the terminal bell;
# "sd", "ma" or "bell" pick one; "none" shows the beat on screen only.
# audio = "auto"

# Bluetooth headphones play late: move the on-screen beat later by this much.
# visual_offset = "0 ms"

# Say cues aloud ("Slowing to a stop in 30 seconds") when the espeak-ng speech engine is
# installed; false keeps the chimes only.
# speech = true

# Show speeds in "km/h" or "mph" (and distances in km or miles). Only the display changes:
# profiles take either unit, and the treadmill and your history keep km/h.
# units = "km/h"

# Set by treadmill-tui once you have read the first-run safety text; false shows it again.
# safety_acknowledged = true
"""


@dataclass(frozen=True, slots=True)
class Settings:
    step_length_m: float | None = None
    emergency_number: str | None = None
    audio: str = "auto"
    visual_offset_s: float = 0.0
    speech: bool = True  # spoken cues when a speech engine is there
    units: str = "km/h"  # how speeds are shown: "km/h" or "mph" (display only)
    safety_acknowledged: bool = False  # the first-run safety text was read (ui/first_run.py)


class SettingsError(Exception):
    """A settings file that cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def settings_path() -> Path:
    override = os.environ.get("TREADMILL_TUI_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """The settings in ``path`` (default: :func:`settings_path`); defaults if it is missing."""
    path = path or settings_path()
    if not os.path.lexists(path):
        return Settings()
    try:
        text = read_toml_text(path, "the settings file", "settings file")
    except ReadFailure as exc:
        raise SettingsError(
            [Problem(str(path), exc.line, exc.column, None, exc.message, exc.hint)]
        ) from None
    return parse_settings(text, str(path))


def parse_settings(text: str, file: str = "<settings>") -> Settings:
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows Notepad saves
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError([toml_syntax_problem(file, text, str(exc))]) from None
    except RecursionError:  # "a = [[[[…" thousands deep
        raise SettingsError([too_deep_problem(file, text)]) from None
    index = PositionIndex(text)
    problems: list[Problem] = []

    def problem(key: str, message: str, hint: str | None = None, *, at_key: bool = False) -> None:
        line, col = index.key_at((key,)) if at_key else index.value_at((key,))
        problems.append(Problem(file, line, col, key, message, hint))

    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(KEYS)}"
            problem(key, f"unknown setting '{key}'", hint, at_key=True)

    step_length = _quantity(data, "step_length", Kind.LENGTH, problem)
    if step_length is not None and not (
        STEP_LENGTH_RANGE_M[0] <= step_length <= STEP_LENGTH_RANGE_M[1]
    ):
        problem(
            "step_length",
            f"step_length {step_length:.2f} m is outside {STEP_LENGTH_RANGE_M[0]}–"
            f"{STEP_LENGTH_RANGE_M[1]} m",
            "measure it: belt speed in km/h / (steps per minute × 0.06)",
        )
        step_length = None

    emergency = data.get("emergency_number")
    if emergency is not None and not (
        isinstance(emergency, str) and _PHONE_DIGITS.fullmatch(emergency.strip())
    ):
        problem("emergency_number", 'emergency_number must be digits in quotes, e.g. "112"')
        emergency = None

    audio = data.get("audio", "auto")
    if audio not in AUDIO_CHOICES:
        problem("audio", f"audio must be one of {', '.join(AUDIO_CHOICES)}, got {audio!r}")
        audio = "auto"

    offset_s = _quantity(data, "visual_offset", Kind.DURATION, problem) or 0.0
    if not 0.0 <= offset_s <= 1.0:
        problem("visual_offset", 'visual_offset must be between 0 and 1 s, e.g. "150 ms"')
        offset_s = 0.0

    speech = data.get("speech", True)
    if not isinstance(speech, bool):
        problem("speech", "speech must be true or false")
        speech = True

    units = data.get("units", "km/h")
    if units not in UNIT_CHOICES:
        choices = " or ".join(f'"{u}"' for u in UNIT_CHOICES)
        problem("units", f"units must be {choices}, got {units!r}")
        units = "km/h"

    acknowledged = data.get("safety_acknowledged", False)
    if not isinstance(acknowledged, bool):
        problem("safety_acknowledged", "safety_acknowledged must be true or false")
        acknowledged = False

    if problems:
        raise SettingsError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return Settings(
        step_length_m=step_length,
        emergency_number=emergency.strip() if isinstance(emergency, str) else None,
        audio=str(audio),
        visual_offset_s=offset_s,
        speech=speech,
        units=str(units),
        safety_acknowledged=acknowledged,
    )


def _quantity(data: dict[str, Any], key: str, kind: Kind, problem: Any) -> float | None:
    if key not in data:
        return None
    try:
        return parse_quantity(data[key], kind)
    except UnitError as exc:
        problem(key, f"{key}: {exc.message}", exc.hint)
        return None


def shown_unit(program: str = "treadmill-tui") -> SpeedUnit:
    """The walker's display unit for a command's text output. A broken settings file does not
    stop the command: it is said once on stderr (``settings check`` shows why) and km/h used."""
    try:
        return speed_unit(load_settings().units)
    except SettingsError as err:
        first = err.problems[0].format().splitlines()[0] if err.problems else str(err)
        print(
            f"{program}: note: your settings file has a problem ({first}); showing km/h",
            file=sys.stderr,
        )
        return KMH


def write_starter(path: Path | None = None) -> Path:
    """Write a commented settings file (never over an existing one)."""
    path = path or settings_path()
    if os.path.lexists(path):
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STARTER, encoding="utf-8")
    return path


def _blocking_parent(path: Path) -> Path | None:
    """The nearest parent of ``path`` that exists but is not a folder, if any."""
    for parent in path.parents:
        if os.path.lexists(parent):
            return None if parent.is_dir() else parent
    return None


def register(subparsers: Any) -> None:
    """``treadmill-tui settings path|check|new``."""
    parser = subparsers.add_parser("settings", help="your own settings (step length, sound, ...)")
    sub = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    sub.add_parser("path", help="print where the settings file lives").set_defaults(func=_cmd_path)
    sub.add_parser("check", help="check the settings file").set_defaults(func=_cmd_check)
    sub.add_parser("new", help="write a commented settings file").set_defaults(func=_cmd_new)


def _cmd_path(args: Any) -> int:
    print(settings_path())
    return 0


def _cmd_check(args: Any) -> int:
    path = settings_path()
    try:
        settings = load_settings(path)
    except SettingsError as err:
        for p in err.problems:
            print(p.format())
        return 1
    where = str(path) if path.exists() else f"{path} (not there yet: defaults)"
    print(f"{where}: ok: {settings}")
    return 0


def _cmd_new(args: Any) -> int:
    target = settings_path()
    blocker = _blocking_parent(target)
    if blocker is not None:
        print(
            f"treadmill-tui: cannot write {target}: {blocker} is a file, not a folder; "
            "point TREADMILL_TUI_CONFIG at a file in a folder"
        )
        return 2
    try:
        path = write_starter(target)
    except FileExistsError as err:
        print(f"treadmill-tui: {err} already exists; edit it, or delete it first")
        return 1
    except OSError as err:
        print(f"treadmill-tui: cannot write the settings file {target}: {err.strerror or err}")
        return 2
    print(f"Wrote {path}")
    return 0
