"""The walker's ``units = "mph"`` in every pure view: the walk screen's numbers, the chart's
speed lane, the "Next:" line and its spoken cue, the amber acknowledgement, the picker detail,
the summary and the history report. The values underneath stay km/h."""

from __future__ import annotations

from tests.ui.helpers import BASE
from tests.ui.history_fixtures import EVENTS, SUMMARY
from tests.ui.test_programme import BREAKS, CADENCE, FIRST_WEEK
from treadmill_tui.history.walk_summary import summary_view
from treadmill_tui.profiles import bundled_profiles_dir
from treadmill_tui.profiles.display_units import KM_PER_MILE, KMH, MPH
from treadmill_tui.profiles.numbers import plain
from treadmill_tui.session.pain import Action, Zone
from treadmill_tui.ui.answers import acknowledgement
from treadmill_tui.ui.chart_model import chart_model
from treadmill_tui.ui.choices import bundled_choices, detail_lines
from treadmill_tui.ui.cue_plan import spoken
from treadmill_tui.ui.home_view import home_view, top_speed_kmh, totals_text
from treadmill_tui.ui.programme import ChangeKind, countdown, planned_changes
from treadmill_tui.ui.view import walk_view


def test_the_walk_view_shows_speed_and_distance_in_mph() -> None:
    view = walk_view(BASE, unit=MPH)  # 2.4 km/h on the belt, 2.5 planned, 152 m walked
    assert view.speed == f"{2.4 / KM_PER_MILE:.1f}" == "1.5"
    assert view.speed_target == "target 1.6"
    assert view.distance == f"{0.152 / KM_PER_MILE:.2f}" == "0.09"
    kmh = walk_view(BASE)
    assert (kmh.speed, kmh.speed_target, kmh.distance) == ("2.4", "target 2.5", "0.15")
    assert walk_view(BASE, unit=KMH) == kmh


def test_the_chart_speed_lane_is_scaled_and_labelled_in_mph() -> None:
    kmh = chart_model(BREAKS, 120, 10)
    mph = chart_model(BREAKS, 120, 10, MPH)
    lane = [i for i, kind in enumerate(mph.kinds) if kind == "speed"]
    assert mph.rows[lane[-1]].startswith(" mph ")
    assert kmh.rows[lane[-1]].startswith("km/h ")
    # the top of the lane: the fastest planned speed rounded up to half a unit
    top = max((v or 0.0) for v in (BREAKS.speed_track.value(t) for t in range(0, 2400, 5)))
    assert float(mph.rows[lane[0]][:4]) >= top / KM_PER_MILE
    assert float(mph.rows[lane[0]][:4]) < float(kmh.rows[lane[0]][:4])
    assert [r for i, r in enumerate(mph.rows) if i not in lane] == [
        r for i, r in enumerate(kmh.rows) if i not in lane
    ]


def test_the_next_line_and_its_cue_say_mph() -> None:
    changes = planned_changes(FIRST_WEEK, MPH)
    assert countdown(changes, 135.0) == "Next: Easy walk 1.6 mph in 0:45"  # 2.5 km/h
    assert spoken(countdown(changes, 135.0)) == "Easy walk 1.6 miles an hour in 45 seconds"
    steps = [c for c in planned_changes(CADENCE, MPH) if c.kind is ChangeKind.STEP]
    assert steps and all(c.what.endswith(" mph") for c in steps)
    assert not any("km/h" in c.what for c in planned_changes(CADENCE, MPH))


def test_an_amber_speed_reduction_is_said_in_mph() -> None:
    text = acknowledgement(Zone.AMBER, Action.REDUCE, nrs=4, reduced="speed", cap=2.2, unit=MPH)
    assert text.startswith("Amber: speed down to 1.4 mph, beat a little slower")


def test_the_picker_detail_and_the_summary_give_miles() -> None:
    choice = next(c for c in bundled_choices(bundled_profiles_dir()) if c.timeline is not None)
    assert choice.timeline is not None
    miles = choice.timeline.totals.distance_m / 1000 / KM_PER_MILE
    assert f"Distance: about {miles:.1f} mi" in detail_lines(choice, MPH)
    rows = dict(summary_view(SUMMARY, EVENTS, walk_id=7, unit=MPH).rows)
    assert rows["Distance"] == f"{(SUMMARY.get('distance_m') or 0.0) / 1000 / KM_PER_MILE:.2f} mi"
    assert dict(summary_view(SUMMARY, EVENTS, walk_id=7).rows)["Distance"].endswith(" km")


def test_the_home_screen_gives_today_s_walk_in_mph() -> None:
    top = top_speed_kmh(FIRST_WEEK)
    miles = plain(FIRST_WEEK.totals.distance_m / 1000 / KM_PER_MILE, 1)
    text = totals_text(FIRST_WEEK, MPH)
    assert text.endswith(f" · up to {plain(top / KM_PER_MILE, 1)} mph · about {miles} mi")
    assert "km" not in text and totals_text(FIRST_WEEK).endswith(" km")
    view = home_view("Simulated", None, FIRST_WEEK, [], "why", MPH)
    assert view.today[1] == text
