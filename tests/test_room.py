"""The room from the facilitator's screen: F8 opens it on 127.0.0.1, phones
(HTTP clients) join, send ideas and vote; what they are told is saved is on
disk; an undo keeps what phones sent; the big screen never shows totals
while ballots are open; closing and quitting stop the server; a reopened
room knows its phones."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tui_roadmap.files.rooms import load_keys, save_keys
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.room.host import check_public_url
from tui_roadmap.ui.app import make_app
from tui_roadmap.workshop import ballots
from tui_roadmap.workshop.vote import tally

from .conftest import NOW, fixed_clock, load_sample, notifications, settle, type_keys, type_line
from .test_room_door import proxy
from .test_room_server import csrf_of, join, phone, post, said

NAME = "Fabrikam H1 2027"


def room_app(
    folder: SessionFolder,
    step: str = "ideas",
    ballots_open: bool = False,
    counted: bool = True,
    trust: bool = True,
    room_url: str | None = None,
):
    """The sample (its dots counted in the room, unless not ``counted``, or
    on open ballots), its room to open on 127.0.0.1: trusting participants'
    own names unless not ``trust`` (then every name waits for F9)."""
    workshop = load_sample()
    workshop.set_step(step)
    if ballots_open or not counted:
        workshop.vote.tallies.clear()
    if ballots_open:
        ballots.start(workshop)
    if not folder.path_for(NAME).exists():
        folder.create(NAME, NOW, workshop).close()
    path = folder.path_for(NAME)
    keys = load_keys(path)
    if keys.trust_names != trust:
        keys.trust_names = trust
        save_keys(path, keys)
    session = folder.open(NAME, NOW)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False, room_address="127.0.0.1", room_url=room_url)


def shown(app, selector: str) -> str:
    widget = app.screen.query_one(selector)
    if hasattr(widget, "plain"):
        return widget.plain
    if hasattr(widget, "option_count"):
        return "\n".join(str(widget.get_option_at_index(n).prompt) for n in range(widget.option_count))
    return str(widget.render())


async def test_ideas_from_a_phone_are_on_the_screen_and_on_disk_when_the_phone_is_told(folder):
    app = room_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert screen.room_server is None  # nothing listens before the room is opened
        await type_keys(pilot, "f8")
        server = screen.room_server
        assert server.open and server.address == "127.0.0.1"
        assert server.url.removeprefix("http://") in shown(app, "#room-panel")
        async with phone() as tom:
            await join(tom, server, 4)
            page = await post(tom, server, "idea", text="Outfit calendar", goal="2")
            assert said(page) == ["Added as idea 19."]
            on_disk = folder.load(NAME)  # before anything else happens: the phone was told
            assert on_disk.ideas[-1].text == "Outfit calendar" and on_disk.sent == {on_disk.ideas[-1].id: 4}
            await settle(pilot)
            assert "Outfit calendar" in shown(app, "#idea-list") and "(phone)" in shown(app, "#idea-list")
            assert "Joined (1): Tom" in shown(app, "#room-panel")
            await type_keys(pilot, "f10")  # the code, full screen, for the back of the room
            assert type(app.screen).__name__ == "QRScreen" and server.url in str(
                app.screen.query_one("#qr-big-text").render()
            )
            await type_keys(pilot, "escape")
            # The facilitator types an idea, a phone sends one, the facilitator undoes: the phone's stays.
            await type_line(pilot, "Typed on the laptop")
            page = await post(tom, server, "idea", text="Sent from the phone")
            assert said(page) == ["Added as idea 21."]
            await settle(pilot)
            sent = screen.workshop.ideas[-1]
            await type_keys(pilot, "ctrl+z")
            texts = [idea.text for idea in screen.workshop.ideas]
            assert "Typed on the laptop" not in texts and texts[-1] == "Sent from the phone"
            # The phone was told 21: its idea is still idea 21 (and the same idea for its dots).
            assert screen.workshop.ideas[-1] == sent and screen.workshop.sent[sent.id] == 4
            await type_keys(pilot, "ctrl+y")
            assert [idea.text for idea in screen.workshop.ideas][-2:] == ["Typed on the laptop", "Sent from the phone"]
            assert [idea.number for idea in screen.workshop.ideas][-2:] == [20, 21]
        port = server.port
        await type_keys(pilot, "f8")
        assert screen.room_server is None and not server.open
        with pytest.raises(OSError):
            await asyncio.open_connection("127.0.0.1", port)


async def test_the_room_opens_only_on_the_ideas_and_vote_steps(folder):
    app = room_app(folder, step="goals")
    async with app.run_test(size=(100, 30)) as pilot:
        said_on_screen = notifications(app)
        await type_keys(pilot, "f8")
        assert app.screen.room_server is None
        assert not said_on_screen or "Ideas or the Vote step" in said_on_screen[-1]
        await type_keys(pilot, "f3", "f8", "f2")
        assert app.screen.room_server.open  # open on one step, it stays open on the others
        async with phone() as lena:
            page = await join(lena, app.screen.room_server, 3)
            assert "The room is on the Goals step: look at the big screen." in page


async def test_a_secret_vote_from_phones_hides_the_totals_until_it_closes(folder):
    app = room_app(folder, step="vote", ballots_open=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await type_keys(pilot, "escape")  # from behind the cover, to the vote
        await type_keys(pilot, "f8")
        server = screen.room_server
        workshop = screen.workshop
        ideas = [idea.id for idea in workshop.ideas]
        async with phone() as lena, phone() as tom:
            await join(lena, server, 3)
            await join(tom, server, 4)
            for idea in (ideas[0], ideas[0], ideas[1], ideas[2]):
                await post(lena, server, "dot", idea=str(idea), change="1")
            await post(lena, server, "hand-in")
            for idea in (ideas[0], ideas[3]):
                await post(tom, server, "dot", idea=str(idea), change="1")
            await settle(pilot)
            panel = shown(app, "#room-panel")
            assert "Ballots in: 1 of 6; 6 dots cast" in panel and "Lena \u2713" in panel
            votes = shown(app, "#vote-list")
            assert "\u25cf" not in votes  # no dots on any idea
            assert "totals hidden" in shown(app, "#vote-header")
            assert "\u25cf" not in shown(app, "#ranking")
            await type_keys(pilot, "v")  # close: Tom and the others are asked about
            await type_keys(pilot, "y")
            assert workshop.vote.closed
            totals = tally(workshop)
            assert totals[ideas[0]] == 3 and totals[ideas[1]] == 1 and totals[ideas[3]] == 1
            page = await (await tom.get(server.url)).text()
            assert "The vote is closed" in page


async def test_the_room_panel_counts_every_ballot_handed_in_on_the_laptop_and_on_phones(folder):
    app = room_app(folder, step="vote", ballots_open=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await type_keys(pilot, "escape", "f8")  # from behind the cover, to the vote; the room opens
        server = screen.room_server
        workshop = screen.workshop
        async with phone() as lena:
            await join(lena, server, 3)
            await post(lena, server, "dot", idea=str(workshop.ideas[0].id), change="1")
            await post(lena, server, "hand-in")
        await settle(pilot)
        assert "Ballots in: 1 of 6; 1 dot cast" in shown(app, "#room-panel")
        # Priya's secret ballot on the laptop: the cover, her ballot, a dot, handed in; then back to the vote.
        for key in ("n", "enter", "plus", "enter", "escape"):
            await pilot.press(key)
            await settle(pilot)
        assert [p.name for p in workshop.participants if p.id in workshop.vote.done] == ["Priya", "Lena"]
        assert "Ballots in: 2 of 6; 2 dots cast" in shown(app, "#room-panel")


async def test_a_reopened_room_knows_its_phones(folder):
    app = room_app(folder, step="vote", ballots_open=True)
    async with phone() as lena:
        async with app.run_test(size=(100, 30)) as pilot:
            await type_keys(pilot, "escape", "f8")
            server = app.screen.room_server
            url = server.url
            await join(lena, server, 3)
            await post(lena, server, "dot", idea=str(app.screen.workshop.ideas[0].id), change="1")
            await type_keys(pilot, "ctrl+q")
            await settle(pilot)
        with pytest.raises(aiohttp.ClientConnectionError):
            await lena.get(url)  # quitting closed the room
        again = room_app(folder, step="vote")
        async with again.run_test(size=(100, 30)) as pilot:
            await type_keys(pilot, "escape", "f8")
            server = again.screen.room_server
            assert server.url == url  # the same address, if its port is free
            page = await (await lena.get(url)).text()
            assert "Lena" in page and "3 of 4 dots left" in page


async def test_the_facilitator_lets_a_new_name_in(folder):
    app = room_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "f8")
        server = app.screen.room_server
        async with phone() as sam:
            page = await (await sam.get(server.url)).text()
            await sam.post(server.url + "join", data={"csrf": csrf_of(page), "name": "Sam"})
            await settle(pilot)
            assert "Waiting to join (1): Sam" in shown(app, "#room-panel")
            await type_keys(pilot, "f9")
            await type_keys(pilot, "a")
            await type_keys(pilot, "escape")
            assert app.screen.workshop.participants[-1].name == "Sam"
            page = await (await sam.get(server.url)).text()
            assert "Send an idea" in page and "Sam" in page


async def test_once_the_app_is_stopping_no_phone_is_told_saved(folder):
    app = room_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "f8")
        server = app.screen.room_server
        async with phone() as tom:
            await join(tom, server, 4)
            token = csrf_of(await (await tom.get(f"http://127.0.0.1:{server.port}{server.base}")).text())
            app.screen.autosave.close()  # saving has stopped (the app is ending)
            page = await post(tom, server, "idea", csrf=token, text="Too late")
            assert said(page)[0].startswith("Not saved: the session is closing")
            app._close_rooms()  # what SIGHUP and SIGTERM do first
            with pytest.raises(aiohttp.ClientConnectionError):
                await tom.get(f"http://127.0.0.1:{server.port}{server.base}")
    assert (folder.root / ".rooms" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_the_room_never_listens_on_every_interface(tmp_path):
    from .test_cli import one_line_error, roadmap

    line = one_line_error(roadmap("--room-host", "0.0.0.0", "demo", cwd=tmp_path), 2)
    assert "every interface" in line and not (tmp_path / "sessions").exists()


async def test_a_phone_behind_a_tunnel_is_let_in_with_f9_and_votes(folder):
    app = room_app(folder, step="vote", ballots_open=True, room_url="https://room.example.org")
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "escape", "f8")
        server = app.screen.room_server
        assert server.url.startswith("https://room.example.org/r/") and server.url in shown(app, "#room-panel")
        runner, port = await proxy(f"http://127.0.0.1:{server.port}", "room.example.org", https=True)
        try:
            through = f"http://127.0.0.1:{port}{server.base}"
            async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as lena:
                page = await (await lena.get(through)).text()
                answer = await lena.post(
                    through + "join", data={"csrf": csrf_of(page), "person": "3"}, allow_redirects=False
                )
                assert "Secure" in answer.headers["Set-Cookie"]
                sent = {"Cookie": answer.headers["Set-Cookie"].split(";")[0]}
                page = await (await lena.get(through, headers=sent)).text()
                assert said(page) == ["Waiting for the facilitator to let you in."]
                await settle(pilot)
                assert "Waiting to join (1): Lena" in shown(app, "#room-panel")
                await type_keys(pilot, "f9")
                assert "A phone asks to be Lena" in shown(app, "#room-entries")
                await type_keys(pilot, "a", "escape")
                page = await (await lena.get(through, headers=sent)).text()
                idea = app.screen.workshop.ideas[0].id
                answer = await lena.post(
                    through + "dot", data={"csrf": csrf_of(page), "idea": str(idea), "change": "1"}, headers=sent
                )
                assert "3 of 4 dots left" in await answer.text()
            assert app.screen.workshop.vote.ballots[3] == {idea: 1}
            assert folder.load(NAME).vote.ballots[3] == {idea: 1}  # on disk before the phone was told
        finally:
            await runner.cleanup()


def test_a_tunnels_address_is_a_scheme_and_a_host(tmp_path):
    from .test_cli import one_line_error, roadmap

    assert check_public_url(" HTTPS://Room.Example.org/ ") == "https://room.example.org"
    assert check_public_url("http://laptop.ts.net:8443") == "http://laptop.ts.net:8443"
    for bad, reason in (
        ("ftp://x", "https:// and a host"),
        ("https://x.org/r/abc/", "more than a host"),
        ("x.org", "https://"),
    ):
        with pytest.raises(ValueError, match=reason):
            check_public_url(bad)
    line = one_line_error(roadmap("--room-url", "https://room.example.org/path", "demo", cwd=tmp_path), 2)
    assert line.startswith("roadmap: --room-url:") and "more than a host" in line
