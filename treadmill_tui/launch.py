"""Commands that open a screen: ``profile edit FILE``.

Headless at import (it only declares arguments); Textual is imported when a
command runs, so ``treadmill-tui profile check`` and friends stay fast and Textual-free.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``edit`` action to the ``profile`` command."""
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


def cmd_edit(args: argparse.Namespace) -> int:
    from treadmill_tui.ui.editor_app import run_editor

    return run_editor(Path(args.file) if args.file else None)


__all__ = ["register"]
