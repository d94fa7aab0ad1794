"""The line at the top: the session's name and product, and whether the
room's work is on disk."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Label

from ..autosave import SaveState


class SessionBar(HorizontalGroup):
    """The session's name, and the save state."""

    def compose(self) -> ComposeResult:
        yield Label(id="session-name")
        yield Label(id="save-state")

    def show_session(self, name: str, product: str) -> None:
        text = Content.assemble((name, "bold"), ("  " + product if product else "", ""))
        self.query_one("#session-name", Label).update(text)

    def show_save(self, state: SaveState) -> None:
        label = self.query_one("#save-state", Label)
        label.set_class(not state.saved, "-failed")
        if state.saved:
            when = state.at.strftime("%H:%M:%S") if state.at else ""
            label.update(Content(f"\u2713 Saved {when}".rstrip()))
        else:
            label.update(
                Content(f"! NOT SAVED: {state.error or 'waiting'}. Kept in memory; retrying.")
            )
