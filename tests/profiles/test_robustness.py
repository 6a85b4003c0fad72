"""Loading never raises a raw exception, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, validate_profile_text

SOURCES = [p.read_text(encoding="utf-8") for p in sorted(bundled_profiles_dir().glob("*.toml"))]
PIECES = [
    *"\"'{}[]=,.\n# 3%\\",
    "[[",
    "km/h",
    "x = 1\n",
    "[[segments]]\n",
    'kind = "break"\n',
    "{ from = 1 }",
    "-1",
    "true",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if draw(st.booleans()):
            end = min(len(text), at + draw(st.integers(min_value=1, max_value=12)))
            text = text[:at] + text[end:]
        else:
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
    return text


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_mutated_profiles_never_raise(text: str) -> None:
    profile, problems = validate_profile_text(text, "m.toml")
    n_lines = max(len(text.splitlines()), 1)
    for p in problems:
        assert p.line is not None and 1 <= p.line <= n_lines + 1, p
        assert p.column is not None and p.column >= 1
        assert p.message
    if profile is not None:
        assert not problems
        compile_profile(profile)
    else:
        assert problems


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    profile, problems = validate_profile_text(text, "t.toml")
    assert profile is None and problems
