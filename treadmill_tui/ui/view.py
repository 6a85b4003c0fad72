"""What the walk dashboard shows, as plain strings computed from one engine snapshot.

Pure functions and frozen dataclasses (no Textual here), so every wording and every "which
screen now" rule is testable without an app, and snapshot tests can render a hand-made
snapshot. The tick compares two :class:`WalkView` values and repaints only what differs.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from treadmill_tui.profiles.catalogue import RED_FLAG_TEXT
from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.session.snapshot import SessionSnapshot
from treadmill_tui.session.states import WALKING_STATES, BreakStage, PauseReason, State
from treadmill_tui.ui.answers import check_title
from treadmill_tui.ui.programme import Change, countdown

PHASE_NAMES = {
    "warmup": "Warm-up",
    "main": "Walk",
    "cooldown": "Cool-down",
    "break": "Exercise break",
}

PAUSE_WHY = {
    PauseReason.STOP_NOW: "you pressed stop",
    PauseReason.RED: "after your pain-check answer",
    PauseReason.NO_ANSWER: "no answer to the pain check",
    PauseReason.LINK_LOST: "the link to the treadmill dropped",
    PauseReason.CONTROL_LOST: "the treadmill took back control",
    PauseReason.CONSOLE: "stopped from the treadmill console",
    PauseReason.SAFETY_KEY: "the safety key was pulled",
    PauseReason.COMMAND_FAILED: "the treadmill refused a command",
}

OUTCOME_WORDS = {
    "completed": "Walk complete. Well done.",
    "ended_early": "Walk ended early. That is fine: listen to your back.",
    "cancelled": "No walk today.",
    "rest": "No walk today: rest; gentle movement at home is fine.",
    "red": "Walk ended after a red pain answer. Rest, and try a lower dose next time.",
    "red_flag": "Walk stopped for a red-flag symptom. Please follow the advice you were shown.",
    "no_answer": "Walk ended: no answer to the pain check.",
    "cooldown_early": "Walk ended with an early cool-down.",
}

# How each option the engine offers reads in the footer/status line.
OPTION_KEYS = {
    "start": "S start",
    "resume": "S resume",
    "resume_easy": "R resume easy",
    "end": "E end",
    "pain": "P pain check",
    "stop_now": "Space stop",
    "next": "Enter next exercise",
    "ready": "Enter ready",
    "acknowledge": "A acknowledge",
    "return": "U planned pace",
    "take_break": "B take a break",
    "skip_break": "N skip the break",
}

BREAK_OFFER_NOTE = "Exercise break offered: B takes it, N skips it; the belt keeps moving."

AFTER_THE_WALK = " W chooses another walk; Ctrl+Q quits."

RETURN_NOTE = "Slowed after a late answer: U goes back to the planned pace."


def clock_text(seconds: float | None) -> str:
    """``MM:SS`` (``H:MM:SS`` from an hour); ``--:--`` when unknown."""
    if seconds is None or not math.isfinite(seconds):
        return "--:--"
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def number_text(value: float | None, pattern: str = "{:.1f}") -> str:
    return "--" if value is None else pattern.format(value)


def speed_text(value_kmh: float | None, unit: SpeedUnit = KMH) -> str:
    """A big-number speed in the walker's unit, one fixed decimal ("--" when unknown)."""
    return "--" if value_kmh is None else unit.speed_number(value_kmh, fixed=True)


def belt_stopped(snap: SessionSnapshot) -> bool:
    """The engine's verdict: telemetry shows 0 and no stop is owed (unknown is not stopped)."""
    return snap.belt_stopped


def stop_key_text(snap: SessionSnapshot | None) -> str:
    """What Space says: never a promise of a key that will not work next (after a red answer
    S does not start the belt)."""
    if snap is not None and snap.state in WALKING_STATES:
        return "Stopping the belt. Press S to start again."
    if snap is not None and snap.belt_stopped:
        return "The belt is already stopped."
    return "Stopping the belt."


@dataclass(frozen=True, slots=True)
class WalkView:
    """Every text on the walk screen."""

    where: str
    speed: str
    speed_target: str
    incline: str
    incline_target: str
    cadence: str
    cadence_note: str
    distance: str
    active: str
    status: str
    show_safety: bool
    beat_note: str
    next: str = ""  # "Next: Walk 3 km/h in 0:45" while walking


def status_text(snap: SessionSnapshot) -> str:
    """One plain sentence about the state and what the walker can do now; an unconfirmed owed
    stop comes first and stays until telemetry shows the belt at 0."""
    text = _state_text(snap)
    return f"{snap.stop_warning} {text}" if snap.stop_warning else text


