"""The decision table of docs/walking.md §3.3, row by row."""

from __future__ import annotations

import pytest

from treadmill_tui.session.pain import (
    Action,
    GateResult,
    LegSymptom,
    PainAnswer,
    PainHistory,
    Zone,
    decide,
    prewalk_gate,
    zone_of,
)


@pytest.mark.parametrize(
    ("answer", "baseline", "zone"),
    [
        (PainAnswer(1, LegSymptom.ONE_LEG), 1, Zone.STOP),
        (PainAnswer(0, LegSymptom.BOTH_LEGS), 0, Zone.STOP),
        (PainAnswer(2, LegSymptom.SADDLE), 2, Zone.STOP),
        (PainAnswer(6), 5, Zone.RED),
        (PainAnswer(4), 0, Zone.RED),  # >= B+4
        (PainAnswer(2, sharp=True), 2, Zone.RED),
        (PainAnswer(2, gait=True), 2, Zone.RED),
        (PainAnswer(2, LegSymptom.SPREADING), 2, Zone.RED),
        (PainAnswer(3), 1, Zone.AMBER),  # >= B+2
        (PainAnswer(4), 3, Zone.AMBER),  # 4-5 and > B
        (PainAnswer(5), 5, Zone.GREEN_HOLD),  # 4-5 and <= B
        (PainAnswer(4), 5, Zone.GREEN_HOLD),
        (PainAnswer(3), 2, Zone.GREEN),  # <= B+1
        (PainAnswer(0), 0, Zone.GREEN),
    ],
)
def test_zone_rows(answer: PainAnswer, baseline: int, zone: Zone) -> None:
    assert zone_of(answer, baseline) is zone


def test_first_amber_reduces_second_in_a_row_cools_down() -> None:
    first = decide(PainAnswer(4), 2, PainHistory())
    assert (first.zone, first.action) == (Zone.AMBER, Action.REDUCE)
    second = decide(PainAnswer(4), 2, PainHistory(last_zone=Zone.AMBER, amber_count=1))
    assert second.action is Action.COOLDOWN


def test_third_amber_in_session_cools_down_even_after_green() -> None:
    d = decide(PainAnswer(4), 2, PainHistory(last_zone=Zone.GREEN, amber_count=2))
    assert d.action is Action.COOLDOWN


def test_red_in_cooldown_or_resume_easy_cannot_resume() -> None:
    assert decide(PainAnswer(7), 2, PainHistory()).action is Action.PAUSE
    assert decide(PainAnswer(7), 2, PainHistory(in_cooldown=True)).action is Action.PAUSE_END
    assert decide(PainAnswer(7), 2, PainHistory(resume_easy=True)).action is Action.PAUSE_END


def test_amber_during_resume_easy_cools_down() -> None:
    assert decide(PainAnswer(4), 2, PainHistory(resume_easy=True)).action is Action.COOLDOWN


def test_prewalk_gate() -> None:
    assert prewalk_gate(PainAnswer(2)) is GateResult.WALK
    assert prewalk_gate(PainAnswer(6)) is GateResult.REST
    assert prewalk_gate(PainAnswer(1, LegSymptom.SPREADING)) is GateResult.REST
    assert prewalk_gate(PainAnswer(1, LegSymptom.ONE_LEG)) is GateResult.STOP


def test_nrs_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="0-10"):
        PainAnswer(11)
