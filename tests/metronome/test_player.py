from __future__ import annotations

import numpy as np
import pytest

from treadmill_tui.clock import ManualClock
from treadmill_tui.metronome.analysis import detect_onsets
from treadmill_tui.metronome.backends.base import BackendUnavailable, BlockCallback
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.backends.offline import OfflineBackend
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.metronome.pattern import Foot
from treadmill_tui.metronome.player import Metronome

FS = 48_000


def _run(m: Metronome, clock: ManualClock, seconds: float, step: float = 0.02) -> list[BeatEvent]:
    got: list[BeatEvent] = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        for ev in m.poll():
            assert ev.at >= clock() - 1e-9 - step  # delivered no later than one poll after `at`
            got.append(ev)
    return got


def test_events_follow_the_grid_after_preroll() -> None:
    clock = ManualClock(100.0)
    m = Metronome(NullBackend(clock), clock, preroll_s=0.5)
    seen: list[BeatEvent] = []
    m.on_beat(seen.append)
    m.set_cadence(90.0)
    events = _run(m, clock, 10.0)
    assert events == seen
    first = events[0].at
    # the change is cut at the lookahead horizon (now + 50 ms), then half a second of pre-roll
    assert first == pytest.approx(100.0 + 0.05 + 0.5)
    for i, ev in enumerate(events):
        assert ev.n == i
        assert ev.at == pytest.approx(first + 60.0 * i / 90.0, abs=1e-9)
        assert ev.accent == (i % 2 == 0)
        assert ev.foot is (Foot.LEFT if i % 2 == 0 else Foot.RIGHT)
    assert len(events) == 15  # 9.45 s of beats at 1.5/s, +1 for beat 0


def test_below_minimum_or_none_is_silent_and_restart_uses_preroll() -> None:
    clock = ManualClock()
    m = Metronome(NullBackend(clock), clock)
    m.set_cadence(65.0)
    assert m.target_spm is None
    assert _run(m, clock, 3.0) == []
    m.set_cadence(100.0)
    events = _run(m, clock, 3.0)
    assert events[0].at == pytest.approx(3.0 + 0.05 + 0.5)
    m.set_cadence(None)
    assert _run(m, clock, 3.0) == []
    assert m.bpm == 0.0


def test_ramp_is_followed_without_a_jump() -> None:
    clock = ManualClock()
    m = Metronome(NullBackend(clock), clock)
    m.set_cadence(80.0)
    _run(m, clock, 5.0)
    m.set_cadence(96.0, ramp_s=60.0)
    events = _run(m, clock, 70.0)
    gaps = [b.at - a.at for a, b in zip(events, events[1:], strict=False)]
    assert gaps[0] == pytest.approx(60 / 80, rel=0.01)
    assert all(b <= a + 1e-12 for a, b in zip(gaps, gaps[1:], strict=False))
    assert gaps[-1] == pytest.approx(60 / 96, abs=1e-9)
    assert m.bpm == pytest.approx(96.0)


def test_pause_silences_and_resume_restarts_the_grid_cleanly() -> None:
    clock = ManualClock()
    m = Metronome(NullBackend(clock), clock, preroll_s=0.5)
    m.set_cadence(90.0)
    before = _run(m, clock, 5.0)
    m.pause()
    paused_at = clock()
    assert m.paused
    during = _run(m, clock, 10.0)
    assert all(ev.at <= paused_at for ev in during)  # nothing after the pause is heard
    m.set_cadence(100.0)  # changes while paused are remembered
    resumed_at = clock()
    m.resume()
    after = _run(m, clock, 5.0)
    assert after[0].at == pytest.approx(resumed_at + 0.05 + 0.5)
    last_n = (during or before)[-1].n
    assert after[0].n == last_n + 1  # numbering (and so the left/right accent) carries on
    gaps = [b.at - a.at for a, b in zip(after, after[1:], strict=False)]
    assert gaps == pytest.approx([0.6] * len(gaps))


