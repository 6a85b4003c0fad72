"""Walk statistics: active time, distance, elevation and estimated steps."""

from __future__ import annotations

from dataclasses import dataclass

_MAX_JUMP_M = 100.0  # a larger jump in a machine counter is a reset or glitch, not walking


@dataclass
class Stats:
    """Accumulates from telemetry deltas, so counter resets on reconnect do not double count."""

    active_s: float = 0.0
    distance_m: float = 0.0
    elevation_gain_m: float = 0.0
    est_steps: float = 0.0
    max_speed_kmh: float = 0.0
    max_incline_pct: float = 0.0
    _last_distance: float | None = None
    _last_elevation: float | None = None
    _last_step_count: int | None = None
    _has_step_count: bool = False

    def feed(
        self,
        speed_kmh: float | None,
        incline_pct: float | None,
        distance_m: float | None,
        elevation_gain_m: float | None,
        step_count: int | None,
    ) -> None:
        if speed_kmh is not None:
            self.max_speed_kmh = max(self.max_speed_kmh, speed_kmh)
        if incline_pct is not None:
            self.max_incline_pct = max(self.max_incline_pct, incline_pct)
        if distance_m is not None:
            if self._last_distance is not None:
                delta = distance_m - self._last_distance
                if 0 < delta < _MAX_JUMP_M:
                    self.distance_m += delta
            self._last_distance = distance_m
        if elevation_gain_m is not None:
            if self._last_elevation is not None:
                delta = elevation_gain_m - self._last_elevation
                if 0 < delta < _MAX_JUMP_M:
                    self.elevation_gain_m += delta
            self._last_elevation = elevation_gain_m
        if step_count is not None:
            self._has_step_count = True
            if self._last_step_count is not None:
                delta_steps = step_count - self._last_step_count
                if 0 < delta_steps < 1000:
                    self.est_steps += delta_steps
            self._last_step_count = step_count

    def link_reset(self) -> None:
        """Forget counter baselines: the machine may restart its counters after a reconnect."""
        self._last_distance = None
        self._last_elevation = None
        self._last_step_count = None

    def walk(self, dt: float, cadence_spm: float | None) -> None:
        """Count ``dt`` seconds of walking; steps from cadence x time unless the machine counts."""
        self.active_s += dt
        if cadence_spm is not None and not self._has_step_count:
            self.est_steps += cadence_spm * dt / 60.0
