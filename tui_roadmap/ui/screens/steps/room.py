"""The room on their phones, from the facilitator's side: F8 opens the room
(on the Ideas and Vote steps) and closes it, F9 shows who waits to join and
the ideas held for review. The room's server changes the workshop only
through :meth:`WorkshopBase.outside_change`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from tui_roadmap.files.rooms import RoomKeys, load_keys, save_keys
from tui_roadmap.files.store import describe_os_error
from tui_roadmap.room.host import NotSaved, check_address, check_public_url, local_address
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, Field, FormDialog, start_flow
from tui_roadmap.ui.screens.qr_screen import QRScreen
from tui_roadmap.ui.screens.room import RoomDialog
from tui_roadmap.ui.screens.steps.goals import quoted
from tui_roadmap.ui.widgets.room import RoomPanel
from tui_roadmap.workshop import room
from tui_roadmap.workshop.model import Workshop, WorkshopError

if TYPE_CHECKING:
    from tui_roadmap.room.server import RoomServer

T = TypeVar("T")

ROOM_STEPS = ("ideas", "vote")
"""The steps the room is opened on."""


class ScreenHost:
    """The facilitator's screen, as the room's server sees it."""

    def __init__(self, screen: RoomSteps) -> None:
        self.screen = screen

    @property
    def workshop(self) -> Workshop:
        return self.screen.workshop

    async def change(self, edit: Callable[[Workshop], T], what: str) -> T:
        result = await self.screen.outside_change(edit)
        self.screen.show_room()
        return result

    def room_changed(self) -> None:
        self.screen.show_room()


class RoomSteps(WorkshopBase):
    """The room's part of the workshop screen."""

    room_server: RoomServer | None = None

    async def show_step(self) -> None:
        """The step, and the room panel with it: a change made on the laptop
        (a secret ballot handed in there) shows in the panel as a phone's does."""
        await super().show_step()
        self.show_room()

    def show_room(self) -> None:
        """Show the room panel as the room is (hidden when it is closed)."""
        panels = self.query(RoomPanel)
        if not panels:
            return  # not built yet (no room was opened), or the screen is going away
        panel = panels.first()
        server = self.room_server
        panel.display = server is not None and server.open
        self.set_class(panel.display, "-room-open")  # the toasts keep off the panel (app.tcss)
        if server is not None and server.open:
            panel.show_room(
                server.url,
                self.workshop,
                server.joined(),
                server.waiting_names(),
                server.keys.code,
                server.join_url,
                server.asks,
            )

    def _keep_keys(self, keys: RoomKeys) -> None:
        try:
            save_keys(self.autosave.session.path, keys)
        except OSError as error:
            self.notify(
                f"The room's keys are not kept ({describe_os_error(error)}): phones will have to join again "
                "if the room is reopened.",
                severity="warning",
                markup=False,
            )

    async def action_room(self) -> None:
        """Open the room (Ideas and Vote steps), or close it."""
        if self.room_server is not None and self.room_server.open:
            await self.close_room()
            self.notify("The room is closed: phones can no longer reach it.", markup=False)
            return
        if self.workshop.step not in ROOM_STEPS:
            self.notify("The room opens on the Ideas or the Vote step (F3, F4).", severity="warning", markup=False)
            return
        if self.read_only is not None:  # phones would change it, and the room's keys are kept beside it
            self.notify(self.read_only_message(), severity="warning", markup=False)
            return
        # The web server is loaded when a room is first opened: aiohttp alone
        # takes about 0.15 s to load, and most workshops never open a room.
        from tui_roadmap.room.server import RoomServer

        try:
            address = check_address(self.room_address or local_address())
        except ValueError as error:
            self.notify(f"The room cannot open: {error}.", severity="error", markup=False)
            return
        keys = load_keys(self.autosave.session.path)
        if self.room_url is not None and keys.public_url != self.room_url:
            keys.public_url = self.room_url
            self._keep_keys(keys)
        server = RoomServer(ScreenHost(self), keys, self._keep_keys, address)
        try:
            await server.start()
        except OSError as error:
            self.notify(
                f"The room could not open on {address}: {describe_os_error(error)}.", severity="error", markup=False
            )
            return
        self.room_server = server
        if not self.query(RoomPanel):
            await self.query_one("#middle").mount(RoomPanel(id="room-panel"))
        self.show_room()
        if "://127." in server.url and self.room_address is None:  # not when 127.0.0.1 was chosen on purpose
            self.notify(
                "The room listens on this computer only (no network was found): phones cannot reach it. "
                "Join a Wi-Fi network or a phone's hotspot, then open the room again.",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def shut_room(self) -> None:
        """Close the room at once, as the app stops (see ``quitting.py``)."""
        if self.room_server is not None:
            self.room_server.shut()

    async def close_room(self) -> None:
        server, self.room_server = self.room_server, None
        if server is not None:
            await server.stop()
        self.show_room()

    async def action_room_code(self) -> None:
        """The room's address as a QR code, full screen."""
        server = self.room_server
        if server is None or not server.open:
            return
        url = server.url

        async def flow(ask: Ask) -> None:
            await ask(QRScreen(url))

        await start_flow(self, flow)

    async def action_room_waiting(self) -> None:
        """Let in the names that wait, and review the ideas held."""
        server = self.room_server

        def entries() -> list[tuple[str, str]]:
            names = {p.id: p.name for p in self.workshop.participants}
            waiting = [
                (
                    f"join-{device}",
                    (
                        f"A phone asks to be {asking.name}"
                        if asking.person is not None
                        else f"A phone asks to join as a new name: {asking.name}"
                    )
                    + f" (from {asking.client})",
                )
                for device, asking in (server.waiting.items() if server else [])
            ]
            held = [
                (f"held-{index}", f"Idea from {names.get(h.sender, '?')}: {h.text}")
                for index, h in enumerate(self.workshop.held)
            ]
            phones = [
                (f"phone-{device}", f"Joined: {names.get(person, '?')} (d frees the name for another phone)")
                for device, person in (server.devices() if server else [])
            ]
            return waiting + held + phones

        async def flow(ask: Ask) -> None:
            nonlocal server
            while True:
                trusting = server is not None and not server.asks
                answer = await ask(
                    RoomDialog(entries(), self.workshop.hold, trusting, server is not None and server.tunnel)
                )
                if answer is None:
                    return
                action, key = answer
                if action == "accept_all" and server is not None:
                    for problem in await self._let_all_in(server):
                        self.notify(problem, severity="warning", markup=False)
                elif action == "refuse_all" and server is not None:
                    turned = server.turn_away_all()
                    self.notify(f"Turned away {turned} waiting {'phone' if turned == 1 else 'phones'}.", markup=False)
                elif action == "trust" and server is not None:
                    await self._trust(server, ask)
                elif action == "url" and server is not None:
                    await self._public_url(server, ask)
                elif action == "renew" and server is not None:
                    if await ask(
                        ConfirmDialog(
                            "Give the room a new address and code?",
                            "The old QR code, link, code and every phone's cookie stop working: the phones join again.",
                        )
                    ):
                        server = await self._renew(server)
                elif action == "hold":
                    hold = not self.workshop.hold
                    await self.change(
                        lambda w, hold=hold: room.set_hold(w, hold),
                        "holding phone ideas" if hold else "showing phone ideas",
                    )
                elif key.startswith("join-") and server is not None:
                    device = key.removeprefix("join-")
                    if action == "accept":
                        try:
                            await server.let_in(device)
                        except WorkshopError as error:
                            self.notify(str(error), severity="warning", markup=False)
                        except NotSaved:
                            pass  # in, and shown; the session bar says why it is not on disk yet
                    else:
                        server.turn_away(device)
                elif key.startswith("phone-") and server is not None:
                    if action == "refuse":
                        server.forget(key.removeprefix("phone-"))
                elif key.startswith("held-"):
                    index = int(key.removeprefix("held-"))
                    if action == "accept":
                        await self.change(lambda w, index=index: room.release(w, index), "idea from a phone shown")
                    else:
                        text = self.workshop.held[index].text if index < len(self.workshop.held) else ""
                        await self.change(
                            lambda w, index=index: room.discard(w, index),
                            f"idea from a phone {quoted(text, 30)} left out",
                        )
                self.show_room()

        await start_flow(self, flow)

    async def _let_all_in(self, server: RoomServer) -> list[str]:
        try:
            return await server.let_all_in()
        except NotSaved:
            return []  # in, and shown; the session bar says why it is not on disk yet

    async def _trust(self, server: RoomServer, ask: Ask) -> None:
        """Switch between every name waiting for a yes and participants' own names let in."""
        if server.tunnel:
            self.notify(
                "Behind a tunnel every name waits for your yes: the room is on the internet.",
                severity="warning",
                markup=False,
            )
            return
        if not server.keys.trust_names and not await ask(
            ConfirmDialog(
                "Let a phone that picks a participant's name in without asking?",
                "Anyone on this network with the room's address could then take a name nobody has taken yet. "
                "New names still wait for your yes.",
            )
        ):
            return
        server.keys.trust_names = not server.keys.trust_names
        self._keep_keys(server.keys)
        self.show_room()

    async def _public_url(self, server: RoomServer, ask: Ask) -> None:
        """Set (or clear) the public address a tunnel gives the room."""

        def check(values: list[str]) -> str | None:
            if not values[0].strip():
                return None
            try:
                check_public_url(values[0])
            except ValueError as error:
                return str(error)
            return None

        values = await ask(
            FormDialog(
                f"The tunnel's public address (it forwards to {server.local_url.removesuffix(server.base)})",
                [Field("Address", server.keys.public_url or "", "https://... (empty: no tunnel)")],
                check,
                keep_on_quit=False,
            )
        )
        if values is None:
            return
        server.keys.public_url = check_public_url(values[0]) if values[0].strip() else None
        self.room_url = server.keys.public_url
        self._keep_keys(server.keys)
        self.show_room()

    async def _renew(self, server: RoomServer) -> RoomServer | None:
        """A new address, code and key for the room: the old ones stop working."""
        keys = server.keys.renewed()
        await server.stop()
        self.room_server = None
        self._keep_keys(keys)
        fresh = type(server)(ScreenHost(self), keys, self._keep_keys, server.address)
        try:
            await fresh.start()
        except OSError as error:
            self.notify(f"The room could not open again: {describe_os_error(error)}.", severity="error", markup=False)
            self.show_room()
            return None
        self.room_server = fresh
        self.show_room()
        self.notify("The room has a new address and code: the old ones no longer work.", markup=False)
        return fresh
