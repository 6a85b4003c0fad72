"""The home screen on a real start (no --profile): the treadmill in use, today's proposed walk
with its reason and totals (Enter starts it, the belt still waits for S), the walk list on P,
the last walks with pain before → after, and the first-run safety text remembered in the
settings file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widget import Widget

from tests.ui.helpers import FAST, RUNNER, answer_baseline, belt, state, wait_until
from tests.ui.snapshot_app import CSS
from tests.ui.test_advice_and_picker import SHORT
from tests.ui.test_snapshots import PICKER_PROFILE
from treadmill_tui.history.store import WalkRow
from treadmill_tui.profiles import compile_profile, load_profile
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.states import State
from treadmill_tui.settings import load_settings
from treadmill_tui.ui.app import TreadmillApp
from treadmill_tui.ui.choices import load_choice
from treadmill_tui.ui.first_run import FirstRunScreen
from treadmill_tui.ui.home_view import (
    NO_PROPOSAL,
    NO_WALKS,
    TITLE,
    device_text,
    home_view,
    recent_lines,
    stored_walks,
    top_speed_kmh,
    totals_text,
)
from treadmill_tui.ui.screens.device import DeviceScreen
from treadmill_tui.ui.screens.home import HomeScreen
from treadmill_tui.ui.screens.picker import PickerScreen

SnapCompare = Callable[..., bool]
SIZE = (120, 40)


def row(day: int, profile: str, before: int | None, after: int | None) -> WalkRow:
    return WalkRow(
        id=day, started_at=datetime(2026, 12, day, 9, 0, tzinfo=UTC), profile=profile,
        simulated=False, partial=False, recording=False, outcome="done", planned_s=600.0,
        duration_s=630.0, active_s=600.0, distance_m=400.0, elevation_gain_m=0.0,
        max_speed_kmh=3.0, max_incline_pct=0.0, baseline=before, max_nrs=after,
        post_nrs=after, worst_zone="green", rpe=None, session_number=day, device="sim",
    )  # fmt: skip


ROWS = [row(1, "First week", 3, 3), row(3, "First week", 3, 2), row(5, "Longer walk", 2, None)]
REASON = "the last two walks were easy and your back settled by the next morning."
SUGGESTION = f"Suggested next walk: 12 min, 3 walks a week, flat. Why: {REASON}"


def timeline(tmp_path: Path, minutes: int = 9) -> Timeline:
    path = tmp_path / "next.toml"
    path.write_text(
        PICKER_PROFILE.format(name="Next walk: 12 minutes", description="x", minutes=minutes)
    )
    return compile_profile(load_profile(path))


def shown(widget: Widget) -> str:
    return str(widget.render())


# -- what it says (pure) -------------------------------------------------------------------------


def test_recent_walks_newest_first_with_pain_before_and_after() -> None:
    lines = recent_lines(ROWS, tz=UTC)
    assert lines == [
        "Sat 05 Dec  Longer walk  10 min  pain 2 → –",
        "Thu 03 Dec  First week  10 min  pain 3 → 2",
        "Tue 01 Dec  First week  10 min  pain 3 → 3",
    ]


def test_the_device_line_names_the_treadmill() -> None:
    assert device_text("simulator") == "Simulated treadmill (no Bluetooth)"
    assert device_text("AA:BB:CC:DD:EE:FF", "WalkingPad") == "WalkingPad (AA:BB:CC:DD:EE:FF)"
    assert device_text("AA:BB:CC:DD:EE:FF") == "AA:BB:CC:DD:EE:FF"


def test_totals_say_duration_top_speed_and_distance(tmp_path: Path) -> None:
    walk = timeline(tmp_path)  # 3 min at 2.0 km/h, then 9 min at 2.5 km/h
    assert top_speed_kmh(walk) == 2.5
    assert totals_text(walk).startswith("12 min · up to 2.5 km/h · about 0.")


def test_today_is_the_proposal_its_totals_and_why(tmp_path: Path) -> None:
    walk = timeline(tmp_path)
    view = home_view("Simulated", SUGGESTION, walk, recent_lines(ROWS, tz=UTC), REASON)
    assert view.proposal and view.enter_text == "Start today's walk"
    assert view.today == ("Next walk: 12 minutes", totals_text(walk), f"Why: {REASON}")
    assert view.recent[0].startswith("Sat 05 Dec  Longer walk")


def test_without_history_enter_chooses_a_walk() -> None:
    view = home_view("Simulated", None, None, [])
    assert not view.proposal and view.enter_text == "Choose a walk"
    assert view.today == (NO_PROPOSAL,) and view.recent == (NO_WALKS,)
    locked = home_view("Simulated", "Progression is paused after a STOP.", None, [])
    assert locked.today == ("Progression is paused after a STOP.",) and not locked.proposal


def test_no_store_means_no_walks(tmp_path: Path) -> None:
    assert stored_walks(tmp_path / "missing.sqlite3") == []


# -- the real start (Pilot) ----------------------------------------------------------------------


def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A history with a proposal for today (the last walk's morning answered)."""
    from tests.ui.history_fixtures import FIRST, fill_store
    from treadmill_tui.history.paths import DATA_DIR_ENV, store_path
    from treadmill_tui.history.store import Store

    data = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    fill_store(store_path(data))
    with Store.open(store_path(data)) as store:
        store.add_checkin(store.ids()[-1], 1, 1, now=FIRST)
    return data


