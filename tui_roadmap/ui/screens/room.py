"""What waits for the facilitator from the room: names to let in, and ideas
held for review. One line each; a lets in or shows, d turns away or leaves
out, h switches holding phone ideas on or off."""

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
        Binding("a,enter", "choose('accept')", "Let in / show", id="room-accept", tooltip="Let the name in, or show the idea on the list", priority=True),
        Binding("d,delete", "choose('refuse')", "Turn away / leave out", id="room-refuse", tooltip="Turn the name away, or leave the idea out", priority=True),
        Binding("h", "choose('hold')", "Hold ideas", id="room-hold", tooltip="Hold ideas from phones for review, or show them at once", priority=True),
        Binding("escape", "close", "Close", id="room-close", priority=True),
    ]

    def __init__(self, entries: list[tuple[str, str]], holding: bool) -> None:
        super().__init__()
        self.entries = entries
        self.holding = holding

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content.styled("The room", "bold"), classes="dialog-title")
            if self.entries:
                # The names and ideas are drawn as text: no markup, and any control shown as an escape.
                yield OptionList(*(Option(Content(visible(text)), id=key) for key, text in self.entries), id="room-entries")
            else:
                yield Label(Content("Nobody waits to join, and no idea waits for review."), classes="dialog-detail")
            hold = "held for review (h shows them at once)" if self.holding else "shown at once (h holds them for review)"
            yield Label(Content(f"Ideas from phones are {hold}."), classes="dialog-detail")
            yield Label(Content("a / Enter: let in or show    d: turn away or leave out    Esc: close"), classes="dialog-hint")

    def set_up(self) -> None:
        if self.entries:
            self.query_one(OptionList).focus()

    async def action_choose(self, action: str) -> None:
        if action == "hold":
            await self.answer(("hold", ""))
            return
        if not self.entries:
            return
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id:
            await self.answer((action, option.id))

    async def action_close(self) -> None:
        await self.answer(None)
