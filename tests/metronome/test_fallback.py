"""An audio device that dies in the middle of a walk: detected, replaced, the beat goes on.

No sound card: device backends are driven by hand (the test calls the block callback as an
audio thread would) or the audio libraries are replaced by fake modules.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pytest

from treadmill_tui.clock import ManualClock
from treadmill_tui.metronome.backends.base import (
    AudioBackend,
    BackendUnavailable,
    BlockCallback,
    DeviceBackend,
)
from treadmill_tui.metronome.backends.bell import BellBackend
from treadmill_tui.metronome.backends.choose import chain_after
from treadmill_tui.metronome.backends.miniaudio_device import MiniaudioBackend
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.backends.portaudio import SoundDeviceBackend
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.metronome.player import FIRST_BLOCK_S, STALL_S, Metronome
from treadmill_tui.metronome.render import ClickRenderer
from treadmill_tui.metronome.tempo import CadencePiece, TempoMap

FS = 48_000
BLOCK = 960  # 20 ms
STEP = BLOCK / FS
LOST = "Sound stopped (the audio device went away); the beat continues on screen."


class _Output:
    """What a device backend holds open; records how it was closed."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def stop(self) -> None:
        self.calls.append("stop")

    def abort(self) -> None:
        self.calls.append("abort")

    def close(self) -> None:
        self.calls.append("close")


class _HandDevice(DeviceBackend):
    """A device backend whose 'audio thread' is the test calling :meth:`block`."""

    key = "sd"
    name = "hand device"
    samplerate = FS
    channels = 2

    def __init__(self, clock: ManualClock, latency: float = 0.12) -> None:
        super().__init__()
        self.clock = clock
        self.latency = latency
        self.buf = np.zeros((BLOCK, 2), dtype=np.float32)
        self.blocks = 0
        self.output = _Output()

    @property
    def output_latency_s(self) -> float:
        return self.latency

    def probe(self) -> None: ...

    def start(self, callback: BlockCallback) -> None:
        self._reset_health()
        self._callback = callback
        self._output = self.output

    def block(self) -> None:
        cb = self._callback
        if cb is None:
            return
        try:
            cb(BLOCK, self.clock() + self.latency, self.buf)
            self._block_ok()
        except Exception:
            self._block_failed()
        self.blocks += 1


def _walk(
    m: Metronome, clock: ManualClock, seconds: float, play: Callable[[], None] | None
) -> list[BeatEvent]:
    """``seconds`` of 20 ms audio blocks (if ``play``), each followed by a UI poll."""
    got: list[BeatEvent] = []
    for _ in range(round(seconds / STEP)):
        if play is not None:
            play()
        clock.advance(STEP)
        got += m.poll()
    return got


def _assert_on_grid(events: list[BeatEvent], tempo: TempoMap) -> None:
    """Every event is heard at its tempo-map time (one offset for all), each beat once."""
    assert events
    ns = [e.n for e in events]
    assert ns == sorted(set(ns))  # no beat twice, none out of order
    zero = events[0].at - tempo.time_of_beat(events[0].n)
    for e in events:
        assert e.at == pytest.approx(zero + tempo.time_of_beat(e.n), abs=1e-4), e


def _start(
    clock: ManualClock, dev: AudioBackend, fallbacks: Iterable[AudioBackend] = ()
) -> tuple[Metronome, list[str]]:
    spare = list(fallbacks)
    m = Metronome(dev, clock, preroll_s=0.5, fallbacks=lambda key: spare)
    notices: list[str] = []
    m.on_notice(notices.append)
    m.set_cadence(100.0)
    return m, notices


def test_a_device_that_goes_away_mid_walk_falls_back_once_and_keeps_the_grid() -> None:
    clock = ManualClock(20.0)
    # more latency than a beat (0.6 s): beats written to the dead device but not yet heard are
    # played again by the new backend, and must not be reported twice
    dev = _HandDevice(clock, latency=0.7)
    m, notices = _start(clock, dev)
    before = _walk(m, clock, 5.0, dev.block)
    assert m.backend is dev and notices == []
    dev._mark_lost("the audio device went away")  # PortAudio's finished callback, unasked
    after = _walk(m, clock, 5.0, None)  # and no more blocks come
    assert notices == [LOST] and m.message == LOST
    assert isinstance(m.backend, NullBackend)
    assert dev.output.calls == ["abort", "close"]  # dropped without waiting to drain
    assert len(after) >= 7  # 100 spm for 5 s
    # nothing lost or repeated: the visual backend takes over exactly where the device was
    assert [e.n for e in before + after] == list(range(len(before) + len(after)))
    _assert_on_grid(before + after, m.tempo)
    assert after[-1].at > clock() - 0.6  # still arriving in time


