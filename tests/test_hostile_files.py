"""Session files from elsewhere, crafted or huge: nothing in a file or a file
name reaches the terminal raw, a huge file stalls nothing, what is not a
file is named, and a save keeps the file's owner and mode."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui_roadmap.files.documents import to_tables
from tui_roadmap.files.storage import HEAD_BYTES, MAX_SESSION_BYTES, dumps
from tui_roadmap.files.store import SessionFolder, SessionUnreadable
from tui_roadmap.workshop.model import new_workshop

from .conftest import NOW, load_sample
from .terminal import Terminal
from .test_cli import one_line_error, roadmap

#: ESC, BEL and the other C0 controls but line feed, DEL, and C1 controls
#: (the 8-bit CSI among them).
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def session_text(name: str = "Plain", **session: object) -> str:
    workshop = new_workshop(name, NOW)
    tables = to_tables(workshop)
    tables["session"]["1"].update(session)
    return dumps(tables)


def escape_corpus(root: Path) -> None:
    """Files with escape sequences in their summary, their fields and their names."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "summary.json").write_text(
        session_text("Crafted summary", summary={"goals": "\u001b[2J", "ideas": "\u001b]0;PWNED\u0007"}),
        encoding="utf-8",
    )
    (root / "fields.json").write_text(
        session_text(
            "\u001b[31mRed\u001b[0m name \u001b]0;PWNED\u0007",
            product="\u001b]52;c;aGFja2Vk\u0007Shop \x9b31m",
        ),
        encoding="utf-8",
    )
    (root / "\x1b[31mred\x1b[0m.json").write_text(session_text("Named in red"), encoding="utf-8")
    (root / "new\nline.json").write_bytes(b"not json")
    (root / "bell\x07\x9b.json").write_bytes(b"")
    (root / "\u202eevil.json").write_text(session_text("Reversed"), encoding="utf-8")
    os.mkdir(os.fsencode(root) + b"/caf\xe9\x1b[2J.json")  # a folder, and a name that is not UTF-8


def test_roadmap_list_writes_nothing_raw_from_a_file(tmp_path):
    escape_corpus(tmp_path / "sessions")
    result = subprocess.run(
        [sys.executable, "-m", "tui_roadmap", "list"], cwd=tmp_path, capture_output=True, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert not RAW.search(text), [line for line in text.splitlines() if RAW.search(line)]
    lines = text.splitlines()
    assert len(lines) == 7, lines  # one line each: the newline in a name does not split one
    assert "! new\\nline.json: cannot be opened" in text
    assert "\\x1b[31mred\\x1b[0m.json" in text
    # A summary that is not numbers is counted again from the file: the session opens.
    assert "Crafted summary  (summary.json)  Goals step, 0 goals, 0 ideas, 0 placed" in text
    assert "Red name" in text and "PWNED" not in text
    assert "- caf\\xe9\\x1b[2J.json: skipped: it is a folder" in text
    assert "\\u202eevil.json" in text


def test_an_error_naming_a_crafted_file_is_one_clean_line(tmp_path):
    escape_corpus(tmp_path / "sessions")
    line = one_line_error(roadmap("export", "new\nline.json", cwd=tmp_path), 1)
    assert not RAW.search(line)
    assert "Cannot read new\\nline.json" in line


def test_the_session_list_draws_nothing_raw_from_a_file(tmp_path):
    escape_corpus(tmp_path / "sessions")
    terminal = Terminal(cwd=tmp_path, size=(100, 30))
    terminal.wait_for_screen(lambda lines: "new\\nline.json" in "\n".join(lines))
    screen = "\n".join(terminal.lines())
    terminal.press(b"\x11")
    assert terminal.close() == 0
    # What reached the terminal: none of the files' own sequences (Textual
    # sends no 8-bit CSI and no window title of its own here; its own BELs
    # end the pointer-shape sequences it sends).
    for raw in (b"PWNED", b"bell\x07", b"\xc2\x9b", b"\x1b[31mred", b"\x1b]52;c;aGFja2Vk"):
        assert raw not in terminal.output, raw
    assert not RAW.search(screen)
    assert "Named in red" in screen and "Red name  Shop" in screen and "Reversed" in screen
    assert "new\\nline.json" in screen and "bell\\x07\\x9b.json" in screen
    assert "caf\\xe9\\x1b[2J.json" in screen


def sparse_session(path: Path, size: int) -> None:
    """A file of ``size`` bytes that starts as a session does (the rest is a
    hole, so that it takes no room on the disk)."""
    head = session_text("Huge").encode()
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)


