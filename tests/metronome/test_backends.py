"""Backend choice and fallback, with the audio libraries made unavailable or faked."""

from __future__ import annotations

import sys
import time
import types
from typing import Any

import numpy as np
import pytest

from treadmill_tui.clock import ManualClock
from treadmill_tui.metronome.backends.bell import BellBackend
from treadmill_tui.metronome.backends.choose import choose_backend
from treadmill_tui.metronome.backends.miniaudio_device import MiniaudioBackend
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.backends.portaudio import SoundDeviceBackend
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.metronome.player import Metronome


@pytest.fixture
def no_libs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both libraries missing: importing either raises ImportError."""
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    monkeypatch.setitem(sys.modules, "miniaudio", None)


def _ring() -> None: ...


def test_missing_libraries_fall_back_to_bell_and_say_so(no_libs: None) -> None:
    backend, message = choose_backend(bell=_ring)
    assert isinstance(backend, BellBackend)
    assert message.startswith("Metronome sound: terminal bell")
    assert "sounddevice is not installed" in message
    assert "miniaudio unavailable" in message
    assert "\n" not in message


def test_without_bell_falls_back_to_visual_only(no_libs: None) -> None:
    backend, message = choose_backend()
    assert isinstance(backend, NullBackend)
    assert message.startswith("Metronome: visual beat only")
    assert "\n" not in message


def test_no_sound_forces_visual_only() -> None:
    backend, message = choose_backend("sd", no_sound=True, bell=_ring)
    assert isinstance(backend, NullBackend)
    assert "--no-sound" in message


def test_explicit_choices_and_bad_name() -> None:
    assert isinstance(choose_backend("none", bell=_ring)[0], NullBackend)
    assert isinstance(choose_backend("bell", bell=_ring)[0], BellBackend)
    backend, message = choose_backend("bell")  # asked for a bell that is not there
    assert isinstance(backend, NullBackend) and "no terminal bell" in message
    with pytest.raises(ValueError, match="unknown audio backend"):
        choose_backend("alsa")


def test_portaudio_missing_oserror_names_the_system_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    real = importlib.import_module

    def fake_import(name: str, *args: Any) -> Any:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        if name == "miniaudio":
            raise ImportError("No module named 'miniaudio'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake_import)
    backend, message = choose_backend()
    assert isinstance(backend, NullBackend)
    assert "PortAudio library not found" in message and "libportaudio2" in message


class _FakeStream:
    instances: list[_FakeStream] = []
    fail_open = False
    fail_start = False

    def __init__(self, **kw: Any) -> None:
        if _FakeStream.fail_open:
            raise RuntimeError("Error querying device -1")
        self.kw = kw
        self.callback = kw["callback"]
        self.latency = 0.045
        self.started = False
        _FakeStream.instances.append(self)

    def start(self) -> None:
        if _FakeStream.fail_start:
            raise RuntimeError("Error starting stream: Device unavailable")
        self.started = True

    def stop(self) -> None:
        self.started = False

    def close(self) -> None: ...


@pytest.fixture
def fake_sd(monkeypatch: pytest.MonkeyPatch) -> type[_FakeStream]:
    mod = types.ModuleType("sounddevice")
    monkeypatch.setattr(mod, "OutputStream", _FakeStream, raising=False)
    monkeypatch.setitem(sys.modules, "sounddevice", mod)
    monkeypatch.setitem(sys.modules, "miniaudio", None)
    _FakeStream.instances = []
    _FakeStream.fail_open = False
    _FakeStream.fail_start = False
    return _FakeStream


def test_working_sounddevice_is_chosen_first(fake_sd: type[_FakeStream]) -> None:
    backend, message = choose_backend(bell=_ring)
    assert isinstance(backend, SoundDeviceBackend)
    assert message == "Metronome sound: sounddevice (PortAudio), 48 kHz."
    opened = fake_sd.instances[0].kw
    assert opened["samplerate"] == 48_000 and opened["dtype"] == "float32"


def test_device_that_cannot_open_falls_back(fake_sd: type[_FakeStream]) -> None:
    fake_sd.fail_open = True
    backend, message = choose_backend(bell=_ring)
    assert isinstance(backend, BellBackend)
    assert "no usable output device" in message


def test_stream_that_fails_to_start_falls_back_without_stopping(
    fake_sd: type[_FakeStream],
) -> None:
    backend, _ = choose_backend()
    fake_sd.fail_start = True
    clock = ManualClock()
    m = Metronome(backend, clock)
    m.set_cadence(90.0)
    assert isinstance(m.backend, NullBackend)
    assert "could not start output" in m.message
    clock.advance(2.0)
    assert m.poll()  # beats still come


class _TimeInfo:
    def __init__(self, dac: float, current: float) -> None:
        self.outputBufferDacTime = dac
        self.currentTime = current


class _Status:
    output_underflow = False


def test_sounddevice_callback_uses_dac_time_and_never_raises(fake_sd: type[_FakeStream]) -> None:
    clock = ManualClock(10.0)
    backend = SoundDeviceBackend(clock)
    seen: list[tuple[int, float]] = []

    def cb(frames: int, heard_at: float, out: Any) -> None:
        seen.append((frames, heard_at))
        out[:] = 0.5

    backend.start(cb)
    stream = fake_sd.instances[-1]
    out = np.zeros((960, 2), dtype=np.float32)
    stream.callback(out, 960, _TimeInfo(3.060, 3.000), _Status())
    stream.callback(out, 960, _TimeInfo(0.0, 0.0), _Status())  # no host timing
    assert [f for f, _ in seen] == [960, 960]
    assert [h for _, h in seen] == pytest.approx([10.06, 10.045])
    assert out.max() == 0.5

    def boom(frames: int, heard_at: float, out: Any) -> None:
        raise RuntimeError("bug")

    backend._callback = boom
    stream.callback(out, 960, _TimeInfo(3.0, 3.0), _Status())
    assert not out.any() and backend.callback_errors == 1
    backend.stop()
    assert not stream.started


def test_bell_rings_once_per_sounded_beat_and_survives_errors() -> None:
    rings: list[float] = []
    clock = ManualClock()
    bell = BellBackend(lambda: rings.append(clock()), clock)
    m = Metronome(bell, clock, preroll_s=0.0)
    m.set_cadence(120.0)
    for _ in range(200):
        clock.advance(0.01)
        m.poll()
    assert len(rings) == 4  # beats at 0, 0.5, 1.0, 1.5 s
    for r, t in zip(rings, [0.0, 0.5, 1.0, 1.5], strict=True):
        assert 0.0 <= r - t <= 0.0100001  # rung on the poll that reaches the beat

    def broken() -> None:
        raise OSError("terminal gone")

    bell.ring = broken
    bell.beat(BeatEvent(0, True, 0.0))
    assert bell.failures == 1


@pytest.mark.audio_live
def test_miniaudio_null_backend_plays_in_real_time() -> None:
    try:
        import miniaudio  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"miniaudio not usable here: {exc}")
    backend = MiniaudioBackend(time.monotonic, backends=("null",), buffersize_msec=10)
    backend.probe()
    m = Metronome(backend, time.monotonic, preroll_s=0.3)
    events: list[BeatEvent] = []
    m.on_beat(events.append)
    m.set_cadence(120.0)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 1.5:
        m.poll()
        time.sleep(0.01)
    m.stop()
    m.poll()
    assert backend.callbacks > 50 and backend.callback_errors == 0
    assert [e.n for e in events] == list(range(len(events)))
    assert len(events) >= 2
    gaps = [b.at - a.at for a, b in zip(events, events[1:], strict=False)]
    assert all(abs(g - 0.5) < 0.05 for g in gaps)


class _FailingOutput:
    def __init__(self) -> None:
        self.stopped = 0

    def stop(self) -> None:
        self.stopped += 1
        raise OSError("device gone")

    def close(self) -> None:  # never reached: stop() raised first
        raise AssertionError("close after a failed stop")


@pytest.mark.parametrize("backend_type", [SoundDeviceBackend, MiniaudioBackend])
def test_device_backends_stop_quietly_when_the_device_fails_to_close(
    backend_type: type[SoundDeviceBackend] | type[MiniaudioBackend],
) -> None:
    backend = backend_type(ManualClock())
    output = _FailingOutput()
    backend._output = output
    backend._callback = lambda frames, heard_at, out: None
    backend.stop()  # must not raise
    assert output.stopped == 1
    assert backend._output is None and backend._callback is None
    backend.stop()  # a second stop is a no-op
    assert output.stopped == 1
    assert backend.pump() is None