def test_a_silent_stall_is_detected_after_a_second_and_the_grid_carries_on() -> None:
    clock = ManualClock()
    dev = _HandDevice(clock, latency=0.05)
    m, notices = _start(clock, dev)
    before = _walk(m, clock, 4.0, dev.block)
    stalled_at = clock()
    during = _walk(m, clock, STALL_S + 0.2, None)  # the callback silently stops coming
    assert notices == [
        "Sound stopped (the audio device stopped responding); the beat continues on screen."
    ]
    assert isinstance(m.backend, NullBackend)
    after = _walk(m, clock, 4.0, None)
    events = before + during + after
    _assert_on_grid(events, m.tempo)
    # only the beats due while the stall went unnoticed are missing
    missing = set(range(events[-1].n + 1)) - {e.n for e in events}
    assert all(stalled_at < m.tempo.time_of_beat(n) + 0.05 + 20.0 for n in missing)
    assert len(missing) <= 2  # at most ~1.2 s at 100 spm
    assert len(notices) == 1


def test_repeated_callback_errors_fall_back_but_a_rare_one_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = ManualClock()
    dev = _HandDevice(clock)
    m, notices = _start(clock, dev)
    real = m._renderer.render_into
    count = 0

    def sometimes_broken(out: Any) -> Any:
        nonlocal count
        count += 1
        if count % 20 == 0:
            raise RuntimeError("bug in the audio path")
        return real(out)

    monkeypatch.setattr(m._renderer, "render_into", sometimes_broken)
    _walk(m, clock, 10.0, dev.block)
    assert dev.callback_errors > 20 and notices == [] and m.backend is dev

    def broken(out: Any) -> Any:
        raise RuntimeError("bug in the audio path")

    monkeypatch.setattr(m._renderer, "render_into", broken)
    _walk(m, clock, 0.5, dev.block)
    assert notices == [
        "Sound stopped (the audio callback kept failing); the beat continues on screen."
    ]
    assert isinstance(m.backend, NullBackend)  # it advances the renderer: no render_into
    assert len(_walk(m, clock, 3.0, None)) >= 4


def test_a_stop_we_asked_for_is_not_a_failure() -> None:
    clock = ManualClock()
    dev = _HandDevice(clock)
    m, notices = _start(clock, dev)
    _walk(m, clock, 2.0, dev.block)
    m.stop()
    dev._mark_lost("the audio device went away")  # the library reports our own stop
    assert dev.failure() is None
    assert _walk(m, clock, 3.0, None) == []
    assert notices == [] and m.backend is dev
    assert dev.output.calls == ["stop", "close"]


def test_pause_is_not_a_failure_and_the_device_keeps_playing_silence() -> None:
    clock = ManualClock()
    dev = _HandDevice(clock)
    m, notices = _start(clock, dev)
    _walk(m, clock, 2.0, dev.block)
    m.pause()
    paused_at = clock()
    assert all(e.at <= paused_at for e in _walk(m, clock, 5.0, dev.block))
    m.resume()
    assert len(_walk(m, clock, 3.0, dev.block)) >= 3
    assert notices == [] and m.backend is dev


def test_the_next_device_in_the_chain_takes_over_on_the_same_grid() -> None:
    clock = ManualClock(5.0)
    first = _HandDevice(clock, latency=0.2)
    second = _HandDevice(clock, latency=0.03)
    second.key, second.name = "ma", "second device"
    m, notices = _start(clock, first, [second])
    m.set_cadence(120.0, ramp_s=6.0)  # a ramp across the switch
    before = _walk(m, clock, 3.0, first.block)
    first._mark_lost("the audio device went away")
    after = _walk(m, clock, 6.0, second.block)
    assert m.backend is second
    assert notices == ["Sound moved to second device (hand device: the audio device went away)."]
    assert [e.n for e in before + after] == list(range(len(before) + len(after)))
    _assert_on_grid(before + after, m.tempo)
    assert m.bpm == pytest.approx(120.0)


def test_a_candidate_that_cannot_start_is_skipped_and_nothing_raises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = ManualClock()
    dev = _HandDevice(clock)

    class _Dead(_HandDevice):
        def start(self, callback: BlockCallback) -> None:
            raise BackendUnavailable("miniaudio: could not start output (no device)")

    dead = _Dead(clock)
    dead.key = "ma"

    def fallbacks(key: str) -> Iterable[AudioBackend]:
        yield dead
        raise RuntimeError("the chain itself is broken")

    m = Metronome(dev, clock, preroll_s=0.5, fallbacks=fallbacks)
    notices: list[str] = []
    m.on_notice(notices.append)
    m.set_cadence(90.0)
    _walk(m, clock, 2.0, dev.block)
    monkeypatch.setattr(dev.output, "abort", _raise)
    dev._mark_lost("the audio device went away")
    events = _walk(m, clock, 3.0, None)
    assert isinstance(m.backend, NullBackend) and notices == [LOST]
    assert len(events) >= 4


