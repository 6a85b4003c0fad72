"""Random command sequences: the belt stays inside its limits and never moves without a Start,
and the client never provokes a protocol error."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.devices.rig import Rig, make_rig
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.errors import DeviceError


@dataclass(frozen=True)
class Step:
    kind: str
    value: float = 0.0


client_steps = st.one_of(
    st.sampled_from(
        ["request_control", "stop", "pause", "reset", "console_stop", "console_pause"]
    ).map(Step),
    st.sampled_from(["safety_key", "insert_key", "revoke_control", "drop_link"]).map(Step),
    st.floats(-5.0, 30.0).map(lambda v: Step("speed", v)),
    st.floats(-10.0, 30.0).map(lambda v: Step("incline", v)),
    st.floats(0.0, 120.0).map(lambda v: Step("wait", v)),
    st.floats(0.0, 5.0).map(lambda v: Step("delay", v)),
)
start_steps = st.sampled_from(["start", "console_start"]).map(Step)


async def apply(rig: Rig, step: Step) -> None:
    c, m = rig.client, rig.machine
    try:
        match step.kind:
            case "request_control":
                await c.request_control()
            case "start":
                await c.start()
            case "stop":
                await c.stop()
            case "pause":
                await c.pause()
            case "reset":
                await c.reset()
            case "speed":
                await c.set_target_speed(step.value)
            case "incline":
                await c.set_target_inclination(step.value)
            case "wait":
                await asyncio.sleep(step.value)
            case "delay":
                m.response_delay_s = step.value
            case "console_stop":
                m.console_stop()
            case "console_pause":
                m.console_pause()
            case "console_start":
                m.console_start()
            case "safety_key":
                m.safety_key()
            case "insert_key":
                m.insert_safety_key()
            case "revoke_control":
                m.revoke_control()
            case "drop_link":
                m.drop_link(restore_after_s=1.0)
                await asyncio.sleep(1.0)
                await c.reconnect()
    except DeviceError:
        pass  # refusals are fine; what matters is what the belt does


def check_limits(rig: Rig) -> None:
    s = rig.machine.state
    assert 0.0 <= s.speed_kmh <= 12.0 + 1e-9
    assert 0.0 - 1e-9 <= s.incline_pct <= 12.0 + 1e-9
    assert all(entry.att_error is None for entry in rig.machine.log)  # no 0xFD / 0xFE


@settings(max_examples=60, deadline=None)
@given(st.lists(client_steps, max_size=25))
def test_without_start_the_belt_never_moves(steps: list[Step]) -> None:
    async def main() -> None:
        rig = await make_rig()
        for step in steps:
            await apply(rig, step)
            check_limits(rig)
            assert rig.machine.speed_kmh == 0.0
            assert rig.machine.distance_m == 0.0
            assert not rig.machine.running

    run_virtual(main())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(client_steps, start_steps), max_size=30))
def test_any_sequence_keeps_the_belt_within_limits(steps: list[Step]) -> None:
    async def main() -> None:
        rig = await make_rig()
        for step in steps:
            await apply(rig, step)
            check_limits(rig)
        await asyncio.sleep(60)
        check_limits(rig)
        if not rig.machine.running:
            assert rig.machine.speed_kmh == 0.0  # stopped means stopped, eventually

    run_virtual(main())
