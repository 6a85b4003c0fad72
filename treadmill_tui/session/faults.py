"""Faults and stop confirmation: link lost, control lost, the machine stopped, failed commands.

Waiting for telemetry to confirm the belt is at 0 (and warning when it is not), pausing a belt
that moves while the session is not walking, the start confirmation, the walker's stop key and
the pause -> stop escalation (docs/ftms.md §10.9). A fault never restarts the belt. The belt's
own state (link, control, ramps, follow checks, the stop obligation) lives in the belt part,
:class:`~treadmill_tui.session.belt.Belt`; this applies faults to the walk.
"""

from __future__ import annotations

from treadmill_tui.session.commands import (
    Command,
    Pause,
    RequestControl,
    SetIncline,
    SetSpeed,
    Start,
    Stop,
    command_value,
)
from treadmill_tui.session.engine_core import MSG_PRESS_STOP, EngineCore
from treadmill_tui.session.engine_settings import STOPPED_KMH
from treadmill_tui.session.events import (
    BeltGuard,
    BeltStopped,
    CommandFailedEvent,
    Fault,
    MachineStoppedEvent,
    StopResent,
    WalkerAction,
)
from treadmill_tui.session.inputs import StopSource
from treadmill_tui.session.states import WALKING_STATES, PauseReason, State


