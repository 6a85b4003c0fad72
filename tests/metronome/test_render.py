from __future__ import annotations

import random
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.metronome.exact import exact_beat_times
from treadmill_tui.metronome.analysis import OnsetDetector, detect_onsets, refine_onsets
from treadmill_tui.metronome.backends.offline import (
    read_wav,
    render_offline,
    render_wav,
    to_pcm16,
    write_wav,
)
from treadmill_tui.metronome.clicks import ACCENT_HZ, NORMAL_HZ, click_wave, template
from treadmill_tui.metronome.pattern import BeatKind, Pattern
from treadmill_tui.metronome.render import ClickRenderer
from treadmill_tui.metronome.tempo import TempoMap

FS = 48_000


def _render_random_blocks(
    tempo: TempoMap, seconds: float, lo: int, hi: int, seed: int = 1
) -> np.ndarray:
    r = ClickRenderer(tempo, samplerate=FS)
    total = round(seconds * FS)
    out = np.zeros((total, r.channels), dtype=np.float32)
    rng = random.Random(seed)
    pos = 0
    while pos < total:
        n = min(rng.randint(lo, hi), total - pos)
        r.render_into(out[pos : pos + n])
        pos += n
    return out


@pytest.fixture(scope="module")
def ramp_audio() -> np.ndarray:
    return _render_random_blocks(TempoMap.ramp(90.0, 110.0, 60.0), 60.0, 64, 1031)


def test_ramp_onsets_within_1ms_of_analytic_times(ramp_audio: np.ndarray) -> None:
    exact = exact_beat_times([(0.0, 60.0, 90.0, 110.0)], 10_000)
    analytic = [float(t) for t in exact if float(t) < 60.0 - 1e-9]
    onsets = detect_onsets(ramp_audio)
    assert len(onsets) == len(analytic) == 100
    errors_ms = [abs(o / FS - t) * 1000 for o, t in zip(onsets, analytic, strict=True)]
    assert max(errors_ms) < 1.0
    # and in fact exactly the rounded sample of the exact time
    assert onsets == [round(t * FS) for t in analytic]


def test_block_size_does_not_change_audio(ramp_audio: np.ndarray) -> None:
    tempo = TempoMap.ramp(90.0, 110.0, 60.0)
    small = render_offline(tempo, 60.0, blocksize=64)
    large = render_offline(tempo, 60.0, blocksize=1031)
    assert np.array_equal(small, large)
    assert np.array_equal(small, ramp_audio)


def test_accents_alternate_and_refinement_with_template_agrees(ramp_audio: np.ndarray) -> None:
    onsets = detect_onsets(ramp_audio)
    mono = ramp_audio[:, 0]
    peaks = [float(mono[o]) for o in onsets]
    # Pattern "Xx": accent (gain 1.0 x volume 0.8) on even beats, softer normal on odd ones
    assert peaks[0] == pytest.approx(0.8, abs=1e-6)
    assert peaks[1] == pytest.approx(0.48, abs=1e-6)
    kinds = [BeatKind.ACCENT if n % 2 == 0 else BeatKind.NORMAL for n in range(len(onsets))]
    refined = refine_onsets(mono, onsets, [template(FS, k) for k in kinds])
    assert refined == onsets


def test_click_shape_peaks_on_first_sample() -> None:
    for hz in (ACCENT_HZ, NORMAL_HZ):
        w = click_wave(FS, hz, 1.0)
        assert w[0] == pytest.approx(1.0)
        assert np.argmax(np.abs(w)) == 0
        assert abs(w[-1]) < 1e-3
        assert len(w) == 720  # 15 ms


def test_click_straddling_blocks_is_intact() -> None:
    tempo = TempoMap.constant(60.0, start=0.0)
    r = ClickRenderer(tempo, samplerate=FS, pattern=Pattern("X"), volume=1.0)
    a = r.render(100)
    b = r.render(1000)
    whole = np.concatenate([a, b])[:720, 0]
    assert np.allclose(whole, click_wave(FS, ACCENT_HZ, 1.0))


