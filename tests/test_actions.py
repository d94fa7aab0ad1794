"""Actions: an owner and a due date for each checklist line and for the
room's own actions; how they are typed, kept, written in the draft and the
tracker CSV, carried into a review, checked there and reported by
``roadmap diff``."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from tui_roadmap.export.draft import markdown, since_markdown
from tui_roadmap.export.tracker import HEADER, TASK_COLUMNS, tracker_csv
from tui_roadmap.files.documents import SCHEMA_VERSION, from_tables, to_tables
from tui_roadmap.files.storage import dumps, encode, parse
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop import actions, items
from tui_roadmap.workshop import review as rv
from tui_roadmap.workshop.checklist import next_review
from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.sample import agree_actions, sample_review
from tui_roadmap.workshop.timeframe import Quarter, Timeframe

from .conftest import NOW, bare_sample, load_sample
from .test_cli import roadmap

FIXTURES = Path(__file__).parent / "fixtures"
REVIEW_DAY = datetime(2026, 12, 18, 10, 0)
"""When the review of these tests is held."""


@pytest.fixture
def sample() -> Workshop:
    """Here the sample without its follow-through: these tests add each part."""
    return bare_sample()


def agreed(workshop: Workshop) -> Workshop:
    """The sample with the actions agreed at the end of the workshop (the
    calls that build the bundled sample's)."""
    return agree_actions(workshop)


def reviewed(first: Workshop) -> Workshop:
    """Its review, with three of the four actions done and one moved."""
    review = rv.start_review(first, "December review", REVIEW_DAY)
    for words in ("Share this draft", "Password reset", "stock feed"):
        actions.set_done(review, actions.find_action(review, words), True)
    actions.set_due(review, actions.find_action(review, "Virtual try-on"), date(2027, 1, 8))
    return review


def draft_section(text: str, heading: str) -> list[str]:
    """The lines of a draft's section, its heading left out."""
    start = text.index("\n" + heading + "\n")
    rest = text[start + len(heading) + 2 :]
    ends = [rest.find(marker) for marker in ("\n## ", "\n### ") if rest.find(marker) >= 0]
    return rest[: min(ends)].strip("\n").splitlines() if ends else rest.strip("\n").splitlines()


# ---------------------------------------------------------------- due dates


@pytest.mark.parametrize(
    "typed, due",
    [
        ("2027-01-15", date(2027, 1, 15)),
        ("2027-1-5", date(2027, 1, 5)),
        ("+3d", date(2026, 11, 25)),
        ("+2w", date(2026, 12, 6)),
        ("+ 2 weeks", date(2026, 12, 6)),
        ("+1m", date(2026, 12, 22)),
        ("fri", date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27)),
        ("next fri", date(2026, 11, 27)),
        ("sun", date(2026, 11, 29)),  # today is a Sunday: the next one
        ("mon", date(2026, 11, 23)),
        ("next review", date(2026, 12, 20)),
        ("2026-12-04+1w", date(2026, 12, 11)),  # typed after the date a field holds: from that date
        ("2026-12-04 +3d", date(2026, 12, 7)),
        ("", None),
        ("none", None),
    ],
)
def test_a_due_date_is_typed_as_the_room_says_it(typed, due):
    assert actions.parse_due(typed, NOW.date(), date(2026, 12, 20)) == due


def test_a_month_on_from_the_end_of_a_month_is_its_last_day():
    assert actions.parse_due("+1m", date(2027, 1, 31), date(2027, 3, 1)) == date(2027, 2, 28)


@pytest.mark.parametrize("typed", ["soon", "2027-02-30", "+2y", "fry", "15/01/2027", "next"])
def test_anything_else_is_refused_saying_how_to_type_one(typed):
    with pytest.raises(WorkshopError) as refused:
        actions.parse_due(typed, NOW.date(), date(2026, 12, 20))
    message = str(refused.value)
    assert "2027-01-15" in message and "+2w" in message and "fri" in message and "next review" in message


def test_next_review_is_the_sessions_next_review(sample):
    assert actions.read_due(sample, "next review", NOW.date()) == next_review(sample)
    sample.set_next_review(date(2027, 1, 12))
    assert actions.read_due(sample, "Next Review", NOW.date()) == date(2027, 1, 12)


# ----------------------------------------------------------------- the model


