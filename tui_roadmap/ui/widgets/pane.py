"""What every step's pane has in common.

A pane shows the workshop it is given (:meth:`Pane.show`) and draws only
what changed since it last showed it; when the room acts on it, its widgets
post Messages (see :mod:`tui_roadmap.ui.messages`) that the workshop screen
handles. A pane never changes the workshop itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from msgspec import Struct, field
from textual import on
from textual.containers import Container
from textual.widget import Widget

from tui_roadmap.ui.messages import StartTyping
from tui_roadmap.ui.order import focus_now
from tui_roadmap.ui.settings import Settings
from tui_roadmap.ui.widgets.fields import TextInput
from tui_roadmap.workshop.clock import Clock
from tui_roadmap.workshop.model import Workshop


class PaneContext(Struct, frozen=True):
    """What a pane is built with, besides the workshop it shows."""

    session_path: Path
    """The session's file (the Export step writes the draft beside it)."""
    clock: Clock
    settings: Settings = field(default_factory=Settings)
    """This computer's settings (the app's own: a pane that changes one posts
    :class:`~tui_roadmap.ui.messages.KeepSettings`)."""


class Pane(Container):
    """One step of the workshop: built with :class:`PaneContext`, shown
    with :meth:`show` (awaited, on every pane alike)."""

    step: ClassVar[str] = ""

    DRAFTS: ClassVar[dict[str, str]] = {}
    """Entry field id -> the draft it is kept as while being typed (the
    workshop screen keeps them; the pane shows them back)."""

    TYPING_FIELD: ClassVar[str | None] = None
    """The field a letter typed on one of the pane's lists goes to."""

    def __init__(self, context: PaneContext, **kwargs) -> None:
        super().__init__(**kwargs)
        self.context = context

    async def show(self, workshop: Workshop) -> None:
        """Show the workshop as it is now (what changed since it was last
        shown: the screen calls it for the step at hand after every change)."""

    def first_focus(self) -> Widget | None:
        """Where the room's next action is, when the step is shown."""
        return None

    def set_field(self, field_id: str, value: str) -> None:
        """Show a value in a field, unless the facilitator is typing in it or
        has typed there something not kept yet."""
        field = self.query_one(f"#{field_id}", TextInput)
        if not field.has_focus and not field.typed:
            field.show_value(value)
            field.remove_class("-invalid")

    def show_drafts(self, workshop: Workshop) -> None:
        """Put back what was being typed in the entry fields."""
        for field_id, name in self.DRAFTS.items():
            self.set_field(field_id, workshop.drafts.get(name, ""))

    @on(StartTyping)
    def start_typing(self, message: StartTyping) -> None:
        """A letter typed on a list with no key for it: it starts a new item."""
        if self.TYPING_FIELD is None:
            return
        message.stop()
        field = self.query_one(f"#{self.TYPING_FIELD}", TextInput)
        focus_now(field)
        field.insert_text_at_cursor(message.text)
