"""The load the engine asks for: the timeline target with the walker's overrides and the caps
that pain answers set, the metronome cadence, and the rate-limited ramps that carry them out.

Everything here is arithmetic on plain values; the engine decides when to ask and sends the
commands. Increases and decreases are paced by :class:`~treadmill_tui.session.ramp.Ramp`.
"""

from __future__ import annotations

from dataclasses import dataclass

from treadmill_tui.session.engine_settings import EngineSettings
from treadmill_tui.session.inputs import MachineInfo, Override
from treadmill_tui.session.ramp import Ramp
from treadmill_tui.session.timeline import LimitsLike, TimelineLike


def min_opt(a: float | None, b: float) -> float:
    return b if a is None else min(a, b)


@dataclass
class LoadAdjustments:
    """What changes the plan's load: walker offsets, amber caps (for the rest of the walk),
    a green-hold cap (until the next green) and the amber metronome slow-down."""

    amber_speed_cap: float | None = None
    amber_incline_cap: float | None = None
    hold_speed_cap: float | None = None
    hold_incline_cap: float | None = None
    cadence_factor: float = 1.0
    speed_offset: float = 0.0
    incline_offset: float = 0.0

    def cap_at(self, speed: float | None, incline: float | None) -> None:
        """Cancel increases: cap at the current commanded values for the rest of the walk."""
        if speed is not None:
            self.amber_speed_cap = min_opt(self.amber_speed_cap, speed)
        if incline is not None:
            self.amber_incline_cap = min_opt(self.amber_incline_cap, incline)

    def hold(self, speed: float | None, incline: float | None) -> None:
        """Green-hold: no increases until the next plain green answer."""
        if speed is not None:
            self.hold_speed_cap = speed
        if incline is not None:
            self.hold_incline_cap = incline

    def release_hold(self) -> None:
        self.hold_speed_cap = None
        self.hold_incline_cap = None

    def reduce(
        self,
        speed_ramp: Ramp | None,
        incline_ramp: Ramp | None,
        *,
        incline_ok: bool,
        cfg: EngineSettings,
    ) -> str:
        """Amber: incline down a step if there is incline to give, else speed and cadence.

        Returns what was reduced ("incline" or "speed"); the caller then cancels increases.
        """
        inc = incline_ramp
        if incline_ok and inc is not None and inc.value is not None and inc.value > inc.lo:
            cap = max(inc.lo, inc.value - cfg.amber_incline_drop_pct)
            self.amber_incline_cap = min_opt(self.amber_incline_cap, cap)
            return "incline"
        sp = speed_ramp
        if sp is not None and sp.value is not None:
            floor = max(sp.lo, 1.0)
            cap = max(floor, sp.value - cfg.amber_speed_drop_kmh)
            self.amber_speed_cap = min_opt(self.amber_speed_cap, cap)
        self.cadence_factor *= cfg.amber_cadence_factor
        return "speed"

    def nudge(
        self,
        kind: Override,
        speed_step: float | None,
        incline_step: float | None,
        cfg: EngineSettings,
    ) -> bool | None:
        """Apply a speed/incline override one step within the allowed offset.

        None if ``kind`` is not such an override (or that control has no ramp); else whether
        it was an increase (which calls for a check after it).
        """
        if kind is Override.SPEED_UP and speed_step is not None:
            self.speed_offset = min(self.speed_offset + speed_step, cfg.max_speed_offset_kmh)
            return True
        if kind is Override.SPEED_DOWN and speed_step is not None:
            self.speed_offset = max(self.speed_offset - speed_step, -cfg.max_speed_offset_kmh)
            return False
        if kind is Override.INCLINE_UP and incline_step is not None:
            self.incline_offset = min(
                self.incline_offset + incline_step, cfg.max_incline_offset_pct
            )
            return True
        if kind is Override.INCLINE_DOWN and incline_step is not None:
            self.incline_offset = max(
                self.incline_offset - incline_step, -cfg.max_incline_offset_pct
            )
            return False
        return None


def wanted_speed(plan_kmh: float, adj: LoadAdjustments, *, slow: bool, warmup_kmh: float) -> float:
    """Plan + offset, under the caps; no faster than warm-up speed while walking slow."""
    want = plan_kmh + adj.speed_offset
    for cap in (adj.amber_speed_cap, adj.hold_speed_cap):
        if cap is not None:
            want = min(want, cap)
    if slow:
        want = min(want, warmup_kmh)
    return want


