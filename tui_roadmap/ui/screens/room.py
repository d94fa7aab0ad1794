"""What waits for the facilitator from the room: phones that ask to be
let in, and ideas held for review. One line each; a lets in or shows, d
turns away or leaves out, A and D do it to every waiting phone, h switches
holding phone ideas on or off; t, u and n set how the room is run (own
names trusted, the tunnel's address, a new address)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui_roadmap.ui.screens.dialogs import Dialog
from tui_roadmap.workshop.text import visible


class RoomDialog(Dialog[tuple[str, str]]):
    """The room's waiting list; answers (action, entry key)."""

    BINDINGS = [
        Binding(
            "a,enter",
            "choose('accept')",
            "Let in / show",
            id="room-accept",
            tooltip="Let the name in, or show the idea on the list",
            priority=True,
        ),
        Binding(
            "d,delete",
            "choose('refuse')",
            "Turn away / leave out",
            id="room-refuse",
            tooltip="Turn the name away, or leave the idea out",
            priority=True,
        ),
        Binding(
            "A",
            "choose('accept_all')",
            "Let all in",
            id="room-accept-all",
            tooltip="Let every waiting phone in",
            priority=True,
        ),
        Binding(
            "D",
            "choose('refuse_all')",
            "Turn all away",
            id="room-refuse-all",
            tooltip="Turn every waiting phone away",
            priority=True,
        ),
        Binding(
            "h",
            "choose('hold')",
            "Hold ideas",
            id="room-hold",
            tooltip="Hold ideas from phones for review, or show them at once",
            priority=True,
        ),
        Binding(
            "t",
            "choose('trust')",
            "Trust names",
            id="room-trust",
            tooltip="Let participants' own names in without asking, or ask for every name",
            priority=True,
        ),
        Binding(
            "u",
            "choose('url')",
            "Tunnel address",
            id="room-url",
            tooltip="The public address a tunnel gives the room (shown in the QR code)",
            priority=True,
        ),
        Binding(
            "n",
            "choose('renew')",
            "New address",
            id="room-renew",
            tooltip="A new address and code for the room: old links, codes and cookies stop working",
            priority=True,
        ),
        Binding("escape", "close", "Close", id="room-close", priority=True),
    ]

    def __init__(
        self, entries: list[tuple[str, str]], holding: bool, trusting: bool = False, tunnel: bool = False
    ) -> None:
        super().__init__()
        self.entries = entries
        self.holding = holding
        self.trusting = trusting
        self.tunnel = tunnel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content.styled("The room", "bold"), classes="dialog-title")
            if self.entries:
                # The names and ideas are drawn as text: no markup, and any control shown as an escape.
                yield OptionList(
                    *(Option(Content(visible(text)), id=key) for key, text in self.entries), id="room-entries"
                )
            else:
                yield Label(Content("Nobody waits to join, and no idea waits for review."), classes="dialog-detail")
            hold = (
                "held for review (h shows them at once)" if self.holding else "shown at once (h holds them for review)"
            )
            yield Label(Content(f"Ideas from phones are {hold}."), classes="dialog-detail")
            if self.tunnel:
                names = "Behind the tunnel, every name waits for your yes."
            elif self.trusting:
                names = "A participant's own name joins without asking; new names wait (t: ask for every name)."
            else:
                names = "Every name waits for your yes (t: let participants' own names in without asking)."
            yield Label(Content(names), classes="dialog-detail")
            yield Label(
                Content(
                    "a / Enter: let in or show    d: turn away or leave out    A / D: every waiting phone\n"
                    "u: tunnel address    n: new address and code    Esc: close"
                ),
                classes="dialog-hint",
            )

    def set_up(self) -> None:
        if self.entries:
            self.query_one(OptionList).focus()

    async def action_choose(self, action: str) -> None:
        if action in ("hold", "accept_all", "refuse_all", "trust", "url", "renew"):
            await self.answer((action, ""))
            return
        if not self.entries:
            return
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id:
            await self.answer((action, option.id))

    async def action_close(self) -> None:
        await self.answer(None)
