"""Out to the team's tracker: the scoped epics and stories as CSV, from the
exporter and from ``roadmap export NAME --format csv``."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from tui_roadmap.export.tracker import HEADER, goal_label, safe_cell, tracker_csv, tracker_rows
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop.model import Goal, Workshop
from tui_roadmap.workshop.scoping import add_epic, add_story, edit_epic, set_owner

from .conftest import NOW, bare_sample
from .test_cli import one_line_error, roadmap

GOLDEN = Path(__file__).parent / "golden" / "fabrikam-scoped.csv"
NAME = "Fabrikam H1 2027"

PASSWORD_RESET = 2
"""2027-Q1, Must, S, goal "Acquire new customers"."""
SHOP_THE_LOOK = 6
"""2027-Q2, Should, L, goal "Start earning revenue"."""


def scoped_sample() -> Workshop:
    """The sample, with two of its roadmap items scoped: an owner, two
    epics each, stories, and notes with a comma, a quote and a leading =."""
    workshop = bare_sample()  # (without the actions, which add tasks: see test_actions)
    set_owner(workshop, PASSWORD_RESET, "Dana Ruiz")
    first = add_epic(workshop, PASSWORD_RESET, "Reset a forgotten password")
    add_story(workshop, PASSWORD_RESET, first, "As a member I can ask for a reset link by email")
    add_story(workshop, PASSWORD_RESET, first, "As a member I can set a new password from the link")
    edit_epic(
        workshop,
        PASSWORD_RESET,
        first,
        "Reset a forgotten password",
        '=the link expires after 1 hour, and says "expired" when it has',
    )
    second = add_epic(workshop, PASSWORD_RESET, "Sign in with Apple or Google")
    add_story(workshop, PASSWORD_RESET, second, "@Apple: sign in with the Apple ID on the phone")
    add_story(workshop, PASSWORD_RESET, second, "As a member I can sign in with Google")
    set_owner(workshop, SHOP_THE_LOOK, "Aisha")
    first = add_epic(workshop, SHOP_THE_LOOK, "Partner catalogue")
    add_story(workshop, SHOP_THE_LOOK, first, "-1 day: the catalogue is refreshed every night")
    edit_epic(
        workshop, SHOP_THE_LOOK, first, "Partner catalogue", "Two partners, at least; prices in the shopper's currency"
    )
    second = add_epic(workshop, SHOP_THE_LOOK, "+ Checkout at the partner")
    add_story(workshop, SHOP_THE_LOOK, second, "As a shopper I can buy the missing pieces of a look")
    return workshop


def parsed(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --------------------------------------------------------------- the exporter


def test_the_scoped_sample_exports_exactly_as_the_golden_file():
    assert tracker_csv(scoped_sample()) == GOLDEN.read_text(encoding="utf-8")


def test_every_epic_comes_first_and_each_story_names_its_epic():
    rows = parsed(tracker_csv(scoped_sample()))
    assert list(rows[0]) == list(HEADER)
    assert [(r["id"], r["type"], r["parent"]) for r in rows] == [
        ("E1", "Epic", ""),
        ("E2", "Epic", ""),
        ("E3", "Epic", ""),
        ("E4", "Epic", ""),
        ("E1-S1", "Story", "E1"),
        ("E1-S2", "Story", "E1"),
        ("E2-S1", "Story", "E2"),
        ("E2-S2", "Story", "E2"),
        ("E3-S1", "Story", "E3"),
        ("E4-S1", "Story", "E4"),
    ]
    by_id = {r["id"]: r for r in rows}
    assert by_id["E1"]["labels"] == "acquire-new-customers"
    assert (by_id["E1"]["quarter"], by_id["E1"]["priority"], by_id["E1"]["points"]) == ("2027-Q1", "Must", "1")
    assert (by_id["E3"]["quarter"], by_id["E3"]["priority"], by_id["E3"]["points"]) == ("2027-Q2", "Should", "3")
    for row in rows:
        if row["type"] == "Story":
            epic = by_id[row["parent"]]
            assert [row[c] for c in ("labels", "quarter", "priority")] == [
                epic[c] for c in ("labels", "quarter", "priority")
            ]
            assert row["points"] == ""


def test_the_description_names_the_item_its_owner_and_the_notes_as_typed():
    rows = {r["id"]: r for r in parsed(tracker_csv(scoped_sample()))}
    assert rows["E1"]["description"] == (
        "Roadmap item: Password reset and sign-in with Apple or Google\n"
        "Owner: Dana Ruiz\n"
        'Acceptance notes: =the link expires after 1 hour, and says "expired" when it has'
    )
    assert (
        rows["E2"]["description"] == "Roadmap item: Password reset and sign-in with Apple or Google\nOwner: Dana Ruiz"
    )
    assert rows["E3-S1"]["description"] == (
        "Epic: E3 Partner catalogue\nRoadmap item: Shop the look: buy missing pieces from partner stores"
    )


def test_no_cell_starts_like_a_formula():
    text = tracker_csv(scoped_sample())
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    rows = {r["id"]: r for r in parsed(text)}
    assert rows["E2-S1"]["summary"] == "'@Apple: sign in with the Apple ID on the phone"
    assert rows["E3-S1"]["summary"] == "'-1 day: the catalogue is refreshed every night"
    assert rows["E4"]["summary"] == "'+ Checkout at the partner"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+1", "'+1"), ("-1", "'-1"), ("@cmd", "'@cmd"), ("a=b", "a=b"), ("", "")],
)
def test_a_formula_start_gets_a_quote_in_front(text, expected):
    assert safe_cell(text) == expected


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Acquire new customers", "acquire-new-customers"),
        ("  Grow  revenue / retain users! ", "grow-revenue-retain-users"),
        ("Members' trust, first", "members-trust-first"),
        ("Économie café", "economie-cafe"),
        ("-- =Growth", "growth"),
        ("顧客を増やす", "goal-1"),
    ],
)
def test_a_goal_becomes_a_label_of_lowercase_letters_digits_and_dashes(title, label):
    workshop = Workshop(NAME, NOW, NOW, goals=[Goal(1, title)])
    assert goal_label(workshop, workshop.goals[0]) == label
    assert goal_label(workshop, None) == ""


def test_items_without_a_scope_or_off_the_board_give_no_rows():
    assert tracker_csv(bare_sample()) == ",".join(HEADER) + "\n"
    workshop = scoped_sample()
    workshop.placements = [p for p in workshop.placements if p.idea_id != PASSWORD_RESET]
    assert {r["labels"] for r in parsed(tracker_csv(workshop))} == {"start-earning-revenue"}
    assert [row[0] for row in tracker_rows(workshop)] == ["E1", "E2", "E1-S1", "E2-S1"]


def test_an_item_with_no_goal_no_priority_and_no_effort_leaves_those_cells_empty():
    workshop = scoped_sample()
    placement = workshop.placement(SHOP_THE_LOOK)
    placement.priority = placement.effort = None
    workshop.delete_goal(workshop.idea(SHOP_THE_LOOK).goal_id)
    rows = {r["id"]: r for r in parsed(tracker_csv(workshop))}
    assert [rows["E3"][c] for c in ("labels", "quarter", "priority", "points")] == ["", "2027-Q2", "", ""]


def test_the_exporter_loads_no_textual():
    code = (
        "import sys\nfrom tui_roadmap.export.tracker import tracker_csv\n"
        "print(any(m == 'textual' or m.startswith(('textual.', 'rich')) for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# ------------------------------------------------------------ the command line


def session_room(root: Path, workshop: Workshop) -> Path:
    SessionFolder(root / "sessions").create(NAME, NOW, workshop).close()
    return root


@pytest.fixture
def room(tmp_path: Path) -> Path:
    """A folder with the scoped sample in ./sessions."""
    return session_room(tmp_path, scoped_sample())


def state(root: Path) -> dict[str, str]:
    """Every file under ``root``, with a hash of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_csv_is_printed(room):
    result = roadmap("export", NAME, "--format", "csv", cwd=room)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_the_csv_is_written_to_a_file_or_a_folder(room):
    result = roadmap("export", NAME, "--format", "csv", "-o", "tracker.csv", cwd=room)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Written to tracker.csv\n"
    assert (room / "tracker.csv").read_bytes() == GOLDEN.read_bytes()
    (room / "out").mkdir()
    result = roadmap("export", "fabrikam-h1-2027", "--format", "csv", "-o", "out", cwd=room)
    assert result.returncode == 0, result.stderr
    assert (room / "out" / "fabrikam-h1-2027.csv").read_bytes() == GOLDEN.read_bytes()


