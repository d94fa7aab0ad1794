"""Kill the app (kill -9) in the middle of a secret ballot, and open the
session again: nothing cast is lost, the round resumes at the same voter,
behind the cover, and nobody's dots show."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tui_roadmap.files.documents import from_tables
from tui_roadmap.files.storage import parse
from tui_roadmap.files.store import SessionFolder

from .conftest import NOW
from .terminal import CTRL_Q, ENTER, Terminal
from .test_trusted_vote import workshop_of

DOT = "\u25cf"
ESCAPE = b"\x1b"


def screen(terminal: Terminal) -> str:
    return "\n".join(terminal.lines())


def saved_ballots(path) -> dict:
    """The ballots in the session file (saves replace it whole, atomically)."""
    return from_tables(parse(path.read_bytes())).vote.ballots


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a terminal of the POSIX kind")
def test_a_kill_mid_ballot_loses_nothing_and_resumes_at_the_same_voter_behind_the_cover(tmp_path):
    root = tmp_path / "sessions"
    SessionFolder(root).create("Trust", NOW, workshop_of()).close()
    path = root / "trust.json"

    first = Terminal("open", "Trust", cwd=tmp_path)
    try:
        first.wait_for_screen(lambda lines: "Voters" in "\n".join(lines))
        first.press(b"b")
        first.wait_for_screen(lambda lines: "Secret ballot: 0 of 3 in" in "\n".join(lines))
        first.press(b"n")
        first.wait_for_screen(lambda lines: "Pass to Priya" in "\n".join(lines))
        first.press(b"\r")  # Priya's ballot; she finishes, then Marcus puts one dot down
        first.wait_for_screen(lambda lines: "Priya's ballot" in "\n".join(lines))
        first.press(b"++")
        first.wait_for_screen(lambda lines: "2 dots left" in "\n".join(lines))
        first.press(ENTER)
        first.wait_for_screen(lambda lines: "Pass to Marcus" in "\n".join(lines))
        first.press(ENTER)
        first.wait_for_screen(lambda lines: "Marcus's ballot" in "\n".join(lines))
        first.press(b"\x1b[B+")  # down, then a dot on idea 2
        first.wait_for_screen(lambda lines: "3 dots left" in "\n".join(lines))
        deadline = time.monotonic() + 30  # a safety net: the test waits for the save itself
        while len(saved_ballots(path)) < 2:
            assert time.monotonic() < deadline, "the ballots were never saved"
            first.pump(0.05)
        os.killpg(first.process.pid, signal.SIGKILL)
        first.process.wait(timeout=20)
    finally:
        first.hang_up()

    ballots = saved_ballots(path)
    assert sorted(sum(b.values()) for b in ballots.values()) == [1, 2]

    again = Terminal("open", "Trust", cwd=tmp_path)
    try:
        # Each screen is read once it is drawn whole (a terminal may show a
        # frame half written): the waits are for what it must show, and the
        # checks are what it must not.
        again.wait_for_screen(
            lambda lines: "Pass to Marcus" in "\n".join(lines) and "ballots are in" in "\n".join(lines)
        )
        shown = screen(again)
        assert DOT not in shown and "Dark mode" not in shown  # the cover: nobody's dots, no ideas
        again.press(ENTER)
        again.wait_for_screen(
            lambda lines: "3 dots left" in "\n".join(lines) and "Esc: hide the ballot" in "\n".join(lines)
        )
        again.wait_for_screen(lambda lines: DOT in "\n".join(lines))
        shown = screen(again)
        assert "Marcus's ballot" in shown and shown.count(DOT) == 1  # his own dot, and only his
        again.press(ESCAPE)
        again.wait_for_screen(lambda lines: "Pass to Marcus" in "\n".join(lines))
        again.press(ESCAPE)
        again.wait_for_screen(
            lambda lines: "Secret ballot: 1 of 3 in" in "\n".join(lines) and "Ballots still to come" in "\n".join(lines)
        )
        # The ballot drawn before may take a moment to be drawn over: what
        # must never show is a dot once the vote screen is whole.
        again.wait_for_screen(lambda lines: DOT not in "\n".join(lines), timeout=10)
        shown = screen(again)
        assert "Hidden until the vote closes" in shown
        again.press(CTRL_Q)
        assert again.close() == 0
    finally:
        again.hang_up()
        if again.process.poll() is None:
            again.process.kill()
