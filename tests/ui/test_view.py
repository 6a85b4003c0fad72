"""The pure view layer: wording, formatting and which screen the engine's state calls for."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ui.helpers import BASE, CHECK, IDLE, POST_WALK
from treadmill_tui.session.snapshot import ExerciseView, PromptView
from treadmill_tui.session.states import BreakStage, PauseReason, State
from treadmill_tui.ui.view import (
    clock_text,
    emergency_number,
    overlay_for,
    red_flag_markdown,
    status_text,
    stop_key_text,
    walk_view,
)

EXERCISE = ExerciseView("Standing abdominal", "Hands on rails.", None, 1, 3, 10.0, 7.2, 0, 3)


def test_clock_text() -> None:
    assert clock_text(None) == "--:--"
    assert clock_text(754.9) == "12:34"
    assert clock_text(3725) == "1:02:05"
    assert clock_text(-3) == "00:00"


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, max_value=36_000))
def test_clock_text_round_trips_whole_seconds(seconds: float) -> None:
    parts = [int(p) for p in clock_text(seconds).split(":")]
    total = 0
    for p in parts:
        total = total * 60 + p
    assert total == int(seconds)


def test_unknown_numbers_show_dashes() -> None:
    view = walk_view(
        dataclasses.replace(
            IDLE, actual_speed_kmh=None, actual_incline_pct=None, belt_stopped=False
        )
    )
    assert (view.speed, view.incline, view.cadence) == ("--", "--", "--")


def test_walking_view_shows_actual_and_target() -> None:
    view = walk_view(BASE)
    assert (view.speed, view.speed_target) == ("2.4", "target 2.5")
    assert view.distance == "0.15" and view.active == "04:03"
    assert "Walk · Easy walk" in view.where and "05:55 left" in view.where
    assert view.beat_note == "Step on each beat: 96 steps/min"
    assert not view.show_safety  # walking on a moving belt


def test_safety_text_is_shown_before_the_start_and_when_stopped() -> None:
    assert walk_view(IDLE).show_safety
    assert walk_view(dataclasses.replace(BASE, actual_speed_kmh=0.0, belt_stopped=True)).show_safety
    paused = dataclasses.replace(BASE, state=State.PAUSED, pause_reason=PauseReason.STOP_NOW)
    assert walk_view(paused).show_safety


def test_paused_status_says_whether_the_belt_is_still_running_down() -> None:
    paused = dataclasses.replace(
        BASE, state=State.PAUSED, pause_reason=PauseReason.RED, options=("end", "resume_easy")
    )
    assert status_text(paused).startswith("Stopping the belt (after your pain-check answer)")
    stopped = dataclasses.replace(paused, actual_speed_kmh=0.0, belt_stopped=True)
    text = status_text(stopped)
    assert text.startswith("Belt stopped") and "R resume easy" in text and "E end" in text
    link_down = dataclasses.replace(paused, actual_speed_kmh=None, connected=False)
    assert status_text(link_down).startswith("Stopping the belt"), "unknown is not stopped"


def test_an_unconfirmed_owed_stop_leads_the_status_line() -> None:
    owed = dataclasses.replace(
        BASE,
        state=State.STOPPING,
        actual_speed_kmh=None,
        connected=False,
        stop_warning="The belt may still be moving: press STOP on the treadmill.",
    )
    assert status_text(owed).startswith("The belt may still be moving")


def test_space_never_promises_a_key_that_will_not_work() -> None:
    assert stop_key_text(BASE) == "Stopping the belt. Press S to start again."
    red = dataclasses.replace(
        BASE, state=State.PAUSED, pause_reason=PauseReason.RED, options=("end", "resume_easy")
    )
    assert "S" not in stop_key_text(red).split()
    done = dataclasses.replace(POST_WALK, state=State.FINISHED, prompt=None)
    assert stop_key_text(done) == "The belt is already stopped."


def test_overlays_follow_the_engine_state() -> None:
    assert overlay_for(BASE) is None
    assert overlay_for(CHECK) == ("pain", 70.0)
    post = dataclasses.replace(
        BASE, state=State.POST_WALK, prompt=PromptView("post_walk", "post_walk", 9.0, 0)
    )
    assert overlay_for(post) == ("post_walk", 9.0)
    red = dataclasses.replace(
        CHECK, state=State.RED_FLAG, locked=True, red_flag_text="x", prompt=None
    )
    assert overlay_for(red) == ("red_flag", 0.0)


def test_exercise_screen_needs_the_exercise_stage_and_a_stopped_belt() -> None:
    brk = dataclasses.replace(
        BASE, state=State.BREAK, break_stage=BreakStage.EXERCISE, exercise=EXERCISE
    )
    assert overlay_for(brk) is None  # telemetry still shows the belt moving
    stopped = dataclasses.replace(brk, actual_speed_kmh=0.0, belt_stopped=True)
    assert overlay_for(stopped) == ("exercise", 1.0)
    stopping = dataclasses.replace(stopped, break_stage=BreakStage.STOPPING, exercise=None)
    assert overlay_for(stopping) is None


def test_emergency_number_by_locale_and_red_flag_text_is_filled_in() -> None:
    assert emergency_number("en_GB.UTF-8") == "999"
    assert emergency_number("en_US.UTF-8") == "911"
    assert emergency_number("de_DE.UTF-8") == "112"
    assert emergency_number("C") == "112"
    text = red_flag_markdown(None, "999")
    assert "{emergency_number}" not in text and "call 999" in text


def test_targets_before_the_first_start_read_as_dashes() -> None:
    view = walk_view(IDLE)
    assert (view.speed_target, view.incline_target) == ("target --", "target --")
    assert "0.0" not in view.speed_target


def test_the_engine_red_flag_text_is_shown_as_given() -> None:
    filled = "call 999 now"
    assert red_flag_markdown(filled, "911") == filled  # the engine already filled it in


def test_an_offered_break_says_which_keys_take_or_skip_it() -> None:
    snap = dataclasses.replace(BASE, options=(*BASE.options, "take_break", "skip_break"))
    text = status_text(snap)
    assert "B takes it" in text and "N skips it" in text and "keeps moving" in text
    assert "B takes it" not in status_text(BASE)
