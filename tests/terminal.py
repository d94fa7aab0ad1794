"""Running ``roadmap`` in a pseudo-terminal of its own, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class Terminal:
    """``roadmap`` running in a pseudo-terminal of its own, as in a real one."""

    def __init__(self, *args: str, cwd: Path, size: tuple[int, int] = (100, 30)) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        environment = {k: v for k, v in os.environ.items() if k != "TUI_ROADMAP_SESSIONS"}
        environment.update(TERM="xterm-256color", COLUMNS=str(size[0]), LINES=str(size[1]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui_roadmap", *args],
            cwd=cwd,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, text: bytes, timeout: float = 20) -> None:
        import select
        import time

        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, self.output[-2000:]
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self, timeout: float = 20) -> int:
        """Wait for the app to end, reading what it draws meanwhile (a
        terminal that is not read from blocks the app that writes to it)."""
        import select
        import time

        deadline = time.monotonic() + timeout
        try:
            while self.process.poll() is None:
                if time.monotonic() > deadline:
                    self.process.kill()
                    raise AssertionError(f"roadmap did not quit: {self.output[-2000:]!r}")
                ready, _, _ = select.select([self.master], [], [], 0.1)
                if ready:
                    try:
                        self.output += os.read(self.master, 65536)
                    except OSError:
                        pass
            return self.process.wait()
        finally:
            os.close(self.master)


F3 = b"\x1bOR"
F5 = b"\x1b[15~"
CTRL_Q = b"\x11"
ENTER = b"\r"
