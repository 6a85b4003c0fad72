"""``treadmill-tui simulate PROFILE``: a whole walk against the simulated treadmill, headless."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from typing import Any

from treadmill_tui.profiles import ProfileError, compile_profile, load_profile
from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.show import clock
from treadmill_tui.session.simulate import SimulationResult, simulate
from treadmill_tui.session.walker import ACTIONS, ScriptError, ScriptEvent

EXIT_OK, EXIT_USAGE = 0, 2
_NEGATIVE_EVENT = re.compile(r"^-(?:[0-9.]|inf|nan)", re.IGNORECASE)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "simulate",
        help="run a profile against the simulated treadmill in accelerated time",
        description=(
            "Run the walk engine against the simulated treadmill with a scripted walker who "
            "presses start at t=0, answers every pain check and resumes after each pause."
        ),
    )
    parser.add_argument("profile", metavar="PROFILE", help="walk profile (TOML)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--pain", type=_pain, default=2, metavar="N", help="pain score the walker answers (0-10)"
    )
    parser.add_argument(
        "--event",
        action="extend",
        nargs="+",
        default=[],
        metavar="T:ACTION[:ARG]",
        help=f"at programme second T: {', '.join(ACTIONS)} (e.g. 600:pain:5, 900:stop:end)",
    )
    parser.add_argument(
        "--session",
        type=_session,
        default=None,
        metavar="N",
        help=(
            "the walker's session number (1, 2, ...); from the profile's [breaks] from_session "
            "on, exercise breaks are offered and the walker takes them (default: unknown, no "
            "offers)"
        ),
    )
    parser.add_argument(
        "--realtime", action="store_true", help="run in real time instead of accelerated"
    )
    parser.add_argument(
        "--no-record", action="store_true", help="do not save the walk in the history"
    )
    # "--event -1:stop" would be taken for an unknown option (argparse only lets plain negative
    # numbers through), leaving --event "expected at least one argument"; let "-N:…" through
    # as an event, so the walker gets the event parser's own message.
    parser._negative_number_matcher = _NEGATIVE_EVENT
    parser.set_defaults(func=cmd_simulate)


def _pain(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"pain must be a whole number 0-10, not {text!r}"
        ) from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"pain must be 0-10, not {value}")
    return value


def _session(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"session must be a whole number from 1, not {text!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"session must be 1 or more, not {value}")
    return value


def cmd_simulate(args: argparse.Namespace) -> int:
    try:
        script = [ScriptEvent.parse(text) for text in args.event]
    except ScriptError as err:
        print(f"treadmill-tui simulate: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        timeline = compile_profile(load_profile(args.profile))
    except ProfileError as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        if not err.problems:
            print(f"treadmill-tui simulate: {err}", file=sys.stderr)
        return EXIT_USAGE
    recorder = None
    if not getattr(args, "no_record", False):  # simulated walks are kept, marked as such
        from treadmill_tui.history.recording import simulated_walk_recorder

        recorder = simulated_walk_recorder(
            timeline, args.profile, getattr(args, "data_dir", None), session_number=args.session
        )
    result = simulate(
        timeline,
        pain=args.pain,
        script=script,
        realtime=args.realtime,
        session_number=args.session,
        observer=recorder,
    )
    if args.json:  # data, not display: km/h and metres whatever the walker's units
        json.dump(result.to_dict(), sys.stdout, separators=(",", ":"))
        sys.stdout.write("\n")
    else:
        from treadmill_tui.settings import shown_unit

        unit = shown_unit("treadmill-tui simulate")
        print(human_summary(result, getattr(timeline, "name", args.profile), unit))
    return EXIT_OK


def human_summary(result: SimulationResult, name: str, unit: SpeedUnit = KMH) -> str:
    """A few aligned lines: totals, pain readings, outcome and the notable events (distance
    and speed in the walker's ``unit``)."""
    s: dict[str, Any] = result.summary
    readings = ", ".join(f"{p['nrs']} {p['zone']} @{clock(p['t'])}" for p in s["pain_readings"])
    rows = [
        ("profile", name),
        ("duration", clock(s["duration_s"])),
        ("active time", clock(s["active_s"])),
        ("distance", unit.distance(s["distance_m"])),
        ("elevation", f"{s['elevation_gain_m']:.1f} m"),
        ("max speed", unit.speed(s["max_speed_kmh"], fixed=True)),
        ("max incline", f"{s['max_incline_pct']:.1f} %"),
        ("est. steps", str(s["est_steps"])),
        ("pain", readings or "-"),
        ("outcome", s["outcome"]),
    ]
    notable = [
        e
        for e in result.events
        if e["type"]
        in ("fault", "capability", "machine_stopped", "cooldown_now", "script", "break_skipped")
        or (e["type"] == "state" and e["details"].get("to") in ("paused", "break", "red_flag"))
    ]
    commands = Counter(e["details"]["name"] for e in result.events if e["type"] == "command")
    rows.append(("commands", ", ".join(f"{k} {v}" for k, v in sorted(commands.items())) or "-"))
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    for e in notable[:20]:
        d = e["details"]
        what = d.get("reason") or d.get("action") or d.get("kind") or d.get("name") or ""
        lines.append(f"{'':<{width}}  {clock(e['t'])}  {e['type']}: {what}")
    return "\n".join(lines)
