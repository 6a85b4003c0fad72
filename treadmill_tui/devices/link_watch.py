"""The link state in words, a bound on reconnecting, and a way for the walker to stop it.

:class:`LinkWatch` wraps any ``FtmsTransport`` (simulator or Bluetooth) and sits below the
``Treadmill`` client, so neither the client nor the session runner changes: it counts the
(re)connect attempts, sees the Control Point's answers and the Status notifications go by, and
keeps a :class:`LinkState` the dashboard shows ("connecting", "connected", "in control",
"reconnecting 3/10", "lost"). After ``max_attempts`` failed reconnects in a row, or when the
walker cancels, further reconnects fail at once with ``LinkLost`` until :meth:`retry`. It never
writes anything itself.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from treadmill_tui.devices.errors import LinkLost
from treadmill_tui.devices.transport import FtmsTransport
from treadmill_tui.ftms import FITNESS_MACHINE_CONTROL_POINT, FITNESS_MACHINE_STATUS

_CONTROL_GRANTED = bytes([0x80, 0x00, 0x01])
_CONTROL_LOST = 0xFF


class LinkPhase(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    IN_CONTROL = "in control"
    RECONNECTING = "reconnecting"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class LinkState:
    phase: LinkPhase
    attempt: int = 0
    attempts: int = 0
    cancelled: bool = False

    def words(self) -> str:
        if self.phase is LinkPhase.RECONNECTING or (
            self.phase is LinkPhase.CONNECTING and self.attempt > 1
        ):
            return f"{self.phase} {self.attempt}/{self.attempts}"
        if self.phase is LinkPhase.LOST and self.cancelled:
            return "lost (reconnect cancelled)"
        return str(self.phase)


class LinkWatch:
    """An ``FtmsTransport`` that reports link state; every call goes to ``inner``."""

    def __init__(self, inner: FtmsTransport, *, max_attempts: int = 10) -> None:
        self.inner = inner
        self.max_attempts = max(1, max_attempts)
        self._state = LinkState(
            LinkPhase.CONNECTED if inner.is_connected else LinkPhase.CONNECTING,
            attempts=self.max_attempts,
        )
        self._ever_connected = inner.is_connected
        self._failures = 0
        self._given_up = False
        self._attempt: asyncio.Task[None] | None = None
        self._on_disconnect: Callable[[], None] | None = None
        self._listeners: list[Callable[[LinkState], None]] = []
        inner.set_disconnect_callback(self._dropped)

    # ---- state ---------------------------------------------------------------------------

    @property
    def state(self) -> LinkState:
        return self._state

    @property
    def reconnecting(self) -> bool:
        return self._state.phase in (LinkPhase.RECONNECTING, LinkPhase.CONNECTING)

    def on_change(self, callback: Callable[[LinkState], None]) -> None:
        self._listeners.append(callback)

    def _set(self, state: LinkState) -> None:
        if state == self._state:
            return
        self._state = state
        for callback in list(self._listeners):
            callback(state)

    def _phase(self, phase: LinkPhase, attempt: int = 0, *, cancelled: bool = False) -> None:
        self._set(LinkState(phase, attempt, self.max_attempts, cancelled))

    # ---- the walker's controls -----------------------------------------------------------

    def cancel(self) -> None:
        """Stop reconnecting now: the link is "lost" until :meth:`retry`."""
        self._given_up = True
        attempt = self._attempt
        if attempt is not None and not attempt.done():
            attempt.cancel()
        if not self.inner.is_connected:
            self._phase(LinkPhase.LOST, cancelled=True)

    def retry(self) -> None:
        """Allow reconnecting again (a fresh count of attempts)."""
        self._given_up = False
        self._failures = 0
        if not self.inner.is_connected:
            self._phase(LinkPhase.RECONNECTING, 0)

    # ---- FtmsTransport -------------------------------------------------------------------

    @property
    def is_connected(self) -> bool:
        return self.inner.is_connected

    def set_disconnect_callback(self, callback: Callable[[], None]) -> None:
        self._on_disconnect = callback

    def _dropped(self) -> None:
        if self._state.phase is not LinkPhase.LOST:
            self._phase(LinkPhase.RECONNECTING, 0)
        callback = self._on_disconnect
        if callback is not None:
            callback()

    async def reconnect(self) -> None:
        if self._given_up:
            raise LinkLost(
                "reconnecting was cancelled"
                if self._state.cancelled
                else f"gave up after {self.max_attempts} tries"
            )
        self._failures += 1
        first = not self._ever_connected
        self._phase(LinkPhase.CONNECTING if first else LinkPhase.RECONNECTING, self._failures)
        self._attempt = asyncio.get_running_loop().create_task(self.inner.reconnect())
        try:
            await asyncio.shield(self._attempt)
        except asyncio.CancelledError:
            if self._attempt.cancelled() and self._given_up:
                raise LinkLost("reconnecting was cancelled") from None
            self._attempt.cancel()
            with contextlib.suppress(BaseException):
                await self._attempt
            raise
        except BaseException:
            if self._failures >= self.max_attempts:
                self._given_up = True
                self._phase(LinkPhase.LOST)
            raise
        finally:
            self._attempt = None
        self._ever_connected = True
        self._failures = 0
        self._phase(LinkPhase.CONNECTED)

    async def read(self, uuid: str) -> bytes:
        return await self.inner.read(uuid)

    async def write_control_point(self, data: bytes) -> None:
        await self.inner.write_control_point(data)

    async def subscribe(self, uuid: str, callback: Callable[[bytes], None]) -> None:
        if uuid == FITNESS_MACHINE_CONTROL_POINT:

            def control_point(data: bytes) -> None:
                if bytes(data[:3]) == _CONTROL_GRANTED:
                    self._phase(LinkPhase.IN_CONTROL)
                callback(data)

            await self.inner.subscribe(uuid, control_point)
        elif uuid == FITNESS_MACHINE_STATUS:

            def status(data: bytes) -> None:
                if data[:1] == bytes([_CONTROL_LOST]) and self._state.phase is LinkPhase.IN_CONTROL:
                    self._phase(LinkPhase.CONNECTED)
                callback(data)

            await self.inner.subscribe(uuid, status)
        else:
            await self.inner.subscribe(uuid, callback)

    async def close(self) -> None:
        self._given_up = True
        await self.inner.close()
