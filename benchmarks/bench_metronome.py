"""Metronome figures: beat timing over a rendered 30-minute programme, and live CPU cost.

Drift: the programme's tempo map is rendered through the live renderer in random 256–2048
frame blocks; every click onset is detected in the audio and compared with the analytic beat
time. CPU: the metronome plays for ~5 s through miniaudio's NULL device (a real-time paced
audio thread), falling back to the visual backend rendering the same blocks in real time.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.figure import Figure
from treadmill_tui.metronome.analysis import OnsetDetector
from treadmill_tui.metronome.backends.base import AudioBackend, BackendUnavailable
from treadmill_tui.metronome.backends.miniaudio_device import MiniaudioBackend
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.player import Metronome
from treadmill_tui.metronome.render import ClickRenderer
from treadmill_tui.metronome.tempo import CadencePiece, TempoMap

FS = 48_000
PROGRAMME = (  # a 30-minute walk: warm-up ramp, steps up, a break, cool-down ramp
    CadencePiece(0, 300, 80, 90),
    CadencePiece(300, 720, 90),
    CadencePiece(720, 780, 90, 96),
    CadencePiece(780, 1200, 96),
    CadencePiece(1200, 1320, None),
    CadencePiece(1320, 1380, 92, 100),
    CadencePiece(1380, 1560, 100),
    CadencePiece(1560, 1800, 100, 80),
)
LIVE_SECONDS = 5.0


def _drift() -> list[Figure]:
    tempo = TempoMap.from_cadence_pieces(PROGRAMME)
    seconds = 1800.0
    total = round(seconds * FS)
    renderer = ClickRenderer(tempo, samplerate=FS, channels=1)
    detector = OnsetDetector()
    buf = np.zeros((2048, 1), dtype=np.float32)
    rng = random.Random(7)
    onsets: list[int] = []
    pos = 0
    cpu0 = time.process_time()
    while pos < total:
        n = min(rng.randint(256, 2048), total - pos)
        view = buf[:n]
        renderer.render_into(view)
        onsets += detector.feed(view)
        pos += n
    cpu = time.process_time() - cpu0
    first = tempo.first_beat
    expected = [tempo.time_of_beat(first + i) for i in range(tempo.beats_between(0, seconds))]
    count_ok = len(onsets) == len(expected)
    pairs = list(zip(onsets, expected, strict=False))
    worst_ms = max(abs(o - t * FS) for o, t in pairs) / FS * 1000
    worst_round = max(abs(o - round(t * FS)) for o, t in pairs)
    last_err = abs(onsets[-1] - expected[-1] * FS) if count_ok else float("inf")
    half_sample_ms = 0.5 / FS * 1000
    return [
        Figure(
            "metronome: worst beat error, 30-min programme",
            worst_ms,
            "ms",
            f"<= {half_sample_ms:.4f} ms (0.5 smp)",
            count_ok and worst_ms <= half_sample_ms + 1e-9,
        ),
        Figure(
            "metronome: onset vs round(t*fs), 30 min",
            worst_round,
            "samples",
            "0 samples",
            count_ok and worst_round == 0,
        ),
        Figure(
            "metronome: last-beat error, 30 min",
            last_err,
            "samples",
            "<= 0.5 samples",
            last_err <= 0.5,
        ),
        Figure(
            f"metronome: beats detected ({len(expected)} expected)",
            len(onsets),
            "beats",
            f"= {len(expected)}",
            count_ok,
        ),
        Figure(
            "metronome: render+detect speed",
            seconds / cpu,
            "x realtime",
            "> 100x",
            seconds / cpu > 100,
        ),
    ]


def _live_backend() -> tuple[AudioBackend, str]:
    ma = MiniaudioBackend(time.monotonic, backends=("null",), buffersize_msec=20)
    try:
        ma.probe()
        return ma, "miniaudio NULL, 20 ms"
    except BackendUnavailable:
        null = NullBackend(time.monotonic, channels=2, blocksize=960, lookahead_s=0.0, audio=True)
        return null, "visual backend rendering 960-frame blocks"


def _cpu() -> list[Figure]:
    backend, label = _live_backend()
    m = Metronome(backend, time.monotonic, preroll_s=0.3)
    beats: list[int] = []
    m.on_beat(lambda ev: beats.append(ev.n))
    m.set_cadence(100.0)
    m.set_cadence(120.0, ramp_s=LIVE_SECONDS)
    wall0, cpu0 = time.monotonic(), time.process_time()
    while time.monotonic() - wall0 < LIVE_SECONDS:
        m.poll()  # the UI timer's share, at ~30 Hz
        time.sleep(1 / 30 if not backend.pulled else 0.02)
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    m.stop()
    m.poll()
    pct = 100.0 * cpu / wall
    return [
        Figure(
            f"metronome: live CPU ({label}, {len(beats)} beats)",
            pct,
            "% core",
            "< 3 %",
            pct < 3.0 and len(beats) > 0,
        )
    ]


# The child's own high-water mark: VmHWM belongs to the process's memory map, which exec
# replaces; ru_maxrss on Linux keeps the forking parent's peak across exec, so a bench run that
# had grown to 97 MB reported 97 MB for a 45 MB render. ru_maxrss only where /proc is missing.
_RENDER_CHILD = """
import resource, sys
from treadmill_tui.cli import main
status = main(["metronome", "--bpm", "100", "--duration", "3600", "--render", sys.argv[1]])
try:
    with open("/proc/self/status") as f:
        peak_kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(status, peak_kb)
"""


def _render_memory() -> list[Figure]:
    """Peak memory of ``metronome --render`` for an hour, measured in a child process (its own
    high-water mark, interpreter and numpy included): rendered in memory it once took 4.7 GB."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hour.wav"
        result = subprocess.run(
            [sys.executable, "-c", _RENDER_CHILD, str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        size_ok = out.stat().st_size > 3600 * FS * 2
    status, peak_kb = result.stdout.split()[-2:]
    peak_mb = int(peak_kb) / 1024  # Linux reports kilobytes
    return [
        Figure(
            "metronome: peak memory, 1-hour WAV render",
            peak_mb,
            "MB",
            "< 100 MB",
            peak_mb < 100 and size_ok and status == "0",
        )
    ]


def run() -> list[Figure]:
    return _drift() + _cpu() + _render_memory()


if __name__ == "__main__":
    for f in run():
        print(f)
