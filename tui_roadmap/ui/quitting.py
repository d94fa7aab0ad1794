"""What the app asks of its screens when it quits or is stopped: keep what
is typed, and close the room to phones. The app knows its screens only by
these, so that it loads none of them before it shows the first."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class KeepsTyping(Protocol):
    """A screen that holds typed text not kept yet (a form, the scope
    screen, the workshop's fields)."""

    def keep(self, partly: bool = False) -> str | None:
        """Keep what is typed; the reason if some of it cannot be (with
        ``partly``, what can be is kept)."""
        ...


@runtime_checkable
class HoldsRoom(Protocol):
    """A screen that may have the room open to phones."""

    def shut_room(self) -> None:
        """Close the room at once: no phone is told "saved" from now on."""
        ...
