"""TOML text to a validated Profile, collecting every problem with its line and column."""

from __future__ import annotations

import dataclasses
import difflib
import math
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from treadmill_tui.profiles.catalogue import Placement, catalogue, find_exercise
from treadmill_tui.profiles.model import (
    HARD_BOUNDS,
    KMH_PER_SPM_M,
    MAX_TOTAL_S,
    SEGMENT_KINDS,
    WALKING_KINDS,
    BreakPolicy,
    Constant,
    ExerciseStep,
    Limits,
    MetronomeSettings,
    PainPolicy,
    Profile,
    Ramp,
    Segment,
    Steps,
    Target,
)
from treadmill_tui.profiles.positions import KeyPath, PositionIndex
from treadmill_tui.profiles.problems import (
    Problem,
    ProfileError,
    ProfileReadError,
    toml_syntax_problem,
    too_deep_problem,
)
from treadmill_tui.profiles.reading import ReadFailure, printable, read_toml_text
from treadmill_tui.profiles.units import Kind, UnitError, parse_quantity, parse_rate

Where = Literal["value", "key"]

TOP_KEYS = (
    "name",
    "description",
    "step_length",
    "limits",
    "pain_checks",
    "breaks",
    "metronome",
    "segments",
)

# key -> (Limits field, kind, is a rate)
LIMIT_KEYS: dict[str, tuple[str, Kind, bool]] = {
    "speed_min": ("speed_min_kmh", Kind.SPEED, False),
    "speed_max": ("speed_max_kmh", Kind.SPEED, False),
    "incline_max": ("incline_max_pct", Kind.INCLINE, False),
    "cadence_min": ("cadence_min_spm", Kind.CADENCE, False),
    "cadence_max": ("cadence_max_spm", Kind.CADENCE, False),
    "speed_ramp": ("speed_rate_kmh_per_s", Kind.SPEED, True),
    "speed_ramp_down": ("speed_down_rate_kmh_per_s", Kind.SPEED, True),
    "incline_ramp": ("incline_rate_pct_per_s", Kind.INCLINE, True),
    "incline_ramp_down": ("incline_down_rate_pct_per_s", Kind.INCLINE, True),
    "cadence_ramp": ("cadence_rate_spm_per_s", Kind.CADENCE, True),
}

# key -> (PainPolicy field, low, high); durations in seconds, thresholds on the 0–10 scale.
PAIN_DURATIONS: dict[str, tuple[str, float, float]] = {
    "interval": ("interval_s", 60, 900),
    "after_increase": ("after_increase_s", 30, 300),
    "amber_recheck": ("amber_recheck_s", 60, 300),
    "prompt_repeat": ("prompt_repeat_s", 10, 60),
    "no_answer_slowdown": ("no_answer_slowdown_s", 30, 120),
    "no_answer_pause": ("no_answer_pause_s", 60, 300),
}
PAIN_INTS: dict[str, tuple[str, int, int]] = {
    "red_at": ("red_at", 3, 6),
    "red_rise": ("red_rise", 2, 4),
    "amber_rise": ("amber_rise", 1, 2),
    "amber_at": ("amber_at", 2, 4),
}
BREAK_DURATIONS: dict[str, tuple[str, float, float]] = {
    "first_after": ("first_after_s", 300, 3600),
    "every": ("every_s", 300, 3600),
    "offer_wait": ("offer_wait_s", 5, 60),
    "max_stop": ("max_stop_s", 30, 120),
    "restart_warmup_after": ("restart_warmup_after_s", 60, 300),
    "transition": ("transition_s", 0, 60),
}
BREAK_INTS: dict[str, tuple[str, int, int]] = {
    "from_session": ("from_session", 1, 50),
    "max_per_session": ("max_per_session", 0, 5),
}
METRONOME_KEYS = ("enabled", "accent", "volume")

SEGMENT_KEYS: dict[str, tuple[str, ...]] = {
    "warmup": ("kind", "name", "duration", "speed", "incline", "cadence"),
    "walk": ("kind", "name", "duration", "speed", "incline", "cadence"),
    "cooldown": ("kind", "name", "duration", "speed", "incline", "cadence"),
    "break": ("kind", "name", "exercises"),
    "pain_check": ("kind", "name"),
}
ALL_SEGMENT_KEYS = tuple(sorted({k for keys in SEGMENT_KEYS.values() for k in keys}))
RAMP_KEYS = ("from", "to")
STEP_KEYS = ("start", "step", "every", "max")
EXERCISE_KEYS = ("name", "hold", "reps", "per_side")
DEFAULT_NAMES = {
    "warmup": "Warm-up",
    "walk": "Walk",
    "cooldown": "Cool-down",
    "break": "Exercise break",
    "pain_check": "Pain check",
}
TARGET_KINDS = {"speed": Kind.SPEED, "incline": Kind.INCLINE, "cadence": Kind.CADENCE}
# The smallest step a step pattern may take: what a treadmill can show (0.01 km/h, 0.1 %), and
# a tenth of a step per minute; with ``every`` at least MIN_STEP_EVERY_S this bounds the number
# of steps in any programme, so checking and compiling one never runs away.
MIN_STEP = {"speed": 0.01, "incline": 0.1, "cadence": 0.1}
MIN_STEP_EVERY_S = 1.0
MAX_SEGMENTS = 100  # a real programme has a dozen or two; each one costs checking and compiling
MIN_HOLD_S = 1.0
# Steps in the whole programme (every target): one every 5 s for 3 hours. Each step becomes a
# ramp and a hold in the compiled timeline, so this bounds the work of compiling any programme.
MAX_STEPS = 2000

