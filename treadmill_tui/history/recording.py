"""Ready-made recorders for the two places walks happen: ``simulate`` and the dashboard."""

from __future__ import annotations

import sys
from pathlib import Path

from treadmill_tui.history.paths import store_path
from treadmill_tui.history.recorder import WalkRecorder
from treadmill_tui.history.store import WalkMeta
from treadmill_tui.session.timeline import TimelineLike

SIMULATED_DEVICE = "simulated treadmill"


def _warn(text: str) -> None:
    print(f"treadmill-tui: {text}", file=sys.stderr)


def walk_meta(
    timeline: TimelineLike,
    profile_path: str | None,
    *,
    simulated: bool,
    device: str,
    session_number: int | None = None,
) -> WalkMeta:
    return WalkMeta(
        profile=str(
            getattr(timeline, "name", "") or (Path(profile_path).stem if profile_path else "")
        ),
        profile_path=str(Path(profile_path).resolve()) if profile_path else None,
        simulated=simulated,
        device=device,
        planned_s=timeline.duration_s,
        session_number=session_number,
    )


def simulated_walk_recorder(
    timeline: TimelineLike,
    profile_path: str | None,
    data_dir: str | None,
    *,
    session_number: int | None = None,
) -> WalkRecorder:
    """A recorder for a headless ``simulate`` walk; store trouble is one line on stderr."""
    meta = walk_meta(
        timeline,
        profile_path,
        simulated=True,
        device=SIMULATED_DEVICE,
        session_number=session_number,
    )
    return WalkRecorder.for_path(store_path(data_dir), meta, on_problem=_warn)
