"""What `scan` prints: strongest first, kind and flag, a table or JSON."""

from __future__ import annotations

import importlib
import json

import pytest

from treadmill_tui.cli import main
from treadmill_tui.devices.bluetooth.scan import Found, Kind, classify, treadmill_flag
from treadmill_tui.ftms import FTMS_SERVICE, HEART_RATE_SERVICE, RSC_SERVICE

# the package re-exports the function ``scan``, so fetch the module itself
scan_module = importlib.import_module("treadmill_tui.devices.bluetooth.scan")

FOUND = [
    Found("C0:00:00:00:00:10", "RIG TREADMILL", -48, Kind.TREADMILL, True),
    Found("C0:00:00:00:00:20", None, -70, Kind.FOOTPOD, None),
]


def test_classify_and_flag() -> None:
    assert treadmill_flag({FTMS_SERVICE: b"\x01\x01\x00"}) is True
    assert treadmill_flag({FTMS_SERVICE: b"\x01\x20\x00"}) is False  # an indoor bike
    assert treadmill_flag({FTMS_SERVICE: b"\x01"}) is None
    assert classify([FTMS_SERVICE], {}) is Kind.TREADMILL  # no service data: still listed
    assert classify([], {FTMS_SERVICE: b"\x01\x20\x00"}) is Kind.FITNESS_MACHINE
    assert classify([RSC_SERVICE.upper()], {}) is Kind.FOOTPOD
    assert classify([HEART_RATE_SERVICE], {}) is Kind.HEART_RATE
    assert classify(["0000180f-0000-1000-8000-00805f9b34fb"], {}) is None


@pytest.fixture
def found(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake(timeout_s: float = 5.0, **kwargs: object) -> list[Found]:
        return FOUND

    monkeypatch.setattr(scan_module, "scan", fake)


@pytest.mark.usefixtures("found")
def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--timeout", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["SIGNAL", "KIND", "ADDRESS", "NAME"]
    assert "-48 dBm" in lines[1] and "treadmill" in lines[1] and "RIG TREADMILL" in lines[1]
    assert "footpod" in lines[2] and "(no name)" in lines[2]


@pytest.mark.usefixtures("found")
def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {
        "address": "C0:00:00:00:00:10",
        "name": "RIG TREADMILL",
        "rssi": -48,
        "kind": "treadmill",
        "treadmill_flag": True,
    }


def test_nothing_found_says_what_to_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def empty(timeout_s: float = 5.0, **kwargs: object) -> list[Found]:
        return []

    monkeypatch.setattr(scan_module, "scan", empty)
    assert main(["scan"]) == 0
    assert "switched on" in capsys.readouterr().out


def test_bad_timeout_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["scan", "--timeout", "-1"])
    assert info.value.code == 2
