"""Announcements for the walker through the metronome's audio chain, with fallbacks.

Words (a chime, then the screen's sentence spoken) when a speech engine is there and speech is
on; otherwise the chime alone; with the terminal-bell backend one bell; with no sound at all
nothing, and the screen's text is the cue (it is always shown). This mirrors the metronome's
own fallback chain (docs/metronome.md). No Textual here: the UI passes ``app.bell`` in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from treadmill_tui.metronome.cues import CueKind, chime_wave
from treadmill_tui.metronome.player import Metronome
from treadmill_tui.metronome.speech import Speaker, engine_path

#: After this many failed syntheses the words stop and the chimes carry on.
SPEECH_FAILURES = 2


class CueMode(StrEnum):
    WORDS = "words"
    CHIMES = "chimes"
    BELL = "bell"
    VISUAL = "visual"


@dataclass(frozen=True, slots=True)
class Announcement:
    kind: CueKind
    words: str
    mode: CueMode


class Announcer:
    def __init__(
        self,
        metronome: Metronome | None,
        *,
        speech: bool = True,
        bell: Callable[[], None] | None = None,
        speaker: Speaker | None = None,
    ) -> None:
        """``speaker`` None: one on espeak-ng if it is installed and ``speech`` is on."""
        self.metronome = metronome
        self.speech = speech
        self._bell = bell
        if speaker is None and speech and metronome is not None and engine_path() is not None:
            speaker = Speaker(metronome.backend.samplerate)
        self.speaker = speaker
        self.heard: list[Announcement] = []  # what was announced, and how (tests, history)

    @property
    def mode(self) -> CueMode:
        m = self.metronome
        if m is None or not m.plays_audio:
            return (
                CueMode.BELL
                if m is not None and m.backend.key == "bell" and self._bell
                else (CueMode.VISUAL)
            )
        speaker = self.speaker
        if self.speech and speaker is not None and len(speaker.failures) < SPEECH_FAILURES:
            return CueMode.WORDS
        return CueMode.CHIMES

    def describe(self) -> str:
        """One line for the walker: how cues will reach them."""
        return {
            CueMode.WORDS: "Cues: a chime and spoken words.",
            CueMode.CHIMES: "Cues: chimes"
            + ("" if not self.speech else " (no speech engine)")
            + ".",
            CueMode.BELL: "Cues: the terminal bell.",
            CueMode.VISUAL: "Cues: on screen only.",
        }[self.mode]

    def announce(self, kind: CueKind, words: str = "") -> CueMode:
        """A chime of ``kind`` now (between beats), then ``words`` spoken when ready."""
        mode = self.mode
        self.heard.append(Announcement(kind, words, mode))
        m = self.metronome
        if mode is CueMode.BELL and self._bell is not None:
            self._bell()
        elif m is not None and mode in (CueMode.CHIMES, CueMode.WORDS):
            m.cue(chime_wave(m.backend.samplerate, kind))
            if mode is CueMode.WORDS and words and self.speaker is not None:
                self.speaker.say(words)
        return mode

    def poll(self) -> None:
        """Queue finished speech (call it often, e.g. with the metronome's poll)."""
        if self.speaker is None or self.metronome is None:
            return
        for _text, wave in self.speaker.ready():
            self.metronome.cue(wave, duck=True)
