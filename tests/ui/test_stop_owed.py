"""What the walker sees when the app owes the belt a stop it cannot send (issue #13): a
persistent line to use the console STOP or the safety key, until the link returns, the owed
stop goes out first and telemetry shows the belt at 0."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import (
    FAST,
    RUNNER,
    SIZE,
    WALK_PROFILE,
    belt,
    start_walking,
    state,
    wait_until,
)
from treadmill_tui.session.engine_settings import EngineSettings
from treadmill_tui.session.states import State
from treadmill_tui.ui.app import TreadmillApp, load_timeline


def status(app: TreadmillApp) -> str:
    return str(app.walk.status.render())


async def test_end_with_the_link_down_keeps_telling_the_walker_until_the_belt_stops(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(WALK_PROFILE, encoding="utf-8")
    app = TreadmillApp(
        load_timeline(str(path)),
        sim_config=FAST,
        sound=False,
        runner_settings=RUNNER,
        engine_settings=EngineSettings(stop_confirm_s=0.3),
    )
    async with app.run_test(size=SIZE) as pilot:
        await start_walking(pilot, app)
        assert app.machine is not None
        app.machine.drop_link(restore_after_s=None)
        await wait_until(pilot, lambda: state(app) is State.PAUSED)
        await pilot.press("e")
        await wait_until(pilot, lambda: "press STOP on the treadmill" in status(app))
        assert belt(app) > 0.5, "without a link the simulated belt keeps running"
        await pilot.pause(0.5)
        assert "press STOP on the treadmill" in status(app), "the line stays"
        app.machine.restore_link()
        await wait_until(pilot, lambda: belt(app) == 0.0, within_s=20.0)
        await wait_until(pilot, lambda: state(app) in (State.POST_WALK, State.FINISHED))
        assert "press STOP on the treadmill" not in status(app)