def _raise() -> None:
    raise OSError("device gone")


def test_a_start_failure_tries_the_chain_and_names_what_failed() -> None:
    clock = ManualClock()

    class _NoStart(_HandDevice):
        def start(self, callback: BlockCallback) -> None:
            raise BackendUnavailable("sounddevice: could not start output (busy)")

    spare = _HandDevice(clock)
    spare.key, spare.name = "ma", "spare device"
    m, notices = _start(clock, _NoStart(clock), [spare])
    assert m.backend is spare
    assert notices == [m.message]
    assert m.message.startswith("Metronome sound: spare device, 48 kHz;")
    assert "could not start output (busy)" in m.message
    assert len(_walk(m, clock, 3.0, spare.block)) >= 4


def test_the_bell_takes_over_when_it_is_the_next_in_the_chain() -> None:
    clock = ManualClock()
    rings: list[float] = []
    dev = _HandDevice(clock)
    dev.key = "ma"
    m = Metronome(dev, clock, preroll_s=0.5, bell=lambda: rings.append(clock()))
    notices: list[str] = []
    m.on_notice(notices.append)
    m.set_cadence(120.0)
    _walk(m, clock, 2.0, dev.block)
    dev._mark_lost("the audio device went away")
    _walk(m, clock, 3.0, None)
    assert isinstance(m.backend, BellBackend)
    assert notices == [
        "Sound stopped (the audio device went away); the beat continues on screen and with "
        "the terminal bell."
    ]
    assert len(rings) >= 5


# -- the real backends' failure signals, with fake libraries -----------------------------------


class _FakeStream:
    instances: list[_FakeStream] = []

    def __init__(self, **kw: Any) -> None:
        self.callback = kw["callback"]
        self.finished: Callable[[], None] | None = kw.get("finished_callback")
        self.latency = 0.04
        self.active = False
        _FakeStream.instances.append(self)

    def start(self) -> None:
        self.active = True

    def _end(self) -> None:
        self.active = False
        if self.finished is not None:
            self.finished()  # PortAudio calls it however the stream ended

    def stop(self) -> None:
        self._end()

    def abort(self) -> None:
        self._end()

    def close(self) -> None: ...


class _TimeInfo:
    outputBufferDacTime = 0.0
    currentTime = 0.0


class _Status:
    def __init__(self, underflow: bool = False) -> None:
        self.output_underflow = underflow


class _FakeDevice:
    instances: list[_FakeDevice] = []

    def __init__(self, **kw: Any) -> None:
        self.backend = "fake"
        self.running = False
        self.stop_callback: Callable[[], None] | None = None
        self.gen: Any = None
        _FakeDevice.instances.append(self)

    def start(self, gen: Any) -> None:
        self.gen = gen
        self.running = True

    def pull(self, frames: int) -> Any:
        return self.gen.send(frames)

    def stop(self) -> None:
        self.running = False
        if self.stop_callback is not None:
            self.stop_callback()

    def close(self) -> None:
        self.stop()


@pytest.fixture
def fake_libs(monkeypatch: pytest.MonkeyPatch) -> None:
    sd = types.ModuleType("sounddevice")
    monkeypatch.setattr(sd, "OutputStream", _FakeStream, raising=False)
    ma = types.ModuleType("miniaudio")
    monkeypatch.setattr(ma, "PlaybackDevice", _FakeDevice, raising=False)
    monkeypatch.setattr(ma, "SampleFormat", types.SimpleNamespace(FLOAT32="f32"), raising=False)
    monkeypatch.setattr(ma, "Backend", types.SimpleNamespace(NULL="null"), raising=False)
    monkeypatch.setitem(sys.modules, "sounddevice", sd)
    monkeypatch.setitem(sys.modules, "miniaudio", ma)
    _FakeStream.instances = []
    _FakeDevice.instances = []


def _sd_block(stream: _FakeStream, underflow: bool = False) -> None:
    out = np.zeros((BLOCK, 2), dtype=np.float32)
    stream.callback(out, BLOCK, _TimeInfo(), _Status(underflow))


