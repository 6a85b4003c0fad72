"""Offline rendering: the exact audio the live path would play, into memory or a WAV file."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

from treadmill_tui.clock import Clock
from treadmill_tui.metronome.backends.base import Buffer, PulledBackend
from treadmill_tui.metronome.pattern import Pattern
from treadmill_tui.metronome.render import ClickRenderer
from treadmill_tui.metronome.tempo import TempoMap


class OfflineBackend(PulledBackend):
    """A pulled backend that keeps every block, for tests of the whole metronome."""

    key = "offline"
    name = "offline capture"

    def __init__(
        self, clock: Clock, *, samplerate: int = 48_000, channels: int = 1, blocksize: int = 960
    ) -> None:
        super().__init__(
            clock,
            samplerate=samplerate,
            channels=channels,
            blocksize=blocksize,
            lookahead_s=0.0,
            audio=True,
        )
        self._blocks: list[Buffer] = []

    def consume(self, block: Buffer) -> None:
        self._blocks.append(block.copy())

    def samples(self) -> Buffer:
        if not self._blocks:
            return np.zeros((0, self.channels), dtype=np.float32)
        return np.concatenate(self._blocks)


def render_offline(
    tempo: TempoMap,
    seconds: float,
    *,
    samplerate: int = 48_000,
    channels: int = 1,
    pattern: Pattern | None = None,
    volume: float = 0.8,
    blocksize: int = 960,
) -> Buffer:
    """Render ``seconds`` of the map through the live renderer, block by block."""
    renderer = ClickRenderer(
        tempo, samplerate=samplerate, channels=channels, pattern=pattern, volume=volume
    )
    total = round(seconds * samplerate)
    out = np.zeros((total, channels), dtype=np.float32)
    for lo in range(0, total, blocksize):
        renderer.render_into(out[lo : lo + blocksize])
    return out


def render_wav(
    path: str | Path,
    tempo: TempoMap,
    seconds: float,
    *,
    samplerate: int = 48_000,
    channels: int = 1,
    pattern: Pattern | None = None,
    volume: float = 0.8,
    blocksize: int = 960,
    chunk_blocks: int = 50,
) -> int:
    """Render ``seconds`` straight into a 16-bit WAV file, a chunk at a time; returns frames.

    The same samples as :func:`render_offline`, but memory stays at one chunk (about a second)
    whatever the duration: four hours in memory would be several gigabytes.
    """
    renderer = ClickRenderer(
        tempo, samplerate=samplerate, channels=channels, pattern=pattern, volume=volume
    )
    total = round(seconds * samplerate)
    chunk = np.zeros((blocksize * chunk_blocks, channels), dtype=np.float32)
    with open(path, "wb") as f, wave.open(f, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(samplerate)
        for start in range(0, total, chunk.shape[0]):
            frames = min(chunk.shape[0], total - start)
            for lo in range(0, frames, blocksize):
                renderer.render_into(chunk[lo : min(lo + blocksize, frames)])
            w.writeframes(to_pcm16(chunk[:frames]).tobytes())
    return total


def to_pcm16(samples: npt.NDArray[np.floating]) -> npt.NDArray[np.int16]:
    clipped = np.clip(np.asarray(samples, dtype=np.float64), -1.0, 1.0)
    return np.round(clipped * 32767.0).astype("<i2")


def write_wav(path: str | Path, samples: npt.NDArray[np.floating], samplerate: int) -> None:
    """16-bit PCM WAV; ``samples`` is 1-D or (frames, channels)."""
    data = np.asarray(samples)
    channels = 1 if data.ndim == 1 else data.shape[1]
    with open(path, "wb") as f, wave.open(f, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(samplerate)
        w.writeframes(to_pcm16(data).tobytes())


def read_wav(path: str | Path) -> tuple[npt.NDArray[np.float32], int]:
    """A 16-bit WAV as float32 (frames, channels) and its sample rate."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit WAV is supported")
        channels = w.getnchannels()
        rate = w.getframerate()
        raw = w.readframes(w.getnframes())
    pcm = np.frombuffer(raw, dtype="<i2").reshape(-1, channels)
    return (pcm.astype(np.float32) / 32767.0), rate
