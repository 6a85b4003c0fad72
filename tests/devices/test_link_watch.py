"""The link state in words, the bounded reconnect and the walker's cancel (simulator link)."""

from __future__ import annotations

import asyncio

import pytest

from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.errors import LinkLost
from treadmill_tui.devices.link_watch import LinkPhase, LinkState, LinkWatch
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill
from treadmill_tui.devices.treadmill import Treadmill


def test_words() -> None:
    assert LinkState(LinkPhase.CONNECTING).words() == "connecting"
    assert LinkState(LinkPhase.CONNECTING, 2, 10).words() == "connecting 2/10"
    assert LinkState(LinkPhase.IN_CONTROL).words() == "in control"
    assert LinkState(LinkPhase.RECONNECTING, 3, 10).words() == "reconnecting 3/10"
    assert LinkState(LinkPhase.LOST).words() == "lost"
    assert LinkState(LinkPhase.LOST, cancelled=True).words() == "lost (reconnect cancelled)"


def test_connected_in_control_drop_reconnect_give_up_retry() -> None:
    async def main() -> None:
        machine = SimulatedTreadmill()
        watch = LinkWatch(SimulatedTransport(machine), max_attempts=3)
        seen: list[str] = []
        watch.on_change(lambda s: seen.append(s.words()))
        client = Treadmill(watch)
        await client.connect()
        assert watch.state.words() == "connected"
        await client.request_control()
        assert watch.state.words() == "in control"
        machine.revoke_control()
        assert watch.state.words() == "connected"
        await client.request_control()
        machine.drop_link(restore_after_s=None)
        assert watch.state.words() == "reconnecting 0/3"
        for n in (1, 2):
            with pytest.raises(LinkLost):
                await client.reconnect()
            assert watch.state.words() == f"reconnecting {n}/3"
        with pytest.raises(LinkLost):
            await client.reconnect()
        assert watch.state.phase is LinkPhase.LOST
        machine.restore_link()
        with pytest.raises(LinkLost, match="gave up after 3 tries"):
            await client.reconnect()  # bounded: no more tries until the walker asks
        watch.retry()
        await client.reconnect()
        assert watch.state.words() == "connected"
        assert seen[:2] == ["in control", "connected"]
        await client.close()

    run_virtual(main())


def test_walker_cancels_a_reconnect_in_flight() -> None:
    class SlowTransport(SimulatedTransport):
        async def reconnect(self) -> None:
            await asyncio.sleep(30.0)  # a connect that hangs until its time-out
            await super().reconnect()

    async def main() -> None:
        machine = SimulatedTreadmill()
        watch = LinkWatch(SlowTransport(machine))
        client = Treadmill(watch)
        await client.connect()
        machine.drop_link(restore_after_s=1.0)
        attempt = asyncio.create_task(client.reconnect())
        await asyncio.sleep(2.0)
        assert watch.state.words() == "reconnecting 1/10"
        watch.cancel()
        with pytest.raises(LinkLost, match="cancelled"):
            await attempt
        assert watch.state.words() == "lost (reconnect cancelled)"
        with pytest.raises(LinkLost, match="cancelled"):
            await client.reconnect()
        assert machine.log == []  # the watch never writes anything itself

    run_virtual(main())
