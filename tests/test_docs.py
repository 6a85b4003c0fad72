"""The documentation's references must not rot."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_named_in_the_safety_doc_exists() -> None:
    doc = (ROOT / "docs" / "safety.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", doc))
    assert len(named) > 20
    defined = {
        m
        for path in (ROOT / "tests").rglob("test_*.py")
        for m in re.findall(r"^(?:async )?def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert sorted(named - defined) == []


def test_every_file_named_in_the_safety_doc_exists() -> None:
    doc = (ROOT / "docs" / "safety.md").read_text(encoding="utf-8")
    for ref in re.findall(
        r"`((?:tests|treadmill_tui|session|devices|profiles|ftms|metronome)"
        r"/[\w/]+\.py)`",
        doc,
    ):
        candidates = [ROOT / ref, ROOT / "treadmill_tui" / ref]
        assert any(c.is_file() for c in candidates), ref
