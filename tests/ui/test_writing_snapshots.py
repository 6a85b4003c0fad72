"""Snapshots of the screens for writing and choosing walks (editor, picker) at the two sizes
that matter: an 80×24 terminal and a 120×40 one. Update with ``--snapshot-update`` after
reviewing the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.test_editor import SPEED_ROW, WALK
from tests.ui.test_snapshots import PICKER_PROFILE
from treadmill_tui.profiles.drafts import EditTarget
from treadmill_tui.ui.app import TreadmillApp
from treadmill_tui.ui.choices import DEFAULT_PROFILE, bundled_choices, user_choices
from treadmill_tui.ui.editor_app import EditorApp

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_editor_with_a_typed_error(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    # a fixed relative save path, so the status line is the same on every machine
    target = EditTarget(WALK, Path("my-walk.toml"), "Saving writes my-walk.toml")

    async def break_it(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, EditorApp)
        line = app.editor.text.document.get_line(SPEED_ROW)
        app.editor.text.select_line(SPEED_ROW)
        await pilot.press(*line.replace("3.5 km/h", "fast"))
        app.editor.validate_now()
        await pilot.pause()

    assert snap_compare(EditorApp(target), terminal_size=size, run_before=break_it)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_picker_with_own_walks(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    bundled, mine = tmp_path / "bundled", tmp_path / "mine"
    bundled.mkdir()
    mine.mkdir()
    (bundled / DEFAULT_PROFILE).write_text(
        PICKER_PROFILE.format(name="First week", description="Easy and flat.", minutes=7)
    )
    (mine / "evening.toml").write_text(
        PICKER_PROFILE.format(name="Evening walk", description="Written by my physio.", minutes=12)
    )
    (mine / "typo.toml").write_text('name = "x"\n[[segments]]\nkind = "walk"\n')
    choices = user_choices(mine) + bundled_choices(bundled)
    assert snap_compare(TreadmillApp(None, choices=choices, sound=False), terminal_size=size)