def test_markdown_stays_the_default(room):
    default = roadmap("export", NAME, cwd=room)
    chosen = roadmap("export", NAME, "--format", "markdown", cwd=room)
    assert default.returncode == chosen.returncode == 0
    assert default.stdout == chosen.stdout
    assert default.stdout.startswith("# Fabrikam H1 2027: draft roadmap\n")


def test_a_session_with_nothing_scoped_gives_the_header_and_a_note(tmp_path):
    root = session_room(tmp_path, bare_sample())
    result = roadmap("export", NAME, "--format", "csv", "-o", "tracker.csv", cwd=root)
    assert result.returncode == 0
    note = result.stderr.splitlines()
    assert len(note) == 1 and note[0].startswith("roadmap: note: no roadmap item is scoped yet: ")
    assert (root / "tracker.csv").read_text(encoding="utf-8") == ",".join(HEADER) + "\n"
    printed = roadmap("export", NAME, "--format", "csv", cwd=root)
    assert (printed.returncode, printed.stdout) == (0, ",".join(HEADER) + "\n")


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("export", "Contoso", "--format", "csv", "-o", "tracker.csv"), 1, "No session named \u201cContoso\u201d"),
        (("export", NAME, "--format", "xml"), 2, "invalid choice"),
        (
            ("export", NAME, "--format", "csv", "-o", "sessions/fabrikam-h1-2027.json"),
            1,
            "write the CSV to a .csv file",
        ),
        (("export", NAME, "--format", "csv", "-o", "sessions/.locks/tracker.csv"), 1, "holds the session locks"),
        (("export", NAME, "--format", "csv", "-o", "missing/tracker.csv"), 1, "Could not write"),
    ],
)
def test_errors_are_one_line_and_change_no_file(room, args, status, message):
    before = state(room)
    line = one_line_error(roadmap(*args, cwd=room), status)
    assert message in line
    assert state(room) == before


def _write_golden() -> None:
    """Write the golden file anew (run: python -m tests.test_tracker_csv), then read it."""
    GOLDEN.write_text(tracker_csv(scoped_sample()), encoding="utf-8", newline="")


if __name__ == "__main__":
    _write_golden()
