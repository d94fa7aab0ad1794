"""Ideas gathered before the meeting: ``roadmap import`` from a Markdown
list, a CSV or plain lines, with a report of what was added and skipped,
and a paste of several lines, after a question that says how many."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from textual import events

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.screens.dialogs import TypingQuestion

from .conftest import NOW, load_sample, sample_app, settle, type_keys
from .test_cli import one_line_error, roadmap

NAME = "Fabrikam H1 2027"


@pytest.fixture
def room(tmp_path: Path) -> Path:
    """A folder with the sample session in ./sessions."""
    SessionFolder(tmp_path / "sessions").create(NAME, NOW, load_sample()).close()
    return tmp_path


def state(root: Path) -> dict[str, str]:
    """Every file under the sessions folder, with a hash of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "sessions").rglob("*"))
        if p.is_file()
    }


def ideas_of(root: Path):
    return SessionFolder(root / "sessions").load(NAME).ideas


def test_a_markdown_list_is_imported_with_a_report_and_importing_it_again_adds_nothing(room):
    (room / "before.md").write_text(
        "# Ideas from the survey\n\n"
        "- Dark mode for the whole app @Lena\n"
        "- [ ] 2: Offline wardrobe browsing\n"
        "* 9: A goal that does not exist\n"
        "1. Gift cards @Dana\n"
        "Some prose the list does not need.\n",
        encoding="utf-8",
    )
    result = roadmap("import", NAME, "before.md", cwd=room)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Added 3 ideas from before.md.",
        "Skipped line 1: not a list item.",
        "Skipped line 5: There is no goal 9: goals are numbered 1 to 3.",
        "Skipped line 7: not a list item.",
        "Line 3 looks like idea 12, \u201cDark mode\u201d: merge them in the room if they are one (m on the list).",
    ]
    ideas = ideas_of(room)
    assert [(i.text, i.proposer) for i in ideas[-3:]] == [
        ("Dark mode for the whole app", "Lena"),
        ("Offline wardrobe browsing", ""),
        ("Gift cards", "Dana"),
    ]
    assert ideas[-2].goal_id == ideas[0].goal_id  # goal 2, as the sample's first idea
    again = roadmap("import", NAME, "before.md", cwd=room)
    assert again.stdout.splitlines()[0] == "Added 0 ideas from before.md."
    assert "Skipped line 3: already idea 19." in again.stdout
    assert len(ideas_of(room)) == len(ideas)


def test_a_csv_and_plain_lines_are_imported(room):
    (room / "survey.csv").write_text(
        'text,goal,proposer\nShare to Pinterest,1,Tom\n"Wardrobe, by season",,Aisha\nToo,many,cells,here\nBad goal,7,\n',
        encoding="utf-8",
    )
    result = roadmap("import", NAME, "survey.csv", cwd=room)
    assert result.stdout.splitlines() == [
        "Added 2 ideas from survey.csv.",
        "Skipped line 1: the names of the columns.",
        "Skipped line 4: 4 columns: a row is text, goal number, proposer.",
        "Skipped line 5: goal 7 is not a goal number (1 to 3).",
    ]
    (room / "notes.txt").write_text("Loyalty points\n\n3: Paid styling sessions @Priya\n", encoding="utf-8")
    result = roadmap("import", NAME, "notes.txt", cwd=room)
    assert result.stdout.splitlines() == ["Added 2 ideas from notes.txt."]
    assert [(i.text, i.proposer) for i in ideas_of(room)[-4:]] == [
        ("Share to Pinterest", "Tom"),
        ("Wardrobe, by season", "Aisha"),
        ("Loyalty points", ""),
        ("Paid styling sessions", "Priya"),
    ]


@pytest.mark.parametrize(
    ("case", "status", "says"),
    [
        ("unknown session", 1, "No session named"),
        ("not a session", 1, "Cannot read"),
        ("malformed csv", 1, "not a well-formed CSV"),
        ("50 MB", 1, "too big for a list of ideas"),
        ("not UTF-8", 1, "not UTF-8 text"),
        ("not text", 1, "is not a text file"),
        ("no such file", 1, "There is no file"),
    ],
)
def test_import_errors_are_one_line_and_change_no_file(room, case, status, says):
    (room / "sessions" / "notes.json").write_text('{"meeting": 1}', encoding="utf-8")
    name, file = NAME, "ideas.txt"
    (room / "ideas.txt").write_text("One idea\n", encoding="utf-8")
    if case == "unknown session":
        name = "Nope"
    elif case == "not a session":
        name = "notes"
    elif case == "malformed csv":
        file = "bad.csv"
        (room / file).write_text('text,goal\n"an open quote,1\n', encoding="utf-8")
    elif case == "50 MB":
        file = "big.txt"
        with open(room / file, "wb") as handle:
            handle.truncate(50 * 1024 * 1024)
    elif case == "not UTF-8":
        (room / file).write_bytes("Caf\u00e9 ideas\n".encode("latin-1"))
    elif case == "not text":
        (room / file).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    else:
        file = "missing.txt"
    before = state(room)
    line = one_line_error(roadmap("import", name, file, cwd=room), status)
    assert says in line
    assert state(room) == before