_EPS = 1e-9


def key_name(path: KeyPath) -> str:
    """``("segments", 2, "speed")`` → ``"segments[2].speed"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean …" hint, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def fmt_duration(seconds: float) -> str:
    """90 → "1 min 30 s"; 3600 → "1 h"."""
    s = round(seconds)
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    parts = [f"{h} h"] if h else []
    if m:
        parts.append(f"{m} min")
    if sec or not parts:
        parts.append(f"{sec} s")
    return " ".join(parts)


def _num(value: float) -> str:
    if abs(value) >= 1e6:  # a typo such as "3e9 km/h": no need to print every digit
        return f"{value:.3g}"
    return f"{value:.3f}".rstrip("0").rstrip(".")


class _Validator:
    """Walks the parsed TOML once, building the profile and noting every problem."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.problems: list[Problem] = []
        self.index = PositionIndex("")
        # catalogue rows named in each break (by segment index, with their position in the
        # list), kept even when the break has another mistake so the order checks still run
        self.break_rows: dict[int, list[tuple[int, Any]]] = {}
        self.steps_counted = 0
        self.steps_reported = False

    # -- reporting -------------------------------------------------------------------------

    def problem(
        self, path: KeyPath, message: str, hint: str | None = None, at: Where = "value"
    ) -> None:
        line, col = self.index.value_at(path) if at == "value" else self.index.key_at(path)
        self.problems.append(Problem(self.file, line, col, key_name(path) or None, message, hint))

    def missing(self, table: KeyPath, key: str, message: str, hint: str | None = None) -> None:
        """A required key is absent: point at the table's header (or 1:1 at top level)."""
        if table:
            line, col = self.index.key_at(table)
        else:
            line, col = 1, 1
        self.problems.append(Problem(self.file, line, col, key_name(table + (key,)), message, hint))

    def check_keys(
        self,
        table: Mapping[str, Any],
        path: KeyPath,
        allowed: Iterable[str],
        what: str,
        elsewhere: Mapping[str, str] | None = None,
    ) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key in allowed:
                continue
            if elsewhere and key in elsewhere:
                self.problem(path + (key,), f"'{key}' is not allowed {elsewhere[key]}", at="key")
                continue
            self.problem(
                path + (key,),
                f"unknown key '{key}' in {what}",
                suggest(key, allowed) or f"allowed keys: {', '.join(allowed)}",
                at="key",
            )

    # -- entry point -----------------------------------------------------------------------

    def run(self) -> Profile | None:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            self.syntax_error(str(exc))
            return None
        except RecursionError:  # "a = [[[[…" thousands deep
            self.problems.append(too_deep_problem(self.file, self.text))
            return None
        self.index = PositionIndex(self.text)
        return self.profile(data)

    def syntax_error(self, message: str) -> None:
        self.problems.append(toml_syntax_problem(self.file, self.text, message))

    def profile(self, data: dict[str, Any]) -> Profile | None:
        self.check_keys(data, (), TOP_KEYS, "the profile")
        name = data.get("name")
        if name is None:
            self.missing((), "name", "missing required key 'name'", 'add name = "My walk"')
            name = ""
        elif not isinstance(name, str) or not name.strip():
            self.problem(("name",), "'name' must be a non-empty string")
            name = ""
        description = data.get("description", "")
        if not isinstance(description, str):
            self.problem(("description",), "'description' must be a string")
            description = ""
        step_length = self.quantity(data, (), "step_length", Kind.LENGTH)
        limits = self.limits(data.get("limits"))
        if step_length is not None and not (
            limits.step_length_min_m - _EPS <= step_length <= limits.step_length_max_m + _EPS
        ):
            self.problem(
                ("step_length",),
                f"step_length {_num(step_length)} m is outside "
                f"{_num(limits.step_length_min_m)}–{_num(limits.step_length_max_m)} m",
                "measure it: speed km/h ÷ (cadence spm × 0.06)",
            )
            step_length = None
        pain = self.policy(
            data.get("pain_checks"), ("pain_checks",), PainPolicy(), PAIN_DURATIONS, PAIN_INTS
        )
        breaks = self.break_policy(data.get("breaks"))
        metronome = self.metronome(data.get("metronome"))
        segments = self.segments(data, limits, step_length, breaks)
        if self.problems:
            return None
        return Profile(
            # control characters (an ANSI escape) would rewrite the terminal when printed
            name=printable(name.strip()),
            description=printable(description.strip(), keep_newlines=True),
            segments=tuple(segments),
            step_length_m=step_length,
            limits=limits,
            pain_policy=pain,
            break_policy=breaks,
            metronome=metronome,
            source=self.file,
        )

    # -- scalars ---------------------------------------------------------------------------

    def quantity(
        self, table: Mapping[str, Any], path: KeyPath, key: str, kind: Kind, rate: bool = False
    ) -> float | None:
        if key not in table:
            return None
        try:
            if rate:
                return parse_rate(table[key], kind)
            return parse_quantity(table[key], kind)
        except UnitError as exc:
            self.problem(path + (key,), f"{key}: {exc.message}", exc.hint)
            return None

    def table(self, value: object, path: KeyPath) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(path, f"'{key_name(path)}' must be a table such as [{key_name(path)}]")
            return None
        return value

    def integer(
        self, table: Mapping[str, Any], path: KeyPath, key: str, low: int, high: int
    ) -> int | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path + (key,), f"{key} must be a whole number, got {value!r}")
            return None
        if not low <= value <= high:
            self.problem(path + (key,), f"{key} = {value} is outside the allowed {low}–{high}")
            return None
        return value

    def boolean(self, table: Mapping[str, Any], path: KeyPath, key: str) -> bool | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, bool):
            self.problem(path + (key,), f"{key} must be true or false, got {value!r}")
            return None
        return value

    # -- policy tables ---------------------------------------------------------------------

    def limits(self, raw: object) -> Limits:
        table = self.table(raw, ("limits",))
        limits = Limits()
        if table is None:
            return limits
        path: KeyPath = ("limits",)
        self.check_keys(table, path, LIMIT_KEYS, "[limits]")
        changes: dict[str, float] = {}
        for key, (fld, kind, rate) in LIMIT_KEYS.items():
            value = self.quantity(table, path, key, kind, rate)
            if value is None:
                continue
            bound = HARD_BOUNDS[fld]
            if not bound.low - _EPS <= value <= bound.high + _EPS:
                self.problem(
                    path + (key,),
                    f"{key} {table[key]!r} is outside the hard bounds "
                    f"{_bound_text(key, kind, rate, bound.low)}–"
                    f"{_bound_text(key, kind, rate, bound.high)}",
                )
                continue
            changes[fld] = value
        limits = dataclasses.replace(limits, **changes)
        if limits.speed_min_kmh >= limits.speed_max_kmh:
            self.problem(path + ("speed_min",), "speed_min must be below speed_max")
            limits = Limits()
        if limits.cadence_min_spm >= limits.cadence_max_spm:
            self.problem(path + ("cadence_min",), "cadence_min must be below cadence_max")
            limits = Limits()
        return limits

    def policy(
        self,
        raw: object,
        path: KeyPath,
        default: PainPolicy,
        durations: dict[str, tuple[str, float, float]],
        ints: dict[str, tuple[str, int, int]],
    ) -> PainPolicy:
        table = self.table(raw, path)
        if table is None:
            return default
        self.check_keys(table, path, (*durations, *ints), f"[{path[0]}]")
        return dataclasses.replace(default, **self.policy_changes(table, path, durations, ints))

    def policy_changes(
        self,
        table: Mapping[str, Any],
        path: KeyPath,
        durations: dict[str, tuple[str, float, float]],
        ints: dict[str, tuple[str, int, int]],
    ) -> dict[str, Any]:
        """The in-bounds durations and whole numbers of a policy table, by dataclass field;
        each value out of bounds is reported and left at its default."""
        changes: dict[str, Any] = {}
        for key, (fld, low, high) in durations.items():
            value = self.quantity(table, path, key, Kind.DURATION)
            if value is None:
                continue
            if not low - _EPS <= value <= high + _EPS:
                self.problem(
                    path + (key,),
                    f"{key} {table[key]!r} is outside {fmt_duration(low)}–{fmt_duration(high)}",
                )
                continue
            changes[fld] = value
        for key, (fld, ilow, ihigh) in ints.items():
            number = self.integer(table, path, key, ilow, ihigh)
            if number is not None:
                changes[fld] = number
        return changes

    def break_policy(self, raw: object) -> BreakPolicy:
        path: KeyPath = ("breaks",)
        table = self.table(raw, path)
        if table is None:
            return BreakPolicy()
        self.check_keys(table, path, ("offer", *BREAK_DURATIONS, *BREAK_INTS), "[breaks]")
        changes = self.policy_changes(table, path, BREAK_DURATIONS, BREAK_INTS)
        offer = self.boolean(table, path, "offer")
        if offer is not None:
            changes["offer"] = offer
        return dataclasses.replace(BreakPolicy(), **changes)

    def metronome(self, raw: object) -> MetronomeSettings:
        path: KeyPath = ("metronome",)
        table = self.table(raw, path)
        if table is None:
            return MetronomeSettings()
        self.check_keys(table, path, METRONOME_KEYS, "[metronome]")
        settings = MetronomeSettings()
        enabled = self.boolean(table, path, "enabled")
        accent = self.boolean(table, path, "accent")
        volume: float | None = None
        if "volume" in table:
            raw_volume = table["volume"]
            if isinstance(raw_volume, bool) or not isinstance(raw_volume, int | float):
                self.problem(path + ("volume",), f"volume must be a number 0–1, got {raw_volume!r}")
            elif not 0.0 <= raw_volume <= 1.0:
                self.problem(path + ("volume",), f"volume {raw_volume} is outside 0–1")
            else:
                volume = float(raw_volume)
        return MetronomeSettings(
            enabled=settings.enabled if enabled is None else enabled,
            accent=settings.accent if accent is None else accent,
            volume=settings.volume if volume is None else volume,
        )

    # -- segments --------------------------------------------------------------------------

    def segments(
        self,
        data: Mapping[str, Any],
        limits: Limits,
        step_length: float | None,
        breaks: BreakPolicy,
    ) -> list[Segment]:
        raw = data.get("segments")
        if raw is None or raw == []:
            where: KeyPath = ("segments",) if raw is not None else ()
            if where:
                self.problem(where, "empty programme: 'segments' has no entries")
            else:
                self.missing(
                    (),
                    "segments",
                    "empty programme: no [[segments]] tables",
                    'add at least one [[segments]] table with kind = "walk"',
                )
            return []
        if not isinstance(raw, list):
            self.problem(("segments",), "'segments' must be a list of [[segments]] tables")
            return []
        if len(raw) > MAX_SEGMENTS:
            self.problem(
                ("segments", MAX_SEGMENTS),
                f"the programme has {len(raw)} segments; at most {MAX_SEGMENTS} are allowed",
                "join segments with the same targets, or split the programme in two",
                at="key",
            )
            return []
        problems_before = len(self.problems)
        parsed: list[Segment | None] = []
        for i, item in enumerate(raw):
            path: KeyPath = ("segments", i)
            if not isinstance(item, dict):
                self.problem(path, f"segment {i + 1} must be a table")
                parsed.append(None)
                continue
            parsed.append(self.segment(item, path, i, limits, step_length, breaks))
        good = [s for s in parsed if s is not None]
        if not any(s.kind in WALKING_KINDS for s in good) and len(good) == len(parsed):
            self.problem(
                ("segments", 0),
                "empty programme: no warm-up, walk or cool-down segment",
                'add a segment with kind = "walk"',
                at="key",
            )
        # The order checks read each segment's kind from the file itself, so they still run
        # (and every problem is reported at once) when another segment has a mistake.
        kinds = [item.get("kind") if isinstance(item, dict) else None for item in raw]
        self.whole_programme(good, breaks, kinds, complete=len(self.problems) == problems_before)
        return good

    def segment(
        self,
        item: dict[str, Any],
        path: KeyPath,
        i: int,
        limits: Limits,
        step_length: float | None,
        breaks: BreakPolicy,
    ) -> Segment | None:
        kind = item.get("kind")
        if kind is None:
            self.missing(
                path,
                "kind",
                f"segment {i + 1}: missing required key 'kind'",
                f"kind is one of: {', '.join(SEGMENT_KINDS)}",
            )
            return None
        if not isinstance(kind, str) or kind not in SEGMENT_KINDS:
            hint = (
                suggest(str(kind), SEGMENT_KINDS) or f"kind is one of: {', '.join(SEGMENT_KINDS)}"
            )
            self.problem(path + ("kind",), f"segment {i + 1}: unknown kind {kind!r}", hint)
            return None
        allowed = SEGMENT_KEYS[kind]
        elsewhere = {
            k: ("in break segments" if k == "exercises" else f"in a {kind} segment")
            for k in ALL_SEGMENT_KEYS
            if k not in allowed
        }
        if kind in ("break", "pain_check") and "duration" in item:
            elsewhere["duration"] = (
                "in a break: its time comes from the exercises' holds"
                if kind == "break"
                else "in a pain check: it takes no programme time"
            )
        self.check_keys(item, path, allowed, f"segment {i + 1}", elsewhere)
        name = item.get("name", DEFAULT_NAMES[kind])
        if not isinstance(name, str):
            self.problem(path + ("name",), f"segment {i + 1}: name must be a string")
            name = DEFAULT_NAMES[kind]
        name = printable(name)
        before = len(self.problems)
        if kind == "pain_check":
            return Segment(
                index=i, kind=kind, name=name, duration_s=0.0, line=self.index.key_at(path)[0]
            )
        if kind == "break":
            exercises = self.exercises(item, path, i)
            if exercises is None:
                return None
            nominal = breaks.transition_s + sum(e.duration_s for e in exercises)
            return Segment(
                index=i,
                kind=kind,
                name=name,
                duration_s=nominal,
                exercises=tuple(exercises),
                line=self.index.key_at(path)[0],
            )
        duration = self.quantity(item, path, "duration", Kind.DURATION)
        if "duration" not in item:
            self.missing(
                path,
                "duration",
                f"segment {i + 1}: missing required key 'duration'",
                'add duration = "5 min"',
            )
        elif duration is not None and duration <= 0:
            self.problem(
                path + ("duration",),
                f"segment {i + 1}: duration must be more than zero, got {item['duration']!r}",
            )
            duration = None
        elif duration is not None and duration > MAX_TOTAL_S + _EPS:
            self.problem(
                path + ("duration",),
                f"segment {i + 1}: duration {item['duration']!r} is longer than the 3 h a whole "
                "programme may last",
                "split it into two sessions",
            )
            duration = None
        before_targets = len(self.problems)
        targets: dict[str, Target | None] = {}
        for key, tkind in TARGET_KINDS.items():
            targets[key] = self.target(item, path, key, tkind)
        if "speed" not in item and "cadence" not in item:
            self.missing(
                path,
                "speed",
                f"segment {i + 1}: missing required key 'speed'",
                'add speed = "3 km/h", or cadence with a step_length',
            )
        elif "speed" not in item and step_length is None and targets["cadence"] is not None:
            self.problem(
                path + ("cadence",),
                f"segment {i + 1}: cadence-led walking needs a step_length",
                'add step_length = "0.65 m" at the top of the file, or give a speed',
            )
        if len(self.problems) > before_targets:
            return None
        seg = Segment(
            index=i,
            kind=kind,
            name=name,
            duration_s=1.0 if duration is None else duration,
            speed=targets["speed"],
            incline=targets["incline"],
            cadence=targets["cadence"],
            line=self.index.key_at(path)[0],
        )
        if duration is not None and not self.count_steps(seg, path):
            return None
        self.segment_limits(seg, path, limits, step_length, check_rates=duration is not None)
        if duration is None:
            return None
        return seg if len(self.problems) == before else None

    def count_steps(self, seg: Segment, path: KeyPath) -> bool:
        """Add the segment's steps to the programme's count; False once past MAX_STEPS.

        Counted arithmetically (no step list is built), so a file asking for millions of steps
        is refused before any work is done for them.
        """
        for key, target in (
            ("speed", seg.speed),
            ("incline", seg.incline),
            ("cadence", seg.cadence),
        ):
            if not isinstance(target, Steps):
                continue
            by_time = math.ceil(seg.duration_s / target.every_s)
            by_size = math.floor((target.maximum - target.start) / target.step + 1e-9)
            self.steps_counted += max(0, min(by_time, by_size))
            if self.steps_counted > MAX_STEPS:
                if self.steps_reported:
                    return False  # said once, at the segment that passed the limit
                self.steps_reported = True
                self.problem(
                    path + (key,),
                    f"segment {seg.index + 1}: the programme now changes its targets in more than "
                    f"{MAX_STEPS} steps ({fmt_duration(MAX_TOTAL_S / MAX_STEPS)} apart over 3 h)",
                    "use a ramp { from, to } for a smooth change, or fewer, larger steps",
                )
                return False
        return True

    def target(self, item: Mapping[str, Any], path: KeyPath, key: str, kind: Kind) -> Target | None:
        if key not in item:
            return None
        value = item[key]
        tpath = path + (key,)
        if not isinstance(value, dict):
            try:
                return Constant(parse_quantity(value, kind))
            except UnitError as exc:
                self.problem(tpath, f"{key}: {exc.message}", exc.hint)
                return None
        if "from" in value or "to" in value:
            self.check_keys(value, tpath, RAMP_KEYS, f"the {key} ramp")
            parts = {k: self.quantity(value, tpath, k, kind) for k in RAMP_KEYS}
            for k in RAMP_KEYS:
                if k not in value:
                    self.problem(tpath, f"{key} ramp needs both 'from' and 'to'; '{k}' is missing")
            start, end = parts["from"], parts["to"]
            return Ramp(start, end) if start is not None and end is not None else None
        if any(k in value for k in STEP_KEYS):
            self.check_keys(value, tpath, STEP_KEYS, f"the {key} step pattern")
            start = self.quantity(value, tpath, "start", kind)
            step = self.quantity(value, tpath, "step", kind)
            every = self.quantity(value, tpath, "every", Kind.DURATION)
            top = self.quantity(value, tpath, "max", kind)
            for k in STEP_KEYS:
                if k not in value:
                    self.problem(
                        tpath,
                        f"{key} step pattern needs '{k}'",
                        "write { start = ..., step = ..., every = ..., max = ... }",
                    )
            if start is None or step is None or every is None or top is None:
                return None
            ok = True
            unit = {"speed": "km/h", "incline": "%", "cadence": "spm"}[key]
            if step < MIN_STEP[key] - _EPS:
                self.problem(
                    tpath + ("step",),
                    f"{key} step must be at least {_num(MIN_STEP[key])} {unit}, got "
                    f"{value['step']!r}",
                    "a treadmill cannot show a smaller change",
                )
                ok = False
            if every < MIN_STEP_EVERY_S - _EPS:
                self.problem(
                    tpath + ("every",),
                    f"{key} step 'every' must be at least {_num(MIN_STEP_EVERY_S)} s, got "
                    f"{value['every']!r}",
                    "steps are changes the walker feels; for a smooth change use a ramp "
                    "{ from, to }",
                )
                ok = False
            if top < start:
                self.problem(tpath + ("max",), f"{key} step 'max' is below its 'start'")
                ok = False
            return Steps(start, step, every, top) if ok else None
        self.problem(
            tpath,
            f"{key}: a table here must be a ramp {{ from, to }} or steps "
            "{ start, step, every, max }",
            suggest(next(iter(value), ""), (*RAMP_KEYS, *STEP_KEYS)),
        )
        return None

    def segment_limits(
        self,
        seg: Segment,
        path: KeyPath,
        limits: Limits,
        step_length: float | None,
        check_rates: bool = True,
    ) -> None:
        """Values inside limits, ramps within rate limits, step lengths plausible."""
        n = seg.index + 1
        ranges = {
            "speed": (limits.speed_min_kmh, limits.speed_max_kmh, "km/h"),
            "incline": (limits.incline_min_pct, limits.incline_max_pct, "%"),
            "cadence": (limits.cadence_min_spm, limits.cadence_max_spm, "spm"),
        }
        rates = {
            "speed": (limits.speed_rate_kmh_per_s, limits.speed_down_rate_kmh_per_s, "km/h"),
            "incline": (limits.incline_rate_pct_per_s, limits.incline_down_rate_pct_per_s, "%"),
            "cadence": (limits.cadence_rate_spm_per_s, limits.cadence_rate_spm_per_s, "spm"),
        }
        targets = {"speed": seg.speed, "incline": seg.incline, "cadence": seg.cadence}
        for key, target in targets.items():
            if target is None:
                continue
            low, high, unit = ranges[key]
            for sub, value in _target_values(target):
                if not low - _EPS <= value <= high + _EPS:
                    self.problem(
                        path + (key,) + sub,
                        f"segment {n}: {key} {_num(value)} {unit} is outside the limits "
                        f"{_num(low)}–{_num(high)} {unit}",
                        "change the value, or the [limits] table within its hard bounds",
                    )
            up, down, unit = rates[key]
            if check_rates:
                self.rate_check(seg, path + (key,), key, target, up, down, unit, 1.0)
        if seg.speed is None and seg.cadence is not None and step_length is not None:
            factor = step_length * KMH_PER_SPM_M
            low, high, _ = ranges["speed"]
            for sub, value in _target_values(seg.cadence):
                speed = value * factor
                if not low - _EPS <= speed <= high + _EPS:
                    self.problem(
                        path + ("cadence",) + sub,
                        f"segment {n}: cadence {_num(value)} spm × step length "
                        f"{_num(step_length)} m gives {_num(speed)} km/h, outside the limits "
                        f"{_num(low)}–{_num(high)} km/h",
                    )
            up, down, _ = rates["speed"]
            if check_rates:
                self.rate_check(
                    seg,
                    path + ("cadence",),
                    "speed (from cadence)",
                    seg.cadence,
                    up,
                    down,
                    "km/h",
                    factor,
                )
        if seg.speed is not None and seg.cadence is not None and check_rates:
            speed_at = _sampler(seg.speed, seg.duration_s)
            cadence_at = _sampler(seg.cadence, seg.duration_s)
            for t in _breakpoints(seg):
                speed = speed_at(t)
                cadence = cadence_at(t)
                if cadence <= 0:
                    continue
                implied = speed / (cadence * KMH_PER_SPM_M)
                if not limits.step_length_min_m <= implied <= limits.step_length_max_m:
                    self.problem(
                        path + ("cadence",),
                        f"segment {n}: {_num(speed)} km/h at {_num(cadence)} spm means steps "
                        f"of {implied:.2f} m, outside {_num(limits.step_length_min_m)}–"
                        f"{_num(limits.step_length_max_m)} m",
                        "step length = speed ÷ (cadence × 0.06); lower the cadence or raise "
                        "the speed (or the other way round)",
                    )
                    break

    def rate_check(
        self,
        seg: Segment,
        tpath: KeyPath,
        label: str,
        target: Target,
        up: float,
        down: float,
        unit: str,
        factor: float,
    ) -> None:
        n = seg.index + 1
        if isinstance(target, Ramp):
            rate = (target.end - target.start) * factor / seg.duration_s
            limit = up if rate > 0 else down
            if abs(rate) > limit + _EPS:
                need = abs(target.end - target.start) * factor / limit
                self.problem(
                    tpath,
                    f"segment {n}: {label} ramp {_num(target.start * factor)} → "
                    f"{_num(target.end * factor)} {unit} in {fmt_duration(seg.duration_s)} is "
                    f"faster than the limit of {_rate_text(limit, unit)}",
                    f"make the segment at least {fmt_duration(need)} long",
                )
        elif isinstance(target, Steps):
            rate = target.step * factor / target.every_s
            if rate > up + _EPS:
                self.problem(
                    tpath + ("every",),
                    f"segment {n}: {label} steps of {_num(target.step * factor)} {unit} every "
                    f"{fmt_duration(target.every_s)} are faster than the limit of "
                    f"{_rate_text(up, unit)}",
                    f"step at most every {fmt_duration(target.step * factor / up)}",
                )

    def exercises(
        self, item: Mapping[str, Any], path: KeyPath, i: int
    ) -> list[ExerciseStep] | None:
        raw = item.get("exercises")
        epath = path + ("exercises",)
        if raw is None or raw == []:
            if raw is None:
                self.missing(
                    path,
                    "exercises",
                    f"segment {i + 1}: a break needs 'exercises'",
                    'add exercises = [{ name = "Standing hip shift" }]',
                )
            else:
                self.problem(epath, f"segment {i + 1}: a break needs at least one exercise")
            return None
        if not isinstance(raw, list):
            self.problem(epath, f"segment {i + 1}: 'exercises' must be a list")
            return None
        before = len(self.problems)
        steps: list[ExerciseStep] = []
        names = [row.name for row in catalogue()]
        for j, entry in enumerate(raw):
            xpath = epath + (j,)
            table: Mapping[str, Any]
            if isinstance(entry, str):
                table, npath = {"name": entry}, xpath
            elif isinstance(entry, dict):
                table, npath = entry, xpath + ("name",)
                self.check_keys(entry, xpath, EXERCISE_KEYS, "an exercise")
            else:
                self.problem(xpath, "an exercise is a name or a table { name = ..., hold = ... }")
                continue
            name = table.get("name")
            if not isinstance(name, str):
                self.missing(xpath, "name", "an exercise needs a 'name'")
                continue
            row = find_exercise(name)
            if row is not None:
                self.break_rows.setdefault(i, []).append((j, row))
            if row is None:
                self.problem(
                    npath,
                    f"'{name}' is not in the exercise catalogue",
                    suggest(name, names) or f"known: {', '.join(names)}",
                )
                continue
            hold = self.quantity(table, xpath, "hold", Kind.DURATION)
            if hold is not None and not MIN_HOLD_S - _EPS <= hold <= row.max_hold_s + _EPS:
                self.problem(
                    xpath + ("hold",),
                    f"{row.name}: hold {table['hold']!r} is outside "
                    f"{fmt_duration(MIN_HOLD_S)}–{fmt_duration(row.max_hold_s)}",
                    f"the catalogue dose is {row.dose}",
                )
                hold = None
            reps = self.integer(table, xpath, "reps", 1, row.max_reps)
            per_side = self.boolean(table, xpath, "per_side")
            steps.append(
                ExerciseStep(
                    exercise_id=row.exercise_id,
                    name=row.name,
                    cue=row.cue,
                    hold_s=row.hold_s if hold is None else hold,
                    reps=row.reps if reps is None else reps,
                    per_side=row.per_side if per_side is None else per_side,
                )
            )
        return steps if len(self.problems) == before else None

    def whole_programme(
        self,
        segments: list[Segment],
        breaks: BreakPolicy,
        kinds: list[object],
        *,
        complete: bool,
    ) -> None:
        """Checks that need the whole order: warm-up incline, floor exercises, total time.

        ``segments`` are those that parsed; ``kinds`` is every segment's kind as written, by
        position, so the order is known even when a segment failed. The total time needs every
        segment, so it is checked only when ``complete``.
        """
        first_warmup = next((k for k, kind in enumerate(kinds) if kind == "warmup"), None)
        if first_warmup is not None:
            for seg in (s for s in segments if s.index <= first_warmup):
                if seg.incline is not None and any(
                    v > _EPS for _, v in _target_values(seg.incline)
                ):
                    where = "in the warm-up" if seg.kind == "warmup" else "before the warm-up ends"
                    self.problem(
                        ("segments", seg.index, "incline"),
                        f"segment {seg.index + 1}: incline {where}; the warm-up stays at 0 %",
                        "raise the incline in a walk segment after the warm-up",
                    )
        last_cooldown = max((k for k, kind in enumerate(kinds) if kind == "cooldown"), default=None)
        for k, kind in enumerate(kinds):
            if kind != "break":
                continue
            walking_after = any(kind in WALKING_KINDS for kind in kinds[k + 1 :])
            after_walk = last_cooldown is not None and k > last_cooldown and not walking_after
            for j, row in self.break_rows.get(k, []):
                if row.placement is Placement.AFTER_WALK and not after_walk:
                    self.problem(
                        ("segments", k, "exercises", j, "name"),
                        f"'{row.name}' is a floor exercise; it may only come after the cool-down",
                        "move it to a break after the last cool-down, or use a standing "
                        "exercise (Standing abdominal, Standing hip shift, Leaning hip shift)",
                    )
        for seg in segments:
            if seg.kind != "break":
                continue
            walking_after = any(kind in WALKING_KINDS for kind in kinds[seg.index + 1 :])
            if walking_after and seg.duration_s > breaks.max_stop_s + _EPS:
                self.problem(
                    ("segments", seg.index, "exercises"),
                    f"segment {seg.index + 1}: the belt would stop for "
                    f"{fmt_duration(seg.duration_s)}; mid-walk breaks last at most "
                    f"{fmt_duration(breaks.max_stop_s)}",
                    "use fewer or shorter exercises",
                )
        if not complete:
            return
        total = 0.0
        for seg in segments:
            total += seg.duration_s
            if total > MAX_TOTAL_S + _EPS:
                grand = sum(s.duration_s for s in segments)
                self.problem(
                    ("segments", seg.index, "duration" if seg.kind in WALKING_KINDS else "kind"),
                    f"the programme lasts {fmt_duration(grand)}; at most 3 h is allowed "
                    f"(3 h is passed in segment {seg.index + 1})",
                    "split it into two sessions",
                )
                break


