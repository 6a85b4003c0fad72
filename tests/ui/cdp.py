"""A headless Chromium driven over the DevTools protocol: open a page, read what its terminal
shows, type keys into it, screenshot.

Only what the serve test needs (aiohttp is already here through textual-serve). Chromium's own
``--screenshot`` fires at the load event, before the page's websocket has drawn anything.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import subprocess
from collections.abc import AsyncIterator, Callable
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

# textual-serve keeps its xterm.js terminal in a closure (``this.terminal = new Terminal(...)``
# inside its client's constructor). Before the page's own scripts run, a setter on
# Object.prototype notes the client object whose ``terminal`` is being set, so the test can read
# the terminal's buffer: the very cells xterm.js draws on its canvas.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal",
      { value, writable: true, configurable: true, enumerable: true });
    if ("websocket_url" in this && !window.__textualClient) { window.__textualClient = this; }
  },
});
"""

SCREEN_TEXT = """
(() => {
  const client = window.__textualClient;
  if (!client || !client.terminal) { return null; }
  const term = client.terminal, buffer = term.buffer.active, rows = [];
  for (let i = 0; i < term.rows; i++) {
    const line = buffer.getLine(buffer.viewportY + i);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()
"""

# What a keyboard sends for the keys the tests press: (key, code, virtual key code, text).
KEYS = {
    " ": (" ", "Space", 32, " "),
    "Enter": ("Enter", "Enter", 13, "\r"),
}


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
        async with self.page() as page:
            await page.open(url)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + within_s
            while not ready() and loop.time() < deadline:  # noqa: ASYNC110 - polls a file
                await asyncio.sleep(0.2)
            ok = ready()
            await asyncio.sleep(1.0)  # let the terminal paint the last frame
            await page.screenshot(out)
            return ok

    @contextlib.asynccontextmanager
    async def page(self) -> AsyncIterator[Page]:
        """The browser's one tab, driven over its own DevTools websocket."""
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{self.port}/json/list") as r:
                targets: list[dict[str, Any]] = await r.json()
            target = next(t for t in targets if t.get("type") == "page")
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield Page(ws, self._ids)


class Page:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse, ids: itertools.count[int]) -> None:
        self.ws, self._ids = ws, ids

    async def open(self, url: str) -> None:
        await self.call("Page.enable")  # without it the script below is not installed
        await self.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
        await self.call("Page.navigate", url=url)

    async def screen_text(self) -> str:
        """The rows the page's terminal shows now ("" before it exists)."""
        result = await self.call("Runtime.evaluate", expression=SCREEN_TEXT, returnByValue=True)
        value = result.get("result", {}).get("value")
        return value if isinstance(value, str) else ""

    async def wait_for_text(self, text: str, within_s: float = 60.0) -> str:
        """Poll the terminal until ``text`` is on it; the screen then, or AssertionError."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within_s
        shown = await self.screen_text()
        while text not in shown:
            if loop.time() > deadline:
                raise AssertionError(f"{text!r} never appeared; the page showed:\n{shown}")
            await asyncio.sleep(0.2)
            shown = await self.screen_text()
        return shown

    async def press(self, key: str) -> None:
        """One key as a keyboard types it, into the terminal (which gets the focus first)."""
        await self.call("Runtime.evaluate", expression="window.__textualClient.terminal.focus()")
        if key in KEYS:
            name, code, vk, text = KEYS[key]
        else:  # a letter or a digit
            name, text = key, key
            code = f"Key{key.upper()}" if key.isalpha() else f"Digit{key}"
            vk = ord(key.upper())
        common = {"key": name, "code": code, "windowsVirtualKeyCode": vk}
        await self.call("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **common)

    async def screenshot(self, out: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        out.write_bytes(base64.b64decode(shot["data"]))  # noqa: ASYNC240 - small

    async def call(self, method: str, **params: Any) -> Any:
        msg_id = next(self._ids)
        await self.ws.send_str(json.dumps({"id": msg_id, "method": method, "params": params}))
        async for msg in self.ws:
            data = json.loads(msg.data)
            if data.get("id") == msg_id:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                return data.get("result", {})
        raise RuntimeError(f"{method}: the browser closed the connection")
