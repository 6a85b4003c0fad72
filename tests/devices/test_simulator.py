"""The simulated treadmill behaves like a real FTMS machine, byte for byte."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.errors import AttError, CharacteristicNotFound, LinkLost
from treadmill_tui.devices.simulator import SimulatedTransport, SimulatedTreadmill, SimulatorConfig
from treadmill_tui.ftms import (
    FITNESS_MACHINE_CONTROL_POINT,
    FITNESS_MACHINE_FEATURE,
    FITNESS_MACHINE_STATUS,
    SUPPORTED_SPEED_RANGE,
    TRAINING_STATUS,
    TREADMILL_DATA,
    TreadmillDataAssembler,
    decode_features,
    decode_speed_range,
    decode_status,
    decode_treadmill_data,
)


class Wire:
    """A raw-bytes client: records every notification/indication per characteristic."""

    def __init__(self, config: SimulatorConfig | None = None) -> None:
        self.machine = SimulatedTreadmill(config or SimulatorConfig())
        self.transport = SimulatedTransport(self.machine)
        self.got: dict[str, list[bytes]] = {}
        self.dropped = 0
        self.transport.set_disconnect_callback(self._on_drop)

    def _on_drop(self) -> None:
        self.dropped += 1

    def _sink(self, uuid: str) -> Callable[[bytes], None]:
        self.got.setdefault(uuid, [])

        def receive(data: bytes) -> None:
            self.got[uuid].append(bytes(data))

        return receive

    async def subscribe_all(self) -> None:
        for uuid in (FITNESS_MACHINE_STATUS, TREADMILL_DATA, FITNESS_MACHINE_CONTROL_POINT):
            await self.transport.subscribe(uuid, self._sink(uuid))

    async def cp(self, hex_request: str, wait: float = 0.05) -> str:
        """Write a CP request and return the indication it got, as hex."""
        before = len(self.got.get(FITNESS_MACHINE_CONTROL_POINT, []))
        await self.transport.write_control_point(bytes.fromhex(hex_request))
        await asyncio.sleep(wait)
        answers = self.got[FITNESS_MACHINE_CONTROL_POINT][before:]
        assert len(answers) == 1, answers
        return answers[0].hex(" ")

    def statuses(self) -> list[str]:
        return [b.hex(" ") for b in self.got.get(FITNESS_MACHINE_STATUS, [])]


def test_reads_feature_and_ranges() -> None:
    async def main() -> None:
        w = Wire()
        features = decode_features(await w.transport.read(FITNESS_MACHINE_FEATURE))
        assert features.supports_speed_target and features.supports_inclination_target
        assert {"total_distance", "inclination", "elevation_gain", "elapsed_time"} <= set(
            features.features
        )
        rng = decode_speed_range(await w.transport.read(SUPPORTED_SPEED_RANGE))
        assert (rng.min_kmh, rng.max_kmh, rng.increment_kmh) == (1.0, 12.0, 0.1)
        with pytest.raises(AttError):
            await w.transport.read(TREADMILL_DATA)  # notify only

    run_virtual(main())


def test_missing_training_status_is_not_found() -> None:
    async def main() -> None:
        w = Wire(SimulatorConfig(has_training_status=False))
        with pytest.raises(CharacteristicNotFound, match="0x2AD3"):
            await w.transport.subscribe(TRAINING_STATUS, lambda _: None)

    run_virtual(main())


def test_cp_write_before_indications_are_enabled_gets_att_fd() -> None:
    async def main() -> None:
        w = Wire()
        with pytest.raises(AttError) as caught:
            await w.transport.write_control_point(bytes.fromhex("00"))
        assert caught.value.code == 0xFD
        assert w.machine.log[0].att_error == 0xFD
        assert not w.machine.has_control

    run_virtual(main())


def test_commands_before_request_control_get_05() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        assert await w.cp("07") == "80 07 05"
        assert await w.cp("02 26 02") == "80 02 05"
        assert await w.cp("00") == "80 00 01"
        assert await w.cp("07") == "80 07 01"

    run_virtual(main())


def test_overlapping_procedure_gets_att_fe() -> None:
    async def main() -> None:
        w = Wire(SimulatorConfig(response_delay_s=1.0))
        await w.subscribe_all()
        await w.transport.write_control_point(bytes.fromhex("00"))
        with pytest.raises(AttError) as caught:
            await w.transport.write_control_point(bytes.fromhex("07"))
        assert caught.value.code == 0xFE
        await asyncio.sleep(1.5)
        assert [b.hex(" ") for b in w.got[FITNESS_MACHINE_CONTROL_POINT]] == ["80 00 01"]
        assert not w.machine.running  # the discarded Start did nothing

    run_virtual(main())


def test_off_range_and_off_grid_targets_get_03() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        assert await w.cp("02 2b 02") == "80 02 03"  # 5.55 km/h: off the 0.1 grid
        assert await w.cp("02 d0 07") == "80 02 03"  # 20 km/h: above 12
        assert await w.cp("02 32 00") == "80 02 03"  # 0.5 km/h: below 1
        assert await w.cp("03 03 00") == "80 03 03"  # 0.3 %: off the 0.5 grid
        assert await w.cp("03 f6 ff") == "80 03 03"  # -1 %: below 0
        assert await w.cp("02 26 02") == "80 02 01"  # 5.5 km/h
        assert await w.cp("03 19 00") == "80 03 01"  # 2.5 %
        assert await w.cp("02") == "80 02 03"  # truncated parameter
        assert await w.cp("08 07") == "80 08 03"  # unknown stop/pause code
        assert await w.cp("05 64 00") == "80 05 02"  # target power: not a treadmill thing
        assert w.machine.target_speed_kmh == 5.5 and w.machine.target_incline_pct == 2.5

    run_virtual(main())


def test_start_while_running_gets_04() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        assert await w.cp("07") == "80 07 01"
        assert await w.cp("07") == "80 07 04"

    run_virtual(main())


def test_speed_target_is_stored_while_stopped_and_applied_by_start() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        assert await w.cp("02 90 01") == "80 02 01"  # 4.0 km/h, answered success
        await asyncio.sleep(30)
        assert w.machine.speed_kmh == 0.0 and w.machine.distance_m == 0.0
        await w.cp("07")
        await asyncio.sleep(4.0)
        assert w.machine.speed_kmh == pytest.approx(2.0, abs=0.05)  # ramping at 0.5 km/h/s
        await asyncio.sleep(10.0)
        assert w.machine.speed_kmh == pytest.approx(4.0)

    run_virtual(main())


def test_start_without_target_goes_to_start_speed() -> None:
    async def main() -> None:
        w = Wire(SimulatorConfig(start_speed_kmh=1.5))
        await w.subscribe_all()
        await w.cp("00")
        await w.cp("07")
        await asyncio.sleep(20)
        assert w.machine.speed_kmh == pytest.approx(1.5)

    run_virtual(main())


def test_stop_and_pause_decelerate_and_resume_returns_to_the_target() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        await w.cp("02 f4 01")  # 5.0
        await w.cp("07")
        await asyncio.sleep(15)
        assert w.machine.speed_kmh == pytest.approx(5.0)
        assert await w.cp("08 02") == "80 08 01"
        await asyncio.sleep(4)
        assert w.machine.speed_kmh == pytest.approx(3.0, abs=0.05)  # gradual, not a jolt
        await asyncio.sleep(10)
        assert w.machine.speed_kmh == 0.0 and w.machine.paused and not w.machine.running
        await w.cp("07")
        await asyncio.sleep(15)
        assert w.machine.speed_kmh == pytest.approx(5.0)
        assert await w.cp("08 01") == "80 08 01"
        await asyncio.sleep(15)
        assert w.machine.speed_kmh == 0.0 and not w.machine.paused and not w.machine.running
        await w.cp("07")  # after a stop, start from the start speed again
        await asyncio.sleep(15)
        assert w.machine.speed_kmh == pytest.approx(1.0)

    run_virtual(main())


def test_incline_motor_moves_at_its_rate_only_while_running() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        await w.cp("03 3c 00")  # 6.0 %
        await asyncio.sleep(20)
        assert w.machine.incline_pct == 0.0
        await w.cp("07")
        await asyncio.sleep(4)
        assert w.machine.incline_pct == pytest.approx(2.0, abs=0.05)
        await asyncio.sleep(20)
        assert w.machine.incline_pct == pytest.approx(6.0)

    run_virtual(main())


def test_fault_switches_reject_speed_and_incline_and_delay() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        w.machine.reject_speed = True
        w.machine.reject_incline = True
        assert await w.cp("02 f4 01") == "80 02 02"
        assert await w.cp("03 0a 00") == "80 03 02"
        w.machine.response_delay_s = 3.0
        await w.transport.write_control_point(bytes.fromhex("07"))
        await asyncio.sleep(2.9)
        assert len(w.got[FITNESS_MACHINE_CONTROL_POINT]) == 3
        await asyncio.sleep(0.2)
        assert w.got[FITNESS_MACHINE_CONTROL_POINT][-1].hex(" ") == "80 07 01"

    run_virtual(main())


def test_ignore_commands_means_silence() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        w.machine.ignore_commands = True
        await w.transport.write_control_point(bytes.fromhex("00"))
        await asyncio.sleep(100)
        assert w.got[FITNESS_MACHINE_CONTROL_POINT] == []
        assert len(w.machine.log) == 1 and not w.machine.has_control

    run_virtual(main())


def test_console_stop_and_pause_and_start_statuses() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        w.machine.console_start()
        await asyncio.sleep(10)
        assert w.machine.speed_kmh == pytest.approx(1.0)
        w.machine.console_pause()
        w.machine.console_start()
        w.machine.console_stop()
        assert w.statuses() == ["04", "02 02", "04", "02 01"]
        assert decode_status(bytes.fromhex(w.statuses()[-1])).control == "stop"
        await asyncio.sleep(5)
        assert w.machine.speed_kmh == 0.0 and not w.machine.running

    run_virtual(main())


def test_safety_key_stops_the_belt_fast_and_blocks_start() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        await w.cp("02 20 03")  # 8.0
        await w.cp("07")
        await asyncio.sleep(20)
        w.machine.safety_key()
        assert w.statuses() == ["03"]
        await asyncio.sleep(1.7)
        assert w.machine.speed_kmh == 0.0  # 8 km/h at 5 km/h/s
        assert await w.cp("07") == "80 07 04"
        w.machine.insert_safety_key()
        assert await w.cp("07") == "80 07 01"

    run_virtual(main())


def test_revoke_control_sends_ff_and_later_commands_get_05() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        w.machine.revoke_control()
        assert w.statuses() == ["ff"]
        assert await w.cp("07") == "80 07 05"

    run_virtual(main())


def test_telemetry_is_split_by_max_payload_and_reassembles() -> None:
    async def main() -> None:
        w = Wire(SimulatorConfig(max_payload=8))
        await w.subscribe_all()
        w.machine.console_start()
        await asyncio.sleep(5.05)
        packets = w.got[TREADMILL_DATA]
        assert all(len(p) <= 8 for p in packets)
        assembler = TreadmillDataAssembler()
        records = [r for p in packets if (r := assembler.feed(p)) is not None]
        assert len(records) == 5
        assert len(packets) > 5
        assert decode_treadmill_data(packets[0]).more_data
        assert records[-1].elapsed_s in (4, 5) and records[-1].total_distance_m is not None

    run_virtual(main())


def test_default_telemetry_fits_one_packet() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await asyncio.sleep(3.5)
        packets = w.got[TREADMILL_DATA]
        assert len(packets) == 3
        first = decode_treadmill_data(packets[0])
        assert first.speed_kmh == 0.0 and first.ramp_angle_deg is None
        assert first.inclination_pct == 0.0 and first.elapsed_s == 0

    run_virtual(main())


def test_link_drop_and_restore() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        w.machine.drop_link(restore_after_s=10.0)
        assert w.dropped == 1 and not w.transport.is_connected
        assert not w.machine.has_control and not any(w.machine.cccd.values())
        with pytest.raises(LinkLost):
            await w.transport.write_control_point(bytes.fromhex("07"))
        with pytest.raises(LinkLost):
            await w.transport.reconnect()
        await asyncio.sleep(10.0)
        await w.transport.reconnect()
        assert w.transport.is_connected
        with pytest.raises(AttError):  # subscriptions are gone: must subscribe again
            await w.transport.write_control_point(bytes.fromhex("00"))
        await w.transport.close()
        assert w.dropped == 1  # our own close fires no callback

    run_virtual(main())


def test_answer_scheduled_before_a_drop_is_never_delivered() -> None:
    async def main() -> None:
        w = Wire(SimulatorConfig(response_delay_s=2.0))
        await w.subscribe_all()
        await w.transport.write_control_point(bytes.fromhex("00"))
        w.machine.drop_link(restore_after_s=0.5)
        await asyncio.sleep(1.0)
        await w.transport.reconnect()
        await w.subscribe_all()
        await asyncio.sleep(5.0)
        assert w.got[FITNESS_MACHINE_CONTROL_POINT] == []
        assert not w.machine.has_control

    run_virtual(main())


def test_a_sixty_minute_walk_integrates_distance_and_elevation() -> None:
    async def main() -> None:
        w = Wire()
        await w.subscribe_all()
        await w.cp("00")
        await w.cp("02 f4 01")  # 5.0 km/h
        await w.cp("03 28 00")  # 4.0 %
        await w.cp("07")
        await asyncio.sleep(3600)
        s = w.machine.state
        # 5 km/h for an hour minus the 10 s ramp's missing half (≈ 6.9 m)
        assert s.distance_m == pytest.approx(5000 - 5 / 3.6 * 10 / 2, abs=1.0)
        assert s.elevation_gain_m == pytest.approx(s.distance_m * 0.04, abs=0.5)
        assert s.elapsed_s == pytest.approx(3600, abs=0.1)
        last = decode_treadmill_data(w.got[TREADMILL_DATA][-1])
        assert last.total_distance_m == pytest.approx(s.distance_m, abs=6)

    run_virtual(main())


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="accel"):
        SimulatorConfig(accel_kmh_per_s=0.0)
    with pytest.raises(ValueError, match="start_speed"):
        SimulatorConfig(start_speed_kmh=0.1)
