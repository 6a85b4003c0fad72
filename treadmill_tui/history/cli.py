"""``treadmill-tui history list|show|export|delete|import``: the walk history from the command
line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from treadmill_tui.history.activity import activity_of
from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.export_csv import samples_csv, walks_csv
from treadmill_tui.history.export_fit import fit_bytes
from treadmill_tui.history.export_tcx import tcx_bytes
from treadmill_tui.history.importing import ImportProblem, import_activity, read_activity
from treadmill_tui.history.paths import store_path
from treadmill_tui.history.report import list_lines, local, show_lines
from treadmill_tui.history.store import Store

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
        print("\n".join(list_lines(rows)))
        return EXIT_OK

    return with_store(args, run)


def cmd_show(args: argparse.Namespace) -> int:
    def run(store: Store) -> int:
        rec = store.walk(args.id)
        if rec is None:
            return _fail(f"no walk {args.id}; 'treadmill-tui history list' shows them")
        events = store.events(args.id) if rec.summary is None else []
        print("\n".join(show_lines(rec, events=events)))
        return EXIT_OK

    return with_store(args, run)


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
