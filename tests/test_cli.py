"""The command line, run as a user runs it: a separate process, no terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from tui_roadmap import __version__
from tui_roadmap.__main__ import SAMPLE_FILE
from tui_roadmap.files.documents import from_tables
from tui_roadmap.files.storage import parse
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop.sample import REVIEW_FILE

from .terminal import Terminal

GOLDEN = Path(__file__).parent / "golden" / "fabrikam-h1-2027.md"


def roadmap(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TUI_ROADMAP_SESSIONS"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui_roadmap", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A working folder where `roadmap demo`, run in a terminal, has created
    the sample and shown it, and has been quit with ctrl+q."""
    terminal = Terminal("demo", cwd=tmp_path)
    terminal.read_until(b"Fabrikam H1 2027")
    terminal.read_until(b"Goals")
    terminal.press(b"\x11")  # ctrl+q
    assert terminal.close() == 0
    assert (tmp_path / "sessions" / "fabrikam-h1-2027.json").is_file()
    return tmp_path


def one_line_error(result: subprocess.CompletedProcess[str], status: int) -> str:
    assert result.returncode == status, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("roadmap: ")
    assert "Traceback" not in result.stderr
    return lines[0]


def test_the_bundled_sessions_are_named_as_the_folder_names_them(tmp_path):
    """`roadmap demo` looks for the sample and its review under their bundled
    file names: those are the names the folder gives sessions so called."""
    folder = SessionFolder(tmp_path)
    for file_name in (SAMPLE_FILE, REVIEW_FILE):
        workshop = from_tables(parse((resources.files("tui_roadmap") / "data" / file_name).read_bytes()))
        assert folder.path_for(workshop.name).name == file_name


def test_demo_creates_the_sample_and_needs_a_terminal_to_show_it(demo, tmp_path):
    sample = demo / "sessions" / "fabrikam-h1-2027.json"
    before = sample.read_bytes()
    line = roadmap("demo", cwd=demo)
    assert "needs a terminal" in one_line_error(line, 1)
    assert sample.read_bytes() == before
    elsewhere = tmp_path / "no-terminal"
    elsewhere.mkdir()
    one_line_error(roadmap("demo", cwd=elsewhere), 1)
    assert list(elsewhere.iterdir()) == []


def test_demo_reopens_the_sample_where_the_room_left_it(demo):
    terminal = Terminal("demo", cwd=demo)
    terminal.read_until(b"Fabrikam H1 2027")
    terminal.press(b"\x1b[15~")  # F5: the roadmap
    terminal.read_until(b"To place")
    terminal.press(b"\x11")
    assert terminal.close() == 0
    result = roadmap("list", cwd=demo)
    assert "Roadmap step" in result.stdout


def test_export_prints_the_whole_draft(demo):
    result = roadmap("export", "Fabrikam H1 2027", cwd=demo)
    assert result.returncode == 0, result.stderr
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_export_writes_a_file(demo):
    result = roadmap("export", "fabrikam-h1-2027", "-o", "draft.md", cwd=demo)
    assert result.returncode == 0, result.stderr
    assert (demo / "draft.md").read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


def test_list_shows_sessions_and_names_broken_files(demo):
    (demo / "sessions" / "broken.json").write_bytes(b"")
    result = roadmap("list", cwd=demo)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    # The sample and its first review are a series, newest first.
    assert lines[0] == "Fabrikam H1 2027: a series of 2 sessions, newest first"
    assert lines[1].startswith(
        "  2026-11-20  Fabrikam H1 2027 review 2026-11-20  (fabrikam-h1-2027-review-2026-11-20.json)"
    )
    assert lines[2].startswith(
        "  2026-10-16  Fabrikam H1 2027  (fabrikam-h1-2027.json)  Goals step, 3 goals, 18 ideas, 7 placed"
    )
    assert lines[3] == "! broken.json: cannot be opened: the file is empty (0 bytes)"
    assert (demo / "sessions" / "broken.json").read_bytes() == b""


def test_the_sessions_folder_can_be_chosen(tmp_path, demo):
    elsewhere = tmp_path / "elsewhere"
    assert "No sessions" in roadmap("--sessions-dir", str(elsewhere), "list", cwd=demo).stdout
    by_env = roadmap("list", cwd=demo, env={"TUI_ROADMAP_SESSIONS": str(demo / "sessions")})
    assert "Fabrikam H1 2027" in by_env.stdout


def test_version_and_help(tmp_path):
    assert roadmap("--version", cwd=tmp_path).stdout.strip() == f"tui-roadmap {__version__}"
    help_text = roadmap("--help", cwd=tmp_path).stdout
    for command in ("new", "open", "list", "export", "demo", "--sessions-dir"):
        assert command in help_text


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("export", "Contoso"), 1, "No session named \u201cContoso\u201d"),
        (("open", "Contoso"), 1, "needs a terminal"),
        (("frobnicate",), 2, "invalid choice"),
        (("export",), 2, "the following arguments are required: NAME"),
        (("--sessions-dir",), 2, "expected one argument"),
        (("new", "Plan"), 1, "needs a terminal"),
        (("new", "   "), 1, "needs a terminal"),
        (("--sessions-dir", "sessions/fabrikam-h1-2027.json", "list"), 1, "is not a folder"),
        (("export", "Fabrikam H1 2027", "-o", "sessions/other.json"), 1, "write the Markdown to a .md file"),
    ],
)
def test_errors_are_one_line_with_a_status(demo, args, status, message):
    before = sorted(p.name for p in (demo / "sessions").iterdir())
    line = one_line_error(roadmap(*args, cwd=demo), status)
    assert message in line
    assert sorted(p.name for p in (demo / "sessions").iterdir()) == before


def test_an_unreadable_session_is_one_line_and_left_alone(demo):
    path = demo / "sessions" / "fabrikam-h1-2027.json"
    data = path.read_bytes()
    path.write_bytes(data[:100])
    line = one_line_error(roadmap("export", "fabrikam-h1-2027", cwd=demo), 1)
    assert "cut short" in line
    assert path.read_bytes() == data[:100]


def test_export_to_a_folder_that_cannot_be_written_is_one_line(demo):
    (demo / "blocker").write_text("a file, not a folder")
    line = one_line_error(roadmap("export", "Fabrikam H1 2027", "-o", "blocker/draft.md", cwd=demo), 1)
    assert "not a folder" in line
