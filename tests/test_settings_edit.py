"""The first-run acknowledgement goes into the walker's own settings file without touching
their lines: appended at the end, or one ``false`` turned into ``true``; anything unsafe is left
alone (the text is shown again next time, never an error)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.settings import STARTER, load_settings, parse_settings
from treadmill_tui.settings_edit import (
    ACK_COMMENT,
    ACK_LINE,
    LEGACY_ACK_FILE,
    acknowledge,
    acknowledged_text,
    is_acknowledged,
)

MINE = '# my settings\nstep_length = "0.6 m"   # measured by my physio\n'


def test_a_missing_file_is_made_from_the_commented_starter() -> None:
    text = acknowledged_text(None)
    assert text is not None and text.startswith(STARTER)
    assert text.endswith(f"\n{ACK_COMMENT}\n{ACK_LINE}\n")
    assert parse_settings(text).safety_acknowledged


def test_the_key_is_appended_after_the_walkers_own_lines() -> None:
    text = acknowledged_text(MINE)
    assert text == f"{MINE}\n{ACK_COMMENT}\n{ACK_LINE}\n"
    settings = parse_settings(text)
    assert settings.safety_acknowledged and settings.step_length_m == pytest.approx(0.6)


def test_a_file_without_a_final_newline_gets_one_before_the_key() -> None:
    text = acknowledged_text('audio = "bell"')
    assert text == f'audio = "bell"\n\n{ACK_COMMENT}\n{ACK_LINE}\n'
    assert parse_settings(text).audio == "bell"


def test_windows_line_ends_are_kept() -> None:
    text = acknowledged_text('audio = "bell"\r\n')
    assert text == f'audio = "bell"\r\n\r\n{ACK_COMMENT}\r\n{ACK_LINE}\r\n'


def test_false_is_turned_into_true_on_that_line_only() -> None:
    before = 'speech = false\nsafety_acknowledged   =  false  # show it again\naudio = "none"\n'
    text = acknowledged_text(before)
    assert (
        text == 'speech = false\nsafety_acknowledged   =  true  # show it again\naudio = "none"\n'
    )


def test_already_true_or_unsafe_files_are_left_alone() -> None:
    assert acknowledged_text(f"{ACK_LINE}\n") is None
    assert acknowledged_text("step_length = \n") is None  # broken: the app reports it itself
    # a table would swallow a key appended at the end (settings.py rejects tables anyway)
    assert acknowledged_text('[sound]\naudio = "bell"\n') is None
    # a "false" inside a multi-line string is never taken for the key's own line
    inside = 'x = """\nsafety_acknowledged = false\n"""\n'
    assert acknowledged_text(inside + "safety_acknowledged = false\n") is None
    assert acknowledged_text("safety_acknowledged = false\n" + inside) == (
        "safety_acknowledged = true\n" + inside
    )


@given(st.text(alphabet=st.sampled_from(list(' \t\r\n#=x"abc_.1')), max_size=40))
def test_whatever_the_file_the_result_is_the_same_settings_plus_the_key(text: str) -> None:
    import tomllib

    new = acknowledged_text(text)
    if new is None:
        return
    assert new.startswith(text) or "false" in text  # their lines kept (or one false swapped)
    before = tomllib.loads(text)
    assert tomllib.loads(new) == {**before, "safety_acknowledged": True}


def test_acknowledge_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    assert not is_acknowledged(path)
    assert acknowledge(path)
    assert is_acknowledged(path) and load_settings(path).safety_acknowledged


def test_acknowledge_appends_bytes_exactly(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'\xef\xbb\xbfemergency_number = "999"')  # a BOM, no final newline
    assert acknowledge(path)
    data = path.read_bytes()
    assert data.startswith(b'\xef\xbb\xbfemergency_number = "999"\n\n# Set by')
    loaded = load_settings(path)
    assert loaded.safety_acknowledged and loaded.emergency_number == "999"
    assert not acknowledge(path) or path.read_bytes() == data  # a second time changes nothing


def test_acknowledge_swaps_false_through_a_symlink_keeping_the_bom(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_bytes(b"\xef\xbb\xbfsafety_acknowledged = false\n")
    real.chmod(0o600)
    link = tmp_path / "settings.toml"
    link.symlink_to(real)
    assert acknowledge(link)
    assert link.is_symlink() and real.read_bytes() == b"\xef\xbb\xbfsafety_acknowledged = true\n"
    assert real.stat().st_mode & 0o777 == 0o600


def test_a_file_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert acknowledge(blocker / "settings.toml") is False
    folder = tmp_path / "settings.toml"
    folder.mkdir()
    assert acknowledge(folder) is False


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_a_read_only_file_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(MINE)
    path.chmod(0o400)
    assert acknowledge(path) is False
    assert path.read_text() == MINE and not is_acknowledged(path)


def test_the_older_file_beside_the_settings_still_counts(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert not is_acknowledged(path)
    (tmp_path / LEGACY_ACK_FILE).write_text("read\n")
    assert is_acknowledged(path)


def test_a_broken_settings_file_is_not_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("safety_acknowledged = maybe\n")
    assert not is_acknowledged(path)
    assert acknowledge(path) is False and path.read_text() == "safety_acknowledged = maybe\n"


def test_settings_reject_a_non_boolean_acknowledgement() -> None:
    from treadmill_tui.settings import SettingsError

    with pytest.raises(SettingsError, match="safety_acknowledged must be true or false"):
        parse_settings('safety_acknowledged = "yes"\n')
