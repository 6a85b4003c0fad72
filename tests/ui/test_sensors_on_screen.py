"""A footpod's cadence beside the beat, a strap's heart rate, and a lost sensor that only
says so once: the walk goes on."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path

from tests.ui.helpers import FAST, RUNNER, WALK_PROFILE, answer_baseline, state, wait_until
from treadmill_tui.devices.errors import CharacteristicNotFound, LinkLost
from treadmill_tui.devices.opening import SIMULATOR
from treadmill_tui.devices.remembered import Remembered
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.ftms.sensors import (
    HeartRateMeasurement,
    RscMeasurement,
    encode_heart_rate,
    encode_rsc,
)
from treadmill_tui.session.states import WALKING_STATES, State
from treadmill_tui.ui.app import TreadmillApp, load_timeline

POD, STRAP = "C0:00:00:00:00:20", "C0:00:00:00:00:30"


class FakeSensor:
    """A sensor link sending one measurement every 0.1 s once subscribed."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.up = False
        self._callback: Callable[[], None] | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def is_connected(self) -> bool:
        return self.up

    async def reconnect(self) -> None:
        self.up = True

    async def read(self, uuid: str) -> bytes:
        raise CharacteristicNotFound(uuid)

    async def write_control_point(self, data: bytes) -> None:
        raise LinkLost("a sensor has no control point")

    async def subscribe(self, uuid: str, callback: Callable[[bytes], None]) -> None:
        async def send() -> None:
            while self.up:
                callback(self.data)
                await asyncio.sleep(0.1)

        self._task = asyncio.get_running_loop().create_task(send())

    def set_disconnect_callback(self, callback: Callable[[], None]) -> None:
        self._callback = callback

    async def close(self) -> None:
        self.up = False

    def drop(self) -> None:
        self.up = False
        if self._callback is not None:
            self._callback()


async def test_footpod_and_strap_on_screen_and_a_lost_footpod_does_not_pause(
    tmp_path: Path,
) -> None:
    pod = FakeSensor(encode_rsc(RscMeasurement(False, 1.2, 108)))
    strap = FakeSensor(encode_heart_rate(HeartRateMeasurement(96, True, True)))
    machine = SimulatedTreadmill(FAST)

    def factory(spec: str) -> FtmsTransport:
        return {SIMULATOR: SimulatedTransport(machine), POD: pod, STRAP: strap}[spec]  # type: ignore[return-value]

    path = tmp_path / "profile.toml"
    path.write_text(WALK_PROFILE, encoding="utf-8")
    app = TreadmillApp(
        load_timeline(str(path)),
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
        footpod=Remembered(POD, "RIG FOOTPOD"),
        heart_rate=Remembered(STRAP),
        transport_factory=factory,
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await answer_baseline(pilot, app)
        await pilot.press("s")
        await wait_until(pilot, lambda: state(app) in WALKING_STATES)
        note = app.walk.beat_note
        await wait_until(pilot, lambda: "your steps: 108/min" in str(note.render()))
        assert "heart 96 bpm" in str(note.render())
        pod.drop()
        await wait_until(pilot, lambda: "footpod: --" in str(note.render()))
        said = str(app.walk.message.render())
        assert "footpod is not connected; the walk goes on without it" in said
        await pilot.pause(1.0)
        assert state(app) in WALKING_STATES, "a lost sensor never pauses the walk"
        assert machine.running
        # at the end of the walk the time in step goes into the walk's record, once
        assert app.runner is not None
        over = dataclasses.replace(app.runner.snapshot(), state=State.POST_WALK)
        app._keep_in_step(over)
        app._keep_in_step(over)
        kept = [e for e in app.runner.engine.events if e.type == "time_in_step"]
        assert len(kept) == 1
        assert set(kept[0].details) == {"seconds", "measured_s", "share"}
