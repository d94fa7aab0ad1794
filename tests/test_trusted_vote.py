"""A vote the room can trust, driven by keys as the facilitator drives it:
counts typed as numbers, secret ballots whose totals never show while the
vote is open, ties the room settles in each of its three ways, merges of
near-duplicates, and undo and redo across the steps."""

from __future__ import annotations

import html
import re

import pytest

from tui_roadmap.export.draft import markdown
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.screens.ballot import BallotScreen, CoverScreen
from tui_roadmap.ui.screens.dialogs import ConfirmDialog, FormDialog
from tui_roadmap.ui.screens.workshop import WorkshopScreen
from tui_roadmap.ui.widgets import voting
from tui_roadmap.workshop import ties
from tui_roadmap.workshop.capture import read_people, set_people
from tui_roadmap.workshop.model import Workshop, new_workshop
from tui_roadmap.workshop.vote import tally, winners

from .conftest import NOW, fixed_clock, notifications, settle, type_keys

IDEAS = ["Dark mode", "Export to CSV", "Faster search", "Offline drafts", "Single sign-on", "Team spaces"]


def workshop_of(voters: str = "Priya, Marcus, Lena", dots: int = 4, step: str = "vote") -> Workshop:
    workshop = new_workshop("Trust", NOW)
    goal = workshop.add_goal("Keep teams working")
    for text in IDEAS:
        workshop.add_idea(text, goal.id)
    set_people(workshop, read_people(voters))
    workshop.set_dots_each(dots)
    workshop.set_step(step)
    return workshop


def app_on(folder: SessionFolder, workshop: Workshop):
    session = folder.create(workshop.name, NOW, workshop)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


def screen_text(app) -> str:
    """What the screen shows, as text (from the same picture a snapshot takes)."""
    svg = app.export_screenshot()
    body = svg.split("</style>")[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def on_list(app, idea_number: int) -> None:
    app.focused.highlighted = idea_number - 1


# ------------------------------------------------------------ count entry


async def test_a_number_sets_the_dots_and_two_quick_digits_make_one_count(folder):
    app = app_on(folder, workshop_of(voters="10", dots=5))  # a budget of 50
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, "down")  # from Voters... the list has the focus once voters are set
        assert app.focused.id == "vote-list"
        on_list(app, 1)
        await type_keys(pilot, "7")
        assert tally(workshop)[workshop.ideas[0].id] == 7
        await type_keys(pilot, "down", "1", "2")  # typed at once: 12
        assert tally(workshop)[workshop.ideas[1].id] == 12
        await type_keys(pilot, "plus", "minus", "minus")
        assert tally(workshop)[workshop.ideas[1].id] == 11
        await type_keys(pilot, "0")
        assert tally(workshop)[workshop.ideas[1].id] == 0
        assert "7 " in screen_text(app)


async def test_digits_typed_apart_are_counts_of_their_own(folder, monkeypatch):
    monkeypatch.setattr(voting, "COMBINE_SECONDS", -1.0)  # as if every digit came long after the one before
    app = app_on(folder, workshop_of(voters="10", dots=5))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        on_list(app, 2)
        await type_keys(pilot, "1", "2")
        assert tally(workshop)[workshop.ideas[1].id] == 2


async def test_a_count_over_the_budget_is_refused_and_changes_nothing(folder):
    app = app_on(folder, workshop_of(voters="2", dots=3))  # a budget of 6
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        on_list(app, 1)
        await type_keys(pilot, "5", "down")
        await type_keys(pilot, "2")
        assert [tally(workshop)[i.id] for i in workshop.ideas[:2]] == [5, 0]
        assert "more than the room's 6" in said[-1]


# ---------------------------------------------------------- secret ballot


async def open_ballot(pilot) -> None:
    """From the vote list: ballots on, the cover for the next voter, their ballot."""
    await type_keys(pilot, "b")
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CoverScreen)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, BallotScreen)


