"""What the sensors and the link add to the walk screen's text."""

from __future__ import annotations

import dataclasses

from treadmill_tui.devices.link_watch import LinkPhase, LinkState
from treadmill_tui.ui.sensor_view import header_text, with_sensors
from treadmill_tui.ui.view import WalkView


def view() -> WalkView:
    fields = {f.name: "" for f in dataclasses.fields(WalkView)}
    fields["beat_note"] = "Step on each beat: 110 steps/min"
    return WalkView(**fields)  # type: ignore[arg-type]


def test_header() -> None:
    state = LinkState(LinkPhase.RECONNECTING, 3, 10)
    assert header_text("RIG TREADMILL", state) == "RIG TREADMILL · reconnecting 3/10"


def test_footpod_beside_the_beat_with_time_in_step_and_heart_rate() -> None:
    v = with_sensors(view(), footpod_spm=108, footpod_on=True, heart_bpm=96, in_step_s=252.0)
    assert v.beat_note == (
        "Step on each beat: 110 steps/min · your steps: 108/min · in step 04:12 · heart 96 bpm"
    )


def test_a_silent_footpod_shows_dashes_and_no_sensors_change_nothing() -> None:
    v = with_sensors(view(), footpod_spm=None, footpod_on=True, heart_bpm=None, in_step_s=None)
    assert v.beat_note.endswith("footpod: --")
    plain = view()
    assert (
        with_sensors(plain, footpod_spm=None, footpod_on=False, heart_bpm=None, in_step_s=None)
        is plain
    )
