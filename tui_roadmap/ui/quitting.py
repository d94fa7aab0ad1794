"""What the app asks of its screens when it quits or is stopped: keep what
is typed, and close the room to phones. The app asks the screens on its
stack by these, not by their classes, so that it imports the session list
or the workshop screen only when it first shows it."""

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