def test_a_huge_file_is_listed_from_its_head_and_refused_in_one_line(tmp_path, monkeypatch):
    root = tmp_path / "sessions"
    root.mkdir()
    sparse_session(root / "huge.json", 200 * 1024 * 1024)
    (root / "small.json").write_text(session_text("Small"), encoding="utf-8")
    folder = SessionFolder(root)

    import builtins

    real_open = builtins.open
    read = {"huge.json": 0}

    class Counting:
        def __init__(self, handle):
            self.handle = handle

        def read(self, size=-1):
            data = self.handle.read(size)
            read["huge.json"] += len(data)
            return data

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def counting_open(file, *args, **kwargs):
        handle = real_open(file, *args, **kwargs)
        return Counting(handle) if str(file).endswith("huge.json") else handle

    monkeypatch.setattr(builtins, "open", counting_open)
    entries = {e.path.name: e for e in folder.entries(full=True)}
    assert read["huge.json"] == 0  # its size alone says it cannot be a session
    assert "200.0 MB, more than a session file can be (50.0 MB at most)" in entries["huge.json"].problem
    assert entries["small.json"].problem is None
    monkeypatch.undo()

    with pytest.raises(SessionUnreadable, match="200.0 MB"):
        folder.load("huge")
    line = one_line_error(roadmap("export", "huge", cwd=tmp_path), 1)
    assert "is 200.0 MB" in line and "50.0 MB at most" in line


def test_a_big_file_under_the_limit_is_listed_from_its_head_alone(tmp_path, monkeypatch):
    root = tmp_path / "sessions"
    root.mkdir()
    sparse_session(root / "big.json", MAX_SESSION_BYTES - 1)
    from tui_roadmap.files import store

    reads = []
    real = store.read_session_bytes
    monkeypatch.setattr(store, "read_session_bytes", lambda path: reads.append(path) or real(path))
    (entry,) = SessionFolder(root).entries(full=True)
    assert entry.name == "Huge" and entry.problem is None
    assert reads == []  # only its head was read (at most HEAD_BYTES)
    assert HEAD_BYTES < MAX_SESSION_BYTES


async def test_the_session_list_stays_quick_with_a_huge_file(tmp_path):
    from tui_roadmap.ui.app import make_app

    from .conftest import fixed_clock

    root = tmp_path / "sessions"
    root.mkdir()
    sparse_session(root / "huge.json", 200 * 1024 * 1024)
    (root / "small.json").write_text(session_text("Small"), encoding="utf-8")
    app = make_app(SessionFolder(root), clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the check of every file, in the background
        entries = list(app.screen.entries.values())
        assert [e.name for e in entries] == ["Small", "huge"]
        assert "200.0 MB" in entries[1].problem
        await pilot.press("enter")  # the list answers at once: Small opens
        await pilot.pause()
        assert app.screen.workshop.name == "Small"


def test_list_names_what_it_skipped(tmp_path):
    root = tmp_path / "sessions"
    root.mkdir()
    (root / "x.json").mkdir()
    (root / "y.json").symlink_to(root / "y.json")
    (root / "gone.json").symlink_to(root / "nowhere.json")
    (root / "plain.json").write_text(session_text("Plain"), encoding="utf-8")
    result = roadmap("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Plain  (plain.json)")
    assert "- x.json: skipped: it is a folder, not a session file" in lines
    assert "- y.json: skipped: a symbolic link that leads back to itself (a loop)" in lines
    assert "- gone.json: skipped: a symbolic link to a file that does not exist" in lines


def test_a_save_keeps_the_files_mode(tmp_path):
    folder = SessionFolder(tmp_path / "sessions")
    session = folder.create("Plan", NOW)
    os.chmod(session.path, 0o640)
    session.workshop.add_idea("Dark mode")
    assert session.save() is None
    assert stat.S_IMODE(session.path.stat().st_mode) == 0o640
    session.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_a_save_keeps_the_files_owner_or_says_it_could_not(tmp_path):
    """As root, a file of another user's stays theirs. A user who may write
    the folder but not give files away replaces a root-owned file it may not
    write (one made read-only is never replaced: see test_store.py): the
    save works, keeps the mode, and says the owner changed."""
    root = tmp_path / "sessions"
    folder = SessionFolder(root)
    session = folder.create("Plan", NOW)
    os.chown(session.path, 1234, 1234)
    session.workshop.add_idea("Dark mode")
    assert session.save() is None
    assert (session.path.stat().st_uid, session.path.stat().st_gid) == (1234, 1234)
    session.close()

    # Another user, who may write the folder but not give files away.
    import shutil
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="tui-roadmap-owner-"))
    try:
        os.chmod(shared, 0o777)
        path = shared / "plan.json"
        shutil.copy(session.path, path)
        os.chown(path, 0, 0)
        os.chmod(path, 0o644)
        script = (
            "import os, pwd, sys, tempfile\n"
            "from pathlib import Path\n"
            "import tui_roadmap.workshop.text\n"
            "from tui_roadmap.files.storage import atomic_write\n"
            "os.setgid(4321); os.setuid(4321)\n"
            "print(atomic_write(Path(sys.argv[1]), b'{}'))\n"
        )
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
        result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        assert "plan.json belonged to root" in result.stdout and "now belongs to" in result.stdout
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert json.loads(path.read_text()) == {}
    finally:
        shutil.rmtree(shared)


