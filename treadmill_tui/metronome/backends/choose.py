"""Pick a backend once at start-up: sounddevice → miniaudio → terminal bell → visual only.

Whatever is missing (library, PortAudio, device), the choice falls through to the next one and
the returned one-line message says what is in use and why the better ones were skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from treadmill_tui.clock import Clock
from treadmill_tui.metronome.audio_choices import CHAIN
from treadmill_tui.metronome.audio_choices import CHOICES as CHOICES
from treadmill_tui.metronome.backends.base import AudioBackend, BackendUnavailable, reason
from treadmill_tui.metronome.backends.bell import BellBackend
from treadmill_tui.metronome.backends.miniaudio_device import MiniaudioBackend
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.backends.portaudio import SoundDeviceBackend


def _make(
    key: str,
    clock: Clock,
    bell: Callable[[], None] | None,
    *,
    samplerate: int = 48_000,
    channels: int | None = None,
) -> AudioBackend:
    """A backend of kind ``key``; ``channels`` None keeps each backend's own default."""
    if key == "sd":
        return SoundDeviceBackend(clock, samplerate=samplerate, channels=channels or 2)
    if key == "ma":
        return MiniaudioBackend(clock, samplerate=samplerate, channels=channels or 2)
    if key == "bell":
        if bell is None:
            raise BackendUnavailable("no terminal bell here")
        return BellBackend(bell, clock, samplerate=samplerate)
    return NullBackend(clock, samplerate=samplerate, channels=channels or 1)


def chain_after(
    key: str,
    clock: Clock,
    bell: Callable[[], None] | None = None,
    *,
    samplerate: int = 48_000,
    channels: int = 2,
) -> Iterator[AudioBackend]:
    """The backends to try, in order, when backend ``key`` fails: the rest of the chain
    (unstarted), ending with visual only. Made lazily, so nothing is opened before it is
    tried."""
    rest = CHAIN[CHAIN.index(key) + 1 :] if key in CHAIN else CHAIN[-1:]
    for candidate in rest:
        try:
            yield _make(candidate, clock, bell, samplerate=samplerate, channels=channels)
        except BackendUnavailable:
            continue


def describe(backend: AudioBackend, skipped: list[str]) -> str:
    """The one-line message shown at start-up."""
    if backend.key == "none":
        head = "Metronome: visual beat only"
    elif backend.key == "bell":
        head = "Metronome sound: terminal bell (approximate timing)"
    else:
        head = f"Metronome sound: {backend.name}, {backend.samplerate // 1000} kHz"
    return f"{head}; {'; '.join(skipped)}." if skipped else f"{head}."


def choose_backend(
    prefer: str | None = None,
    no_sound: bool = False,
    bell: Callable[[], None] | None = None,
    *,
    clock: Clock = time.monotonic,
) -> tuple[AudioBackend, str]:
    """Probe the chain from ``prefer`` (``auto``/None, ``sd``, ``ma``, ``bell``, ``none``)
    and return the first backend that works with the message saying which one it is."""
    key = "auto" if prefer is None else prefer.lower()
    if key not in CHOICES:
        raise ValueError(f"unknown audio backend {prefer!r}; choose one of {', '.join(CHOICES)}")
    if no_sound:
        return NullBackend(clock), "Metronome: visual beat only (sound off: --no-sound)."
    chain = CHAIN if key == "auto" else CHAIN[CHAIN.index(key) :]
    skipped: list[str] = []
    for candidate in chain:
        try:
            backend = _make(candidate, clock, bell)
            backend.probe()
        except BackendUnavailable as exc:
            if candidate != "bell" or key == "bell":
                skipped.append(str(exc))
            continue
        except Exception as exc:  # a library failing in an unexpected way: fall back too
            skipped.append(f"{candidate}: {type(exc).__name__}: {reason(exc)}")
            continue
        return backend, describe(backend, skipped)
    raise AssertionError("the null backend never fails")  # pragma: no cover
