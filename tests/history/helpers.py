"""Shared bits for the history tests: a recorded simulated walk in a temporary store."""

from __future__ import annotations

from pathlib import Path

from treadmill_tui.history.recorder import WalkRecorder
from treadmill_tui.history.recording import walk_meta
from treadmill_tui.history.store import Store
from treadmill_tui.profiles import bundled_profiles_dir, compile_profile, load_profile
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.session.simulate import SimulationResult, simulate
from treadmill_tui.session.walker import ScriptEvent

FIRST_WEEK = "first-week-10-min.toml"


def timeline(name: str = FIRST_WEEK) -> Timeline:
    return compile_profile(load_profile(bundled_profiles_dir() / name))


def recorded_walk(
    path: Path, *, name: str = FIRST_WEEK, events: tuple[str, ...] = (), pain: int = 2
) -> tuple[SimulationResult, int]:
    """Simulate one walk recorded into the store at ``path``; returns the result and its id."""
    tl = timeline(name)
    meta = walk_meta(tl, str(bundled_profiles_dir() / name), simulated=True, device="sim")
    recorder = WalkRecorder.for_path(path, meta)
    result = simulate(
        tl, pain=pain, script=[ScriptEvent.parse(e) for e in events], observer=recorder
    )
    assert recorder.problem is None, recorder.problem
    assert recorder.walk_id is not None
    return result, recorder.walk_id


def open_store(path: Path) -> Store:
    return Store.open(path)
