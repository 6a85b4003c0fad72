"""The seam between the metronome and whatever makes (or does not make) sound.

A backend calls a :data:`BlockCallback` for every block: ``(frames, heard_at, out)``, where
``heard_at`` is the clock time the block's first frame reaches the ear and ``out`` is the
(frames, channels) float32 buffer to fill, or ``None`` when no audio is needed. Device backends
call it from their audio thread; *pulled* backends (null, bell, offline) call it from
:meth:`pump`, which the owner calls regularly, so they need no thread and follow any clock.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from treadmill_tui.clock import Clock
from treadmill_tui.metronome.events import BeatEvent

Buffer = npt.NDArray[np.float32]
BlockCallback = Callable[[int, float, Buffer | None], None]


class BackendUnavailable(Exception):
    """The backend cannot be used here; the message says why, for one line of output."""


def reason(exc: BaseException) -> str:
    """A library exception as a short phrase (miniaudio's look like tuples)."""
    parts = [str(a) for a in exc.args] or [type(exc).__name__]
    return ", ".join(parts)


class AudioBackend(Protocol):
    key: str  # "sd", "ma", "bell", "none", "offline"
    name: str  # for people: "sounddevice (PortAudio)"
    samplerate: int
    channels: int
    pulled: bool

    def probe(self) -> None:
        """Raise :class:`BackendUnavailable` if the backend cannot play here."""

    def start(self, callback: BlockCallback) -> None:
        """Begin calling ``callback``; raise :class:`BackendUnavailable` on failure."""

    def pump(self) -> None:
        """Drive a pulled backend up to the clock; no-op for device backends."""

    def beat(self, event: BeatEvent) -> None:
        """Called as each beat event is delivered (the bell rings here)."""

    def stop(self) -> None: ...

    @property
    def output_latency_s(self) -> float: ...


class PulledBackend:
    """Base of the thread-free backends: renders up to ``clock() + lookahead_s`` per pump."""

    key = "none"
    name = "visual only"
    pulled = True

    def __init__(
        self,
        clock: Clock,
        *,
        samplerate: int = 48_000,
        channels: int = 1,
        blocksize: int = 960,
        lookahead_s: float = 0.05,
        audio: bool = False,
    ) -> None:
        self.clock = clock
        self.samplerate = samplerate
        self.channels = channels
        self.blocksize = blocksize
        self.lookahead_s = lookahead_s
        self.audio = audio
        self.frames = 0
        self._t0 = 0.0
        self._callback: BlockCallback | None = None
        self._buf = np.zeros((blocksize, channels), dtype=np.float32)

    @property
    def output_latency_s(self) -> float:
        return 0.0

    def probe(self) -> None:
        return None

    def start(self, callback: BlockCallback) -> None:
        self._t0 = self.clock()
        self.frames = 0
        self._callback = callback

    def pump(self) -> None:
        cb = self._callback
        if cb is None:
            return
        target = round((self.clock() - self._t0 + self.lookahead_s) * self.samplerate)
        fs = self.samplerate
        while self.frames < target:
            heard_at = self._t0 + self.frames / fs
            if self.audio:
                n = min(self.blocksize, target - self.frames)
                view = self._buf[:n]
                cb(n, heard_at, view)
                self.consume(view)
            else:
                n = target - self.frames
                cb(n, heard_at, None)
            self.frames += n

    def consume(self, block: Buffer) -> None:
        """Hook for subclasses that keep the audio."""

    def beat(self, event: BeatEvent) -> None:
        return None

    def stop(self) -> None:
        self._callback = None


class DeviceBackend:
    """Base of the backends that own an audio device: its own thread calls the callback, so
    :meth:`pump` and :meth:`beat` have nothing to do, and :meth:`stop` closes the device."""

    pulled = False

    def __init__(self) -> None:
        self._output: Any = None  # the open stream or device, once started
        self._callback: BlockCallback | None = None

    def pump(self) -> None:
        return None

    def beat(self, event: BeatEvent) -> None:
        return None

    def stop(self) -> None:
        """Close the output; errors are swallowed, as a device that fails to close must not
        stop the walk."""
        output, self._output = self._output, None
        self._callback = None
        if output is not None:
            try:
                output.stop()
                output.close()
            except Exception:
                pass


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence C-level stderr while audio libraries probe (ALSA prints there, which would
    scribble over a full-screen terminal UI)."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        saved = os.dup(fd)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            sys.stderr.flush()
            os.dup2(devnull.fileno(), fd)
            try:
                yield
            finally:
                os.dup2(saved, fd)
    finally:
        os.close(saved)
