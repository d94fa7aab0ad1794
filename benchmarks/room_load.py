"""The room under a lock-out attack, for 20 s: 20 addresses of 127.0.0.0/8
x 16 half-open connections (``tests/room_load.py``), while a joined phone
and a new phone make their requests, and the facilitator types on the
Ideas step. Prints the share of each phone's requests answered and the
screen's key-to-screen time (a key pressed until the screen has drawn
it), as a ratio against the same keys with the room idle, in the same run.

    .venv/bin/python benchmarks/room_load.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sessions import sample  # noqa: E402 (after the checkout is on the path)
from tests.room_load import attack  # noqa: E402
from tui_roadmap.files.rooms import RoomKeys, save_keys  # noqa: E402
from tui_roadmap.files.store import SessionFolder  # noqa: E402
from tui_roadmap.ui.app import make_app  # noqa: E402

NOW = datetime(2026, 11, 22, 10, 30)


async def key_times(pilot, until: asyncio.Future | None, count: int) -> list[float]:
    """Seconds from each key to the screen having drawn it (at least
    ``count`` keys, and on until ``until`` is done)."""
    times = []
    while len(times) < count or (until is not None and not until.done()):
        started = time.perf_counter()
        await pilot.press("x")
        await pilot.pause()
        times.append(time.perf_counter() - started)
        if len(times) % 50 == 0:
            await pilot.press("ctrl+u")  # the field cleared now and then
    return times


async def main(seconds: float) -> None:
    with tempfile.TemporaryDirectory() as folder_path:
        folder = SessionFolder(Path(folder_path))
        workshop = sample()
        workshop.set_step("ideas")
        session = folder.create(workshop.name, NOW, workshop)
        save_keys(session.path, RoomKeys(trust_names=True))
        app = make_app(folder, session, cursor_blink=False, room_address="127.0.0.1")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f8")
            await pilot.pause()
            server = app.screen.room_server
            connector = aiohttp.TCPConnector(local_addr=("127.0.1.1", 0), force_close=True)
            async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as lena:
                url = f"http://127.0.0.1:{server.port}{server.base}"
                page = await (await lena.get(url)).text()
                csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
                await lena.post(url + "join", data={"csrf": csrf, "person": "3"})
                cookie = "; ".join(f"{c.key}={c.value}" for c in lena.cookie_jar)
            idle = await key_times(pilot, None, 100)
            load = asyncio.ensure_future(attack(server, cookie, seconds=seconds))
            loaded = await key_times(pilot, load, 100)
            joined, new, opened = await load
    idle_ms, loaded_ms = statistics.median(idle) * 1000, statistics.median(loaded) * 1000
    print(f"strangers opened {opened} connections over {seconds:.0f} s")
    print(f"joined phone answered: {joined:.1%}; new phone answered: {new:.1%} (goal: 95% or more each)")
    print(
        f"key-to-screen median: idle {idle_ms:.1f} ms, under attack {loaded_ms:.1f} ms, "
        f"ratio {loaded_ms / idle_ms:.2f} (goal: 2.00 or less; {len(loaded)} keys)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    asyncio.run(main(parser.parse_args().seconds))
