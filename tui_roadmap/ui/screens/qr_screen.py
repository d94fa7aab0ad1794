"""The QR code as large as the terminal allows, for the room's phones."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from tui_roadmap.ui.screens.dialogs import Dialog
from tui_roadmap.ui.widgets.qr import QRView


class QRScreen(Dialog[None]):
    """A full-screen QR code with its text below it."""

    BINDINGS = [Binding("escape,q", "close", "Close", id="qr-close", priority=True)]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="qr-full"):
            yield QRView(fill=True, id="qr-big")
            yield Label(Content(self.text), id="qr-big-text")
            yield Label(Content.styled("Esc or q: back", "dim"))

    def set_up(self) -> None:
        self.query_one(QRView).text = self.text

    async def action_close(self) -> None:
        await self.answer(None)