def wanted_incline(plan_pct: float, adj: LoadAdjustments, *, slow: bool) -> float:
    """Plan + offset, under the caps; flat while walking slow."""
    want = plan_pct + adj.incline_offset
    for cap in (adj.amber_incline_cap, adj.hold_incline_cap):
        if cap is not None:
            want = min(want, cap)
    if slow:
        want = min(want, 0.0)
    return want


def metronome_spm(
    plan_spm: float | None, factor: float, limits: LimitsLike, speed_kmh: float | None
) -> float | None:
    """The metronome rate for the plan's cadence, or None (silent) when it would be below
    the profile's minimum or ask for a step length outside its limits."""
    if plan_spm is None:
        return None
    spm = plan_spm * factor
    if spm < limits.cadence_min_spm:
        return None
    spm = min(spm, limits.cadence_max_spm)
    if speed_kmh is not None and spm > 0:
        step_len = speed_kmh / (spm * 0.06)
        if not limits.step_length_min_m <= step_len <= limits.step_length_max_m:
            return None
    return float(round(spm))


def step_length(speed_kmh: float, limits: LimitsLike, calibrated_m: float | None) -> float:
    """Calibrated, else an Eng estimate: steps lengthen with speed (0.46 m at 2 km/h,
    0.56 m at 3, 0.66 m at 4), clamped to the profile's step-length limits."""
    if calibrated_m is not None:
        return calibrated_m
    lim = limits
    return min(max(0.26 + 0.1 * speed_kmh, lim.step_length_min_m), lim.step_length_max_m)


def warmup_speed(timeline: TimelineLike) -> float:
    """The speed at the end of the warm-up: the "slow" speed (no answer, resume easy)."""
    warm = [s for s in timeline.segments if str(s.phase) == "warmup" and s.end_s > s.start_s]
    if warm:
        seg = warm[-1]
        return timeline.at(max(seg.start_s, seg.end_s - 1e-3)).speed_kmh
    return timeline.limits.speed_min_kmh


def cooldown_start(timeline: TimelineLike) -> float | None:
    cool = [s for s in timeline.segments if str(s.phase) == "cooldown"]
    return cool[0].start_s if cool else None


@dataclass(frozen=True, slots=True)
class Ramps:
    speed: Ramp
    incline: Ramp | None
    incline_ok: bool  # False: the machine or profile leaves no incline to command


def build_ramps(
    m: MachineInfo,
    limits: LimitsLike,
    cfg: EngineSettings,
    *,
    actual_incline: float | None,
    now: float,
) -> Ramps:
    """Ramps inside both the profile's and the machine's ranges, at the profile's rates up
    and at least the Eng rates down (easing off may be quicker)."""
    lim = limits
    step = max(m.speed_increment_kmh, cfg.min_speed_step_kmh)
    lo = max(lim.speed_min_kmh, m.speed_min_kmh)
    hi = min(lim.speed_max_kmh, m.speed_max_kmh)
    up = lim.speed_rate_kmh_per_s
    down = max(up, lim.speed_down_rate_kmh_per_s, cfg.speed_down_rate_kmh_per_s)
    speed = Ramp(step, up, down, lo, hi)
    if (
        m.incline_min_pct is None
        or m.incline_max_pct is None
        or m.incline_increment_pct is None
        or not m.can_set_incline
    ):
        return Ramps(speed, None, incline_ok=False)
    istep = max(m.incline_increment_pct, cfg.min_incline_step_pct)
    ilo = max(lim.incline_min_pct, m.incline_min_pct)
    ihi = min(lim.incline_max_pct, m.incline_max_pct)
    if ihi < ilo:
        return Ramps(speed, None, incline_ok=False)
    iup = lim.incline_rate_pct_per_s
    idown = max(iup, lim.incline_down_rate_pct_per_s, cfg.incline_down_rate_pct_per_s)
    incline = Ramp(istep, iup, idown, ilo, ihi)
    if actual_incline is not None:
        incline.reset(actual_incline, now)
    return Ramps(speed, incline, incline_ok=True)
