"""The engine is assembled from parts over one core: a name defined twice would silently
shadow the other definition (the MRO picks one), so every part must own distinct names."""

from __future__ import annotations

from itertools import combinations

from treadmill_tui.session.checks import PainChecks
from treadmill_tui.session.engine import Engine, EngineSettings
from treadmill_tui.session.engine_core import EngineCore
from treadmill_tui.session.faults import FaultHandling

PARTS: tuple[type, ...] = (EngineCore, FaultHandling, PainChecks, Engine)


def _own(cls: type) -> set[str]:
    return {n for n in vars(cls) if not (n.startswith("__") and n.endswith("__"))}


def test_no_part_redefines_a_name_of_another() -> None:
    for a, b in combinations(PARTS, 2):
        assert not _own(a) & _own(b), f"{a.__name__} and {b.__name__} share {_own(a) & _own(b)}"


def test_parts_build_only_on_the_core() -> None:
    for part in (FaultHandling, PainChecks):
        assert part.__bases__ == (EngineCore,)
    assert set(Engine.__mro__) == {*PARTS, object}


def test_public_api_still_on_engine() -> None:
    public = {
        "state", "prog_t", "finished", "events", "pain_log", "stats", "drain_events", "record",
        "step", "summary", "snapshot", "pause_reason", "break_stage", "connected",
        "exercise_name", "prompt_view", "red_flag_text", "options", "session_time", "cadence",
        "sample_targets", "target_speed", "target_incline",
    }  # fmt: skip
    missing = {n for n in public if not hasattr(Engine, n)}
    assert not missing
    assert EngineSettings().emergency_number  # still re-exported from the engine module
