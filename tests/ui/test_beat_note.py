"""The beat line: "Metronome off" only for a walk without cadence."""

from __future__ import annotations

from tests.ui.test_programme import BREAKS, CADENCE
from treadmill_tui.ui.programme import plan_at, walk_has_cadence
from treadmill_tui.ui.view import beat_text


def test_beat_line_says_why_there_is_no_beat() -> None:
    assert not walk_has_cadence(BREAKS) and walk_has_cadence(CADENCE)
    assert beat_text(None, None, walk_has_cadence=False) == "Metronome off"
    assert beat_text(84.0, 84.0, walk_has_cadence=True) == "Step on each beat: 84 steps/min"
    # the warm-up of the cadence walk has no beat yet; the cadence walk's starts with the belt
    warmup = plan_at(CADENCE, 60.0).cadence_spm
    assert beat_text(None, warmup, True) == "No beat in this part of the walk"
    walk = plan_at(CADENCE, 310.0).cadence_spm
    assert beat_text(None, walk, True) == "Beat starts as the belt reaches 80 steps/min"
