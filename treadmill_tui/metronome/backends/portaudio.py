"""sounddevice (PortAudio): the preferred backend, with real DAC timestamps.

On Linux it needs the ``libportaudio2`` system package (Fedora/Arch: ``portaudio``); without
it ``import sounddevice`` raises ``OSError`` and the chain moves on.
"""

from __future__ import annotations

import importlib
import time
from types import ModuleType
from typing import Any

from treadmill_tui.clock import Clock
from treadmill_tui.metronome.backends.base import (
    BackendUnavailable,
    BlockCallback,
    DeviceBackend,
    quiet_stderr,
    reason,
)

PORTAUDIO_HINT = "Linux: install the libportaudio2 package"
#: Every block arriving too late for this long means the output is not really playing.
UNDERRUN_LIMIT_S = 3.0


def load_sounddevice() -> ModuleType:
    try:
        with quiet_stderr():
            return importlib.import_module("sounddevice")
    except OSError as exc:
        raise BackendUnavailable(
            f"sounddevice unavailable: {reason(exc)} ({PORTAUDIO_HINT})"
        ) from exc
    except ImportError as exc:
        raise BackendUnavailable("sounddevice is not installed") from exc


class SoundDeviceBackend(DeviceBackend):
    key = "sd"
    name = "sounddevice (PortAudio)"

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        samplerate: int = 48_000,
        channels: int = 2,
        blocksize: int = 960,
        latency: str | float = "high",
        device: int | str | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.samplerate = samplerate
        self.channels = channels
        self.blocksize = blocksize
        self.latency = latency
        self.device = device
        self.underflows = 0
        self._underrun_frames = 0  # frames of consecutive underflowing blocks

    @property
    def output_latency_s(self) -> float:
        if self._output is None:
            return 0.0
        try:
            return float(self._output.latency)
        except Exception:
            return 0.0

    def _open(self, sd: ModuleType, callback: Any, finished: Any = None) -> Any:
        return sd.OutputStream(
            samplerate=self.samplerate,
            channels=self.channels,
            dtype="float32",
            blocksize=self.blocksize,
            latency=self.latency,
            device=self.device,
            callback=callback,
            finished_callback=finished,
        )

    def probe(self) -> None:
        sd = load_sounddevice()
        try:
            with quiet_stderr():
                stream = self._open(sd, None)
                stream.close()
        except Exception as exc:
            raise BackendUnavailable(
                f"sounddevice: no usable output device ({reason(exc)})"
            ) from exc

    def start(self, callback: BlockCallback) -> None:
        sd = load_sounddevice()
        self._callback = callback
        self._reset_health()
        self._underrun_frames = 0
        try:
            with quiet_stderr():
                stream = self._open(sd, self._on_audio, self._on_finished)
                stream.start()
        except Exception as exc:
            self._callback = None
            raise BackendUnavailable(
                f"sounddevice: could not start output ({reason(exc)})"
            ) from exc
        self._output = stream

    def _on_finished(self) -> None:
        """PortAudio's finished callback: the stream went inactive (ours or the device's)."""
        self._mark_lost("the audio device went away")

    def _output_failure(self, output: Any) -> str | None:
        if self._underrun_frames >= UNDERRUN_LIMIT_S * self.samplerate:
            return "the audio output kept running dry"
        try:
            active = bool(getattr(output, "active", True))
        except Exception as exc:
            return f"the audio stream failed ({reason(exc)})"
        return None if active else "the audio device went away"

    def _on_audio(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        try:
            if getattr(status, "output_underflow", False):
                self.underflows += 1
                self._underrun_frames += frames
            else:
                self._underrun_frames = 0
            lead = float(time_info.outputBufferDacTime) - float(time_info.currentTime)
            if time_info.outputBufferDacTime == 0 or not 0.0 <= lead < 2.0:
                lead = self.output_latency_s  # no host timing: use the reported latency
            cb = self._callback
            if cb is None:
                outdata.fill(0)
                return
            cb(frames, self.clock() + lead, outdata)
            self._block_ok()
        except Exception:  # never raise into PortAudio: it would abort the stream
            self._block_failed()
            outdata.fill(0)