def _state_text(snap: SessionSnapshot) -> str:
    st = snap.state
    if st is State.CONNECTING:
        return "Connecting to the treadmill…"
    if st is State.READY:
        return "Connected. Answer the pre-walk pain check to begin."
    if st is State.WAITING_START:
        return "Ready. Clip on the safety key, stand on the belt, then press S to start."
    if st in WALKING_STATES and "take_break" in snap.options:
        return f"{BREAK_OFFER_NOTE} Space stops the belt."
    if st in WALKING_STATES and "return" in snap.options:
        return f"{RETURN_NOTE} Space stops the belt."
    if st is State.WARMUP:
        return "Warm-up: walk easy. Space stops the belt."
    if st is State.MAIN:
        return "Walking. Space stops the belt; P asks for a pain check."
    if st is State.COOLDOWN:
        return "Cool-down: easing off. Space stops the belt."
    if st is State.BREAK:
        stage = snap.break_stage
        if stage is BreakStage.STOPPING:
            return "Exercise break: the belt is stopping. Hold the rails."
        if stage is BreakStage.EXERCISE:
            return "Exercise break: the belt is stopped."
        if stage is BreakStage.CHECK:
            return "Break over: answer the pain check."
        return "Break over. Press S to start the belt again, or E to end the walk."
    if st is State.PAUSED:
        why = PAUSE_WHY.get(snap.pause_reason, "paused") if snap.pause_reason else "paused"
        keys = ", ".join(OPTION_KEYS[o] for o in snap.options if o in OPTION_KEYS)
        head = "Belt stopped" if belt_stopped(snap) else "Stopping the belt"
        return f"{head} ({why}). " + (f"Keys: {keys}." if keys else "")
    if st is State.STOPPING:
        return "Stopping the belt: the walk is over."
    if st is State.POST_WALK:
        return "Walk done. A few quick questions, then rest."
    if st is State.RED_FLAG:
        return "Stopped for a red-flag symptom. The programme is locked."
    return OUTCOME_WORDS.get(snap.outcome, "The walk has ended.") + AFTER_THE_WALK


def where_text(snap: SessionSnapshot) -> str:
    """Header line: phase, segment, programme time and time left."""
    phase = PHASE_NAMES.get(snap.phase or "", snap.phase or "")
    seen: list[str] = []
    for part in (phase, snap.segment_name or ""):
        if part and part not in seen:
            seen.append(part)
    head = " · ".join(seen) if seen else "Not started"
    return (
        f"{head}  ·  {clock_text(snap.prog_t)} / {clock_text(snap.duration_s)}"
        f"  ·  {clock_text(snap.remaining_s)} left"
    )


def beat_text(
    metronome_spm: float | None, plan_cadence: float | None, walk_has_cadence: bool
) -> str:
    """What the beat is doing; "Metronome off" only for a walk without any cadence."""
    if metronome_spm is not None:
        return f"Step on each beat: {metronome_spm:.0f} steps/min"
    if not walk_has_cadence:
        return "Metronome off"
    if plan_cadence is not None:
        return f"Beat starts as the belt reaches {plan_cadence:.0f} steps/min"
    return "No beat in this part of the walk"


def walk_view(
    snap: SessionSnapshot,
    changes: tuple[Change, ...] = (),
    *,
    plan_cadence: float | None = None,
    walk_has_cadence: bool = False,
    unit: SpeedUnit = KMH,
) -> WalkView:
    """``changes``: the walk's planned changes, for the "Next: …" countdown; ``plan_cadence``
    the plan's cadence now and ``walk_has_cadence`` whether the walk has any, for the beat;
    ``unit``: the walker's display unit for speed and distance."""
    walking = snap.state in WALKING_STATES
    beat = beat_text(snap.metronome_spm, plan_cadence if walking else None, walk_has_cadence)
    return WalkView(
        where=where_text(snap),
        speed=speed_text(snap.actual_speed_kmh, unit),
        speed_target=f"target {speed_text(snap.target_speed_kmh, unit)}",
        incline=number_text(snap.actual_incline_pct),
        incline_target=f"target {number_text(snap.target_incline_pct)}",
        cadence=number_text(snap.cadence_spm, "{:.0f}"),
        cadence_note="metronome" if snap.metronome_spm is not None else "estimate",
        distance=unit.distance_number(snap.distance_m),
        active=clock_text(snap.active_s),
        status=status_text(snap),
        show_safety=not walking or belt_stopped(snap),
        beat_note=beat,
        next=countdown(changes, snap.prog_t) if walking else "",
    )


# -- which screen is on top ------------------------------------------------------------------

Overlay = tuple[str, float]  # (kind, identity): a new identity means a new screen


def overlay_for(snap: SessionSnapshot) -> Overlay | None:
    """The screen the engine's state calls for over the walk screen, or None.

    Red flag beats everything (locked until acknowledged); an open question comes next; the
    exercise screen appears only once the engine reports the exercise stage *and* telemetry
    shows the belt at 0.
    """
    if snap.state is State.RED_FLAG or (snap.locked and snap.red_flag_text):
        return ("red_flag", 0.0)
    prompt = snap.prompt
    if prompt is not None:
        if prompt.kind == "post_walk":
            return ("post_walk", prompt.since)
        if snap.state is not State.FINISHED:
            return ("pain", prompt.since)
    if (
        snap.state is State.BREAK
        and snap.break_stage is BreakStage.EXERCISE
        and snap.exercise is not None
        and belt_stopped(snap)
    ):
        return ("exercise", float(snap.segment_index if snap.segment_index is not None else -1))
    return None


def pain_title(trigger: str, kind: str) -> str:
    """The check's title (see :func:`treadmill_tui.ui.answers.check_title`)."""
    return check_title(trigger, kind)


# -- red-flag text ---------------------------------------------------------------------------

EMERGENCY_BY_REGION = {"GB": "999", "IE": "112", "US": "911", "CA": "911"}


def emergency_number(lang: str | None = None) -> str:
    """999 / 911 by region from a locale such as ``en_GB.UTF-8``; 112 otherwise."""
    text = lang if lang is not None else os.environ.get("LC_ALL") or os.environ.get("LANG", "")
    region = text.split(".")[0].partition("_")[2].upper()
    return EMERGENCY_BY_REGION.get(region, "112")


def red_flag_markdown(text: str | None = None, number: str | None = None) -> str:
    """The engine's red-flag text (already filled with the emergency number); only the
    fallback, when there is none, is filled in here."""
    if text:
        return text
    return RED_FLAG_TEXT.replace("{emergency_number}", number or emergency_number())
