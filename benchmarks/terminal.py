"""Running a program in a pseudo-terminal and watching its screen (pyte), to
time what a user sees: from process start to a frame, from a key to a change.

A thread of its own reads the terminal as soon as the program writes, and
notes the time each piece of output came; the screen is parsed from those
pieces afterwards. (Parsing as it reads, pyte took about 3 ms for each 4 KB
piece, so the last piece of a big frame was read, and timed, long after the
program had written it: the figure was then the parser's time, not the
program's.)"""

from __future__ import annotations

import fcntl
import os
import queue
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

COLUMNS, LINES = 100, 30

READER_SWITCH_SECONDS = 0.0001
"""How soon the reading thread gets its turn while the screen is parsed:
the interpreter's switch interval for a measuring process (the default
5 ms would be the error of every time taken). ``benchmarks/run.py`` sets it."""


class Terminal:
    """A program in a pseudo-terminal, its output fed to a pyte screen."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TUI_ROADMAP"))}
        environment.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES), **(env or {}))
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.pieces: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
        self.started = time.perf_counter()
        self.arrived = self.started
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=environment, start_new_session=True
        )
        os.close(slave)
        self.reader = threading.Thread(target=self._read, name="terminal-reader", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        """Read the program's output as it comes, each piece with its time."""
        while True:
            try:
                data = os.read(self.master, 1 << 20)
            except OSError:
                data = b""  # the program has ended (EIO), or the terminal is closed
            if not data:
                self.pieces.put(None)
                return
            self.pieces.put((time.perf_counter(), data))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float) -> bool:
        """Parse the next piece of output (waiting up to ``timeout`` for
        it); ``self.arrived`` is when it came. False if none came."""
        try:
            piece = self.pieces.get(timeout=timeout)
        except queue.Empty:
            return False
        if piece is None:
            self.pieces.put(None)  # the end stays the end
            time.sleep(timeout)
            return False
        self.arrived, data = piece
        self.stream.feed(data)
        return True

    def wait_for(
        self, seen: Callable[[str], bool], timeout: float = 30.0, also: Callable[[], bool] | None = None
    ) -> float:
        """Seconds until ``seen(screen text)`` (and ``also()``) hold: when
        the output that showed it came (or when ``also()`` held)."""
        deadline = time.perf_counter() + timeout
        self.arrived = time.perf_counter()
        while True:
            if seen(self.text()) and (also is None or also()):
                return self.arrived if also is None else time.perf_counter()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"never saw it; the screen was:\n{self.text()}")
            self.pump(0.0005 if also else 0.005)

    def type(self, data: bytes) -> float:
        while self.pump(0):
            pass  # what came before the key is no answer to it
        os.write(self.master, data)
        return time.perf_counter()

    def quiet(self, seconds: float = 0.2) -> None:
        """Parse what comes for ``seconds``."""
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
        usage = None
        while time.perf_counter() < deadline:
            pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid:
                break
            self.pump(0.01)
            usage = None
        if usage is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            _, _, usage = os.wait4(self.process.pid, 0)
        self.reader.join(timeout=5)  # it ends on the terminal's end of output
        if not self.reader.is_alive():
            os.close(self.master)
        return usage.ru_maxrss
