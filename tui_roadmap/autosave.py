"""Keeping the open session on disk: save after every change, and keep trying
when a save fails.

The user interface calls :meth:`Autosave.changed` after every edit and
:meth:`Autosave.flush` soon after (once the screen shows the change). A save
that fails leaves the workshop in memory, marks the session "not saved" with
the reason, and is retried by :meth:`flush` until it succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .store import OpenSession, describe_os_error


@dataclass(frozen=True)
class SaveState:
    """What the screen says about saving."""

    saved: bool
    """True if everything the room did is on disk."""
    at: datetime | None
    """When the last successful save happened."""
    error: str | None
    """Why the last save failed, if it did."""
    failures: int = 0
    """How many saves in a row have failed."""


class Autosave:
    """Saves one open session whenever it has changes."""

    def __init__(self, session: OpenSession, clock: Callable[[], datetime]) -> None:
        self.session = session
        self.clock = clock
        self.dirty = False
        self.error: str | None = None
        self.failures = 0
        self.saved_at: datetime | None = None

    def changed(self, touch: bool = True) -> None:
        """Note that the workshop has changed and must be saved; ``touch``
        also makes it the time of the last change (moving between steps and
        typing a draft do not count as changes to the roadmap)."""
        if touch:
            self.session.workshop.updated = self.clock()
        self.dirty = True

    def flush(self) -> bool:
        """Save now if anything changed. Returns True if all is on disk."""
        if not self.dirty:
            return True
        try:
            self.session.save()
        except OSError as error:
            self.error = describe_os_error(error)
            self.failures += 1
            return False
        self.dirty = False
        self.error = None
        self.failures = 0
        self.saved_at = self.clock()
        return True

    @property
    def state(self) -> SaveState:
        """The save state, for the screen."""
        return SaveState(not self.dirty, self.saved_at, self.error, self.failures)
