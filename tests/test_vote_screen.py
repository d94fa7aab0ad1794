"""The Vote step, read as the room reads it: what it says is true, and a
key pressed either acts or says why not."""

from __future__ import annotations

import pytest

from tui_roadmap.ui.screens.workshop import WorkshopScreen
from tui_roadmap.workshop import ballots, ties
from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.text import shorten
from tui_roadmap.workshop.vote import add_dot, default_cut, standing

from .conftest import bare_sample, load_sample, notifications, settle, type_keys
from .test_trusted_vote import app_on, footer_keys, ranking_rows, said_on, screen_text, tied_workshop

SIZES = [(100, 30), (80, 24)]


def dimmed_keys(app) -> dict[str, str]:
    """Each key the footer shows dimmed (it cannot act now), with its label."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and not active.enabled
    }


def on_ballots() -> Workshop:
    """The sample on secret ballots (as the room's tests have it)."""
    workshop = load_sample()
    workshop.vote.tallies.clear()
    workshop.set_step("vote")
    ballots.start(workshop)
    return workshop


def flat(app) -> str:
    return " ".join(screen_text(app).split())


# ------------------------------------------- a key that cannot act says why


async def test_b_once_a_ballot_has_a_dot_is_dimmed_and_says_why(folder):
    workshop = on_ballots()
    add_dot(workshop, workshop.ideas[0].id, workshop.participants[0].id)
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert dimmed_keys(app).get("b") == "Counts" and "b" not in footer_keys(app)
        said = notifications(app)
        await type_keys(pilot, "b")
        assert said == ["Ballots are cast: close the vote (v) to see the totals."]
        assert app.screen.workshop.vote.secret


async def test_n_once_every_ballot_is_in_is_dimmed_and_says_so(folder):
    workshop = on_ballots()
    for person in workshop.participants:
        ballots.finish(workshop, person.id)
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "every ballot is in: v closes the vote" in flat(app)
        assert dimmed_keys(app).get("n") == "Next voter"
        said = notifications(app)
        await type_keys(pilot, "n")
        assert said == ["Every ballot is in: v closes the vote and shows the totals."]


async def test_b_and_n_say_why_where_they_are_not_offered(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        said = notifications(app)
        await type_keys(pilot, "n")  # counts: no ballots to pass
        assert said[-1] == "The vote is not on secret ballots: b switches to them."
        await type_keys(pilot, "r", "b")  # in the runoff
        assert "b" not in footer_keys(app) and "b" not in dimmed_keys(app)
        assert said[-1] == "In the runoff, b has nothing to do: r goes back to the whole vote."
        await type_keys(pilot, "r", "v", "b")  # the vote closed
        assert said[-1] == "The vote is closed: b does nothing until v reopens it."
        await type_keys(pilot, "n")
        assert said[-1] == "The vote is closed: v reopens it."
        assert app.screen.workshop.vote.closed and not app.screen.workshop.vote.secret


# ----------------------------------------------------- ballots on phones


async def test_the_title_waits_for_the_ballots_still_out_on_phones(folder):
    workshop = on_ballots()
    people = workshop.participants
    workshop.phones = [people[4].id, people[5].id]  # Aisha and Dana vote on their phones
    for person in people[:4]:
        ballots.finish(workshop, person.id)
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = flat(app)
        assert "Secret ballot: 4 of 6 in waiting for 2 on phones" in shown
        assert "every ballot is in" not in shown
        assert "Ballots still to come: Aisha, Dana" in shown
        # n has nobody to pass the laptop to: shown dimmed, and pressed it says whom the vote waits for.
        assert dimmed_keys(app).get("n") == "Next voter" and "n" not in footer_keys(app)
        said = notifications(app)
        await type_keys(pilot, "n")
        assert said == ["Waiting for 2 ballots on phones (Aisha, Dana): v closes the vote once they are in."]


async def test_the_title_names_the_next_voter_and_counts_the_phones_too(folder):
    workshop = on_ballots()
    people = workshop.participants
    workshop.phones = [people[5].id]
    for person in people[:3]:
        ballots.finish(workshop, person.id)
    workshop.vote.turn = None  # back at the vote, not at Tom's cover
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Secret ballot: 3 of 6 in n: pass to Tom and 1 on a phone" in flat(app)
        assert footer_keys(app)["n"] == "Next voter"


async def test_the_last_ballot_on_the_laptop_says_the_phones_are_still_out(folder):
    workshop = on_ballots()
    people = workshop.participants
    workshop.phones = [people[4].id, people[5].id]
    for person in people[:3]:
        ballots.finish(workshop, person.id)
    workshop.vote.turn = None
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        said = notifications(app)
        for key in ("n", "enter", "enter"):  # Tom's cover, his ballot, handed in: the laptop's last
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, WorkshopScreen) and people[3].id in app.screen.workshop.vote.done
        assert said[-1] == "Waiting for 2 ballots on phones (Aisha, Dana): v closes the vote once they are in."
        assert "waiting for 2 on phones" in flat(app)


# -------------------------------------------- a settled tie's marks in view


def tied_for_one_place() -> Workshop:
    """The sample with its cut line after 8: ideas 5, 8 and 9 have 1 dot each, for 1 place."""
    workshop = bare_sample()  # (no won't-do marks in the ranking)
    workshop.set_cut(8)
    workshop.set_step("vote")
    return workshop


def tied_for_two_places() -> Workshop:
    """The sample with its cut line after 6: ideas 3, 7 and 10 have 2 dots each, for 2 places."""
    workshop = bare_sample()  # (no won't-do marks in the ranking)
    workshop.set_cut(6)
    workshop.set_step("vote")
    return workshop


async def marks_after(folder, workshop: Workshop, size, *steps: str | int) -> dict[int, tuple[str, bool]]:
    """After ``steps`` (keys, or the row the cursor goes to): what the
    ranking marks on each idea of the tie (the words of its row besides
    the rank, the dots and the idea's own words), by idea number, and
    whether the screen shows that mark."""
    app = app_on(folder, workshop)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for step in steps:
            if isinstance(step, int):
                app.focused.highlighted = step
            else:
                await type_keys(pilot, step)
        app.clear_notifications()  # nothing over the ranking: it says it on its own
        await settle(pilot)
        shown = screen_text(app)
        marks = {}
        for row_id, words in ranking_rows(app):
            if row_id.startswith("rank-"):
                idea = app.screen.workshop.idea(int(row_id.removeprefix("rank-")))
                mark = words.split(idea.text, 1)[1].strip()
                if mark:
                    marks[idea.number] = (mark, mark in shown)
        return marks


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_tie_taken_whole_is_marked_in_view(folder, size):
    marks = await marks_after(folder, tied_for_one_place(), size, "a")
    assert marks == {number: ("\u2713 tie taken whole", True) for number in (5, 8, 9)}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_tie_picked_is_marked_in_view_on_both_sides_of_the_line(folder, size):
    marks = await marks_after(folder, tied_for_one_place(), size, 8, "w")  # on idea 9
    assert marks == {
        9: ("\u2713 picked by the room", True),
        5: ("not picked by the room", True),
        8: ("not picked by the room", True),
    }


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_runoffs_dots_are_in_view_on_both_sides_of_the_line(folder, size):
    marks = await marks_after(folder, tied_for_one_place(), size, "r", 0, "1", "down", "3", "down", "5", "enter")
    assert marks == {9: ("\u2713 won the runoff: 5", True), 8: ("runoff: 3", True), 5: ("runoff: 1", True)}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_a_pick_in_an_open_tie_is_marked_in_view(folder, size):
    marks = await marks_after(folder, tied_for_two_places(), size, 2, "w")  # on idea 3
    assert marks == {3: ("\u2713 picked", True)}


# ------------------------------------------------------ the cut line's note


async def test_the_cut_lines_note_after_a_tie_taken_whole_reads_true(folder):
    workshop = tied_for_two_places()  # the line at 6, where the default is at 7
    assert default_cut(workshop) == 7
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "a")
        assert said_on(app, "#vote-note") == (
            "Cut line after 6 places (moved by you; c puts it back at 7): 7 winners, the tie taken whole"
        )
        await type_keys(pilot, "right_square_bracket")  # the line moved by hand to where the default is
        assert app.screen.workshop.vote.cut == 7
        assert said_on(app, "#vote-note") == "Cut line after 7 winners (set by you, where the default puts it)"
        await type_keys(pilot, "c")
        assert said_on(app, "#vote-note") == (
            "Cut line after 7 winners (the default: a third of the ideas, not splitting a tie)"
        )