def sample_file(root: Path) -> tuple[Path, dict]:
    """The sample session in ``root``, and its tables as parsed JSON."""
    SessionFolder(root).create("Fabrikam H1 2027", NOW, load_sample()).close()
    path = root / "fabrikam-h1-2027.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda data: data["dots"]["1"].update(count=10**30), "dots 1: 'count' is too large (at most 4,000)"),
        (
            lambda data: data["dots"].update({"99": {"idea": 1, "voter": 1, "count": 21}}),
            "dots: voter 1 has 21 dots on their ballot, more than anyone has (at most 20)",
        ),
        (
            lambda data: data["session"]["1"]["vote"].update(dots_each=10**30),
            "session: 'vote.dots_each' is too large (at most 20)",
        ),
    ],
    ids=["a count", "a ballot", "dots each"],
)
def test_a_dot_count_no_vote_can_hold_is_refused_where_it_is(tmp_path, edit, says):
    """A hand-edited count of 10^30 once loaded and exported as
    "1000000000000000000000000000019 of 24 dots cast"."""
    root = tmp_path / "sessions"
    path, data = sample_file(root)
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    line = one_line_error(roadmap("export", "Fabrikam H1 2027", cwd=tmp_path), 1)
    assert f"Cannot read fabrikam-h1-2027.json: {says}." in line
    assert "000000" not in line
    assert f"fabrikam-h1-2027.json: cannot be opened: {says}" in roadmap("list", cwd=tmp_path).stdout
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "summary", [{"goals": 3, "ideas": -4, "dots": 24, "placed": 7}, {"ideas": "many"}, {"dots": 10**30}, "none"]
)
def test_a_damaged_summary_is_counted_again_and_the_session_opens(tmp_path, summary):
    root = tmp_path / "sessions"
    path, data = sample_file(root)
    data["session"]["1"]["summary"] = summary
    path.write_text(json.dumps(data), encoding="utf-8")
    folder = SessionFolder(root)
    assert len(folder.load("Fabrikam H1 2027").ideas) == 18
    for full in (False, True):  # the session list, and `roadmap list`
        entry = folder.entries(full=full)[0]
        assert (entry.problem, entry.goals, entry.ideas, entry.dots, entry.placed) == (None, 3, 18, 24, 7)
    session = folder.open("Fabrikam H1 2027", NOW)
    session.save()
    session.close()
    assert json.loads(path.read_text(encoding="utf-8"))["session"]["1"]["summary"] == {
        "goals": 3,
        "ideas": 18,
        "dots": 24,
        "placed": 7,
    }
