"""Chimes and spoken words through the metronome: distinct from the click, never on a beat."""

from __future__ import annotations

import io
import shutil
import struct
import wave

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from treadmill_tui.clock import ManualClock
from treadmill_tui.metronome.announcer import Announcer, CueMode
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.backends.offline import OfflineBackend
from treadmill_tui.metronome.clicks import ACCENT_HZ, CLICK_S, NORMAL_HZ
from treadmill_tui.metronome.cues import (
    CHIME_NOTES,
    GUARD_S,
    CueKind,
    CueMixer,
    chime_wave,
    cue_slot,
)
from treadmill_tui.metronome.player import Metronome
from treadmill_tui.metronome.speech import (
    Speaker,
    SpeechUnavailable,
    engine_path,
    parse_wav,
    synthesize,
)
from treadmill_tui.metronome.tempo import TempoMap

FS = 48_000


def _play(m: Metronome, clock: ManualClock, seconds: float) -> list[float]:
    beats: list[float] = []
    for _ in range(round(seconds / 0.02)):
        clock.advance(0.02)
        beats.extend(ev.at for ev in m.poll())
    return beats


def _render(
    cue_at: float | None, kind: CueKind = CueKind.CHECK
) -> tuple[np.ndarray, list[float], float | None]:
    clock = ManualClock(0.0)
    backend = OfflineBackend(clock, samplerate=FS)
    m = Metronome(backend, clock, preroll_s=0.5)
    m.set_cadence(110.0)
    beats = _play(m, clock, cue_at or 3.0)
    start = m.cue(chime_wave(FS, kind)) if cue_at is not None else None
    beats += _play(m, clock, 3.0)
    return backend.samples()[:, 0], beats, start


def test_a_chime_sounds_between_two_clicks_and_changes_nothing_else() -> None:
    plain, beats, _ = _render(None)
    mixed, beats_with, start = _render(3.0)
    assert beats_with == beats and start is not None
    n = min(len(plain), len(mixed))
    diff = np.flatnonzero(np.abs(mixed[:n] - plain[:n]) > 1e-6)
    assert diff.size > 0
    lo, hi = diff[0] / FS, diff[-1] / FS
    assert lo == pytest.approx(start, abs=0.002)  # the chime fades in from silence
    for b in beats:  # no click sounds while the chime does
        assert not (lo - CLICK_S - GUARD_S / 2 < b < hi + GUARD_S / 2)


def test_chimes_are_unlike_clicks() -> None:
    click_hz = {ACCENT_HZ, NORMAL_HZ}
    for kind, notes in CHIME_NOTES.items():
        assert all(abs(f - c) > 300 for f in notes for c in click_hz)
        w = chime_wave(FS, kind)
        assert len(w) / FS > 3 * CLICK_S  # far longer than a 15 ms click
        assert abs(float(w[0])) < 1e-3 and abs(float(w[-1])) < 1e-3  # no click at the edges


@given(
    st.floats(70, 130),
    st.floats(0.0, 30.0),
    st.floats(0.01, 0.3),
)
def test_cue_slot_never_starts_on_a_beat(bpm: float, earliest: float, length: float) -> None:
    tempo = TempoMap.constant(bpm)
    start = cue_slot(tempo, earliest, length)
    assert start >= earliest
    n = tempo.first_beat_at_or_after(start)
    previous = tempo.time_of_beat(n - 1) if n - 1 >= tempo.first_beat else -1.0
    assert start >= previous + CLICK_S  # the last click has died away
    gap = 60.0 / bpm
    if length <= gap - CLICK_S - 2 * GUARD_S - 1e-9:
        assert start + length <= tempo.time_of_beat(n) - GUARD_S + 1e-9


def test_a_silent_metronome_plays_a_cue_at_once() -> None:
    assert cue_slot(TempoMap.silent(), 12.5, 2.0) == 12.5


def test_ducked_words_lower_the_clicks_under_them() -> None:
    out = np.full((100, 1), 0.8, dtype=np.float32)
    mixer = CueMixer()
    mixer.add(10, np.full(20, 0.1, dtype=np.float32), duck=True)
    mixer.mix_into(out, 0)
    assert out[5, 0] == pytest.approx(0.8)
    assert out[15, 0] == pytest.approx(0.8 * 0.25 + 0.1)
    assert not mixer.busy


