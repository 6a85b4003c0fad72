"""The engine's observable behaviour, pinned: ``simulate --json`` over every bundled profile x
the golden scripts must match tests/session/golden/ (regenerate with ``scripts/golden`` only for
a deliberate change, listed in the commit message)."""

from __future__ import annotations

import json

import pytest

from tests.session.golden_runs import GOLDEN_DIR, SCRIPTS, cases, path_of, profiles, reduce, run


def test_golden_set_is_complete() -> None:
    assert len(SCRIPTS) >= 12
    assert profiles(), "no bundled profiles found"
    stored = {p.name for p in GOLDEN_DIR.glob("*.json")}
    assert stored == {path_of(p, s).name for p, s in cases()}


@pytest.mark.parametrize(("profile", "script"), cases())
def test_simulate_output_matches_golden(profile: str, script: str) -> None:
    want = json.loads(path_of(profile, script).read_text(encoding="utf-8"))
    got = json.loads(json.dumps(reduce(run(profile, script))))
    assert got["summary"] == want["summary"]
    assert got["events"] == want["events"]
    assert got == want
