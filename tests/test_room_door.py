"""The room's door, attacked as someone on the meeting room's Wi-Fi would:
bodies aiohttp cannot parse, a foreign Host, token guesses, half-open and
slow connections, strangers filling the places, names claimed without the
facilitator, a waiting list filled with spam, ballots read from the file,
and the ways in and out (the code, a new address, a tunnel). On
127.0.0.0/8 only; every wait is for an answer or for a connection to end."""

from __future__ import annotations

import asyncio
import html
import json

import aiohttp
import pytest
from aiohttp import web

from tui_roadmap.files.documents import from_tables, to_tables
from tui_roadmap.files.rooms import CODE_LETTERS, RoomKeys
from tui_roadmap.room.server import BURST, HEADER_SECONDS, MAX_WAITING_PER_CLIENT, WAIT_SECONDS, Asking, RoomServer
from tui_roadmap.workshop import ballots
from tui_roadmap.workshop import room as phones
from tui_roadmap.workshop.model import WorkshopError
from tui_roadmap.workshop.vote import tally

from .conftest import load_sample
from .test_room_server import Clock, Host, address, csrf_of, join, phone, post, said, sample_on_ballots


@pytest.fixture
async def door(monkeypatch):
    """A room as it opens by default: every name waits for the facilitator.
    Its sweep runs often; its clock moves only when the test moves it."""
    monkeypatch.setattr("tui_roadmap.room.server.SWEEP_SECONDS", 0.01)
    workshop = load_sample()
    workshop.set_step("ideas")
    server = RoomServer(Host(workshop), RoomKeys(), lambda keys: None, "127.0.0.1", clock=Clock())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def raw(server: RoomServer, request: bytes, source: str = "127.0.0.1") -> bytes:
    """What the room answers to bytes sent as they are, until it closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port, local_addr=(source, 0))
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 60)
    finally:
        writer.close()


def from_address(source: str) -> aiohttp.ClientSession:
    """A phone on another address of 127.0.0.0/8, a new connection for each request."""
    connector = aiohttp.TCPConnector(local_addr=(source, 0), force_close=True)
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True))


# ------------------------------------------------------------- the requests


async def test_a_body_aiohttp_cannot_parse_gets_a_400_with_the_headers(door):
    """An unknown transfer encoding in a multipart part raised RuntimeError: aiohttp's 500, no headers."""
    body = b'--x\r\nContent-Disposition: form-data; name="text"\r\nContent-Transfer-Encoding: weird\r\n\r\nabc\r\n--x--\r\n'
    async with aiohttp.ClientSession() as client:
        answer = await client.post(
            address(door) + "idea", data=body, headers={"Content-Type": "multipart/form-data; boundary=x"}
        )
        assert answer.status == 400 and await answer.text() == "That request could not be read.\n"
        assert answer.headers["Server"] == "tui-roadmap"
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_a_foreign_host_gets_the_same_404(door):
    """DNS rebinding: a page of evil.example that resolves to the laptop."""
    base = door.base.encode()
    good = await raw(door, b"GET " + base + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % door.port)
    assert good.startswith(b"HTTP/1.1 200")
    for host in (b"evil.example", b"evil.example:%d" % door.port, b"127.0.0.1"):
        answer = await raw(door, b"GET " + base + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 404") and b"Server: tui-roadmap" in answer, host
    answer = await raw(door, b"GET " + base + b" HTTP/1.0\r\n\r\n")  # no Host at all
    assert answer.split(b"\r\n")[0].endswith(b" 404 Not Found")


async def test_wrong_token_guesses_are_rate_limited(door):
    async with aiohttp.ClientSession() as client:
        root = f"http://127.0.0.1:{door.port}"
        statuses = [(await client.get(f"{root}/r/guess{n:04d}guessing/")).status for n in range(int(BURST) + 5)]
        assert set(statuses[: int(BURST)]) == {404} and set(statuses[int(BURST) :]) == {429}


async def test_a_half_open_connection_is_closed_once_its_headers_are_late(door):
    reader, writer = await asyncio.open_connection("127.0.0.1", door.port)
    try:
        writer.write(b"GET " + door.base.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end
        await writer.drain()
        door.clock.now += HEADER_SECONDS + 1  # type: ignore[attr-defined]
        assert await asyncio.wait_for(reader.read(), 60) == b""  # the room closed it
    finally:
        writer.close()


def idea_post(server: RoomServer, length: int, body: bytes) -> bytes:
    """A POST of an idea that announces ``length`` bytes and sends ``body``."""
    return (
        b"POST "
        + server.base.encode()
        + b"idea HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % server.port
        + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n" % length
        + body
    )


async def test_a_body_announced_as_ten_gigabytes_is_refused_at_once(door):
    answer = await raw(door, idea_post(door, 10_000_000_000, b"text=hello"))
    assert answer.startswith(b"HTTP/1.1 413") and b"Server: tui-roadmap" in answer


async def test_a_body_that_stops_coming_gets_408(door, monkeypatch):
    monkeypatch.setattr("tui_roadmap.room.server.BODY_SECONDS", 0.05)
    answer = await raw(door, idea_post(door, 1000, b"text=hel"))
    assert answer.startswith(b"HTTP/1.1 408") and b"Server: tui-roadmap" in answer


async def test_text_that_is_not_ascii_where_a_secret_goes_gets_a_400_not_a_500(door):
    root = f"http://127.0.0.1:{door.port}"
    async with aiohttp.ClientSession() as client:
        answer = await client.post(root + "/join", data={"code": "\u00e9t\u00e9"})
        assert answer.status == 200 and "not this room" in await answer.text()
        answer = await client.post(address(door) + "join", data={"csrf": "1.x.\u00e9", "name": "Eve"})
        assert answer.status == 403 and answer.headers["Server"] == "tui-roadmap"
        answer = await client.get(address(door), headers={"Cookie": "roadmap_room=abc.%C3%A9"})
        assert answer.status == 200
        answer = await client.get(
            address(door), headers={"Cookie": "roadmap_room=abc.\u00e9".encode().decode("latin-1")}
        )
        assert answer.status in (200, 400) and answer.headers["Server"] == "tui-roadmap"


# ----------------------------------------------------------- the places


async def test_one_address_keeps_at_most_its_share_even_with_bodies_trickling_in(door):
    held = []
    try:
        for _ in range(40):
            reader, writer = await asyncio.open_connection("127.0.0.1", door.port, local_addr=("127.0.0.30", 0))
            writer.write(idea_post(door, 1000, b"text="))
            await writer.drain()
            held.append((reader, writer))
        ended = 0
        for reader, _ in held[16:]:  # each one over the share is closed, at once or when the next comes
            ended += await asyncio.wait_for(reader.read(), 60) == b""
        assert ended == 24 and door.connections() <= 16
    finally:
        for _, writer in held:
            writer.close()


async def test_strangers_filling_every_place_do_not_lock_out_phones(door, monkeypatch):
    monkeypatch.setattr("tui_roadmap.room.server.MAX_CONNECTIONS", 40)
    door.keys.trust_names = True
    async with from_address("127.0.0.50") as lena:
        await join(lena, door, 3)  # Lena joined before the strangers came
        held = []
        try:
            for n in range(5):  # 5 addresses x 8 half-open connections: every place taken
                for _ in range(8):
                    reader, writer = await asyncio.open_connection(
                        "127.0.0.1", door.port, local_addr=(f"127.0.0.{n + 10}", 0)
                    )
                    writer.write(b"GET " + door.base.encode() + b" HTTP/1.1\r\n")
                    held.append((reader, writer))
            answers = [(await lena.get(address(door))).status for _ in range(20)]
            assert answers == [200] * 20
            async with from_address("127.0.0.60") as newcomer:  # a phone opening the join page
                page = await (await newcomer.get(address(door))).text()
                assert "Who are you?" in page
        finally:
            for _, writer in held:
                writer.close()


# --------------------------------------------------------------- the names


async def test_a_name_is_taken_only_once_the_facilitator_says_yes(door):
    workshop = door.host.workshop
    async with phone() as stranger, phone() as marcus:
        page = await join(stranger, door, 2)  # "Marcus", from a stranger's phone
        assert said(page) == ["Waiting for the facilitator to let you in."] and "Your ballot" not in page
        assert door.joined() == [] and "Send an idea" not in page
        await join(marcus, door, 2)  # the real Marcus asks too
        asks = {device: asking for device, asking in door.waiting.items()}
        assert [a.name for a in asks.values()] == ["Marcus", "Marcus"] and all(a.person == 2 for a in asks.values())
        real = list(asks)[1]
        await door.let_in(real)  # the facilitator sees who is who, and lets the real one in
        assert door.joined() == [2] and not door.waiting
        page = await (await stranger.get(address(door))).text()
        assert "Who are you?" in page and "Marcus was let in from another phone" in said(page)[0]
        page = await (await marcus.get(address(door))).text()
        assert "Send an idea" in page
    assert workshop.participants[1].name == "Marcus" and len(workshop.participants) == 6


async def test_a_name_let_in_elsewhere_meanwhile_stays_with_its_phone(door):
    door.keys.trust_names = True
    workshop = door.host.workshop
    async with phone() as stranger, phone() as zed:
        await post(stranger, door, "join", name="Zed")  # waits
        workshop.add_participant("Zed")  # the facilitator types Zed in...
        await join(zed, door, workshop.participants[-1].id)  # ...and Zed's phone picks it (trusted)
        assert not door.waiting  # the stranger asking for Zed is turned away as Zed joins
        door.waiting["someone"] = Asking("Zed", None, "127.0.0.9", door.clock())  # had it still waited:
        with pytest.raises(WorkshopError, match="has joined from another phone"):
            await door.let_in("someone")
        assert (
            list(door.keys.devices.values()) == ["Zed"]
            and "someone" in door.waiting
            and "Send an idea" in await (await zed.get(address(door))).text()
        )
        assert "Who are you?" in await (await stranger.get(address(door))).text()


async def test_waiting_phones_are_capped_per_address_expire_and_go_all_at_once(door):
    clock: Clock = door.clock  # type: ignore[assignment]
    sessions = [phone() for _ in range(MAX_WAITING_PER_CLIENT + 1)]
    try:
        pages = [await post(s, door, "join", name=f"Spam{n:02d} FREE PIZZA AT DESK 4") for n, s in enumerate(sessions)]
        assert len(door.waiting) == MAX_WAITING_PER_CLIENT
        assert "Too many phones on your network are waiting" in said(pages[-1])[0]
        assert door.waiting_names()[0] == "Spam00 FREE PIZ\u2026"  # what the shared screen may show
        clock.now += WAIT_SECONDS / 2
        await (await sessions[0].get(address(door))).text()  # a page that still asks keeps its place
        clock.now += WAIT_SECONDS / 2 + 1
        async with phone() as sam:
            await post(sam, door, "join", name="Sam")  # the sweep forgets the rest meanwhile
            assert sorted(a.name for a in door.waiting.values()) == ["Sam", "Spam00 FREE PIZZA AT DESK 4"]
            assert door.turn_away_all() == 2 and not door.waiting
            await post(sam, door, "join", name="Sam")
            await post(sessions[1], door, "join", name="Kim")
            assert await door.let_all_in() == [] and not door.waiting
            assert [p.name for p in door.host.workshop.participants][-2:] == ["Sam", "Kim"]
            assert "Send an idea" in await (await sam.get(address(door))).text()
    finally:
        for session in sessions:
            await session.close()


# -------------------------------------------------------------- the ballots


def test_a_closed_secret_vote_is_kept_as_totals_and_who_handed_in():
    workshop = sample_on_ballots()
    ideas = [idea.id for idea in workshop.ideas]
    for voter, picks in ((3, (0, 0, 1)), (4, (1, 2))):
        for index in picks:
            phones.cast(workshop, voter, ideas[index], 1)
        phones.hand_in(workshop, voter)
    open_dots = to_tables(workshop)["dots"].values()
    assert {doc["voter"] for doc in open_dots} == {3, 4}  # open: kept by voter, so that a ballot can change
    totals = tally(workshop)
    workshop.close_vote()
    tables = to_tables(workshop)
    assert {doc["voter"] for doc in tables["dots"].values()} == {None}
    text = json.dumps(tables)
    again = from_tables(json.loads(text))
    assert tally(again) == totals and again.vote.done == [3, 4] and again.vote.closed
    assert again.vote.ballots == {} and again.vote.sealed
    with pytest.raises(WorkshopError, match="cannot be reopened"):  # no voter could be held to a budget
        again.close_vote(False)
    with pytest.raises(WorkshopError):
        ballots.stop(again)
    again.clear_dots()
    again.close_vote(False)  # with the dots cleared, the room may vote again
    workshop.close_vote(False)  # in the session that closed it, the ballots are still known: it reopens
    assert not workshop.vote.closed and workshop.vote.ballots


def test_a_session_written_with_closed_ballots_by_voter_still_opens():
    workshop = sample_on_ballots()
    idea = workshop.ideas[0].id
    phones.cast(workshop, 3, idea, 1)
    phones.hand_in(workshop, 3)
    tables = to_tables(workshop)  # as the file was written before: by voter...
    next(iter(tables["session"].values()))["vote"]["closed"] = True  # ...with the vote closed
    again = from_tables(json.loads(json.dumps(tables)))
    assert again.vote.ballots == {3: {idea: 1}} and again.vote.closed
    assert {doc["voter"] for doc in to_tables(again)["dots"].values()} == {None}  # and its next save is totals


# ---------------------------------------------------- following the room


async def test_a_phone_page_follows_the_room_and_says_when_it_is_gone(door):
    door.keys.trust_names = True
    async with phone() as lena:
        await join(lena, door, 3)
        page = await (await lena.get(address(door))).text()
        state = (await (await lena.get(address(door) + "state")).text()).strip()
        assert f'data-state="{state}"' in page and 'data-poll="3"' in page
        assert (await (await lena.get(address(door) + "state")).text()) == state  # nothing moved
        door.host.workshop.set_step("vote")
        assert (await (await lena.get(address(door) + "state")).text()) != state  # the page reloads
        script = await (await lena.get(address(door) + "app.js")).text()
        assert 'base + "state"' in script and "cannot be reached" in script and "new one" in script
        css = await (await lena.get(address(door) + "app.css")).text()
        assert "overflow-wrap: anywhere" in css
        answer = await lena.get(address(door))
        assert "connect-src 'self'" in answer.headers["Content-Security-Policy"]


async def test_the_code_typed_at_join_leads_to_the_room(door):
    assert len(door.keys.code) == 6 and set(door.keys.code) <= set(CODE_LETTERS)
    for pair in ("O0", "QO", "I1", "L1", "IL", "S5", "B8", "Z2", "G6"):  # read out, or off a screen
        assert len(set(pair) & set(CODE_LETTERS)) <= 1, pair
    root = f"http://127.0.0.1:{door.port}"
    async with aiohttp.ClientSession() as client:
        page = await (await client.get(root + "/join")).text()
        assert "The code on the big screen" in page
        typed = f" {door.keys.code[:3].lower()} - {door.keys.code[3:]} "
        answer = await client.post(root + "/join", data={"code": typed}, allow_redirects=False)
        assert answer.status == 303 and answer.headers["Location"] == door.base
        wrong = "".join(sorted(set(CODE_LETTERS) - set(door.keys.code)))[:6]
        answers = []
        for _ in range(8):
            answer = await client.post(root + "/join", data={"code": wrong}, allow_redirects=False)
            answers.append((answer.status, html.unescape(said(await answer.text())[0])))
        # 5 tries at once, the right one above among them: 4 wrong ones, then none
        assert answers[:4] == [(200, "That is not this room's code: look at the big screen.")] * 4
        assert set(answers[4:]) == {(429, "Too many codes from this phone: wait a minute.")}
        right = await client.post(root + "/join", data={"code": door.keys.code}, allow_redirects=False)
        assert right.status == 429  # a phone out of tries is not told the right code is right
        door.wrong_codes = 10_000  # wrong codes from many addresses: the code stops working
        async with from_address("127.0.0.77") as other:
            answer = await other.post(root + "/join", data={"code": door.keys.code}, allow_redirects=False)
            assert answer.status == 429 and "scan the QR code" in await answer.text()


async def test_a_new_address_stops_old_links_and_cookies(door):
    door.keys.trust_names = True
    async with phone() as lena:
        await join(lena, door, 3)
        old = address(door)
        keys = door.keys.renewed()
        assert (keys.token, keys.secret, keys.code) != (door.keys.token, door.keys.secret, door.keys.code)
        assert keys.port == door.keys.port and keys.trust_names and not keys.devices
        await door.stop()
        fresh = RoomServer(door.host, keys, lambda keys: None, "127.0.0.1", clock=Clock())
        await fresh.start()
        try:
            assert (await lena.get(old)).status == 404  # the old link
            for cookie in list(lena.cookie_jar):  # the old cookie, sent to the new address
                lena.cookie_jar.update_cookies(
                    {cookie.key: cookie.value}, response_url=aiohttp.client.URL(address(fresh))
                )
            page = await (await lena.get(address(fresh))).text()
            assert "Who are you?" in page
        finally:
            await fresh.stop()


# ------------------------------------------------------------- the tunnel


async def proxy(target: str, public_host: str, https: bool) -> tuple[web.AppRunner, int]:
    """A reverse proxy on 127.0.0.1, as a tunnel's end on the laptop: it
    forwards each request to the room with the public Host."""
    client = aiohttp.ClientSession(auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar())

    async def forward(request: web.Request) -> web.Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        headers.update(
            {
                "Host": public_host,
                "X-Forwarded-For": request.remote or "",
                "X-Forwarded-Proto": "https" if https else "http",
            }
        )
        async with client.request(
            request.method, target + request.path_qs, headers=headers, data=await request.read(), allow_redirects=False
        ) as answer:
            out = web.Response(status=answer.status, body=await answer.read())
            for key, value in answer.headers.items():
                if key.lower() not in (
                    "content-length",
                    "transfer-encoding",
                    "content-encoding",
                    "connection",
                    "server",
                ):
                    out.headers.add(key, value)
            return out

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    app.on_cleanup.append(lambda _: client.close())
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


async def test_a_phone_behind_a_tunnel_waits_for_yes_and_gets_a_secure_cookie():
    workshop = sample_on_ballots()
    keys = RoomKeys(trust_names=True, public_url="https://room.example.org")
    server = RoomServer(Host(workshop), keys, lambda keys: None, "127.0.0.1", clock=Clock())
    await server.start()
    runner, port = await proxy(f"http://127.0.0.1:{server.port}", "room.example.org", https=True)
    try:
        assert (
            server.url == f"https://room.example.org{server.base}"
            and server.join_url == "https://room.example.org/join"
        )
        through = f"http://127.0.0.1:{port}{server.base}"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as lena:
            page = await (await lena.get(through)).text()
            answer = await lena.post(
                through + "join", data={"csrf": csrf_of(page), "person": "3"}, allow_redirects=False
            )
            cookie = answer.headers["Set-Cookie"]
            assert "Secure" in cookie and "HttpOnly" in cookie
            sent = {"Cookie": cookie.split(";")[0]}  # the phone's browser, over https, sends it back
            page = await (await lena.get(through, headers=sent)).text()
            assert said(page) == ["Waiting for the facilitator to let you in."]  # trusted names or not
            await server.let_in(next(iter(server.waiting)))
            page = await (await lena.get(through, headers=sent)).text()
            answer = await lena.post(
                through + "dot",
                data={"csrf": csrf_of(page), "idea": str(workshop.ideas[0].id), "change": "1"},
                headers=sent,
            )
            assert "3 of 4 dots left" in await answer.text()
        assert workshop.vote.ballots == {3: {workshop.ideas[0].id: 1}}
        direct = await raw(
            server, b"GET " + server.base.encode() + b" HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        )
        assert direct.startswith(b"HTTP/1.1 404")
    finally:
        await runner.cleanup()
        await server.stop()
