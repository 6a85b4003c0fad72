"""Commands that open a screen: ``profile edit FILE`` and ``serve``.

Headless at import (it only declares arguments); Textual and textual-serve are imported when a
command runs, so ``treadmill-tui profile check`` and friends stay fast and Textual-free.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` and, to the ``profile`` command, its ``edit`` action."""
    profile = subparsers.choices.get("profile")
    if profile is not None:
        for action in profile._actions:
            if isinstance(action, argparse._SubParsersAction):
                edit = action.add_parser(
                    "edit",
                    help="write or fix a profile in the built-in editor (checked as you type)",
                )
                edit.add_argument(
                    "file",
                    metavar="FILE",
                    nargs="?",
                    help="the profile to edit; a bundled one opens as a copy; a missing one "
                    "starts from the template; none: a new walk in your profiles folder",
                )
                edit.set_defaults(func=cmd_edit)
    serve = subparsers.add_parser(
        "serve", help="show the dashboard in a web browser (a tablet on the treadmill console)"
    )
    serve.add_argument("--profile", metavar="FILE", help="walk profile to load")
    serve.add_argument("--device", metavar="ADDRESS", help="a Bluetooth treadmill to connect to")
    serve.add_argument("--simulate", action="store_true", help="the built-in simulated treadmill")
    serve.add_argument(
        "--host",
        metavar="HOST",
        default="localhost",
        help="address to listen on (default localhost; 0.0.0.0 for the local network)",
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.set_defaults(func=cmd_serve)


def cmd_edit(args: argparse.Namespace) -> int:
    from treadmill_tui.ui.editor_app import run_editor

    return run_editor(Path(args.file) if args.file else None)


def cmd_serve(args: argparse.Namespace) -> int:
    from treadmill_tui.ui.serve import run_server

    return run_server(
        host=args.host,
        port=args.port,
        profile=args.profile,
        device=args.device,
        simulate=args.simulate,
    )


__all__ = ["register"]
