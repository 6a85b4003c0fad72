"""The profile picker (P on the home screen): the bundled walks, first-week first; picking
one builds the walk exactly as --profile does, and the belt still waits for S."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.helpers import FAST, RUNNER, answer_baseline, belt, state, wait_until
from treadmill_tui.profiles import bundled_profiles_dir
from treadmill_tui.session.states import State
from treadmill_tui.ui.app import TreadmillApp
from treadmill_tui.ui.choices import (
    DEFAULT_PROFILE,
    ProfileChoice,
    bundled_choices,
    list_label,
    minutes,
    one_line,
    ordered,
    pain_checks_line,
)
from treadmill_tui.ui.screens.picker import PickerScreen

SIZE = (120, 36)


async def from_home(pilot: Pilot[int], app: TreadmillApp) -> None:
    """A real start opens on the home screen; P there opens the walk list."""
    from treadmill_tui.ui.screens.home import HomeScreen

    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))


def picker_app(choices: list[ProfileChoice] | None = None) -> TreadmillApp:
    return TreadmillApp(
        None,
        choices=choices if choices is not None else bundled_choices(bundled_profiles_dir()),
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
    )


def shown(widget: Static) -> str:
    return str(widget.render())


def test_first_week_comes_first_then_by_file_name() -> None:
    paths = [Path("b.toml"), Path(DEFAULT_PROFILE), Path("a.toml")]
    assert [p.name for p in ordered(paths)] == [DEFAULT_PROFILE, "a.toml", "b.toml"]


def test_minutes_and_one_line() -> None:
    assert minutes(600.0) == "10 min"
    assert minutes(2276.0) == "38 min"  # part of a minute counts as one
    assert one_line("a\n  b") == "a b"
    cut = one_line("x" * 100, width=10)
    assert len(cut) == 10 and cut.endswith("…")


def test_every_bundled_profile_loads() -> None:
    choices = bundled_choices(bundled_profiles_dir())
    files = sorted(p.name for p in bundled_profiles_dir().glob("*.toml"))
    assert sorted(c.path.name for c in choices) == files
    assert choices[0].path.name == DEFAULT_PROFILE
    assert all(c.available for c in choices), [c.problem for c in choices if not c.available]


def test_a_broken_profile_is_unavailable_with_its_first_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[segments]]\nkind = "walk"\nspeed = "fast"\n', encoding="utf-8")
    (choice,) = bundled_choices(tmp_path)
    assert not choice.available and choice.timeline is None
    assert choice.problem  # the first problem, in words
    assert "unavailable" in list_label(choice)


async def test_picker_lists_bundled_walks_with_first_week_highlighted() -> None:
    app = picker_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        picker = app.screen
        files = {p.name for p in bundled_profiles_dir().glob("*.toml")}
        assert {c.path.name for c in picker.choices} == files
        assert picker.options.option_count == len(files)
        assert picker.options.highlighted == 0
        assert picker.choices[0].path.name == DEFAULT_PROFILE
        first = picker.choices[0]
        assert first.timeline is not None
        assert "10 min" in str(picker.options.get_option_at_index(0).prompt)
        detail = shown(picker.detail)
        assert first.name in detail and "Duration: 10 min" in detail
        assert "Distance:" in detail and "Exercise breaks: 0" in detail
        assert "Pain checks: before the walk, every 5 min of the main phase" in detail
        # nothing is built before a walk is picked
        assert app.runner is None and app.machine is None


async def test_arrow_and_enter_picks_another_walk_and_belt_waits_for_s() -> None:
    app = picker_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await pilot.press("down")
        await pilot.pause()
        second = picker.choices[1]
        assert picker.options.highlighted == 1
        assert second.name in shown(picker.detail)
        await pilot.press("enter")
        await answer_baseline(pilot, app)  # the pre-walk check comes first, as with --profile
        assert app.timeline is second.timeline
        assert app.title == second.name
        assert app.screen is app.walk
        await asyncio.sleep(0.6)
        await pilot.pause()
        assert belt(app) == 0.0 and state(app) is State.WAITING_START  # nothing moves until S
        await pilot.press("s")
        await wait_until(pilot, lambda: belt(app) > 0.5)


async def test_an_unavailable_walk_cannot_be_started(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[segments]]\nkind = "walk"\nspeed = "fast"\n', encoding="utf-8")
    choices = bundled_choices(tmp_path)
    app = picker_app(choices)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert "unavailable" in shown(picker.detail)
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot be started" in shown(picker.problem)
        assert app.screen is picker and app.runner is None


async def test_escape_quits_on_the_picker() -> None:
    app = picker_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value == 0 and app.runner is None


async def test_ctrl_q_quits_on_the_picker() -> None:
    app = picker_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == 0 and app.runner is None


def test_pain_checks_line_counts_planned_points_only_when_there_are_some() -> None:
    assert pain_checks_line(300, 0) == (
        "Pain checks: before the walk, every 5 min of the main phase"
    )
    assert pain_checks_line(240, 2).endswith("every 4 min of the main phase, and 2 planned")


async def test_picker_lists_user_profiles_beside_bundled_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(folder))
    text = (bundled_profiles_dir() / "flare-day.toml").read_text(encoding="utf-8")
    (folder / "my-walk.toml").write_text(
        text.replace('name = "', 'name = "Mine: ', 1), encoding="utf-8"
    )
    (folder / "typo.toml").write_text(
        'name = "Typo"\n[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "fast"\n',
        encoding="utf-8",
    )
    app = TreadmillApp(None, sim_config=FAST, sound=False, runner_settings=RUNNER)
    async with app.run_test(size=SIZE) as pilot:
        await from_home(pilot, app)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        names = [c.path.name for c in picker.choices]
        bundled = sorted(p.name for p in bundled_profiles_dir().glob("*.toml"))
        assert names[:2] == ["my-walk.toml", "typo.toml"]
        assert sorted(names[2:]) == bundled
        mine, broken = picker.choices[:2]
        assert mine.mine and mine.available and mine.name.startswith("Mine: ")
        assert "yours" in str(picker.options.get_option_at_index(0).prompt)
        # the same summary card as a bundled walk
        detail = shown(picker.detail)
        assert "Duration:" in detail and "Distance:" in detail and "Pain checks:" in detail
        # the broken one: listed, unavailable, with its first problem at its line
        assert broken.mine and not broken.available
        assert broken.problem.startswith("line 5: ")
        label = str(picker.options.get_option_at_index(1).prompt)
        assert "unavailable" in label and "line 5" in label


async def test_a_broken_user_profile_opens_in_the_editor_and_comes_back_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treadmill_tui.ui.screens.editor import Confirm, EditorScreen

    monkeypatch.setenv("TREADMILL_TUI_PROFILES", str(tmp_path))
    typo = tmp_path / "typo.toml"
    typo.write_text(
        'name = "Typo"\n[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "fast"\n',
        encoding="utf-8",
    )
    app = TreadmillApp(None, sim_config=FAST, sound=False, runner_settings=RUNNER)
    async with app.run_test(size=SIZE) as pilot:
        await from_home(pilot, app)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker.choices[0].path == typo and not picker.choices[0].available
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.target.save_to == typo
        assert [p.line for p in editor.check.problems] == [5]
        text = editor.text
        text.select_line(4)
        await pilot.press(*'speed = "3 km/h"')
        # Ctrl+Q with unsaved work asks instead of quitting
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is editor)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "3 km/h" in typo.read_text(encoding="utf-8"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is picker)
        assert picker.choices[0].path == typo and picker.choices[0].available
        assert picker.choices[0].timeline is not None