def test_a_checklist_line_takes_an_owner_and_a_date(sample):
    line = actions.find_line(sample, "scope", "Password reset")
    assert actions.set_owner(sample, line, "marcus").owner == "Marcus"  # a participant, in their spelling
    actions.set_due(sample, line, date(2026, 10, 30))
    found = next(entry for entry in actions.lines(sample) if entry.key == line)
    assert (found.owner, found.due, found.done) == ("Marcus", date(2026, 10, 30), False)
    assert actions.set_owner(sample, line, "Chloé of Legal").owner == "Chloé of Legal"  # a new name, as typed


def test_a_line_with_no_owner_no_date_and_not_done_has_no_action(sample):
    line = actions.find_line(sample, "share")
    actions.set_owner(sample, line, "Priya")
    assert len(sample.actions) == 1
    assert actions.set_owner(sample, line, "") is None
    assert sample.actions == []


def test_an_action_follows_its_line_when_the_checklist_changes(sample):
    quiz = next(idea for idea in sample.ideas if idea.text.startswith("Onboarding quiz"))
    line = actions.find_line(sample, "scope", "Onboarding quiz")
    actions.set_owner(sample, line, "Lena")
    sample.place(quiz.id, "2027-Q2")  # the line now says (2027-Q2), and sits elsewhere in the list
    found = next(entry for entry in actions.lines(sample) if "Onboarding quiz" in entry.check.render())
    assert "(2027-Q2)" in found.check.render() and found.owner == "Lena"
    backlog = actions.find_line(sample, "backlog")
    actions.set_due(sample, backlog, date(2026, 12, 1))
    sample.set_timeframe(Timeframe(Quarter.parse("2027-Q2"), 2))
    assert next(entry for entry in actions.lines(sample) if entry.check.kind == "backlog").due == date(2026, 12, 1)


def test_a_line_that_leaves_the_checklist_keeps_its_action_out_of_sight(sample):
    quiz = next(idea for idea in sample.ideas if idea.text.startswith("Onboarding quiz"))
    sample.set_effort(quiz.id, None)
    line = actions.find_line(sample, "unsized", "Onboarding quiz")
    actions.set_owner(sample, line, "Marcus")
    sample.set_effort(quiz.id, "M")  # agreed: the line goes
    assert all(entry.check.kind != "unsized" for entry in actions.lines(sample))
    assert actions.open_actions(sample) == [] and "**Marcus**" not in markdown(sample)
    sample.set_effort(quiz.id, None)  # back: with its owner
    assert next(entry for entry in actions.lines(sample) if entry.key == line).owner == "Marcus"


def test_a_line_the_workshop_ticked_stays_ticked(sample):
    from tui_roadmap.workshop.scoping import add_epic, add_story, set_owner

    quiz = next(idea for idea in sample.ideas if idea.text.startswith("Onboarding quiz"))
    set_owner(sample, quiz.id, "Lena")
    add_story(sample, quiz.id, add_epic(sample, quiz.id, "Quiz flow"), "Ten questions")
    line = actions.find_line(sample, "scope", "Onboarding quiz")
    with pytest.raises(WorkshopError, match="stays ticked"):
        actions.set_done(sample, line, False)
    actions.set_done(sample, line, True)
    assert next(entry for entry in actions.lines(sample) if entry.key == line).done


def test_the_rooms_own_actions(sample):
    ask = actions.add_action(sample, "  Ask legal about the consent log ", "dana", date(2026, 12, 1))
    assert (ask.text, ask.owner, ask.due, ask.line) == (
        "Ask legal about the consent log",
        "Dana",
        date(2026, 12, 1),
        None,
    )
    actions.edit_action(sample, ask.id, "Ask legal about the consent log and the retention")
    actions.set_done(sample, ask.id, True)
    assert actions.action(sample, ask.id).done and actions.own_actions(sample)[0].text.endswith("retention")
    with pytest.raises(WorkshopError, match="cannot be empty"):
        actions.add_action(sample, "   ")
    with pytest.raises(WorkshopError, match="cannot be empty"):
        actions.edit_action(sample, ask.id, "")
    actions.delete_action(sample, ask.id)
    assert sample.actions == []
    with pytest.raises(WorkshopError, match="no longer exists"):
        actions.set_owner(sample, ask.id, "Tom")


