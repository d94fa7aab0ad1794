"""The QR code as large as the terminal allows, for the room's phones."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from tui_roadmap.ui.widgets.qr import QRView


class QRScreen(ModalScreen[None]):
    """A full-screen QR code with its text below it."""

    BINDINGS = [Binding("escape,q", "close", "Close", id="qr-close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="qr-full"):
            yield QRView(id="qr-big")
            yield Label(Content(self.text), id="qr-big-text")
            yield Label(Content.styled("Esc or q: back", "dim"))

    def on_mount(self) -> None:
        self.query_one(QRView).text = self.text

    def action_close(self) -> None:
        self.dismiss(None)
