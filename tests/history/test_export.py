"""FIT, TCX and CSV exports: the FIT decodes with Garmin's official SDK, the TCX parses as the
schema lays it out, the CSV round-trips, and import reads our exports back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream

from treadmill_tui.cli import main
from treadmill_tui.history.activity import Activity, activity_of
from treadmill_tui.history.export_csv import (
    WALK_HEADER,
    read_samples_csv,
    samples_csv,
    walks_csv,
)
from treadmill_tui.history.export_fit import fit_bytes
from treadmill_tui.history.export_tcx import AX, TCD, read_tcx, tcx_bytes
from treadmill_tui.history.importing import ImportProblem, read_activity, read_fit
from treadmill_tui.history.paths import store_path
from treadmill_tui.history.store import Sample, Store

from .helpers import recorded_walk

NS = {"t": TCD, "x": AX}


@dataclass(frozen=True)
class Walk:
    dir: Path
    id: int
    summary: dict[str, Any]
    samples: list[Sample]
    activity: Activity


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Walk:
    """The incline builder (warm-up, incline walk, cool-down): it climbs, so altitude counts."""
    folder = tmp_path_factory.mktemp("export")
    result, walk_id = recorded_walk(store_path(folder), name="gentle-incline-builder.toml")
    with Store.open(store_path(folder)) as store:
        rec = store.walk(walk_id)
        assert rec is not None
        samples = store.samples(walk_id)
        return Walk(folder, walk_id, result.summary, samples, activity_of(rec, samples))


def _decode(data: bytes) -> Any:
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def test_fit_decodes_with_the_official_sdk_with_matching_totals(walk: Walk) -> None:
    m = _decode(fit_bytes(walk.activity))
    assert m["file_id_mesgs"][0]["type"] == "activity"
    (session,) = m["session_mesgs"]
    assert (session["sport"], session["sub_sport"]) == ("walking", "treadmill")
    s = walk.summary
    assert session["total_distance"] == pytest.approx(s["distance_m"], abs=1.0)
    assert session["total_timer_time"] == pytest.approx(s["active_s"], abs=0.01)
    assert session["total_ascent"] == round(s["elevation_gain_m"])
    assert s["elevation_gain_m"] > 5  # the walk climbs: altitude is not trivially zero
    # a lap per profile segment walked, adding up to the session
    laps = m["lap_mesgs"]
    assert [lap["message_index"] for lap in laps] == [0, 1, 2]
    assert session["num_laps"] == 3
    assert sum(lap["total_distance"] for lap in laps) == pytest.approx(
        session["total_distance"], abs=0.01
    )
    assert sum(lap["total_elapsed_time"] for lap in laps) == pytest.approx(
        session["total_elapsed_time"], abs=0.01
    )
    # 1 Hz records with speed, distance, altitude from the incline, cadence in strides
    records = m["record_mesgs"]
    assert len(records) == len(walk.activity.points)
    gaps = {
        round((b["timestamp"] - a["timestamp"]).total_seconds())
        for a, b in zip(records, records[1:], strict=False)
    }
    assert gaps <= {0, 1, 2}
    assert records[-1]["distance"] == pytest.approx(s["distance_m"], abs=1.0)
    assert max(r["enhanced_speed"] for r in records) * 3.6 == pytest.approx(
        s["max_speed_kmh"], abs=0.01
    )
    assert records[-1]["enhanced_altitude"] == pytest.approx(s["elevation_gain_m"], abs=0.5)
    for rec, point in zip(records, walk.activity.points, strict=True):
        if point.cadence_spm is not None:
            spm = (rec["cadence"] + rec.get("fractional_cadence", 0.0)) * 2
            assert spm == pytest.approx(point.cadence_spm, abs=0.02)


def test_tcx_parses_as_the_schema_lays_it_out_with_matching_totals(walk: Walk) -> None:
    root = ET.fromstring(tcx_bytes(walk.activity))
    assert root.tag == f"{{{TCD}}}TrainingCenterDatabase"
    activity = root.find("t:Activities/t:Activity", NS)
    assert activity is not None and activity.get("Sport") == "Other"
    laps = activity.findall("t:Lap", NS)
    assert len(laps) == 3
    order = ["TotalTimeSeconds", "DistanceMeters", "MaximumSpeed", "Calories", "Intensity"]
    for lap in laps:
        tags = [child.tag.split("}")[1] for child in lap]
        assert tags[: len(order)] == order
        assert tags.index("TriggerMethod") < tags.index("Track")
    total = sum(float(lap.findtext("t:DistanceMeters", namespaces=NS) or 0) for lap in laps)
    assert total == pytest.approx(walk.summary["distance_m"], abs=1.0)
    points = activity.findall("t:Lap/t:Track/t:Trackpoint", NS)
    assert len(points) == len(walk.activity.points)
    first = points[0]
    assert [c.tag.split("}")[1] for c in first] == [
        "Time",
        "AltitudeMeters",
        "DistanceMeters",
        "Extensions",
    ]
    assert first.find("t:Extensions/x:TPX/x:Speed", NS) is not None
    last_alt = float(points[-1].findtext("t:AltitudeMeters", namespaces=NS) or 0)
    assert last_alt == pytest.approx(walk.summary["elevation_gain_m"], abs=0.5)


def test_csv_round_trips(walk: Walk) -> None:
    text = samples_csv(walk.samples, walk.activity.start)
    header = text.splitlines()[0].split(",")
    assert header[:4] == ["time_utc", "t_s", "programme_t_s", "state"]
    assert "speed_kmh" in header and "incline_pct" in header and "distance_m" in header
    assert read_samples_csv(text) == walk.samples


def test_walks_csv_has_one_row_per_walk(walk: Walk) -> None:
    with Store.open(store_path(walk.dir)) as store:
        rows = store.list_walks()
    lines = walks_csv(rows).splitlines()
    assert lines[0].split(",") == WALK_HEADER
    assert len(lines) == 1 + len(rows)
    assert lines[1].split(",")[0] == str(walk.id)


def _same_points(a: Activity, b: Activity, *, speed_abs: float, time_abs: float) -> None:
    assert len(a.points) == len(b.points)
    for p, q in zip(a.points, b.points, strict=True):
        assert abs((p.time - q.time).total_seconds()) <= time_abs
        assert q.distance_m == pytest.approx(p.distance_m, abs=0.01)
        if p.speed_kmh is not None:
            assert q.speed_kmh == pytest.approx(p.speed_kmh, abs=speed_abs)
        if p.altitude_m is not None:
            assert q.altitude_m == pytest.approx(p.altitude_m, abs=0.2)
        if p.cadence_spm is not None:
            assert q.cadence_spm == pytest.approx(p.cadence_spm, abs=1.01)


def test_fit_export_reads_back_as_the_same_activity(walk: Walk) -> None:
    back = read_fit(fit_bytes(walk.activity))
    # FIT keeps whole seconds, speed in mm/s
    _same_points(walk.activity, back, speed_abs=0.004, time_abs=1.0)
    assert back.distance_m == pytest.approx(walk.activity.distance_m, abs=0.01)
    assert back.timer_s == pytest.approx(walk.activity.timer_s, abs=0.01)
    assert [(lap.first, lap.last) for lap in back.laps] == [
        (lap.first, lap.last) for lap in walk.activity.laps
    ]


def test_tcx_export_reads_back_as_the_same_activity(walk: Walk) -> None:
    back = read_tcx(tcx_bytes(walk.activity))
    _same_points(walk.activity, back, speed_abs=0.001, time_abs=0.001)
    assert back.distance_m == pytest.approx(walk.activity.distance_m, abs=0.01)
    assert [lap.name for lap in back.laps] == [lap.name for lap in walk.activity.laps]


@pytest.mark.parametrize("fmt", ["fit", "tcx"])
def test_export_then_import_from_the_command_line(
    walk: Walk, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"walk.{fmt}"
    args = ["--data-dir", str(walk.dir), "history", "export", str(walk.id), "--format", fmt]
    assert main([*args, "-o", str(out)]) == 0
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "history", "import", str(out)]) == 0
    assert "as walk 1" in capsys.readouterr().out
    with Store.open(store_path(other)) as store:
        (row,) = store.list_walks()
        assert not row.simulated and row.outcome == "imported"
        assert row.distance_m == pytest.approx(walk.summary["distance_m"], abs=1.0)
        assert row.started_at == walk.activity.start.replace(microsecond=0)
        assert len(store.samples(row.id)) == len(walk.activity.points)


def test_export_all_csv_and_bad_requests(
    walk: Walk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(walk.dir), "history", "export"]
    out = tmp_path / "all.csv"
    assert main([*base, "--all", "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text().splitlines()[0].split(",") == WALK_HEADER
    assert main([*base, "--all", "--format", "fit", "-o", str(out)]) == 2
    assert main([*base, "99", "--format", "csv", "-o", str(out)]) == 1
    assert main([*base, str(walk.id), "--format", "csv", "-o", str(tmp_path / "no/x.csv")]) == 1
    err = capsys.readouterr().err
    assert "--all works with --format csv only" in err and "no walk 99" in err
    assert "cannot write" in err


def test_import_refuses_other_files_in_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.gpx"
    junk.write_text("hello")
    with pytest.raises(ImportProblem, match="not a FIT or TCX file"):
        read_activity(junk)
    broken = tmp_path / "broken.tcx"
    broken.write_text("<TrainingCenterDatabase/>")
    with pytest.raises(ImportProblem, match="no Activity"):
        read_activity(broken)
    assert main(["--data-dir", str(tmp_path), "history", "import", str(junk)]) == 1


def test_import_reads_a_fit_file_from_another_writer(tmp_path: Path) -> None:
    """A treadmill run written by Garmin's own encoder (another app's file, not ours)."""
    from datetime import UTC, datetime, timedelta

    from garmin_fit_sdk import Encoder, Profile

    mesg = Profile["mesg_num"]
    start = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)
    enc = Encoder()
    enc.on_mesg(
        mesg["FILE_ID"],
        {"type": "activity", "manufacturer": "garmin", "product": 1, "time_created": start},
    )
    for i in range(120):
        enc.on_mesg(
            mesg["RECORD"],
            {
                "timestamp": start + timedelta(seconds=i),
                "distance": i * 0.9,
                "enhanced_speed": 0.9,
                "heart_rate": 100 + i % 5,
                "cadence": 55,
            },
        )
    end = start + timedelta(seconds=119)
    totals = {"total_elapsed_time": 119.0, "total_timer_time": 119.0, "total_distance": 107.1}
    enc.on_mesg(mesg["LAP"], {"timestamp": end, "start_time": start, **totals})
    enc.on_mesg(
        mesg["SESSION"],
        {
            "timestamp": end,
            "start_time": start,
            "sport": "running",
            "sub_sport": "treadmill",
            "num_laps": 1,
            "first_lap_index": 0,
            **totals,
        },
    )
    path = tmp_path / "run.fit"
    path.write_bytes(enc.close())
    assert main(["--data-dir", str(tmp_path), "history", "import", str(path)]) == 0
    with Store.open(store_path(tmp_path)) as store:
        (row,) = store.list_walks()
        assert row.started_at == start and row.distance_m == pytest.approx(107.1)
        assert row.active_s == 119.0 and row.max_speed_kmh == pytest.approx(3.24)
        samples = store.samples(row.id)
        assert len(samples) == 120
        assert samples[10].heart_rate_bpm == 100.0 and samples[10].cadence_spm == 110.0


OTHER_TCX = """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
 <Activities><Activity Sport="Running"><Id>2026-05-02T07:00:00Z</Id>
  <Lap StartTime="2026-05-02T07:00:00Z">
   <TotalTimeSeconds>2.0</TotalTimeSeconds><DistanceMeters>2.4</DistanceMeters>
   <Calories>1</Calories><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>
   <Track>
    <Trackpoint><Time>2026-05-02T07:00:00Z</Time><DistanceMeters>0.0</DistanceMeters>
     <HeartRateBpm><Value>98</Value></HeartRateBpm></Trackpoint>
    <Trackpoint><Time>2026-05-02T07:00:01Z</Time><DistanceMeters>1.2</DistanceMeters>
     <Extensions><ns3:TPX><ns3:Speed>1.2</ns3:Speed></ns3:TPX></Extensions></Trackpoint>
    <Trackpoint><Time>2026-05-02T07:00:02Z</Time><DistanceMeters>2.4</DistanceMeters>
    </Trackpoint>
   </Track></Lap></Activity></Activities></TrainingCenterDatabase>
"""


def test_import_reads_a_tcx_file_from_another_app(tmp_path: Path) -> None:
    path = tmp_path / "morning.tcx"
    path.write_text(OTHER_TCX)
    activity = read_activity(path)
    assert len(activity.points) == 3 and activity.distance_m == 2.4
    assert activity.points[0].heart_rate_bpm == 98.0
    assert activity.points[1].speed_kmh == pytest.approx(4.32)
    assert activity.name == "morning"  # no notes: the file's name
