"""FIT activity files, written with ``fit-tool`` (a maintained FIT encoder).

Sport walking, sub-sport treadmill; a lap per profile segment; 1 Hz records of speed,
distance, incline-derived altitude, heart rate and cadence when known. FIT keeps running and
walking cadence in strides (pairs of steps) per minute, with a fractional part, so the step rate
is written halved and read back doubled.
"""

from __future__ import annotations

from datetime import datetime

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.device_info_message import DeviceInfoMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import (
    Activity as FitActivity,
)
from fit_tool.profile.profile_type import (
    Event,
    EventType,
    FileType,
    LapTrigger,
    Manufacturer,
    SessionTrigger,
    Sport,
    SubSport,
)

from treadmill_tui.history.activity import Activity, Point

PRODUCT_NAME = "treadmill-tui"


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _mps(kmh: float | None) -> float | None:
    return None if kmh is None else kmh / 3.6


def _record(p: Point) -> RecordMessage:
    m = RecordMessage()
    m.timestamp = _ms(p.time)
    m.distance = p.distance_m
    if p.speed_kmh is not None:
        m.enhanced_speed = _mps(p.speed_kmh)
    if p.altitude_m is not None:
        m.enhanced_altitude = p.altitude_m
    if p.incline_pct is not None:
        m.grade = p.incline_pct
    if p.heart_rate_bpm is not None:
        m.heart_rate = round(p.heart_rate_bpm)
    if p.cadence_spm is not None:
        strides = p.cadence_spm / 2
        m.cadence = int(strides)
        m.fractional_cadence = strides - int(strides)
    return m


def _lap_totals(points: tuple[Point, ...]) -> tuple[float, float, float | None, float | None]:
    """Elapsed seconds, distance, average and top speed (m/s) of a run of points."""
    if not points:
        return 0.0, 0.0, None, None
    elapsed = (points[-1].time - points[0].time).total_seconds()
    distance = points[-1].distance_m - points[0].distance_m
    speeds = [p.speed_kmh for p in points if p.speed_kmh is not None]
    avg = distance / elapsed if elapsed > 0 else None
    return elapsed, distance, avg, _mps(max(speeds)) if speeds else None


def fit_bytes(activity: Activity) -> bytes:
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    start, points = activity.start, activity.points
    end = points[-1].time if points else start

    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 0x7E4D
    file_id.time_created = _ms(start)
    builder.add(file_id)

    device = DeviceInfoMessage()
    device.timestamp = _ms(start)
    device.manufacturer = Manufacturer.DEVELOPMENT.value
    device.product_name = PRODUCT_NAME
    builder.add(device)

    event = EventMessage()
    event.event = Event.TIMER
    event.event_type = EventType.START
    event.timestamp = _ms(start)
    builder.add(event)
    builder.add_all([_record(p) for p in points])
    event = EventMessage()
    event.event = Event.TIMER
    event.event_type = EventType.STOP_ALL
    event.timestamp = _ms(end)
    builder.add(event)

    for index, lap in enumerate(activity.laps):
        lp = activity.lap_points(lap)
        # a lap ends where the next begins, so the laps add up to the whole walk
        nxt = activity.points[lap.last + 1] if lap.last + 1 < len(points) else lp[-1]
        elapsed, distance, avg, top = _lap_totals((*lp, nxt) if nxt is not lp[-1] else lp)
        m = LapMessage()
        m.message_index = index
        m.timestamp = _ms(nxt.time)
        m.start_time = _ms(lp[0].time)
        m.total_elapsed_time = elapsed
        m.total_timer_time = elapsed
        m.total_distance = distance
        if avg is not None:
            m.enhanced_avg_speed = avg
        if top is not None:
            m.enhanced_max_speed = top
        m.event = Event.LAP
        m.event_type = EventType.STOP
        m.lap_trigger = (
            LapTrigger.SESSION_END if index == len(activity.laps) - 1 else (LapTrigger.MANUAL)
        )
        m.sport = Sport.WALKING
        m.sub_sport = SubSport.TREADMILL
        builder.add(m)

    session = SessionMessage()
    session.message_index = 0
    session.timestamp = _ms(end)
    session.start_time = _ms(start)
    session.total_elapsed_time = activity.elapsed_s
    session.total_timer_time = activity.timer_s
    session.total_distance = activity.distance_m
    session.total_ascent = round(activity.ascent_m)
    _, _, avg, top = _lap_totals(points)
    if activity.timer_s > 0:
        session.enhanced_avg_speed = activity.distance_m / activity.timer_s
    if top is not None:
        session.enhanced_max_speed = top
    session.first_lap_index = 0
    session.num_laps = len(activity.laps)
    session.sport = Sport.WALKING
    session.sub_sport = SubSport.TREADMILL
    session.event = Event.SESSION
    session.event_type = EventType.STOP
    session.trigger = SessionTrigger.ACTIVITY_END
    builder.add(session)

    act = ActivityMessage()
    act.timestamp = _ms(end)
    act.total_timer_time = activity.timer_s
    act.num_sessions = 1
    act.type = FitActivity.MANUAL
    act.event = Event.ACTIVITY
    act.event_type = EventType.STOP
    builder.add(act)
    data: bytes = builder.build().to_bytes()
    return data
