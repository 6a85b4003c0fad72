"""``treadmill-tui serve``: the dashboard in a browser tab (a tablet on the treadmill console)
while the computer with the Bluetooth adapter sits nearby.

textual-serve starts one copy of the app per browser connection and has no access control of
its own, so this server adds two things (docs/serve.md):

- every address lives under a random access token (``/<token>/``); a request without it gets
  403 and nothing else, websocket included;
- one browser controls the walk: while one is connected, another tab gets a screen saying so
  instead of a second app (and a second treadmill connection).

Keys typed in the browser reach the app as in a terminal, so Space stops the belt there too.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("treadmill-tui.serve")
TRANSCRIPT_ENV = "TREADMILL_TUI_SERVE_TRANSCRIPT"  # tests: where to copy what browsers are sent
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class WalkServer(Server):
    """textual-serve behind an access token, with one controlling browser at a time."""

    def __init__(self, command: str, refused: str, *, host: str, port: int, token: str) -> None:
        super().__init__(command, host=host, port=port, title="treadmill-tui")
        self.token = token
        self.refused_command = refused
        self.controller: web.WebSocketResponse | None = None
        self.transcript = os.environ.get(TRANSCRIPT_ENV)

    @property
    def prefix(self) -> str:
        return f"/{self.token}"

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        p = self.prefix
        app.add_routes(
            [
                web.get(f"{p}/", self.handle_index, name="index"),
                web.get(f"{p}/ws", self.handle_websocket, name="websocket"),
                web.get(f"{p}/download/{{key}}", self.handle_download, name="download"),
                web.static(f"{p}/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Nothing without the token: not the page, not the websocket, not the static files."""
        first = request.path.lstrip("/").split("/", 1)[0]
        if not hmac.compare_digest(first.encode(), self.token.encode()):
            return web.Response(status=403, text="403: open the address printed by serve\n")
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: run_server prints the address to open."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One app per browser as in textual-serve, but only the first browser gets the walk."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        controls = self.controller is None
        if controls:
            self.controller = websocket
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = AppService(
                self.command if controls else self.refused_command,
                write_bytes=self._recorded(websocket.send_bytes),
                write_str=websocket.send_str,
                close=lambda: self._close(websocket),
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a browser going away must not stop the server
            log.warning("browser connection ended: %s", error)
        finally:
            if service is not None:
                await service.stop()  # the app quits, which stops the belt first
            if controls:
                self.controller = None
        return websocket

    @staticmethod
    async def _close(websocket: web.WebSocketResponse) -> None:
        await websocket.close()

    def _recorded(
        self, send: Callable[[bytes], Awaitable[None]]
    ) -> Callable[[bytes], Awaitable[None]]:
        async def write(data: bytes) -> None:
            if self.transcript:
                with open(self.transcript, "ab") as f:  # noqa: ASYNC230 - tests only
                    f.write(data)
            with contextlib.suppress(ConnectionResetError):  # the browser went away
                await send(data)

        return write


def lan_address() -> str:
    """This computer's address on the local network (no packet is sent), for the printout."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return str(s.getsockname()[0])
        except OSError:
            return socket.gethostname()


def dashboard_command(
    *, profile: str | None, device: str | None, simulate: bool, no_sound: bool = True
) -> str:
    """The command each browser connection runs: the same dashboard as in a terminal."""
    args = [sys.executable, "-m", "treadmill_tui"]
    if simulate:
        args.append("--simulate")
    if device:
        args += ["--device", device]
    if profile:
        args += ["--profile", str(Path(profile).resolve())]
    if no_sound:
        args.append("--no-sound")  # the sound would play on this computer, not the tablet
    return shlex.join(args)


def run_server(
    *,
    host: str,
    port: int,
    profile: str | None,
    device: str | None,
    simulate: bool,
) -> int:
    token = secrets.token_urlsafe(16)
    command = dashboard_command(profile=profile, device=device, simulate=simulate)
    refused = shlex.join([sys.executable, "-m", "treadmill_tui.ui.serve_refused"])
    server = WalkServer(command, refused, host=host, port=port, token=token)
    shown = host if host in LOCAL_HOSTS else lan_address() if host in {"0.0.0.0", "::"} else host
    print(f"treadmill-tui: open http://{shown}:{port}/{token}/ in the browser", flush=True)
    if host not in LOCAL_HOSTS:
        print(
            "treadmill-tui: anyone on this network with that address can see and control the "
            "walk; keep it private. Ctrl+C stops serving.",
            flush=True,
        )
    try:
        server.serve()
    except OSError as exc:
        print(
            f"treadmill-tui: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr
        )
        return 2
    return 0
