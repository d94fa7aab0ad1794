"""Keeping the open session on disk, off the screen's thread.

Every change the room makes is handed to :meth:`Autosave.changed` the moment
the model takes it: a snapshot of the workshop is queued, and a thread of
its own writes it (see ``OpenSession.write``). The screen never waits for a
write or an fsync, so a slow disk (a USB stick, a network home folder) never
stalls it.

- Writes never overlap and keep their order; when changes come faster than
  the disk, the thread writes the newest snapshot and skips the ones it
  overtook, so the last state is always the one written.
- :attr:`Autosave.state` says whether what the room sees is on disk: it is
  "saved" only once the newest change has been written.
- A write that fails leaves the workshop in memory, marks the state "not
  saved" with the reason, and is tried again every :data:`RETRY_SECONDS`
  (and at once when the next change comes) until it succeeds.
- :meth:`Autosave.flush` waits for the newest change to be written (or to
  fail); :meth:`Autosave.close` does so and then stops the thread, so that a
  session is closed, and its lock released, only after its last save.
- A session opened read-only is never written: a change (which the screen
  makes only to what it shows, such as the step) is not saved, and the
  state says why (:attr:`SaveState.read_only`).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime

from msgspec import Struct

from tui_roadmap.files.documents import snapshot
from tui_roadmap.files.store import OpenSession, describe_os_error
from tui_roadmap.workshop.model import Workshop

RETRY_SECONDS = 1.0
"""How often a failed save is tried again while nothing new comes."""

SOON_SECONDS = 0.02
"""How long the saving thread lets a change wait before it writes it: about
a frame, so that the screen draws the change first without the save taking
the processor from it (the save then writes every change that came
meanwhile at once)."""

LATER_SECONDS = 0.25
"""How long a change that is no work of the room's (the step the room is
on) waits before it is saved, so that its save does not take the machine
from the screen while the step is drawn. A change of the room's saved
meanwhile takes it along."""

SWITCH_SECONDS = 0.001
"""How long Python lets one thread run before another that waits may have
its turn (``sys.setswitchinterval``; Python's default is 5 ms). A save makes
a dozen system calls, and after each one the saving thread waits for its
turn again; while the screen is busy with a burst of keys, 5 ms a turn left
a save of a few milliseconds taking up to a second."""


class SaveState(Struct, frozen=True):
    """What the screen says about saving."""

    saved: bool
    """True if everything the room did is on disk."""
    at: datetime | None
    """When the last successful save happened."""
    error: str | None
    """Why the last save failed, if it did."""
    failures: int = 0
    """How many saves in a row have failed."""
    note: str | None = None
    """Something the user should know about the last save that worked (an
    owner of the file that could not be kept)."""
    read_only: str | None = None
    """Why nothing is saved: the session is open read-only (None: it is not)."""

    @property
    def saving(self) -> bool:
        """True while the screen is ahead of the disk and nothing failed."""
        return not self.saved and self.error is None


Report = Callable[[SaveState], None]


class Autosave:
    """Saves one open session, on a thread of its own, whenever it changes."""

    def __init__(
        self,
        session: OpenSession,
        clock: Callable[[], datetime],
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self.session = session
        self.clock = clock
        self.retry_seconds = retry_seconds
        self.reports: list[Report] = []
        """Called, on the saving thread, after every save tried."""
        self._cv = threading.Condition()
        self._pending: tuple[Workshop, int] | None = None
        self._changes = 0
        """How many changes the room has made (the newest change's number)."""
        self._saved = 0
        """The number of the newest change that is on disk."""
        self._tried = 0
        """The number of the newest change a save was tried for."""
        self._error: str | None = None
        self._failures = 0
        self._note: str | None = None
        self._saved_at: datetime | None = None
        self._closing = False
        self._due = 0.0
        """When the pending change is to be saved (at once, but for ``later``)."""
        self._thread: threading.Thread | None = None

    @property
    def workshop(self) -> Workshop:
        return self.session.workshop

    # -------------------------------------------------------- on the screen

    def changed(self, touch: bool = True, later: bool = False) -> None:
        """The workshop has changed: queue it to be saved, now. ``touch``
        also makes it the time of the last change (moving between steps and
        typing a draft do not count as changes to the roadmap); ``later``
        lets the save wait :data:`LATER_SECONDS` (the step the room is on)."""
        if self.session.read_only is not None:
            return  # nothing is ever written (see the module)
        if touch:
            self.workshop.updated = self.clock()
        copy = snapshot(self.workshop)
        with self._cv:
            if self._closing:
                return
            self._changes += 1
            now = time.monotonic()
            if self._pending is None:
                self._due = now + (LATER_SECONDS if later else SOON_SECONDS)
            elif not later:
                self._due = min(self._due, now + SOON_SECONDS)
            # (a change that may wait never delays one pending that may not)
            self._pending = (copy, self._changes)
            self._cv.notify_all()
            if self._thread is None:
                if sys.getswitchinterval() > SWITCH_SECONDS:
                    sys.setswitchinterval(SWITCH_SECONDS)
                self._thread = threading.Thread(target=self._run, name="tui-roadmap-saves", daemon=True)
                self._thread.start()

    @property
    def state(self) -> SaveState:
        """The save state, for the screen."""
        with self._cv:
            return self._state()

    def _state(self) -> SaveState:
        saved = self._saved == self._changes
        return SaveState(
            saved, self._saved_at, None if saved else self._error, self._failures, self._note, self.session.read_only
        )

    @property
    def error(self) -> str | None:
        """Why the newest change is not on disk, if a save of it failed."""
        return self.state.error

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until the newest change is on disk, or a save of it has
        failed, or ``timeout`` seconds have passed. Returns True if all is on
        disk. Safe from any thread."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cv:
            self._due = min(self._due, time.monotonic())  # nothing waits now
            self._cv.notify_all()
            while self._saved != self._changes and self._tried != self._changes:
                if self._thread is None or not self._thread.is_alive():
                    break  # nothing is saving (it never started, or it stopped)
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._cv.wait(left)
            return self._saved == self._changes

    @property
    def closing(self) -> bool:
        """True once saving has stopped: a change made now is not saved."""
        with self._cv:
            return self._closing

    @property
    def changes(self) -> int:
        """The number of the newest change (see :meth:`wait_for`)."""
        with self._cv:
            return self._changes

    def wait_for(self, number: int, timeout: float | None = None) -> bool:
        """Wait until change ``number`` (or a later one) is on disk, or
        ``timeout`` seconds have passed, or saving has stopped. Returns True
        if it is on disk. Safe from any thread."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cv:
            self._due = min(self._due, time.monotonic())
            self._cv.notify_all()
            while self._saved < number and self._thread is not None and self._thread.is_alive():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._cv.wait(left)
            return self._saved >= number

    def wait_saved(self, timeout: float | None = None) -> bool:
        """Wait until the newest change is on disk, however many tries that
        takes (or ``timeout`` seconds). Returns True if all is on disk."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cv:
            self._due = min(self._due, time.monotonic())
            self._cv.notify_all()
            while self._saved != self._changes and self._thread is not None and self._thread.is_alive():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._cv.wait(left)
            return self._saved == self._changes

    def close(self, timeout: float | None = None) -> bool:
        """Save what is pending (waiting for it, up to ``timeout`` in all),
        then stop saving. Returns True if everything is on disk. Safe from
        any thread; the session itself stays open for its owner to close."""
        deadline = None if timeout is None else time.monotonic() + timeout
        saved = self.flush(timeout)
        with self._cv:
            self._closing = True
            self._cv.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return saved and (thread is None or not thread.is_alive())

    # ----------------------------------------------------- on its own thread

    def _run(self) -> None:
        while True:
            with self._cv:
                while True:
                    if self._pending is None:
                        if self._closing:
                            return
                        self._cv.wait()
                        continue
                    workshop, number = self._pending
                    wait = self._due - time.monotonic()
                    if wait > 0 and not self._closing:
                        self._cv.wait(wait)  # a change that may wait (or until one that may not)
                        continue
                    if self._error is None or self._tried < number:
                        break  # a change not tried yet
                    if self._closing:
                        return  # its last try failed; the caller knows
                    # The last try failed: again after a while, or at once
                    # when the next change comes.
                    self._cv.wait(self.retry_seconds)
                    if self._pending is not None and self._pending[1] == number:
                        break
            self._save(workshop, number)

    def _save(self, workshop: Workshop, number: int) -> None:
        try:
            note = self.session.write(workshop)
        except Exception as error:  # noqa: BLE001 - whatever stops a save is shown as a failed save, and retried
            with self._cv:
                self._tried = max(self._tried, number)
                self._error = (
                    describe_os_error(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
                )
                self._failures += 1
                state = self._state()
                self._cv.notify_all()
        else:
            with self._cv:
                self._tried = self._saved = max(self._saved, number)
                if self._pending is not None and self._pending[1] <= number:
                    self._pending = None
                self._error = None
                self._failures = 0
                self._note = note
                self._saved_at = self.clock()
                state = self._state()
                self._cv.notify_all()
        for report in list(self.reports):
            try:
                report(state)
            except Exception:  # noqa: BLE001 - a screen that is gone must not stop the saves
                pass
