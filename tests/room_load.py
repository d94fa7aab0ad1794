"""A lock-out attack on the room, bounded: strangers on many addresses of
127.0.0.0/8 hold half-open connections (each within the per-address cap),
opening a new one whenever the room closes one, while phones on other
addresses make their requests. The attack stops by itself when the phones
are done, or when ``seconds`` have passed, whichever is later."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from tui_roadmap.room.server import MAX_PER_CLIENT, RATE, RoomServer

PACE = 1 / RATE
"""A phone's requests are paced within the room's rate (a real one asks every 3 s)."""


async def _hold(server: RoomServer, source: str, stop: asyncio.Event) -> int:
    """One stranger's address: keep MAX_PER_CLIENT half-open connections.
    Returns how many connections it opened."""
    opened = 0

    async def one() -> None:
        nonlocal opened
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", server.port, local_addr=(source, 0))
            except OSError:
                await asyncio.sleep(0.05)  # pacing of a refused connect, not a wait for a condition
                continue
            opened += 1
            try:
                writer.write(b"GET " + server.base.encode() + b" HTTP/1.1\r\nHost: x\r\n")  # and never the end
                done = asyncio.ensure_future(stop.wait())
                closed = asyncio.ensure_future(reader.read())
                await asyncio.wait({done, closed}, return_when=asyncio.FIRST_COMPLETED)
                for task in (done, closed):
                    task.cancel()
            except OSError:
                pass
            finally:
                writer.close()
            await asyncio.sleep(0.05)  # a stranger reconnects at once, but not in a busy loop

    await asyncio.gather(*(one() for _ in range(MAX_PER_CLIENT)))
    return opened


async def _phone(server: RoomServer, source: str, requests: int, cookie: str | None) -> int:
    """A phone on its own address: ``requests`` requests, each on a new
    connection (as a phone that wakes up); returns how many were answered."""
    answered = 0
    headers = {"Cookie": cookie} if cookie else {}
    url = f"http://127.0.0.1:{server.port}{server.base}"
    timeout = aiohttp.ClientTimeout(total=30)
    for n in range(requests):
        connector = aiohttp.TCPConnector(local_addr=(source, 0), force_close=True)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            try:
                async with session.get(url + ("state" if n % 2 else ""), headers=headers) as answer:
                    await answer.read()
                    answered += answer.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
        await asyncio.sleep(PACE)
    return answered


async def attack(
    server: RoomServer, cookie: str, addresses: int = 20, requests: int = 40, seconds: float = 0.0
) -> tuple[float, float, int]:
    """The attack, with a joined phone (``cookie``) on 127.0.1.1 and a new
    phone opening the join page on 127.0.1.2. Returns the share of each
    phone's requests answered, and how many connections the strangers opened."""
    stop = asyncio.Event()
    strangers = [asyncio.ensure_future(_hold(server, f"127.0.0.{n + 10}", stop)) for n in range(addresses)]
    try:
        while server.connections() < 200:  # the strangers are in before the phones try
            await asyncio.sleep(0.01)
        started = time.monotonic()
        joined, new = await asyncio.gather(
            _phone(server, "127.0.1.1", requests, cookie), _phone(server, "127.0.1.2", requests, None)
        )
        while time.monotonic() - started < seconds:  # held for as long as the benchmark says
            joined += await _phone(server, "127.0.1.1", 2, cookie)
            new += await _phone(server, "127.0.1.2", 2, None)
            requests += 2
    finally:
        stop.set()
        opened = await asyncio.gather(*strangers)
    return joined / requests, new / requests, sum(opened)
