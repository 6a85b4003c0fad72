"""Golden master of ``treadmill-tui simulate --json``: every bundled profile x a fixed set of
event scripts. Refactors of the engine must leave these outputs identical; a deliberate change
regenerates them (``scripts/golden``) and lists each change in the commit message.

Each run is stored as one JSON file: the events and the summary in full (readable diffs), and
the 1 Hz samples as a digest plus every 30th sample (they are long and follow from the events).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

from treadmill_tui.cli import main
from treadmill_tui.profiles import bundled_profiles_dir

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"

# name -> (--event arguments, extra simulate arguments)
SCRIPTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "plain": ((), ()),
    "amber": (("100:pain:5",), ()),
    "red-resume-easy": (("100:pain:7",), ()),
    "red-end": (("100:pain:7:end",), ()),
    "legs": (("100:legs", "100:pain:3"), ()),
    "stop-resume": (("100:stop",), ()),
    "stop-end": (("100:stop:end",), ()),
    "silent": (("100:silent",), ()),
    "late": (("100:late", "100:pain:1"), ()),
    "disconnect": (("100:disconnect",), ()),
    "disconnect-end": (("100:disconnect:end",), ()),
    "disconnect-red-flag": (("100:disconnect", "100:legs", "100:pain:8"), ()),
    "revoke": (("100:revoke",), ()),
    "console-stop": (("100:console-stop",), ()),
    "console-then-safety-key": (("100:console-stop", "100:safety-key"), ()),
    "safety-key": (("100:safety-key",), ()),
    "reject-targets": (("100:reject-incline", "200:reject-speed"), ()),
    "final-stop-revoke": (("599:stop", "600:revoke"), ()),
    "breaks-taken": ((), ("--session", "5")),
    "breaks-skipped": (("60:skip-breaks",), ("--session", "5")),
}


def profiles() -> list[Path]:
    return sorted(bundled_profiles_dir().glob("*.toml"))


def cases() -> list[tuple[str, str]]:
    """(profile file name, script name) for every golden run."""
    return [(p.name, s) for p in profiles() for s in SCRIPTS]


def argv(profile: str, script: str) -> list[str]:
    events, extra = SCRIPTS[script]
    args = ["simulate", str(bundled_profiles_dir() / profile), "--json", "--no-record", *extra]
    if events:
        args += ["--event", *events]
    return args


def run(profile: str, script: str) -> dict[str, Any]:
    """The ``simulate --json`` output of one case, as the CLI prints it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv(profile, script))
    assert code == 0, f"simulate exited {code} for {profile} {script}"
    return dict(json.loads(out.getvalue()))


def reduce(result: dict[str, Any]) -> dict[str, Any]:
    samples = result["samples"]
    text = json.dumps(samples, sort_keys=True, separators=(",", ":"))
    return {
        "summary": result["summary"],
        "events": result["events"],
        "samples_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "samples_count": len(samples),
        "samples_every_30": samples[::30],
        "last_sample": samples[-1] if samples else None,
    }


def path_of(profile: str, script: str) -> Path:
    return GOLDEN_DIR / f"{Path(profile).stem}__{script}.json"


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def update() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    wanted = set()
    for profile, script in cases():
        path = path_of(profile, script)
        wanted.add(path)
        path.write_text(dump(reduce(run(profile, script))), encoding="utf-8")
        print(f"wrote {path.relative_to(GOLDEN_DIR.parent)}")
    for stale in set(GOLDEN_DIR.glob("*.json")) - wanted:
        stale.unlink()
        print(f"removed {stale.name}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.session.golden_runs --update")
    update()
