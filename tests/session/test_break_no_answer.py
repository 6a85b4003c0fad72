"""No answer to the pain check that closes an exercise break: handled like a paused walk
(docs/walking.md §3.5, §4.1) - after the choice timeout the walk ends, the belt owed a stop."""

from __future__ import annotations

from treadmill_tui.profiles import compile_profile, validate_profile_text
from treadmill_tui.session.engine_settings import EngineSettings
from treadmill_tui.session.events import (
    BreakStageChanged,
    ChoiceTimeout,
    StateChanged,
    from_dict,
)
from treadmill_tui.session.simulate import simulate
from treadmill_tui.session.walker import ScriptEvent

PROFILE = """
name = "break check"
[[segments]]
kind = "warmup"
duration = "2 min"
speed = "2.0 km/h"
[[segments]]
kind = "break"
exercises = ["Standing abdominal"]
[[segments]]
kind = "walk"
duration = "2 min"
speed = "2.5 km/h"
[[segments]]
kind = "cooldown"
duration = "2 min"
speed = "2.0 km/h"
"""


def test_a_silent_walker_at_the_break_check_ends_the_walk_after_the_choice_timeout() -> None:
    profile, problems = validate_profile_text(PROFILE, "<test>")
    assert profile is not None, problems
    result = simulate(compile_profile(profile), script=[ScriptEvent.parse("10:silent")])
    events = [from_dict(e) for e in result.events]
    check_at = next(e.t for e in events if isinstance(e, BreakStageChanged) and e.stage == "check")
    timeout = next(e for e in events if isinstance(e, ChoiceTimeout))
    assert timeout.t - check_at == EngineSettings().choice_timeout_s
    ended = next(e for e in events if isinstance(e, StateChanged) and e.t >= timeout.t)
    assert (ended.from_state, ended.to, ended.reason) == ("break", "stopping", "no choice made")
    assert result.summary["outcome"] == "no_answer"
    assert [e.to for e in events if isinstance(e, StateChanged)][-1] == "finished"
    assert result.samples[-1]["speed_kmh"] == 0.0
