"""Closing the terminal at any moment: the app saves, releases the session's
lock, and ends within two seconds, every time.

Twenty moments, each in a terminal of its own: right after a key, in the
middle of a burst of keys, right after the Enter that starts a save, right
after an idea is drawn, and with the app stuck writing to a terminal that no
longer reads (Textual's output queue full: the way the app used to hang). The
terminal is closed as a window or a tmux session closes it (SIGHUP to the
app, whose controlling terminal it is) or without a signal at all (the
terminal simply hangs up). Each moment is reached by what the screen shows,
never by waiting a while.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest

from tui_roadmap.files.store import LOCK_FOLDER, SessionFolder
from tui_roadmap.workshop.model import new_workshop

from .conftest import NOW
from .terminal import ENTER, Terminal

KINDS = ("after a key", "mid-burst", "mid-save", "after drawn", "output stuck")
"""Moments to close the terminal at. Each runs twice: with SIGHUP sent as a
window or tmux sends it, and with the terminal hanging up and no signal."""
MOMENTS = [(kind, bool(n % 2)) for n in range(4) for kind in KINDS]


def in_list(lines: list[str], text: str) -> bool:
    """True if ``text`` shows in the list of ideas, numbered (not in the
    field below, however tall the key bar under it)."""
    return any(re.search(rf"\d+\s+{re.escape(text)}", line) for line in lines)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A session of 1,500 ideas (a save takes a moment), on the Ideas step."""
    root = tmp_path_factory.mktemp("hangup") / "sessions"
    workshop = new_workshop("Hangup", NOW)
    for n in range(1500):
        workshop.add_idea(f"Earlier idea number {n} with a few words more to it")
    workshop.set_step("ideas")
    SessionFolder(root).create(workshop.name, NOW, workshop).close()
    return root / "hangup.json"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a terminal of the POSIX kind")
@pytest.mark.parametrize(
    ("kind", "controlling"), MOMENTS, ids=[f"{k}-{'sighup' if c else 'hangup'}" for k, c in MOMENTS]
)
def test_closing_the_terminal_saves_releases_and_ends_within_two_seconds(tmp_path, template, kind, controlling):
    root = tmp_path / "sessions"
    root.mkdir()
    (root / "hangup.json").write_bytes(template.read_bytes())
    terminal = Terminal("open", "Hangup", cwd=tmp_path, controlling=controlling)
    terminal.wait_for_screen(lambda lines: "Type an idea" in "\n".join(lines))
    drawn = ["Shown before the close"]
    terminal.press(drawn[0].encode() + ENTER)
    terminal.wait_for_screen(lambda lines: in_list(lines, drawn[0]))

    if kind == "after a key":
        terminal.press(b"x")
    elif kind == "mid-burst":
        terminal.press(b"".join(f"Burst idea {n}".encode() + ENTER for n in range(8)))
    elif kind == "mid-save":
        terminal.press(b"Saving as the terminal closes")
        terminal.wait_for_screen(
            lambda lines: "Saving as the terminal closes" in "\n".join(lines)
        )  # typed, in the field
        terminal.press(ENTER)  # the save starts now, on its own thread
    elif kind == "after drawn":
        drawn.append("Drawn just before the close")
        terminal.press(drawn[-1].encode() + ENTER)
        terminal.wait_for_screen(lambda lines: in_list(lines, drawn[-1]))
    else:  # output stuck: the terminal stops reading while ideas keep coming
        for n in range(300):
            terminal.press(f"Unread {n}".encode() + ENTER)
        # Once some of them are saved, the app has drawn more than a terminal
        # holds unread: Textual's output thread is stuck, and soon its queue
        # is full and the app's loop with it (test_shutdown reproduces that
        # state exactly).
        saved = root / "hangup.json"
        deadline = time.monotonic() + 30
        while b"Unread 9" not in saved.read_bytes():
            assert time.monotonic() < deadline, "the ideas typed were never saved"
            time.sleep(0.02)
        if controlling:
            os.killpg(terminal.process.pid, signal.SIGHUP)  # as closing the window does; else a hang-up alone

    began = time.monotonic()
    terminal.hang_up()
    try:
        code = terminal.process.wait(timeout=20)
    except Exception:  # it did not end: end it, and fail
        terminal.process.kill()
        raise
    took = time.monotonic() - began
    print(f"{kind}, {'SIGHUP' if controlling else 'hang-up only'}: ended in {took:.2f} s with {code}")

    assert code == 128 + signal.SIGHUP
    assert took < 2.0, f"it took {took:.2f} s to end"
    assert not (root / LOCK_FOLDER / "hangup.json.owner").exists(), "the lock was not released"
    folder = SessionFolder(root)
    session = folder.open("Hangup", NOW)  # not refused: the lock is free
    texts = {idea.text for idea in session.workshop.ideas}
    session.close()
    assert set(drawn) <= texts
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]
