"""The air: one LocalLink, bumble devices with their own emulated controllers."""

from __future__ import annotations

import asyncio

from bumble import hci
from bumble.controller import Controller
from bumble.device import Device
from bumble.host import Host
from bumble.link import LocalLink
from bumble.transport.common import AsyncPipeSink


class RigController(Controller):
    """The emulated controller, with a working LE Create Connection Cancel.

    bumble 0.0.236 acknowledges the cancel but keeps the pending connection, so a timed-out
    connect never returns and later connects fail (a zombie). A real controller ends the
    pending connection with an LE Connection Complete carrying "unknown connection id".
    """

    def on_hci_le_create_connection_cancel_command(
        self, _command: hci.HCI_LE_Create_Connection_Cancel_Command
    ) -> hci.HCI_StatusReturnParameters:
        pending = self.pending_le_connection
        self.pending_le_connection = None
        if pending is not None:
            event = hci.HCI_LE_Connection_Complete_Event(
                status=hci.HCI_ErrorCode.UNKNOWN_CONNECTION_IDENTIFIER_ERROR,
                connection_handle=0,
                role=hci.Role.CENTRAL,
                peer_address_type=pending.peer_address.address_type,
                peer_address=pending.peer_address,
                connection_interval=0,
                peripheral_latency=0,
                supervision_timeout=0,
                central_clock_accuracy=0,
            )
            # after the Command Complete this handler's return value becomes
            asyncio.get_running_loop().call_soon(self.send_hci_packet, event)
        return hci.HCI_StatusReturnParameters(hci.HCI_ErrorCode.SUCCESS)


async def make_device(link: LocalLink, name: str, address: str) -> Device:
    """A powered-on bumble device on ``link`` (call inside the running loop)."""
    controller = RigController(name, link=link, public_address=address)
    device = Device(
        name=name,
        address=hci.Address(address),
        host=Host(controller, AsyncPipeSink(controller)),
    )
    await device.power_on()
    return device
