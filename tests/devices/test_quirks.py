"""Quirks: the TOML table, what it rewrites, and that it acts below the Treadmill client."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.devices.ble_rig.rig import TREADMILL, build_rig
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.bluetooth.probe import probe
from treadmill_tui.devices.bluetooth.quirks import (
    QuirksError,
    bundled_quirks,
    load_quirks,
    parse_quirks,
    quirk_for,
)
from treadmill_tui.devices.bluetooth.transport import BleakTransport
from treadmill_tui.devices.treadmill import Treadmill
from treadmill_tui.ftms import (
    FITNESS_MACHINE_FEATURE,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    Features,
    InclinationRange,
    SpeedRange,
    decode_features,
    decode_inclination_range,
    decode_speed_range,
    encode_features,
    encode_inclination_range,
)

QUIRK = """
[[quirk]]
match = "RIG TREAD*"
note = "the rig's incline bit lies"
ignore_targets = ["inclination"]
ignore_features = ["elevation_gain"]
command_spacing_ms = 250
"""


def test_bundled_table_parses() -> None:
    assert isinstance(bundled_quirks(), list)


def test_match_is_a_case_insensitive_glob() -> None:
    (q,) = parse_quirks(QUIRK, "t")
    assert q.matches("rig treadmill") and q.matches("RIG TREADMILL 2")
    assert not q.matches("OTHER") and not q.matches(None)
    assert quirk_for("rig treadmill", [q]) is q


def test_rewrites_features_and_supplies_ranges() -> None:
    (q,) = parse_quirks(
        '[[quirk]]\nmatch = "X"\nspeed_range = [1.0, 6.0, 0.1]\nincline_step = 1.0\n'
        'ignore_features = ["pace"]\n',
        "t",
    )
    raw = encode_features(Features((1 << 5) | (1 << 2), 0))
    f = decode_features(q.rewrite(FITNESS_MACHINE_FEATURE, raw))
    assert f.features_raw == 1 << 2 and f.supports_speed_target
    supplied = q.supplies(SUPPORTED_SPEED_RANGE)
    assert supplied is not None and decode_speed_range(supplied) == SpeedRange(1.0, 6.0, 0.1)
    grid = q.rewrite(
        SUPPORTED_INCLINATION_RANGE, encode_inclination_range(InclinationRange(0, 10, 0.5))
    )
    assert decode_inclination_range(grid) == InclinationRange(0, 10, 1.0)
    assert q.rewrite(FITNESS_MACHINE_FEATURE, b"\x01") == b"\x01"  # unreadable: left alone


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[quirk]]\nmatch = 3\n", "'match' must be"),
        ('[[quirk]]\nmatch = "X"\nspeed = 1\n', "unknown key 'speed'"),
        ('[[quirk]]\nmatch = "X"\nignore_targets = ["warp"]\n', "'warp'"),
        ('[[quirk]]\nmatch = "X"\nspeed_range = [6, 1, 0.1]\n', "quirk 1"),
        ('[[quirk]]\nmatch = "X"\nincline_range = [1, 2]\n', "[minimum, maximum, step]"),
        ('[[quirk]]\nmatch = "X"\ncommand_spacing_ms = -1\n', "zero or more"),
        ('[[quirk]]\nmatch = "X"\npair = "yes"\n', "true or false"),
        ("[[quirk]\n", "bad.toml"),
    ],
)
def test_mistakes_name_the_file_and_entry(text: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "quirks.toml").write_text(text, encoding="utf-8")
    with pytest.raises(QuirksError, match=message.replace("[", r"\[").replace("]", r"\]")) as info:
        if message == "bad.toml":
            parse_quirks(text, "bad.toml")
        else:
            load_quirks(tmp_path)
    assert "quirk" in str(info.value) or "bad.toml" in str(info.value)


def test_user_quirks_come_before_bundled(tmp_path: Path) -> None:
    (tmp_path / "quirks.toml").write_text(QUIRK, encoding="utf-8")
    quirks = load_quirks(tmp_path)
    assert quirks[0].match == "RIG TREAD*" and quirks[0].source.endswith("quirks.toml")


def test_quirk_applies_below_the_client_over_the_rig(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "quirks.toml").write_text(QUIRK, encoding="utf-8")
    quirks = load_quirks(tmp_path)

    async def body() -> None:
        rig = await build_rig(monkeypatch)
        try:
            transport = BleakTransport(TREADMILL, quirks=quirks)
            client = Treadmill(transport)
            caps = await client.connect()
            assert not caps.can_set_incline  # the lying bit is gone
            assert caps.can_set_speed
            assert "elevation_gain" not in caps.features.features
            await client.request_control()
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            await client.start()
            await client.set_target_speed(3.0)
            assert loop.time() - t0 >= 0.25  # commands spaced by the quirk
            await client.close()
            report = await probe(BleakTransport(TREADMILL, quirks=quirks))
            assert report.quirk is not None and report.quirk["match"] == "RIG TREAD*"
            assert report.quirk["command_spacing_ms"] == 250
        finally:
            await rig.close()

    run_virtual(body())


def test_pair_quirk_pairs_before_the_first_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "quirks.toml").write_text(
        '[[quirk]]\nmatch = "RIG TREADMILL"\npair = true\n', encoding="utf-8"
    )
    quirks = load_quirks(tmp_path)

    async def body() -> None:
        rig = await build_rig(monkeypatch)
        try:
            plain = Treadmill(BleakTransport(TREADMILL))
            await plain.connect()
            connection = rig.treadmill.connection
            assert connection is not None and not connection.is_encrypted
            await plain.close()
            client = Treadmill(BleakTransport(TREADMILL, quirks=quirks))
            await client.connect()
            connection = rig.treadmill.connection
            assert connection is not None and connection.is_encrypted  # Just Works pairing
            await client.request_control()
            await client.close()
        finally:
            await rig.close()

    run_virtual(body())
