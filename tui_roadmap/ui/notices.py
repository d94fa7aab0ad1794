"""The toasts the room reads: each one gone once its time is up on the app's
own clock, never more than a few at once (the newest), and the one place
where the app reaches into Textual's notifications.

Textual alone times each toast on the toast: when a toast widget is
mounted it sets one timer from the time its notification has left, and that
time is read off the wall clock (``Notification.raised_at`` is
``time.time()``). A screen's toasts are brought in line with the app's
notifications only when another one is posted or the screen comes back. So
a toast whose own timer does not take it away (built late, behind a dialog
or on a screen that came back; timed off a wall clock that was set back)
stays up until something else is said; and a burst fills the rack from the
top, the newest last, under the older ones, where it is cut off.

:class:`Notices` keeps the time itself:

- when a notification is posted, its end is noted on the app's own clock
  (monotonic: never set back);
- every :data:`TICK_SECONDS` while any is up, those whose time is up are
  taken away, and the toasts on screen brought in line;
- at most :data:`MAX_SHOWN` are up at once: a new one takes the place of
  the oldest (an error goes last), so the newest is always in view.

No public API of Textual takes one notification away: :func:`live` and
:func:`take_away` use ``App._notifications`` and ``App._unnotify``, here
only; ``tests/test_notices.py`` fails loudly if a Textual release changes
either.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.app import App
from textual.notifications import Notification
from textual.timer import Timer

TICK_SECONDS = 0.25
"""How often the app looks for toasts whose time is up, while any is up."""

MAX_SHOWN = 3
"""The most toasts up at once: more would cover the step the room reads."""


def live(app: App) -> list[Notification]:
    """The app's notifications that are up, oldest first."""
    return list(app._notifications)


def take_away(app: App, notification: Notification) -> None:
    """Take one notification away, and its toast off the screen."""
    app._unnotify(notification)


class Notices:
    """The app's notifications, timed on the app's own clock (see the module)."""

    def __init__(self, app: App, clock: Callable[[], float] = monotonic) -> None:
        self.app = app
        self.clock = clock
        """The app's own clock for toasts, in seconds (a test gives its own)."""
        self._ends: dict[str, float] = {}
        self._timer: Timer | None = None

    def start(self) -> None:
        """Look for toasts whose time is up (from the app's mount)."""
        self._timer = self.app.set_interval(TICK_SECONDS, self.expire, name="notices", pause=True)

    def posted(self, notification: Notification) -> None:
        """A notification is being posted: note its end; make room for it."""
        self._ends[notification.identity] = self.clock() + notification.timeout
        others = [n for n in live(self.app) if n.identity != notification.identity]
        while len(others) >= MAX_SHOWN:
            oldest = next((n for n in others if n.severity != "error"), others[0])
            others.remove(oldest)
            self._forget(oldest)
        if self._timer is not None:
            self._timer.resume()

    def expire(self) -> None:
        """Take away every notification whose time is up on the app's clock."""
        now = self.clock()
        shown = live(self.app)
        for notification in shown:
            end = self._ends.setdefault(notification.identity, now + notification.timeout)
            if end <= now:
                self._forget(notification)
        up = {n.identity for n in live(self.app)}
        self._ends = {identity: end for identity, end in self._ends.items() if identity in up}
        if not up and self._timer is not None:
            self._timer.pause()

    def _forget(self, notification: Notification) -> None:
        self._ends.pop(notification.identity, None)
        take_away(self.app, notification)
