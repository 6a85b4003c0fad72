"""Random TOML documents and random bytes fed to the profile and settings loaders (issue #15).

Whatever the file holds, only the documented error (ProfileError / SettingsError) escapes, every
problem it carries has a line and column, and each document is done within a generous deadline:
the deadline catches a hang (a tiny step ``every`` once looped for ever), it is not a speed
target (speed is ``scripts/bench``'s job).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treadmill_tui.profiles import ProfileError, compile_profile, load_profile
from treadmill_tui.profiles.model import SEGMENT_KINDS
from treadmill_tui.profiles.units import registry
from treadmill_tui.profiles.validate import (
    ALL_SEGMENT_KEYS,
    BREAK_DURATIONS,
    LIMIT_KEYS,
    PAIN_DURATIONS,
    STEP_KEYS,
    TOP_KEYS,
)
from treadmill_tui.settings import KEYS as SETTINGS_KEYS
from treadmill_tui.settings import SettingsError, load_settings

registry()  # built once here, so no document pays for pint's start-up

# generous: a document takes milliseconds; only a hang or a runaway loop gets near this
PER_DOCUMENT = timedelta(seconds=5)
FUZZ = settings(
    max_examples=150,
    deadline=PER_DOCUMENT,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

NUMBERS = st.one_of(
    st.sampled_from(
        ["0", "-0", "1", "3", "3.2", "-1", "1e400", "-1e400", "1e-12", "1e-300", "1e308", "96",
         ".5", "0.01", "nan", "inf", "10800", "99999999999999999999"]
    ),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)  # fmt: skip
UNITS = st.sampled_from(
    ["km/h", "mph", "m/s", "km/s", "s", "ms", "ns", "min", "h", "%", "percent", "deg", "rad",
     "spm", "steps/min", "m", "in", "", "per min", "per 1e-9 s", "per 0 s", "% per min", "[/]"]
)  # fmt: skip
QUANTITIES = st.builds(lambda n, u: f"{n} {u}".strip(), NUMBERS, UNITS)
KEYS = st.one_of(
    st.sampled_from(
        [*TOP_KEYS, *ALL_SEGMENT_KEYS, *LIMIT_KEYS, *PAIN_DURATIONS, *BREAK_DURATIONS, *STEP_KEYS,
         "from", "to", "hold", "reps", "per_side", *SETTINGS_KEYS]
    ),
    st.text(min_size=1, max_size=8),
)  # fmt: skip
SCALARS = st.one_of(
    QUANTITIES,
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),  # NaN and infinities too: TOML has them
    st.booleans(),
    st.sampled_from(list(SEGMENT_KINDS) + ["Glute bridge", "Standing abdominal", "Walk [/]"]),
)
VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(KEYS, inner, max_size=5),
    ),
    max_leaves=25,
)
SEGMENT = st.fixed_dictionaries(
    {"kind": st.sampled_from(SEGMENT_KINDS)},
    optional={
        "name": st.text(max_size=12),
        "duration": QUANTITIES,
        "speed": st.one_of(
            QUANTITIES, st.fixed_dictionaries({"from": QUANTITIES, "to": QUANTITIES})
        ),
        "incline": st.one_of(
            QUANTITIES,
            st.fixed_dictionaries(
                {"start": QUANTITIES, "step": QUANTITIES, "every": QUANTITIES, "max": QUANTITIES}
            ),
        ),
        "cadence": QUANTITIES,
        "exercises": st.lists(
            st.one_of(st.sampled_from(["Glute bridge", "Standing abdominal", "Bird-dog"]), VALUES),
            max_size=3,
        ),
    },
)
PROFILES = st.fixed_dictionaries(
    {"name": st.text(max_size=12), "segments": st.lists(SEGMENT, max_size=6)},
    optional={
        "step_length": QUANTITIES,
        "limits": st.dictionaries(st.sampled_from(list(LIMIT_KEYS)), QUANTITIES, max_size=4),
        "pain_checks": st.dictionaries(st.sampled_from(list(PAIN_DURATIONS)), SCALARS),
        "breaks": st.dictionaries(st.sampled_from(list(BREAK_DURATIONS)), SCALARS),
        "description": st.text(max_size=30),
        "extra": VALUES,
    },
)
SETTINGS = st.dictionaries(st.one_of(st.sampled_from(SETTINGS_KEYS), KEYS), VALUES, max_size=6)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _profile_outcome(path: Path) -> None:
    try:
        profile = load_profile(path)
    except ProfileError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.line is not None and problem.column is not None, problem
            assert problem.line >= 1 and problem.column >= 1, problem
        return
    timeline = compile_profile(profile)
    assert 0 <= timeline.duration_s <= 3 * 3600


def _settings_outcome(path: Path) -> None:
    try:
        load_settings(path)
    except SettingsError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.line is not None and problem.column is not None, problem


@FUZZ
@given(document=PROFILES, bom=st.booleans())
def test_random_profile_documents(tmp_path: Path, document: dict[str, Any], bom: bool) -> None:
    data = tomli_w.dumps(document).encode()
    _profile_outcome(_write(tmp_path, "p.toml", (b"\xef\xbb\xbf" if bom else b"") + data))


NESTED = st.builds(
    lambda key, opening, depth: (
        f"{key} = " + opening * depth + "1" + ("]" if opening == "[" else "}") * depth + "\n"
    ),
    st.sampled_from(["a", "segments", "name"]),
    st.sampled_from(["[", "{b="]),
    st.integers(min_value=1, max_value=3000),
)


@FUZZ
@given(text=NESTED)
def test_nesting_at_any_depth(tmp_path: Path, text: str) -> None:
    _profile_outcome(_write(tmp_path, "p.toml", text.encode()))
    _settings_outcome(_write(tmp_path, "settings.toml", text.encode()))


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_a_profile(tmp_path: Path, data: bytes) -> None:
    _profile_outcome(_write(tmp_path, "p.toml", data))


@FUZZ
@given(document=SETTINGS)
def test_random_settings_documents(tmp_path: Path, document: dict[str, Any]) -> None:
    _settings_outcome(_write(tmp_path, "settings.toml", tomli_w.dumps(document).encode()))


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_settings(tmp_path: Path, data: bytes) -> None:
    _settings_outcome(_write(tmp_path, "settings.toml", data))
