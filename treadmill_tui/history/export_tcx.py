"""TCX (Garmin Training Center XML v2) written and read with the standard library's XML tools.

Structure as the schema orders it: Activities/Activity/Lap (totals, Intensity, TriggerMethod)
/Track/Trackpoint (Time, AltitudeMeters, DistanceMeters, HeartRateBpm, and the ActivityExtension
TPX with Speed in m/s and RunCadence in strides per minute). TCX has no walking sport: walks are
``Other``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from treadmill_tui.history.activity import Activity, Lap, Point

TCD = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
AX = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{TCD} http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"

ET.register_namespace("", TCD)
ET.register_namespace("ax", AX)
ET.register_namespace("xsi", XSI)


def _t(tag: str) -> str:
    return f"{{{TCD}}}{tag}"


def _x(tag: str) -> str:
    return f"{{{AX}}}{tag}"


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _num(value: float, digits: int = 3) -> str:
    return f"{round(value, digits):g}" if abs(value) < 1e15 else str(value)


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _trackpoint(track: ET.Element, p: Point) -> None:
    tp = _sub(track, _t("Trackpoint"))
    _sub(tp, _t("Time"), _time(p.time))
    if p.altitude_m is not None:
        _sub(tp, _t("AltitudeMeters"), _num(p.altitude_m))
    _sub(tp, _t("DistanceMeters"), _num(p.distance_m))
    if p.heart_rate_bpm is not None:
        hr = _sub(tp, _t("HeartRateBpm"))
        _sub(hr, _t("Value"), str(round(p.heart_rate_bpm)))
    if p.speed_kmh is not None or p.cadence_spm is not None:
        tpx = _sub(_sub(tp, _t("Extensions")), _x("TPX"))
        if p.speed_kmh is not None:
            _sub(tpx, _x("Speed"), _num(p.speed_kmh / 3.6, 4))
        if p.cadence_spm is not None:
            _sub(tpx, _x("RunCadence"), str(round(p.cadence_spm / 2)))


def _lap(activity_el: ET.Element, activity: Activity, lap: Lap) -> None:
    points = activity.lap_points(lap)
    nxt_i = lap.last + 1
    end = activity.points[nxt_i] if nxt_i < len(activity.points) else points[-1]
    el = _sub(activity_el, _t("Lap"))
    el.set("StartTime", _time(points[0].time))
    _sub(el, _t("TotalTimeSeconds"), _num((end.time - points[0].time).total_seconds()))
    _sub(el, _t("DistanceMeters"), _num(end.distance_m - points[0].distance_m))
    speeds = [p.speed_kmh for p in points if p.speed_kmh is not None]
    if speeds:
        _sub(el, _t("MaximumSpeed"), _num(max(speeds) / 3.6, 4))
    _sub(el, _t("Calories"), "0")
    rates = [p.heart_rate_bpm for p in points if p.heart_rate_bpm is not None]
    if rates:
        avg = _sub(el, _t("AverageHeartRateBpm"))
        _sub(avg, _t("Value"), str(round(sum(rates) / len(rates))))
        top = _sub(el, _t("MaximumHeartRateBpm"))
        _sub(top, _t("Value"), str(round(max(rates))))
    _sub(el, _t("Intensity"), "Active" if lap.name not in ("warmup", "cooldown") else "Resting")
    _sub(el, _t("TriggerMethod"), "Manual")
    track = _sub(el, _t("Track"))
    for p in points:
        _trackpoint(track, p)
    _sub(el, _t("Notes"), lap.name)


def tcx_bytes(activity: Activity) -> bytes:
    root = ET.Element(_t("TrainingCenterDatabase"))
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    act = _sub(_sub(root, _t("Activities")), _t("Activity"))
    act.set("Sport", "Other")
    _sub(act, _t("Id"), _time(activity.start))
    for lap in activity.laps:
        _lap(act, activity, lap)
    notes = activity.name + (f" - {activity.notes}" if activity.notes else "")
    _sub(act, _t("Notes"), notes)
    ET.indent(root, space=" ")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _float(el: ET.Element | None) -> float | None:
    return None if el is None or el.text is None else float(el.text)


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_tcx(data: bytes, name: str = "") -> Activity:
    """The first activity of a TCX file (laps and trackpoints), as an :class:`Activity`."""
    root = ET.fromstring(data)
    act = root.find(f"{_t('Activities')}/{_t('Activity')}")
    if act is None:
        raise ValueError("no Activity in this TCX file")
    points: list[Point] = []
    laps: list[Lap] = []
    lap_time = lap_dist = 0.0
    for lap_el in act.findall(_t("Lap")):
        first = len(points)
        lap_time += _float(lap_el.find(_t("TotalTimeSeconds"))) or 0.0
        lap_dist += _float(lap_el.find(_t("DistanceMeters"))) or 0.0
        for tp in lap_el.iter(_t("Trackpoint")):
            time_el = tp.find(_t("Time"))
            if time_el is None or time_el.text is None:
                continue
            speed = _float(tp.find(f"{_t('Extensions')}/{_x('TPX')}/{_x('Speed')}"))
            cadence = _float(tp.find(f"{_t('Extensions')}/{_x('TPX')}/{_x('RunCadence')}"))
            points.append(
                Point(
                    time=parse_time(time_el.text),
                    distance_m=_float(tp.find(_t("DistanceMeters"))) or 0.0,
                    speed_kmh=None if speed is None else speed * 3.6,
                    altitude_m=_float(tp.find(_t("AltitudeMeters"))),
                    heart_rate_bpm=_float(tp.find(f"{_t('HeartRateBpm')}/{_t('Value')}")),
                    cadence_spm=None if cadence is None else cadence * 2,
                )
            )
        if len(points) > first:
            notes = lap_el.find(_t("Notes"))
            laps.append(
                Lap(
                    notes.text if notes is not None and notes.text else "lap",
                    first,
                    len(points) - 1,
                )
            )
    if not points:
        raise ValueError("no trackpoints in this TCX file")
    notes_el = act.find(_t("Notes"))
    heights = [p.altitude_m for p in points if p.altitude_m is not None]
    return Activity(
        name=(notes_el.text if notes_el is not None and notes_el.text else name).split(" - ")[0],
        start=points[0].time,
        points=tuple(points),
        laps=tuple(laps),
        elapsed_s=(points[-1].time - points[0].time).total_seconds(),
        timer_s=lap_time,
        distance_m=lap_dist,
        ascent_m=(max(heights) - heights[0]) if heights else 0.0,
    )