async def test_a_ballot_over_the_cap_or_the_budget_is_refused_and_changes_nothing(folder):
    workshop = workshop_of(dots=3)  # the cap is then 1 dot on one idea (about two fifths of 3)
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await open_ballot(pilot)
        priya = workshop.participants[0].id
        await type_keys(pilot, "plus", "plus")  # the second is over the cap
        assert workshop.vote.ballots == {priya: {workshop.ideas[0].id: 1}}
        note = str(app.screen.query_one("#ballot-note").render())
        assert "the most allowed" in note and "at most 1 of 3" in note
        await type_keys(pilot, "down", "plus", "down", "plus", "down", "plus")  # the fourth dot is over the budget
        assert sum(workshop.vote.ballots[priya].values()) == 3
        assert workshop.vote.ballots[priya].get(workshop.ideas[3].id) is None
        assert "used all 3 dots" in str(app.screen.query_one("#ballot-note").render())
        assert "0 dots left" in screen_text(app)


async def test_totals_are_never_on_screen_while_the_ballots_are_open(folder):
    workshop = workshop_of()
    workshop.vote.tallies[workshop.ideas[5].id] = 2  # two dots counted in the room: mixed with the ballots
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await open_ballot(pilot)
        ballot = screen_text(app)
        assert "Priya's ballot" in ballot and "4 dots left" in ballot
        assert "\u25cf" not in ballot  # not even the room's two counted dots
        await type_keys(pilot, "plus", "plus", "down", "plus")
        assert screen_text(app).count("\u25cf") == 3  # Priya's own dots only
        await pilot.press("enter")  # in: the cover for Marcus hides Priya's ballot
        await settle(pilot)
        cover = screen_text(app)
        assert isinstance(app.screen, CoverScreen) and "Pass to Marcus" in cover
        assert "\u25cf" not in cover and "Dark mode" not in cover
        await pilot.press("escape")  # back to the vote, the round paused at Marcus
        await settle(pilot)
        for step in ("f4", "f5", "f6", "f4"):
            await pilot.press(step)
            await settle(pilot)
            shown = screen_text(app)
            assert "\u25cf" not in shown, step
            assert "cut line" not in shown.lower(), step
        shown = screen_text(app)
        assert "Secret ballot: 1 of 3 in" in shown and "Hidden until the vote closes" in shown
        assert "still open" in markdown(workshop)
        assert "| Dots |" not in markdown(workshop)  # no table of dots anywhere
        # Closing with ballots still to come asks first; then the ranking shows.
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert workshop.vote.closed
        shown = screen_text(app)
        assert "cut line" in shown and "\u25cf" in shown
        assert "Count" not in shown and "Ballots" not in shown  # a closed vote shows no keys for dots
        assert [r.dots for r in winners(workshop)][:1] == [2]


async def test_a_skipped_voter_comes_back_once_the_others_are_in(folder):
    app = app_on(folder, workshop_of())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, "b")
        await pilot.press("n")
        await settle(pilot)
        names = []
        for key in (
            "s",
            "enter",
            "enter",
            "enter",
            "enter",
            "enter",
            "enter",
        ):  # skip Priya; Marcus in; Lena in; Priya in
            names.append(
                str(
                    app.screen.query_one(
                        "#cover-name" if isinstance(app.screen, CoverScreen) else "#ballot-title"
                    ).render()
                )
            )
            await pilot.press(key)
            await settle(pilot)
        assert names[0].startswith("Pass to Priya") and names[1].startswith("Pass to Marcus")
        assert names[3].startswith("Pass to Lena") and names[5].startswith("Pass to Priya")
        assert isinstance(app.screen, WorkshopScreen)
        assert [p.name for p in workshop.participants if p.id in workshop.vote.done] == ["Priya", "Marcus", "Lena"]


# ------------------------------------------------------------------ ties


def tied_workshop() -> Workshop:
    """Six ideas, the cut line at two, ideas 2, 3 and 4 tied across it."""
    workshop = workshop_of(voters="4", dots=4)
    for number, count in ((1, 5), (2, 3), (3, 3), (4, 3), (5, 1)):
        workshop.vote.tallies[workshop.ideas[number - 1].id] = count
    workshop.set_cut(2)
    return workshop


