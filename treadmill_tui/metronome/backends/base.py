"""The seam between the metronome and whatever makes (or does not make) sound.

A backend calls a :data:`BlockCallback` for every block: ``(frames, heard_at, out)``, where
``heard_at`` is the clock time the block's first frame reaches the ear and ``out`` is the
(frames, channels) float32 buffer to fill, or ``None`` when no audio is needed. Device backends
call it from their audio thread; *pulled* backends (null, bell, offline) call it from
:meth:`pump`, which the owner calls regularly, so they need no thread and follow any clock.

Besides the protocol, a backend may offer ``failure() -> str | None`` (has the running output
died?) and ``abort()`` (drop a dead output at once); the metronome uses them when present to
fall back in the middle of a walk.
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


#: Leaky bucket for callback errors: +10 per failed block, -1 per good one. Ten failures in a
#: row (200 ms of silence at 20 ms blocks) or one in every other block soon reach the limit; a
#: rare one never does.
ERROR_COST = 10
ERROR_LIMIT = 100


class DeviceBackend:
    """Base of the backends that own an audio device: its own thread calls the callback, so
    :meth:`pump` and :meth:`beat` have nothing to do, and :meth:`stop` closes the device.

    :meth:`failure` says (cheaply, from the owner's thread) whether the device has failed
    since it started: the library said the stream ended although nobody stopped it, or the
    callback keeps failing. A subclass adds library checks in :meth:`_output_failure`.
    """

    pulled = False

    def __init__(self) -> None:
        self._output: Any = None  # the open stream or device, once started
        self._callback: BlockCallback | None = None
        self._stopping = False  # set before we stop the output ourselves
        self._lost: str | None = None  # why the library ended the stream, if it did
        self._error_score = 0
        self.callback_errors = 0

    def _reset_health(self) -> None:
        self._stopping = False
        self._lost = None
        self._error_score = 0

    def _block_ok(self) -> None:
        if self._error_score:
            self._error_score -= 1

    def _block_failed(self) -> None:
        self.callback_errors += 1
        self._error_score += ERROR_COST

    def _mark_lost(self, why: str) -> None:
        """Library callback: the output ended. Ignored when we asked for it."""
        if not self._stopping and self._lost is None:
            self._lost = why

    def _output_failure(self, output: Any) -> str | None:
        return None

    def failure(self) -> str | None:
        """Why the running output has failed (a short phrase), or None while it is fine."""
        output = self._output
        if self._stopping or output is None:
            return None
        if self._lost is not None:
            return self._lost
        if self._error_score >= ERROR_LIMIT:
            return "the audio callback kept failing"
        return self._output_failure(output)

    def pump(self) -> None:
        return None

    def beat(self, event: BeatEvent) -> None:
        return None

    def stop(self) -> None:
        """Close the output; errors are swallowed, as a device that fails to close must not
        stop the walk."""
        self._stopping = True
        output, self._output = self._output, None
        self._callback = None
        if output is not None:
            try:
                output.stop()
                output.close()
            except Exception:
                pass

    def abort(self) -> None:
        """Drop a failed output without waiting for it to drain (a dead device may never)."""
        self._stopping = True
        output, self._output = self._output, None
        self._callback = None
        if output is None:
            return
        try:
            halt = getattr(output, "abort", None) or output.stop
            halt()
        except Exception:
            pass
        try:
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
