"""The belt part: link, control, ramps, follow checks and the stop obligation.

It owns what the engine knows and wants of the machine: whether the link and control are
there, the speed and incline ramps and whether each target is still available, the latest
telemetry, the targets being followed (re-sent once, then marked unavailable) and the stop
obligation - once a stop is demanded the belt is owed 0 km/h until fresh telemetry confirms it,
through link drops, reconnects and control loss (docs/ftms.md §10.9). It never assigns the
walk's state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treadmill_tui.session.commands import Pause, SetIncline, SetSpeed, StopCommand
from treadmill_tui.session.engine_settings import MOVING_KMH, STOPPED_KMH, EngineSettings
from treadmill_tui.session.events import CapabilityLost
from treadmill_tui.session.follow import UNAVAILABLE_TEXT, Follow, follow_timeout_s
from treadmill_tui.session.inputs import MachineInfo
from treadmill_tui.session.ramp import Ramp

if TYPE_CHECKING:
    from treadmill_tui.session.engine_core import EngineCore

MSG_PRESS_STOP = "Press STOP or pull the safety key."
MSG_STOP_UNCONFIRMED = (
    "The belt may still be moving and the app cannot confirm it stopped: "
    "press STOP on the treadmill or pull the safety key."
)


class Belt:
    """The treadmill as the engine drives it (a part of :class:`Engine`)."""

    def __init__(self, walk: EngineCore, settings: EngineSettings) -> None:
        self._w = walk
        self._cfg = settings
        self.machine: MachineInfo | None = None
        self.connected = False  # link and control: commands can go out
        self.link_up = False  # the link alone (control may be lost while it is up)
        self.control_requested = False
        self.speed_ramp: Ramp | None = None
        self.incline_ramp: Ramp | None = None
        self.speed_ok = True
        self.incline_ok = True
        self.actual_speed: float | None = None
        self.actual_incline: float | None = None
        self.last_telemetry_t = float("-inf")
        # the stop obligation: while set, the belt is owed 0 km/h until telemetry confirms it,
        # through link drops, reconnects and control loss (see faults._stop_timers)
        self.await_zero_since: float | None = None
        self.owed: StopCommand = Pause()  # what to (re)send while the stop is owed
        self.owed_sent = False  # sent on the current link and control
        self.zero_deadline = 0.0
        self.zero_warned = False
        self.zero_incline_when_stopped = False
        self.start_sent_at: float | None = None
        self.follow: dict[str, Follow] = {}
        self.paused_with_pause = False

    # ------------------------------------------------------------------ targets

    def target_speed(self) -> float | None:
        """The commanded (rate-limited) speed while walking."""
        if not self.speed_ok or self.speed_ramp is None:
            return None
        return self.speed_ramp.value

    def target_incline(self) -> float | None:
        if not self.incline_ok or self.incline_ramp is None:
            return None
        return self.incline_ramp.value

    def commanded(self) -> tuple[float | None, float | None]:
        """The ramps' current commanded (speed, incline), None where there is none."""
        sp = self.speed_ramp.value if self.speed_ramp is not None else None
        inc = self.incline_ramp.value if self.incline_ramp is not None else None
        return sp, inc

    # ------------------------------------------------------------------ stop obligation

    def stopped(self) -> bool:
        """Telemetry after the last stop command confirms speed 0."""
        if self.actual_speed is None or self.actual_speed > STOPPED_KMH:
            return False
        since = self.await_zero_since
        return since is None or self.last_telemetry_t >= since

    def moving(self) -> bool:
        return self.actual_speed is not None and self.actual_speed > MOVING_KMH

    @property
    def stop_owed(self) -> bool:
        """The belt is owed a stop that telemetry has not confirmed yet."""
        return self.await_zero_since is not None

    def await_zero(self, owed: StopCommand | None = None, *, sent: bool = True) -> None:
        """Owe the belt a stop until telemetry confirms speed 0: within ``stop_confirm_s``
        beyond the time a controlled ramp-down from the current speed takes, else tell the
        walker. ``owed`` is the command to (re)send whenever the engine has link and control
        and it has not gone out on them yet (``sent``)."""
        if owed is not None:
            self.owed = owed
        self.owed_sent = sent
        self.await_zero_since = self._w._now
        self.zero_warned = False
        self.arm_zero_deadline()

    def arm_zero_deadline(self) -> None:
        speed = self.actual_speed or 0.0
        ramp_s = speed / self._cfg.expected_decel_kmh_per_s
        self.zero_deadline = self._w._now + ramp_s + self._cfg.stop_confirm_s

    def demand_stop(self, cmd: StopCommand) -> None:
        """Send ``cmd`` now if the link allows, else owe it until the link and control return."""
        if self.connected:
            self._w._send(cmd)
            if isinstance(cmd, Pause):
                self.paused_with_pause = True
        self.after_stop_sent(cmd, sent=self.connected)

    def after_stop_sent(self, owed: StopCommand | None = None, *, sent: bool = True) -> None:
        self.await_zero(owed, sent=sent)
        self.follow.clear()
        self.start_sent_at = None
        if self.speed_ramp is not None:
            self.speed_ramp.value = None

    # ------------------------------------------------------------------ follow checks

    def mark_unavailable(self, kind: str, why: str) -> None:
        self.follow.pop(kind, None)
        if kind == "speed":
            if not self.speed_ok:
                return
            self.speed_ok = False
        else:
            if not self.incline_ok:
                return
            self.incline_ok = False
        self._w._emit(CapabilityLost(name=kind, available=False, reason=why))
        self._w._say(UNAVAILABLE_TEXT[kind], "warning")

    def follow_timeout(self, kind: str) -> None:
        now = self._w._now
        f = self.follow.get(kind)
        ramp = self.speed_ramp if kind == "speed" else self.incline_ramp
        if f is None:
            if ramp is None or ramp.value is None:
                return
            f = Follow(ramp.value, now, None, resent=False)
            self.follow[kind] = f
        if f.resent:
            self.mark_unavailable(kind, "the treadmill did not follow the target")
            return
        f.resent = True
        f.since = now
        f.start = self.actual_speed if kind == "speed" else self.actual_incline
        self._w._send(
            SetSpeed(f.value, resend=True) if kind == "speed" else SetIncline(f.value, True)
        )

    def follow_timers(self) -> None:
        now = self._w._now
        for kind in list(self.follow):
            f = self.follow[kind]
            if not (self.actual_speed is not None and self.actual_speed > STOPPED_KMH):
                f.since = now  # the belt is not moving (yet): nothing can follow
                continue
            if now - f.since >= follow_timeout_s(kind, self._cfg):
                self.follow_timeout(kind)

    def track_follow(self, kind: str, value: float, actual: float | None) -> None:
        f = self.follow.get(kind)
        if f is None:
            self.follow[kind] = Follow(value, self._w._now, actual)
        else:
            f.value = value
