"""``treadmill-tui history list|show|export|delete|import``: the walk history from the command
line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.journal import (
    ONBOARDING_USUAL,
    describe,
    next_proposal,
    pending_checkin,
    proposal_text,
    record_checkin,
)
from treadmill_tui.history.paths import store_path
from treadmill_tui.history.progression import Rule
from treadmill_tui.history.report import list_lines, local, show_lines
from treadmill_tui.history.store import Store, utc_now
from treadmill_tui.profiles.display_units import SpeedUnit

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "history",
        help="list, show, export or delete recorded walks",
        description="Walks are saved as they happen in the history store (see --data-dir).",
    )
    sub = parser.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    p_list = sub.add_parser("list", help="one line per walk, oldest first")
    p_list.add_argument("--real", action="store_true", help="leave out simulated walks")
    p_list.set_defaults(func=cmd_list)
    p_show = sub.add_parser("show", help="one walk in detail")
    p_show.add_argument("id", type=int, metavar="ID")
    p_show.set_defaults(func=cmd_show)
    p_delete = sub.add_parser("delete", help="delete one walk (asks first)")
    p_delete.add_argument("id", type=int, metavar="ID")
    p_delete.add_argument("--yes", action="store_true", help="do not ask")
    p_delete.set_defaults(func=cmd_delete)
    p_export = sub.add_parser(
        "export",
        help="write a walk as FIT, TCX or CSV (or every walk as one CSV with --all)",
        description="FIT and TCX files load into Garmin Connect, Strava and similar apps; "
        "CSV opens in a spreadsheet (units are in the column names).",
    )
    p_export.add_argument("id", type=int, nargs="?", metavar="ID")
    p_export.add_argument("--format", choices=("fit", "tcx", "csv"), required=True)
    p_export.add_argument("-o", "--output", required=True, metavar="FILE")
    p_export.add_argument(
        "--all", action="store_true", help="CSV only: one row per walk, every walk"
    )
    p_export.set_defaults(func=cmd_export)
    p_import = sub.add_parser("import", help="add a walk from another app's FIT or TCX file")
    p_import.add_argument("file", metavar="FILE")
    p_import.set_defaults(func=cmd_import)

    p_next = subparsers.add_parser(
        "next",
        help="propose the next walk from your history and say why",
        description="The next walk's length, incline and cadence from the walks so far, the "
        "morning check-ins and the progression rules (docs/progression.md).",
    )
    p_next.add_argument("--write", metavar="FILE", help="also write it as a walk profile")
    p_next.add_argument("--with-simulated", action="store_true", help="count simulated walks too")
    p_next.add_argument(
        "--cleared",
        action="store_true",
        help="after a STOP: I have had no red-flag symptoms since, or I have been checked",
    )
    p_next.set_defaults(func=cmd_next)

    p_check = subparsers.add_parser(
        "checkin",
        help="answer the next-morning question about your back",
        description="The morning after a walk: your back pain on waking, 0-10, against your "
        "usual morning pain. It decides whether the next walk builds up or steps back.",
    )
    p_check.add_argument("nrs", nargs="?", type=_nrs, metavar="PAIN", help="0-10")
    p_check.add_argument("--skip", action="store_true", help="skip today's question")
    p_check.add_argument("--usual", type=_nrs, metavar="N", help="your usual pain on waking (0-10)")
    p_check.add_argument("--with-simulated", action="store_true", help="simulated walks ask too")
    p_check.set_defaults(func=cmd_checkin)


def _fail(text: str) -> int:
    print(f"treadmill-tui history: {text}", file=sys.stderr)
    return EXIT_ERROR


def with_store(args: argparse.Namespace, action: Callable[[Store], int]) -> int:
    """Open the store for one command; a store problem is one line, exit status 1."""
    try:
        store = Store.open(store_path(getattr(args, "data_dir", None)))
    except StoreError as err:
        return _fail(str(err))
    try:
        return action(store)
    except StoreError as err:
        return _fail(str(err))
    finally:
        store.close()


def cmd_list(args: argparse.Namespace) -> int:
    def run(store: Store) -> int:
        rows = store.list_walks(include_simulated=not args.real)
        print("\n".join(list_lines(rows, unit=_unit())))
        return EXIT_OK

    return with_store(args, run)


def cmd_show(args: argparse.Namespace) -> int:
    def run(store: Store) -> int:
        rec = store.walk(args.id)
        if rec is None:
            return _fail(f"no walk {args.id}; 'treadmill-tui history list' shows them")
        events = store.events(args.id) if rec.summary is None else []
        print("\n".join(show_lines(rec, events=events, unit=_unit())))
        return EXIT_OK

    return with_store(args, run)


def _unit() -> SpeedUnit:
    """The walker's display unit (their settings file) for list and show."""
    from treadmill_tui.settings import shown_unit

    return shown_unit("treadmill-tui history")


