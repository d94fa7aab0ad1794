"""Closing the terminal (SIGHUP) or being stopped (SIGTERM) loses nothing:
the app saves what is pending, the half-typed idea included, then ends."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tui_roadmap.files.store import SessionFolder

from .terminal import CTRL_Q, ENTER, F3, Terminal


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
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
