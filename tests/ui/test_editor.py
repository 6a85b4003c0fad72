"""The profile editor: errors at their line as you type, cleared when fixed, totals that follow
the text, save refused while invalid (a draft only after saying so), nothing lost on Ctrl+Q."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets.text_area import Selection

from tests.ui.helpers import wait_until
from treadmill_tui.profiles import bundled_profiles_dir
from treadmill_tui.profiles.drafts import new_target, open_target
from treadmill_tui.ui.editor_app import EditorApp
from treadmill_tui.ui.screens.editor import Confirm

SIZE = (120, 40)
WALK = """\
name = "Editor test walk"

[[segments]]
kind = "warmup"
duration = "5 min"
speed = "2.5 km/h"

[[segments]]
kind = "walk"
duration = "10 min"
speed = "3.5 km/h"

[[segments]]
kind = "cooldown"
duration = "5 min"
speed = "2.5 km/h"
"""
SPEED_ROW = 10  # 0-based row of the main walk's speed line (line 11)


def editor_app(tmp_path: Path) -> tuple[EditorApp, Path]:
    path = tmp_path / "walk.toml"
    path.write_text(WALK, encoding="utf-8")
    return EditorApp(open_target(path)), path


async def retype_value(app: EditorApp, row: int, value: str, pilot: object) -> None:
    """Select the value after ``=`` on ``row`` and type ``value`` over it, key by key."""
    text = app.editor.text
    line = text.document.get_line(row)
    start = line.index("=") + 2
    text.selection = Selection((row, start), (row, len(line)))
    await pilot.press(*value)  # type: ignore[attr-defined]


async def test_a_typed_error_shows_at_its_line_and_clears_when_fixed(tmp_path: Path) -> None:
    app, path = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.editor
        assert editor.check.valid
        before = str(editor.totals.render())
        assert "Duration 20:00" in before

        await retype_value(app, SPEED_ROW, '"fast"', pilot)
        await wait_until(pilot, lambda: not editor.check.valid)
        (problem,) = editor.check.problems
        assert problem.line == SPEED_ROW + 1
        assert editor.text.marked == {SPEED_ROW}
        assert "line 11:" in str(editor.problems.get_option_at_index(0).prompt)
        assert "1 problem" in str(editor.totals.render())

        # save is refused while invalid: a question, and "keep editing" writes nothing
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is editor)
        assert path.read_text(encoding="utf-8") == WALK
        assert "Not saved" in str(editor.status.render())

        # fixed: the error and the mark go, and the totals follow the new speed
        await retype_value(app, SPEED_ROW, '"5 km/h"', pilot)
        await wait_until(pilot, lambda: editor.check.valid)
        assert editor.text.marked == frozenset()
        assert not editor.problems.display
        after = str(editor.totals.render())
        assert after != before and "Valid" in after

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: 'speed = "5 km/h"' in path.read_text(encoding="utf-8"))
        assert not editor.dirty


async def test_a_draft_is_saved_only_after_saying_so(tmp_path: Path) -> None:
    app, path = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await retype_value(app, SPEED_ROW, '"fast"', pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.click("#confirm-yes")
        await wait_until(pilot, lambda: 'speed = "fast"' in path.read_text(encoding="utf-8"))
        assert "Draft saved" in str(app.editor.status.render())


async def test_ctrl_q_with_unsaved_changes_asks_and_undo_works(tmp_path: Path) -> None:
    app, path = editor_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.editor
        await retype_value(app, SPEED_ROW, '"4 km/h"', pilot)
        assert editor.dirty
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("escape")  # keep editing: nothing is lost
        await wait_until(pilot, lambda: app.screen is editor)
        assert app.is_running and '"4 km/h"' in editor.text.text
        editor.text.focus()
        for _ in range(10):
            await pilot.press("ctrl+z")
            if editor.text.text == WALK:
                break
        assert editor.text.text == WALK and not editor.dirty
        await pilot.press("ctrl+q")  # nothing unsaved: quits at once
        await wait_until(pilot, lambda: not app.is_running)


def test_a_bundled_profile_opens_as_a_copy_in_the_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(tmp_path))
    original = bundled_profiles_dir() / "flare-day.toml"
    target = open_target(original)
    assert target.text == original.read_text(encoding="utf-8")
    assert target.save_to == tmp_path / "flare-day.toml"
    (tmp_path / "flare-day.toml").write_text("taken", encoding="utf-8")
    assert open_target(original).save_to == tmp_path / "flare-day-2.toml"


def test_new_walks_start_from_the_valid_starter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(tmp_path))
    target = new_target()
    assert target.save_to.parent == tmp_path
    assert open_target(tmp_path / "evening-stroll.toml").text.startswith("# Evening stroll")


def test_profile_edit_is_a_command_and_loads_textual_only_when_run() -> None:
    import subprocess
    import sys

    from treadmill_tui import cli, launch

    args = cli.build_parser().parse_args(["profile", "edit", "walk.toml"])
    assert args.func is launch.cmd_edit and args.file == "walk.toml"
    code = "import sys, treadmill_tui.cli as c; c.build_parser(); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_profile_edit_of_an_unreadable_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from treadmill_tui import cli

    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe not utf-8")
    assert cli.main(["profile", "edit", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "cannot read file" in err and len(err.strip().splitlines()) == 1
