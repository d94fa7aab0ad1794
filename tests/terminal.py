"""Running ``roadmap`` in a pseudo-terminal of its own, as a user runs it,
with its screen read back through pyte."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping
from pathlib import Path

import pyte


def _take_terminal() -> None:  # pragma: no cover - runs in the child
    """Make the terminal on standard input the child's controlling terminal,
    as a terminal window does: closing the window then sends SIGHUP."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """``roadmap`` running in a pseudo-terminal of its own, as in a real one.

    ``output`` holds every byte it wrote; ``screen`` is what a terminal of
    that size shows of them. With ``controlling`` the terminal is the
    process's controlling terminal, so that closing it (:meth:`hang_up`)
    sends SIGHUP, as closing a terminal window or a tmux session does."""

    def __init__(
        self,
        *args: str,
        cwd: Path,
        size: tuple[int, int] = (100, 30),
        controlling: bool = False,
        env: dict[str, str] | None = None,
        command: list[str] | None = None,
        base_env: Mapping[str, str] | None = None,
    ) -> None:
        """``roadmap ARGS`` as this Python runs it, or ``command`` (a whole
        command line: an installed ``roadmap``, a shell line); in
        ``base_env`` (by default this process's, without the sessions
        folder it may name) with ``env`` on top."""
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        start = os.environ if base_env is None else base_env
        environment = {k: v for k, v in start.items() if k != "TUI_ROADMAP_SESSIONS"}
        environment.update(TERM="xterm-256color", COLUMNS=str(size[0]), LINES=str(size[1]), **(env or {}))
        self.process = subprocess.Popen(
            command if command is not None else [sys.executable, "-m", "tui_roadmap", *args],
            cwd=cwd,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
            preexec_fn=_take_terminal if controlling else None,
        )
        os.close(slave)
        self.output = b""
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.closed = False

    def pump(self, timeout: float) -> bool:
        """Read what the app wrote within ``timeout`` seconds; False once
        there is nothing more to read (the app ended)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        if not data:
            return False
        self.output += data
        self.stream.feed(data)
        return True

    def lines(self) -> list[str]:
        """What the screen shows, line by line."""
        return list(self.screen.display)

    def read_until(self, text: bytes, timeout: float = 30) -> None:
        """Read until ``text`` has been written (a generous safety limit,
        not a time window: the test waits for the text, however long)."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, self.output[-2000:]
            if not self.pump(0.1):
                break

    def wait_for_screen(self, seen, timeout: float = 30) -> None:
        """Read until ``seen(lines)`` holds for the screen."""
        deadline = time.monotonic() + timeout
        while not seen(self.lines()):
            assert time.monotonic() < deadline, "\n".join(self.lines())
            if not self.pump(0.1):
                assert seen(self.lines()), "\n".join(self.lines())
                return

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does."""
        if not self.closed:
            self.closed = True
            os.close(self.master)

    def close(self, timeout: float = 30) -> int:
        """Wait for the app to end, reading what it draws meanwhile (a
        terminal that is not read from blocks the app that writes to it)."""
        deadline = time.monotonic() + timeout
        try:
            while self.process.poll() is None:
                if time.monotonic() > deadline:
                    self.process.kill()
                    raise AssertionError(f"roadmap did not quit: {self.output[-2000:]!r}")
                if self.closed or not self.pump(0.1):
                    try:
                        return self.process.wait(max(0.0, deadline - time.monotonic()))
                    except subprocess.TimeoutExpired:
                        continue
            return self.process.wait()
        finally:
            self.hang_up()


F3 = b"\x1bOR"
F5 = b"\x1b[15~"
CTRL_Q = b"\x11"
ENTER = b"\r"
