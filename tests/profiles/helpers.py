"""Helpers shared by the profile tests."""

from __future__ import annotations

from treadmill_tui.profiles import Problem, validate_profile_text

HEAD = 'name = "T"\n'
WARMUP = '[[segments]]\nkind = "warmup"\nduration = "5 min"\nspeed = "2.3 km/h"\n'


def problems(text: str) -> list[Problem]:
    """Validate text that must be invalid; returns its problems."""
    profile, found = validate_profile_text(text, "walk.toml")
    assert profile is None, "expected the profile to be rejected"
    assert found, "a rejected profile must say why"
    return found


def only(text: str) -> Problem:
    """The single problem in text."""
    found = problems(text)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]
