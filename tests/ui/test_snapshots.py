"""Screens rendered from hand-made snapshots (see snapshot_app.py); update with
``pytest tests/ui --snapshot-update`` after reviewing the report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.ui.helpers import CHECK, IDLE, PAIN_KEY_CHECK, POST_WALK
from tests.ui.snapshot_app import FrozenDashboard

SnapCompare = Callable[..., bool]


def test_idle_walk_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(FrozenDashboard(IDLE), terminal_size=(120, 36))


def test_pain_check_modal(snap_compare: SnapCompare) -> None:
    assert snap_compare(FrozenDashboard(CHECK, pain=True), terminal_size=(120, 36))


def test_pain_check_after_a_number_asks_about_legs(snap_compare: SnapCompare) -> None:
    async def pick(pilot: Any) -> None:
        await pilot.press("3")

    assert snap_compare(FrozenDashboard(CHECK, pain=True), terminal_size=(120, 36), run_before=pick)


def test_pain_key_check_offers_not_now(snap_compare: SnapCompare) -> None:
    assert snap_compare(FrozenDashboard(PAIN_KEY_CHECK, pain=True), terminal_size=(120, 36))


def test_post_walk_asks_about_legs_after_the_pain_score(snap_compare: SnapCompare) -> None:
    async def pick(pilot: Any) -> None:
        await pilot.press("3")

    assert snap_compare(
        FrozenDashboard(POST_WALK, post_walk=True), terminal_size=(120, 36), run_before=pick
    )
