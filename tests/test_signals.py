"""Closing the terminal (SIGHUP), being stopped (SIGTERM) or interrupted
(SIGINT) loses nothing: the app saves what is pending, the half-typed idea
included, then ends with 128 + the signal's number, so that a script can
tell each from a quit (0). Ctrl+c typed in the app is a key, not a signal."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tui_roadmap.files.store import SessionFolder

from .terminal import CTRL_Q, ENTER, F3, Terminal

CTRL_C = b"\x03"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stopped_app_saves_what_is_pending(tmp_path: Path, stop: signal.Signals):
    terminal = Terminal("demo", cwd=tmp_path)
    terminal.read_until(b"Fabrikam H1 2027")
    terminal.press(F3)
    terminal.read_until(b"Type an idea")
    terminal.press(b"Dark mode for the web app" + ENTER)
    terminal.read_until(b"Dark mode for the web app")
    terminal.press(b"Half-typed call")
    terminal.read_until(b"Half-typed call")
    terminal.process.send_signal(stop)  # well within the draft's 0.3 s
    assert terminal.close() == 128 + stop

    workshop = SessionFolder(tmp_path / "sessions").load("Fabrikam H1 2027")
    assert workshop.ideas[-1].text == "Dark mode for the web app"
    assert workshop.drafts == {"idea": "Half-typed call"}
    assert workshop.step == "ideas"

    # The lock went with the process: the session opens again at once.
    terminal = Terminal("open", "Fabrikam H1 2027", cwd=tmp_path)
    terminal.read_until(b"Half-typed call")
    terminal.press(CTRL_Q)
    assert terminal.close() == 0


def test_ctrl_c_typed_in_the_app_does_not_stop_it(tmp_path: Path):
    terminal = Terminal("demo", cwd=tmp_path)
    terminal.read_until(b"Fabrikam H1 2027")
    terminal.press(F3)
    terminal.read_until(b"Type an idea")
    terminal.press(CTRL_C)  # a key in raw mode: no SIGINT is sent
    terminal.press(b"Still here" + ENTER)
    terminal.read_until(b"Still here")
    terminal.press(CTRL_Q)
    assert terminal.close() == 0
    assert SessionFolder(tmp_path / "sessions").load("Fabrikam H1 2027").ideas[-1].text == "Still here"
