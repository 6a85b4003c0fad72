"""The morning question: when it is due, what an answer does, and ``next`` / ``checkin`` from
the command line (each proposal explained in one sentence, and writable as a profile)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from treadmill_tui.cli import main
from treadmill_tui.history.cli import cmd_checkin
from treadmill_tui.history.journal import facts, pending_checkin, record_checkin
from treadmill_tui.history.paths import store_path
from treadmill_tui.history.store import Store, WalkMeta
from treadmill_tui.profiles import compile_profile, load_profile

WALKED = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # a Monday, late afternoon


def _walk(store: Store, when: datetime, *, simulated: bool = False, zone: str = "green") -> int:
    walk_id = store.begin_walk(WalkMeta(profile="w", simulated=simulated, planned_s=600), now=when)
    store.append(
        walk_id,
        [],
        [{"t": 1.0, "type": "pain", "details": {"nrs": 2, "zone": zone, "baseline": 2}}],
        first_seq=0,
        now=when,
    )
    store.finish_walk(
        walk_id,
        {"outcome": "completed", "active_s": 600.0, "duration_s": 610.0, "pain_readings": []},
        now=when + timedelta(minutes=11),
    )
    return walk_id


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (WALKED + timedelta(hours=3), False),  # same evening
        (datetime(2026, 3, 3, 3, 59, tzinfo=UTC), False),  # next day before 04:00
        (datetime(2026, 3, 3, 4, 0, tzinfo=UTC), True),  # from 04:00
        (datetime(2026, 3, 6, 9, 0, tzinfo=UTC), True),  # days later: still asked once
    ],
)
def test_the_morning_question_is_due_from_four_the_next_day(
    tmp_path: Path, now: datetime, due: bool
) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        walk_id = _walk(store, WALKED)
        pending = pending_checkin(store, now, tz=UTC)
        assert (pending is not None) is due
        if pending is not None:
            assert pending.walk.id == walk_id
            record_checkin(store, walk_id, 2, now)
            assert pending_checkin(store, now, tz=UTC) is None  # answered once only


def test_simulated_walks_ask_only_when_asked_to(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        _walk(store, WALKED, simulated=True)
        later = WALKED + timedelta(days=1)
        assert pending_checkin(store, later, tz=UTC) is None
        assert pending_checkin(store, later, tz=UTC, include_simulated=True) is not None
        assert facts(store)[0] == []
        assert len(facts(store, include_simulated=True)[0]) == 1


@pytest.mark.parametrize(
    ("usual", "nrs", "words"),
    [
        (None, None, "Skipped"),
        (1, 2, "settled"),
        (1, 3, "steps back"),
        (5, 6, "steps back"),
    ],
)
def test_record_checkin_says_what_the_answer_means(
    tmp_path: Path, usual: int | None, nrs: int | None, words: str
) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        if usual is not None:
            store.set_setting("usual_morning_nrs", str(usual))
        walk_id = _walk(store, WALKED)
        used, sentence = record_checkin(store, walk_id, nrs, WALKED + timedelta(days=1))
        assert used == usual and words in sentence
        (checkin,) = store.checkins()
        assert (checkin.walk_id, checkin.nrs, checkin.usual) == (walk_id, nrs, usual)


def _args(tmp_path: Path, **kw: object) -> argparse.Namespace:
    base: dict[str, object] = {
        "data_dir": str(tmp_path),
        "nrs": None,
        "skip": False,
        "usual": None,
        "with_simulated": False,
    }
    base.update(kw)
    return argparse.Namespace(**base)


def test_checkin_asks_and_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], late_morning: datetime
) -> None:
    with Store.open(store_path(tmp_path)) as store:
        _walk(store, late_morning - timedelta(days=2))
    asked: list[str] = []

    def answer(question: str) -> str:
        asked.append(question)
        return "4"

    assert cmd_checkin(_args(tmp_path, usual=1), ask=answer) == 0
    assert "0-10" in asked[0]
    out = capsys.readouterr().out
    assert "usual morning pain is now 1" in out and "steps back" in out
    assert cmd_checkin(_args(tmp_path), ask=answer) == 0
    assert "No walk is waiting" in capsys.readouterr().out
    with Store.open(store_path(tmp_path)) as store:
        assert [c.nrs for c in store.checkins()] == [4]


def test_next_explains_in_one_sentence_and_writes_a_valid_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], late_morning: datetime
) -> None:
    with Store.open(store_path(tmp_path)) as store:
        _walk(store, late_morning - timedelta(days=1, hours=1))
    out_file = tmp_path / "next.toml"
    assert main(["--data-dir", str(tmp_path), "next", "--write", str(out_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("The morning question")
    assert lines[1] == "Next walk: 10 min, 3 walks a week, flat, no metronome."
    why = lines[2].removeprefix("Why: ")
    assert "not answered" in why and why.endswith(".") and ". " not in why
    timeline = compile_profile(load_profile(out_file))
    assert timeline.duration_s == 600


def test_next_after_a_stop_is_locked_until_cleared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], late_morning: datetime
) -> None:
    with Store.open(store_path(tmp_path)) as store:
        _walk(store, late_morning - timedelta(days=1), zone="stop")
    assert main(["--data-dir", str(tmp_path), "next"]) == 0
    out = capsys.readouterr().out
    assert "Locked: the last walk ended with a STOP" in out and "--cleared" in out
    assert main(["--data-dir", str(tmp_path), "next", "--cleared"]) == 0
    assert "flat belt" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "next"]) == 0  # remembered
    assert "flat belt" in capsys.readouterr().out


def test_a_proposal_with_incline_and_cadence_makes_a_valid_profile(tmp_path: Path) -> None:
    from treadmill_tui.history.plan_profile import profile_text
    from treadmill_tui.history.progression import Dose, Proposal, Rule

    for minutes in (6, 12, 25, 45):
        proposal = Proposal(Dose(minutes, 3, 1.5, 96.0), Rule.PLAN, "week 4: up.", 4)
        path = tmp_path / f"p{minutes}.toml"
        path.write_text(profile_text(proposal, speed_kmh=3.4, last_cadence_spm=94.0))
        timeline = compile_profile(load_profile(path))
        assert timeline.duration_s == minutes * 60