def test_a_line_is_not_deleted_nor_its_words_edited(sample):
    line = actions.find_line(sample, "share")
    item = actions.set_owner(sample, line, "Priya")
    with pytest.raises(WorkshopError, match="cannot be deleted"):
        actions.delete_action(sample, item.id)
    with pytest.raises(WorkshopError, match="not edited"):
        actions.edit_action(sample, item.id, "Something else")


def test_an_owner_by_the_number_the_form_lists(sample):
    assert actions.read_owner(sample, "2") == "Marcus"
    assert actions.read_owner(sample, " lena ") == "Lena"
    assert actions.read_owner(sample, "Chloé") == "Chloé"
    with pytest.raises(WorkshopError, match="numbered 1 to 6"):
        actions.read_owner(sample, "9")
    assert actions.participants_text(sample).startswith("1 Priya \u00b7 2 Marcus")


def test_an_undo_takes_an_action_back(sample):
    before = sample.copy()
    agreed(sample)
    assert len(sample.actions) == 4
    sample.restore(before)
    assert sample.actions == []


# ----------------------------------------------------------------- the store


def test_actions_survive_a_save_and_a_reopen(tmp_path):
    folder = SessionFolder(tmp_path / "sessions")
    workshop = agreed(bare_sample())
    actions.set_done(workshop, actions.add_action(workshop, "Book the room").id, True)
    folder.create(workshop.name, NOW, workshop).close()
    again = folder.load(workshop.name)
    assert again.actions == workshop.actions
    review = reviewed(again)
    folder.create(review.name, NOW, review).close()
    kept = folder.load(review.name)
    assert kept.actions == review.actions and kept.earlier == review.earlier
    raw = json.loads((folder.root / "december-review.json").read_text(encoding="utf-8"))["session"]["1"]
    assert raw["schema"] == SCHEMA_VERSION == 5
    assert [a["key"] for a in raw["earlier"]["actions"]] == [a.key for a in review.earlier.actions]


def test_a_schema_4_file_opens_and_exports_as_before():
    """The file and its exports were written by the code before actions."""
    data = parse((FIXTURES / "schema-4.json").read_bytes())
    assert data["session"]["1"]["schema"] == 4
    workshop = from_tables(data)
    assert workshop.actions == [] and workshop.earlier is not None and workshop.earlier.actions == ()
    # As that code wrote it: the diagrams came later.
    assert markdown(workshop, diagrams=False) == (FIXTURES / "schema-4.md").read_text(encoding="utf-8")
    assert tracker_csv(workshop) == (FIXTURES / "schema-4.csv").read_text(encoding="utf-8")
    again = from_tables(parse(encode(dumps(to_tables(workshop)))))
    assert again == workshop


def test_a_hand_edited_file_gives_each_action_once(sample):
    tables = to_tables(agreed(sample))
    session = tables["session"]["1"]
    session["actions"].append(dict(session["actions"][0]))  # the same id twice
    twice = dict(session["actions"][1], id=99)  # the same line twice
    session["actions"].append(twice)
    session["actions"].append(dict(session["actions"][3], id=100, text="\x1b[31m "))  # no words once cleaned
    assert from_tables(parse(encode(dumps(tables)))).actions == sample.actions


# ----------------------------------------------------------------- the draft


def test_without_actions_the_draft_is_as_before(sample):
    text = markdown(sample)
    assert "## Actions" not in text and " \u2014 **" not in text
    checklist = draft_section(text, "## Refinement checklist")
    assert checklist[0] == (
        "- [ ] Scope \u201cPassword reset and sign-in with Apple or Google\u201d (2027-Q1) into epics and "
        "stories, and name an owner."
    )


def test_the_draft_says_who_does_each_line_and_by_when_soonest_first(sample):
    agreed(sample)
    checklist = draft_section(markdown(sample), "## Refinement checklist")
    assert checklist[:3] == [
        "- [ ] Share this draft with the stakeholders who were not in the room, and collect their feedback "
        "\u2014 **Priya**, due 2026-10-23",
        "- [ ] Scope \u201cPassword reset and sign-in with Apple or Google\u201d (2027-Q1) into epics and stories, "
        "and name an owner \u2014 **Marcus**, due 2026-10-30",
        "- [ ] Scope \u201cVirtual try-on with the phone camera\u201d (2027-Q2) into epics and stories, and name an "
        "owner \u2014 **Lena**, due 2026-11-13",
    ]
    # The undated keep the checklist's order after them.
    assert checklist[3].startswith("- [ ] Scope \u201cOnboarding quiz") and checklist[-1].startswith("- [ ] Review")
    assert draft_section(markdown(sample), "## Actions") == [
        "Agreed by the room besides the checklist, soonest first.",
        "",
        "- [ ] Ask the partner stores for their stock feed \u2014 **Dana**, due 2026-11-06",
    ]


