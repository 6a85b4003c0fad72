"""Loads the FTMS test vectors; a missing file fails loudly instead of skipping.

The vectors come from the team's shared reference (``shared/reference/ftms_vectors.json``).
A copy lives in ``tests/ftms/data/`` so a clone anywhere can run the suite; a test checks the
copy still equals the shared file whenever that file is beside the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

VECTORS_PATH = Path(__file__).resolve().parent / "data" / "ftms_vectors.json"
SHARED_VECTORS_PATH = (
    Path(__file__).resolve().parents[3] / "shared" / "reference" / "ftms_vectors.json"
)


def load_vectors() -> list[dict[str, Any]]:
    if not VECTORS_PATH.is_file():
        pytest.fail(
            f"FTMS test vectors not found at {VECTORS_PATH}",
            pytrace=False,
        )
    document = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    vectors: list[dict[str, Any]] = document["vectors"]
    if not vectors:
        pytest.fail(f"{VECTORS_PATH} holds no vectors", pytrace=False)
    return vectors


def vector(name: str) -> dict[str, Any]:
    for v in load_vectors():
        if v["name"] == name:
            return v
    pytest.fail(f"vector {name!r} missing from {VECTORS_PATH}", pytrace=False)


def vector_bytes(name: str) -> bytes:
    return bytes.fromhex(vector(name)["hex"])
