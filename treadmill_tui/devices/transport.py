"""The narrow seam between the FTMS client and a link: raw characteristic bytes only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class FtmsTransport(Protocol):
    """A GATT link to one treadmill (bleak in production, the simulator in tests).

    Contract:
    - ``read`` / ``subscribe`` raise ``CharacteristicNotFound`` for a characteristic the
      device lacks, ``LinkLost`` when not connected.
    - ``write_control_point`` writes with response; it raises ``AttError`` for an ATT error
      response (0xFD, 0xFE, ...) and ``LinkLost`` when not connected. The response
      indication may arrive before it returns.
    - ``subscribe`` enables notifications or indications (whichever the characteristic has);
      subscriptions do not survive a disconnect.
    - the disconnect callback fires on an unsolicited link loss (possibly also on ``close``;
      clients must be idempotent).
    """

    @property
    def is_connected(self) -> bool: ...

    async def read(self, uuid: str) -> bytes: ...

    async def write_control_point(self, data: bytes) -> None: ...

    async def subscribe(self, uuid: str, callback: Callable[[bytes], None]) -> None: ...

    def set_disconnect_callback(self, callback: Callable[[], None]) -> None: ...

    async def close(self) -> None: ...

    async def reconnect(self) -> None: ...
