"""The follow-through, typed in a real terminal, survives a kill -9 right
after each change, and ctrl+q at the end.

The app runs in a pseudo-terminal of its own on the sample as it was before
its follow-through was added. Each change is typed as the facilitator types
it (a goal's baseline and target, an item's confidence and what it needs,
an idea decided against, three checklist lines given an owner and a date,
an action of the room's own); once the screen shows the change as saved,
the app is killed with SIGKILL, and the file must read whole and hold it.
The next change starts the app again. Waits are for what the screen shows,
never for a time window.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tui_roadmap.export.draft import markdown
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop import actions, items
from tui_roadmap.workshop.model import Workshop

from .conftest import BARE_SAMPLE
from .terminal import CTRL_Q, ENTER, F5, Terminal

NAME = "Fabrikam H1 2027"
F2, F4, F6 = b"\x1bOQ", b"\x1bOS", b"\x1b[17~"
DOWN, RIGHT, SHIFT_TAB, CTRL_U = b"\x1b[B", b"\x1b[C", b"\x1b[Z", b"\x15"

Keys = list[bytes | str]
"""What is typed: a key's bytes, or text."""


def shows(*texts: str) -> Callable[[list[str]], bool]:
    return lambda lines: all(text in "\n".join(lines) for text in texts)


def saved(lines: list[str]) -> bool:
    return "\u2713 Saved" in lines[0]


def idea(workshop: Workshop, start: str) -> int:
    return next(i.id for i in workshop.ideas if i.text.startswith(start))


def line_of(workshop: Workshop, words: str) -> actions.Line:
    return next(line for line in actions.lines(workshop) if words in line.check.render())


# Each change: the keys from a fresh start, what the screen shows once it
# is made, and what the file must then hold.
CHANGES: list[tuple[str, Keys, str, Callable[[Workshop], bool]]] = [
    (
        "a goal's baseline and target",
        [F2, SHIFT_TAB, ENTER, ENTER, ENTER, "12,000 a month", ENTER, CTRL_U, "50,000 a month", ENTER],
        "baseline 12,000 a month \u00b7 target 50,000 a month",
        lambda w: (w.goals[0].baseline, w.goals[0].target) == ("12,000 a month", "50,000 a month"),
    ),
    (
        "an item's confidence",
        [F5, "f"],
        "High confidence",
        lambda w: items.details_of(w, idea(w, "Password reset")).confidence == "High",
    ),
    (
        "what an item needs",
        [F5, RIGHT, DOWN, "n", "1", ENTER],
        "needs Virtual try-on",
        lambda w: items.details_of(w, idea(w, "Shop the look")).needs == (idea(w, "Virtual try-on"),),
    ),
    (
        "an idea decided against",
        [F4, *[DOWN] * 11, "x", "not a growth lever for H1", ENTER],
        "won't do",
        lambda w: w.wont_do == {idea(w, "Dark mode"): "not a growth lever for H1"},
    ),
    (
        "the first line's owner",
        [F6, "a", "p", "2", ENTER],
        "Marcus \u00b7 no date",
        lambda w: line_of(w, "Password reset").owner == "Marcus",
    ),
    (
        "the first line's due date",
        [F6, "a", "u", "2027-01-15", ENTER],
        "Marcus \u00b7 due Fri 2027-01-15",
        lambda w: line_of(w, "Password reset").due == date(2027, 1, 15),
    ),
    (
        "the second line's owner and date",
        [F6, "a", DOWN, ENTER, "Lena", ENTER, "2027-01-22", ENTER],
        "Lena \u00b7 due Fri 2027-01-22",
        lambda w: (
            (line_of(w, "Onboarding quiz").owner, line_of(w, "Onboarding quiz").due) == ("Lena", date(2027, 1, 22))
        ),
    ),
    (
        "the third line's owner and date",
        [F6, "a", DOWN, DOWN, ENTER, "4", ENTER, "2027-02-05", ENTER],
        "Tom \u00b7 due Fri 2027-02-05",
        lambda w: (
            (line_of(w, "Referral rewards").owner, line_of(w, "Referral rewards").due) == ("Tom", date(2027, 2, 5))
        ),
    ),
    (
        "an action of the room's own",
        [F6, "a", "n", "Ask legal about the consent log", ENTER, "Chloé", ENTER, "2027-01-15", ENTER],
        "1 of the room's own",
        lambda w: (
            [(a.text, a.owner, a.due) for a in actions.own_actions(w)]
            == [("Ask legal about the consent log", "Chloé", date(2027, 1, 15))]
        ),
    ),
]


def type_in(terminal: Terminal, keys: Keys) -> None:
    """All the keys at once, as a fast typist sends them: the app takes
    each where the one before it put the focus."""
    terminal.press(b"".join(key.encode() if isinstance(key, str) else key for key in keys))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a terminal of the POSIX kind")
def test_the_follow_through_survives_a_kill_after_each_change_and_a_quit(tmp_path: Path):
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    shutil.copy(BARE_SAMPLE, sessions / "fabrikam-h1-2027.json")
    folder = SessionFolder(sessions)
    for what, keys, shown, holds in CHANGES:
        terminal = Terminal("open", NAME, cwd=tmp_path)
        terminal.wait_for_screen(shows(NAME, "Saved"))
        type_in(terminal, keys)
        terminal.wait_for_screen(lambda lines, shown=shown: shown in "\n".join(lines) and saved(lines))
        os.killpg(terminal.process.pid, signal.SIGKILL)
        terminal.process.wait()
        terminal.hang_up()
        workshop = folder.load(NAME)  # reads whole, or the test fails here
        assert holds(workshop), f"{what}: not in the file after a kill -9"
        for _, _, _, earlier in CHANGES[: CHANGES.index((what, keys, shown, holds))]:
            assert earlier(workshop), f"an earlier change was lost with {what}"
    terminal = Terminal("open", NAME, cwd=tmp_path)
    terminal.wait_for_screen(shows(NAME, "Saved"))
    terminal.press(CTRL_Q)
    assert terminal.close() == 0
    workshop = folder.load(NAME)
    assert all(holds(workshop) for _, _, _, holds in CHANGES)
    draft = markdown(workshop)
    for line in (
        "| 1 | Acquire new customers | 50,000 new sign-ups a month by the end of Q2 | 12,000 a month | 50,000 a month | 3 |",
        "| 2 | Shop the look: buy missing pieces from partner stores | Start earning revenue | Should | L |  | "
        "Virtual try-on with the phone camera (2027-Q2) | 3 |",
        "- \u201cDark mode\u201d (Marcus): not a growth lever for H1",
        "- [ ] Ask legal about the consent log \u2014 **Chloé**, due 2027-01-15",
    ):
        assert line in draft.splitlines(), line
    assert "and name an owner \u2014 **Marcus**, due 2027-01-15" in draft
    assert "and name an owner \u2014 **Lena**, due 2027-01-22" in draft
    assert "and name an owner \u2014 **Tom**, due 2027-02-05" in draft