def _bound_text(key: str, kind: Kind, rate: bool, value: float) -> str:
    unit = {Kind.SPEED: "km/h", Kind.INCLINE: "%", Kind.CADENCE: "spm"}.get(kind, "")
    if rate:
        return _rate_text(value, unit)
    return f"{_num(value)} {unit}"


def _rate_text(per_s: float, unit: str) -> str:
    per_min = per_s * 60
    if unit == "km/h":
        return f"{_num(per_s * 5)} km/h per 5 s"
    return f"{_num(per_min)} {unit} per min"


def _target_values(target: Target) -> list[tuple[KeyPath, float]]:
    """Every value a target takes, with the sub-key it is written under."""
    if isinstance(target, Constant):
        return [((), target.value)]
    if isinstance(target, Ramp):
        return [(("from",), target.start), (("to",), target.end)]
    return [(("start",), target.start), (("max",), target.maximum)]


def _breakpoints(seg: Segment) -> list[float]:
    times = {0.0, seg.duration_s}
    for target in (seg.speed, seg.cadence):
        if isinstance(target, Steps):
            times.update(t for t, _ in target.step_times(seg.duration_s))
    return sorted(times)


def _sampler(target: Target, duration_s: float) -> Callable[[float], float]:
    """The target's value at a time into the segment; steps are listed once and bisected, so
    sampling every breakpoint stays linear in the number of steps."""
    if isinstance(target, Constant):
        value = target.value
        return lambda t: value
    if isinstance(target, Ramp):
        start, end = target.start, target.end
        return lambda t: start + (end - start) * (t / duration_s)
    steps = target.step_times(duration_s)
    times = [at for at, _ in steps]
    values = [target.start, *(v for _, v in steps)]
    return lambda t: values[bisect_right(times, t + _EPS)]


def validate_profile_text(
    text: str, file: str = "<string>"
) -> tuple[Profile | None, list[Problem]]:
    """Parse and validate; returns the profile (None if any problem) and every problem found."""
    validator = _Validator(text.removeprefix("\ufeff"), file)  # a BOM, as Notepad saves
    profile = validator.run()
    problems = sorted(validator.problems, key=lambda p: (p.line or 0, p.column or 0, p.message))
    return (profile if not problems else None), problems


def parse_profile(text: str, file: str = "<string>") -> Profile:
    """Parse and validate; raises ProfileError with every problem."""
    profile, problems = validate_profile_text(text, file)
    if profile is None:
        raise ProfileError(problems)
    return profile


def load_profile(path: str | Path) -> Profile:
    """Read and validate a profile file; never raises anything but ProfileError."""
    name = str(path)
    try:
        text = read_toml_text(path, "file", "profile")
    except ReadFailure as exc:
        raise ProfileReadError(
            [Problem(name, exc.line, exc.column, None, exc.message, exc.hint)]
        ) from None
    return parse_profile(text, name)


__all__ = [
    "load_profile",
    "parse_profile",
    "validate_profile_text",
]
