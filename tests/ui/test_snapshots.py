"""Screens rendered from hand-made snapshots (see snapshot_app.py); update with
``pytest tests/ui --snapshot-update`` after reviewing the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.ui.helpers import CHECK, IDLE, PAIN_KEY_CHECK, POST_WALK
from tests.ui.snapshot_app import FrozenDashboard
from treadmill_tui.ui.app import TreadmillApp
from treadmill_tui.ui.choices import DEFAULT_PROFILE, bundled_choices

SnapCompare = Callable[..., bool]


def test_idle_walk_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(FrozenDashboard(IDLE), terminal_size=(120, 36))


def test_pain_check_modal(snap_compare: SnapCompare) -> None:
    assert snap_compare(FrozenDashboard(CHECK, pain=True), terminal_size=(120, 36))


def test_pain_check_after_a_number_asks_about_legs(snap_compare: SnapCompare) -> None:
    async def pick(pilot: Pilot[None]) -> None:
        await pilot.press("3")

    assert snap_compare(FrozenDashboard(CHECK, pain=True), terminal_size=(120, 36), run_before=pick)


def test_pain_key_check_offers_not_now(snap_compare: SnapCompare) -> None:
    assert snap_compare(FrozenDashboard(PAIN_KEY_CHECK, pain=True), terminal_size=(120, 36))


def test_post_walk_asks_about_legs_after_the_pain_score(snap_compare: SnapCompare) -> None:
    async def pick(pilot: Pilot[None]) -> None:
        await pilot.press("3")

    assert snap_compare(
        FrozenDashboard(POST_WALK, post_walk=True), terminal_size=(120, 36), run_before=pick
    )


PICKER_PROFILE = """name = "{name}"
description = "{description}"
[[segments]]
kind = "warmup"
duration = "3 min"
speed = "2.0 km/h"
[[segments]]
kind = "walk"
duration = "{minutes} min"
speed = "2.5 km/h"
"""


def test_profile_picker(snap_compare: SnapCompare, tmp_path: Path) -> None:
    # hand-made profiles, so edits to the bundled ones do not change this picture
    (tmp_path / DEFAULT_PROFILE).write_text(
        PICKER_PROFILE.format(name="First week", description="Easy and flat.", minutes=7)
    )
    (tmp_path / "longer.toml").write_text(
        PICKER_PROFILE.format(name="Longer walk", description="A little further.", minutes=17)
    )
    (tmp_path / "broken.toml").write_text('name = "x"\n[[segments]]\nkind = "walk"\n')
    app = TreadmillApp(None, choices=bundled_choices(tmp_path), sound=False)
    assert snap_compare(app, terminal_size=(100, 30))