def test_an_owner_or_a_date_alone_and_a_done_action(sample):
    actions.set_owner(sample, actions.find_line(sample, "backlog"), "Marcus")
    actions.set_due(sample, actions.find_line(sample, "share"), date(2026, 12, 1))
    done = actions.add_action(sample, "Book the room for the review")
    actions.set_done(sample, done.id, True)
    text = markdown(sample)
    assert "- [ ] Derive the product backlog for 2027-Q1 from its 4 roadmap items \u2014 **Marcus**" in text
    assert "and collect their feedback \u2014 due 2026-12-01\n" in text
    assert "- [x] Book the room for the review\n" in text


def test_the_rooms_words_cannot_break_the_task_list(sample):
    from .test_export import table_rows

    actions.set_owner(sample, actions.find_line(sample, "share"), "Dana | **Ops** <b>")
    actions.add_action(sample, "Check the `consent` log | [x] #1", "@Marcus")
    actions.set_owner(sample, actions.find_line(sample, "scope", "Password reset"), "Tom|Lena")
    text = markdown(sample)
    assert "feedback \u2014 **Dana \\| \\*\\*Ops\\*\\* \\<b\\>**\n" in text
    assert "- [ ] Check the \\`consent\\` log \\| \\[x\\] \\#1 \u2014 **@\u2060Marcus**\n" in text
    assert "and name an owner \u2014 **Tom\\|Lena**\n" in text
    assert {len(row) for row in table_rows(text)} == {4, 6}  # every table keeps its columns
    assert "<b>" not in text


# --------------------------------------------------------------- the tracker