class FaultHandling(EngineCore):
    """Fault and stop-confirmation handling of the engine (a part of :class:`Engine`)."""

    def _stop_timers(self) -> None:
        """Stop confirmation, the belt guard and the start confirmation, in that order."""
        now = self._now
        st = self._state
        if self.stop_owed:
            if self._belt.stopped():
                self._belt.await_zero_since = None
                self._emit(BeltStopped())
                self._on_belt_stopped()
            elif self._belt.connected and not self._belt.owed_sent:
                # the debt survives link drops and control loss: on link and control again,
                # the owed Pause/Stop goes out before anything else
                cmd = self._belt.owed
                self._send(cmd)
                if isinstance(cmd, Pause):
                    self._belt.paused_with_pause = True
                self._belt.owed_sent = True
                self._belt.arm_zero_deadline()
                self._emit(StopResent(name=cmd.name))
            elif not self._belt.zero_warned and now >= self._belt.zero_deadline:
                self._belt.zero_warned = True
                self._say(f"The belt has not stopped. {MSG_PRESS_STOP}", "warning")
        # belt moving while the session is not walking (e.g. after a reconnect): pause it once
        if (
            self._belt.connected
            and not self.stop_owed
            and st not in WALKING_STATES
            and self._first_start_t is not None
            and self._belt.moving()
            and self._belt.last_telemetry_t >= now - 2.0
        ):
            final = st in (State.STOPPING, State.RED_FLAG, State.FINISHED)
            self._belt.demand_stop(Stop() if final else Pause())
            self._emit(BeltGuard(state=str(st)))
        if (
            self._belt.start_sent_at is not None
            and now - self._belt.start_sent_at >= self._cfg.start_confirm_s
        ):
            self._belt.start_sent_at = None
            self._say("The belt has not started. Check the treadmill, or press stop.", "warning")

    def _on_belt_stopped(self) -> None:
        if self._belt.zero_incline_when_stopped and self._belt.incline_ok and self._belt.connected:
            ramp = self._belt.incline_ramp
            self._belt.zero_incline_when_stopped = False
            if ramp is not None and ramp.value is not None and ramp.value > max(ramp.lo, 0.0):
                ramp.reset(max(ramp.lo, 0.0), self._now)
                self._send(SetIncline(ramp.value if ramp.value is not None else 0.0))
        if self._state is State.STOPPING:
            self._to_post_walk("final stop confirmed")
        elif self._state is State.RED_FLAG and self._red_flag_ack:
            self._finish("red flag acknowledged, belt stopped")
        elif self._finish_pending is not None:
            self._finish(self._finish_pending)

    def _on_stop_now(self) -> None:
        """Space works in every state: a Pause/Stop now (or owed until the link returns), or
        the plain news that telemetry shows the belt already at 0."""
        self._emit(WalkerAction(action="stop_now"))
        if self._state in WALKING_STATES:
            self._pause(PauseReason.STOP_NOW, "walker pressed stop")
            return
        confirmed = (
            self._belt.connected
            and self._belt.actual_speed is not None
            and self._belt.actual_speed <= STOPPED_KMH
            and not self.stop_owed
        )
        if confirmed:
            self._say("The belt is already stopped.")
            return
        moving = self._belt.actual_speed is not None and self._belt.actual_speed > STOPPED_KMH
        if self._belt.connected and (moving or self.stop_owed):
            # an owed Pause that is not confirmed escalates to Stop (docs/ftms.md §10.9: a pause is
            # never re-sent)
            escalate = (
                self.stop_owed and self._belt.owed_sent and isinstance(self._belt.owed, Pause)
            )
            self._belt.demand_stop(Stop() if escalate or self._owed_final() else Pause())
        elif not self._belt.connected and self._first_start_t is not None and not self.stop_owed:
            self._belt.await_zero(Stop() if self._owed_final() else Pause(), sent=False)
        if not self._belt.connected:
            self._say(f"No link to the treadmill. {MSG_PRESS_STOP}", "warning")

    def _owed_final(self) -> bool:
        return self._state in (State.STOPPING, State.RED_FLAG, State.POST_WALK, State.FINISHED)

    def _on_machine_stopped(self, by: StopSource) -> None:
        self._emit(MachineStoppedEvent(by=str(by)))
        reason = PauseReason.CONSOLE if by is StopSource.CONSOLE else PauseReason.SAFETY_KEY
        if self._state in WALKING_STATES:
            why = f"stopped from the treadmill ({by})"
            self._enter(State.PAUSED, why, pause=reason, machine_stopped=True)
            self._say("The treadmill was stopped. Are you OK?")
            self._open_prompt("check", "machine_stop")
        elif self._state is State.BREAK:
            self._belt.await_zero(Pause(), sent=True)
        elif self._state is State.PAUSED:
            # the pause reason follows the latest cause (a console stop, then the safety key)
            self._enter(State.PAUSED, f"stopped from the treadmill ({by})", pause=reason)

    def _on_command_error(self, cmd: Command, error: str) -> None:
        """An unexpected error while sending: the runner reconnects; here it is a link loss."""
        self._emit(
            CommandFailedEvent(
                name=cmd.name,
                value=command_value(cmd),
                error=error,
                timed_out=False,
                unexpected=True,
            )
        )
        self._on_fault(PauseReason.COMMAND_FAILED)

    def _on_fault(self, reason: PauseReason) -> None:
        self._emit(Fault(kind=str(reason)))
        self._belt.follow.clear()
        self._belt.start_sent_at = None
        if reason in (PauseReason.LINK_LOST, PauseReason.COMMAND_FAILED):
            self._belt.connected = False
            self._belt.control_requested = False
            self._belt.actual_speed = None  # stale until fresh telemetry arrives
            self._belt.actual_incline = None
            self._stats.link_reset()
            if reason is PauseReason.LINK_LOST:
                self._say(
                    "Lost the link to the treadmill; reconnecting. Use its STOP button if needed."
                )
            else:
                self._say(
                    "A command to the treadmill failed; reconnecting. "
                    "Use its STOP button if needed.",
                    "warning",
                )
        else:
            if not self._belt.connected:
                return
            self._belt.connected = False
            self._say("The treadmill took back control; asking for it again.")
            if not self._belt.control_requested:
                self._belt.control_requested = True
                self._send(RequestControl())
        # the stop obligation survives: whatever was sent on the old link or control is sent
        # again once both are back (before anything else)
        self._belt.owed_sent = False
        if self._state in WALKING_STATES:
            self._enter(State.PAUSED, f"fault: {reason}", pause=reason)  # owed: no link now

    def _on_command_failed(self, cmd: Command, why: str, *, timed_out: bool) -> None:
        self._emit(
            CommandFailedEvent(
                name=cmd.name, value=command_value(cmd), error=why, timed_out=timed_out
            )
        )
        if isinstance(cmd, SetSpeed) and cmd.prestart:
            return
        if isinstance(cmd, SetSpeed | SetIncline):
            kind = "speed" if isinstance(cmd, SetSpeed) else "incline"
            if timed_out:
                self._belt.follow_timeout(kind)
            else:
                self._belt.mark_unavailable(kind, f"the treadmill rejected the {kind} command")
        elif isinstance(cmd, Start):
            self._belt.start_sent_at = None
            if timed_out:
                self._say("The treadmill did not confirm the start.")
            elif self._state in WALKING_STATES:
                self._say("The treadmill refused to start.")
                self._pause(PauseReason.COMMAND_FAILED, "start refused")
        elif isinstance(cmd, Pause):
            self._say(f"The treadmill did not confirm the pause. {MSG_PRESS_STOP}", "warning")
            if timed_out and self._belt.connected:
                self._send(Stop())  # docs/ftms.md §10.9: escalate once, never resend the pause
        elif isinstance(cmd, Stop):
            self._say(f"The treadmill did not confirm the stop. {MSG_PRESS_STOP}", "warning")
        elif isinstance(cmd, RequestControl):
            self._belt.control_requested = False
            self._say("The treadmill refused control; press resume to ask again.")