def test_pause_in_the_middle_of_a_ramp_finishes_it_after_resume() -> None:
    clock = ManualClock()
    m = Metronome(NullBackend(clock), clock)
    m.set_cadence(80.0)
    _run(m, clock, 2.0)
    m.set_cadence(100.0, ramp_s=20.0)
    _run(m, clock, 10.0)
    m.pause()
    _run(m, clock, 30.0)
    m.resume()
    _run(m, clock, 1.0)
    assert 88.0 < m.bpm < 92.0  # about halfway, as at the pause
    _run(m, clock, 12.0)
    assert m.bpm == pytest.approx(100.0)


def test_pause_drops_queued_events_not_yet_heard() -> None:
    clock = ManualClock()
    m = Metronome(NullBackend(clock, lookahead_s=2.0), clock, preroll_s=0.0)
    m.set_cadence(120.0)
    m.pause()  # the lookahead had already queued beats up to 2 s ahead
    assert m.poll() == []


def test_offline_capture_pause_is_silent_immediately() -> None:
    clock = ManualClock()
    backend = OfflineBackend(clock, blocksize=480)
    m = Metronome(backend, clock, preroll_s=0.5, accent=False)
    m.set_cadence(120.0)
    _run(m, clock, 2.0, step=0.01)
    m.pause()
    _run(m, clock, 2.0, step=0.01)
    m.resume()
    _run(m, clock, 2.0, step=0.01)
    audio = backend.samples()[:, 0]
    pause_sample = round(2.0 * FS)
    resume_sample = round(4.0 * FS)
    assert not audio[pause_sample + 480 : resume_sample].any()
    onsets = detect_onsets(audio)
    assert onsets[0] == round(0.5 * FS)
    after = [o for o in onsets if o > resume_sample]
    assert after[0] == resume_sample + round(0.5 * FS)
    assert np.diff(after).tolist() == [FS // 2] * (len(after) - 1)


class _Failing:
    key = "sd"
    name = "fake device"
    samplerate = FS
    channels = 2
    pulled = False
    output_latency_s = 0.0

    def probe(self) -> None: ...

    def start(self, callback: BlockCallback) -> None:
        raise BackendUnavailable("device vanished")

    def pump(self) -> None: ...

    def beat(self, event: BeatEvent) -> None: ...

    def stop(self) -> None: ...


def test_a_failing_stream_start_falls_back_to_visual_and_says_so() -> None:
    clock = ManualClock()
    notices: list[str] = []
    m = Metronome(_Failing(), clock, fallbacks=lambda key: ())  # no real device tried
    m.on_notice(notices.append)
    m.set_cadence(90.0)
    assert isinstance(m.backend, NullBackend)
    assert notices == [m.message]
    assert "visual beat only" in m.message and "device vanished" in m.message
    assert len(_run(m, clock, 3.0)) >= 3  # the walk's beat goes on


class _Device(_Failing):
    """A device backend the test drives by hand, reporting 120 ms output latency."""

    def __init__(self) -> None:
        self.callback: BlockCallback | None = None

    def start(self, callback: BlockCallback) -> None:
        self.callback = callback


def test_event_time_is_when_the_click_is_heard() -> None:
    clock = ManualClock(50.0)
    dev = _Device()
    m = Metronome(dev, clock, preroll_s=0.5, visual_offset_s=0.03)
    m.set_cadence(120.0)
    assert dev.callback is not None
    buf = np.zeros((960, 2), dtype=np.float32)
    events: list[BeatEvent] = []
    for _ in range(100):  # 2 s of 20 ms blocks
        dev.callback(960, clock() + 0.12, buf)
        clock.advance(0.02)
        events += m.poll()
    # the change was cut at 0 s of stream time (nothing written yet), beat 0 at 0.5 s, which
    # is written when the clock reads 50.5 and heard 120 ms later, shown 30 ms later still
    assert events[0].at == pytest.approx(50.5 + 0.12 + 0.03)
    assert [round(e.at - events[0].at, 9) for e in events] == [0.0, 0.5, 1.0]


def test_stop_is_final_and_bad_input_is_rejected() -> None:
    clock = ManualClock()
    m = Metronome(NullBackend(clock), clock)
    with pytest.raises(ValueError):
        m.set_cadence(float("nan"))
    with pytest.raises(ValueError):
        m.set_cadence(90.0, ramp_s=-1.0)
    m.set_cadence(90.0)
    m.stop()
    m.set_cadence(100.0)
    assert _run(m, clock, 3.0) == []
    assert not m.running
