"""Leaving when the terminal goes away or the app is told to stop, every time,
within two seconds, with the session saved and its lock released first.

Three things start it:

- SIGTERM, SIGHUP (closing the terminal window sends SIGHUP) or SIGINT
  (``kill -INT``; ctrl+c typed in the app is a key, not a signal: the
  terminal is in raw mode);
- the terminal hanging up (a thread waits for it with ``poll``, which the
  kernel wakes when the other side of the terminal is closed);
- a thread dying of an input/output error (the terminal's output failing).

What happens then:

1. The app's own loop is asked to leave as it would on ctrl+q, saving what
   is typed first (``graceful``). It saves, releases the lock, and exits.
2. If the loop has not saved within :data:`GRACE_SECONDS` (it may be stuck:
   Textual writes to the terminal from a thread of its own through a queue
   of bounded size, and once the terminal is gone that queue fills and any
   write blocks for good), the saves are finished and the lock released
   from here instead (``emergency``), and the process ends at once.
3. If the app saved but is still there at :data:`LAST_SECONDS` (Textual
   cannot write to the terminal to put it back), the process ends here.

Python runs a signal handler between two steps of the main thread even while
that thread waits on a lock, so a stuck loop cannot keep the handler from
running.
"""

from __future__ import annotations

import asyncio
import errno
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

GRACE_SECONDS = 0.7
"""How long the app's loop has to save and release the lock by itself."""

LAST_SECONDS = 1.5
"""When the process ends at the latest, counted from the first sign."""

HUNG_UP_SECONDS = 0.3
"""After a hang-up, how long the app has to leave by itself once it has
saved (Textual then usually cannot: its output has nowhere to go)."""

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Each ends the app with 128 + its number (143, 129, 130), as a shell
reports a process a signal ended, so that a script can tell an
interrupted run from a quit (0)."""

TERMINAL_ERRORS = (errno.EIO, errno.ENXIO)
"""What a terminal that has hung up answers a write with."""

SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None
"""What ``signal.signal`` gives back: the handler to put back."""


class Shutdown:
    """Watches for the signs that the app must stop, and sees that it does.

    A watchdog thread, started by :meth:`install`, waits on a pipe; each sign
    writes the exit code to it (a signal handler may do no more than that:
    it can interrupt the main thread anywhere, even while that thread holds
    a lock the handler would need), and the first code read starts the stop.
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        graceful: Callable[[int], None],
        emergency: Callable[[float], None],
    ) -> None:
        self.loop = loop
        self.graceful = graceful
        """Runs on the app's loop: keep what is typed, save, release, exit."""
        self.emergency = emergency
        """Runs on the watchdog's thread if the loop did not save in time,
        with the seconds left before the process must end."""
        self.done = threading.Event()
        """Set once the session is saved and its lock released."""
        self._signs_read, self._signs = os.pipe()
        os.set_blocking(self._signs, False)
        self._stop_read, self._stop_write = os.pipe()
        self._previous: dict[int, SignalHandler] = {}
        self._previous_hook = None
        self._installed = False

    def install(self, terminal_fd: int | None) -> None:
        """Catch the stop signals (main thread only), watch the terminal
        ``terminal_fd`` and the threads for a hang-up, and start the watchdog."""
        for number in STOP_SIGNALS:
            self._previous[number] = signal.signal(number, self._on_signal)
        self._installed = True
        threading.Thread(target=self._watchdog, name="tui-roadmap-stop", daemon=True).start()
        if terminal_fd is not None:
            threading.Thread(
                target=self._watch_terminal, args=(terminal_fd,), name="tui-roadmap-hangup", daemon=True
            ).start()
        self._previous_hook = threading.excepthook
        threading.excepthook = self._on_thread_error

    def uninstall(self) -> None:
        """Put the signal handlers and the thread hook back as they were, and
        stop watching the terminal."""
        if not self._installed:
            return
        self._installed = False
        for number, handler in self._previous.items():
            try:
                signal.signal(number, handler)
            except (ValueError, TypeError):  # not the main thread, or a handler signal cannot take
                pass
        self._previous.clear()
        if self._previous_hook is not None and threading.excepthook == self._on_thread_error:
            threading.excepthook = self._previous_hook
        os.write(self._stop_write, b"x")  # the terminal watcher ends
        self.begin(0)  # the watchdog ends: code 0 is no stop

    def begin(self, code: int) -> None:
        """Stop, ending the process with ``code``. Safe from any thread and
        from a signal handler; only the first call counts."""
        try:
            os.write(self._signs, bytes([code]))
        except OSError:  # the pipe is full: the watchdog has all it needs
            pass

    def _on_signal(self, number: int, frame: object) -> None:
        self.begin(128 + number)

    def _watch_terminal(self, fd: int) -> None:
        poller = select.poll()
        poller.register(fd, 0)  # no input events: only a hang-up or an error wakes it
        poller.register(self._stop_read, select.POLLIN)
        while True:
            try:
                events = poller.poll()
            except InterruptedError:
                continue
            except OSError:
                return
            for watched, mask in events:
                if watched == self._stop_read:
                    return
                if mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                    self.begin(128 + signal.SIGHUP)
                    return

    def _on_thread_error(self, args: threading.ExceptHookArgs) -> None:
        if isinstance(args.exc_value, OSError) and args.exc_value.errno in TERMINAL_ERRORS:
            self.begin(128 + signal.SIGHUP)
            return  # the terminal is gone: there is nowhere to print it
        if self._previous_hook is not None:
            self._previous_hook(args)

    def _watchdog(self) -> None:
        while True:
            try:
                code = os.read(self._signs_read, 1)[0]
                break
            except InterruptedError:
                continue
        if code == 0:
            return
        began = time.monotonic()
        try:
            self.loop.call_soon_threadsafe(self.graceful, code)
        except RuntimeError:  # the loop is closed: all is done from here
            pass
        if not self.done.wait(GRACE_SECONDS):
            # The loop is stuck: save and release from here, and leave now.
            try:
                self.emergency(max(0.0, LAST_SECONDS - (time.monotonic() - began) - 0.1))
            finally:
                os._exit(code)
        # Saved and released: the app is leaving by itself, putting the
        # terminal back as it was; if Textual cannot, it ends here. After a
        # hang-up there is no terminal to put back, so it waits less.
        patience = HUNG_UP_SECONDS if code == 128 + signal.SIGHUP else LAST_SECONDS
        left = min(LAST_SECONDS - (time.monotonic() - began), patience)
        if left > 0:
            time.sleep(left)
        os._exit(code)
