"""Reviews: the next session of a series starts from the last one, the room
gives each carried item a status, and the export says what moved.

Run as a module (``python -m tests.test_review``) it writes the sample's
review and its golden files again, after a deliberate change: read the diff
before committing it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui_roadmap.export.draft import markdown, since_markdown
from tui_roadmap.export.tracker import tracker_csv
from tui_roadmap.files.documents import from_tables, to_tables
from tui_roadmap.files.storage import dumps, encode, parse
from tui_roadmap.files.store import SessionFolder, review_name
from tui_roadmap.ui.app import make_app
from tui_roadmap.workshop import review as rv
from tui_roadmap.workshop.checklist import checklist, next_review
from tui_roadmap.workshop.merge import merge_ideas
from tui_roadmap.workshop.model import WorkshopError, series_of, uid_of
from tui_roadmap.workshop.roadmap import parking_lot, placed_ideas, toggle_added
from tui_roadmap.workshop.sample import REVIEW_FILE, REVIEW_HELD, REVIEW_NAME, sample_review
from tui_roadmap.workshop.timeframe import Quarter, Timeframe
from tui_roadmap.workshop.vote import add_dot, ranking

from .conftest import NOW, bare_sample, fixed_clock, load_sample, notifications, settle, type_keys, type_line
from .test_cli import one_line_error, roadmap

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_MD = GOLDEN / "fabrikam-review.md"
GOLDEN_CSV = GOLDEN / "fabrikam-review.csv"
SAMPLE_NAME = "Fabrikam H1 2027"


def bundled_review_bytes() -> bytes:
    return (resources.files("tui_roadmap") / "data" / REVIEW_FILE).read_bytes()


def since_section(text: str) -> str:
    """The "Since the last review" section of a draft."""
    start = text.index("## Since the last review")
    return text[start : text.index("\n## ", start + 1) + 1]


# ------------------------------------------------------------- the model


def test_a_review_carries_the_last_session_over_and_leaves_it_alone():
    first = load_sample()
    before = to_tables(first)
    review = rv.start_review(first, "Next", datetime(2026, 12, 18, 10))
    assert to_tables(first) == before
    assert (review.mission, review.product, review.doc_link) == (first.mission, first.product, first.doc_link)
    assert review.goals == first.goals and review.participants == first.participants
    assert review.step == "review" and review.steps[0] == "review"
    assert review.series == series_of(first) == uid_of(first) and review.earlier.uid == uid_of(first)
    old_items = [(p.column, p.priority, p.effort, i.text, i.goal_id) for p, i in placed_ideas(first)]
    new_items = [(p.column, p.priority, p.effort, i.text, i.goal_id) for p, i in placed_ideas(review)]
    assert new_items == old_items and set(review.carried) == {i.id for _, i in placed_ideas(review)}
    parked = [(idea.text, dots) for idea, dots in parking_lot(first)]
    back = [(idea.text, review.last_dots.get(idea.id, 0)) for idea in review.ideas if idea.id not in review.carried]
    assert back == parked and any(dots for _, dots in back)
    # The vote is new: only the parked ideas are in it; the carried ones are on the board already.
    assert [r.idea.text for r in ranking(review)] == [text for text, _ in parked]
    assert not review.vote.tallies and not review.vote.closed


def test_the_timeframe_rolls_forward_and_the_horizons_stay():
    q1 = Timeframe(Quarter(2027, 1), 2)
    assert rv.roll_timeframe(q1, date(2027, 2, 1)) == q1
    assert rv.roll_timeframe(q1, date(2027, 5, 2)) == Timeframe(Quarter(2027, 2), 2)
    assert rv.roll_timeframe(q1, date(2028, 1, 1)) == Timeframe(Quarter(2028, 1), 2)
    assert rv.roll_timeframe(Timeframe(None), date(2030, 1, 1)) == Timeframe(None)
    # Items of a quarter that has ended wait in the first quarter left; one
    # placed beyond the timeframe stays where it was.
    first = load_sample()
    first.timeframe = Timeframe(Quarter(2027, 1), 4)
    first.place(first.placements[0].idea_id, "2027-Q4")
    first.timeframe = q1
    review = rv.start_review(first, "May review", datetime(2027, 5, 2, 9))
    assert review.timeframe.columns == ("2027-Q2", "2027-Q3")
    assert sorted({p.column for p in review.placements}) == ["2027-Q2", "2027-Q4"]
    moves = rv.since(review.earlier, review).moved
    assert len(moves) == 3 and {(c.before, c.after) for c in moves} == {("2027-Q1", "2027-Q2")}


def test_statuses_take_items_off_the_board_and_back():
    review = rv.start_review(load_sample(), "Next", REVIEW_HELD)
    first, second = list(review.carried)[:2]
    place = review.placement(first)
    where = (place.column, place.priority, place.effort)
    rv.set_status(review, first, "done")
    assert review.placement(first) is None and review.carried[first].held == where
    assert first not in {i.id for i, _ in parking_lot(review)}  # in the record, not parked
    rv.set_status(review, first, "doing")
    again = review.placement(first)
    assert (again.column, again.priority, again.effort) == where and review.carried[first].held is None
    rv.set_status(review, second, "dropped")
    rv.set_status(review, second, None)
    assert review.placement(second) is not None
    rv.set_note(review, second, "  waiting on   legal ")
    assert review.carried[second].note == "waiting on legal"
    with pytest.raises(WorkshopError, match="a status is one of|A status is one of"):
        rv.set_status(review, second, "finished")
    parked = next(i.id for i in review.ideas if i.id not in review.carried)
    with pytest.raises(WorkshopError, match="not on the last roadmap"):
        rv.set_status(review, parked, "done")


def test_a_carried_item_stays_in_the_record():
    review = rv.start_review(load_sample(), "Next", REVIEW_HELD)
    carried = next(iter(review.carried))
    parked = next(i.id for i in review.ideas if i.id not in review.carried)
    for refused in (
        lambda: review.delete_idea(carried),
        lambda: merge_ideas(review, carried, parked),
        lambda: add_dot(review, carried),
        lambda: toggle_added(review, carried),
        lambda: rv.check_off_board(review, carried),
    ):
        with pytest.raises(WorkshopError, match="carried over"):
            refused()
    with pytest.raises(WorkshopError, match="delete the duplicate instead"):
        merge_ideas(review, parked, carried)  # its dots and place would have nowhere to go
    assert carried in review.carried and len(review.ideas) == 16  # (2 decided against: on record only)


def test_goal_ids_are_never_reused_in_a_series():
    first = load_sample()
    review = rv.start_review(first, "Next", REVIEW_HELD)
    review.delete_goal(3)
    assert review.add_goal("New goal").id == 4
    later = rv.start_review(review, "Later", datetime(2027, 1, 18, 10))
    assert later.add_goal("Another").id == 5
    moved = rv.since(rv.earlier_of(first), later)
    assert [g.title for g in moved.goals_removed] == ["Start earning revenue"]
    assert [g.title for g in moved.goals_added] == ["New goal", "Another"]


def test_the_next_review_counts_from_the_last_review():
    review = sample_review(load_sample())
    assert next_review(review) == date(2026, 12, 20)  # monthly, from the review
    review.set_next_review(date(2027, 1, 25))
    assert next_review(review) == date(2027, 1, 25)
    four = rv.start_review(load_sample(), "x", REVIEW_HELD)
    four.set_timeframe(Timeframe(Quarter(2027, 1), 4))
    assert next_review(four) == date(2027, 2, 20)  # quarterly


def test_the_checklist_asks_for_the_statuses_still_missing():
    review = rv.start_review(load_sample(), "Next", REVIEW_HELD)
    first = checklist(review)[0]
    assert first.kind == "statuses" and "7 items" in first.render()
    for idea_id in review.carried:
        rv.set_status(review, idea_id, "todo")
    assert all(check.kind != "statuses" for check in checklist(review))


# ------------------------------------------------- the sample and its golden files


def test_the_sample_review_is_built_by_the_rooms_own_edits():
    assert from_tables(parse(bundled_review_bytes())) == sample_review(load_sample())


def test_what_moved_and_the_csv_match_the_golden_files():
    review = sample_review(load_sample())
    text = markdown(review)
    assert text == GOLDEN_MD.read_text(encoding="utf-8")
    assert tracker_csv(review) == GOLDEN_CSV.read_text(encoding="utf-8")
    section = since_section(text)
    for line in (
        "### Done",
        "- \u201cPassword reset and sign-in with Apple or Google\u201d (2027-Q1): Shipped on 2026-11-12",
        "### Dropped",
        "- \u201cWeather-aware outfit suggestions\u201d: 2027-Q1 \u2192 2027-Q2",
        "- \u201cVirtual try-on with the phone camera\u201d: effort XL \u2192 L",
        "- \u201cAccessibility audit (screen readers, contrast)\u201d (2027-Q1): added by the room",
        "- Added: \u201cKeep support load flat\u201d, measured by \u201cat most 12 support tickets per 1,000 members a month\u201d",
    ):
        assert line in section.splitlines()
    assert "from the vote (6 dots); in the parking lot last time with 1 dot" in section
    assert (
        "Metric of \u201cIncrease engagement\u201d: \u201cweekly active users from 18% to 30% of sign-ups\u201d"
        in section
    )


def test_a_roadmap_with_nothing_on_it_has_nothing_to_review():
    empty = bare_sample()  # (no actions either)
    for placement in list(empty.placements):
        empty.unplace(placement.idea_id)
    review = rv.start_review(empty, "Next", REVIEW_HELD)
    assert review.step == "goals" and not review.carried and review.steps[0] == "review"


def test_what_moved_over_three_sessions():
    first = load_sample()
    second = rv.start_review(first, "Second", REVIEW_HELD)
    done = next(iter(second.carried))
    rv.set_status(second, done, "done")
    extra = next(i.id for i in second.ideas if i.id not in second.carried)
    toggle_added(second, extra)
    second.place(extra, "2027-Q2")
    third = rv.start_review(second, "Third", datetime(2027, 1, 18, 10))
    assert len(third.carried) == 7  # 7 - 1 done + 1 added
    text = "\n".join(since_markdown(rv.between(first, third)))
    assert "### Done or dropped in a review in between" in text
    assert f"- \u201c{second.idea(done).text}\u201d (2027-Q1)" in text.split("### Done or dropped")[1]
    assert f"\u201c{second.idea(extra).text}\u201d (2027-Q2): added in a review in between" in text
    # Between a session and its own review, the review's record is used: a
    # change made to the earlier session afterwards does not show as a move.
    first.place(first.placements[1].idea_id, "2027-Q2")
    assert not rv.between(first, second).moved


def test_nothing_changed_says_so():
    first = load_sample()
    review = rv.start_review(first, "Next", REVIEW_HELD)
    lines = since_markdown(rv.since(rv.earlier_of(first), review))
    assert "- \u201cVirtual try-on with the phone camera\u201d (2027-Q2): no status yet" in lines
    empty = bare_sample()  # (no actions either)
    for placement in list(empty.placements):
        empty.unplace(placement.idea_id)
    review = rv.start_review(empty, "Next", REVIEW_HELD)
    assert "Nothing changed." in since_markdown(rv.since(rv.earlier_of(empty), review))


# ------------------------------------------------------------------ the files


@pytest.fixture
def room(tmp_path: Path) -> Path:
    """A working folder with the sample saved as the room saves it."""
    folder = SessionFolder(tmp_path / "sessions")
    folder.create(SAMPLE_NAME, NOW, load_sample()).close()
    return tmp_path


def test_roadmap_review_and_diff_on_the_command_line(room):
    sample_file = room / "sessions" / "fabrikam-h1-2027.json"
    before = sample_file.read_bytes()
    result = roadmap("review", SAMPLE_NAME, "--name", "December review", cwd=room)
    assert result.returncode == 0, result.stderr
    assert "7 roadmap items carried over, 9 parked ideas back" in result.stdout
    assert "roadmap open december-review" in result.stdout
    assert sample_file.read_bytes() == before
    folder = SessionFolder(room / "sessions")
    review = folder.load("December review")
    assert review.earlier.name == SAMPLE_NAME and review.step == "review"
    # The review of the bundled sample, written where a user would keep it:
    shutil.copy(resources.files("tui_roadmap") / "data" / REVIEW_FILE, room / "sessions" / REVIEW_FILE)
    diff = roadmap("diff", SAMPLE_NAME, REVIEW_NAME, cwd=room)
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout == since_section(GOLDEN_MD.read_text(encoding="utf-8")).rstrip("\n") + "\n"
    listed = roadmap("list", cwd=room).stdout.splitlines()
    assert listed[0] == f"{SAMPLE_NAME}: a series of 3 sessions, newest first"
    names = [line.split("  ")[2] for line in listed[1:4]]
    assert sorted(names) == sorted([REVIEW_NAME, "December review", SAMPLE_NAME]) and names[-1] == SAMPLE_NAME


def test_a_series_survives_renaming(room):
    folder = SessionFolder(room / "sessions")
    folder.review(folder.find(SAMPLE_NAME), NOW).close()
    path = folder.find(review_name(SAMPLE_NAME, NOW.date()))
    moved = path.with_name("renamed.json")
    path.rename(moved)
    db = TinyDB(moved)  # a user's own script renames the session inside too
    db.table("session").update({"name": "Renamed by a script"}, doc_ids=[1])
    db.close()
    groups = folder.series()
    assert [[e.name for e in g] for g in groups] == [["Renamed by a script", SAMPLE_NAME]]
    assert roadmap("diff", SAMPLE_NAME, "renamed", cwd=room).returncode == 0


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("review", "Contoso"), 1, "No session named \u201cContoso\u201d"),
        (("review", "broken"), 1, "Cannot read broken.json"),
        (("review", SAMPLE_NAME, "--name", SAMPLE_NAME), 1, "already"),
        (("review",), 2, "the following arguments are required: NAME"),
        (("diff", "Contoso", SAMPLE_NAME), 1, "No session named \u201cContoso\u201d"),
        (("diff", "broken", SAMPLE_NAME), 1, "Cannot read broken.json"),
        (("diff", SAMPLE_NAME, "Other"), 1, "not of the same series"),
        (("diff", SAMPLE_NAME), 2, "the following arguments are required: NEW"),
        (("diff", SAMPLE_NAME, SAMPLE_NAME), 1, "two different sessions"),
    ],
)
def test_review_and_diff_errors_are_one_line_and_change_nothing(room, args, status, message):
    sessions = room / "sessions"
    (sessions / "broken.json").write_text('{"meeting": "not a session"}', encoding="utf-8")
    SessionFolder(sessions).create("Other", NOW).close()
    before = {p.name: p.read_bytes() for p in sessions.iterdir() if p.is_file()}
    line = one_line_error(roadmap(*args, cwd=room), status)
    assert message in line
    assert {p.name: p.read_bytes() for p in sessions.iterdir() if p.is_file()} == before


def test_diff_names_the_older_session_first(room):
    folder = SessionFolder(room / "sessions")
    folder.review(folder.find(SAMPLE_NAME), NOW, "Later").close()
    line = one_line_error(roadmap("diff", "Later", SAMPLE_NAME, cwd=room), 1)
    assert "name the older session first" in line


def test_a_damaged_review_file_is_named_not_a_crash(room):
    folder = SessionFolder(room / "sessions")
    review = sample_review(load_sample())
    folder.create(review.name, NOW, review).close()
    path = room / "sessions" / REVIEW_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["session"]["1"]
    for change, problem in (
        (lambda m: m["carried"].update({"\u00b2": {"key": "x"}}), None),
        (lambda m: m["carried"]["1"].update({"status": "finished"}), "is not one of done, doing, todo, dropped"),
        (
            lambda m: m["carried"]["1"].update({"held": ["2027-Q1", "Urgent", None]}),
            "is not one of Must, Should, Could",
        ),
    ):
        broken = json.loads(json.dumps(data))
        change(broken["session"]["1"])
        path.write_text(json.dumps(broken), encoding="utf-8")
        if problem is None:
            assert folder.load(review.name).carried  # a key that is no id is left out
        else:
            result = roadmap("list", cwd=room)
            assert result.returncode == 0 and "Traceback" not in result.stderr
            assert any(line.startswith("! ") and problem in line for line in result.stdout.splitlines()), result.stdout
    meta.update({"earlier": None, "step": "review"})
    path.write_text(json.dumps(data), encoding="utf-8")
    assert folder.load(review.name).step == "goals"


def test_the_review_record_survives_a_save_and_a_reopen(room):
    folder = SessionFolder(room / "sessions")
    review = sample_review(load_sample())
    folder.create(review.name, NOW, review).close()
    again = folder.load(review.name)
    assert again == review
    raw = json.loads((room / "sessions" / REVIEW_FILE).read_text(encoding="utf-8"))
    assert raw["session"]["1"]["earlier"]["name"] == SAMPLE_NAME


# ------------------------------------------------------------- on the screen


def review_app(folder: SessionFolder):
    folder.create(SAMPLE_NAME, NOW, load_sample()).close()
    session = folder.review(folder.find(SAMPLE_NAME), datetime(2026, 12, 18, 10), "December review")
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


async def test_the_review_step_by_keyboard(folder):
    app = review_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        screen = app.screen
        workshop = screen.workshop
        assert workshop.step == "review" and app.focused.id == "review-list"
        ids = list(workshop.carried)
        await type_keys(pilot, "d", "down", "i", "down", "x", "down", "n")
        assert [workshop.carried[i].status for i in ids[:4]] == ["done", "doing", "dropped", "todo"]
        assert workshop.placement(ids[0]) is None and workshop.placement(ids[3]) is not None
        await type_keys(pilot, "e")
        await type_line(pilot, "Moved to next quarter")
        assert workshop.carried[ids[3]].note == "Moved to next quarter"
        await type_keys(pilot, "ctrl+z")
        assert workshop.carried[ids[3]].note == "" and said[-1].startswith("Undid: note on")
        await type_keys(pilot, "ctrl+y")
        # The open item moves a quarter on the board; the done one is not there.
        await type_keys(pilot, "f5")
        board = screen.query_one("#board-list-1")
        cards = [board.get_option_at_index(n).id for n in range(board.option_count)]
        assert f"card-{ids[0]}" not in cards and f"card-{ids[3]}" in cards
        board.focus()
        board.select_item(f"card-{ids[3]}")
        await type_keys(pilot, "shift+right")
        assert workshop.placement(ids[3]).column == "2027-Q2"
        await type_keys(pilot, "0")
        assert workshop.placement(ids[3]) is not None and "Review step (F7)" in said[-1]
        await type_keys(pilot, "X", "f7")
        shown = screen.query_one("#review-list").get_option(f"review-{ids[3]}").prompt
        assert "Could XL" in str(shown) and "moved from 2027-Q1" in str(shown)
        await type_keys(pilot, "f5")
        # A goal's metric changes on the Goals step.
        await type_keys(pilot, "f2", "shift+tab", "home", "down", "m", "ctrl+u")
        await type_line(pilot, "weekly active users at 25%")  # Enter: on to its baseline and target
        await type_keys(pilot, "ctrl+s", "f7")
        assert workshop.step == "review"
        await type_keys(pilot, "ctrl+q")
        await settle(pilot)
    saved = folder.load("December review")
    moved = rv.since(saved.earlier, saved)
    assert [c.after for c in moved.metrics] == ["weekly active users at 25%"]
    assert [(c.before, c.after) for c in moved.moved] == [("2027-Q1", "2027-Q2")]
    text = since_markdown(moved)
    assert (
        "### Done" in text
        and "- \u201cWeather-aware outfit suggestions\u201d (2027-Q1): not started; Moved to next quarter" in text
    )


async def test_the_review_step_is_only_in_a_review(folder):
    from .conftest import sample_app

    app = sample_app(folder, "goals")
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "f7", "ctrl+r")
        assert app.screen.workshop.step == "goals"
        assert "Review" not in str(app.screen.query_one("StepBar").render())


async def test_the_picker_starts_a_review(folder):
    folder.create(SAMPLE_NAME, NOW, load_sample()).close()
    app = make_app(folder, None, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "r")
        assert app.screen.workshop.name == review_name(SAMPLE_NAME, NOW.date())
        assert app.screen.workshop.step == "review"
        await type_keys(pilot, "ctrl+q")
        await settle(pilot)
    assert [len(group) for group in folder.series()] == [2]


def _write_golden() -> None:
    review = sample_review(load_sample())
    (resources.files("tui_roadmap") / "data" / REVIEW_FILE).write_bytes(encode(dumps(to_tables(review))))
    GOLDEN_MD.write_text(markdown(review), encoding="utf-8")
    GOLDEN_CSV.write_text(tracker_csv(review), encoding="utf-8")


if __name__ == "__main__":
    _write_golden()


async def test_deleting_or_merging_a_carried_item_on_the_ideas_list_says_why_at_once(folder):
    app = review_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await type_keys(pilot, "f3", "up", "home", "d")
        assert type(app.screen).__name__ == "WorkshopScreen"  # no question asked
        assert "carried over from the last review" in said[-1] and "Review step (F7)" in said[-1]
        await type_keys(pilot, "m")
        assert type(app.screen).__name__ == "WorkshopScreen" and "cannot be merged" in said[-1]
        assert len(app.screen.workshop.ideas) == 16  # (the 2 decided against are not ideas here)
