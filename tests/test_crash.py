"""A save killed at any moment leaves the session whole.

A child process opens a session and saves it over and over, growing and
shrinking it up to about 2 MB, and tells the parent each step of each save:
the temp file made, the data written, flushed to the disk, about to be put in
place, done. The parent kills it with SIGKILL right after one of those steps,
chosen at random (so a kill never waits on a time window, and lands the same
way on a busy machine as on an idle one), again and again. After every kill
the file must load and hold either the state before the interrupted save or
the one after it; the next process to open the session takes over its lock
and removes the stray temp file.

The default run kills 60 times; ``pytest -m soak`` runs the long soak
(``--kills``, 300 by default).
"""

from __future__ import annotations

import os
import random
import signal
import time
from datetime import datetime
from pathlib import Path

import pytest

from tui_roadmap.files.documents import from_tables, to_tables
from tui_roadmap.files.storage import DiskIO, dumps, encode, parse, read_head
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop.model import Idea, Workshop, new_workshop

NOW = datetime(2026, 11, 22, 10, 30)

#: Ideas in each successive save: small, large (about 2 MB), and back.
SIZES = [3, 400, 15000, 40, 2000, 1]


def state(step: int) -> Workshop:
    """The workshop as the child saves it at ``step``."""
    workshop = new_workshop("Crash test", NOW)
    workshop.mission = f"save number {step}"
    count = SIZES[step % len(SIZES)]
    workshop.ideas = [
        Idea(n, f"Idea {n} of save {step}: a sentence long enough to look like what a room calls out", number=n)
        for n in range(1, count + 1)
    ]
    return workshop


STEPS_OF_A_SAVE = (b"saving", b"written", b"synced", b"replacing", b"saved")


def saver(root: Path, start: int, report: int) -> None:
    """The child: open the session, then save states start, start+1, ...
    and report each step of each save."""

    class ReportingDisk(DiskIO):
        def open_temp(self, folder, name):
            opened = super().open_temp(folder, name)
            os.write(report, b"saving\n")  # the temp file exists: the save is under way
            return opened

        def write(self, fd, data):
            written = super().write(fd, data)
            os.write(report, b"written\n")
            return written

        def fsync(self, fd):
            super().fsync(fd)
            os.write(report, b"synced\n")

        def replace(self, source, target):
            os.write(report, b"replacing\n")
            super().replace(source, target)

    session = SessionFolder(root).open("Crash test", NOW)
    session.disk = ReportingDisk()
    os.write(report, b"open\n")
    step = start
    while True:
        session.write(state(step))
        os.write(report, f"saved {step}\n".encode())
        step += 1


def _read_line(fd: int) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            break
        line += chunk
    return line.strip()


def saved_step(path: Path) -> int:
    """Which state the file holds, byte for byte (so it loads: it is what a
    complete save writes)."""
    raw = path.read_bytes()
    head = read_head(path)
    assert head is not None, f"the file does not start as a session file: {raw[:200]!r}"
    step = int(next(iter(head["session"].values()))["mission"].removeprefix("save number "))
    assert raw == encode(dumps(to_tables(state(step)))), f"the file holds a mix of saves around {step}"
    return step


def kill_soak(tmp_path: Path, kills: int) -> None:
    root = tmp_path / "sessions"
    folder = SessionFolder(root)
    first = folder.create("Crash test", NOW, state(0))
    first.close()
    rng = random.Random(20261122)
    step = 0
    mid_save = 0
    sizes_saved: set[int] = set()
    began = time.monotonic()
    for _ in range(kills):
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                os.close(read_end)
                saver(root, step + 1, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        lines = [_read_line(read_end)]  # wait until the child holds the session
        assert lines == [b"open"], lines
        # Kill right after a step of a save, chosen at random: the n-th save's
        # temp file made, data written, flushed, renaming, or done.
        saves, moment = rng.randint(0, 3), rng.choice(STEPS_OF_A_SAVE)
        while True:
            line = _read_line(read_end)
            assert line, f"the child ended: {lines[-5:]}"
            lines.append(line)
            if line.startswith(b"saved"):
                if moment == b"saved" and saves == 0:
                    break
                saves -= 1
            elif line == moment and saves == 0:
                break
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        lines += os.read(read_end, 1 << 20).split(b"\n")
        os.close(read_end)
        steps = [int(line.split()[1]) for line in lines if line.startswith(b"saved ")]
        done = steps[-1] if steps else step
        found = saved_step(root / "crash-test.json")
        assert found in (done, done + 1), f"file holds save {found}, last reported {done}"
        mid_save += any(p.name.endswith(".tmp") for p in root.iterdir())
        sizes_saved.update(SIZES[n % len(SIZES)] for n in [*steps, found])
        step = found
    elapsed = time.monotonic() - began
    # The next open loads the last save and cleans up after the last kill.
    assert from_tables(parse((root / "crash-test.json").read_bytes())) == state(step)
    folder.open("Crash test", NOW).close()
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]
    assert sizes_saved == set(SIZES), f"only sessions of {sorted(sizes_saved)} ideas were ever saved"
    assert mid_save >= kills // 10, f"only {mid_save} kills landed in the middle of a save"
    print(
        f"{kills} kills in {elapsed:.1f} s, {mid_save} in the middle of a save, {step} saves, largest {max(SIZES)} ideas"
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_save_killed_at_any_moment_leaves_the_last_one_whole(tmp_path):
    kill_soak(tmp_path, 60)


@pytest.mark.soak
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_long_soak_of_kills_leaves_every_save_whole(tmp_path, request):
    kill_soak(tmp_path, request.config.getoption("--kills"))
