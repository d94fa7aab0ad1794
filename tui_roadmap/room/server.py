"""The room's web server: aiohttp, in the app's own event loop.

Nothing listens until the facilitator opens the room, and then only on the
address the screen shows (the laptop's address on the room's network, or
the one ``--room-host`` names). Every address but the room's pages gets the
same 404: the room's are under ``/r/<token>/``, with an unguessable token.

A phone joins by picking a name (or typing a new one, which the facilitator
lets in); its cookie (HttpOnly, SameSite=Strict, for this room's pages only)
says who it is, and a phone can change only its own ballot. Every change is
a POST with the page's anti-forgery token, goes through the facilitator's
screen (the same rules and the same store as the keyboard), and is answered
only once it is on disk. Request size and rate, participants and
connections are capped.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from importlib import resources
from typing import Any, TypeVar

from aiohttp import web

from tui_roadmap.files.rooms import RoomKeys, device_hash
from tui_roadmap.room import page
from tui_roadmap.room.host import Host, NotSaved
from tui_roadmap.workshop import room
from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.text import clean

T = TypeVar("T")

COOKIE = "roadmap_room"
MAX_BODY = 16 * 1024
"""The largest request body, in bytes (an idea is at most a few hundred)."""
MAX_DEVICES = 100
"""The most phones that may join one room."""
MAX_WAITING = 30
"""The most new names that may wait to be let in."""
MAX_NAME = 80
"""The longest name a phone may ask for (as the model keeps names)."""
MAX_CONNECTIONS = 256
"""The most connections open at once; more are closed at once."""
MAX_PER_CLIENT = 16
"""The most connections one address may keep open (its oldest are closed)."""
CONNECTION_SECONDS = 120.0
"""A connection is closed after this long, however slow its client (phones reconnect)."""
SWEEP_SECONDS = 1.0
"""How often the connections are looked over for those two limits."""
TOKEN_SECONDS = 3600.0
"""How long a page's anti-forgery token is good for."""
REMEMBERED = 2048
"""The most clients whose rate, or whose message to show, is remembered."""
KEEPALIVE_SECONDS = 10.0
RATE = 10.0
"""Requests a second one client may make, on average..."""
BURST = 40.0
"""...with this many at once."""
SAVE_SECONDS = 5.0
"""How long a phone waits for its change to be on disk before it is told it is not."""

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Server": "tui-roadmap",
}


def text_field(form: Mapping[str, object], name: str) -> str:
    """A form's text field ("" if it is not there). A file sent where text
    belongs is refused (ValueError: the request gets a plain 400, or the
    phone is told it did not come through), never taken as text."""
    value = form.get(name, "")
    if not isinstance(value, str):
        raise ValueError(f"the field {name!r} is not text")
    return value


def not_found() -> web.Response:
    """The one answer to everything that is not the room's."""
    return web.Response(status=404, text="Not found\n", headers=HEADERS)


