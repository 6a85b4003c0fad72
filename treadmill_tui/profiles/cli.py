"""``treadmill-tui profile check|show|new``: validate, lay out and start walk profiles."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from treadmill_tui.profiles.problems import ProfileError, ProfileReadError
from treadmill_tui.profiles.reading import printable
from treadmill_tui.profiles.show import render_table, to_json
from treadmill_tui.profiles.starter import slug, starter_text
from treadmill_tui.profiles.timeline import compile_profile
from treadmill_tui.profiles.validate import fmt_duration, load_profile

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``profile`` subcommand and its ``check``/``show``/``new`` actions."""
    parser = subparsers.add_parser("profile", help="check, show or create walk profiles (TOML)")
    actions = parser.add_subparsers(dest="profile_command", metavar="ACTION", required=True)

    check = actions.add_parser(
        "check", help="validate profiles; problems print as FILE:LINE:COL: error: message"
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(func=cmd_check)

    show = actions.add_parser("show", help="the compiled programme as a table with totals")
    show.add_argument("file", metavar="FILE")
    show.add_argument("--json", action="store_true", help="print JSON instead of a table")
    show.set_defaults(func=cmd_show)

    new = actions.add_parser("new", help="write a commented starter profile")
    new.add_argument("name", metavar="NAME")
    new.add_argument("-o", "--output", metavar="FILE", help="where to write (default NAME.toml)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(func=cmd_new)


def cmd_check(args: argparse.Namespace) -> int:
    """0 when every file is valid, 1 if any has problems, 2 if any cannot be read."""
    status = EXIT_OK
    for file in args.files:
        try:
            profile = load_profile(file)
            timeline = compile_profile(profile)
        except ProfileReadError as exc:
            for problem in exc.problems:
                print(problem.format())
            status = EXIT_UNREADABLE
            continue
        except ProfileError as exc:
            for problem in exc.problems:
                print(problem.format())
            status = max(status, EXIT_INVALID)
            continue
        print(
            f"{printable(file)}: ok: '{profile.name}', {len(profile.segments)} segments, "
            f"{fmt_duration(timeline.duration_s)}"
        )
    return status


def cmd_show(args: argparse.Namespace) -> int:
    try:
        profile = load_profile(args.file)
        timeline = compile_profile(profile)
    except ProfileError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return EXIT_UNREADABLE if isinstance(exc, ProfileReadError) else EXIT_INVALID
    if args.json:
        print(json.dumps(to_json(timeline, profile.description), indent=2, ensure_ascii=False))
    else:
        print(render_table(timeline, profile.description))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    name = args.name.strip()
    if not name:
        print(
            "treadmill-tui profile new: give the walk a name, e.g. 'Morning walk'", file=sys.stderr
        )
        return EXIT_INVALID
    if args.output:
        path = Path(args.output)
    else:
        stem = slug(name)
        if not stem:
            print(
                f"treadmill-tui profile new: {printable(name)!r} has no letter or digit to make "
                "a file name from; choose one with -o FILE.toml",
                file=sys.stderr,
            )
            return EXIT_INVALID
        path = Path(f"{stem}.toml")
    shown = printable(str(path))
    try:
        if path.exists() and not args.force:
            print(f"{shown}: error: already exists (use --force to overwrite)", file=sys.stderr)
            return EXIT_INVALID
        path.write_text(starter_text(name, str(path)), encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"{shown}: error: cannot write: {reason}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"wrote {shown}; check it with: treadmill-tui profile check {shlex.quote(shown)}")
    return EXIT_OK