def confirm(question: str, ask: Callable[[str], str] = input) -> bool:
    try:
        return ask(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def cmd_delete(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    def run(store: Store) -> int:
        rec = store.walk(args.id)
        if rec is None:
            return _fail(f"no walk {args.id}; 'treadmill-tui history list' shows them")
        what = f"walk {args.id} ({local(rec.row.started_at)}, {rec.row.profile or 'no profile'})"
        if not args.yes and not confirm(f"Delete {what}?", ask):
            print("Nothing deleted.")
            return EXIT_OK
        store.delete_walk(args.id)
        print(f"Deleted {what}.")
        return EXIT_OK

    return with_store(args, run)


def _write(path: Path, data: bytes) -> str | None:
    try:
        path.write_bytes(data)
    except OSError as err:
        return f"cannot write {path} ({err.strerror or err})"
    return None


def cmd_export(args: argparse.Namespace) -> int:
    # the exporters (and the FIT library) load only when used: every command starts faster
    from treadmill_tui.history.activity import activity_of
    from treadmill_tui.history.export_csv import samples_csv, walks_csv
    from treadmill_tui.history.export_fit import fit_bytes
    from treadmill_tui.history.export_tcx import tcx_bytes

    out = Path(args.output)
    if args.all and args.format != "csv":
        print("treadmill-tui history: --all works with --format csv only", file=sys.stderr)
        return EXIT_USAGE
    if not args.all and args.id is None:
        print("treadmill-tui history: give a walk ID (or --all with csv)", file=sys.stderr)
        return EXIT_USAGE

    def run(store: Store) -> int:
        if args.all:
            data = walks_csv(store.list_walks()).encode()
        else:
            rec = store.walk(args.id)
            if rec is None:
                return _fail(f"no walk {args.id}; 'treadmill-tui history list' shows them")
            samples = store.samples(args.id)
            if args.format == "csv":
                data = samples_csv(samples, rec.row.started_at).encode()
            else:
                if not samples:
                    return _fail(f"walk {args.id} has no samples to export")
                activity = activity_of(rec, samples)
                data = fit_bytes(activity) if args.format == "fit" else tcx_bytes(activity)
        problem = _write(out, data)
        if problem:
            return _fail(problem)
        print(f"Wrote {out}.")
        return EXIT_OK

    return with_store(args, run)


def cmd_import(args: argparse.Namespace) -> int:
    from treadmill_tui.history.importing import ImportProblem, import_activity, read_activity

    path = Path(args.file)
    try:
        activity = read_activity(path)
    except ImportProblem as err:
        return _fail(f"{path}: {err}")

    def run(store: Store) -> int:
        walk_id = import_activity(store, activity, path.name)
        print(f"Imported {path.name} as walk {walk_id}.")
        return EXIT_OK

    return with_store(args, run)


def _nrs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"pain is a whole number 0-10, not {text!r}") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"pain is 0-10, not {value}")
    return value


def cmd_next(args: argparse.Namespace) -> int:
    def run(store: Store) -> int:
        pending = pending_checkin(store, utc_now(), include_simulated=args.with_simulated)
        proposal = next_proposal(store, with_simulated=args.with_simulated, cleared=args.cleared)
        if pending is not None:
            print(
                "The morning question after your last walk is waiting: "
                "'treadmill-tui checkin' answers it."
            )
        if proposal.rule is Rule.LOCKED:
            print(proposal.reason[0].upper() + proposal.reason[1:])
            print("When that is so: treadmill-tui next --cleared")
            return EXIT_OK
        print(f"Next walk: {describe(proposal)}.")
        print(f"Why: {proposal.reason}")
        if args.write:
            text = proposal_text(store, proposal, with_simulated=args.with_simulated)
            problem = _write(Path(args.write), text.encode())
            if problem:
                return _fail(problem)
            print(
                f"Wrote {args.write}: walk it with treadmill-tui --simulate --profile {args.write}"
            )
        return EXIT_OK

    return with_store(args, run)


def cmd_checkin(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    def run(store: Store) -> int:
        if args.usual is not None:
            store.set_setting(ONBOARDING_USUAL, str(args.usual))
            print(f"Your usual morning pain is now {args.usual}.")
        now = utc_now()
        pending = pending_checkin(store, now, include_simulated=args.with_simulated)
        if pending is None:
            if args.usual is None:
                print("No walk is waiting for a morning check (it opens at 04:00 the next day).")
            return EXIT_OK
        nrs = args.nrs
        if nrs is None and not args.skip:
            try:
                text = ask("How is your back this morning, 0-10? (Enter skips) ").strip()
            except EOFError:
                print("Nothing saved; the question stays open.")
                return EXIT_OK
            if text:
                try:
                    nrs = _nrs(text)
                except argparse.ArgumentTypeError as err:
                    return _fail(str(err))
        _, sentence = record_checkin(store, pending.walk.id, nrs, now)
        print(sentence)
        return EXIT_OK

    return with_store(args, run)
