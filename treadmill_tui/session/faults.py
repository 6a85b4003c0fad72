"""Faults and stop confirmation: link lost, control lost, the machine stopped, failed commands.

Waiting for telemetry to confirm the belt is at 0 (and warning when it is not), pausing a belt
that moves while the session is not walking, the start confirmation, the walker's stop key and
the pause -> stop escalation (docs/ftms.md §10.9). A fault never restarts the belt. The belt's
own state (link, control, ramps, follow checks, the stop obligation) lives in the belt part,
:class:`~treadmill_tui.session.belt.Belt`; this applies faults to the walk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treadmill_tui.session.belt import MSG_PRESS_STOP
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

if TYPE_CHECKING:
    from treadmill_tui.session.engine_core import EngineCore


class Faults:
    """Faults applied to the walk, and the stop confirmation (a part of :class:`Engine`)."""

    def __init__(self, walk: EngineCore) -> None:
        self._w = walk

    def stop_timers(self) -> None:
        """Stop confirmation, the belt guard and the start confirmation, in that order."""
        w = self._w
        now = w._now
        st = w._walk.state
        if w.stop_owed:
            if w._belt.stopped():
                w._belt.await_zero_since = None
                w._emit(BeltStopped())
                self.on_belt_stopped()
            elif w._belt.connected and not w._belt.owed_sent:
                # the debt survives link drops and control loss: on link and control again,
                # the owed Pause/Stop goes out before anything else
                cmd = w._belt.owed
                w._send(cmd)
                if isinstance(cmd, Pause):
                    w._belt.paused_with_pause = True
                w._belt.owed_sent = True
                w._belt.arm_zero_deadline()
                w._emit(StopResent(name=cmd.name))
            elif not w._belt.zero_warned and now >= w._belt.zero_deadline:
                w._belt.zero_warned = True
                w._say(f"The belt has not stopped. {MSG_PRESS_STOP}", "warning")

        # belt moving while the session is not walking (e.g. after a reconnect): pause it once
        if (
            w._belt.connected
            and not w.stop_owed
            and st not in WALKING_STATES
            and w._first_start_t is not None
            and w._belt.moving()
            and w._belt.last_telemetry_t >= now - 2.0
        ):
            final = st in (State.STOPPING, State.RED_FLAG, State.FINISHED)
            w._belt.demand_stop(Stop() if final else Pause())
            w._emit(BeltGuard(state=str(st)))
        if (
            w._belt.start_sent_at is not None
            and now - w._belt.start_sent_at >= w._cfg.start_confirm_s
        ):
            w._belt.start_sent_at = None
            w._say("The belt has not started. Check the treadmill, or press stop.", "warning")

    def on_belt_stopped(self) -> None:
        w = self._w
        if w._belt.zero_incline_when_stopped and w._belt.incline_ok and w._belt.connected:
            ramp = w._belt.incline_ramp
            w._belt.zero_incline_when_stopped = False
            if ramp is not None and ramp.value is not None and ramp.value > max(ramp.lo, 0.0):
                ramp.reset(max(ramp.lo, 0.0), w._now)
                w._send(SetIncline(ramp.value if ramp.value is not None else 0.0))
        if w._walk.state is State.STOPPING:
            w._to_post_walk("final stop confirmed")
        elif w._walk.state is State.RED_FLAG and w._red_flag_ack:
            w._finish("red flag acknowledged, belt stopped")
        elif w._finish_pending is not None:
            w._finish(w._finish_pending)

    def on_stop_now(self) -> None:
        """Space works in every state: a Pause/Stop now (or owed until the link returns), or
        the plain news that telemetry shows the belt already at 0."""
        w = self._w
        w._emit(WalkerAction(action="stop_now"))
        if w._walk.state in WALKING_STATES:
            w._pause(PauseReason.STOP_NOW, "walker pressed stop")
            return
        confirmed = (
            w._belt.connected
            and w._belt.actual_speed is not None
            and w._belt.actual_speed <= STOPPED_KMH
            and not w.stop_owed
        )
        if confirmed:
            w._say("The belt is already stopped.")
            return
        moving = w._belt.actual_speed is not None and w._belt.actual_speed > STOPPED_KMH
        if w._belt.connected and (moving or w.stop_owed):
            # an owed Pause that is not confirmed escalates to Stop (docs/ftms.md §10.9: a pause is
            # never re-sent)
            escalate = w.stop_owed and w._belt.owed_sent and isinstance(w._belt.owed, Pause)
            w._belt.demand_stop(Stop() if escalate or self.owed_final() else Pause())
        elif not w._belt.connected and w._first_start_t is not None and not w.stop_owed:
            w._belt.await_zero(Stop() if self.owed_final() else Pause(), sent=False)
        if not w._belt.connected:
            if self.ask_for_control():  # the walker's own command: docs/ftms.md §10.5
                w._say(f"Asking the treadmill for control to stop the belt. {MSG_PRESS_STOP}")
            else:
                w._say(f"No link to the treadmill. {MSG_PRESS_STOP}", "warning")

    def ask_for_control(self) -> bool:
        """Ask for control again when only control (not the link) is missing and no request is
        on its way; True when asked. The owed stop goes out first once it is granted."""
        w = self._w
        if not w._belt.link_up or w._belt.control_requested or w._belt.machine is None:
            return False
        w._belt.control_requested = True
        w._send(RequestControl())
        return True

    def owed_final(self) -> bool:
        w = self._w
        return w._walk.state in (State.STOPPING, State.RED_FLAG, State.POST_WALK, State.FINISHED)

    def on_machine_stopped(self, by: StopSource) -> None:
        w = self._w
        w._emit(MachineStoppedEvent(by=str(by)))
        reason = PauseReason.CONSOLE if by is StopSource.CONSOLE else PauseReason.SAFETY_KEY
        if w._walk.state in WALKING_STATES:
            why = f"stopped from the treadmill ({by})"
            w._walk.enter(State.PAUSED, why, pause=reason, machine_stopped=True)
            w._say("The treadmill was stopped. Are you OK?")
            w._open_prompt("check", "machine_stop")
        elif w._walk.state is State.BREAK:
            w._belt.await_zero(Pause(), sent=True)
        elif w._walk.state is State.PAUSED:
            # the pause reason follows the latest cause (a console stop, then the safety key)
            w._walk.enter(State.PAUSED, f"stopped from the treadmill ({by})", pause=reason)

    def on_command_error(self, cmd: Command, error: str) -> None:
        """An unexpected error while sending: the runner reconnects; here it is a link loss."""
        w = self._w
        w._emit(
            CommandFailedEvent(
                name=cmd.name,
                value=command_value(cmd),
                error=error,
                timed_out=False,
                unexpected=True,
            )
        )
        self.on_fault(PauseReason.COMMAND_FAILED)

    def on_fault(self, reason: PauseReason) -> None:
        w = self._w
        w._emit(Fault(kind=str(reason)))
        w._belt.follow.clear()
        w._belt.start_sent_at = None
        if reason in (PauseReason.LINK_LOST, PauseReason.COMMAND_FAILED):
            w._belt.connected = False
            w._belt.link_up = False  # the runner reconnects and asks for control itself
            w._belt.control_requested = False
            w._belt.actual_speed = None  # stale until fresh telemetry arrives
            w._belt.actual_incline = None
            w._stats.link_reset()
            if reason is PauseReason.LINK_LOST:
                w._say(
                    "Lost the link to the treadmill; reconnecting. Use its STOP button if needed."
                )
            else:
                w._say(
                    "A command to the treadmill failed; reconnecting. "
                    "Use its STOP button if needed.",
                    "warning",
                )
        else:
            if not w._belt.connected:
                return
            w._belt.connected = False
            w._say("The treadmill took back control; asking for it again.")
            self.ask_for_control()  # the link is still up: only control is missing
        # the stop obligation survives: whatever was sent on the old link or control is sent
        # again once both are back (before anything else)
        w._belt.owed_sent = False
        if w._walk.state in WALKING_STATES:
            w._walk.enter(State.PAUSED, f"fault: {reason}", pause=reason)  # owed: no link now

    def on_command_failed(self, cmd: Command, why: str, *, timed_out: bool) -> None:
        w = self._w
        w._emit(
            CommandFailedEvent(
                name=cmd.name, value=command_value(cmd), error=why, timed_out=timed_out
            )
        )
        if isinstance(cmd, SetSpeed) and cmd.prestart:
            return
        if isinstance(cmd, SetSpeed | SetIncline):
            kind = "speed" if isinstance(cmd, SetSpeed) else "incline"
            if timed_out:
                w._belt.follow_timeout(kind)
            else:
                w._belt.mark_unavailable(kind, f"the treadmill rejected the {kind} command")
        elif isinstance(cmd, Start):
            w._belt.start_sent_at = None
            if timed_out:
                w._say("The treadmill did not confirm the start.")
            elif w._walk.state in WALKING_STATES:
                w._say("The treadmill refused to start.")
                w._pause(PauseReason.COMMAND_FAILED, "start refused")
        elif isinstance(cmd, Pause):
            w._say(f"The treadmill did not confirm the pause. {MSG_PRESS_STOP}", "warning")
            if timed_out and w._belt.connected:
                w._send(Stop())  # docs/ftms.md §10.9: escalate once, never resend the pause
        elif isinstance(cmd, Stop):
            w._say(f"The treadmill did not confirm the stop. {MSG_PRESS_STOP}", "warning")
        elif isinstance(cmd, RequestControl):
            w._belt.control_requested = False
            if w.stop_owed:  # the belt's stop cannot go out without control
                # docs/ftms.md §10.5: a refusal is never retried in a loop; Space asks again
                w._say(
                    f"The treadmill refused control, so the app cannot stop the belt. "
                    f"{MSG_PRESS_STOP} Space asks the treadmill again.",
                    "warning",
                )
            else:
                w._say("The treadmill refused control; press resume to ask again.")
