"""Confidence, needs and risk of roadmap items, and the ideas the room
decided against (won't do): the model, the file, the draft, the checklist
and the review, then the keys on the board and the Vote step."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from pathlib import Path

import pytest

from tui_roadmap.export.draft import markdown
from tui_roadmap.files.documents import SCHEMA_VERSION, from_tables, to_tables
from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.screens.dialogs import FormDialog
from tui_roadmap.workshop import items
from tui_roadmap.workshop.checklist import checklist
from tui_roadmap.workshop.merge import merge_ideas
from tui_roadmap.workshop.model import ItemDetails, Workshop, WorkshopError
from tui_roadmap.workshop.review import set_status, start_review
from tui_roadmap.workshop.roadmap import parking_lot, toggle_added
from tui_roadmap.workshop.sample import say_of_items

from .conftest import NOW, bare_sample, fixed_clock, notifications, settle, type_keys
from .test_export import table_rows

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def sample() -> Workshop:
    """Here the sample without its follow-through: these tests add each part."""
    return bare_sample()


def idea_of(workshop: Workshop, start: str) -> int:
    return next(idea.id for idea in workshop.ideas if idea.text.startswith(start))


def fabrikam() -> Workshop:
    """The sample with what the room says of its items and decided against
    (the additions of the sample: confidence, needs, risks, won't do)."""
    return say_of_items(bare_sample())


# ------------------------------------------------------------------ the model


def test_confidence_cycles_high_medium_low_none_on_a_roadmap_item_only():
    workshop = bare_sample()
    item = workshop.placements[0].idea_id
    assert [items.cycle_confidence(workshop, item) for _ in range(5)] == ["High", "Medium", "Low", None, "High"]
    items.set_confidence(workshop, item, None)
    assert item not in workshop.item_details  # nothing said: nothing kept
    with pytest.raises(WorkshopError, match="A confidence is one of High, Medium, Low"):
        items.set_confidence(workshop, item, "Certain")
    with pytest.raises(WorkshopError, match="in a column first"):
        items.cycle_confidence(workshop, idea_of(workshop, "Dark mode"))


def test_needs_are_other_roadmap_items_and_never_go_round_in_a_loop():
    workshop = bare_sample()
    try_on, shop = idea_of(workshop, "Virtual try-on"), idea_of(workshop, "Shop the look")
    premium, quiz = idea_of(workshop, "Premium plan"), idea_of(workshop, "Onboarding quiz")
    assert items.set_needs(workshop, shop, [try_on, try_on]) == (try_on,)  # named twice, kept once
    items.set_needs(workshop, premium, [shop])
    with pytest.raises(WorkshopError, match="cannot need itself"):
        items.set_needs(workshop, shop, [shop])
    with pytest.raises(WorkshopError, match="“Dark mode” is not on the roadmap"):
        items.set_needs(workshop, shop, [idea_of(workshop, "Dark mode")])
    with pytest.raises(
        WorkshopError, match="“Shop the look: buy missing pieces from partner stores” already needs “Virtual"
    ):
        items.set_needs(workshop, try_on, [shop])  # a loop of two
    with pytest.raises(WorkshopError, match=r"already needs “Virtual try-on with the phone camera” \(through “Shop"):
        items.set_needs(workshop, try_on, [quiz, premium])  # a loop of three
    assert items.details_of(workshop, try_on).needs == ()  # refused: nothing changed
    assert items.needing(workshop, try_on) == {shop, premium}
    items.set_needs(workshop, shop, [])
    assert shop not in workshop.item_details


def test_needs_are_typed_by_the_numbers_the_room_sees():
    workshop = bare_sample()
    number = workshop.idea_number(idea_of(workshop, "Virtual try-on"))
    quiz_number = workshop.idea_number(idea_of(workshop, "Onboarding quiz"))
    assert items.read_needs(workshop, f"#{number}, {quiz_number}") == [
        idea_of(workshop, "Virtual try-on"),
        idea_of(workshop, "Onboarding quiz"),
    ]
    assert items.read_needs(workshop, f"{number} and {quiz_number}") == items.read_needs(
        workshop, f"{number} {quiz_number}"
    )
    assert items.read_needs(workshop, "  ") == []
    with pytest.raises(WorkshopError, match="Type the numbers of the items it needs"):
        items.read_needs(workshop, "the try-on")
    with pytest.raises(WorkshopError, match="There is no idea 99"):
        items.read_needs(workshop, "99")
    with pytest.raises(WorkshopError, match="Type the numbers"):
        items.read_needs(workshop, "1" * 40 + "x")  # at once: no pattern to backtrack through


def test_a_risk_is_one_clean_line():
    workshop = bare_sample()
    item = workshop.placements[0].idea_id
    assert (
        items.set_risk(workshop, item, "  Apple's\nreview  \x1b[31mmay take weeks ") == "Apple's review may take weeks"
    )
    assert len(items.set_risk(workshop, item, "x" * 500)) == items.MAX_RISK
    items.set_risk(workshop, item, "")
    assert item not in workshop.item_details


def test_details_stay_with_an_item_off_the_roadmap_and_leave_with_a_deleted_idea():
    workshop = fabrikam()
    try_on, shop = idea_of(workshop, "Virtual try-on"), idea_of(workshop, "Shop the look")
    workshop.unplace(try_on)
    assert items.details_of(workshop, try_on).risk == "the camera SDK is not chosen yet"  # kept for its return
    workshop.place(try_on, "2027-Q2")
    assert items.details_of(workshop, try_on).confidence == "Low"
    workshop.delete_idea(try_on)
    assert try_on not in workshop.item_details
    assert items.details_of(workshop, shop).needs == ()  # it needs nothing that is gone
    assert "try-on" not in markdown(workshop).split("## Parking lot")[0]


def test_a_merged_idea_takes_the_details_and_those_that_needed_it_need_the_merged_idea():
    workshop = fabrikam()
    try_on, shop = idea_of(workshop, "Virtual try-on"), idea_of(workshop, "Shop the look")
    size = idea_of(workshop, "Size recommendation")
    merge_ideas(workshop, try_on, size)
    assert items.details_of(workshop, size).risk == "the camera SDK is not chosen yet"
    assert items.details_of(workshop, shop).needs == (size,)
    # Merging what an item needs into the item itself leaves no need on itself.
    merge_ideas(workshop, size, shop)
    assert items.details_of(workshop, shop).needs == ()
    # A won't-do merged away goes with it.
    dark = idea_of(workshop, "Dark mode")
    merge_ideas(workshop, dark, idea_of(workshop, "Packing lists"))
    assert dark not in workshop.wont_do and len(workshop.wont_do) == 1


def test_needs_read_from_a_file_drop_loops_and_ideas_that_are_gone():
    details = {
        1: ItemDetails(needs=(2, 1, 9)),
        2: ItemDetails(needs=(3,)),
        3: ItemDetails("High", needs=(1,)),
    }
    kept = items.without_loops(details, {1, 2, 3})
    assert kept == {1: ItemDetails(needs=(2,)), 2: ItemDetails(needs=(3,)), 3: ItemDetails("High")}


# -------------------------------------------------------------------- won't do


def test_only_an_idea_of_the_parking_lot_can_be_marked_wont_do():
    workshop = bare_sample()
    dark = idea_of(workshop, "Dark mode")
    assert items.set_wont_do(workshop, dark, "  not a growth lever for H1 ")
    assert workshop.wont_do == {dark: "not a growth lever for H1"}
    assert dark not in [idea.id for idea, _ in parking_lot(workshop)]
    assert [(idea.text, why) for idea, why in items.decided_against(workshop)] == [
        ("Dark mode", "not a growth lever for H1")
    ]
    with pytest.raises(WorkshopError, match="only an idea in the parking lot"):
        items.set_wont_do(workshop, workshop.placements[0].idea_id, "too hard")
    with pytest.raises(WorkshopError, match="x takes the mark off first"):
        toggle_added(workshop, dark)
    assert not items.set_wont_do(workshop, dark, "")  # an empty reason takes the mark off
    assert workshop.wont_do == {} and dark in [idea.id for idea, _ in parking_lot(workshop)]


def test_wont_do_waits_for_a_secret_vote_and_sleeps_while_the_idea_wins():
    from tui_roadmap.workshop import ballots

    workshop = bare_sample()
    dark = idea_of(workshop, "Dark mode")
    items.set_wont_do(workshop, dark, "not now")
    workshop.set_cut(len(workshop.ideas))  # every idea wins: Dark mode too
    assert items.decided_against(workshop) == [] and not items.is_wont_do(workshop, dark)
    assert "Won't do" not in markdown(workshop)
    workshop.set_cut(None)
    assert items.is_wont_do(workshop, dark)  # back in the parking lot: still decided against
    workshop.vote.tallies.clear()
    ballots.start(workshop)
    with pytest.raises(WorkshopError, match="secret ballots and still open"):
        items.set_wont_do(workshop, idea_of(workshop, "In-app support"), "no")


# ---------------------------------------------------------------- the file


def test_details_and_wont_do_round_trip_through_the_file():
    workshop = fabrikam()
    again = from_tables(json.loads(json.dumps(to_tables(workshop))))
    assert again.item_details == workshop.item_details and again.wont_do == workshop.wont_do
    assert again == workshop


def test_a_hand_edited_file_keeps_what_holds_and_names_what_does_not():
    from tui_roadmap.files.documents import SchemaError

    workshop = fabrikam()
    tables = to_tables(workshop)
    session = tables["session"]["1"]
    shop, try_on = idea_of(workshop, "Shop the look"), idea_of(workshop, "Virtual try-on")
    session["item_details"][str(try_on)]["needs"] = [shop, 999]  # a loop, and an idea that is gone
    session["wont_do"]["999"] = "gone"
    again = from_tables(tables)
    # The first need in the file holds; the one that closes the loop goes.
    assert again.item_details[try_on].needs == (shop,) and again.item_details[shop].needs == ()
    assert 999 not in again.wont_do
    session["item_details"][str(shop)]["confidence"] = "Sure"
    with pytest.raises(SchemaError, match="'item_details.*confidence' is not one of High, Medium, Low"):
        from_tables(tables)


def test_a_file_of_schema_4_opens_and_exports_as_before(folder):
    """The sample's review, as written by the version before confidence,
    needs, risks and won't do: it opens, its draft is what that version
    wrote, and it saves in the new schema."""
    folder.root.mkdir(parents=True)
    shutil.copy(FIXTURES / "schema-4-review.json", folder.root / "review.json")
    session = folder.open("Fabrikam H1 2027 review 2026-12-18", NOW)
    try:
        workshop = session.workshop
        assert (workshop.item_details, workshop.wont_do, workshop.earlier and workshop.earlier.wont) == ({}, {}, ())
        # As that version wrote it: the diagrams came later.
        assert markdown(workshop, diagrams=False) == (FIXTURES / "schema-4-review.md").read_text(encoding="utf-8")
        session.save()
    finally:
        session.close()
    saved = json.loads((folder.root / "review.json").read_text(encoding="utf-8"))
    assert saved["session"]["1"]["schema"] == SCHEMA_VERSION == 5
    assert folder.load("Fabrikam H1 2027 review 2026-12-18") == workshop


# ---------------------------------------------------------------- the draft


def test_the_draft_shows_confidence_needs_and_risk_in_the_item_tables():
    workshop = fabrikam()
    text = markdown(workshop)
    assert "| # | Item | Goal | Priority | Effort | Confidence | Needs | Risk | Dots |" in text
    assert (
        "| 2 | Shop the look: buy missing pieces from partner stores | Start earning revenue | Should | L | Medium "
        "| Virtual try-on with the phone camera (2027-Q2) | partner stores must share their stock feed | 3 |"
    ) in text
    assert (
        "| 1 | Password reset and sign-in with Apple or Google | Acquire new customers | Must | S | High |  |  | 3 |"
        in text
    )
    widths = {len(row) for row in table_rows(text.split("## Parking lot")[0])}
    assert widths == {4, 9}  # the goals table, and every item table with the same columns


def test_only_the_columns_the_room_used_are_added():
    workshop = bare_sample()
    before = markdown(workshop)
    item = workshop.placements[0].idea_id
    items.set_risk(workshop, item, "Apple's review")
    text = markdown(workshop)
    assert "| # | Item | Goal | Priority | Effort | Risk | Dots |" in text
    items.set_risk(workshop, item, "")
    assert markdown(workshop) == before  # nothing said: the draft as it was


def test_a_bar_and_quotes_in_a_risk_or_a_reason_keep_the_tables_whole():
    workshop = fabrikam()
    try_on = idea_of(workshop, "Virtual try-on")
    items.set_risk(workshop, try_on, 'SDK "A" | SDK `B` <b>both</b> *late*')
    items.set_wont_do(workshop, idea_of(workshop, "Dark mode"), 'no | "later", maybe <i>never</i>')
    text = markdown(workshop)
    assert '| SDK "A" \\| SDK \\`B\\` \\<b\\>both\\</b\\> \\*late\\* |' in text
    assert '- “Dark mode” (Marcus): no \\| "later", maybe \\<i\\>never\\</i\\>' in text
    assert "<i>" not in text and "<b>" not in text
    for row in table_rows(text):
        assert len(row) in (4, 9), row


def test_the_draft_lists_what_the_room_decided_against_under_its_own_heading():
    workshop = fabrikam()
    text = markdown(workshop)
    headings = re.findall(r"^## .*$", text, re.M)
    assert headings.index("## Won't do this time") == headings.index("## Parking lot") + 1
    section = text.split("## Won't do this time\n\n", 1)[1].split("\n## ", 1)[0]
    assert section == (
        "Ideas the room decided against, with why: not for the backlog, and not back at the next review.\n\n"
        "- “Dark mode” (Marcus): not a growth lever for H1\n"
        "- “In-app support chat” (Aisha): email support is enough below 10,000 members\n"
    )
    parked = text.split("## Parking lot", 1)[1].split("## Won't do", 1)[0]
    assert "Dark mode" not in parked and "In-app support" not in parked
    for idea, _ in parking_lot(workshop):  # all the others decided against too
        items.set_wont_do(workshop, idea.id, "not this year")
    parked = markdown(workshop).split("## Parking lot", 1)[1].split("## Won't do", 1)[0]
    assert parked == "\n\nEvery idea not on the roadmap was decided against (below).\n\n"


# ------------------------------------------------------------- the checklist


def test_the_checklist_flags_an_item_placed_before_what_it_needs():
    workshop = fabrikam()
    assert not [c for c in checklist(workshop) if c.kind.startswith("needs")]  # both in 2027-Q2
    shop = idea_of(workshop, "Shop the look")
    workshop.place(shop, "2027-Q1")
    flagged = [c.render() for c in checklist(workshop) if c.kind.startswith("needs")]
    assert flagged == [
        "“Shop the look: buy missing pieces from partner stores” (2027-Q1) needs “Virtual try-on with the phone "
        "camera”, which is in 2027-Q2: move one of them."
    ]
    assert f"- [ ] {flagged[0]}" in markdown(workshop)


def test_the_checklist_flags_a_need_no_longer_on_the_roadmap():
    workshop = fabrikam()
    workshop.unplace(idea_of(workshop, "Virtual try-on"))
    flagged = [c.render() for c in checklist(workshop) if c.kind == "needs-missing"]
    assert flagged == [
        "“Shop the look: buy missing pieces from partner stores” (2027-Q2) needs “Virtual try-on with the phone "
        "camera”, which is not on the roadmap: put it back, or drop the need (n on the board)."
    ]
    assert "| Virtual try-on with the phone camera (not on the roadmap) |" in markdown(workshop)


# ---------------------------------------------------------------- the review


def test_a_review_keeps_what_was_decided_against_on_record_not_as_ideas():
    workshop = fabrikam()
    review = start_review(workshop, "Review", NOW)
    assert not any(idea.text in ("Dark mode", "In-app support chat") for idea in review.ideas)
    assert review.earlier is not None
    assert [(w.text, w.reason, w.held.isoformat(), w.proposer) for w in review.earlier.wont] == [
        ("Dark mode", "not a growth lever for H1", "2026-11-20", "Marcus"),
        ("In-app support chat", "email support is enough below 10,000 members", "2026-11-20", "Aisha"),
    ]
    text = markdown(review)
    section = text.split("## Won't do this time\n\n", 1)[1].split("\n## ", 1)[0]
    assert section == (
        "Nothing was decided against in this session.\n\n"
        "Decided against before, kept on record:\n\n"
        "- “Dark mode” (Marcus), 2026-11-20: not a growth lever for H1\n"
        "- “In-app support chat” (Aisha), 2026-11-20: email support is enough below 10,000 members\n"
    )
    again = from_tables(to_tables(review))
    assert again.earlier == review.earlier
    # The next review keeps both: what this review decided against, and the record before it.
    review.vote.closed = True
    items.set_wont_do(review, idea_of(review, "Packing lists"), "no travel season in H1")
    third = start_review(review, "Third", NOW)
    assert third.earlier is not None
    assert [w.text for w in third.earlier.wont] == ["Packing lists for trips", "Dark mode", "In-app support chat"]


def test_a_review_carries_the_items_details_and_a_done_need_is_no_problem():
    workshop = fabrikam()
    review = start_review(workshop, "Review", NOW)
    try_on, shop = idea_of(review, "Virtual try-on"), idea_of(review, "Shop the look")
    assert items.details_of(review, shop) == ItemDetails(
        "Medium", (try_on,), "partner stores must share their stock feed"
    )
    set_status(review, try_on, "done")
    assert not [c for c in checklist(review) if c.kind.startswith("needs")]
    assert "Virtual try-on with the phone camera (done)" in markdown(review)
    set_status(review, try_on, "dropped")
    assert [c.kind for c in checklist(review) if c.kind.startswith("needs")] == ["needs-missing"]


# ------------------------------------------------------------ on the screen


def app_on(folder, workshop: Workshop, step: str):
    workshop.set_step(step)
    session = folder.create(workshop.name, NOW, workshop)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


async def on_disk(app, folder) -> Workshop:
    """The session as the file has it once the last change is saved (what a
    kill -9 would leave)."""
    assert await asyncio.to_thread(app.autosave.wait_saved, 30)
    return folder.load(app.screen.workshop.name)


async def test_f_sets_the_confidence_on_the_card_and_ctrl_z_takes_it_back(folder):
    app = app_on(folder, bare_sample(), "roadmap")
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        item = workshop.column_items("2027-Q1")[0].idea_id
        card = lambda: str(app.focused.get_option(f"card-{item}").prompt)  # noqa: E731
        await type_keys(pilot, "f")
        assert workshop.item_details[item].confidence == "High" and "High confidence" in card()
        assert (await on_disk(app, folder)).item_details[item].confidence == "High"
        await type_keys(pilot, "f", "f")
        assert "Low confidence" in card()
        await type_keys(pilot, "ctrl+z")
        assert said[-1].startswith("Undid: confidence of “Password reset")
        assert workshop.item_details[item].confidence == "Medium" and "Medium confidence" in card()
        assert (await on_disk(app, folder)).item_details[item].confidence == "Medium"


async def test_n_says_what_an_item_needs_refuses_a_loop_and_ctrl_z_takes_it_back(folder):
    workshop = bare_sample()
    app = app_on(folder, workshop, "roadmap")
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        try_on, shop = idea_of(workshop, "Virtual try-on"), idea_of(workshop, "Shop the look")
        await type_keys(pilot, "right", "down")  # Shop the look, in 2027-Q2
        assert app.focused.current_item == shop
        await type_keys(pilot, "n")
        assert isinstance(app.screen, FormDialog)
        listed = str(app.screen.query_one(".dialog-detail").render())
        assert f"  {workshop.idea_number(try_on)}  2027-Q2  Virtual try-on with the phone camera" in listed
        assert "Shop the look" not in listed  # not itself
        await type_keys(pilot, *str(workshop.idea_number(try_on)), "enter")
        assert not isinstance(app.screen, FormDialog)
        assert items.details_of(workshop, shop).needs == (try_on,)
        assert "needs Virtual try-on with the…" in str(app.focused.get_option(f"card-{shop}").prompt)
        assert (await on_disk(app, folder)).item_details[shop].needs == (try_on,)
        # The other way round is a loop: refused in the form, which stays open with what was typed.
        await type_keys(pilot, "up", "n", *str(workshop.idea_number(shop)), "enter")
        assert isinstance(app.screen, FormDialog)
        error = app.screen.query_one("#dialog-error")
        assert "already needs “Virtual try-on with the phone camera”" in str(error.render())
        assert error.size.height >= 2  # a long reason wraps in the form, never cut at its edge
        await type_keys(pilot, "escape")
        assert items.details_of(workshop, try_on).needs == ()
        await type_keys(pilot, "ctrl+z")
        assert said[-1].startswith("Undid: needs of “Shop the look")
        assert shop not in workshop.item_details
        assert shop not in (await on_disk(app, folder)).item_details


async def test_r_writes_an_items_risk_and_ctrl_z_takes_it_back(folder):
    app = app_on(folder, bare_sample(), "roadmap")
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        try_on = idea_of(workshop, "Virtual try-on")
        await type_keys(pilot, "right", "r")
        assert isinstance(app.screen, FormDialog)
        await type_keys(pilot, *"the camera SDK is not chosen yet", "enter")
        assert items.details_of(workshop, try_on).risk == "the camera SDK is not chosen yet"
        assert "risk: the camera SDK is not chosen yet" in str(app.focused.get_option(f"card-{try_on}").prompt)
        assert (await on_disk(app, folder)).item_details[try_on].risk == "the camera SDK is not chosen yet"
        await type_keys(pilot, "ctrl+z")
        assert said[-1].startswith("Undid: risk of “Virtual try-on")
        assert try_on not in workshop.item_details
        # A card still to place says why it has none yet.
        await type_keys(pilot, "0", "left", "left")
        assert app.focused.current_item == try_on, app.focused
        await type_keys(pilot, "r")
        assert not isinstance(app.screen, FormDialog)
        assert "in a column first" in said[-1]


async def test_x_on_the_vote_marks_a_parked_idea_wont_do_and_ctrl_z_takes_it_back(folder):
    app = app_on(folder, bare_sample(), "vote")
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        dark = idea_of(workshop, "Dark mode")
        vote_list = app.screen.query_one("#vote-list")
        vote_list.focus()
        vote_list.highlighted = 0  # the try-on won: x says why not, without a form
        await type_keys(pilot, "x")
        assert not isinstance(app.screen, FormDialog) and "only an idea in the parking lot" in said[-1]
        vote_list.select_item(f"vote-{dark}")
        await type_keys(pilot, "x", *"not a growth lever for H1", "enter")
        assert workshop.wont_do == {dark: "not a growth lever for H1"}
        assert "won't do  Dark mode" in str(vote_list.get_option(f"vote-{dark}").prompt)
        assert "- “Dark mode” (Marcus): not a growth lever for H1" in markdown(workshop)
        assert (await on_disk(app, folder)).wont_do == {dark: "not a growth lever for H1"}
        await type_keys(pilot, "ctrl+z")
        assert said[-1] == "Undid: “Dark mode” marked won't do"
        assert workshop.wont_do == {} and (await on_disk(app, folder)).wont_do == {}
        await type_keys(pilot, "ctrl+y")
        # x again shows the reason; emptied, it takes the mark off.
        await type_keys(pilot, "x")
        assert app.screen.query_one("#field-0").value == "not a growth lever for H1"
        await type_keys(pilot, "ctrl+u", "enter")
        assert workshop.wont_do == {} and said[-1] == "“Dark mode” is back in the parking lot."
        assert "won't do" not in str(vote_list.get_option(f"vote-{dark}").prompt)
        await type_keys(pilot, "ctrl+z")
        assert said[-1] == "Undid: won't do taken off “Dark mode”"
        assert workshop.wont_do == {dark: "not a growth lever for H1"}
        assert (await on_disk(app, folder)).wont_do == {dark: "not a growth lever for H1"}
