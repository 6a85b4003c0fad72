"""The vendored vectors must not drift from the shared reference."""

from __future__ import annotations

import json

import pytest

from tests.ftms.vector_data import SHARED_VECTORS_PATH, VECTORS_PATH


@pytest.mark.skipif(
    not SHARED_VECTORS_PATH.is_file(),
    reason="shared/reference is not beside this clone; the vendored copy is used alone",
)
def test_vendored_vectors_equal_the_shared_reference() -> None:
    shared = json.loads(SHARED_VECTORS_PATH.read_text(encoding="utf-8"))
    vendored = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    assert vendored == shared