# ------------------------------------------- the tie, by the ideas' numbers


def tied_and_moved() -> Workshop:
    """Ideas 2, 3 and 4 tied across the line for 1 place; idea 4 moved up the
    list above idea 2 (its number stays 4)."""
    workshop = tied_workshop()
    workshop.move_idea(workshop.ideas[3].id, -2)
    assert [idea.number for idea in workshop.ideas] == [1, 4, 2, 3, 5, 6]
    return workshop


def test_the_tie_and_its_runoff_go_by_idea_number_after_a_move():
    workshop = tied_and_moved()
    group, seats = ties.open_tie(workshop)
    assert [r.number for r in group] == [2, 3, 4] and seats == 1
    for number, count in ((2, 1), (3, 5), (4, 1)):
        ties.set_runoff(workshop, workshop.idea_by_number(number).id, count)
    settled = ties.settle_by_runoff(workshop)
    # Equal runoff dots (2 and 4: 1 each) by idea number, wherever they are in the list.
    assert [workshop.idea_number(i) for i, _ in settled.runoff] == [3, 2, 4]
    decided = standing(workshop)
    assert [r.number for r in decided.won] == [1, 3] and [r.number for r in decided.below][:2] == [2, 4]
    assert ties.outcome(workshop, settled) == (
        "Runoff: \u201cFaster search\u201d 5 goes above the line; "
        "\u201cExport to CSV\u201d 1 and \u201cOffline drafts\u201d 1 stay below it."
    )


async def test_the_runoff_lists_the_tied_ideas_by_number_after_a_move(folder):
    app = app_on(folder, tied_and_moved())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        tied = [row_id for row_id, _ in ranking_rows(app) if row_id.startswith("rank-")][1:4]
        await type_keys(pilot, "r")
        vote_list = app.screen.query_one("#vote-list")
        runoff = [vote_list.get_option_at_index(n).id for n in range(vote_list.option_count)]
        numbers = [workshop.idea_number(int(str(row).removeprefix("vote-"))) for row in runoff]
        assert numbers == [2, 3, 4]  # as the TIED group lists them
        assert [workshop.idea_number(int(row.removeprefix("rank-"))) for row in tied] == [2, 3, 4]


# ---------------------------------------------------- the result in words


def test_the_result_cuts_long_words_as_the_rest_of_the_screen_does():
    workshop = tied_workshop()
    long = "Offline drafts for the field, team synced later"
    workshop.edit_idea(workshop.ideas[3].id, text=long)
    settled = ties.take_all(workshop)
    assert f"\u201c{shorten(long, ties.SHOWN_TEXT)}\u201d all go above" in ties.outcome(workshop, settled)
    assert "field,\u2026" not in ties.outcome(workshop, settled)
