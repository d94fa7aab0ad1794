"""What every step's pane has in common."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.containers import Container
from textual.widgets import Input

from ..model import Workshop

if TYPE_CHECKING:
    from ..screens.workshop import WorkshopScreen

T = TypeVar("T")


class Pane(Container):
    """One step of the workshop. A pane shows the workshop (:meth:`show`) and
    changes it only through :meth:`edit`, which saves the change and tells
    every pane to show it."""

    step: ClassVar[str] = ""

    @property
    def workshop_screen(self) -> WorkshopScreen:
        from ..screens.workshop import WorkshopScreen

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
        """Show a value in a field, unless the facilitator is typing in it."""
        field = self.query_one(f"#{field_id}", Input)
        if not field.has_focus and field.value != value:
            field.value = value
            field.remove_class("-invalid")

    def reject(self, field: Input, problem: Exception) -> None:
        """Say why what was typed in a field cannot be used; the text stays."""
        field.add_class("-invalid")
        self.notify(str(problem), severity="warning", markup=False)

    def show(self) -> None:
        """Show the workshop as it is now."""

    def focus_first(self) -> None:
        """Put the focus where the room's next action is."""
