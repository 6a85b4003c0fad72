"""The metronome the session engine and dashboard use: cadence in, clicks and beat events out.

The audio callback is the master clock: it renders clicks at exact sample positions and queues
a :class:`BeatEvent` per beat, stamped with the clock time the click is heard. The owner calls
:meth:`Metronome.poll` regularly (a UI timer, ~20–30 Hz) to drive thread-free backends and to
deliver the events to ``on_beat`` callbacks in its own thread. Changes are published by
swapping immutable tempo maps; the audio thread takes no locks.

A device that fails to start, or dies in the middle of a walk (the stream ends by itself, the
callback keeps failing, or no block arrives for over a second), is replaced by the next
backend in the chain, ultimately visual only. The new backend carries on at the same renderer
time as the clock, so the beats land on the same grid; one notice says what happened.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterable

from treadmill_tui.clock import Clock
from treadmill_tui.metronome.backends.base import AudioBackend, BlockCallback, Buffer, reason
from treadmill_tui.metronome.backends.choose import chain_after, describe
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.cues import CueMixer, Wave, cue_slot
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.metronome.pattern import BeatKind, Pattern
from treadmill_tui.metronome.render import ClickRenderer
from treadmill_tui.metronome.tempo import TempoMap

#: Below this cadence the metronome is silent (docs/walking.md §2.4).
MIN_SPM = 70.0
PREROLL_S = 0.5
#: A device backend whose callback has not run for this long (seen over two polls) is dead.
STALL_S = 1.0
#: Before a new device's first block, allow it longer (opening PulseAudio can be slow).
FIRST_BLOCK_S = 3.0
_NO_BEAT = -(2**62)
#: A cue is placed at least this far past what is already written (audio thread headroom).
CUE_LEAD_S = 0.05
CUE_GAP_S = 0.1  # silence between two cues (a chime, then the words)

#: Given the failed backend's key, the backends to try instead, in order (unstarted).
Fallbacks = Callable[[str], Iterable[AudioBackend]]


class Metronome:
    def __init__(
        self,
        backend: AudioBackend,
        clock: Clock = time.monotonic,
        *,
        accent: bool = True,
        pattern: Pattern | None = None,
        volume: float = 0.8,
        preroll_s: float = PREROLL_S,
        visual_offset_s: float = 0.0,
        min_spm: float = MIN_SPM,
        message: str = "",
        bell: Callable[[], None] | None = None,
        fallbacks: Fallbacks | None = None,
    ) -> None:
        """``fallbacks`` defaults to the rest of the start-up chain (with ``bell`` if given)."""
        self.backend = backend
        self.clock = clock
        self.preroll_s = preroll_s
        self.visual_offset_s = visual_offset_s
        self.min_spm = min_spm
        self.message = message or f"Metronome: {backend.name}."
        self._renderer = self._new_renderer(pattern or Pattern.for_settings(accent), volume)
        self._events: deque[BeatEvent] = deque(maxlen=1024)
        self._callbacks: list[Callable[[BeatEvent], None]] = []
        self._notices: list[Callable[[str], None]] = []
        self._started = False
        self._stopped = False
        self._paused = False
        self._target: float | None = None
        self._ramp_end = 0.0  # renderer time at which the latest ramp reaches its target
        self._max_block = 0
        self._paused_bpm = 0.0
        self._ramp_left = 0.0
        self._bell = bell
        self._fallbacks = fallbacks
        self._generation = 0  # bumped on each backend switch; stale callbacks are ignored
        self._zero_at: float | None = None  # clock time renderer sample 0 is heard (last block)
        self._resync: float | None = None  # set on a switch: the new backend's first block seeks
        self._last_n = _NO_BEAT  # last beat number queued (no duplicates across a switch)
        self._seen_pos = 0
        self._stall_since: float | None = None
        self._cues = CueMixer()  # chimes and words, mixed in after the clicks
        self._cue_end = 0.0  # renderer time the last queued cue ends

    def _new_renderer(self, pattern: Pattern, volume: float) -> ClickRenderer:
        return ClickRenderer(
            TempoMap.silent(),
            samplerate=self.backend.samplerate,
            channels=self.backend.channels,
            pattern=pattern,
            volume=volume,
        )

    # -- state ---------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._started and not self._stopped

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def target_spm(self) -> float | None:
        """The cadence asked for (None when silent)."""
        return self._target

    @property
    def bpm(self) -> float:
        """The tempo being played now (0 when silent or paused)."""
        r = self._renderer
        return r.tempo.bpm_at(r.time)

    @property
    def tempo(self) -> TempoMap:
        return self._renderer.tempo

    @property
    def plays_audio(self) -> bool:
        """Does the current backend make sound from samples (not the bell, not visual)?"""
        b = self.backend
        if b.key in ("none", "bell"):
            return False
        return not b.pulled or bool(getattr(b, "audio", False))

    def cue(self, wave: Wave, *, duck: bool = False) -> float | None:
        """Play mono ``wave`` as soon as it fits between two clicks; returns its start on the
        renderer's clock, or None when this backend makes no sound. ``duck`` lowers the clicks
        under it (spoken words, longer than a gap between steps)."""
        if self._stopped or not self.plays_audio:
            return None
        if not self._started:
            self.start()
            if not self.plays_audio:
                return None
        r = self._renderer
        fs = r.samplerate
        earliest = max(self._cut_time() + CUE_LEAD_S, self._cue_end)
        start = cue_slot(r.tempo, earliest, len(wave) / fs)
        self._cues.add(round(start * fs), wave, duck)
        self._cue_end = start + len(wave) / fs + CUE_GAP_S  # cues follow each other
        return start

    def on_beat(self, callback: Callable[[BeatEvent], None]) -> Callable[[], None]:
        """Call ``callback`` (from :meth:`poll`) for every beat; returns an unsubscriber."""
        self._callbacks.append(callback)
        return lambda: self._callbacks.remove(callback)

    def on_notice(self, callback: Callable[[str], None]) -> None:
        """Be told (one line) when the backend changes, e.g. a failed stream falls back."""
        self._notices.append(callback)

    # -- life cycle ------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the backend. A backend that fails falls back down the chain and says so."""
        if self._started:
            return
        self._started = True
        try:
            self.backend.start(self._attach())
        except Exception as exc:
            self._switch(reason(exc), started=False)

    def _attach(self) -> BlockCallback:
        """A block callback for the current backend only: once it is replaced, a late call
        from its thread writes silence and touches nothing."""
        self._generation += 1
        generation = self._generation
        on_block = self._on_block

        def callback(frames: int, heard_at: float, out: Buffer | None) -> None:
            if generation != self._generation:
                if out is not None:
                    out.fill(0.0)
                return
            on_block(frames, heard_at, out)

        return callback

    def _candidates(self, failed_key: str) -> Iterable[AudioBackend]:
        if self._fallbacks is not None:
            return self._fallbacks(failed_key)
        r = self._renderer
        return chain_after(
            failed_key, self.clock, self._bell, samplerate=r.samplerate, channels=r.channels
        )

    def _fits(self, backend: AudioBackend) -> bool:
        """Can ``backend`` play this renderer's blocks? (Thread-free visual ones always can.)"""
        r = self._renderer
        if backend.samplerate != r.samplerate:
            return False
        renders = not backend.pulled or bool(getattr(backend, "audio", False))
        return backend.channels == r.channels or not renders

    def _switch(self, why: str, *, started: bool = True) -> None:
        """Replace the backend by the next one that starts; never raises. ``started`` tells a
        device that died mid-walk from one that failed to open."""
        failed = self.backend
        self._generation += 1  # detach the failed backend's callback at once
        try:
            halt = getattr(failed, "abort", None) or failed.stop
            halt()
        except Exception:
            pass
        self._resync = self._zero_at
        self._max_block = 0
        self._seen_pos = self._renderer.pos
        self._stall_since = None
        skipped: list[str] = []
        chosen: AudioBackend | None = None
        try:
            for candidate in self._candidates(failed.key):
                if candidate.key == failed.key or not self._fits(candidate):
                    continue
                try:
                    candidate.start(self._attach())
                except Exception as exc:
                    skipped.append(reason(exc))
                    continue
                chosen = candidate
                break
        except Exception as exc:  # a broken candidate list must not stop the beat
            skipped.append(reason(exc))
        if chosen is None:
            r = self._renderer
            chosen = NullBackend(self.clock, samplerate=r.samplerate, channels=r.channels)
            chosen.start(self._attach())
        self.backend = chosen
        if chosen.pulled:  # take over the grid now rather than at the next poll
            try:
                chosen.pump()
            except Exception:
                pass
        if started:
            self.message = _lost_message(failed, chosen, why)
        else:
            self.message = describe(chosen, [f"{failed.name} failed: {why}", *skipped])
        for notify in list(self._notices):
            notify(self.message)

    def _failure(self) -> str | None:
        """Why the running backend has failed, or None. Cheap: called on every poll."""
        backend = self.backend
        check = getattr(backend, "failure", None)
        try:
            why = check() if callable(check) else None
        except Exception as exc:
            why = f"the audio backend failed ({reason(exc)})"
        if why is not None or backend.pulled:
            return why
        pos = self._renderer.pos  # a device backend: is its callback still coming?
        if pos != self._seen_pos:
            self._seen_pos = pos
            self._stall_since = None
            return None
        now = self.clock()
        if self._stall_since is None:
            self._stall_since = now
        else:
            waiting = self._zero_at is None or self._resync is not None  # no block yet
            if now - self._stall_since > (FIRST_BLOCK_S if waiting else STALL_S):
                return "the audio device stopped responding"
        return None

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._renderer.muted = True
        self._cues.clear()
        try:
            self.backend.stop()
        except Exception:
            pass
        self._events.clear()

    # -- the audio side (audio thread for device backends) ------------------------------------

    def _on_block(self, frames: int, heard_at: float, out: Buffer | None) -> None:
        r = self._renderer
        fs = r.samplerate
        resync = self._resync
        if resync is not None:  # a new backend: carry on where the clock says the grid is
            self._resync = None
            r.seek(round((heard_at - resync) * fs))
        start = r.pos
        self._zero_at = heard_at - start / fs
        muted = r.muted
        beats = r.render_into(out) if out is not None else r.advance(frames)
        if out is not None:
            self._cues.mix_into(out, start)
        if frames > self._max_block:
            self._max_block = frames
        if muted or not beats:
            return
        offset = self.visual_offset_s
        last = self._last_n
        for b in beats:
            if b.n <= last:  # already queued by the backend this one replaced
                continue
            at = heard_at + max(0, b.sample - start) / fs + offset
            self._events.append(BeatEvent(b.n, b.kind is BeatKind.ACCENT, at, b.sounded))
            last = b.n
        self._last_n = last

    def _cut_time(self) -> float:
        """Earliest renderer time a change may take effect: past what is already written, and
        past a block that may be rendering right now in the audio thread."""
        if self.backend.pulled:
            self.backend.pump()
            margin = 0
        else:
            margin = self._max_block
        r = self._renderer
        return (r.pos + margin) / r.samplerate

    # -- the owner's side -------------------------------------------------------------------------

    def poll(self) -> list[BeatEvent]:
        """Drive a pulled backend and deliver queued beat events; returns them too."""
        if self._stopped:
            return []
        if self._started:
            why = self._failure()
            if why is not None:
                self._switch(why)
            try:
                self.backend.pump()
            except Exception as exc:
                self._switch(f"the {self.backend.name} backend failed ({reason(exc)})")
        delivered: list[BeatEvent] = []
        events = self._events
        while events:
            ev = events.popleft()
            self.backend.beat(ev)
            for cb in list(self._callbacks):
                cb(ev)
            delivered.append(ev)
        return delivered

    def set_cadence(self, spm: float | None, ramp_s: float = 0.0) -> None:
        """Follow ``spm`` steps/min, reached linearly over ``ramp_s`` without a phase jump.

        ``None`` or below 70 spm silences the metronome. From silence the grid restarts after
        a short pre-roll. Starts the backend on first use.
        """
        if spm is not None and not math.isfinite(spm):
            raise ValueError(f"cadence must be a number, got {spm}")
        if not (math.isfinite(ramp_s) and ramp_s >= 0):
            raise ValueError(f"ramp time must be a non-negative number, got {ramp_s}")
        target = None if spm is None or spm < self.min_spm else float(spm)
        if self._stopped:
            return
        if not self._started:
            self.start()
        t_c = self._cut_time()
        self._target = target
        self._ramp_end = t_c + ramp_s
        if self._paused:  # applied on resume, from the tempo playing at the pause
            self._ramp_left = ramp_s
            return
        tempo = self._renderer.tempo
        if target is None:
            new = tempo.with_change(t_c, None)
        elif tempo.bpm_at(t_c) == 0:
            pending = tempo.next_sounding_start(t_c)
            if pending is not None:  # still in the pre-roll: the change starts on beat one
                new = tempo.with_change(pending, target, ramp_s)
                self._ramp_end = pending + ramp_s
            else:
                new = tempo.with_restart(t_c, t_c + self.preroll_s, target)
                self._ramp_end = t_c + self.preroll_s
        else:
            new = tempo.with_change(t_c, target, ramp_s)
        self._renderer.tempo = new

    def pause(self) -> None:
        """Silence at once (the current block); beat events not yet heard are dropped."""
        if self._paused or self._stopped:
            return
        self._paused = True
        r = self._renderer
        r.muted = True
        if self._started:
            t_c = self._cut_time()
            self._paused_bpm = r.tempo.bpm_at(t_c)
            self._ramp_left = max(0.0, self._ramp_end - t_c)
            r.tempo = r.tempo.with_change(t_c, None)
        else:
            self._paused_bpm, self._ramp_left = 0.0, 0.0
        now = self.clock()
        kept = [ev for ev in list(self._events) if ev.at <= now]
        self._events.clear()
        self._events.extend(kept)

    def resume(self) -> None:
        """Restart the beat grid cleanly: pre-roll, then a beat, then any unfinished ramp."""
        if not self._paused or self._stopped:
            return
        self._paused = False
        r = self._renderer
        target = self._target
        if target is not None and self._started:
            t_c = self._cut_time()
            start = t_c + self.preroll_s
            bpm = self._paused_bpm if self._paused_bpm > 0 else target
            new = r.tempo.with_restart(t_c, start, bpm)
            self._ramp_end = start
            if self._ramp_left > 0 and bpm != target:
                new = new.with_change(start, target, self._ramp_left)
                self._ramp_end = start + self._ramp_left
            elif bpm != target:
                new = new.with_change(start, target, 0.0)
            r.tempo = new
        r.muted = False

    def set_volume(self, volume: float) -> None:
        self._renderer.set_volume(volume)

    def set_pattern(self, pattern: Pattern) -> None:
        self._renderer.set_pattern(pattern)

    def set_accent(self, accent: bool) -> None:
        self._renderer.set_pattern(Pattern.for_settings(accent, self._renderer.bank.pattern.pan))


def _lost_message(failed: AudioBackend, now: AudioBackend, why: str) -> str:
    """One line for a backend that died mid-walk."""
    if now.key == "none":
        return f"Sound stopped ({why}); the beat continues on screen."
    if now.key == "bell":
        return f"Sound stopped ({why}); the beat continues on screen and with the terminal bell."
    return f"Sound moved to {now.name} ({failed.name}: {why})."
