"""scan, probe and --device: no Bluetooth means exit 2 and two plain lines, never a traceback;
probe over the rig reports what a bug report needs and moves nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import bleak
import pytest
from bleak.backends.scanner import BaseBleakScanner
from bleak.exc import (
    BleakBluetoothNotAvailableError,
    BleakBluetoothNotAvailableReason,
    BleakDBusError,
)

from tests.devices.ble_rig.rig import TREADMILL, build_rig
from treadmill_tui.cli import main
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.bluetooth.probe import describe, probe
from treadmill_tui.devices.bluetooth.quirks import load_quirks
from treadmill_tui.devices.bluetooth.transport import BleakTransport
from treadmill_tui.ftms import OpCode

ROOT = Path(__file__).resolve().parents[2]

FAILURES = {
    "no-dbus": FileNotFoundError(2, "No such file or directory"),
    "no-permission": PermissionError(13, "Permission denied"),
    "no-adapter": BleakBluetoothNotAvailableError(
        "No Bluetooth adapters found.", BleakBluetoothNotAvailableReason.NO_BLUETOOTH
    ),
    "powered-off": BleakBluetoothNotAvailableError(
        "Bluetooth is off", BleakBluetoothNotAvailableReason.POWERED_OFF
    ),
    "bluez-down": BleakDBusError("org.freedesktop.DBus.Error.ServiceUnknown", []),
}


def without_bluetooth(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Every scan fails the way bleak fails on a machine without usable Bluetooth."""

    class Broken(BaseBleakScanner):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(None, None)

        async def start(self) -> None:
            raise error

        async def stop(self) -> None:
            pass

    monkeypatch.setattr(bleak, "get_platform_scanner_backend_type", lambda: (Broken, "broken"))


def check_two_lines(err: str) -> None:
    lines = err.strip().splitlines()
    assert 1 <= len(lines) <= 2, lines
    assert "Traceback" not in err
    assert "Bluetooth" in lines[0]
    assert "BlueZ" in err and "adapter" in err


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize(
    "argv", [["scan"], ["probe", "C0:00:00:00:00:10"], ["--device", "C0:00:00:00:00:10"]]
)
def test_no_bluetooth_is_exit_2_with_two_lines(
    argv: list[str],
    failure: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    without_bluetooth(monkeypatch, FAILURES[failure])
    assert main([*argv]) == 2
    out, err = capsys.readouterr()
    check_two_lines(err)
    assert out == ""


@pytest.mark.skipif(sys.platform != "linux", reason="BlueZ is reached over D-Bus on Linux only")
@pytest.mark.parametrize("argv", [["scan", "--timeout", "1"], ["probe", "C0:00:00:00:00:10"]])
def test_no_bluez_in_a_real_process(argv: list[str], tmp_path: Path) -> None:
    """A real run with the system bus pointed nowhere: what a machine without BlueZ sees."""
    env = {
        **os.environ,
        "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={tmp_path / 'no-such-bus'}",
        "TREADMILL_TUI_CONFIG": str(tmp_path / "settings.toml"),
        "TREADMILL_TUI_LOG_DIR": str(tmp_path / "logs"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "treadmill_tui", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    check_two_lines(done.stderr)


def test_probe_rejects_a_non_address(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["probe", "my-treadmill"]) == 1
    assert "not a Bluetooth address" in capsys.readouterr().err


def test_probe_over_the_rig_reports_and_moves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    async def body() -> None:
        rig = await build_rig(monkeypatch)
        try:
            report = await probe(BleakTransport(TREADMILL, quirks=load_quirks(None)))
            assert rig.cp_ops() == [OpCode.REQUEST_CONTROL], "only control was asked for"
            assert not rig.machine.running and rig.machine.speed_kmh == 0.0
            assert not rig.treadmill.connection, "disconnected: control released"
            data = report.to_dict()
            json.dumps(data)
            assert data["name"] == "RIG TREADMILL"
            assert data["control"] == "granted"
            assert data["speed_range_kmh"] == [1.0, 12.0, 0.1]
            assert data["incline_range_pct"] == [0.0, 12.0, 0.5]
            assert data["training_status"] is True
            assert {"speed", "inclination"} <= set(data["target_settings"])
            assert data["raw"]["feature"] == "1c 10 00 00 03 00 00 00"
            assert data["quirk"] is None
            text = "\n".join(describe(report))
            assert "Request Control: granted" in text
            assert "nothing was sent that moves the belt" in text
        finally:
            await rig.close()

    run_virtual(body())


def test_probe_reports_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    async def body() -> None:
        rig = await build_rig(monkeypatch)
        try:
            rig.treadmill.silent = True
            report = await probe(BleakTransport(TREADMILL), control_timeout_s=2.0)
            assert report.control == "no answer"
        finally:
            await rig.close()

    run_virtual(body())
