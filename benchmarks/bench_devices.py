"""How cheap the simulated treadmill is: a 60-minute walk through the real client."""

from __future__ import annotations

import asyncio
import time

from benchmarks.figure import Figure
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.events import DeviceEvent
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill
from treadmill_tui.devices.treadmill import Treadmill


async def _walk(minutes: int) -> int:
    machine = SimulatedTreadmill()
    client = Treadmill(SimulatedTransport(machine))
    events: list[DeviceEvent] = []
    client.add_listener(events.append)
    await client.connect()
    await client.request_control()
    await client.start()
    for minute in range(minutes):  # a target change every minute, like a guided walk
        await client.set_target_speed(3.0 + (minute % 10) * 0.2)
        await client.set_target_inclination((minute % 5) * 0.5)
        await asyncio.sleep(60)
    await client.stop()
    return len(events)


def run() -> list[Figure]:
    t0 = time.perf_counter()
    n_events = run_virtual(_walk(60))
    wall = time.perf_counter() - t0
    return [
        Figure("devices: 60-min simulated walk (wall)", wall, "s", "< 1 s", wall < 1.0),
        Figure(
            "devices: events in that walk", float(n_events), "events", "> 3600", n_events > 3600
        ),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
