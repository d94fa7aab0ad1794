"""Looking at a session without changing it: `roadmap open NAME --read-only`,
and by itself when its file or the sessions folder is read-only (the session
list asks first). The screen says so, every change is refused with the
reason, nothing in the folder is written, and the draft can still be
exported elsewhere."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.screens.dialogs import ConfirmDialog
from tui_roadmap.ui.widgets.sessionbar import SessionBar

from .conftest import NOW, fixed_clock, load_sample, notifications, settle, type_keys, type_line
from .terminal import CTRL_Q, ENTER, F3, Terminal

NAME = "Fabrikam H1 2027"


def shown(lines: list[str], text: str) -> bool:
    """True if a line of the screen shows ``text`` (a notification wraps
    its own lines, beside what the screen shows on their left)."""
    return any(text in line for line in lines)


def files(root: Path) -> dict[str, str]:
    """Every file and folder under ``root``, with a hash of each file's bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def room(tmp_path: Path) -> Path:
    """A folder with the sample session in ./sessions (closed)."""
    SessionFolder(tmp_path / "sessions").create(NAME, NOW, load_sample()).close()
    return tmp_path


def test_open_read_only_shows_the_session_refuses_changes_and_writes_nothing(room):
    folder = SessionFolder(room / "sessions")
    held = folder.open(NAME, NOW)  # open for editing in another window meanwhile
    try:
        before = files(room)
        terminal = Terminal("open", NAME, "--read-only", cwd=room, size=(120, 30))
        terminal.read_until(b"READ-ONLY: nothing is saved")
        terminal.wait_for_screen(lambda lines: shown(lines, "Open read-only: it was opened with"))
        terminal.press(F3)
        terminal.read_until(b"Type an idea")
        terminal.press(b"Gift cards" + ENTER)
        # What was typed stays in its field (waited on with the refusal: on
        # a busy machine the field may be drawn again a frame after the toast).
        terminal.wait_for_screen(
            lambda lines: shown(lines, "Read-only: it was opened with --read-only") and shown(lines, "Gift cards")
        )
        terminal.press(CTRL_Q)
        assert terminal.close() == 0
        assert files(room) == before
        assert "Gift cards" not in [i.text for i in folder.load(NAME).ideas]

        # Without --read-only, the second window is told how to look at it.
        terminal = Terminal("open", NAME, cwd=room)
        assert terminal.close() == 1
        assert b"already open" in terminal.output and b"--read-only" in terminal.output
    finally:
        held.close()


def test_a_read_only_file_opens_read_only_by_itself(room):
    path = room / "sessions" / "fabrikam-h1-2027.json"
    os.chmod(path, 0o444)
    before = files(room)
    terminal = Terminal("open", NAME, cwd=room, size=(120, 30))
    terminal.read_until(b"READ-ONLY: nothing is saved")
    terminal.wait_for_screen(lambda lines: shown(lines, "Open read-only: the file fabrikam-h1-2027.json is"))
    terminal.press(CTRL_Q)
    assert terminal.close() == 0
    assert files(room) == before


async def test_the_session_list_offers_a_read_only_folder_read_only(room, tmp_path):
    folder = SessionFolder(room / "sessions")
    os.chmod(folder.root, 0o555)
    try:
        before = files(folder.root)
        app = make_app(folder, clock=fixed_clock, cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            said = notifications(app)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            question = app.screen
            assert isinstance(question, ConfirmDialog)
            assert "cannot be saved: the sessions folder" in question.question
            assert "is read-only" in question.question and ".locks" not in question.question
            assert "Open it read-only?" in question.detail
            await type_keys(pilot, "y")
            screen = app.screen
            assert screen.workshop.name == NAME
            assert "READ-ONLY: nothing is saved" in str(screen.query_one(SessionBar).render())
            ideas = list(screen.workshop.ideas)

            # Every change is refused with the reason, whatever the key.
            await pilot.press("f3")
            await settle(pilot)
            await type_line(pilot, "Gift cards")
            await pilot.press("ctrl+g")  # the step's timer
            await pilot.press("f8")  # the room, which phones would change
            await settle(pilot)
            assert screen.workshop.ideas == ideas
            assert screen.room_server is None
            refusals = [s for s in said if s.startswith("Read-only: the sessions folder")]
            assert len(refusals) == 3, said
            assert "Nothing can be changed and nothing is saved" in refusals[0]

            # The draft still leaves, to a place that can be written.
            await pilot.press("f6")
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            await pilot.press("ctrl+u")
            await type_line(pilot, str(tmp_path / "out") + "/")
            assert "## Goals" in (tmp_path / "out" / "fabrikam-h1-2027.md").read_text(encoding="utf-8")

            await pilot.press("ctrl+q")  # nothing to save: no question
            await settle(pilot)
        assert app.return_code == 0
        assert files(folder.root) == before
    finally:
        os.chmod(folder.root, 0o755)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to run as another user")
def test_a_sessions_folder_another_user_may_not_write_is_named_read_only(tmp_path):
    """Not as "permission denied (.../.locks)": as the sessions folder
    being read-only, for the user who runs the command."""
    shared = Path(tempfile.mkdtemp(prefix="tui-roadmap-read-only-"))
    try:
        os.chmod(shared, 0o755)
        SessionFolder(shared / "sessions").create(NAME, NOW, load_sample()).close()
        shutil.rmtree(shared / "sessions" / ".locks")
        (shared / "ideas.txt").write_text("Gift cards\n", encoding="utf-8")
        before = files(shared)
        script = (
            "import os, sys\n"
            "import encodings.utf_8_sig, filelock  # (the standard library may be out of its reach)\n"
            "from tui_roadmap.__main__ import main\n"
            "os.setgid(4321); os.setuid(4321)\n"
            "sys.exit(main(sys.argv[1:]))\n"
        )
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
        env.pop("TUI_ROADMAP_SESSIONS", None)
        result = subprocess.run(
            [sys.executable, "-c", script, "import", NAME, "ideas.txt"],
            cwd=shared,
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 1, result
        assert result.stderr.strip().splitlines() == [
            "roadmap: The sessions folder sessions is read-only: the session cannot be saved. "
            "To look at it without changing it: roadmap open NAME --read-only."
        ]
        assert files(shared) == before
    finally:
        shutil.rmtree(shared)
