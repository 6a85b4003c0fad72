"""``treadmill-tui profile check|show|new|path``: validate, lay out and start walk profiles.

``new`` writes into the user's profiles folder (``profile path`` says where) unless given a
file, so the picker lists it beside the bundled walks.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from treadmill_tui.profiles.library import user_profiles_dir
from treadmill_tui.profiles.model import Profile
from treadmill_tui.profiles.problems import ProfileError, ProfileReadError
from treadmill_tui.profiles.reading import printable
from treadmill_tui.profiles.show import render_table, to_json
from treadmill_tui.profiles.starter import slug, starter_text
from treadmill_tui.profiles.timeline import Timeline, compile_profile
from treadmill_tui.profiles.validate import fmt_duration, load_profile
from treadmill_tui.profiles.warnings import profile_warnings

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``profile`` subcommand and its ``check``/``show``/``new``/``path`` actions."""
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
    new.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: NAME.toml in your profiles folder; see 'profile path')",
    )
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(func=cmd_new)

    where = actions.add_parser("path", help="print the folder that holds your own profiles")
    where.set_defaults(func=cmd_path)


def _walker_step_length() -> float | None:
    """The walker's step length from their settings; a broken settings file is said once
    (``settings check`` shows why) and the profile's own step length is used."""
    from treadmill_tui.settings import SettingsError, load_settings

    try:
        return load_settings().step_length_m
    except SettingsError as err:
        first = err.problems[0].format().splitlines()[0] if err.problems else str(err)
        print(
            f"treadmill-tui: note: your settings file has a problem ({first}); "
            "checking with the profile's own step length",
            file=sys.stderr,
        )
        return None


def _warnings(profile: Profile, timeline: Timeline, step_length_m: float | None) -> list[str]:
    return [w.format() for w in profile_warnings(profile, timeline, step_length_m=step_length_m)]


def cmd_check(args: argparse.Namespace) -> int:
    """0 when every file is valid (warnings too), 1 if any has problems, 2 if any cannot be
    read. Warnings use the walker's step length from their settings."""
    status = EXIT_OK
    step_length = _walker_step_length()
    for file in args.files:
        try:
            profile = load_profile(file)
            timeline = compile_profile(profile, step_length_m=step_length)
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
        warnings = _warnings(profile, timeline, step_length)
        for text in warnings:
            print(text)
        more = f", {len(warnings)} warning{'s' if len(warnings) > 1 else ''}" if warnings else ""
        print(
            f"{printable(file)}: ok: '{profile.name}', {len(profile.segments)} segments, "
            f"{fmt_duration(timeline.duration_s)}{more}"
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
        path = user_profiles_dir() / f"{stem}.toml"
    shown = printable(str(path))
    try:
        if path.exists() and not args.force:
            print(f"{shown}: error: already exists (use --force to overwrite)", file=sys.stderr)
            return EXIT_INVALID
        if not args.output:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(starter_text(name, str(path)), encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"{shown}: error: cannot write: {reason}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"wrote {shown}; check it with: treadmill-tui profile check {shlex.quote(shown)}")
    return EXIT_OK


def cmd_path(args: argparse.Namespace) -> int:
    """Print the user's profiles folder (created by ``profile new`` if it does not exist)."""
    print(user_profiles_dir())
    return EXIT_OK