def _wav_bytes(samples: np.ndarray, rate: int, *, streamed: bool = False) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())
    data = bytearray(buf.getvalue())
    if streamed:  # what espeak-ng writes to a pipe: sizes it could not fill in
        data[4:8] = struct.pack("<I", 0xFFFFFFFF)
        data[40:44] = struct.pack("<I", 0xFFFFFFFF)
    return bytes(data)


@pytest.mark.parametrize("streamed", [False, True])
def test_wav_from_the_speech_engine_is_read_to_its_end(streamed: bool) -> None:
    samples = (np.sin(np.arange(2205) / 5) * 10000).astype(np.int16)
    rate, got = parse_wav(_wav_bytes(samples, 22050, streamed=streamed))
    assert rate == 22050 and np.array_equal(got, samples)


def test_synthesis_resamples_to_the_output_rate() -> None:
    samples = (np.sin(np.arange(22050) / 5) * 10000).astype(np.int16)
    argv: list[list[str]] = []

    def run(args: list[str]) -> bytes:
        argv.append(args)
        return _wav_bytes(samples, 22050, streamed=True)

    w = synthesize("Pain check", FS, run=run, engine="espeak-ng")
    assert len(w) == FS and float(np.max(np.abs(w))) == pytest.approx(0.9, abs=1e-3)
    assert argv[0][-1] == "Pain check" and "--stdout" in argv[0]
    with pytest.raises(SpeechUnavailable):
        synthesize("x", FS, run=lambda a: b"not a wav", engine="espeak-ng")


@pytest.mark.skipif(
    engine_path() is None and shutil.which("espeak-ng") is None,
    reason="espeak-ng is not installed (scripts/test installs the Debian package with apt-get;"
    " here it could not)",
)
def test_the_real_speech_engine_says_the_words() -> None:
    w = synthesize("Slowing to a stop in 30 seconds", FS)
    assert len(w) / FS > 1.0 and float(np.max(np.abs(w))) > 0.5


def _fake_speaker(fail: bool = False) -> Speaker:
    def synth(text: str, fs: int) -> np.ndarray:
        if fail:
            raise SpeechUnavailable("espeak-ng failed")
        return np.full(fs // 2, 0.05, dtype=np.float32)

    return Speaker(FS, synth=synth, threaded=False)


def test_announcer_speaks_after_a_chime_and_falls_back_to_chimes() -> None:
    clock = ManualClock(0.0)
    backend = OfflineBackend(clock, samplerate=FS)
    m = Metronome(backend, clock)
    a = Announcer(m, speech=True, speaker=_fake_speaker())
    assert a.mode is CueMode.WORDS
    assert a.announce(CueKind.CHANGE, "Walk in 10 seconds") is CueMode.WORDS
    a.poll()
    _play(m, clock, 2.0)
    assert float(np.max(np.abs(backend.samples()))) > 0.3  # the chime and words were heard
    broken = Announcer(m, speech=True, speaker=_fake_speaker(fail=True))
    broken.announce(CueKind.CHECK, "Pain check")
    broken.announce(CueKind.CHECK, "Pain check")
    assert broken.mode is CueMode.CHIMES
    assert Announcer(m, speech=False, speaker=_fake_speaker()).mode is CueMode.CHIMES


def test_without_sound_the_cue_is_visual_or_the_bell() -> None:
    clock = ManualClock(0.0)
    rings: list[int] = []
    visual = Announcer(Metronome(NullBackend(clock), clock), speech=True)
    assert visual.announce(CueKind.CHECK, "Pain check") is CueMode.VISUAL
    assert Announcer(None).mode is CueMode.VISUAL
    from treadmill_tui.metronome.backends.bell import BellBackend

    bell = Metronome(BellBackend(lambda: None, clock), clock)
    a = Announcer(bell, bell=lambda: rings.append(1))
    assert a.announce(CueKind.STOP, "Slowing to a stop") is CueMode.BELL and rings == [1]
