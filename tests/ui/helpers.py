"""Shared pieces for the dashboard tests: a fast simulator, short profiles, waiting on state."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from treadmill_tui.devices.simulator import SimulatorConfig
from treadmill_tui.session.runner import RunnerSettings
from treadmill_tui.session.snapshot import PromptView, SessionSnapshot
from treadmill_tui.session.states import Outcome, State
from treadmill_tui.ui.app import TreadmillApp, load_timeline

FAST = SimulatorConfig(accel_kmh_per_s=20.0, incline_rate_pct_per_s=20.0, telemetry_interval_s=0.1)
# Slow enough to see the belt run down when a break begins.
GENTLE = SimulatorConfig(accel_kmh_per_s=1.5, telemetry_interval_s=0.1)
RUNNER = RunnerSettings(tick_s=0.1)
SIZE = (120, 36)

SEGMENT = """
[[segments]]
kind = "{kind}"
name = "{name}"
duration = "{duration}"
speed = "1.0 km/h"
"""

BREAK_PROFILE = (
    'name = "UI test walk"\n'
    + SEGMENT.format(kind="warmup", name="Warm-up", duration="2 s")
    + SEGMENT.format(kind="walk", name="Short walk", duration="2 s")
    + """
[[segments]]
kind = "break"
name = "Quick break"
exercises = [{ name = "Standing abdominal", hold = "2 s", reps = 1 }]
"""
    + SEGMENT.format(kind="walk", name="Second walk", duration="60 s")
    + SEGMENT.format(kind="cooldown", name="Cool-down", duration="5 s")
)

WALK_PROFILE = (
    'name = "UI test: long walk"\n'
    + SEGMENT.format(kind="warmup", name="Warm-up", duration="1 min")
    + SEGMENT.format(kind="walk", name="Walk", duration="5 min")
    + SEGMENT.format(kind="cooldown", name="Cool-down", duration="1 min")
)


def make_app(tmp_path: Path, text: str = WALK_PROFILE, sim: SimulatorConfig = FAST) -> TreadmillApp:
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return TreadmillApp(
        load_timeline(str(path)), sim_config=sim, sound=False, runner_settings=RUNNER
    )


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], within_s: float = 6.0
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while loop.time() < deadline:
        if condition():
            return
        await asyncio.sleep(0.02)
        await pilot.pause()
    raise AssertionError("condition not reached in time")


def state(app: TreadmillApp) -> State | None:
    return app.snap.state if app.snap is not None else None


def belt(app: TreadmillApp) -> float:
    assert app.machine is not None
    return app.machine.speed_kmh


async def answer_baseline(pilot: Pilot[Any], app: TreadmillApp) -> None:
    """The pre-walk check: a green answer in two keys."""
    await wait_until(pilot, lambda: state(app) is State.READY and app.screen.id == "pain-check")
    await pilot.press("2", "n")
    await wait_until(pilot, lambda: state(app) is State.WAITING_START)


async def start_walking(pilot: Pilot[Any], app: TreadmillApp) -> None:
    await answer_baseline(pilot, app)
    await pilot.press("s")
    await wait_until(pilot, lambda: belt(app) > 0.5)


BASE = SessionSnapshot(
    t=75.0,
    state=State.MAIN,
    phase="main",
    pause_reason=None,
    break_stage=None,
    segment_index=1,
    segment_name="Easy walk",
    prog_t=245.0,
    duration_s=600.0,
    remaining_s=355.0,
    active_s=243.0,
    target_speed_kmh=2.5,
    actual_speed_kmh=2.4,
    target_incline_pct=0.0,
    actual_incline_pct=0.0,
    cadence_spm=96.0,
    metronome_spm=96.0,
    distance_m=152.0,
    elevation_gain_m=0.0,
    est_steps=390,
    baseline=2,
    prompt=None,
    exercise=None,
    messages=(),
    options=("stop_now", "pain", "end"),
    locked=False,
    red_flag_text=None,
    speed_control=True,
    incline_control=True,
    connected=True,
    outcome=Outcome.IN_PROGRESS,
)

IDLE = dataclasses.replace(
    BASE,
    t=3.0,
    state=State.WAITING_START,
    phase="warmup",
    segment_index=0,
    segment_name="Warm-up",
    prog_t=0.0,
    remaining_s=600.0,
    active_s=0.0,
    target_speed_kmh=None,  # nothing commanded before the first start
    actual_speed_kmh=0.0,
    belt_stopped=True,
    target_incline_pct=None,
    cadence_spm=None,
    metronome_spm=None,
    distance_m=0.0,
    est_steps=0,
    options=("start", "end"),
)

CHECK = dataclasses.replace(BASE, prompt=PromptView("check", "scheduled", 70.0, 0))
PAIN_KEY_CHECK = dataclasses.replace(BASE, prompt=PromptView("check", "pain_key", 70.0, 0, True))
POST_WALK = dataclasses.replace(
    BASE,
    state=State.POST_WALK,
    phase="cooldown",
    actual_speed_kmh=0.0,
    belt_stopped=True,
    target_speed_kmh=0.0,
    metronome_spm=None,
    options=(),
    prompt=PromptView("post_walk", "post_walk", 600.0, 0),
)
