"""``treadmill-tui scan`` and ``treadmill-tui probe ADDRESS``: find and describe Bluetooth
treadmills, footpods and heart-rate straps (docs/bluetooth.md).

No Bluetooth at all (no adapter, switched off, BlueZ not running, no permission) is exit
status 2 with two plain lines saying what to check; never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

from treadmill_tui.devices.errors import DeviceError

EXIT_OK, EXIT_FAILED, EXIT_NO_BLUETOOTH = 0, 1, 2

T = TypeVar("T")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scan = subparsers.add_parser(
        "scan",
        help="list Bluetooth treadmills, footpods and heart-rate straps nearby",
        description=(
            "Listen for devices advertising Fitness Machine, Running Speed and Cadence or "
            "Heart Rate, and list them strongest signal first."
        ),
    )
    scan.add_argument(
        "--timeout", type=_seconds, default=5.0, metavar="S", help="listen this long (default 5)"
    )
    scan.add_argument("--json", action="store_true", help="print a JSON list")
    scan.set_defaults(func=cmd_scan)

    probe = subparsers.add_parser(
        "probe",
        help="connect to a treadmill and print what a bug report needs (moves nothing)",
        description=(
            "Connect, read the treadmill's features and ranges, ask for control once, then "
            "disconnect (which releases control). Never sends Start, a target or a stop."
        ),
    )
    probe.add_argument("address", metavar="ADDRESS", help="Bluetooth address, from 'scan'")
    probe.add_argument("--json", action="store_true", help="print one JSON object")
    probe.set_defaults(func=cmd_probe)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number of seconds, not {text!r}") from None
    if not 0 < value <= 120:
        raise argparse.ArgumentTypeError(f"between 0 and 120 seconds, not {value:g}")
    return value


def no_bluetooth_lines(err: DeviceError) -> list[str]:
    """The two lines printed when Bluetooth cannot be used at all."""
    from treadmill_tui.devices.bluetooth.errors import CHECK_HINT, BluetoothUnavailable

    reason = err.reason if isinstance(err, BluetoothUnavailable) else str(err)
    hint = CHECK_HINT[0].upper() + CHECK_HINT[1:]
    return [f"treadmill-tui: Bluetooth is not usable: {reason}.", f"  {hint}."]


def run_device_command(coro: Coroutine[Any, Any, T]) -> tuple[int, T | None]:
    """Run ``coro``; a ``DeviceError`` becomes its lines on stderr and an exit status."""
    from treadmill_tui.devices.bluetooth.errors import BluetoothUnavailable

    try:
        return EXIT_OK, asyncio.run(coro)
    except BluetoothUnavailable as err:
        for line in no_bluetooth_lines(err):
            print(line, file=sys.stderr)
        return EXIT_NO_BLUETOOTH, None
    except DeviceError as err:
        print(f"treadmill-tui: {err}", file=sys.stderr)
        return EXIT_FAILED, None


def cmd_scan(args: argparse.Namespace) -> int:
    from treadmill_tui.devices.bluetooth.scan import scan

    status, found = run_device_command(scan(args.timeout))
    if found is None:
        return status
    if args.json:
        print(json.dumps([f.to_dict() for f in found], indent=2))
        return EXIT_OK
    if not found:
        print(
            "No treadmill, footpod or heart-rate strap found. Is it switched on, awake (walk on "
            "it or press a key) and not connected to a phone?"
        )
        return EXIT_OK
    print(f"{'SIGNAL':>7}  {'KIND':<17} {'ADDRESS':<17}  NAME")
    for f in found:
        print(f"{f.rssi:>4} dBm  {f.kind:<17} {f.address:<17}  {f.label}")
    return EXIT_OK


def cmd_probe(args: argparse.Namespace) -> int:
    from treadmill_tui.devices.bluetooth.probe import describe, probe
    from treadmill_tui.devices.bluetooth.quirks import QuirksError, load_quirks
    from treadmill_tui.devices.bluetooth.transport import BleakTransport
    from treadmill_tui.devices.opening import BadDeviceSpec, is_address, open_transport
    from treadmill_tui.settings import settings_path

    if not is_address(args.address):
        print(f"treadmill-tui: {BadDeviceSpec(args.address)}", file=sys.stderr)
        return EXIT_FAILED
    try:
        quirks = load_quirks(settings_path().parent)
    except QuirksError as err:
        print(f"treadmill-tui: {err}", file=sys.stderr)
        return EXIT_FAILED
    transport = open_transport(args.address, quirks=quirks)
    assert isinstance(transport, BleakTransport)
    status, report = run_device_command(probe(transport))
    if report is None:
        return status
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print("\n".join(describe(report)))
    return EXIT_OK


def check_device(address: str) -> int:
    """Before the dashboard connects to ``address``: a usable address and usable Bluetooth
    (0), or the lines saying what is wrong and exit status 2."""
    from treadmill_tui.devices.bluetooth.scan import check_bluetooth
    from treadmill_tui.devices.opening import BadDeviceSpec, is_address

    if not is_address(address):
        print(f"treadmill-tui: {BadDeviceSpec(address)}", file=sys.stderr)
        return EXIT_NO_BLUETOOTH
    status, _ = run_device_command(check_bluetooth())
    return EXIT_NO_BLUETOOTH if status else EXIT_OK