async def test_a_tie_is_settled_by_a_runoff_and_exported_as_such(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        assert "TIE at the cut line" in screen_text(app)
        await type_keys(pilot, "r")
        on_list(app, 1)  # the runoff lists the tied ideas only: 2, 3, 4
        await type_keys(pilot, "5", "down", "4", "down", "1", "enter")
        assert ties.open_tie(workshop) == ([], 0)
        assert [r.idea.text for r in winners(workshop)] == ["Dark mode", "Export to CSV"]
        assert "by a runoff: \u201cExport to CSV\u201d won it 5 to 4 to 1." in markdown(workshop)


def ranking_rows(app) -> list[tuple[str, str]]:
    """The ranking as the room reads it: each row's id and its words."""
    ranking = app.screen.query_one("#ranking")
    rows = [ranking.get_option_at_index(n) for n in range(ranking.option_count)]
    return [(row.id or "", str(row.prompt)) for row in rows]


def above_the_line(app) -> list[str]:
    """The ideas the ranking shows above the cut line, top first."""
    rows = [row_id for row_id, _ in ranking_rows(app)]
    workshop = app.screen.workshop
    return [
        workshop.idea(int(row.removeprefix("rank-"))).text
        for row in rows[: rows.index("cut-line")]
        if row.startswith("rank-")
    ]


def said_on(app, selector: str) -> str:
    """The words of a label on the screen."""
    return str(app.screen.query_one(selector).render())


async def test_before_a_runoff_the_tied_ideas_wait_together_and_none_reads_as_won(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        rows = ranking_rows(app)
        ids = [row_id for row_id, _ in rows]
        tied = [f"rank-{app.screen.workshop.ideas[n - 1].id}" for n in (2, 3, 4)]
        # One group, headed TIED and open, by idea number, and the cut line below the whole group.
        head = ids.index("tie-head")
        assert ids[head + 1 : head + 4] == tied and ids[head + 4] == "cut-line"
        assert "TIED" in rows[head][1] and "open" in rows[head][1]
        assert above_the_line(app) == ["Dark mode", "Export to CSV", "Faster search", "Offline drafts"]
        assert "TIE at the cut line" in said_on(app, "#vote-note")


async def test_after_a_runoff_its_winner_is_above_the_line_and_the_result_stays_written(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        said = notifications(app)
        await type_keys(pilot, "r")
        on_list(app, 1)  # the runoff lists the tied ideas only: 2, 3, 4; the last called out wins
        await type_keys(pilot, "1", "down", "4", "down", "5", "enter")
        assert said == []  # no toast over the ranking: the step itself says what to do and what was decided
        assert [r.idea.text for r in winners(workshop)] == ["Dark mode", "Offline drafts"]
        assert above_the_line(app) == ["Dark mode", "Offline drafts"]
        rows = dict(ranking_rows(app))
        assert "won the runoff: 5" in rows[f"rank-{workshop.ideas[3].id}"]
        assert "won" not in rows[f"rank-{workshop.ideas[1].id}"] and "runoff: 1" in rows[f"rank-{workshop.ideas[1].id}"]
        result = (
            "Runoff: \u201cOffline drafts\u201d 5 goes above the line; "
            "\u201cFaster search\u201d 4 and \u201cExport to CSV\u201d 1 stay below it."
        )
        assert result in said_on(app, "#vote-tie")
        # It stays on the step, whatever becomes of the toasts, and when the room comes back to it.
        app.clear_notifications()
        await type_keys(pilot, "f5", "f4")
        assert result in said_on(app, "#vote-tie") and above_the_line(app) == ["Dark mode", "Offline drafts"]
        assert result in " ".join(screen_text(app).split())
        # Once it no longer holds (the room moves the line), it is no longer written.
        await type_keys(pilot, "right_square_bracket")
        assert not app.screen.query_one("#vote-tie").display


async def test_a_tie_taken_whole_or_picked_stays_written_on_the_step(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "a")
        app.clear_notifications()
        assert above_the_line(app) == ["Dark mode", "Export to CSV", "Faster search", "Offline drafts"]
        assert said_on(app, "#vote-tie") == (
            "Tie taken whole: \u201cExport to CSV\u201d, \u201cFaster search\u201d and \u201cOffline drafts\u201d "
            "all go above the line (3 ideas for 1 place)."
        )
        assert "\u2713 tie taken whole" in dict(ranking_rows(app))[f"rank-{app.screen.workshop.ideas[2].id}"]
        await type_keys(pilot, "ctrl+z")  # the tie is open again
        on_list(app, 3)
        await type_keys(pilot, "w")
        app.clear_notifications()
        assert above_the_line(app) == ["Dark mode", "Faster search"]
        assert said_on(app, "#vote-tie") == (
            "Picked by the room: \u201cFaster search\u201d goes above the line; "
            "\u201cExport to CSV\u201d and \u201cOffline drafts\u201d stay below it."
        )
        assert "\u2713 picked" in dict(ranking_rows(app))[f"rank-{app.screen.workshop.ideas[2].id}"]


def footer_keys(app) -> dict[str, str]:
    """Each key the footer shows, with what it says the key does."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


async def test_each_key_of_the_vote_says_what_it_does_now(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        assert (keys["r"], keys["b"], keys["v"]) == ("Runoff", "Ballots", "Close vote")
        await type_keys(pilot, "r")  # in the runoff: r leaves it, and b has nothing to do
        keys = footer_keys(app)
        assert keys["r"] == "Leave runoff" and keys["enter"] == "Settle" and "b" not in keys
        await type_keys(pilot, "r", "v")  # out of it, and the vote closed: v reopens it
        keys = footer_keys(app)
        assert keys["v"] == "Reopen vote" and "b" not in keys and "0" not in keys
        assert "v Reopen vote" in screen_text(app) and "Close vote" not in screen_text(app)
        await type_keys(pilot, "r")  # a runoff on the closed vote: still v reopens, b is not offered
        keys = footer_keys(app)
        assert keys["v"] == "Reopen vote" and keys["r"] == "Leave runoff" and "b" not in keys
        await type_keys(pilot, "r", "v")
        assert footer_keys(app)["v"] == "Close vote" and not app.screen.workshop.vote.closed


async def test_on_ballots_b_says_back_to_counts_until_a_ballot_has_a_dot(folder):
    app = app_on(folder, workshop_of())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "b")
        keys = footer_keys(app)
        assert keys["b"] == "Counts" and keys["n"] == "Next voter" and "+" not in keys
        for key in ("n", "enter", "plus", "escape", "escape"):  # a dot on Priya's ballot, then back to the vote
            await pilot.press(key)
            await settle(pilot)
        assert app.screen.workshop.vote.ballots
        assert "b" not in footer_keys(app)  # ballots are cast: only closing the vote ends them


async def test_a_tie_is_settled_by_taking_all_and_exported_as_such(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, "a")
        assert len(winners(workshop)) == 4
        assert "was settled by taking all 3." in markdown(workshop)


async def test_a_tie_is_settled_by_the_rooms_pick_and_exported_as_such(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        on_list(app, 4)
        await type_keys(pilot, "w")
        assert ties.open_tie(workshop) == ([], 0)  # one place, one pick: settled at once
        text = markdown(workshop)
        assert "by the room's pick: \u201cOffline drafts\u201d." in text


async def test_the_board_shows_a_tie_waiting_and_never_picks_by_call_out_order(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await pilot.press("f5")
        await settle(pilot)
        shown = screen_text(app)
        assert "To place" in shown and "TIED at the" in shown and "TIED \u00b7" in shown
        to_place = app.screen.query_one("#board-list-0")
        ids = [to_place.get_option_at_index(i).id for i in range(to_place.option_count)]
        assert ids == ["card-1", "tied-note", "card-2", "card-3", "card-4"]  # waiting together, below the winner
        assert [r.idea.text for r in winners(workshop)] == ["Dark mode"]
        # A tied idea cannot be placed until the room settles the tie.
        said = notifications(app)
        board = app.focused
        board.select_item(f"card-{workshop.ideas[1].id}")
        await type_keys(pilot, "1")
        assert workshop.placement(workshop.ideas[1].id) is None
        assert "tied at the cut line" in said[-1]


async def test_the_room_puts_a_parked_idea_on_the_roadmap_and_takes_it_off(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        on_list(app, 6)
        await type_keys(pilot, "p")
        assert workshop.added == [workshop.ideas[5].id]
        assert "Added by the room, not by the vote: \u201cTeam spaces\u201d." in markdown(workshop)
        await type_keys(pilot, "p")
        assert workshop.added == []


# ---------------------------------------------------------- duplicates


async def test_the_line_under_the_field_names_a_near_duplicate_while_it_is_typed(folder):
    workshop = workshop_of(step="ideas")
    workshop.add_idea("Café ordering in the app")
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hint = app.screen.query_one("#duplicate-hint")
        assert not hint.display
        await type_keys(pilot, *"2: cafe ORDERING")  # accents, case and the goal tag aside
        assert hint.display
        assert "Looks like idea 7" in str(hint.render()) and "Café ordering in the app" in str(hint.render())
        await type_keys(pilot, "ctrl+u", *"search")  # one shared word is not the same idea
        assert not hint.display
        await type_keys(pilot, "ctrl+u", *"spaces for the team")  # word order aside
        assert hint.display and "idea 6" in str(hint.render())
        await type_keys(pilot, "enter")
        assert not hint.display


async def test_a_merge_moves_dots_ballots_and_places_and_ctrl_z_undoes_it(folder):
    workshop = workshop_of(step="ideas")
    dark, csv = workshop.ideas[0], workshop.ideas[1]
    workshop.add_idea("App dark mode", None, "Lena")
    theme = workshop.ideas[-1]
    workshop.vote.tallies[theme.id] = 2
    workshop.vote.tallies[dark.id] = 1
    workshop.vote.ballots[workshop.participants[0].id] = {theme.id: 1}
    workshop.place(theme.id, workshop.timeframe.columns[1])
    before = workshop.copy()
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, "up")  # to the list, on the last idea: "App dark mode"
        assert app.focused.current_item == theme.id
        await pilot.press("m")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-0").value == "1"  # the likely duplicate, offered
        assert form.query_one("#field-1").value == "Dark mode / App dark mode"  # both texts, editable
        await type_keys(pilot, "enter", "ctrl+u", *"Dark mode (a dark theme)", "enter")
        assert isinstance(app.screen, WorkshopScreen)
        merged = workshop.idea(dark.id)
        assert merged.text == "Dark mode (a dark theme)" and merged.proposer == "Lena"
        assert [i.id for i in workshop.ideas] == [i.id for i in before.ideas[:-1]]
        assert workshop.vote.tallies[dark.id] == 3
        assert workshop.vote.ballots[workshop.participants[0].id] == {dark.id: 1}
        assert workshop.placement(dark.id).column == workshop.timeframe.columns[1]
        assert "Merged before the vote" in markdown(workshop) and "\u201cApp dark mode\u201d (Lena)" in markdown(
            workshop
        )
        assert workshop.idea(csv.id).text == "Export to CSV"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert workshop.ideas == before.ideas
        assert workshop.vote.tallies == before.vote.tallies and workshop.vote.ballots == before.vote.ballots
        assert workshop.placements == before.placements and workshop.merges == []
    reopened = folder.open("Trust", NOW)
    try:
        assert reopened.workshop.ideas == before.ideas  # the undo is saved like any change
    finally:
        reopened.close()


# ---------------------------------------------------------- undo and redo


async def test_undo_and_redo_across_the_steps_say_what_they_did_and_are_saved(folder):
    workshop = workshop_of(voters="10", dots=5, step="goals")
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, *"Win back churned teams", "enter")  # a goal
        await type_keys(pilot, "f3", *"Weekly digest email", "enter")  # an idea
        await type_keys(pilot, "f4", "down", "home", "3")  # 3 dots on idea 1
        assert tally(workshop)[workshop.ideas[0].id] == 3
        await type_keys(pilot, "ctrl+z")
        assert "Undid: count of 3 on \u201cDark mode\u201d" in said[-1]
        assert tally(workshop)[workshop.ideas[0].id] == 0
        await type_keys(pilot, "ctrl+z")
        assert said[-1] == "Undid: idea \u201cWeekly digest email\u201d added"
        assert [i.text for i in workshop.ideas] == IDEAS
        await type_keys(pilot, "ctrl+z")
        assert said[-1] == "Undid: goal \u201cWin back churned teams\u201d added"
        assert len(workshop.goals) == 1
        assert workshop.step == "vote"  # undo changes the workshop, not the step the room is on
        await type_keys(pilot, "ctrl+y", "ctrl+shift+z")
        assert said[-2:] == [
            "Redid: goal \u201cWin back churned teams\u201d added",
            "Redid: idea \u201cWeekly digest email\u201d added",
        ]
        assert len(workshop.goals) == 2 and workshop.ideas[-1].text == "Weekly digest email"
        shown = screen_text(app)
        assert "Weekly digest email" in shown  # the vote list shows the idea back
        await type_keys(pilot, "ctrl+y", "ctrl+y")
        assert said[-1] == "Nothing to redo."
        assert tally(workshop)[workshop.ideas[0].id] == 3
        await settle(pilot)
    reopened = folder.open("Trust", NOW)
    try:
        assert len(reopened.workshop.goals) == 2 and tally(reopened.workshop)[reopened.workshop.ideas[0].id] == 3
    finally:
        reopened.close()


# ------------------------------------------------------------ the screen


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_toast_never_covers_the_status_lines(folder, size):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        for n in range(3):
            app.notify(f"A long message number {n} that the room reads while it votes, over two lines or more.")
        await settle(pilot)
        await pilot.pause()
        # Textual's own widget, by its type name; a toast cut off by the rack has no region.
        toasts = [toast.region for toast in app.screen.query("Toast") if toast.region.area]
        assert toasts
        from tui_roadmap.ui.widgets.sessionbar import SessionBar
        from tui_roadmap.ui.widgets.stepbar import StepBar

        status = [app.screen.query_one(SessionBar), app.screen.query_one(StepBar)]
        status += [app.screen.query_one(f"#{name}") for name in ("vote-title", "vote-note", "people")]
        for line in status:
            for toast in toasts:
                assert not toast.overlaps(line.region), (line, toast)


async def test_a_form_field_clears_in_one_key(folder):
    app = app_on(folder, workshop_of())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await type_keys(pilot, "tab", "tab")
        field = app.screen.query_one("#field-2")
        assert field.value and app.focused is field
        field.cursor_position = 3  # wherever the cursor is
        await type_keys(pilot, "ctrl+u")
        assert field.value == ""
        assert "ctrl+u: clear the field" in screen_text(app)


async def test_a_flow_of_two_dialogs_takes_keys_typed_ahead_in_order(folder, tmp_path):
    """Write to a file that exists: the form, then "Replace it?", typed in
    one burst. The app neither freezes nor takes a y typed before the
    question was on screen as its answer."""
    target = tmp_path / "exists.md"
    target.write_text("the old text\n")
    app = app_on(folder, workshop_of(step="export"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "o", "ctrl+u", *str(target), "enter", "y")
        assert isinstance(app.screen, ConfirmDialog)
        assert target.read_text() == "the old text\n"
        await type_keys(pilot, "y")
        assert isinstance(app.screen, WorkshopScreen)
        assert target.read_text().startswith("# Trust: draft roadmap")


async def test_keys_typed_ahead_on_a_ballot_never_pass_the_cover(folder):
    app = app_on(folder, workshop_of())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await open_ballot(pilot)
        # Priya hands in, and her keys run on: none of them opens or fills Marcus's ballot.
        await type_keys(pilot, "plus", "enter", "enter", "plus", "enter", "enter")
        assert isinstance(app.screen, CoverScreen) and "Pass to Marcus" in screen_text(app)
        marcus = workshop.participants[1].id
        assert marcus not in workshop.vote.ballots and workshop.vote.done == [workshop.participants[0].id]


async def test_a_tie_in_hidden_totals_shows_nowhere_while_the_ballots_are_open(folder):
    workshop = tied_workshop()
    workshop.vote.tallies.clear()
    from tui_roadmap.workshop import ballots
    from tui_roadmap.workshop.vote import add_dot

    workshop.set_voters(None)
    set_people(workshop, read_people("Priya, Marcus, Lena, Tom"))
    ballots.start(workshop)
    people = [p.id for p in workshop.participants]
    for person, number in zip(people, (1, 2, 3, 4), strict=True):
        add_dot(workshop, workshop.ideas[number - 1].id, person)  # four ideas tied at one dot each
    workshop.added.append(workshop.ideas[0].id)  # and one the room put on the roadmap
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        shown = screen_text(app)
        assert "TIE" not in shown and "Runoff" not in shown and "Take all" not in shown
        assert "+ room" in shown
        await type_keys(pilot, "a", "r", "w")
        assert workshop.vote.tie is None and not any("tied" in line.lower() for line in said)
        draft = markdown(workshop)
        assert "tied" not in draft.lower() and "Added by the room" in draft


async def test_the_goal_strip_shows_every_goal_wrapping_when_needed(folder):
    workshop = workshop_of(step="ideas")
    for title in (
        "Grow revenue in the enterprise segment",
        "Cut support tickets by a third",
        "Win back the teams who churned last year",
        "Make onboarding take one afternoon",
    ):
        workshop.add_goal(title)
    app = app_on(folder, workshop)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        for number, goal in enumerate(workshop.goals, 1):
            assert f"{number} {goal.title}" in shown, goal.title


async def test_rows_and_columns_go_round(folder):
    workshop = tied_workshop()
    workshop.set_cut(1)
    for idea in workshop.ideas[1:3]:
        workshop.added.append(idea.id)
    workshop.set_step("roadmap")
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        to_place = app.focused
        assert to_place.id == "board-list-0" and to_place.highlighted == 0
        await type_keys(pilot, "up")
        assert to_place.highlighted == to_place.option_count - 1  # up from the first row: the last
        await type_keys(pilot, "down")
        assert to_place.highlighted == 0
        await type_keys(pilot, "left")
        assert app.focused.id == f"board-list-{len(workshop.timeframe.columns)}"  # left of To place: the last quarter
        await type_keys(pilot, "right")
        assert app.focused is to_place
        shown = screen_text(app)
        assert "\u2191\u2193 Row" in shown and "\u2190 \u2192 Column" in shown


async def test_the_palette_offers_the_new_keys_where_they_work(folder):
    app = app_on(folder, tied_workshop())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Count", "Runoff", "Take all", "Pick", "On roadmap", "Ballots", "Close vote", "Undo", "Redo"):
            assert title in titles, title
        await type_keys(pilot, "f5")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Priority", "Should", "Could", "Effort", "Effort M", "Effort L", "Effort XL"):
            assert title in titles, title


async def test_skipping_the_last_voter_says_so_and_keeps_the_cover(folder):
    app = app_on(folder, workshop_of(voters="Priya, Marcus"))
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        await type_keys(pilot, "b")
        await pilot.press("n")
        await settle(pilot)
        for key in ("enter", "enter", "s"):  # Priya in; Marcus skipped, and nobody else is left
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, CoverScreen) and "Pass to Marcus" in screen_text(app)
        assert said[-1].startswith("Marcus is the last voter still to vote")
