"""An idea keeps its number for the whole session: after a merge, a delete,
a move or an undo, on the screen, on the phones, in ties and in the draft;
a number that is gone is never given again. A file written before numbers
were kept opens with the numbers it showed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tui_roadmap.export.draft import markdown
from tui_roadmap.files.rooms import RoomKeys
from tui_roadmap.room.server import RoomServer
from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.screens.dialogs import FormDialog
from tui_roadmap.ui.screens.workshop import WorkshopScreen
from tui_roadmap.ui.widgets.ideas import IdeaList
from tui_roadmap.workshop import ballots
from tui_roadmap.workshop.merge import merge_ideas
from tui_roadmap.workshop.model import Workshop, WorkshopError, new_workshop
from tui_roadmap.workshop.room import ballot
from tui_roadmap.workshop.vote import ranking

from .conftest import NOW, fixed_clock, settle, type_keys
from .test_room_server import Clock, Host, join, phone

FIXTURE = Path(__file__).parent / "fixtures" / "schema-3.json"
SHOWN_IN_SCHEMA_3 = [  # what the list showed for that file, before numbers were kept
    (1, "SMS reminders / Text message reminders"),
    (2, "Video visits"),
    (3, "Online booking"),
    (4, "Chat with the clinic"),
    (5, "Dark mode"),
    (6, "Family accounts"),
]


WORDS = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima".split()


def twelve() -> Workshop:
    """Twelve ideas, 1 to 12, "Alpha" to "Lima", Ana's and Tom's in turn."""
    workshop = new_workshop("Numbers", NOW)
    workshop.add_participant("Ana")
    workshop.add_participant("Tom")
    for n, word in enumerate(WORDS, 1):
        workshop.add_idea(f"{word} feature", proposer="Ana" if n % 2 else "Tom")
    return workshop


def numbered(workshop: Workshop) -> list[tuple[int, str]]:
    return [(idea.number, idea.text) for idea in workshop.ideas]


def test_a_merge_retires_a_number_and_leaves_the_others_where_they_were():
    workshop = twelve()
    sixth, second = workshop.ideas[5], workshop.ideas[1]
    merge_ideas(workshop, sixth.id, second.id, "Bravo and Foxtrot")
    assert [n for n, _ in numbered(workshop)] == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]
    assert workshop.idea_by_number(7).text == "Golf feature"
    with pytest.raises(WorkshopError, match="Idea 6 was merged into idea 2"):
        workshop.idea_by_number(6)
    with pytest.raises(WorkshopError, match="no idea 40: the ideas' numbers run from 1 to 12"):
        workshop.idea_by_number(40)
    assert workshop.add_idea("Called out after the merge").number == 13


def test_no_number_is_given_twice_after_a_delete_a_move_or_an_undo():
    workshop = twelve()
    before = workshop.copy()
    workshop.delete_idea(workshop.ideas[-1].id)
    workshop.move_idea(workshop.ideas[0].id, 3)
    assert workshop.idea_number(workshop.ideas[3].id) == 1  # moved, still idea 1
    assert workshop.add_idea("After the delete").number == 13
    workshop.restore(before)  # undo, as the screen does it
    assert numbered(workshop) == numbered(before)
    assert workshop.add_idea("After the undo").number == 14


def test_a_file_from_before_numbers_were_kept_shows_the_numbers_it_showed(folder):
    folder.root.mkdir(parents=True)
    shutil.copy(FIXTURE, folder.root / "schema-three.json")
    session = folder.open("Schema three", NOW)
    workshop = session.workshop
    assert numbered(workshop) == SHOWN_IN_SCHEMA_3
    merge_ideas(workshop, workshop.idea_by_number(5).id, workshop.idea_by_number(4).id)
    assert workshop.add_idea("Reminders in Welsh").number == 7
    session.save()
    session.close()
    again = folder.load("Schema three")
    assert numbered(again) == [*[p for p in SHOWN_IN_SCHEMA_3 if p[0] not in (4, 5)][:3], *numbered(again)[3:]]
    assert [n for n, _ in numbered(again)] == [1, 2, 3, 4, 6, 7]
    assert again.add_idea("One more").number == 8  # 5 is retired, in the file too
    with pytest.raises(WorkshopError, match="Idea 5 was merged into idea 4"):
        again.idea_by_number(5)


def test_numbers_given_twice_by_a_hand_edit_are_made_one_each(folder):
    workshop = twelve()
    session = folder.create("Hand edited", NOW, workshop)
    session.save()
    session.close()
    path = folder.root / "hand-edited.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"number": 3,', '"number": 1,'), encoding="utf-8")
    numbers = [n for n, _ in numbered(folder.load("Hand edited"))]
    assert numbers == [1, 2, 13, 4, 5, 6, 7, 8, 9, 10, 11, 12]  # the third is given a new one


def test_ties_and_the_draft_use_the_kept_numbers():
    workshop = twelve()
    workshop.vote.tallies = {workshop.ideas[6].id: 2, workshop.ideas[8].id: 2}
    merge_ideas(workshop, workshop.ideas[3].id, workshop.ideas[0].id)
    top = ranking(workshop)[:2]
    assert [(r.number, r.tied) for r in top] == [(7, True), (9, True)]
    draft = markdown(workshop)
    assert (
        "- Idea 4, \u201cDelta feature\u201d (Tom), into idea 1, \u201cAlpha feature / Delta feature\u201d (Ana, Tom)"
    ) in draft


async def test_a_phone_shows_the_kept_numbers_after_a_merge():
    workshop = twelve()
    merge_ideas(workshop, workshop.ideas[1].id, workshop.ideas[0].id)
    workshop.set_step("vote")
    ballots.start(workshop)
    assert [line.number for line in ballot(workshop, workshop.participants[0].id)][:3] == [1, 3, 4]
    server = RoomServer(Host(workshop), RoomKeys(trust_names=True), lambda keys: None, "127.0.0.1", clock=Clock())
    await server.start()
    try:
        async with phone() as ana:
            page = await join(ana, server, workshop.participants[0].id)
    finally:
        await server.stop()
    assert "Your ballot" in page
    shown = re.findall(r'<span class="text">(\d+)\. ([^<]*)</span>', page)
    assert shown[:3] == [("1", "Alpha feature / Bravo feature"), ("3", "Charlie feature"), ("4", "Delta feature")]


async def test_the_ideas_step_keeps_the_numbers_after_a_merge_typed_by_number(folder):
    workshop = twelve()
    workshop.set_step("ideas")
    session = folder.create(workshop.name, NOW, workshop)
    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, "up")  # to the list, on the last idea, 12
        for _ in range(6):
            await type_keys(pilot, "up")  # to idea 6
        assert workshop.idea_number(app.focused.current_item) == 6
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        form = app.screen
        await type_keys(pilot, "ctrl+u", "4", "0", "enter", "enter")  # no idea 40: said, the form stays
        assert app.screen is form and "There is no idea 40" in str(form.query_one("#dialog-error").render())
        form.query_one("#field-0").focus()
        await type_keys(pilot, "ctrl+u", "9", "enter", "enter")
        assert isinstance(app.screen, WorkshopScreen)
        assert [n for n, _ in numbered(workshop)] == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]
        shown = app.screen.query_one(IdeaList)
        lines = [str(shown.get_option_at_index(i).prompt).split()[0] for i in range(shown.option_count)]
        assert lines == ["1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12"]
        assert workshop.idea_by_number(9).text == "India feature / Foxtrot feature"
        await type_keys(pilot, "ctrl+z")
        assert [n for n, _ in numbered(workshop)] == list(range(1, 13))


def test_a_number_merged_twice_over_names_the_idea_that_holds_it_now():
    workshop = twelve()
    alpha, bravo, charlie = workshop.ideas[:3]
    merge_ideas(workshop, alpha.id, bravo.id)
    merge_ideas(workshop, bravo.id, charlie.id)
    with pytest.raises(WorkshopError, match="Idea 1 was merged into idea 3"):
        workshop.idea_by_number(1)
    with pytest.raises(WorkshopError, match="Idea 2 was merged into idea 3"):
        workshop.idea_by_number(2)
    vote = markdown(workshop).split("Merged before the vote")[1]
    assert "- Idea 1, \u201cAlpha feature\u201d (Ana), into idea 3," in vote  # the first merge is not left out
    assert "- Idea 2, \u201cBravo feature / Alpha feature\u201d (Tom, Ana), into idea 3," in vote
    assert workshop.idea(charlie.id).proposer == "Ana, Tom"  # each name once


def test_numbers_out_of_bounds_in_a_file_are_given_again(folder):
    workshop = twelve()
    merge_ideas(workshop, workshop.ideas[0].id, workshop.ideas[1].id)  # number 1 retired
    session = folder.create("Hand edited", NOW, workshop)
    session.save()
    session.close()
    path = folder.root / "hand-edited.json"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"number_floor": 12', '"number_floor": ' + "9" * 30)
    text = text.replace('"number": 3,', '"number": ' + "9" * 30 + ",")  # Charlie's
    text = text.replace('"number": 4,', '"number": 0,')  # Delta's
    path.write_text(text, encoding="utf-8")
    again = folder.load("Hand edited")
    numbers = [n for n, _ in numbered(again)]
    assert numbers == [2, 13, 14, 5, 6, 7, 8, 9, 10, 11, 12]  # new numbers; 1 stays retired
    assert again.add_idea("One more").number == 15
