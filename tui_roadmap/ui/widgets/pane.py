"""What every step's pane has in common: showing the workshop, changing it,
and the fields that are kept when they are left."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on
from textual.containers import Container
from textual.widgets import Input

from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.text import clean
from tui_roadmap.ui.widgets.fields import TextInput

if TYPE_CHECKING:
    from tui_roadmap.ui.screens.workshop import WorkshopScreen

T = TypeVar("T")


class FieldRefused(WorkshopError):
    """What was typed in a field could not be kept (the reason was shown)."""


class Pane(Container):
    """One step of the workshop. A pane shows the workshop (:meth:`show`) and
    changes it only through :meth:`edit`, which saves the change and tells
    every pane to show it.

    A field whose text is read as a whole (a timeframe, a date, a number) is
    kept when Enter is pressed in it, when it is left, and when the app quits:
    the pane names the method that keeps it in :attr:`KEEP`, and the method
    raises :class:`WorkshopError` (or ``ValueError``) with the reason if the
    text cannot be used; the text then stays in the field, marked.
    """

    step: ClassVar[str] = ""

    KEEP: ClassVar[dict[str, str]] = {}
    """Field id -> the name of the method that keeps its text."""

    DRAFTS: ClassVar[dict[str, str]] = {}
    """Entry field id -> the draft it is kept as while being typed."""

    @property
    def workshop_screen(self) -> WorkshopScreen:
        from tui_roadmap.ui.screens.workshop import WorkshopScreen

        screen = self.screen
        assert isinstance(screen, WorkshopScreen)
        return screen

    @property
    def workshop(self) -> Workshop:
        return self.workshop_screen.workshop

    def edit(self, change: Callable[[Workshop], T], done: str | None = None) -> T | None:
        """Make a change to the workshop (see :meth:`WorkshopScreen.edit`)."""
        return self.workshop_screen.edit(change, done)

    def set_field(self, field_id: str, value: str) -> None:
        """Show a value in a field, unless the facilitator is typing in it or
        has typed there something not kept yet."""
        field = self.query_one(f"#{field_id}", TextInput)
        if not field.has_focus and not field.typed:
            field.show_value(value)
            field.remove_class("-invalid")

    def reject(self, field: Input, problem: Exception) -> None:
        """Say why what was typed in a field cannot be used; the text stays."""
        field.add_class("-invalid")
        self.notify(str(problem), severity="warning", markup=False)

    # ------------------------------------------------------ fields kept when left

    def keep(self, field: Input) -> str | None:
        """Keep the text of a field that is kept when left; the reason (already
        shown) if it cannot be kept, None if it was kept or is not such a field."""
        method = self.KEEP.get(field.id or "")
        if method is None:
            return None
        try:
            getattr(self, method)(field)
        except (WorkshopError, ValueError) as error:
            if not isinstance(error, FieldRefused):
                self.reject(field, error)
            return str(error)
        field.remove_class("-invalid")
        if isinstance(field, TextInput):
            field.kept()
        return None

    def keep_focused(self) -> str | None:
        """Keep the field being typed in (before the app quits)."""
        focused = self.screen.focused
        if isinstance(focused, Input) and focused in self.query(Input):
            return self.keep(focused)
        return None

    def field_entered(self, field: Input) -> None:
        """Enter in a field: keep its text and go on to the next field."""
        if self.keep(field) is None:
            following = self.screen.focus_next()
            if isinstance(following, Input):
                following.cursor_position = len(following.value)

    @on(Input.Blurred)
    def _field_left(self, event: Input.Blurred) -> None:
        self.keep(event.input)

    def draft_changed(self, field: TextInput) -> None:
        """An entry field changed: keep its text as a draft (see :attr:`DRAFTS`)."""
        name = self.DRAFTS.get(field.id or "")
        if name is None or not field.is_attached:
            return
        if self.workshop.drafts.get(name, "") != clean(field.value):
            self.workshop_screen.set_draft(name, field.value)
        field.kept()

    def show_drafts(self) -> None:
        """Put back what was being typed in the entry fields."""
        for field_id, name in self.DRAFTS.items():
            self.set_field(field_id, self.workshop.drafts.get(name, ""))

    def show(self) -> None:
        """Show the workshop as it is now."""

    def focus_first(self) -> None:
        """Put the focus where the room's next action is."""
