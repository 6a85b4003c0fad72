"""Every walk-time screen at 80×24 and 120×40, rendered from hand-made snapshots with the
programme chart of a real bundled profile. Update with ``pytest tests/ui --snapshot-update``
after reviewing the report."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from tests.ui.helpers import BASE, CHECK, POST_WALK
from tests.ui.snapshot_app import FrozenDashboard
from tests.ui.test_programme import BREAKS
from treadmill_tui.session.snapshot import ExerciseView
from treadmill_tui.session.states import BreakStage, PauseReason, State
from treadmill_tui.ui.view import red_flag_markdown

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]

WALKING = dataclasses.replace(
    BASE,
    segment_name="Walk, part 1",
    prog_t=845.0,
    duration_s=BREAKS.duration_s,
    remaining_s=BREAKS.duration_s - 845.0,
    target_speed_kmh=3.0,
    actual_speed_kmh=3.0,
)
PAUSED = dataclasses.replace(
    WALKING,
    state=State.PAUSED,
    pause_reason=PauseReason.STOP_NOW,
    actual_speed_kmh=0.0,
    belt_stopped=True,
    metronome_spm=None,
    options=("resume", "end"),
)
RED_FLAG = dataclasses.replace(
    PAUSED,
    state=State.RED_FLAG,
    locked=True,
    red_flag_text=red_flag_markdown(None, "999"),
    options=("acknowledge",),
)
EXERCISE = dataclasses.replace(
    PAUSED,
    state=State.BREAK,
    phase="break",
    pause_reason=None,
    break_stage=BreakStage.EXERCISE,
    segment_name="Hip shifts and standing abdominal",
    prog_t=905.0,
    exercise=ExerciseView(
        name="Standing hip shift",
        cue="Weight on one leg. Raise the other thigh to level. Hitch that hip up, hold, swap.",
        side="left",
        rep=1,
        reps=1,
        hold_s=5.0,
        hold_remaining_s=4.0,
        index=0,
        count=5,
    ),
    options=("next", "end"),
)
# a floor exercise just shown: step off and get down first, Enter (Ready) counts in 0:21
FLOOR_READY = dataclasses.replace(
    EXERCISE,
    segment_name="Floor exercises (off the treadmill)",
    exercise=ExerciseView(
        name="Glute bridge",
        cue="On back, knees bent. Squeeze buttocks; lift to a knee-hip-shoulder line.",
        side=None,
        rep=1,
        reps=8,
        hold_s=2.0,
        hold_remaining_s=2.0,
        index=0,
        count=8,
        awaiting_ready=True,
        ready_in_s=21.0,
        off_belt=True,
    ),
    options=("end",),
)

SCREENS = {
    "walk": FrozenDashboard(WALKING, timeline=BREAKS),
    "pain_check": FrozenDashboard(dataclasses.replace(WALKING, prompt=CHECK.prompt), pain=True),
    "acknowledgement": FrozenDashboard(
        WALKING,
        timeline=BREAKS,
        answer=(
            "Amber: speed down to 2.7 km/h, beat a little slower, no more increases."
            " I'll ask again in 2 minutes.",
            "amber",
        ),
    ),
    "paused": FrozenDashboard(PAUSED, timeline=BREAKS),
    "advice": FrozenDashboard(WALKING, timeline=BREAKS, overlay="advice"),
    "red_flag": FrozenDashboard(RED_FLAG, timeline=BREAKS, overlay="red_flag"),
    "exercise": FrozenDashboard(EXERCISE, timeline=BREAKS, overlay="exercise"),
    "exercise_floor_ready": FrozenDashboard(FLOOR_READY, timeline=BREAKS, overlay="exercise"),
    "post_walk": FrozenDashboard(POST_WALK, post_walk=True),
    "help": FrozenDashboard(WALKING, timeline=BREAKS, overlay="help"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_walk_time_screen(snap_compare: SnapCompare, name: str, size: tuple[int, int]) -> None:
    app = SCREENS[name]
    fresh = FrozenDashboard(
        app.snap,
        pain=app.pain,
        post_walk=app.post_walk,
        timeline=app.timeline,
        overlay=app.overlay,
        answer=app.answer,
    )
    assert snap_compare(fresh, terminal_size=size)
