"""The room's web server: aiohttp, in the app's own event loop.

Nothing listens until the facilitator opens the room, and then only on the
address the screen shows (the laptop's address on the room's network, or
the one ``--room-host`` names). Every address but the room's pages gets the
same 404: the room's are under ``/r/<token>/``, with an unguessable token.

A phone reaches the room by its address (the QR code), or by typing the
room's six-letter code at ``/join``. It joins by picking a name or typing a
new one, and waits until the facilitator lets it in (F9), unless the room
trusts its network with participants' own names; its cookie (HttpOnly,
SameSite=Strict, Secure behind an https tunnel, for this room's pages only)
says who it is, and a phone can change only its own ballot. Every change is
a POST with the page's anti-forgery token, goes through the facilitator's
screen (the same rules and the same store as the keyboard), and is answered
only once it is on disk.

The door: a request must name the room's host (the address shown, or the
tunnel's); every request, a 404 too, counts against its client's rate; a
connection must send its headers, and its body, within a few seconds; one
address keeps at most a few connections, and when all the places are taken
a newcomer takes one from the address that holds the most, never from a
phone that has joined.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import secrets
import time
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from importlib import resources
from typing import Any, TypeVar
from urllib.parse import urlsplit

from aiohttp import web
from msgspec import Struct

from tui_roadmap.files.rooms import RoomKeys, device_hash, normal_code
from tui_roadmap.room import page
from tui_roadmap.room.host import Host, NotSaved
from tui_roadmap.workshop import room
from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.text import clean
from tui_roadmap.workshop.vote import ballot_cap, dots_each

T = TypeVar("T")

COOKIE = "roadmap_room"
MAX_BODY = 16 * 1024
"""The largest request body, in bytes (an idea is at most a few hundred)."""
MAX_DEVICES = 100
"""The most phones that may join one room."""
MAX_WAITING = 30
"""The most phones that may wait to be let in."""
MAX_WAITING_PER_CLIENT = 3
"""The most phones of one address that may wait to be let in at once."""
WAIT_SECONDS = 60.0
"""A waiting phone not heard from this long is forgotten (its page asks every few seconds)."""
SHOWN_NAME = 16
"""How much of a name that waits is shown on the shared screen (F9 shows it whole)."""
MAX_NAME = 80
"""The longest name a phone may ask for (as the model keeps names)."""
MAX_CONNECTIONS = 256
"""The most connections open at once (see :meth:`RoomServer._admit` for who gets the next)."""
MAX_PER_CLIENT = 16
"""The most connections one address may keep open (its oldest are closed)."""
CONNECTION_SECONDS = 120.0
"""A connection is closed after this long, however slow its client (phones reconnect)."""
HEADER_SECONDS = 5.0
"""A connection that has not sent a whole request's headers this long after it
opened, or after its last answer, is closed (nginx's client_header_timeout)."""
BODY_SECONDS = 5.0
"""A request whose body has not all come this long after its headers gets 408."""
JOINED_SECONDS = 3600.0
"""An address a joined phone used is kept from strangers' takeover for this long."""
SWEEP_SECONDS = 1.0
"""How often the connections are looked over for those limits."""
TOKEN_SECONDS = 3600.0
"""How long a page's anti-forgery token is good for."""
REMEMBERED = 2048
"""The most clients whose rate, or whose message to show, is remembered."""
KEEPALIVE_SECONDS = 10.0
RATE = 10.0
"""Requests a second one client may make, on average..."""
BURST = 40.0
"""...with this many at once."""
CODE_TRIES = 5.0
"""Wrong join codes one client may try at once..."""
CODE_RATE = 1 / 12
"""...and then one more each 12 seconds (23**6 codes: years for a guesser)."""
MAX_WRONG_CODES = 200
"""Wrong codes, from every address together, after which the code stops working."""
SAVE_SECONDS = 5.0
"""How long a phone waits for its change to be on disk before it is told it is not."""

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
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


def plain(status: int, text: str) -> web.Response:
    """An error page: plain text, with the security headers."""
    return web.Response(status=status, text=text + "\n", headers=HEADERS)


class Asking(Struct):
    """A phone waiting for the facilitator's yes."""

    name: str
    person: int | None
    """The participant it asks to be (None: a new name)."""
    client: str
    """The address it asks from (the tunnel's client, behind a tunnel)."""
    seen: float
    """When it was last heard from (its page asks every few seconds)."""


class _Connection:
    """What the door knows of one open connection."""

    __slots__ = ("address", "busy", "idle_since", "opened", "protocol")

    def __init__(self, protocol: asyncio.BaseProtocol, address: str, now: float) -> None:
        self.protocol = protocol
        """aiohttp's handler of the connection."""
        self.address = address
        self.opened = now
        self.idle_since = now
        """Since when it has had no request in hand (its headers are due)."""
        self.busy = 0
        """How many of its requests are being answered."""


class _Door(asyncio.Protocol):
    """Each new connection is handed to the web server, or closed at once
    (asyncio's ``set_protocol``: the door decides by the client's address,
    which only the transport knows)."""

    def __init__(self, admit: Callable[[asyncio.BaseTransport], asyncio.Protocol | None]) -> None:
        self.admit = admit

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        protocol = self.admit(transport)
        if protocol is None:
            transport.close()
            return
        transport.set_protocol(protocol)
        protocol.connection_made(transport)


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
        """The clock rates and timeouts are measured by."""
        self.rate, self.burst = rate
        self.keys = keys
        self.keep_keys = keep_keys
        self.address = address
        self.port: int | None = None
        self.waiting: dict[str, Asking] = {}
        """Phones (by cookie hash) waiting to be let in."""
        self._flash: OrderedDict[str, tuple[str, bool]] = OrderedDict()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._code_buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._connections: dict[asyncio.BaseProtocol, _Connection] = {}
        self.wrong_codes = 0
        """Wrong codes typed at ``/join`` since the room opened."""
        self._joined_from: OrderedDict[str, float] = OrderedDict()
        """Addresses a joined phone made a request from, and when."""
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.AbstractServer | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self.app = self._make_app()

    # ----------------------------------------------------------- open, close

    @property
    def base(self) -> str:
        return f"/r/{self.keys.token}/"

    @property
    def local_url(self) -> str:
        """Where the room listens (on this computer's network)."""
        return f"http://{self._netloc()}{self.base}"

    @property
    def url(self) -> str:
        """The room's address as the phones are given it: the tunnel's, if it has one."""
        public = self.keys.public_url
        return public.rstrip("/") + self.base if public else self.local_url

    @property
    def join_url(self) -> str:
        """Where the room's code is typed."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}/join"

    @property
    def tunnel(self) -> bool:
        """True when the phones come through a tunnel's public address."""
        return self.keys.public_url is not None

    @property
    def asks(self) -> bool:
        """True when every name needs the facilitator's yes (always behind a tunnel)."""
        return self.tunnel or not self.keys.trust_names

    def _netloc(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{host}:{self.port}"

    async def start(self) -> str:
        """Listen (on the port of last time if it is free); returns the address."""
        runner = web.AppRunner(
            self.app, access_log=None, keepalive_timeout=KEEPALIVE_SECONDS, lingering_time=0, handle_signals=False
        )  # lingering_time=0: the unread rest of a refused body is not waited for
        await runner.setup()
        loop = asyncio.get_running_loop()
        self._runner = runner
        listener = None
        for port in (self.keys.port, 0):
            if port is None:
                continue
            try:
                listener = await loop.create_server(lambda: _Door(self._admit), self.address, port, reuse_address=True)
                break
            except OSError:
                if port == 0:
                    self._runner = None
                    await runner.cleanup()
                    raise
        assert listener is not None
        self._listener = listener
        self._sweeper = asyncio.create_task(self._sweep())
        self.port = listener.sockets[0].getsockname()[1]
        if self.keys.port != self.port:
            self.keys.port = self.port
            self.keep_keys(self.keys)
        return self.url

    # --------------------------------------------------------------- the door

    def _proxy(self, address: str) -> bool:
        """True for a tunnel's own connections (from this computer, with a
        public address set): they carry many clients."""
        if not self.tunnel:
            return False
        try:
            return ipaddress.ip_address(address).is_loopback or address == self.address
        except ValueError:
            return False

    def _protected(self, address: str) -> bool:
        """A joined phone's address (or the tunnel's): strangers never take its places."""
        if self._proxy(address):
            return True
        when = self._joined_from.get(address)
        return when is not None and self.clock() - when <= JOINED_SECONDS

    def _live(self) -> list[_Connection]:
        """The connections open now (those closed or closing are forgotten)."""
        for protocol in [p for p in self._connections if not _is_open(p)]:
            del self._connections[protocol]
        return list(self._connections.values())

    def connections(self) -> int:
        """How many connections are open now."""
        return len(self._live())

    def _close(self, connection: _Connection) -> None:
        self._connections.pop(connection.protocol, None)
        transport = getattr(connection.protocol, "transport", None)
        if transport is not None:
            transport.close()

    def _admit(self, transport: asyncio.BaseTransport) -> asyncio.Protocol | None:
        """A new connection: handed to the web server, or None (closed).

        One address keeps at most :data:`MAX_PER_CLIENT`, requests in hand
        counted (its own oldest idle one makes way; if none is idle, the new
        one is closed). When all :data:`MAX_CONNECTIONS` are taken, a
        newcomer takes an idle place of the address holding the most, if that
        holds more than the newcomer would; a joined phone's address takes
        one from any stranger; nobody takes a joined phone's."""
        runner = self._runner
        if runner is None or runner.server is None or self._listener is None:
            return None
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if peer else ""
        live = self._live()
        mine = [c for c in live if c.address == address]
        if len(mine) >= MAX_PER_CLIENT and not self._proxy(address):
            idle = [c for c in mine if not c.busy]
            if not idle:
                return None  # all its places are in use (a body trickling in counts)
            self._close(min(idle, key=lambda c: c.opened))
        elif len(live) >= MAX_CONNECTIONS:
            victim = self._victim(address, live)
            if victim is None:
                return None
            self._close(victim)
        protocol = runner.server()
        self._connections[protocol] = _Connection(protocol, address, self.clock())
        return protocol

    def _victim(self, address: str, live: list[_Connection]) -> _Connection | None:
        """The place a newcomer from ``address`` takes, if any: a stranger's,
        of the address holding the most, idle first (a request in hand of
        such an address is taken too: its body may be trickling in)."""
        counts = Counter(c.address for c in live)
        strangers = [c for c in live if c.address != address and not self._protected(c.address)]
        if not strangers:
            return None
        victim = max(strangers, key=lambda c: (counts[c.address], not c.busy, -c.opened))
        if self._protected(address) or counts[victim.address] > counts[address] + 1:
            return victim
        return None

    async def _sweep(self) -> None:
        """Close connections kept too long, or idle past the time for their
        headers, and the oldest idle ones of an address that keeps more than
        :data:`MAX_PER_CLIENT` (a tunnel's excepted)."""
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            now = self.clock()
            by_client: dict[str, list[_Connection]] = {}
            for connection in self._live():
                if now - connection.opened > CONNECTION_SECONDS or (
                    not connection.busy and now - connection.idle_since > HEADER_SECONDS
                ):
                    self._close(connection)
                elif not self._proxy(connection.address):
                    by_client.setdefault(connection.address, []).append(connection)
            for connections in by_client.values():
                idle = sorted((c for c in connections if not c.busy), key=lambda c: c.opened)
                for connection in idle[: max(0, len(connections) - MAX_PER_CLIENT)]:
                    self._close(connection)
            self._expire()

    def shut(self) -> None:
        """Stop listening and drop every connection, at once (the app is
        being stopped: nothing more may come in)."""
        listener = self._listener
        if self._sweeper is not None:
            self._sweeper.cancel()
        if listener is not None:
            listener.close()
        for connection in self._live():
            self._close(connection)
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

    def waiting_names(self) -> list[str]:
        """The names that wait, cut short for the shared screen (F9 shows them whole)."""
        return [_short(asking.name) for asking in self.waiting.values()]

    def _expire(self) -> None:
        """Forget the phones that stopped asking (their page closed)."""
        now = self.clock()
        gone = [device for device, asking in self.waiting.items() if now - asking.seen > WAIT_SECONDS]
        for device in gone:
            del self.waiting[device]
        if gone:
            self.host.room_changed()

    async def let_in(self, device: str) -> None:
        """The facilitator lets a waiting phone in, as the name it asked for.
        Raises WorkshopError (nothing changed) if another phone holds the
        name, or the model refuses."""
        asking = self.waiting.get(device)
        if asking is None:
            return
        name = asking.name
        if any(
            other != device and held.casefold() == name.casefold() and self._holder(held) is not None
            for other, held in self.keys.devices.items()
        ):
            raise WorkshopError(
                f"{name} has joined from another phone: free the name first (d on it), then let this one in."
            )

        def add(workshop: Workshop) -> int:
            if asking.person is not None and room.by_name(workshop, name) is not None:
                return room.join(workshop, name).id
            person = workshop.add_participant(name)
            room.join(workshop, person.name)
            return person.id

        self.waiting.pop(device, None)
        before = dict(self.keys.devices)
        self._take(device, name)  # before the wait: no other phone can take the name meanwhile
        try:
            await self.host.change(add, f"{name} joined from a phone")
        except WorkshopError:
            self.keys.devices = before
            self.keep_keys(self.keys)
            self.waiting[device] = asking
            self.host.room_changed()
            raise
        except NotSaved:
            pass  # in, and shown; the session bar says why it is not on disk yet
        self._joined(device, name)

    def _joined(self, device: str, name: str) -> None:
        """``name`` is in, on ``device``: every other phone asking for it is turned away."""
        for other, also in list(self.waiting.items()):
            if other != device and also.name.casefold() == name.casefold():
                del self.waiting[other]
                self._back(
                    other, f"{name} was let in from another phone. If that was not you, ask the facilitator.", True
                )
        self.host.room_changed()

    async def let_all_in(self) -> list[str]:
        """Let every waiting phone in; returns why any was not."""
        problems = []
        for device in list(self.waiting):
            try:
                await self.let_in(device)
            except WorkshopError as error:
                problems.append(str(error))
        return problems

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
        """The facilitator does not let a waiting phone in."""
        if self.waiting.pop(device, None) is not None:
            self._back(device, "The facilitator did not let you in as that name: pick yours, or ask.", True)
            self.host.room_changed()

    def turn_away_all(self) -> int:
        """Turn every waiting phone away; returns how many."""
        devices = list(self.waiting)
        for device in devices:
            self.turn_away(device)
        return len(devices)

    # -------------------------------------------------------------- the app

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        base = self.base
        app.router.add_get(base, self._page)
        app.router.add_get(f"{base}state", self._state)
        app.router.add_get(f"{base}app.js", self._static("app.js", "text/javascript"))
        app.router.add_get(f"{base}app.css", self._static("app.css", "text/css"))
        app.router.add_post(f"{base}join", self._join)
        app.router.add_post(f"{base}idea", self._idea)
        app.router.add_post(f"{base}dot", self._dot)
        app.router.add_post(f"{base}hand-in", self._hand_in)
        app.router.add_get("/join", self._code_page)
        app.router.add_post("/join", self._code)
        app.router.add_get(f"{page.CODE_BASE}app.js", self._static("app.js", "text/javascript"))
        app.router.add_get(f"{page.CODE_BASE}app.css", self._static("app.css", "text/css"))
        return app

    def _hosts(self) -> set[str]:
        """The Host a request may name: the room's address, or the tunnel's."""
        hosts = {self._netloc().lower()}
        if self.keys.public_url:
            hosts.add(urlsplit(self.keys.public_url).netloc.lower())
        return hosts

    def _client(self, request: web.Request) -> str:
        """Who a request is from, for its rate: its address, or behind a
        tunnel the address the tunnel says it forwards for."""
        peer = request.remote or ""
        if self._proxy(peer):
            forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
            if forwarded:
                return "via " + forwarded[:64]
        return peer

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Every request: counted against its client's rate (a 404 too), the
        same 404 for every host and address that is not the room's, its
        body in within a few seconds, and the security headers on every
        answer, an error's too."""
        connection = self._connections.get(request.protocol)
        if connection is not None:
            connection.busy += 1
        try:
            response = await self._answer(request, handler)
        finally:
            if connection is not None:
                connection.busy -= 1
                connection.idle_since = self.clock()
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    async def _answer(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if not self._allow(self._buckets, self._client(request), self.rate, self.burst):
            return plain(429, "Too many requests: slow down.")
        if (
            request.headers.get("Host", "").lower() not in self._hosts()
            or request.match_info.http_exception is not None
        ):
            return not_found()
        if request.method == "POST":
            if request.content_length is not None and request.content_length > MAX_BODY:
                response = plain(413, "Too big.")
                response.force_close()  # the rest of the body is not read: the connection goes with it
                return response
            try:
                await asyncio.wait_for(request.post(), BODY_SECONDS)
            except asyncio.TimeoutError:
                response = plain(408, "The form took too long to come: send it again.")
                response.force_close()
                return response
            except web.HTTPRequestEntityTooLarge:
                return plain(413, "Too big.")
            except Exception:  # noqa: BLE001 (a body aiohttp cannot parse: whatever it raises, the answer is a 400)
                return plain(400, "That request could not be read.")
        try:
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            return plain(413, "Too big.")
        except (ValueError, LookupError, TypeError, web.HTTPException):
            return plain(400, "That request could not be read.")

    def _allow(self, buckets: OrderedDict[str, tuple[float, float]], client: str, rate: float, burst: float) -> bool:
        now = self.clock()
        tokens, last = buckets.pop(client, (burst, now))
        tokens = min(burst, tokens + (now - last) * rate)
        allowed = tokens >= 1
        buckets[client] = (tokens - 1 if allowed else tokens, now)
        while len(buckets) > REMEMBERED:
            buckets.popitem(last=False)  # the longest unheard of: it has its whole burst back by now
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
        if not value or len(cookie) > 120 or not _same(signature, self._mac("cookie", value)):
            return None
        device = device_hash(cookie)
        if self._person(device) is not None:
            self._joined_from[request.remote or ""] = self.clock()
            self._joined_from.move_to_end(request.remote or "")
            while len(self._joined_from) > REMEMBERED:
                self._joined_from.popitem(last=False)
        return device

    def _secure(self, request: web.Request) -> bool:
        """True when the phone came through an https address (the tunnel's):
        its cookie is then never sent over plain http."""
        public = self.keys.public_url
        if public is None:
            return False
        if self._proxy(request.remote or "") and request.headers.get("X-Forwarded-Proto", "").lower() == "https":
            return True
        return (
            public.startswith("https://") and request.headers.get("Host", "").lower() == urlsplit(public).netloc.lower()
        )

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
        return _same(signature, self._mac("form", device or "-", issued, nonce))

    def _back(
        self,
        device: str | None,
        message: str = "",
        error: bool = False,
        cookie: str | None = None,
        anchor: str = "",
        secure: bool = False,
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
            response.set_cookie(
                COOKIE, cookie, path=self.base, httponly=True, samesite="Strict", secure=secure, max_age=7 * 24 * 3600
            )
        return response

    def _html(self, text: str, status: int = 200) -> web.Response:
        return web.Response(status=status, text=text, content_type="text/html", charset="utf-8")

    # ------------------------------------------------------------ the pages

    def _seen(self, device: str | None) -> Asking | None:
        """The phone's wait, if it waits (and it is heard from: it is kept)."""
        asking = self.waiting.get(device) if device is not None else None
        if asking is not None:
            asking.seen = self.clock()
        return asking

    def state_of(self, device: str | None) -> str:
        """What a phone's page shows, in a few letters: the page asks for it
        every few seconds, and reloads when it is no longer what it shows."""
        workshop = self.host.workshop
        person = self._person(device)
        asking = self._seen(device)
        vote = workshop.vote
        parts: list[object] = [workshop.step, vote.secret, vote.closed, person, asking.name if asking else None]
        if person is None:
            parts += [[p.name for p in workshop.participants], self.joined()]
        else:
            parts += [person in vote.done, [g.title for g in workshop.goals], len(workshop.ideas)]
            parts += [dots_each(workshop), ballot_cap(workshop)]  # a ballot says both
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]

    async def _state(self, request: web.Request) -> web.Response:
        return web.Response(text=self.state_of(self._device(request)), content_type="text/plain")

    async def _page(self, request: web.Request) -> web.Response:
        workshop = self.host.workshop
        device = self._device(request)
        state = self.state_of(device)
        message, error = self._flash.pop(device, ("", False)) if device else ("", False)
        person_id = self._person(device)
        if person_id is None:
            asking = self._seen(device)
            if asking is not None:
                return self._html(page.waiting_page(workshop, self.base, asking.name, state))
            taken = set(self.joined())
            return self._html(
                page.join_page(workshop, self.base, self._csrf(device), taken, self.asks, message, error, state)
            )
        person = workshop.participant(person_id)
        csrf = self._csrf(device)
        if workshop.step == "ideas":
            mine = [idea.text for idea in workshop.ideas if workshop.sent.get(idea.id) == person_id]
            mine += [held.text for held in workshop.held if held.sender == person_id]
            return self._html(page.ideas_page(workshop, self.base, csrf, person, mine, message, error, state))
        if workshop.step == "vote" and workshop.vote.secret and not workshop.vote.closed:
            return self._html(page.ballot_page(workshop, self.base, csrf, person, message, error, state))
        return self._html(page.idle_page(workshop, self.base, person, page.step_text(workshop), message, error, state))

    async def _code_page(self, request: web.Request) -> web.Response:
        return self._html(page.code_page(self.host.workshop))

    async def _code(self, request: web.Request) -> web.Response:
        """The room's code, typed: the way in, for a phone that cannot scan.
        Every try counts (a right one too), per address (per /64 for IPv6);
        after :data:`MAX_WRONG_CODES` wrong ones in all, the code stops
        working until the room gets a new address (n in F9)."""
        form = await request.post()
        workshop = self.host.workshop
        if self.wrong_codes >= MAX_WRONG_CODES:
            text = "Codes are no longer taken here: scan the QR code on the big screen."
            return self._html(page.code_page(workshop, text), 429)
        if not self._allow(self._code_buckets, _network(self._client(request)), CODE_RATE, CODE_TRIES):
            return self._html(page.code_page(workshop, "Too many codes from this phone: wait a minute."), 429)
        if _same(normal_code(text_field(form, "code")), self.keys.code):
            return web.Response(status=303, headers={"Location": self.base, **HEADERS})
        self.wrong_codes += 1
        return self._html(page.code_page(workshop, "That is not this room's code: look at the big screen."))

    async def _form(self, request: web.Request) -> tuple[str | None, Any] | None:
        device = self._device(request)
        form = await request.post()
        if not self._csrf_ok(device, form.get("csrf")):
            return None
        return device, form

    async def _join(self, request: web.Request) -> web.Response:
        got = await self._form(request)
        if got is None:
            return plain(403, "This page is out of date: go back and reload it.")
        device, form = got
        secure = self._secure(request)
        cookie = None
        if device is None:
            cookie = self._new_cookie()
            device = device_hash(cookie)

        def back(message: str = "", error: bool = False) -> web.Response:
            return self._back(device, message, error, cookie, secure=secure)

        if self._person(device) is not None:
            return back()
        workshop = self.host.workshop
        taken = set(self.joined())
        raw_person = text_field(form, "person")
        if raw_person.isascii() and raw_person.isdigit():
            person = next((p for p in workshop.participants if p.id == int(raw_person)), None)
            if person is None:
                return back("That name is no longer in the session: pick yours.", True)
            if person.id in taken:
                return back("That name has joined from another phone. Ask the facilitator if it is yours.", True)
            if len(self.keys.devices) >= MAX_DEVICES:
                return back("The room is full.", True)
            if self.asks:
                return back(*self._ask(device, self._client(request), person.name, person.id))
            name = person.name
            self._take(device, name)  # before the wait: a second phone asking meanwhile finds the name taken
            try:
                await self.host.change(lambda w: room.join(w, name), "joined from a phone")
            except (WorkshopError, NotSaved) as problem:
                if self.keys.devices.get(device) == name:
                    del self.keys.devices[device]
                self.host.room_changed()
                return back(str(problem), True)
            self._joined(device, name)
            return back("You are in.")
        name = clean(text_field(form, "name"), MAX_NAME)  # as a typed name: no escape or control reaches the screen
        if not name:
            return back("Pick your name, or type it.", True)
        existing = room.by_name(workshop, name)
        if existing is not None:
            return back(f"{existing.name} is in the list above: pick it.", True)
        if any(other != device and asking.name.casefold() == name.casefold() for other, asking in self.waiting.items()):
            return back(f"{name} is already waiting to be let in.", True)
        return back(*self._ask(device, self._client(request), name, None))

    def _ask(self, device: str, client: str, name: str, person: int | None) -> tuple[str, bool]:
        """A phone asks to be let in as ``name``: it waits for the facilitator
        (F9). Returns what the phone is told, if it is not let wait."""
        self._expire()
        self.waiting.pop(device, None)  # a phone that asks again asks for its new name
        if len(self.waiting) >= MAX_WAITING or len(self.keys.devices) >= MAX_DEVICES:
            return "The room is full.", True
        if sum(asking.client == client for asking in self.waiting.values()) >= MAX_WAITING_PER_CLIENT:
            return "Too many phones on your network are waiting: ask again once the facilitator has let them in.", True
        self.waiting[device] = Asking(name, person, client, self.clock())
        self.host.room_changed()
        return "", False

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
            return plain(403, "This page is out of date: go back and reload it.")
        device, form = got
        person_id = self._person(device)
        if person_id is None:
            if device is None:  # nothing to keep a message for: the page itself says it
                page_html = page.join_page(
                    self.host.workshop,
                    self.base,
                    self._csrf(None),
                    set(self.joined()),
                    self.asks,
                    "Join first: pick your name.",
                    True,
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


def _same(given: str, expected: str) -> bool:
    """A secret compared in constant time (as bytes: any text a client sends compares, never raises)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def _short(name: str) -> str:
    """A waiting name as the shared screen shows it: at most :data:`SHOWN_NAME` characters."""
    return name if len(name) <= SHOWN_NAME else name[: SHOWN_NAME - 1].rstrip() + "\u2026"


def _network(client: str) -> str:
    """An IPv6 client by its /64 (one phone may take any address of it); others as they are."""
    try:
        parsed = ipaddress.ip_address(client.removeprefix("via "))
    except ValueError:
        return client
    if parsed.version == 6 and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return client


def _is_open(protocol: asyncio.BaseProtocol) -> bool:
    transport = getattr(protocol, "transport", None)
    return transport is not None and not transport.is_closing()
