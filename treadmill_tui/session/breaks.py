"""The exercise-break flow: stopping -> exercises -> break-end check -> await resume.

The belt is paused (stopped, for a break after the walk) on entry, the holds run once telemetry
confirms 0 km/h, a pain check closes the break, and only the walker's resume starts the belt.
"""

from __future__ import annotations

from treadmill_tui.session.commands import Pause, Stop
from treadmill_tui.session.engine_core import EngineCore
from treadmill_tui.session.engine_settings import STOPPED_KMH
from treadmill_tui.session.exercises import exercise_view, holds_of, is_trailing
from treadmill_tui.session.snapshot import ExerciseView
from treadmill_tui.session.states import BreakStage, State
from treadmill_tui.session.timeline import SegmentLike


class ExerciseBreaks(EngineCore):
    """Exercise-break handling of the engine (a part of :class:`Engine`)."""

    @property
    def exercise_name(self) -> str | None:
        if self._state is not State.BREAK or self._break_stage is not BreakStage.EXERCISE:
            return None
        if not 0 <= self._hold_index < len(self._holds):
            return None
        return self._holds[self._hold_index].name

    def _break_timers(self) -> None:
        stage = self._break_stage
        if stage is BreakStage.STOPPING:
            if self._await_zero_since is None and self._belt_stopped():
                self._break_stage = BreakStage.EXERCISE
                self._emit("break_stage", stage=str(BreakStage.EXERCISE))
                self._hold_index = -1
                self._next_hold()
        elif stage is BreakStage.EXERCISE:
            if self._actual_speed is not None and self._actual_speed > STOPPED_KMH:
                # the belt moved during an exercise: stop showing it and stop the belt
                self._break_stage = BreakStage.STOPPING
                self._emit("break_stage", stage=str(BreakStage.STOPPING), reason="belt moving")
                return
            hold = self._holds[self._hold_index] if self._holds else None
            if hold is not None and self._now - self._hold_started >= hold.hold_s:
                self._next_hold()

    def _next_hold(self) -> None:
        self._hold_index += 1
        self._hold_started = self._now
        if self._hold_index < len(self._holds):
            h = self._holds[self._hold_index]
            self._emit(
                "exercise", name=h.name, side=h.side, rep=h.rep, reps=h.reps, hold_s=h.hold_s
            )
            return
        if self._break_seg is not None and is_trailing(self._break_seg, self._tl.duration_s):
            # floor exercises after the walk: the post-walk questions are the check
            self._finish_break()
            self._to_post_walk("after-walk exercises done")
            return
        self._break_stage = BreakStage.CHECK
        self._emit("break_stage", stage=str(BreakStage.CHECK))
        # an earlier pending prompt is reused: its answer also ends this stage
        self._open_prompt("check", "break_end")

    def _enter_break(self, seg: SegmentLike) -> None:
        self._break_seg = seg
        self._holds = holds_of(seg)
        if self._connected:
            if is_trailing(seg, self._tl.duration_s):
                self._send(Stop())  # nothing to walk after it: this is the final stop
            else:
                self._send(Pause())
                self._paused_with_pause = True
        self._after_stop_sent()
        self._break_stage = BreakStage.STOPPING
        self._set_state(State.BREAK, f"exercise break: {seg.name}")

    def _finish_break(self) -> None:
        if self._break_seg is not None:
            self._done_breaks.add(self._break_seg.index)
            self._prog = max(self._prog, self._break_seg.end_s)
            self._emit("break_end", segment=self._break_seg.index)
        self._break_seg = None
        self._break_stage = None
        self._holds = []

    def _exercise_view(self) -> ExerciseView | None:
        if self._state is not State.BREAK or self._break_stage is not BreakStage.EXERCISE:
            return None
        return exercise_view(self._holds, self._hold_index, self._now - self._hold_started)
