"""When to sound a cue, decided from the snapshot (no Textual, no sound here).

A chime (and the words, when speech is on) comes when a pain check opens and each time an
unanswered one is repeated, before each planned change (10 s ahead) and before the belt stops
for a break or for good (30 s ahead), and at each exercise step. The decision is a pure
function of the last state and the new snapshot, so each cue sounds once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from treadmill_tui.metronome.cue_kind import CueKind
from treadmill_tui.session.snapshot import SessionSnapshot
from treadmill_tui.session.states import WALKING_STATES, State
from treadmill_tui.ui.programme import Change, ChangeKind, countdown, next_change

CHANGE_LEAD_S = 10.0
STOP_LEAD_S = 30.0


@dataclass(frozen=True, slots=True)
class CueState:
    announced: frozenset[float] = field(default_factory=frozenset)  # change times cued
    prompt: tuple[float, int] | None = None  # (since, repeats) of the last check cued
    exercise: tuple[object, ...] | None = None  # the last exercise step cued


def spoken(text: str) -> str:
    """The screen's words made speakable: units in words, M:SS as minutes and seconds."""

    def duration(match: re.Match[str]) -> str:
        minutes, seconds = int(match.group(1)), int(match.group(2))
        parts = []
        if minutes:
            parts.append(f"{minutes} minute" + ("s" if minutes > 1 else ""))
        if seconds or not minutes:
            parts.append(f"{seconds} second" + ("s" if seconds != 1 else ""))
        return " ".join(parts)

    text = text.removeprefix("Next: ")
    text = re.sub(r"\b(\d+):(\d\d)\b", duration, text)
    text = text.replace("km/h", "kilometres an hour").replace("steps/min", "steps a minute")
    text = re.sub(r"\bmph\b", "miles an hour", text)
    return text.replace(" %", " percent").replace("%", " percent")


def due_cues(
    state: CueState, snap: SessionSnapshot, changes: tuple[Change, ...]
) -> tuple[CueState, list[tuple[CueKind, str]]]:
    """The cues to sound now, and the state that remembers them."""
    cues: list[tuple[CueKind, str]] = []
    prompt = snap.prompt
    if prompt is not None and (prompt.since, prompt.repeats) != state.prompt:
        if prompt.kind == "post_walk":
            words = "Walk done. A few quick questions."
        elif prompt.repeats:
            words = "Pain check. Please answer: how is your back?"
        else:
            words = "Pain check: how is your back?"
        cues.append((CueKind.CHECK, words))
        state = replace(state, prompt=(prompt.since, prompt.repeats))
    if snap.state in WALKING_STATES:
        change = next_change(changes, snap.prog_t)
        if change is not None and change.cue and change.at_s not in state.announced:
            stopping = change.kind in (ChangeKind.STOP, ChangeKind.BREAK)
            lead = STOP_LEAD_S if stopping else CHANGE_LEAD_S
            if change.at_s - snap.prog_t <= lead:
                text = spoken(countdown(changes, snap.prog_t))
                cues.append((CueKind.STOP if stopping else CueKind.CHANGE, text))
                state = replace(state, announced=state.announced | {change.at_s})
    ex = snap.exercise
    if snap.state is State.BREAK and ex is not None:
        key = (ex.name, ex.side, ex.rep, ex.index)
        if key != state.exercise:
            side = f", {ex.side} side" if ex.side else ""
            cues.append((CueKind.EXERCISE, f"{ex.name}{side}. Rep {ex.rep} of {ex.reps}."))
            state = replace(state, exercise=key)
    return state, cues
