"""Running a program in a pseudo-terminal and watching its screen (pyte), to
time what a user sees: from process start to a frame, from a key to a change."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

COLUMNS, LINES = 100, 30


class Terminal:
    """A program in a pseudo-terminal, its output fed to a pyte screen."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TUI_ROADMAP"))}
        environment.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES), **(env or {}))
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=environment, start_new_session=True
        )
        os.close(slave)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 1 << 20)
            except OSError:
                return
            # When the bytes came, not when this process has read them as a
            # screen: a bigger frame takes longer to parse here, which is no
            # time of the program's.
            self.arrived = time.perf_counter()
            self.stream.feed(data)

    def wait_for(self, seen: Callable[[str], bool], timeout: float = 30.0, also: Callable[[], bool] | None = None) -> float:
        """Seconds until ``seen(screen text)`` (and ``also()``) hold."""
        deadline = time.perf_counter() + timeout
        self.arrived = time.perf_counter()
        while True:
            if seen(self.text()) and (also is None or also()):
                return self.arrived if also is None else time.perf_counter()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"never saw it; the screen was:\n{self.text()}")
            self.pump(0.0005 if also else 0.005)

    def type(self, data: bytes) -> float:
        os.write(self.master, data)
        return time.perf_counter()

    def quiet(self, seconds: float = 0.2) -> None:
        """Read until the program has drawn nothing for ``seconds``."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.pump(0.01)

    def close(self) -> int:
        """Quit with ctrl+q (kill if that does not work); the peak memory
        of the process, in kilobytes."""
        try:
            os.write(self.master, b"\x11")
        except OSError:
            pass
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid:
                os.close(self.master)
                return usage.ru_maxrss
            self.pump(0.01)
        os.killpg(self.process.pid, signal.SIGKILL)
        _, _, usage = os.wait4(self.process.pid, 0)
        os.close(self.master)
        return usage.ru_maxrss
