"""The room's web server, on 127.0.0.1, with a plain workshop behind it (no
screen): joining, ideas, ballots, and every hostile client the issue names.
Bounded in count; every wait is for an answer, never for a while."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import TypeVar

import aiohttp
import pytest

from tui_roadmap.files.rooms import RoomKeys
from tui_roadmap.room.server import BURST, COOKIE, MAX_CONNECTIONS, RoomServer
from tui_roadmap.workshop import ballots
from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.vote import tally

from .conftest import load_sample

T = TypeVar("T")


class Host:
    """A workshop with nothing but the room in front of it."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.changes = 0
        self.shown = 0

    async def change(self, edit: Callable[[Workshop], T], what: str) -> T:
        result = edit(self.workshop)
        self.changes += 1
        await asyncio.sleep(0)  # another phone's request may come in between, as on the screen
        return result

    def room_changed(self) -> None:
        self.shown += 1


class Clock:
    """A clock that moves only when the test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def sample_on_ballots() -> Workshop:
    workshop = load_sample()
    workshop.vote.tallies.clear()
    workshop.set_step("vote")
    ballots.start(workshop)
    return workshop


@pytest.fixture
async def room():
    """A room that trusts its network with participants' own names (as before
    every name waited for the facilitator): see ``door`` for one that asks."""
    workshop = load_sample()
    workshop.set_step("ideas")
    kept: list[RoomKeys] = []
    server = RoomServer(Host(workshop), RoomKeys(trust_names=True), kept.append, "127.0.0.1", clock=Clock())
    await server.start()
    server.kept = kept  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        await server.stop()


def phone() -> aiohttp.ClientSession:
    # The room's address is an IP address: a browser keeps its cookie; aiohttp must be told to.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def address(room: RoomServer) -> str:
    """Where the room really listens (what the screen shows may be a picture's)."""
    return f"http://{room.address}:{room.port}{room.base}"


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def said(page: str) -> list[str]:
    return re.findall(r'role="status">(.*?)</p>', page)


async def join(session: aiohttp.ClientSession, room: RoomServer, person: int) -> str:
    page = await (await session.get(address(room))).text()
    answer = await session.post(address(room) + "join", data={"csrf": csrf_of(page), "person": str(person)})
    assert answer.status == 200
    return await answer.text()


async def post(session: aiohttp.ClientSession, room: RoomServer, action: str, csrf: str = "", **data: str) -> str:
    """POST with the token of the page the phone has now (or ``csrf``)."""
    if not csrf:
        csrf = csrf_of(await (await session.get(address(room))).text())
    answer = await session.post(address(room) + action, data={"csrf": csrf, **data})
    assert answer.status == 200, await answer.text()
    return await answer.text()


# ------------------------------------------------------------------ joining


async def test_a_phone_joins_by_its_name_and_gets_a_cookie_for_this_room_only(room):
    async with phone() as lena:
        page = await (await lena.get(room.url)).text()
        assert "Who are you?" in page and ">Lena<" in page
        answer = await lena.post(room.url + "join", data={"csrf": csrf_of(page), "person": "3"}, allow_redirects=False)
        assert answer.status == 303 and answer.headers["Location"] == room.base
        cookie = answer.headers["Set-Cookie"]
        assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert f"Path={room.base}" in cookie
        page = await (await lena.get(room.url)).text()
        assert said(page) == ["You are in."] and "Send an idea" in page
    assert room.joined() == [3] and room.host.workshop.phones == [3]
    assert room.kept and room.kept[-1].devices  # kept for a reopen (its cookie's hash, never the cookie)
    assert all(len(key) == 64 for key in room.kept[-1].devices)


async def test_a_name_already_joined_and_a_new_name_wait_for_the_facilitator(room):
    async with phone() as first, phone() as second:
        await join(first, room, 3)
        page = await join(second, room, 3)
        assert "joined from another phone" in said(page)[0]
        page = await post(second, room, "join", name="  Sam   Lee ")
        assert "Waiting for the facilitator to let you in." in said(page)[0]
        assert [asking.name for asking in room.waiting.values()] == ["Sam Lee"]
        device = next(iter(room.waiting))
        await room.let_in(device)
        page = await (await second.get(room.url)).text()
        assert "Send an idea" in page and "Sam Lee" in page
        assert room.host.workshop.participants[-1].name == "Sam Lee"


async def test_the_room_is_capped_and_a_removed_name_loses_its_phone(room, monkeypatch):
    monkeypatch.setattr("tui_roadmap.room.server.MAX_WAITING", 1)
    workshop = room.host.workshop
    async with phone() as sam, phone() as kim, phone() as dana:
        await post(sam, room, "join", name="Sam")
        page = await post(kim, room, "join", name="Kim")
        assert said(page) == ["The room is full."] and [asking.name for asking in room.waiting.values()] == ["Sam"]
        await join(dana, room, 6)
        workshop.remove_participant(6)
        newcomer = workshop.add_participant("Dana Two")
        assert newcomer.id == 6  # the id comes round again...
        page = await (await dana.get(address(room))).text()
        assert "Who are you?" in page  # ...but not the phone that had it


# -------------------------------------------------------------------- ideas


async def test_ideas_from_phones_follow_the_typed_rules(room):
    workshop = room.host.workshop
    async with phone() as tom:
        await join(tom, room, 4)
        page = await post(tom, room, "idea", text="  Dark   mode\tfor night ", goal="2")
        assert said(page) == ["Added as idea 19. It looks like idea 12: \u201cDark mode\u201d."]
        idea = workshop.ideas[-1]
        assert (idea.text, idea.goal_id, idea.proposer, workshop.sent[idea.id]) == ("Dark mode for night", 2, "Tom", 4)
        page = await post(tom, room, "idea", text="   ")
        assert said(page) == ["An idea cannot be empty."] and len(workshop.ideas) == 19
        page = await post(tom, room, "idea", text="Wardrobe", goal="9")
        assert "There is no goal 9" in said(page)[0]
        workshop.hold = True
        page = await post(tom, room, "idea", text="<script>alert(1)</script> & <b>bold</b>")
        assert "once they have read it" in said(page)[0] and len(workshop.ideas) == 19
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
        assert "<script>alert" not in page and "<b>" not in page
        assert workshop.held[0].text == "<script>alert(1)</script> & <b>bold</b>"


async def test_no_cookie_a_wrong_cookie_and_a_forged_form_change_nothing(room):
    workshop = room.host.workshop
    before = room.host.changes
    async with phone() as stranger, phone() as lena:
        page = await (await stranger.get(address(room))).text()
        answer = await stranger.post(address(room) + "idea", data={"csrf": csrf_of(page), "text": "Spam"})
        assert said(await answer.text()) == ["Join first: pick your name."]
        # A cookie the room did not give out is no cookie at all (it cannot be planted on a phone).
        stranger.cookie_jar.update_cookies(
            {COOKIE: "x" * 32 + ".0123456789abcdef0123456789abcdef"}, response_url=aiohttp.client.URL(address(room))
        )
        answer = await stranger.post(address(room) + "idea", data={"csrf": csrf_of(page), "text": "Spam"})
        assert said(await answer.text()) == ["Join first: pick your name."]
        await join(lena, room, 3)
        lena_page = await (await lena.get(room.url)).text()
        answer = await stranger.post(room.url + "idea", data={"csrf": csrf_of(lena_page), "text": "Spam"})
        assert answer.status == 403  # Lena's page's token is no good with another cookie
        answer = await lena.post(room.url + "idea", data={"csrf": "made.up", "text": "Spam"})
        assert answer.status == 403
        answer = await lena.post(room.url + "idea", data={"text": "Spam"})
        assert answer.status == 403
    assert all(idea.text != "Spam" for idea in workshop.ideas)
    assert room.host.changes == before + 1  # Lena's join, nothing else


# -------------------------------------------------------------------- ballots


async def test_a_phone_casts_its_own_ballot_within_its_budget_and_cap():
    workshop = sample_on_ballots()
    server = RoomServer(Host(workshop), RoomKeys(trust_names=True), lambda keys: None, "127.0.0.1", clock=Clock())
    await server.start()
    try:
        async with phone() as lena, phone() as tom:
            await join(lena, server, 3)
            await join(tom, server, 4)
            first, second = workshop.ideas[0].id, workshop.ideas[1].id
            page = await post(lena, server, "dot", idea=str(first), change="1")
            assert "3 of 4 dots left" in page and "Only you see your dots" in page
            await post(lena, server, "dot", idea=str(first), change="1")
            page = await post(lena, server, "dot", idea=str(first), change="1")
            assert said(page) == ["You can put at most 2 dots on one idea: this one has 2 of yours."]  # 2 of 4
            await post(lena, server, "dot", idea=str(second), change="1")
            await post(lena, server, "dot", idea=str(second), change="1")
            page = await post(lena, server, "dot", idea=str(workshop.ideas[2].id), change="1")
            assert said(page) == ["You have used all 4 dots: take one off an idea to move it."]
            page = await post(tom, server, "dot", idea=str(first), change="-1")
            assert said(page) == ["You have no dot on this idea to take off."]  # Tom cannot take Lena's dot
            page = await post(lena, server, "dot", idea=str(first), change="7")
            assert said(page) == ["That did not come through: try again."]
            token = csrf_of(page)
            page = await post(lena, server, "hand-in")
            assert "Your ballot is in" in page and "4 of your 4 dots" in page
            page = await post(lena, server, "dot", csrf=token, idea=str(first), change="-1")
            assert said(page) == ["Your ballot is handed in."]
        assert workshop.vote.ballots == {3: {first: 2, second: 2}} and workshop.vote.done == [3]
        assert 3 not in [p.id for p in ballots.waiting(workshop)]
        # The laptop's round offers neither Lena (in) nor Tom (on his phone).
        assert ballots.next_voter(workshop).name == "Priya"
    finally:
        await server.stop()


async def test_a_phone_is_told_the_cap_the_room_sets_and_its_page_follows_a_new_one():
    workshop = sample_on_ballots()
    server = RoomServer(Host(workshop), RoomKeys(trust_names=True), lambda keys: None, "127.0.0.1", clock=Clock())
    await server.start()
    try:
        async with phone() as lena:
            await join(lena, server, 3)
            first = str(workshop.ideas[0].id)
            page = await post(lena, server, "dot", idea=first, change="1")
            assert "at most 2 on one idea" in page
            shown = await (await lena.get(address(server) + "state")).text()
            workshop.set_max_per_idea(1)  # the room lowers the cap: the page reloads by itself (app.js)
            assert await (await lena.get(address(server) + "state")).text() != shown
            page = await post(lena, server, "dot", idea=first, change="1")
            assert said(page) == ["You can put at most 1 dot on one idea: this one has 1 of yours."]
            assert "at most 1 on one idea" in page
            assert workshop.vote.ballots == {3: {workshop.ideas[0].id: 1}}
    finally:
        await server.stop()


async def test_thirty_phones_voting_at_once_count_every_dot_once(monkeypatch):
    workshop = sample_on_ballots()
    names = [f"Voter {n}" for n in range(1, 25)]
    for name in names:
        workshop.add_participant(name)
    assert len(workshop.participants) == 30
    workshop.set_dots_each(3)
    workshop.set_max_per_idea(3)
    # Thirty phones on one address here (in a room, each has its own): no rate or connection cap.
    monkeypatch.setattr("tui_roadmap.room.server.MAX_PER_CLIENT", 10_000)
    server = RoomServer(
        Host(workshop), RoomKeys(trust_names=True), lambda keys: None, "127.0.0.1", clock=Clock(), rate=(1e6, 1e6)
    )
    await server.start()
    ideas = [idea.id for idea in workshop.ideas]

    async def vote(person: int) -> None:
        async with phone() as session:
            await join(session, server, person)
            for n in range(3):
                await post(session, server, "dot", idea=str(ideas[(person + n) % len(ideas)]), change="1")
            await post(session, server, "hand-in")

    try:
        await asyncio.wait_for(asyncio.gather(*(vote(p.id) for p in workshop.participants)), 120)
    finally:
        await server.stop()
    assert sum(tally(workshop).values()) == 90
    assert all(sum(b.values()) == 3 for b in workshop.vote.ballots.values()) and len(workshop.vote.ballots) == 30
    assert sorted(workshop.vote.done) == sorted(p.id for p in workshop.participants)
    expected: dict[int, int] = {}
    for person in workshop.participants:
        for n in range(3):
            idea = ideas[(person.id + n) % len(ideas)]
            expected[idea] = expected.get(idea, 0) + 1
    assert {i: d for i, d in tally(workshop).items() if d} == expected


# ----------------------------------------------------- text from a phone

HOSTILE = {
    "CSI: erase the screen, red": ("\x1b[2J\x1b[31mHACKED", "HACKED"),
    "OSC 2: the terminal's title": ("Eve\x1b]2;PWNED\x07", "Eve"),
    "OSC 52: the clipboard": ("Eve\x1b]52;c;ZWNobyBoaQ==\x07", "Eve"),
    "OSC 8: a link": ("\x1b]8;;https://evil.example\x1b\\Eve\x1b]8;;\x1b\\", "Eve"),
    "BEL": ("Eve\x07\x07\x07", "Eve"),
    "C1 CSI": ("Eve\x9b2J\x9b31m", "Eve"),
    "bidi override": ("Eve\u202egnp.exe", "Evegnp.exe"),
    "Rich markup": (
        "[red]Eve[/red] [link=https://evil.example]x[/link]",
        "[red]Eve[/red] [link=https://evil.example]x[/link]",
    ),
}
"""What a phone may send, and the text the room keeps of it (markup is
text: it is kept as typed, and drawn as typed)."""

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Controls of any kind, but the line breaks a page is written with."""


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_a_name_from_a_phone_is_cleaned_at_the_door_as_a_typed_one(room, case):
    sent, kept = HOSTILE[case]
    async with phone() as stranger:
        page = await (await stranger.get(address(room))).text()
        answer = await stranger.post(address(room) + "join", data={"csrf": csrf_of(page), "name": sent})
        assert answer.status == 200
        page = await answer.text()
    assert [asking.name for asking in room.waiting.values()] == [kept]
    assert not CONTROLS.search(page)


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_an_idea_from_a_phone_is_cleaned_as_a_typed_one(room, case):
    sent, kept = HOSTILE[case]
    workshop = room.host.workshop
    async with phone() as tom:
        await join(tom, room, 4)
        await post(tom, room, "idea", text=f"Idea {sent}")
        workshop.hold = True
        await post(tom, room, "idea", text=f"Held {sent}")
    assert workshop.ideas[-1].text == f"Idea {kept}"
    assert workshop.held[-1].text == f"Held {kept}"


async def test_a_file_sent_where_text_belongs_is_refused_not_taken_as_text(room):
    workshop = room.host.workshop
    before = len(workshop.ideas)
    async with phone() as tom:
        await join(tom, room, 4)
        csrf = csrf_of(await (await tom.get(address(room))).text())
        form = aiohttp.FormData()
        form.add_field("csrf", csrf)
        form.add_field("text", b"Outfit calendar", filename="a.txt", content_type="text/plain")
        answer = await tom.post(address(room) + "idea", data=form)
        assert said(await answer.text()) == ["That did not come through: try again."]
    async with phone() as stranger:
        page = await (await stranger.get(address(room))).text()
        form = aiohttp.FormData()
        form.add_field("csrf", csrf_of(page))
        form.add_field("name", b"Eve", filename="name.txt", content_type="text/plain")
        answer = await stranger.post(address(room) + "join", data=form)
        assert answer.status == 400 and answer.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert len(workshop.ideas) == before and not room.waiting
    assert not [idea for idea in workshop.ideas if "FileField" in idea.text]


# ------------------------------------------------------------ hostile clients


async def test_everything_but_the_room_gets_the_same_404(room):
    async with aiohttp.ClientSession() as client:
        root = f"http://127.0.0.1:{room.port}"
        token = room.keys.token
        wrong = token[:-1] + ("y" if token[-1] == "x" else "x")  # one letter off, whatever the token
        shouted = token.upper() if token.upper() != token else token + "X"
        answers = []
        for method, path in [
            ("GET", "/"),
            ("GET", "/r/"),
            ("GET", f"/r/{wrong}/"),
            ("GET", f"/r/{token}"),
            ("POST", f"/r/{shouted}/idea"),
            ("GET", f"/r/{token}/join"),
            ("DELETE", f"/r/{token}/"),
            ("GET", "/../../etc/passwd"),
            ("GET", f"/r/{token}/../../sessions/fabrikam-h1-2027.json"),
            ("GET", f"/r/{token}/static/app.js"),
        ]:
            async with client.request(method, root + path) as answer:
                answers.append((answer.status, await answer.read(), answer.headers.get("Content-Security-Policy")))
        assert len(set(answers)) == 1 and answers[0][0] == 404


async def test_a_big_body_is_refused_and_the_room_goes_on(room):
    async with phone() as tom:
        await join(tom, room, 4)
        page = await (await tom.get(room.url)).text()
        answer = await tom.post(room.url + "idea", data={"csrf": csrf_of(page), "text": "x" * 1_000_000})
        assert answer.status == 413
        page = await post(tom, room, "idea", text="Still here")
        assert said(page) == ["Added as idea 19."]


async def test_a_client_too_fast_is_slowed_down(room):
    clock: Clock = room.clock  # type: ignore[assignment]
    async with aiohttp.ClientSession() as client:
        statuses = [(await client.get(room.url)).status for _ in range(int(BURST) + 5)]
        assert statuses.count(200) == int(BURST) and set(statuses[int(BURST) :]) == {429}
        clock.now += 1.0  # a second later, ten more
        statuses = [(await client.get(room.url)).status for _ in range(12)]
        assert statuses.count(200) == 10


async def test_two_hundred_connections_and_a_slow_client_do_not_stop_the_room(room, monkeypatch):
    # One address here; the sweep that trims one address's connections is
    # tested on its own (below): here it waits, to see the room's own cap.
    monkeypatch.setattr("tui_roadmap.room.server.SWEEP_SECONDS", 3600.0)
    await room.stop()
    await room.start()
    opened = []
    try:
        for _ in range(200):
            opened.append(await asyncio.open_connection("127.0.0.1", room.port))
        slow_reader, slow_writer = opened[0]
        slow_writer.write(b"GET " + room.base.encode() + b" HTTP/1.1\r\nHost: x\r\n")  # and never the end
        await slow_writer.drain()
        async with phone() as tom:
            page = await join(tom, room, 4)
            assert said(page) == ["You are in."]
        # Over the cap, a connection is closed at once.
        extra = [await asyncio.open_connection("127.0.0.1", room.port) for _ in range(MAX_CONNECTIONS - 200 + 5)]
        opened += extra
        reader, _ = extra[-1]
        assert await asyncio.wait_for(reader.read(), 30) == b""
    finally:
        for _, writer in opened:
            writer.close()


async def test_closing_the_room_drops_every_connection(room):
    reader, writer = await asyncio.open_connection("127.0.0.1", room.port)
    port = room.port
    await room.stop()
    assert await asyncio.wait_for(reader.read(), 30) == b""
    writer.close()
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", port)


# ------------------------------------------------------- from the security review


async def test_a_name_is_one_phones_even_when_two_ask_at_once(room):
    async with phone() as first, phone() as second:
        pages = [await (await session.get(address(room))).text() for session in (first, second)]
        answers = await asyncio.gather(
            *(
                session.post(address(room) + "join", data={"csrf": csrf_of(page), "person": "3"})
                for session, page in zip((first, second), pages, strict=True)
            )
        )
        texts = [said(await answer.text()) for answer in answers]
        assert sorted(t[0].split(".")[0] for t in texts) == ["That name has joined from another phone", "You are in"]
        assert list(room.keys.devices.values()) == ["Lena"]


async def test_phones_act_only_on_their_step(room):
    workshop = room.host.workshop
    async with phone() as tom:
        await join(tom, room, 4)
        token = csrf_of(await (await tom.get(address(room))).text())
        workshop.set_step("vote")
        page = await post(tom, room, "idea", csrf=token, text="Late idea")
        assert said(page) == ["The room is not collecting ideas now: look at the big screen."]
        workshop.set_step("goals")
        page = await post(tom, room, "dot", csrf=token, idea="1", change="1")
        assert said(page) == ["The room is not voting now: look at the big screen."]
    assert all(idea.text != "Late idea" for idea in workshop.ideas)


async def test_a_pages_token_expires_and_bad_bodies_are_refused_plainly(room):
    clock: Clock = room.clock  # type: ignore[assignment]
    async with phone() as tom:
        await join(tom, room, 4)
        token = csrf_of(await (await tom.get(address(room))).text())
        clock.now += 3601
        answer = await tom.post(address(room) + "idea", data={"csrf": token, "text": "Old page"})
        assert answer.status == 403
        answer = await tom.post(
            address(room) + "idea", data=b"--x\r\n", headers={"Content-Type": "multipart/form-data"}
        )
        assert answer.status == 400 and answer.headers["Content-Security-Policy"]
        answer = await tom.post(
            address(room) + "idea",
            data=b"text=a",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=nope"},
        )
        assert answer.status == 400
        assert answer.headers["Server"] == "tui-roadmap"  # no versions given away
        page = await post(tom, room, "idea", text="Still works")
        assert said(page) == ["Added as idea 19."]


async def test_one_address_cannot_keep_the_rooms_connections(room, monkeypatch):
    monkeypatch.setattr("tui_roadmap.room.server.SWEEP_SECONDS", 0.01)
    await room.stop()
    await room.start()  # with the quick sweep
    opened = [await asyncio.open_connection("127.0.0.1", room.port) for _ in range(20)]
    try:
        # The four oldest are closed by the room (their reads end), the rest stay.
        for reader, _ in opened[:4]:
            assert await asyncio.wait_for(reader.read(), 60) == b""
        async with phone() as tom:
            assert said(await join(tom, room, 4)) == ["You are in."]
    finally:
        for _, writer in opened:
            writer.close()


async def test_every_interface_is_refused(room):
    from tui_roadmap.room.host import check_address

    assert check_address("127.0.0.1") == "127.0.0.1" and check_address("::1") == "::1"
    for address_text, reason in (
        ("0.0.0.0", "every interface"),
        ("::", "every interface"),
        ("laptop.local", "not an IP"),
    ):
        with pytest.raises(ValueError, match=reason):
            check_address(address_text)