def parsed(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_without_actions_the_csv_is_as_before(sample):
    assert tracker_csv(sample) == ",".join(HEADER) + "\n"


def test_open_actions_are_tasks_with_an_assignee_and_a_due_date(sample):
    agreed(sample)
    actions.set_done(sample, actions.find_action(sample, "stock feed"), True)
    actions.add_action(sample, "=HYPERLINK(1)", "+Tom")
    text = tracker_csv(sample)
    assert text.splitlines()[0] == ",".join(HEADER + TASK_COLUMNS)
    rows = parsed(text)
    assert [(r["id"], r["type"], r["assignee"], r["due"]) for r in rows] == [
        ("T1", "Task", "Priya", "2026-10-23"),
        ("T2", "Task", "Marcus", "2026-10-30"),
        ("T3", "Task", "Lena", "2026-11-13"),
        ("T4", "Task", "'+Tom", ""),
    ]
    assert rows[0]["summary"].startswith("Share this draft") and rows[0]["description"] == (
        "From the refinement checklist"
    )
    assert rows[3]["summary"] == "'=HYPERLINK(1)" and rows[3]["description"] == "Agreed by the room"


def test_tasks_follow_the_epics_and_stories_with_the_same_columns():
    from .test_tracker_csv import scoped_sample

    def scoped_without_actions() -> Workshop:
        workshop = scoped_sample()
        workshop.actions.clear()
        return workshop

    rows = parsed(tracker_csv(agreed(scoped_without_actions())))
    types = [row["type"] for row in rows]
    assert types == sorted(types, key=["Epic", "Story", "Task"].index) and "Epic" in types and "Task" in types
    assert all(None not in row and row["assignee"] == "" for row in rows if row["type"] != "Task")
    without = parsed(tracker_csv(scoped_without_actions()))
    assert [{k: v for k, v in row.items() if k not in TASK_COLUMNS} for row in rows[: len(without)]] == without


# ------------------------------------------------------------------ reviews


def test_a_review_carries_the_open_actions_only():
    first = agreed(bare_sample())
    actions.set_done(first, actions.find_action(first, "stock feed"), True)
    actions.set_owner(first, actions.find_line(first, "backlog"), "")  # no action
    review = rv.start_review(first, "December review", REVIEW_DAY)
    assert [(a.owner, a.due, a.done, a.line) for a in review.actions] == [
        ("Marcus", date(2026, 10, 30), False, None),
        ("Lena", date(2026, 11, 13), False, None),
        ("Priya", date(2026, 10, 23), False, None),
    ]
    assert review.actions[0].text.startswith("Scope \u201cPassword reset")
    assert all(a.key.startswith(f"{rv.uid_of(first)}/a") for a in review.actions)
    assert list(review.earlier.actions) == review.actions
    assert first.actions[3].done and len(first.actions) == 4  # the last session is left as it was
    with pytest.raises(WorkshopError, match="stays in its record"):
        actions.delete_action(review, review.actions[0].id)
    with pytest.raises(WorkshopError, match="keeps its words"):
        actions.edit_action(review, review.actions[0].id, "Other words")


def test_a_review_with_only_actions_opens_on_the_review_step():
    first = agreed(bare_sample())
    for placement in list(first.placements):
        first.unplace(placement.idea_id)
    review = rv.start_review(first, "Next", REVIEW_DAY)
    assert not review.carried and review.actions and review.step == "review"


def test_the_reviews_draft_counts_the_actions_done_and_names_the_late():
    review = reviewed(agreed(bare_sample()))
    text = markdown(review)
    lines = draft_section(text, "### Actions")
    assert lines[0] == "Actions from the last review: 3 of 4 done; 1 late."
    assert lines[2:] == [
        "- [x] Share this draft with the stakeholders who were not in the room, and collect their feedback "
        "\u2014 **Priya**, due 2026-10-23",
        "- [x] Scope \u201cPassword reset and sign-in with Apple or Google\u201d (2027-Q1) into epics and stories, "
        "and name an owner \u2014 **Marcus**, due 2026-10-30",
        "- [x] Ask the partner stores for their stock feed \u2014 **Dana**, due 2026-11-06",
        "- [ ] Scope \u201cVirtual try-on with the phone camera\u201d (2027-Q2) into epics and stories, and name an "
        "owner \u2014 **Lena**, due 2026-11-13: late, now due 2027-01-08",
    ]
    # Still open, it is one of the review's own actions too.
    assert draft_section(text, "## Actions")[2:] == [
        "- [ ] Scope \u201cVirtual try-on with the phone camera\u201d (2027-Q2) into epics and stories, and name an "
        "owner \u2014 **Lena**, due 2027-01-08 (from the last review)"
    ]


def test_an_action_not_yet_due_is_not_late():
    first = agreed(bare_sample())
    review = rv.start_review(first, "Early review", datetime(2026, 11, 1, 10))
    outcomes = rv.since(review.earlier, review).actions
    assert [o.late for o in outcomes] == [True, False, True, False]  # due 10-30, 11-13, 10-23, 11-06


def test_open_actions_are_carried_again_and_followed_over_three_sessions():
    first = agreed(bare_sample())
    second = reviewed(first)
    third = rv.start_review(second, "January review", datetime(2027, 1, 20, 10))
    assert [a.text[:30] for a in third.actions] == ["Scope \u201cVirtual try-on with the"]
    assert third.actions[0].key == second.actions[1].key and third.actions[0].due == date(2027, 1, 8)
    moved = rv.between(first, third).actions
    assert [(o.done, o.gone) for o in moved] == [(True, True), (False, False), (True, True), (True, True)]
    text = "\n".join(since_markdown(rv.between(first, third)))
    assert "Actions from the last review: 3 of 4 done; 1 late." in text
    assert "due 2026-10-30: done in a review in between" in text


def test_the_readmes_examples_are_what_the_draft_says():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = [block for block in readme.split("```markdown\n")[1:] if "\u2014 **Priya**" in block]
    assert len(blocks) == 3
    workshop = load_sample()  # the bundled sample has these actions, and its review checks them
    drafts = (markdown(workshop), markdown(workshop), markdown(sample_review(load_sample())))
    for block, text in zip(blocks, drafts, strict=True):
        shown = text.splitlines()
        for line in block.split("```")[0].splitlines():
            assert line in shown, line


def test_roadmap_diff_says_the_same(tmp_path):
    folder = SessionFolder(tmp_path / "sessions")
    first = agreed(bare_sample())
    folder.create(first.name, NOW, first).close()
    review = reviewed(folder.load(first.name))
    folder.create(review.name, NOW, review).close()
    result = roadmap("diff", first.name, review.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = draft_section(markdown(review), "### Actions")
    assert "### Actions" in result.stdout and all(line in result.stdout.splitlines() for line in expected if line)
    assert "Actions from the last review: 3 of 4 done; 1 late." in result.stdout


# ------------------------------------------------------------- on the screen


def form_error(app) -> str:
    return str(app.screen.query_one("#dialog-error").render())


async def test_the_action_list_by_keyboard_and_each_change_undone(folder):
    from tui_roadmap.ui.screens.dialogs import FormDialog

    from .conftest import notifications, sample_app, settle, type_keys, type_line

    app = sample_app(folder, "export", bare_sample())
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        workshop = app.screen.workshop
        await type_keys(pilot, "a")
        assert app.focused.id == "action-list"
        first = actions.lines(workshop)[0].key
        # p: the owner, by a participant's number; ctrl+z takes it back.
        await type_keys(pilot, "p")
        assert isinstance(app.screen, FormDialog) and "1 Priya \u00b7 2 Marcus" in app.screen.detail
        await type_line(pilot, "2")
        assert actions.lines(workshop)[0].owner == "Marcus"
        await type_keys(pilot, "ctrl+z")
        assert workshop.actions == [] and said[-1].startswith("Undid: the owner of")
        await type_keys(pilot, "ctrl+y")
        assert actions.lines(workshop)[0].owner == "Marcus"
        # The participant offered as the name is typed: right arrow takes it.
        await type_keys(pilot, "down", "p", *"pri")  # (the name is offered once it is typed)
        await type_keys(pilot, "right", "enter")
        assert actions.lines(workshop)[1].owner == "Priya"
        # u: the date, relative to the app's clock (a Sunday: fri is the 27th).
        await type_keys(pilot, "up", "u")
        await type_line(pilot, "fri")
        assert actions.lines(workshop)[0].due == date(2026, 11, 27)
        await type_keys(pilot, "ctrl+z")
        assert actions.lines(workshop)[0].due is None and actions.lines(workshop)[0].owner == "Marcus"
        # Bad input: a clear message, the form keeps what was typed, nothing changes.
        await type_keys(pilot, "u")
        await type_line(pilot, "soon")
        assert isinstance(app.screen, FormDialog) and "is not a date" in form_error(app)
        assert app.screen.values() == ["soon"] and actions.lines(workshop)[0].due is None
        await type_keys(pilot, "ctrl+u")
        await type_line(pilot, "2027-01-15")
        assert actions.lines(workshop)[0].due == date(2027, 1, 15)
        # x: done, and back.
        await type_keys(pilot, "x")
        assert actions.lines(workshop)[0].done
        await type_keys(pilot, "ctrl+z")
        assert not actions.lines(workshop)[0].done and actions.lines(workshop)[0].key == first
        # n: an action of the room's own; e edits it; d deletes it; each undone.
        await type_keys(pilot, "n")
        await type_keys(pilot, *"Ask legal about the consent log", "enter", *"Chloé", "enter", *"+2w", "enter")
        own = actions.own_actions(workshop)
        assert [(a.text, a.owner, a.due) for a in own] == [
            ("Ask legal about the consent log", "Chloé", date(2026, 12, 6))
        ]
        await type_keys(pilot, "ctrl+z")
        assert actions.own_actions(workshop) == []
        await type_keys(pilot, "ctrl+y", "end", "e", "end", *" and retention", "enter", "enter", "enter")
        assert actions.own_actions(workshop)[0].text == "Ask legal about the consent log and retention"
        await type_keys(pilot, "ctrl+z")
        assert actions.own_actions(workshop)[0].text == "Ask legal about the consent log"
        await type_keys(pilot, "d")
        assert actions.own_actions(workshop) == [] and "ctrl+z brings it back" in said[-1]
        await type_keys(pilot, "ctrl+z")
        assert len(actions.own_actions(workshop)) == 1
        # A line is not deleted: the message says what to do instead.
        await type_keys(pilot, "home", "d")
        assert "Clear its owner and its date" in said[-1] and actions.lines(workshop)[0].owner == "Marcus"
        # a: back to the draft, which says it all.
        await type_keys(pilot, "a")
        assert app.focused.id == "preview-raw"
        text = app.screen.pane("export").text
        assert "name an owner \u2014 **Marcus**, due 2027-01-15" in text
        assert "- [ ] Ask legal about the consent log \u2014 **Chloé**, due 2026-12-06" in text
        await type_keys(pilot, "ctrl+q")
        await settle(pilot)
    again = folder.load(workshop.name)
    assert again.actions == workshop.actions and len(again.actions) == 3


async def test_each_change_is_on_disk_at_once(folder):
    from .conftest import sample_app, type_keys, type_line
    from .test_saving import saved

    app = sample_app(folder, "export", bare_sample())
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "a", "p")
        await type_line(pilot, "Lena")
        await saved(app.screen)
        assert folder.load(app.screen.workshop.name).actions[0].owner == "Lena"
        await type_keys(pilot, "x")
        await saved(app.screen)
        assert folder.load(app.screen.workshop.name).actions[0].done


async def test_the_review_step_checks_last_times_actions(folder):
    from tui_roadmap.ui.app import make_app

    from .conftest import fixed_clock, notifications, settle, type_keys, type_line

    first = agreed(bare_sample())
    folder.create(first.name, NOW, first).close()
    session = folder.review(folder.find(first.name), REVIEW_DAY, "December review")
    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        workshop = app.screen.workshop
        assert workshop.step == "review"
        listed = app.screen.query_one("#review-list")
        ids = [listed.get_option_at_index(n).id for n in range(listed.option_count)]
        assert ids[-4:] == [f"action-{a.id}" for a in workshop.actions]
        title = str(app.screen.query_one("#review-title").render())
        assert "Actions  0 of 4 done, 4 late" in title
        # d marks the last one done, d again not done, d once more done.
        await type_keys(pilot, "end", "d")
        assert workshop.actions[3].done
        await type_keys(pilot, "d")
        assert not workshop.actions[3].done
        await type_keys(pilot, "d", "up", "d", "up", "n")
        assert [a.done for a in workshop.actions] == [False, False, True, True]
        await type_keys(pilot, "ctrl+z")
        assert [a.done for a in workshop.actions] == [False, False, False, True]
        await type_keys(pilot, "down", "i")  # (the cursor was on the second; the third is Priya's)
        assert "done (d) or not done (n)" in said[-1] and not workshop.actions[2].done
        # u moves its date; the list says what it was.
        await type_keys(pilot, "u", "ctrl+u")  # (the field holds its date now)
        await type_line(pilot, "+3w")
        assert workshop.actions[2].due == date(2026, 12, 13)
        shown = str(listed.get_option(f"action-{workshop.actions[2].id}").prompt)
        assert "due Sun 2026-12-13 (was 2026-10-23)" in shown and shown.startswith("LATE")
        await type_keys(pilot, "ctrl+z")
        assert workshop.actions[2].due == date(2026, 10, 23)
        # p gives it another owner.
        await type_keys(pilot, "p", "ctrl+u")
        await type_line(pilot, "4")
        assert workshop.actions[2].owner == "Tom"
        await type_keys(pilot, "ctrl+z")
        assert workshop.actions[2].owner == "Priya"
        # On an item, u and p say what they are for; d still gives it its status.
        await type_keys(pilot, "home", "u")
        assert "for the actions from the last review" in said[-1]
        await type_keys(pilot, "d")
        assert next(iter(workshop.carried.values())).status == "done"
        await type_keys(pilot, "ctrl+q")
        await settle(pilot)
    saved_review = folder.load("December review")
    assert [a.done for a in saved_review.actions] == [False, False, False, True]
    assert "Actions from the last review: 1 of 4 done; 3 late." in markdown(saved_review)


async def test_every_row_of_the_action_list_fits_its_width_at_80x24(folder):
    from rich.cells import cell_len

    from .conftest import sample_app, settle, type_keys

    app = sample_app(folder, "export")  # the bundled sample: owners, dates, late ones
    async with app.run_test(size=(80, 24)) as pilot:
        await type_keys(pilot, "a")
        await settle(pilot)
        listed = app.screen.query_one("#action-list")
        width = listed.scrollable_content_region.width
        rows = [
            row for n in range(listed.option_count) for row in str(listed.get_option_at_index(n).prompt).splitlines()
        ]
        assert "late" in "\n".join(rows)
        too_wide = [row for row in rows if cell_len(row) > width]
        assert not too_wide, (width, too_wide)
        assert all(row.startswith("[") or row.startswith(" " * 4) for row in rows), rows


# ------------------------------------------- a line keeps its action by id


def needs_missing(workshop: Workshop) -> Workshop:
    """The sample with "Shop the look" in 2027-Q1 needing "Virtual try-on",
    which is off the roadmap: a needs-missing line."""
    shop, try_on = (next(i.id for i in workshop.ideas if i.text.startswith(t)) for t in ("Shop", "Virtual"))
    items.set_needs(workshop, shop, [try_on])
    workshop.unplace(try_on)
    workshop.place(shop, workshop.timeframe.columns[0])
    return workshop


def test_every_lines_action_survives_a_save_and_a_reopen(folder, sample):
    needs_missing(sample)
    sample.set_capacity("2027-Q1", 2)
    sample.delete_goal(3)
    sample.add_goal("Keep support load flat")
    given = {}
    for n, line in enumerate(actions.lines(sample)):
        actions.set_owner(sample, line.key, f"Owner {n}")
        given[line.key] = f"Owner {n}"
    kinds = {line.check.kind for line in actions.lines(sample)}
    assert {"needs-missing", "capacity", "no-item", "metric", "scope", "backlog", "share", "review"} <= kinds
    folder.create(sample.name, NOW, sample).close()
    again = folder.load(sample.name)
    assert {line.key: line.owner for line in actions.lines(again)} == given


def test_a_line_keeps_its_action_when_the_item_is_re_worded_or_moved(sample):
    password = next(i.id for i in sample.ideas if i.text.startswith("Password reset"))
    line = actions.find_line(sample, "scope", "Password reset")
    actions.set_owner(sample, line, "Marcus")
    sample.edit_idea(password, text="Password reset, and sign-in with Apple or Google.")
    assert line_of_kind(sample, "scope", "Password reset, and").owner == "Marcus"
    needs_missing(sample)
    needs = actions.find_line(sample, "needs-missing")
    actions.set_owner(sample, needs, "Lena")
    shop = next(i.id for i in sample.ideas if i.text.startswith("Shop"))
    sample.place(shop, "2027-Q2")  # the same need, its line now says 2027-Q2
    assert line_of_kind(sample, "needs-missing", "(2027-Q2)").owner == "Lena"


def test_two_items_of_the_same_words_keep_their_own_actions(sample):
    first, second = (sample.add_idea("Search") for _ in range(2))
    sample.place(first.id, "2027-Q1")
    sample.place(second.id, "2027-Q2")
    actions.set_owner(sample, actions.find_line(sample, "scope", "Search\u201d (2027-Q1)"), "Marcus")
    sample.unplace(first.id)
    assert line_of_kind(sample, "scope", "Search\u201d (2027-Q2)").owner == ""


def test_a_line_that_ends_in_dots_keeps_them_beside_its_owner(sample):
    actions.add_action(sample, "Ask legal about the log...", "Dana")
    actions.add_action(sample, "Check the terms etc.", "Lena")
    text = markdown(sample)
    assert "- [ ] Ask legal about the log... \u2014 **Dana**" in text
    assert "- [ ] Check the terms etc. \u2014 **Lena**" in text  # the room's words, as typed


def line_of_kind(workshop: Workshop, kind: str, words: str) -> actions.Line:
    return next(line for line in actions.lines(workshop) if line.check.kind == kind and words in line.check.render())


async def test_u_on_the_review_step_moves_a_date_on_from_the_one_shown(folder):
    from tui_roadmap.ui.app import make_app

    from .conftest import fixed_clock, type_keys, type_line

    first = agreed(bare_sample())
    folder.create(first.name, NOW, first).close()
    session = folder.review(folder.find(first.name), REVIEW_DAY, "December review")
    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        workshop = app.screen.workshop
        await type_keys(pilot, "end", "u")  # the field holds 2026-11-06: "+1w" is typed after it
        await type_line(pilot, "+1w")
        assert workshop.actions[3].due == date(2026, 11, 13)