def test_sounddevice_stream_ending_by_itself_moves_to_miniaudio(fake_libs: None) -> None:
    clock = ManualClock()
    m = Metronome(SoundDeviceBackend(clock), clock, preroll_s=0.5)  # default chain
    notices: list[str] = []
    m.on_notice(notices.append)
    m.set_cadence(100.0)
    stream = _FakeStream.instances[-1]
    before = _walk(m, clock, 3.0, lambda: _sd_block(stream))
    stream.active = False  # the device was unplugged: PortAudio ends the stream
    assert stream.finished is not None
    stream.finished()
    after = _walk(m, clock, 0.1, None)
    device = _FakeDevice.instances[-1]
    assert isinstance(m.backend, MiniaudioBackend) and device.running
    assert notices == [
        "Sound moved to miniaudio (fake) (sounddevice (PortAudio): the audio device went away)."
    ]
    after += _walk(m, clock, 3.0, lambda: device.pull(BLOCK))
    _assert_on_grid(before + after, m.tempo)
    assert [e.n for e in before + after] == list(range(len(before) + len(after)))
    m.stop()  # our own stop of miniaudio fires its stop callback: not a failure
    assert not device.running
    assert m.backend.failure() is None
    assert len(notices) == 1


def test_sounddevice_signals(fake_libs: None) -> None:
    clock = ManualClock()
    sd = SoundDeviceBackend(clock)
    sd.start(lambda frames, heard_at, out: None)
    stream = _FakeStream.instances[-1]
    assert sd.failure() is None
    stream.active = False  # inactive without a finished callback (some host APIs)
    assert sd.failure() == "the audio device went away"
    stream.active = True
    for _ in range(100):  # 2 s of late blocks: a hiccup, not a failure
        _sd_block(stream, underflow=True)
    assert sd.failure() is None
    _sd_block(stream)  # a good block resets the run
    for _ in range(round(3.0 / STEP)):  # 3 s of nothing but underflows
        _sd_block(stream, underflow=True)
    assert sd.failure() == "the audio output kept running dry"
    sd.stop()
    assert sd.failure() is None and not stream.active


def test_miniaudio_signals(fake_libs: None) -> None:
    clock = ManualClock()
    ma = MiniaudioBackend(clock)
    ma.start(lambda frames, heard_at, out: None)
    device = _FakeDevice.instances[-1]
    assert device.stop_callback is not None and ma.failure() is None
    device.pull(BLOCK)
    device.running = False  # pyminiaudio's stop callback cleared it
    assert ma.failure() == "the audio device stopped"
    device.running = True
    device.stop_callback()  # the device reported a stop nobody asked for
    assert ma.failure() == "the audio device went away"

    ma2 = MiniaudioBackend(clock)
    ma2.start(lambda frames, heard_at, out: None)
    ma2.stop()  # ours: its stop callback fires, but it is not a failure
    assert ma2.failure() is None


def test_chain_after_lists_the_rest_of_the_chain_lazily() -> None:
    clock = ManualClock()
    assert [b.key for b in chain_after("sd", clock)] == ["ma", "none"]
    assert [b.key for b in chain_after("sd", clock, bell=lambda: None)] == ["ma", "bell", "none"]
    assert [b.key for b in chain_after("bell", clock)] == ["none"]
    assert [b.key for b in chain_after("none", clock)] == []
    assert [b.key for b in chain_after("offline", clock)] == ["none"]
    made = list(chain_after("sd", clock, samplerate=44_100, channels=2))
    assert [(b.samplerate, b.channels) for b in made] == [(44_100, 2), (44_100, 2)]


# -- the renderer's seek -----------------------------------------------------------------------


@pytest.mark.parametrize("seek_s", [0.0, 0.4999, 0.5, 3.3, 61.0, 125.0, 300.0])
def test_seek_places_the_same_beats_as_playing_through(seek_s: float) -> None:
    tempo = TempoMap.from_cadence_pieces(
        (
            CadencePiece(0, 60, 80, 110),
            CadencePiece(60, 120, None),
            CadencePiece(120, 240, 95),
        )
    )
    through = ClickRenderer(tempo, samplerate=FS)
    jumped = ClickRenderer(tempo, samplerate=FS)
    target = round(seek_s * FS)
    through.advance(target)
    jumped.advance(round(200.0 * FS) if seek_s < 200 else 0)  # from ahead or from behind
    jumped.seek(target)
    assert jumped.pos == through.pos == target
    assert jumped.next_beat == through.next_beat
    assert jumped.advance(30 * FS) == through.advance(30 * FS)


def test_a_device_that_never_delivers_a_block_is_given_up_on_later() -> None:
    clock = ManualClock()
    dev = _HandDevice(clock)
    m, notices = _start(clock, dev)
    _walk(m, clock, STALL_S + 0.5, None)  # slow to open: not yet a failure
    assert notices == [] and m.backend is dev
    events = _walk(m, clock, FIRST_BLOCK_S + 3.0, None)
    assert isinstance(m.backend, NullBackend) and len(notices) == 1
    assert "stopped responding" in notices[0]
    assert [e.n for e in events] == list(range(len(events))) and len(events) >= 2
