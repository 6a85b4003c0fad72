"""What an audible cue is about (its own module, so the UI can name cues without numpy).

Each kind has its own chime (``cues.CHIME_NOTES``), distinct from the metronome's beat.
"""

from __future__ import annotations

from enum import StrEnum


class CueKind(StrEnum):
    CHECK = "check"  # a pain check opens (and each repeat of an unanswered one)
    CHANGE = "change"  # a planned speed, incline or cadence change is coming
    STOP = "stop"  # the belt will slow to a stop (final stop, exercise break)
    EXERCISE = "exercise"  # an exercise step begins
    ANSWER = "answer"  # an answer was taken
