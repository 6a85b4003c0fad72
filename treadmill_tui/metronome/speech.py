"""Spoken cues from the ``espeak-ng`` speech engine, as samples for the metronome's output.

espeak-ng is a small offline engine packaged by every Linux distribution (Debian:
``espeak-ng``). It is run as a subprocess writing a WAV to stdout, so nothing is linked; the
samples are resampled to the output rate and played through the same audio chain as the
clicks. Synthesis takes tens of milliseconds, so :class:`Speaker` runs it in its own thread and
hands finished waves back through a deque. Without the engine there are no words: the caller
falls back to chimes (docs/metronome.md).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import threading
from collections import deque
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

Wave = npt.NDArray[np.float32]
Run = Callable[[list[str]], bytes]

ENGINE = "espeak-ng"
WORDS_PER_MIN = 150  # a little slower than espeak's default 175, for a walker on a belt
TIMEOUT_S = 5.0
SPEECH_GAIN = 0.9


class SpeechUnavailable(Exception):
    """No speech engine here, or it failed; the message says why in a few words."""


def engine_path() -> str | None:
    return shutil.which(ENGINE)


def _run(argv: list[str]) -> bytes:
    result = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_S, check=True)
    return result.stdout


def parse_wav(data: bytes) -> tuple[int, npt.NDArray[np.int16]]:
    """(sample rate, mono int16 samples) of a PCM16 WAV. espeak-ng writing to a pipe cannot
    seek back to fill in the sizes, so the data chunk is read to the end of the bytes."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SpeechUnavailable("the speech engine did not return a WAV")
    pos, rate, channels = 12, 0, 1
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        body = pos + 8
        if chunk == b"fmt ":
            fmt, channels, rate = struct.unpack("<HHI", data[body : body + 8])
            bits = struct.unpack("<H", data[body + 14 : body + 16])[0]
            if fmt != 1 or bits != 16:
                raise SpeechUnavailable("the speech engine's WAV is not 16-bit PCM")
        elif chunk == b"data":
            end = len(data) if size in (0, 0xFFFFFFFF) or body + size > len(data) else body + size
            raw = data[body:end]
            samples = np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<i2")
            if channels > 1:
                samples = samples[: len(samples) // channels * channels].reshape(-1, channels)[:, 0]
            if not rate:
                raise SpeechUnavailable("the speech engine's WAV has no format")
            return rate, samples.astype(np.int16)
        pos = body + size + (size & 1)
    raise SpeechUnavailable("the speech engine's WAV has no samples")


def resample(samples: npt.NDArray[np.int16], rate: int, samplerate: int) -> Wave:
    """Linear resampling to the output rate, scaled to ±1 (speech needs nothing finer)."""
    x = samples.astype(np.float64) / 32768.0
    if rate == samplerate or len(x) < 2:
        return x.astype(np.float32)
    n = max(1, round(len(x) * samplerate / rate))
    positions = np.arange(n, dtype=np.float64) * (rate / samplerate)
    return np.interp(positions, np.arange(len(x)), x).astype(np.float32)


def synthesize(text: str, samplerate: int, *, run: Run = _run, engine: str | None = None) -> Wave:
    """``text`` spoken as a mono wave at ``samplerate``; raises :class:`SpeechUnavailable`."""
    exe = engine or engine_path()
    if exe is None:
        raise SpeechUnavailable(f"{ENGINE} is not installed")
    try:
        data = run([exe, "--stdout", "-s", str(WORDS_PER_MIN), "--", text])
    except (OSError, subprocess.SubprocessError) as exc:
        raise SpeechUnavailable(f"{ENGINE} failed ({type(exc).__name__})") from exc
    rate, samples = parse_wav(data)
    wave = resample(samples, rate, samplerate)
    peak = float(np.max(np.abs(wave))) if wave.size else 0.0
    return wave * (SPEECH_GAIN / peak) if peak > 0 else wave


class Speaker:
    """Synthesises in a background thread; :meth:`ready` hands finished waves to the owner."""

    def __init__(
        self,
        samplerate: int,
        *,
        synth: Callable[[str, int], Wave] = synthesize,
        threaded: bool = True,
    ) -> None:
        self.samplerate = samplerate
        self._synth = synth
        self._threaded = threaded
        self._done: deque[tuple[str, Wave]] = deque()
        self.failures: list[str] = []

    def say(self, text: str) -> None:
        if self._threaded:
            threading.Thread(target=self._work, args=(text,), daemon=True).start()
        else:
            self._work(text)

    def _work(self, text: str) -> None:
        try:
            self._done.append((text, self._synth(text, self.samplerate)))
        except SpeechUnavailable as exc:
            self.failures.append(str(exc))
        except Exception as exc:  # a broken engine must never stop the walk
            self.failures.append(f"{ENGINE} failed ({type(exc).__name__})")

    def ready(self) -> list[tuple[str, Wave]]:
        out = []
        while self._done:
            out.append(self._done.popleft())
        return out