def test_muted_renderer_outputs_silence_but_counts_beats() -> None:
    r = ClickRenderer(TempoMap.constant(120.0), samplerate=FS)
    r.render(100)  # a click has started
    r.muted = True
    block = r.render(FS)
    assert not block.any()
    assert r.next_beat == 3  # beats 0, 1, 2 in the first second + 100 samples


def test_silent_pattern_step_and_panning() -> None:
    r = ClickRenderer(
        TempoMap.constant(120.0), samplerate=FS, channels=2, pattern=Pattern("Xx.", pan=1.0)
    )
    out = r.render(3 * FS)
    on = detect_onsets(out)
    # beat 2, 5 are silent ('.' at index 2 of the pattern)
    assert on == [0, FS // 2, 3 * FS // 2, 2 * FS]
    left, right = out[:, 0], out[:, 1]
    assert left[0] > 0 and right[0] == 0  # beat 0: left foot, fully left
    assert right[FS // 2] > 0 and left[FS // 2] == 0  # beat 1: right foot


def test_streaming_detector_matches_whole_buffer(ramp_audio: np.ndarray) -> None:
    det = OnsetDetector()
    got: list[int] = []
    for lo in range(0, len(ramp_audio), 777):
        got += det.feed(ramp_audio[lo : lo + 777])
    assert got == detect_onsets(ramp_audio)


def test_pcm16_wav_round_trip_keeps_onsets(tmp_path: Path, ramp_audio: np.ndarray) -> None:
    path = tmp_path / "m.wav"
    write_wav(path, ramp_audio, FS)
    back, rate = read_wav(path)
    assert rate == FS and back.shape == ramp_audio.shape
    assert detect_onsets(back) == detect_onsets(ramp_audio)
    assert np.max(np.abs(back - ramp_audio)) < 1 / 32767 + 1e-6


def test_volume_scales_and_validates() -> None:
    r = ClickRenderer(TempoMap.constant(60.0), samplerate=FS, pattern=Pattern("X"), volume=0.5)
    assert r.render(10)[0, 0] == pytest.approx(0.5)
    r.render(FS - 10)
    r.set_volume(0.25)  # takes effect from the next click
    assert r.render(10)[0, 0] == pytest.approx(0.25)
    with pytest.raises(ValueError):
        r.set_volume(1.5)


def test_invalid_pattern_is_rejected() -> None:
    with pytest.raises(ValueError, match="pattern"):
        Pattern("Xo")
    with pytest.raises(ValueError):
        Pattern("X", pan=2.0)


def test_rendering_to_a_file_gives_the_same_samples_as_in_memory(tmp_path: Path) -> None:
    tempo = TempoMap.after_preroll(90.0, 0.5).with_change(0.5, 118.0, 20.0)
    path = tmp_path / "r.wav"
    frames = render_wav(path, tempo, 21.3, pattern=Pattern.for_settings(True), volume=0.7)
    expected = render_offline(tempo, 21.3, pattern=Pattern.for_settings(True), volume=0.7)
    audio, rate = read_wav(path)
    assert rate == 48_000 and frames == expected.shape[0] == audio.shape[0]
    assert np.array_equal(to_pcm16(audio), to_pcm16(expected))


def test_rendering_to_a_file_keeps_memory_flat(tmp_path: Path) -> None:
    """Four minutes rendered in memory would hold 46 MB of samples (and twice that converted);
    straight to the file only about a second's worth is ever held (issue #15: an hour once
    peaked at 4.7 GB). numpy reports its buffers to tracemalloc, so the peak counts them."""
    tempo = TempoMap.after_preroll(100.0, 0.5)
    tracemalloc.start()
    try:
        render_wav(tmp_path / "long.wav", tempo, 240.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB"
    with wave.open(str(tmp_path / "long.wav")) as w:
        assert w.getnframes() == 240 * 48_000