async def home_of(pilot: Pilot[int], app: TreadmillApp) -> HomeScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert isinstance(app.screen, HomeScreen)
    return app.screen


async def test_home_shows_the_treadmill_todays_walk_and_why_and_the_last_walks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(tmp_path, monkeypatch)
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        assert home.title == TITLE  # in the header
        assert "Treadmill: Simulated treadmill" in shown(home.query_one("#home-device"))
        today = shown(home.query_one("#home-today-text"))
        assert home.proposal is not None and home.proposal.name.startswith("Next walk: ")
        assert home.proposal.name in today and " min · up to " in today and "Why: " in today
        assert "Press Enter: Start today's walk." in shown(home.query_one("#home-enter"))
        recent = shown(home.query_one("#home-recent")).splitlines()
        assert len(recent) == 3 and all(" pain " in line and " → " in line for line in recent)
        assert "Walk 8" in recent[0]  # the newest first
        assert app.runner is None and app.machine is None  # nothing is built on the home screen


async def test_enter_starts_todays_walk_and_the_belt_waits_for_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treadmill_tui.ui.history_hook import PROPOSED_WALK_FILE

    data = seeded(tmp_path, monkeypatch)
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        proposal = home.proposal
        assert proposal is not None
        await pilot.press("enter")
        await answer_baseline(pilot, app)  # the pre-walk check first, as from the picker
        assert app.timeline is proposal  # exactly today's proposal, as the picker would start it
        assert (data / PROPOSED_WALK_FILE).exists()  # written beside the store, as for the list
        assert app.screen is app.walk and app.title == proposal.name
        await pilot.pause(0.6)
        assert belt(app) == 0.0 and state(app) is State.WAITING_START  # nothing moves until S
        await pilot.press("s")
        await wait_until(pilot, lambda: belt(app) > 0.5)


async def test_h_shows_the_history_and_help_lists_the_home_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treadmill_tui.ui.screens.help import HelpScreen
    from treadmill_tui.ui.screens.history import HistoryScreen

    seeded(tmp_path, monkeypatch)
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown_help = app.screen
        assert isinstance(shown_help, HelpScreen)
        listed = "\n".join(shown_help.lines)
        for words in ("Start today's walk", "Another walk", "Treadmill", "History"):
            assert words in listed
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home)
        await pilot.press("space")  # no belt here: Space does nothing, and nothing breaks
        await pilot.pause()
        assert app.screen is home and app.runner is None


async def test_without_history_enter_opens_the_walk_list_and_escape_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treadmill_tui.history.paths import DATA_DIR_ENV

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "empty"))
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        assert home.proposal is None
        assert NO_PROPOSAL in shown(home.query_one("#home-today-text"))
        assert NO_WALKS in shown(home.query_one("#home-recent"))
        assert "Press Enter: Choose a walk." in shown(home.query_one("#home-enter"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert not picker.choices[0].name.startswith("Next walk: ")  # nothing proposed
        await pilot.press("escape")  # back home, not out of the app
        await home_of(pilot, app)
        assert app.is_running and app.runner is None


async def test_p_opens_the_walk_list_with_todays_proposal_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(tmp_path, monkeypatch)
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_of(pilot, app)
        proposal = home.proposal
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker.choices[0].timeline is proposal and len(picker.choices) > 1
        await pilot.press("down", "enter")  # another walk than today's
        await answer_baseline(pilot, app)
        assert app.timeline is picker.choices[1].timeline and belt(app) == 0.0


async def test_t_opens_the_device_step_and_escape_keeps_the_treadmill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_device_step import fake_scanner
    from treadmill_tui.history.paths import DATA_DIR_ENV

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "empty"))
    app = TreadmillApp(None, sound=False, scanner=fake_scanner([]))
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, DeviceScreen))
        await pilot.press("escape")
        home = await home_of(pilot, app)
        assert "Simulated treadmill" in shown(home.query_one("#home-device"))
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, DeviceScreen))
        await pilot.press("enter")  # the simulator, first in the list
        await home_of(pilot, app)
        assert app.is_running