async def test_a_paste_of_several_lines_asks_first_and_names_near_duplicates(folder):
    app = sample_app(folder, "ideas")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        count = len(screen.workshop.ideas)
        app.focused.post_message(events.Paste("Gift cards\nweather outfit suggestions\nLoyalty points"))
        await settle(pilot)
        question = app.screen
        assert isinstance(question, TypingQuestion)
        assert "Add 3 ideas from the paste, one per line?" in question.question
        assert "1 look like ideas already there" in question.detail and "like idea 10" in question.detail
        await type_keys(pilot, "escape")  # no (y and n are letters there: kept for the idea field)
        assert len(screen.workshop.ideas) == count
        app.focused.post_message(events.Paste("Gift cards\nLoyalty points"))
        await settle(pilot)
        await type_keys(pilot, "enter")
        assert [i.text for i in screen.workshop.ideas[-2:]] == ["Gift cards", "Loyalty points"]


def test_csv_line_numbers_semicolons_names_and_the_cap(monkeypatch):
    from tui_roadmap.workshop import gather

    monkeypatch.setattr(gather, "MAX_IDEAS", 10)  # the rule, at a size that keeps the test quick

    workshop = load_sample()
    found = gather.read_file(b'idea;goal;proposer\n"Two\nlines";1;PRIYA\nBad;9;\n', "europe.csv", workshop)
    assert [(n, i.text, i.proposer) for n, i in found.ideas] == [(2, "Two lines", "Priya")]
    assert found.skipped == [(1, "the names of the columns"), (4, "goal 9 is not a goal number (1 to 3)")]
    lines = gather.read_file(b"one\x0ctwo\nthree\n", "notes.txt", workshop)
    assert [(n, i.text) for n, i in lines.ideas] == [(1, "one two"), (2, "three")]
    many = gather.read_file("\n".join(f"Imported idea {n}" for n in range(15)).encode(), "many.txt", workshop)
    first = gather.add_gathered(workshop, many)
    assert len(first.added) == 10
    assert first.skipped == [
        (11, "past the 10 ideas one import takes (line 11 and 4 more after it): import the rest after")
    ]
    again = gather.add_gathered(workshop, many)  # the same file again: the rest comes in
    assert len(again.added) == 5 and again.added[0][0] == 11


def test_a_session_file_is_not_imported_as_ideas(room):
    before = state(room)
    line = one_line_error(roadmap("import", NAME, "sessions/fabrikam-h1-2027.json", cwd=room), 1)
    assert "looks like a session file" in line
    assert state(room) == before


async def test_keys_typed_behind_a_paste_are_kept_and_never_answer_its_question(folder):
    app = sample_app(folder, "ideas")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        count = len(screen.workshop.ideas)
        app.focused.post_message(events.Paste("Gift cards\nDark mode\nGift cards\nLoyalty points"))
        await type_keys(pilot, *"Gamma", "enter", "y")  # typed behind the paste, before its question is up
        question = app.screen
        assert isinstance(question, TypingQuestion)  # the y typed ahead did not answer it
        assert "Add 2 ideas from the paste" in question.question
        assert "2 lines are an idea already there, left out." in question.detail
        assert [i.text for i in screen.workshop.ideas[count:]] == ["Gamma"]  # typed, so kept
        await type_keys(pilot, "enter")
        assert [i.text for i in screen.workshop.ideas[count:]] == ["Gamma", "Gift cards", "Loyalty points"]
        assert app.focused.value == "y"  # the next idea's first letter, kept


def test_many_lines_that_look_like_ideas_already_there_are_one_line_and_the_first_few(room):
    """100,000 rows once printed 998 "Line N looks like idea 19" lines."""
    (room / "survey.txt").write_text(
        "".join(f"Dark mode for the whole app, take {n}\n" for n in range(1, 41)), encoding="utf-8"
    )
    result = roadmap("import", NAME, "survey.txt", cwd=room)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Added 40 ideas from survey.txt."
    alike = [line for line in lines if "looks like idea" in line]
    assert len(alike) == 5 and alike[0].startswith("  Line 1 looks like idea 12, \u201cDark mode\u201d")
    assert lines[1] == (
        "40 lines look like an idea already there: merge them in the room if they are one (m on the list). The first 5:"
    )
    assert len(lines) == 7
