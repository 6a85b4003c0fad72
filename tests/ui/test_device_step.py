"""The device step: simulator first, last used next, live scan results; sensors chosen there;
no Bluetooth is a notice, not an end. The header shows a Bluetooth link in words and the walker
can cancel a reconnect."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from tests.ui.helpers import FAST, RUNNER, WALK_PROFILE, answer_baseline, state, wait_until
from treadmill_tui.devices.bluetooth.errors import BluetoothUnavailable
from treadmill_tui.devices.bluetooth.scan import Found, Kind
from treadmill_tui.devices.remembered import Remembered, RememberedDevices, load_remembered
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.session.states import State
from treadmill_tui.ui.app import TreadmillApp, load_timeline
from treadmill_tui.ui.screens.device import DeviceScreen, Scanner, bars
from treadmill_tui.ui.screens.picker import PickerScreen

SIZE = (120, 36)
TM = "C0:00:00:00:00:10"
FOUND = [
    Found(TM, "RIG TREADMILL", -48, Kind.TREADMILL, True),
    Found("C0:00:00:00:00:30", "RIG HR STRAP", -62, Kind.HEART_RATE, None),
    Found("C0:00:00:00:00:20", "RIG FOOTPOD", -70, Kind.FOOTPOD, None),
]


def fake_scanner(found: list[Found]) -> Scanner:
    async def scanner(timeout_s: float, *, on_update: Callable[[list[Found]], None]) -> list[Found]:
        for n in range(1, len(found) + 1):
            await asyncio.sleep(0.05)
            on_update(found[:n])
        return found

    return scanner


async def broken_scanner(timeout_s: float, *, on_update: object) -> list[Found]:
    raise BluetoothUnavailable("no Bluetooth adapter was found")


def shown(widget: Static) -> str:
    return str(widget.render())


def device_app(tmp_path: Path, scanner: Scanner, **kwargs: object) -> TreadmillApp:
    path = tmp_path / "profile.toml"
    path.write_text(WALK_PROFILE, encoding="utf-8")
    return TreadmillApp(
        load_timeline(str(path)),
        device=None,
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
        scanner=scanner,
        settings_dir=tmp_path,
        **kwargs,  # type: ignore[arg-type]
    )


def test_bars() -> None:
    assert bars(-48) == "▂▄▆█" and bars(-75) == "▂▄··" and bars(-95) == "····"


async def test_simulator_first_last_used_next_scan_results_live(tmp_path: Path) -> None:
    remembered = RememberedDevices(treadmill=Remembered("C0:00:00:00:00:99", "OLD TREAD"))
    app = device_app(tmp_path, fake_scanner(FOUND), remembered=remembered)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DeviceScreen)
        screen = app.screen
        await wait_until(pilot, lambda: len(screen.entries) == 5)
        labels = [str(screen.options.get_option_at_index(i).prompt) for i in range(5)]
        assert labels[0].startswith("Simulated treadmill")
        assert "last used" in labels[1] and "OLD TREAD" in labels[1]
        assert "RIG TREADMILL" in labels[2] and "-48 dBm" in labels[2]
        assert "RIG HR STRAP" in labels[3] and "RIG FOOTPOD" in labels[4]
        await pilot.press("down", "down", "down", "down", "enter")  # choose the footpod
        assert "RIG FOOTPOD" in shown(screen.sensors)
        assert "✓" in str(screen.options.get_option_at_index(4).prompt)
        await pilot.press("up", "up", "up", "up", "enter")  # the simulator
        await wait_until(pilot, lambda: app.runner is not None)
        assert app.machine is not None, "the simulated treadmill drives the walk"
        assert app.sub_title == "simulated treadmill"
        saved = load_remembered(tmp_path)
        assert saved.footpod is not None and saved.footpod.address == "C0:00:00:00:00:20"
        assert saved.treadmill == remembered.treadmill  # the simulator is not remembered


async def test_no_bluetooth_is_a_notice_and_the_simulator_still_works(tmp_path: Path) -> None:
    app = device_app(tmp_path, broken_scanner)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeviceScreen)
        await wait_until(pilot, lambda: "not usable" in shown(screen.notice))
        text = shown(screen.notice)
        assert "no Bluetooth adapter" in text and "simulated treadmill still works" in text
        await pilot.press("enter")
        await wait_until(pilot, lambda: state(app) is State.READY)
        await answer_baseline(pilot, app)


async def test_without_a_profile_the_home_screen_follows_the_device_step(tmp_path: Path) -> None:
    from treadmill_tui.ui.screens.home import HomeScreen

    remembered = RememberedDevices(treadmill=Remembered("C0:00:00:00:00:99", "OLD TREAD"))
    app = TreadmillApp(
        None,
        device=None,
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
        scanner=fake_scanner([]),
        settings_dir=tmp_path,
        remembered=remembered,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DeviceScreen)
        await pilot.press("enter")  # the simulator
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        device = str(app.screen.query_one("#home-device").render())
        assert "Treadmill: Simulated treadmill" in device
        await pilot.press("t")  # change it: the same device step, the last-used one second
        await wait_until(pilot, lambda: isinstance(app.screen, DeviceScreen))
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        device = str(app.screen.query_one("#home-device").render())
        assert "Treadmill: OLD TREAD (C0:00:00:00:00:99)" in device and app.sub_title == "OLD TREAD"
        assert app.machine is None and app.runner is None  # nothing connects before a walk
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))


async def test_header_shows_the_link_and_the_walker_cancels_a_reconnect(tmp_path: Path) -> None:
    machine = SimulatedTreadmill(FAST)

    def factory(spec: str) -> FtmsTransport:
        assert spec == TM
        return SimulatedTransport(machine)

    path = tmp_path / "profile.toml"
    path.write_text(WALK_PROFILE, encoding="utf-8")
    app = TreadmillApp(
        load_timeline(str(path)),
        device=TM,
        device_name="RIG TREADMILL",
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
        transport_factory=factory,
        settings_dir=tmp_path,
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.sub_title == "RIG TREADMILL · in control")
        machine.drop_link(restore_after_s=None)
        await wait_until(pilot, lambda: "reconnecting" in app.sub_title)
        assert app.check_action("cancel_reconnect", ()) is True
        await pilot.press("x")
        await wait_until(pilot, lambda: app.sub_title.endswith("lost (reconnect cancelled)"))
        machine.restore_link()
        assert app.check_action("reconnect", ()) is True
        await pilot.press("l")
        await wait_until(pilot, lambda: app.sub_title.endswith("in control"), within_s=20.0)
        assert not machine.running, "a returning link never starts the belt"