class _Refused(asyncio.Protocol):
    """A connection over the cap: closed at once."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()


class RoomServer:
    """The room of one session, while it is open."""

    def __init__(
        self,
        host: Host,
        keys: RoomKeys,
        keep_keys: Callable[[RoomKeys], None],
        address: str,
        clock: Callable[[], float] = time.monotonic,
        rate: tuple[float, float] = (RATE, BURST),
    ) -> None:
        self.host = host
        self.clock = clock
        """The clock the rate of requests is measured by."""
        self.rate, self.burst = rate
        self.keys = keys
        self.keep_keys = keep_keys
        self.address = address
        self.port: int | None = None
        self.waiting: dict[str, str] = {}
        """Phones (by cookie hash) of new names waiting to be let in -> the name."""
        self._flash: OrderedDict[str, tuple[str, bool]] = OrderedDict()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._seen: dict[int, float] = {}
        """When each connection (by id) was first seen by the sweep."""
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.AbstractServer | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self.app = self._make_app()

    # ----------------------------------------------------------- open, close

    @property
    def base(self) -> str:
        return f"/r/{self.keys.token}/"

    @property
    def url(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{host}:{self.port}{self.base}"

    async def start(self) -> str:
        """Listen (on the port of last time if it is free); returns the address."""
        runner = web.AppRunner(self.app, access_log=None, keepalive_timeout=KEEPALIVE_SECONDS, handle_signals=False)
        await runner.setup()
        server = runner.server
        assert server is not None
        loop = asyncio.get_running_loop()

        def connection() -> asyncio.Protocol:
            if len(server.connections) >= MAX_CONNECTIONS:
                return _Refused()
            return server()

        listener = None
        for port in (self.keys.port, 0):
            if port is None:
                continue
            try:
                listener = await loop.create_server(connection, self.address, port, reuse_address=True)
                break
            except OSError:
                if port == 0:
                    await runner.cleanup()
                    raise
        assert listener is not None
        self._runner, self._listener = runner, listener
        self._sweeper = asyncio.create_task(self._sweep(server))
        self.port = listener.sockets[0].getsockname()[1]
        if self.keys.port != self.port:
            self.keys.port = self.port
            self.keep_keys(self.keys)
        return self.url

    async def _sweep(self, server: web.Server) -> None:
        """Close connections kept too long, and the oldest of an address
        that keeps too many (one client cannot take the room's places)."""
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            now = self.clock()
            by_client: dict[str, list[Any]] = {}
            alive = set()
            for handler in list(server.connections):
                alive.add(id(handler))
                first = self._seen.setdefault(id(handler), now)
                if now - first > CONNECTION_SECONDS:
                    handler.force_close()
                    continue
                peer = handler.transport.get_extra_info("peername") if handler.transport is not None else None
                by_client.setdefault(str(peer[0]) if peer else "", []).append(handler)
            self._seen = {key: when for key, when in self._seen.items() if key in alive}
            for handlers in by_client.values():
                handlers.sort(key=lambda h: self._seen.get(id(h), now))
                for handler in handlers[: max(0, len(handlers) - MAX_PER_CLIENT)]:
                    handler.force_close()

    def shut(self) -> None:
        """Stop listening and drop every connection, at once (the app is
        being stopped: nothing more may come in)."""
        listener, runner = self._listener, self._runner
        if self._sweeper is not None:
            self._sweeper.cancel()
        if listener is not None:
            listener.close()
        if runner is not None and runner.server is not None:
            for handler in list(runner.server.connections):
                handler.force_close()
        self._listener = None

    async def stop(self) -> None:
        """Stop listening and drop every connection."""
        listener, runner = self._listener, self._runner
        self.shut()
        self._runner = None
        if runner is not None:
            await runner.cleanup()
        if listener is not None:
            await listener.wait_closed()

    @property
    def open(self) -> bool:
        return self._listener is not None

    # ------------------------------------------------------------- who is who

    def _holder(self, name: str) -> int | None:
        """The participant a phone joined as, if they are still in the
        session and joined from a phone (by name: an undo may give them
        another id, and a removed person's id may come round again)."""
        person = room.by_name(self.host.workshop, name)
        return person.id if person is not None and person.id in self.host.workshop.phones else None

    def joined(self) -> list[int]:
        """The participants who joined from a phone (that are still in the session)."""
        return sorted({pid for pid in map(self._holder, self.keys.devices.values()) if pid is not None})

    def _take(self, device: str, name: str) -> None:
        """This phone is ``name``'s, and no other phone is."""
        for other, held in list(self.keys.devices.items()):
            if other != device and held.casefold() == name.casefold():
                del self.keys.devices[other]
        self.keys.devices[device] = name
        self.keep_keys(self.keys)

    async def let_in(self, device: str) -> None:
        """The facilitator lets a new name in: the name joins the session."""
        name = self.waiting.get(device)
        if name is None:
            return

        def add(workshop: Workshop) -> int:
            person = workshop.add_participant(name)
            room.join(workshop, person.name)
            return person.id

        self.waiting.pop(device, None)
        self._take(device, name)  # before the wait: no other phone can take the name meanwhile
        try:
            await self.host.change(add, f"{name} joined from a phone")
        except WorkshopError:
            self.keys.devices.pop(device, None)
            self.waiting[device] = name
            raise
        finally:
            self.host.room_changed()

    def forget(self, device: str) -> None:
        """Free a participant's name for another phone (theirs lost its
        cookie, or they changed phones); their ballot stays theirs."""
        if self.keys.devices.pop(device, None) is not None:
            self.keep_keys(self.keys)
            self.host.room_changed()

    def devices(self) -> list[tuple[str, int]]:
        """The joined phones (cookie hash, participant), in the session's order."""
        order = {p.id: n for n, p in enumerate(self.host.workshop.participants)}
        held = [(device, self._holder(name)) for device, name in self.keys.devices.items()]
        return sorted(((d, p) for d, p in held if p is not None), key=lambda pair: order[pair[1]])

    def turn_away(self, device: str) -> None:
        """The facilitator does not let a new name in."""
        if self.waiting.pop(device, None) is not None:
            self._back(device, "The facilitator did not let that name in: pick yours, or ask.", True)
            self.host.room_changed()

    # -------------------------------------------------------------- the app

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        base = self.base
        app.router.add_get(base, self._page)
        app.router.add_get(f"{base}app.js", self._static("app.js", "text/javascript"))
        app.router.add_get(f"{base}app.css", self._static("app.css", "text/css"))
        app.router.add_post(f"{base}join", self._join)
        app.router.add_post(f"{base}idea", self._idea)
        app.router.add_post(f"{base}dot", self._dot)
        app.router.add_post(f"{base}hand-in", self._hand_in)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        """The same 404 for every address that is not the room's (whatever
        the method), a cap on each client's rate, and the security headers."""
        if request.match_info.http_exception is not None:
            return not_found()
        if not self._allow(request.remote or ""):
            return web.Response(status=429, text="Too many requests: slow down.\n", headers=HEADERS)
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413, text="Too big.\n", headers=HEADERS)
        except (ValueError, LookupError, web.HTTPException):
            return web.Response(status=400, text="That request could not be read.\n", headers=HEADERS)
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def _allow(self, client: str) -> bool:
        now = self.clock()
        tokens, last = self._buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        self._buckets[client] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > REMEMBERED:
            self._buckets.popitem(last=False)  # the longest unheard of: it has its whole burst back by now
        return allowed

    def _static(self, name: str, kind: str) -> Callable[[web.Request], Awaitable[web.Response]]:
        body = (resources.files("tui_roadmap.room") / "static" / name).read_bytes()

        async def serve(request: web.Request) -> web.Response:
            return web.Response(body=body, content_type=kind, charset="utf-8", headers={"Cache-Control": "no-cache"})

        return serve

    # ---------------------------------------------------------- the cookies

    def _mac(self, *parts: str) -> str:
        message = "|".join(parts).encode()
        return hmac.new(self.keys.secret.encode(), message, hashlib.sha256).hexdigest()[:32]

    def _new_cookie(self) -> str:
        """A phone's cookie: random, and signed, so that only cookies this
        room gave out are taken (a cookie set by someone else is not)."""
        value = secrets.token_urlsafe(24)
        return f"{value}.{self._mac('cookie', value)}"

    def _device(self, request: web.Request) -> str | None:
        cookie = request.cookies.get(COOKIE, "")
        value, _, signature = cookie.partition(".")
        if not value or len(cookie) > 120 or not hmac.compare_digest(signature, self._mac("cookie", value)):
            return None
        return device_hash(cookie)

    def _person(self, device: str | None) -> int | None:
        name = self.keys.devices.get(device) if device is not None else None
        return self._holder(name) if name is not None else None

    def _csrf(self, device: str | None) -> str:
        """A page's anti-forgery token: for this phone, good for an hour."""
        issued = str(int(self.clock()))
        nonce = secrets.token_urlsafe(9)
        return f"{issued}.{nonce}.{self._mac('form', device or '-', issued, nonce)}"

    def _csrf_ok(self, device: str | None, token: Any) -> bool:
        if not isinstance(token, str) or token.count(".") != 2:
            return False
        issued, nonce, signature = token.split(".")
        if not issued.isascii() or not issued.isdigit() or not 0 <= self.clock() - int(issued) <= TOKEN_SECONDS:
            return False
        return hmac.compare_digest(signature, self._mac("form", device or "-", issued, nonce))

    def _back(
        self, device: str | None, message: str = "", error: bool = False, cookie: str | None = None, anchor: str = ""
    ) -> web.Response:
        """After a change: back to the page (303), which shows ``message``
        (at ``anchor``, so that a long ballot stays where the thumb was)."""
        if device is not None and message:
            self._flash[device] = (message, error)
            while len(self._flash) > REMEMBERED:
                self._flash.popitem(last=False)
        location = self.base + (f"#{anchor}" if anchor and not message else "")
        response = web.Response(status=303, headers={"Location": location, **HEADERS})
        if cookie is not None:
            response.set_cookie(COOKIE, cookie, path=self.base, httponly=True, samesite="Strict", max_age=7 * 24 * 3600)
        return response

    def _html(self, text: str, status: int = 200) -> web.Response:
        return web.Response(status=status, text=text, content_type="text/html", charset="utf-8")

    # ------------------------------------------------------------ the pages

    async def _page(self, request: web.Request) -> web.Response:
        workshop = self.host.workshop
        device = self._device(request)
        message, error = self._flash.pop(device, ("", False)) if device else ("", False)
        person_id = self._person(device)
        if person_id is None:
            if device is not None and device in self.waiting:
                return self._html(page.waiting_page(workshop, self.base, self.waiting[device]))
            taken = set(self.joined())
            return self._html(page.join_page(workshop, self.base, self._csrf(device), taken, message, error))
        person = workshop.participant(person_id)
        csrf = self._csrf(device)
        if workshop.step == "ideas":
            mine = [idea.text for idea in workshop.ideas if workshop.sent.get(idea.id) == person_id]
            mine += [held.text for held in workshop.held if held.sender == person_id]
            return self._html(page.ideas_page(workshop, self.base, csrf, person, mine, message, error))
        if workshop.step == "vote" and workshop.vote.secret and not workshop.vote.closed:
            return self._html(page.ballot_page(workshop, self.base, csrf, person, message, error))
        return self._html(page.idle_page(workshop, self.base, person, page.step_text(workshop), message, error))

    async def _form(self, request: web.Request) -> tuple[str | None, Any] | None:
        device = self._device(request)
        form = await request.post()
        if not self._csrf_ok(device, form.get("csrf")):
            return None
        return device, form

    async def _join(self, request: web.Request) -> web.Response:
        device = self._device(request)
        form = await request.post()
        if not self._csrf_ok(device, form.get("csrf")):
            return web.Response(status=403, text="This page is out of date: go back and reload it.\n", headers=HEADERS)
        cookie = None
        if device is None:
            cookie = self._new_cookie()
            device = device_hash(cookie)
        if self._person(device) is not None:
            return self._back(device, cookie=cookie)
        workshop = self.host.workshop
        taken = set(self.joined())
        raw_person = text_field(form, "person")
        if raw_person.isascii() and raw_person.isdigit():
            person = next((p for p in workshop.participants if p.id == int(raw_person)), None)
            if person is None:
                return self._back(device, "That name is no longer in the session: pick yours.", True, cookie)
            if person.id in taken:
                return self._back(device, "That name has joined from another phone. Ask the facilitator if it is yours.", True, cookie)
            if len(self.keys.devices) >= MAX_DEVICES:
                return self._back(device, "The room is full.", True, cookie)
            name = person.name
            self._take(device, name)  # before the wait: a second phone asking meanwhile finds the name taken
            try:
                await self.host.change(lambda w: room.join(w, name), "joined from a phone")
            except (WorkshopError, NotSaved) as problem:
                if self.keys.devices.get(device) == name:
                    del self.keys.devices[device]
                return self._back(device, str(problem), True, cookie)
            finally:
                self.host.room_changed()
            return self._back(device, "You are in.", cookie=cookie)
        name = clean(text_field(form, "name"), MAX_NAME)  # as a typed name: no escape or control reaches the screen
        if not name:
            return self._back(device, "Pick your name, or type it.", True, cookie)
        existing = room.by_name(workshop, name)
        if existing is not None:
            return self._back(device, f"{existing.name} is in the list above: pick it.", True, cookie)
        if any(waiting.casefold() == name.casefold() for waiting in self.waiting.values()):
            return self._back(device, f"{name} is already waiting to be let in.", True, cookie)
        if len(self.waiting) >= MAX_WAITING or len(self.keys.devices) >= MAX_DEVICES:
            return self._back(device, "The room is full.", True, cookie)
        self.waiting[device] = name
        self.host.room_changed()
        return self._back(device, cookie=cookie)

    async def _changed(
        self,
        request: web.Request,
        make: Callable[[int, Any], Callable[[Workshop], T]],
        what: str,
        done: Callable[[T], str],
        anchor: Callable[[Any], str] = lambda form: "",
    ) -> web.Response:
        """A change from a joined phone: checked, made, saved, then back to the page."""
        got = await self._form(request)
        if got is None:
            return web.Response(status=403, text="This page is out of date: go back and reload it.\n", headers=HEADERS)
        device, form = got
        person_id = self._person(device)
        if person_id is None:
            if device is None:  # nothing to keep a message for: the page itself says it
                page_html = page.join_page(
                    self.host.workshop, self.base, self._csrf(None), set(self.joined()), "Join first: pick your name.", True
                )
                return self._html(page_html)
            return self._back(device, "Join first: pick your name.", True)
        try:
            edit = make(person_id, form)
            result = await self.host.change(edit, what)
        except WorkshopError as problem:
            return self._back(device, str(problem), True)
        except NotSaved as problem:
            return self._back(device, f"Not saved: {problem}. The facilitator's screen says why; try again.", True)
        except ValueError:
            return self._back(device, "That did not come through: try again.", True)
        return self._back(device, done(result), anchor=anchor(form))

    async def _idea(self, request: web.Request) -> web.Response:
        def make(person_id: int, form: Any) -> Callable[[Workshop], room.Sent]:
            goal = text_field(form, "goal").strip()
            number = int(goal) if goal.isascii() and goal.isdigit() else None
            text = text_field(form, "text")
            return lambda w: room.send_idea(w, person_id, text, number)

        return await self._changed(request, make, "an idea from a phone", lambda sent: sent.message)

    async def _dot(self, request: web.Request) -> web.Response:
        def make(person_id: int, form: Any) -> Callable[[Workshop], None]:
            idea_id, change = int(text_field(form, "idea")), int(text_field(form, "change"))
            if change not in (1, -1):
                raise ValueError(change)
            return lambda w: room.cast(w, person_id, idea_id, change)

        def anchor(form: Any) -> str:
            idea = text_field(form, "idea")
            return f"idea-{idea}" if idea.isascii() and idea.isdigit() else ""

        return await self._changed(request, make, "a dot from a phone", lambda _: "", anchor)

    async def _hand_in(self, request: web.Request) -> web.Response:
        def make(person_id: int, form: Any) -> Callable[[Workshop], None]:
            return lambda w: room.hand_in(w, person_id)

        return await self._changed(request, make, "a ballot handed in from a phone", lambda _: "Your ballot is in.")
