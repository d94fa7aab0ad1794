"""Nothing the room saw is lost to a kill.

The app runs in a terminal of its own; ideas are typed into it in bursts,
as a fast typist or a laggy connection sends them, and the app is killed
with SIGKILL at a moment chosen by what the screen shows: right after a given
idea is drawn, right after "Saving..." or "Saved" is drawn, or in the middle
of a burst. After each kill the session file must read whole, and every idea
that had been on the screen for more than half a second must be in it.

The default run kills 6 times; ``pytest -m soak`` runs the long soak
(``--kills``, 300 by default).
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
from pathlib import Path

import pytest

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop.model import new_workshop

from .conftest import NOW
from .terminal import ENTER, Terminal

ON_SCREEN = 0.5
"""An idea on screen this long must be on disk (the promise of the README)."""

LIST_ROW = re.compile(r"^\s*\d+  (soak-\d+\.\d+)\s")

MOMENTS = ("after drawn", "mid-burst", "after saving shown", "after saved shown")


def make_session(root: Path) -> None:
    workshop = new_workshop("Soak", NOW)
    for n in range(300):
        workshop.add_idea(f"Earlier idea {n}")
    workshop.set_step("ideas")
    SessionFolder(root).create(workshop.name, NOW, workshop).close()


def one_round(tmp_path: Path, number: int, rng: random.Random) -> tuple[int, int, int]:
    """Type, kill, check. Returns (ideas seen, seen long enough, lost)."""
    terminal = Terminal("open", "Soak", cwd=tmp_path)
    terminal.wait_for_screen(lambda lines: " so far" in "\n".join(lines))
    terminal.press(b"\x15")  # ctrl+u: a half-typed idea kept from the last round goes
    moment = rng.choice(MOMENTS)
    # Type until the first ideas have been on screen for a while, so that
    # the promise is put to the test, then kill at the next moment of the
    # kind chosen for this round.
    ready_after = ON_SCREEN + rng.uniform(0.05, 0.5)
    seen: dict[str, float] = {}
    sent = 0
    killed_at = None

    def look() -> list[str]:
        lines = terminal.lines()
        now = time.monotonic()
        for line in lines:
            row = LIST_ROW.match(line)  # a numbered row of the list, not the field being typed in
            if row:
                seen.setdefault(row.group(1), now)
        return lines

    # Some rounds type in bursts of a few ideas, waiting for each burst to
    # be drawn; others flood the app with dozens at once, as a paste sent as
    # keys or a laggy connection does, so that keys wait in the app's queue.
    # Others stream ideas one by one without waiting for them, so that keys
    # never stop coming.
    pace = rng.choice(("bursts", "flood", "stream"))
    deadline = time.monotonic() + 60
    while killed_at is None:
        burst = {"flood": rng.randint(30, 90), "stream": rng.randint(20, 60)}.get(pace, rng.randint(1, 4))
        texts = [f"soak-{number}.{sent + n + 1}" for n in range(burst)]
        if pace == "stream":
            for text in texts:
                terminal.press(text.encode() + ENTER)
                terminal.pump(0.01)
                look()
        else:
            terminal.press(b"".join(text.encode() + ENTER for text in texts))
        sent += burst
        ready = bool(seen) and time.monotonic() - min(seen.values()) > ready_after
        if moment == "mid-burst" and ready:
            killed_at = time.monotonic()
            break
        while killed_at is None:
            assert time.monotonic() < deadline, "\n".join(terminal.lines())
            terminal.pump(0.02)
            status = look()[0]
            ready = bool(seen) and time.monotonic() - min(seen.values()) > ready_after
            if ready and (
                moment == "after drawn"
                or (moment == "mid-burst" and texts[-1] not in seen)
                or (moment == "after saving shown" and "Saving" in status)
                or "Saved" in status  # (a save quicker than a frame never shows Saving)
            ):
                killed_at = time.monotonic()
            elif texts[-1] in seen and not ready:
                break  # the next burst, as fast as the screen takes them
    os.killpg(terminal.process.pid, signal.SIGKILL)
    terminal.process.wait()
    terminal.hang_up()

    workshop = SessionFolder(tmp_path / "sessions").load("Soak")  # reads whole, or the test fails here
    on_disk = {idea.text for idea in workshop.ideas}
    long_enough = [text for text, when in seen.items() if killed_at - when > ON_SCREEN]
    lost = [text for text in long_enough if text not in on_disk]
    assert not lost, f"{moment}: on screen for over {ON_SCREEN} s and lost: {lost}"
    return len(seen), len(long_enough), len(lost)


def soak(tmp_path: Path, kills: int) -> None:
    make_session(tmp_path / "sessions")
    rng = random.Random(20261130)
    totals = [0, 0, 0]
    began = time.monotonic()
    for number in range(kills):
        for index, count in enumerate(one_round(tmp_path, number, rng)):
            totals[index] += count
    print(
        f"{kills} kills in {time.monotonic() - began:.0f} s: {totals[0]} ideas seen on screen, "
        f"{totals[1]} of them for over {ON_SCREEN} s, {totals[2]} lost"
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a terminal of the POSIX kind")
def test_ideas_on_screen_survive_a_kill(tmp_path):
    soak(tmp_path, 6)


@pytest.mark.soak
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a terminal of the POSIX kind")
def test_a_long_soak_of_kills_loses_nothing_shown(tmp_path, request):
    soak(tmp_path, request.config.getoption("--kills"))
