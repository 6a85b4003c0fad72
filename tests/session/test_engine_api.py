"""The engine's public API stays on :class:`Engine` while its parts are rearranged: the UI,
the runner, the history recorder and the Bluetooth code use these names."""

from __future__ import annotations

from treadmill_tui.session.engine import Engine, EngineSettings

PUBLIC = {
    "state", "prog_t", "finished", "events", "pain_log", "stats", "drain_events", "record",
    "step", "summary", "snapshot", "pause_reason", "break_stage", "connected",
    "exercise_name", "prompt_view", "red_flag_text", "options", "session_time", "cadence",
    "sample_targets", "target_speed", "target_incline", "break_offer", "belt_stopped",
    "stop_owed",
}  # fmt: skip


def test_public_api_still_on_engine() -> None:
    missing = {n for n in PUBLIC if not hasattr(Engine, n)}
    assert not missing
    assert EngineSettings().emergency_number  # still re-exported from the engine module


def test_the_engine_is_composed_not_mixed() -> None:
    """One base (the core), no mixins: the parts are objects with their own state."""
    assert len(Engine.__mro__) == 3, Engine.__mro__  # Engine, EngineCore, object
