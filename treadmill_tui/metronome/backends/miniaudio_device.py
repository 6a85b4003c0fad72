"""miniaudio: second choice; no system packages on x86_64, but no DAC timestamps.

The heard-at time is estimated as "now + one buffer", which is well inside what a beat flash
needs.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Generator, Sequence
from types import ModuleType
from typing import Any

import numpy as np

from treadmill_tui.clock import Clock
from treadmill_tui.metronome.backends.base import (
    BackendUnavailable,
    BlockCallback,
    Buffer,
    DeviceBackend,
    quiet_stderr,
    reason,
)


def load_miniaudio() -> ModuleType:
    try:
        return importlib.import_module("miniaudio")
    except (ImportError, OSError) as exc:
        raise BackendUnavailable(f"miniaudio unavailable ({reason(exc)})") from exc


class MiniaudioBackend(DeviceBackend):
    key = "ma"

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        samplerate: int = 48_000,
        channels: int = 2,
        buffersize_msec: int = 40,
        backends: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.samplerate = samplerate
        self.channels = channels
        self.buffersize_msec = buffersize_msec
        self.backends = tuple(backends) if backends else None  # e.g. ("null",) in tests
        self.name = "miniaudio"
        self.callbacks = 0

    @property
    def output_latency_s(self) -> float:
        return self.buffersize_msec / 1000.0

    def _open(self, ma: ModuleType) -> Any:
        names = None
        if self.backends is not None:
            names = [getattr(ma.Backend, b.upper()) for b in self.backends]
        with quiet_stderr():
            device = ma.PlaybackDevice(
                output_format=ma.SampleFormat.FLOAT32,
                nchannels=self.channels,
                sample_rate=self.samplerate,
                buffersize_msec=self.buffersize_msec,
                backends=names,
            )
        self.name = f"miniaudio ({device.backend})"
        return device

    def probe(self) -> None:
        ma = load_miniaudio()
        try:
            device = self._open(ma)
            device.close()
        except Exception as exc:
            raise BackendUnavailable(f"miniaudio: no usable output device ({reason(exc)})") from exc

    def _generator(self) -> Generator[Buffer | bytes, int, None]:
        buf = np.zeros((0, self.channels), dtype=np.float32)
        frames = yield b""
        while True:
            if buf.shape[0] < frames:
                buf = np.zeros((frames, self.channels), dtype=np.float32)
            out = buf[:frames]
            self.callbacks += 1
            cb = self._callback
            try:
                if cb is None:
                    out.fill(0.0)
                else:
                    cb(frames, self.clock() + self.output_latency_s, out)
                self._block_ok()
            except Exception:  # keep the stream alive whatever happens
                self._block_failed()
                out.fill(0.0)
            frames = yield out

    def start(self, callback: BlockCallback) -> None:
        ma = load_miniaudio()
        self._callback = callback
        self._reset_health()
        try:
            device = self._open(ma)
            device.stop_callback = self._on_stopped  # device lost (not on every host API)
            gen = self._generator()
            next(gen)
            with quiet_stderr():
                device.start(gen)
        except Exception as exc:
            self._callback = None
            raise BackendUnavailable(f"miniaudio: could not start output ({reason(exc)})") from exc
        self._output = device

    def _on_stopped(self) -> None:
        self._mark_lost("the audio device went away")

    def _output_failure(self, output: Any) -> str | None:
        # pyminiaudio clears `running` when the device reports a stop and drops the generator
        # when it raises or ends; either way no more sound is coming.
        if not getattr(output, "running", True):
            return "the audio device stopped"
        if getattr(output, "callback_generator", True) is None:
            return "the audio device stopped"
        return None
