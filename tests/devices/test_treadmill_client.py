"""The FTMS client's protocol rules, against the simulated treadmill on virtual time."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.devices.rig import make_rig
from treadmill_tui.clock import run_virtual
from treadmill_tui.devices.errors import (
    CommandRejected,
    CommandTimeout,
    ControlPointUnusable,
    LinkLost,
    NotInControl,
)
from treadmill_tui.devices.events import (
    CommandFailed,
    CommandSent,
    ControlLost,
    LinkDropped,
    StatusReceived,
    TelemetryReceived,
)
from treadmill_tui.devices.simulator import SimulatorConfig
from treadmill_tui.ftms import (
    FITNESS_MACHINE_CONTROL_POINT,
    FITNESS_MACHINE_FEATURE,
    FITNESS_MACHINE_STATUS,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    TRAINING_STATUS,
    TREADMILL_DATA,
    InclinationRange,
    OpCode,
    ResultCode,
    SpeedRange,
    StatusOpCode,
    decode_control_request,
)


def test_connect_reads_and_subscribes_everything_before_the_first_cp_write() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        await rig.client.start()
        trace = [(e.kind, e.detail) for e in rig.machine.trace]
        first_write = next(i for i, (kind, _) in enumerate(trace) if kind == "write")
        before = trace[:first_write]
        for uuid in (FITNESS_MACHINE_FEATURE, SUPPORTED_SPEED_RANGE, SUPPORTED_INCLINATION_RANGE):
            assert ("read", uuid) in before
        for uuid in (
            FITNESS_MACHINE_STATUS,
            TREADMILL_DATA,
            TRAINING_STATUS,
            FITNESS_MACHINE_CONTROL_POINT,
        ):
            assert ("subscribe", uuid) in before
        assert rig.machine.cccd_enabled(FITNESS_MACHINE_CONTROL_POINT)
        assert all(entry.att_error is None for entry in rig.machine.log)
        assert rig.cp_ops() == [OpCode.REQUEST_CONTROL, OpCode.START_OR_RESUME]
        caps = rig.client.capabilities
        assert caps is not None
        assert caps.speed_range == SpeedRange(1.0, 12.0, 0.1)
        assert caps.inclination_range == InclinationRange(0.0, 12.0, 0.5)
        assert caps.can_set_speed and caps.can_set_incline and caps.has_training_status

    run_virtual(main())


def test_connect_tolerates_missing_training_status_and_incline() -> None:
    async def main() -> None:
        config = SimulatorConfig(inclination_range=None, has_training_status=False)
        rig = await make_rig(config, control=True)
        caps = rig.client.capabilities
        assert caps is not None
        assert not caps.has_training_status
        assert caps.inclination_range is None and not caps.can_set_incline
        assert ("read", SUPPORTED_INCLINATION_RANGE) not in [
            (e.kind, e.detail) for e in rig.machine.trace
        ]
        assert await rig.client.set_target_speed(3.0) == 3.0

    run_virtual(main())


def test_commands_before_control_raise_not_in_control_and_write_nothing() -> None:
    async def main() -> None:
        rig = await make_rig()
        for command in (rig.client.start, rig.client.stop, rig.client.pause, rig.client.reset):
            with pytest.raises(NotInControl):
                await command()
        with pytest.raises(NotInControl, match="not in control"):
            await rig.client.set_target_speed(3.0)
        assert rig.machine.log == []
        assert len(rig.of(CommandFailed)) == 5
        assert rig.of(CommandSent) == []

    run_virtual(main())


def test_control_is_requested_first_then_commands_flow() -> None:
    async def main() -> None:
        rig = await make_rig()
        await rig.client.request_control()
        assert rig.client.has_control
        await rig.client.start()
        await rig.client.set_target_speed(4.0)
        assert rig.cp_ops() == [0x00, 0x07, 0x02]
        sent = [(e.name, e.value) for e in rig.of(CommandSent) if isinstance(e, CommandSent)]
        assert sent == [("request_control", None), ("start", None), ("set_target_speed", 4.0)]

    run_virtual(main())


def test_one_procedure_at_a_time_even_when_called_concurrently() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(response_delay_s=0.5), control=True)
        await rig.client.start()
        n_before = len(rig.machine.log)
        results = await asyncio.gather(
            rig.client.set_target_speed(3.0),
            rig.client.set_target_speed(4.0),
            rig.client.set_target_inclination(2.0),
        )
        assert list(results) == [3.0, 4.0, 2.0]
        writes = rig.machine.log[n_before:]
        answers = rig.machine.responses[n_before:]
        assert [w.att_error for w in writes] == [None, None, None]  # no 0xFE
        # every write happens only after the previous procedure's answer
        for answer, next_write in zip(answers, writes[1:], strict=False):
            assert next_write.t >= answer[0]
        assert rig.machine.target_speed_kmh == 4.0

    run_virtual(main())


def test_answer_that_beats_the_write_return_is_not_lost() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(response_delay_s=0.0), timeout_s=5.0)
        await rig.client.request_control()
        await rig.client.start()
        assert rig.client.has_control and rig.machine.running

    run_virtual(main())


def test_rejected_command_is_reported_and_not_retried() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        rig.machine.reject_incline = True
        with pytest.raises(CommandRejected) as caught:
            await rig.client.set_target_inclination(2.0)
        err = caught.value
        assert err.result == ResultCode.OP_CODE_NOT_SUPPORTED
        assert err.op_code == OpCode.SET_TARGET_INCLINATION
        assert (
            str(err) == "The treadmill refused 'set target inclination' (operation not supported)"
        )
        await asyncio.sleep(60)  # give a (wrong) retry every chance to happen
        assert rig.cp_ops().count(OpCode.SET_TARGET_INCLINATION) == 1
        failed = rig.of(CommandFailed)
        assert len(failed) == 1 and isinstance(failed[0], CommandFailed)
        assert failed[0].name == "set_target_inclination" and failed[0].error is err

    run_virtual(main())


def test_start_while_running_is_rejected_with_operation_failed() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        await rig.client.start()
        with pytest.raises(CommandRejected) as caught:
            await rig.client.start()
        assert caught.value.result == ResultCode.OPERATION_FAILED

    run_virtual(main())


def test_unanswered_command_times_out_and_blocks_the_control_point_until_reconnect() -> None:
    async def main() -> None:
        rig = await make_rig(timeout_s=30.0, control=True)
        rig.machine.ignore_commands = True
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        with pytest.raises(CommandTimeout) as caught:
            await rig.client.start()
        waited = loop.time() - t0
        assert 30.0 <= waited < 30.1
        assert str(caught.value) == (
            "The treadmill did not answer 'start' within 30 s; "
            "reconnect before sending more commands"
        )
        assert not rig.client.control_point_usable
        n = len(rig.machine.log)
        with pytest.raises(ControlPointUnusable):
            await rig.client.set_target_speed(3.0)
        with pytest.raises(ControlPointUnusable):
            await rig.client.request_control()
        assert len(rig.machine.log) == n  # refused without writing
        assert not rig.machine.running  # the ignored Start did nothing

        rig.machine.ignore_commands = False
        await rig.client.reconnect()
        assert rig.client.control_point_usable and not rig.client.has_control
        assert len(rig.machine.log) == n  # reconnect itself writes nothing
        await rig.client.request_control()
        assert rig.client.has_control

    run_virtual(main())


def test_configured_timeout_is_used() -> None:
    async def main() -> None:
        rig = await make_rig(timeout_s=2.5, control=True)
        rig.machine.ignore_commands = True
        t0 = asyncio.get_running_loop().time()
        with pytest.raises(CommandTimeout, match="within 2.5 s"):
            await rig.client.stop()
        assert asyncio.get_running_loop().time() - t0 == pytest.approx(2.5, abs=0.05)

    run_virtual(main())


def test_late_answer_within_timeout_is_fine() -> None:
    async def main() -> None:
        rig = await make_rig(timeout_s=30.0, control=True)
        rig.machine.response_delay_s = 20.0
        await rig.client.start()
        assert rig.machine.running

    run_virtual(main())


@pytest.mark.parametrize(
    ("asked", "sent"),
    [(5.55, 5.6), (4.1, 4.1), (20.0, 12.0), (0.2, 1.0), (-3.0, 1.0), (3.04, 3.0), (12.0, 12.0)],
)
def test_speed_targets_are_clamped_and_snapped(asked: float, sent: float) -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        assert await rig.client.set_target_speed(asked) == sent
        request = decode_control_request(rig.machine.log[-1].raw)
        assert request.target_speed_kmh == sent
        assert rig.machine.target_speed_kmh == sent  # accepted: on the machine's grid
        assert rig.machine.responses[-1][1].ok

    run_virtual(main())


@pytest.mark.parametrize(
    ("asked", "sent"), [(3.3, 3.5), (3.2, 3.0), (-5.0, 0.0), (99.0, 12.0), (0.7, 0.5)]
)
def test_incline_targets_are_clamped_and_snapped(asked: float, sent: float) -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        assert await rig.client.set_target_inclination(asked) == sent
        assert rig.machine.target_incline_pct == sent
        assert rig.machine.responses[-1][1].ok

    run_virtual(main())


def test_status_ff_means_control_lost() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        await rig.client.start()
        rig.machine.revoke_control()
        assert not rig.client.has_control
        assert len(rig.of(ControlLost)) == 1
        statuses = [
            e.status.op_code for e in rig.of(StatusReceived) if isinstance(e, StatusReceived)
        ]
        assert statuses == [StatusOpCode.CONTROL_PERMISSION_LOST]
        n = len(rig.machine.log)
        with pytest.raises(NotInControl):
            await rig.client.set_target_speed(2.0)
        assert len(rig.machine.log) == n
        await rig.client.request_control()  # the user's next command may ask again
        assert rig.client.has_control

    run_virtual(main())


def test_control_lost_mid_procedure_drops_queued_commands_but_lets_in_flight_end() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(response_delay_s=1.0), control=True)
        loop = asyncio.get_running_loop()
        loop.call_later(0.5, rig.machine.revoke_control)
        in_flight, queued = await asyncio.gather(
            rig.client.start(), rig.client.set_target_speed(3.0), return_exceptions=True
        )
        # the machine answered the in-flight Start with 0x05 (control gone before it ran)
        assert isinstance(in_flight, CommandRejected)
        assert in_flight.result == ResultCode.CONTROL_NOT_PERMITTED
        assert isinstance(queued, NotInControl)
        assert rig.cp_ops() == [0x00, 0x07]
        assert not rig.machine.running

    run_virtual(main())


def test_reset_releases_control() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        await rig.client.reset()
        assert not rig.client.has_control and not rig.machine.has_control
        with pytest.raises(NotInControl):
            await rig.client.start()

    run_virtual(main())


def test_link_drop_fails_pending_command_and_reports_it() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(response_delay_s=5.0), control=True)
        asyncio.get_running_loop().call_later(1.0, rig.machine.drop_link)
        with pytest.raises(LinkLost):
            await rig.client.start()
        assert len(rig.of(LinkDropped)) == 1
        assert not rig.client.is_connected and not rig.client.has_control
        with pytest.raises(LinkLost):
            await rig.client.stop()
        await asyncio.sleep(10)  # the machine's late answer must never surface
        assert len(rig.of(LinkDropped)) == 1
        assert not rig.machine.running

    run_virtual(main())


def test_reconnect_sends_no_command_and_the_belt_stays_stopped() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        await rig.client.set_target_speed(4.0)  # stored while stopped
        n = len(rig.machine.log)
        rig.machine.drop_link(restore_after_s=5.0)
        with pytest.raises(LinkLost):
            await rig.client.reconnect()  # machine still out of reach
        await asyncio.sleep(5.0)
        caps = await rig.client.reconnect()
        assert caps.can_set_speed and rig.client.is_connected
        await asyncio.sleep(120)
        assert len(rig.machine.log) == n  # not even Request Control
        assert not rig.client.has_control
        assert not rig.machine.running and rig.machine.speed_kmh == 0.0
        assert rig.machine.distance_m == 0.0
        for uuid in (FITNESS_MACHINE_STATUS, TREADMILL_DATA, FITNESS_MACHINE_CONTROL_POINT):
            assert rig.machine.cccd_enabled(uuid)
        assert rig.of(TelemetryReceived)  # telemetry flows again

    run_virtual(main())


def test_reconnect_while_the_belt_runs_replays_nothing() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        await rig.client.start()
        await rig.client.set_target_speed(3.0)
        await asyncio.sleep(30)
        n = len(rig.machine.log)
        rig.machine.drop_link(restore_after_s=1.0)
        await asyncio.sleep(2.0)
        await rig.client.reconnect()
        await asyncio.sleep(30)
        assert len(rig.machine.log) == n
        assert rig.machine.speed_kmh == pytest.approx(3.0)  # the machine carried on by itself

    run_virtual(main())


def test_telemetry_records_arrive_whole_even_when_split() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(max_payload=8), control=True)
        await rig.client.start()
        await rig.client.set_target_speed(5.0)
        await rig.client.set_target_inclination(2.0)
        await asyncio.sleep(60)
        records = [e.data for e in rig.of(TelemetryReceived) if isinstance(e, TelemetryReceived)]
        assert 55 <= len(records) <= 61
        notifies = [e for e in rig.machine.trace if e.kind == "notify" and "2acd" in e.detail]
        assert len(notifies) > len(records)  # really split into several packets
        last = records[-1]
        assert last.speed_kmh == 5.0 and last.inclination_pct == 2.0
        assert last.total_distance_m is not None and last.total_distance_m > 0
        assert last.elapsed_s is not None and last.elapsed_s > 0
        assert rig.client.latest == last

    run_virtual(main())


def test_malformed_bytes_are_logged_and_ignored(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        caplog.set_level(logging.WARNING, logger="treadmill_tui.devices.treadmill")
        rig.machine.inject(TREADMILL_DATA, b"\x00")
        rig.machine.inject(FITNESS_MACHINE_STATUS, b"")
        rig.machine.inject(FITNESS_MACHINE_CONTROL_POINT, b"\x42\x00")
        rig.machine.inject(FITNESS_MACHINE_CONTROL_POINT, b"\x80\x07\x01")  # nobody asked
        rig.machine.inject(TRAINING_STATUS, b"")
        await rig.client.start()  # still works
        await asyncio.sleep(3)
        assert rig.of(TelemetryReceived)
        assert len([r for r in caplog.records if r.levelno == logging.WARNING]) >= 5

    run_virtual(main())


def test_partial_record_is_dropped_on_disconnect() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(telemetry_interval_s=1000.0))
        first = bytes.fromhex("0f 04 20 03 d2 04 00 19 00 ff 7f 58 02")  # More Data = 1
        rig.machine.inject(TREADMILL_DATA, first)
        rig.machine.drop_link(restore_after_s=0.0)
        await asyncio.sleep(0.1)
        await rig.client.reconnect()
        rig.machine.inject(TREADMILL_DATA, bytes.fromhex("00 00 52 03"))
        records = [e.data for e in rig.of(TelemetryReceived) if isinstance(e, TelemetryReceived)]
        assert len(records) == 1
        assert records[0].speed_kmh == 8.5 and records[0].total_distance_m is None

    run_virtual(main())


def test_listener_errors_do_not_break_the_client() -> None:
    async def main() -> None:
        rig = await make_rig()

        def broken(_: object) -> None:
            raise RuntimeError("listener bug")

        rig.client.add_listener(broken)
        await rig.client.request_control()
        await rig.client.start()
        await asyncio.sleep(3)
        assert rig.client.has_control and rig.of(TelemetryReceived)

    run_virtual(main())


def test_event_times_are_virtual_loop_time() -> None:
    async def main() -> None:
        rig = await make_rig(control=True)
        await asyncio.sleep(100)
        await rig.client.start()
        sent = [e for e in rig.of(CommandSent) if isinstance(e, CommandSent)]
        assert sent[-1].t == pytest.approx(asyncio.get_running_loop().time(), abs=0.1)
        assert sent[-1].t >= 100

    run_virtual(main())


def test_caller_giving_up_mid_procedure_does_not_cause_an_overlap() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(response_delay_s=5.0), control=True)
        t0 = asyncio.get_running_loop().time()
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(rig.client.start(), 1.0)  # an impatient urgent-pause path
        assert asyncio.get_running_loop().time() - t0 == pytest.approx(1.0)
        await rig.client.stop()  # must wait for the Start's answer before writing
        assert [entry.att_error for entry in rig.machine.log] == [None, None, None]
        start_answer_t = rig.machine.responses[1][0]
        assert rig.machine.log[2].t >= start_answer_t

    run_virtual(main())


def test_cancelled_queued_command_is_never_sent() -> None:
    async def main() -> None:
        rig = await make_rig(SimulatorConfig(response_delay_s=2.0), control=True)
        first = asyncio.ensure_future(rig.client.start())
        queued = asyncio.ensure_future(rig.client.set_target_speed(6.0))
        await asyncio.sleep(0.5)
        queued.cancel()
        await first
        await asyncio.sleep(10)
        assert rig.cp_ops() == [0x00, 0x07]
        assert queued.cancelled()

    run_virtual(main())
