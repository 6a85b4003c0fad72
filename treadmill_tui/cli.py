"""Command line: ``treadmill-tui [--simulate] [SUBCOMMAND ...]``.

Each package that offers a subcommand has a ``cli`` module with ``register(subparsers)``; the
parser it adds sets ``func`` to a callable taking the parsed arguments and returning an exit
status. The dashboard is imported only when it is launched, so headless commands never load
Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from treadmill_tui import __version__
from treadmill_tui.crashlog import one_line, write_crash_log

SUBCOMMAND_MODULES = (
    "treadmill_tui.profiles.cli",
    "treadmill_tui.session.cli",
    "treadmill_tui.metronome.cli",
    "treadmill_tui.settings",
    "treadmill_tui.history.cli",
    "treadmill_tui.devices.cli",
    "treadmill_tui.launch",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treadmill-tui",
        description="Guided treadmill walks for people with low back pain.",
    )
    parser.add_argument("--version", action="version", version=f"treadmill-tui {__version__}")
    parser.add_argument(
        "--simulate",
        action="store_true",
        help="use the built-in simulated treadmill instead of a Bluetooth one",
    )
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="walk profile (TOML) to load in the dashboard",
    )
    parser.add_argument(
        "--no-sound", action="store_true", help="visual beat only, no metronome sound"
    )
    parser.add_argument(
        "--device",
        metavar="ADDRESS",
        help="connect to this Bluetooth treadmill straight away (see 'treadmill-tui scan')",
    )
    parser.add_argument("--footpod", metavar="ADDRESS", help="a Bluetooth footpod for cadence")
    parser.add_argument("--hr", metavar="ADDRESS", help="a Bluetooth heart-rate strap")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the walk history (default: $TREADMILL_TUI_DATA_DIR, else the "
        "platform's data folder)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # that capability is not built yet
        module.register(subparsers)
    return parser


def _run_dashboard(args: argparse.Namespace) -> int:
    """``--simulate``: the simulator; ``--device``: that treadmill, once Bluetooth is known
    to work (exit 2 otherwise); neither: the device step."""
    from treadmill_tui.devices.opening import SIMULATOR

    device: str | None = SIMULATOR if args.simulate else args.device
    if device is not None and device != SIMULATOR:
        from treadmill_tui.devices.cli import check_device

        status = check_device(device)
        if status:
            return status
    from treadmill_tui.ui.app import run_dashboard

    return run_dashboard(
        profile_path=args.profile,
        sound=not args.no_sound,
        device=device,
        footpod=args.footpod,
        hr=args.hr,
        data_dir=args.data_dir,
    )


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        return _run_dashboard(args)
    result = func(args)
    return int(result or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; never lets a traceback reach the terminal."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("treadmill-tui: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. "| head" closed the pipe: nothing more to say to anyone
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lets the exit-time flush pass
        return 141
    except Exception as exc:  # the last line of defence: one line here, details in a file
        print(one_line(exc, write_crash_log(exc)), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