async def test_after_a_walk_w_goes_back_home_with_the_walk_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treadmill_tui.history.paths import DATA_DIR_ENV
    from treadmill_tui.ui.screens.post_walk import PostWalkScreen
    from treadmill_tui.ui.screens.summary import SummaryScreen
    from treadmill_tui.ui.screens.walk import WalkScreen

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    (tmp_path / "short.toml").write_text(SHORT, encoding="utf-8")
    short = load_choice(tmp_path / "short.toml")
    app = TreadmillApp(
        None, choices=[short], home=True, sim_config=FAST, sound=False, runner_settings=RUNNER
    )
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.press("enter", "enter")  # no proposal yet: the list, then the short walk
        await answer_baseline(pilot, app)
        await pilot.press("s")
        await wait_until(pilot, lambda: belt(app) > 0.5)
        await pilot.press("right_square_bracket")  # skip to the end of the programme
        await wait_until(pilot, lambda: isinstance(app.screen, PostWalkScreen), within_s=10)
        await pilot.press("1", "n", "1", "3", "enter", "enter")
        await wait_until(pilot, lambda: state(app) is State.FINISHED)
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WalkScreen))
        await pilot.press("w")
        home = await home_of(pilot, app)
        assert app.runner is None
        recent = shown(home.query_one("#home-recent"))
        assert NO_WALKS not in recent and "pain 2 → 1" in recent


# -- the first run -------------------------------------------------------------------------------


async def test_the_first_run_shows_the_safety_text_once_and_remembers_it_in_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "config" / "settings.toml"  # not there yet
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(settings))
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
        assert "safety key" in shown(app.screen.query_one("#first-run-text"))
        await pilot.press("enter")
        await home_of(pilot, app)
    text = settings.read_text(encoding="utf-8")
    assert text.rstrip().endswith("safety_acknowledged = true")
    assert text.startswith("# treadmill-tui settings")  # made from the commented starter
    assert load_settings(settings).safety_acknowledged
    again = TreadmillApp(None, sound=False)
    async with again.run_test(size=SIZE) as pilot:
        await home_of(pilot, again)
        await pilot.pause(0.2)
        assert isinstance(again.screen, HomeScreen)  # remembered: not shown twice


async def test_the_first_run_appends_to_a_settings_file_without_a_final_newline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('# mine\nemergency_number = "999"', encoding="utf-8")
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(settings))
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
        await pilot.press("enter")
        await home_of(pilot, app)
    text = settings.read_text(encoding="utf-8")
    assert text.startswith('# mine\nemergency_number = "999"\n\n#')  # their lines untouched
    loaded = load_settings(settings)
    assert loaded.safety_acknowledged and loaded.emergency_number == "999"


async def test_the_older_acknowledgement_file_still_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREADMILL_TUI_CONFIG", str(tmp_path / "settings.toml"))
    (tmp_path / "safety-acknowledged").write_text("read\n")
    app = TreadmillApp(None, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        await home_of(pilot, app)
        await pilot.pause(0.2)
        assert isinstance(app.screen, HomeScreen)
    assert not (tmp_path / "settings.toml").exists()  # nothing written on a plain start


# -- snapshots -----------------------------------------------------------------------------------


SUB_TITLE = "simulated treadmill"


class HomeHost(App[None]):
    """The real home screen with fixed text (the real start reads today's date and the
    machine's time zone), under the real app's stylesheet and app keys."""

    CSS_PATH = str(CSS)
    TITLE = "treadmill-tui"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [  # as the real app's that show on the home screen
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, screen: HomeScreen, sub_title: str = SUB_TITLE) -> None:
        super().__init__()
        self.home = screen
        self.sub_title = sub_title

    def on_mount(self) -> None:
        self.push_screen(self.home)

    def action_history(self) -> None:
        pass


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_home_snapshot(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    walk = timeline(tmp_path)
    view = home_view(device_text("simulator"), SUGGESTION, walk, recent_lines(ROWS, tz=UTC), REASON)
    assert snap_compare(HomeHost(HomeScreen(view, walk)), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_home_snapshot_before_any_walk(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    view = home_view(device_text("AA:BB:CC:DD:EE:FF", "WalkingPad"), None, None, [])
    host = HomeHost(HomeScreen(view, None), sub_title="WalkingPad")
    assert snap_compare(host, terminal_size=size)


async def test_coming_back_home_does_not_write_todays_proposal_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's proposal is written and compiled once per reading of the history, not each time
    home opens again (after the walk list or the device step)."""
    seeded(tmp_path, monkeypatch)
    app = TreadmillApp(None, sound=False)
    written: list[str] = []
    save = app.history.save_proposal

    def counted(text: str) -> Path | None:
        written.append(text)
        return save(text)

    monkeypatch.setattr(app.history, "save_proposal", counted)
    async with app.run_test(size=SIZE) as pilot:
        first = await home_of(pilot, app)
        for key in ("p", "t"):
            await pilot.press(key)
            await wait_until(pilot, lambda: app.screen is not first)
            await pilot.press("escape")
            again = await home_of(pilot, app)
            assert again.proposal is first.proposal
    assert len(written) == 1
