"""``treadmill-tui serve``: the dashboard drawn in a real headless Chromium, the access token
required for everything, and one controlling browser at a time.

Chromium is Debian's ``chromium`` package, installed by ``scripts/ensure-chromium`` (run by
``scripts/test``); the test skips, saying so, only where that could not install it.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import aiohttp
import pytest

from tests.ui.cdp import Chromium
from treadmill_tui.profiles import bundled_profiles_dir
from treadmill_tui.ui.serve import dashboard_command

CHROMIUM = shutil.which("chromium")
PROFILE = bundled_profiles_dir() / "first-week-10-min.toml"
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed and scripts/ensure-chromium could not install it "
    "(no apt-get, no root, or no package index); see its output in scripts/test",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running ``serve`` on a free localhost port: (the printed address, its transcript)."""
    transcript = tmp_path / "sent-to-browsers.bin"
    env = dict(os.environ)
    env.update(
        TREADMILL_TUI_SERVE_TRANSCRIPT=str(transcript),
        TREADMILL_TUI_DATA_DIR=str(tmp_path / "data"),
        TREADMILL_TUI_CONFIG=str(tmp_path / "settings.toml"),
        TREADMILL_TUI_LOG_DIR=str(tmp_path / "log"),
    )
    port = free_port()
    args = [sys.executable, "-m", "treadmill_tui", "serve", "--simulate"]
    args += ["--profile", str(PROFILE), "--port", str(port)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().decode()
        match = re.search(r"open (http://localhost:\d+/\S+/) in the browser", first)
        assert match, first
        url = match.group(1)
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            subprocess.run(["sleep", "0.1"], check=True)
        yield url, transcript
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_a_request_without_the_token_gets_nothing(served: tuple[str, Path]) -> None:
    url, _ = served
    root = url.split("/", 3)
    base = f"{root[0]}//{root[2]}"
    token = root[3].strip("/")
    assert status_of(url) == 200
    for path in ("/", "/ws", "/static/js/textual.js", f"/{token[:-1]}x/", "/download/x"):
        assert status_of(base + path) == 403, path
    assert status_of(f"{url}static/js/textual.js") == 200


@needs_chromium
async def test_the_dashboard_is_drawn_in_headless_chromium(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    url, transcript = served
    shot = tmp_path / "dashboard.png"

    def drawn() -> bool:
        sent = transcript.read_bytes() if transcript.exists() else b""
        return b"Speed" in sent and b"Space" in sent and b"Stop now" in sent

    assert CHROMIUM is not None
    async with Chromium(CHROMIUM, tmp_path / "chromium-profile") as browser:
        assert await browser.screenshot(url, drawn, shot), "the dashboard never reached the page"
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 800 and height >= 500
    assert len(png) > 20_000  # a drawn dashboard, not the empty start page (about 10 kB)


def recorded(data_dir: Path) -> tuple[list[tuple[str, float | None]], list[tuple[str, str]]]:
    """What the served walk has recorded so far (docs/history.md): the samples' engine state
    and measured belt speed, and the events' type and JSON, in order."""
    store = data_dir / "history.sqlite3"
    if not store.exists():
        return [], []
    with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=10)) as db:
        samples = db.execute("SELECT state, speed_kmh FROM samples ORDER BY rowid").fetchall()
        events = db.execute("SELECT type, data FROM events ORDER BY rowid").fetchall()
    return samples, events


async def until(
    check: Callable[[], bool], what: str, seen: Callable[[], object], within_s: float = 90.0
) -> None:
    """Poll ``check`` (the store is committed every 2 s of walk time); ``seen`` explains a miss."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"never happened: {what}; recorded: {seen()}")
        await asyncio.sleep(0.3)


@needs_chromium
async def test_space_in_the_browser_stops_the_belt(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    """Keys typed into the page reach the served dashboard: S starts the belt, Space stops it.
    Checked on the page's own terminal and in the walk the served app records."""
    url, _ = served
    data_dir = tmp_path / "data"  # the served dashboard's TREADMILL_TUI_DATA_DIR

    def samples() -> list[tuple[str, float | None]]:
        return recorded(data_dir)[0]

    def stop_pressed() -> bool:
        return any(
            kind == "walker" and '"stop_now"' in data for kind, data in recorded(data_dir)[1]
        )

    def belt_moving() -> bool:
        latest = samples()[-1:]
        return bool(latest) and (latest[0][1] or 0.0) > 0.3

    assert CHROMIUM is not None
    async with Chromium(CHROMIUM, tmp_path / "chromium-profile") as browser:
        async with browser.page() as page:
            await page.open(url)
            await page.wait_for_text("Before you start", within_s=90)
            await page.press("2")  # back pain now: 2 (green)
            await page.press("n")  # no leg symptoms
            await page.wait_for_text("press S to start")
            assert not belt_moving()  # nothing moves before S
            await page.press("s")
            await page.wait_for_text("Space stops the belt")
            await until(belt_moving, "the belt speeding up after S", samples)
            # nothing but Space is going to stop it: the walk goes on until then
            assert "Belt stopped" not in await page.screen_text() and not stop_pressed()
            moving = len(samples())

            await page.press(" ")
            await page.wait_for_text("Belt stopped (you pressed stop)")
            await until(stop_pressed, "the walk recording the walker's stop", samples)
            await until(
                lambda: ("paused", 0.0) in samples()[moving:],
                "the belt measured at 0 km/h, walk paused",
                samples,
            )
            await page.screenshot(tmp_path / "stopped.png")  # kept for a look when it fails

    events = [(kind, json.loads(data)["details"]) for kind, data in recorded(data_dir)[1]]
    stop = events.index(("walker", {"action": "stop_now"}))
    assert ("command", {"name": "pause", "value": None}) in events[stop:]  # the belt's stop


async def test_a_second_browser_is_refused_while_one_controls_the_walk(
    served: tuple[str, Path],
) -> None:
    url, _ = served
    ws_url = url.replace("http://", "ws://") + "ws?width=100&height=30"

    async def read_until(ws: aiohttp.ClientWebSocketResponse, word: bytes) -> bytes:
        seen = b""
        while word not in seen:
            msg = await asyncio.wait_for(ws.receive(), timeout=30)
            if msg.type is aiohttp.WSMsgType.BINARY:
                seen += msg.data
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        return seen

    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(ws_url) as first:
            assert b"Stop now" in await read_until(first, b"Stop now")
            async with http.ws_connect(ws_url) as second:
                refused = await read_until(second, b"Another browser")
                assert b"Another browser" in refused and b"Stop now" not in refused


def test_the_browser_runs_the_same_dashboard_command() -> None:
    command = dashboard_command(profile="w.toml", device=None, simulate=True)
    assert " -m treadmill_tui --simulate --profile " in command and "--no-sound" in command
    assert "serve" not in command
