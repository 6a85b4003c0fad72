"""A headless Chromium driven over the DevTools protocol: open a page, wait, screenshot.

Only what the serve test needs (aiohttp is already here through textual-serve). Chromium's own
``--screenshot`` fires at the load event, before the page's websocket has drawn anything.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Chromium:
    def __init__(self, exe: str, profile_dir: Path, size: tuple[int, int] = (1200, 800)) -> None:
        self.exe, self.profile_dir, self.size = exe, profile_dir, size
        self.proc: subprocess.Popen[bytes] | None = None
        self._ids = itertools.count(1)

    async def __aenter__(self) -> Chromium:
        w, h = self.size
        self.proc = subprocess.Popen(  # noqa: ASYNC220 - starts at once, runs beside us
            [
                self.exe,
                *FLAGS,
                f"--user-data-dir={self.profile_dir}",
                f"--window-size={w},{h}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = self.profile_dir / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().count("\n") >= 1:
                break
            await asyncio.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    async def screenshot(
        self, url: str, ready: Callable[[], bool], out: Path, within_s: float = 45.0
    ) -> bool:
        """Open ``url``; once ``ready()`` (or on timeout) save a PNG; True if it was ready."""
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{self.port}/json/list") as r:
                targets: list[dict[str, Any]] = await r.json()
            page = next(t for t in targets if t.get("type") == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                await self._call(ws, "Page.navigate", url=url)
                loop = asyncio.get_running_loop()
                deadline = loop.time() + within_s
                while not ready() and loop.time() < deadline:  # noqa: ASYNC110 - polls a file
                    await asyncio.sleep(0.2)
                ok = ready()
                await asyncio.sleep(1.0)  # let the terminal paint the last frame
                shot = await self._call(ws, "Page.captureScreenshot", format="png")
                out.write_bytes(base64.b64decode(shot["data"]))  # noqa: ASYNC240 - small
                return ok

    async def _call(self, ws: aiohttp.ClientWebSocketResponse, method: str, **params: Any) -> Any:
        msg_id = next(self._ids)
        await ws.send_str(json.dumps({"id": msg_id, "method": method, "params": params}))
        async for msg in ws:
            data = json.loads(msg.data)
            if data.get("id") == msg_id:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                return data.get("result", {})
        raise RuntimeError(f"{method}: the browser closed the connection")
