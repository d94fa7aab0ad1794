"""Scoping roadmap items into epics and stories with an owner (o on a card
of the board): typed fast, saved like every change, undone with ctrl+z,
exported as nested task lists that tick the checklist's scoping line."""

from __future__ import annotations

import pytest

from tui_roadmap.export.draft import markdown
from tui_roadmap.files.documents import from_tables, to_tables
from tui_roadmap.ui.screens.dialogs import ConfirmDialog, FormDialog
from tui_roadmap.ui.screens.scope import ScopeScreen
from tui_roadmap.workshop import scoping
from tui_roadmap.workshop.merge import merge_ideas
from tui_roadmap.workshop.model import WorkshopError

from .conftest import NOW, load_sample, notifications, sample_app, settle, type_keys


def test_a_scope_is_kept_through_the_file_merges_and_deletes():
    workshop = load_sample()
    item = workshop.placements[0].idea_id
    scoping.set_owner(workshop, item, "Lena")
    epic = scoping.add_epic(workshop, item, "Sign in with Apple")
    scoping.add_story(workshop, item, epic, "As a member I sign in with Apple")
    scoping.edit_epic(workshop, item, epic, "Sign in with Apple", "Works on iOS 17, with a passkey")
    assert scoping.is_scoped(workshop.scopes[item])
    assert from_tables(to_tables(workshop)).scopes == workshop.scopes
    with pytest.raises(WorkshopError, match="place it in a column first"):
        scoping.add_epic(workshop, workshop.ideas[3].id, "Not on the roadmap")
    with pytest.raises(WorkshopError, match="Add an epic first"):
        scoping.add_story(workshop, workshop.placements[1].idea_id, 0, "No epic yet")
    other = workshop.ideas[-1]
    merge_ideas(workshop, item, other.id)  # the scope goes with the merged idea
    assert item not in workshop.scopes and workshop.scopes[other.id].owner == "Lena"
    workshop.delete_idea(other.id)
    assert workshop.scopes == {}


async def test_the_room_scopes_an_item_from_the_board_and_the_draft_shows_it(folder):
    app = sample_app(folder, "roadmap")
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        assert app.focused.id == "board-list-1"  # To place is empty: the first quarter has the focus
        await type_keys(pilot, "o")  # its first card
        assert isinstance(app.screen, ScopeScreen)
        item = workshop.column_items("2027-Q1")[0].idea_id
        await type_keys(pilot, *"Sign in with Apple", "enter")
        await type_keys(pilot, *"- As a member I sign in with Apple", "enter")
        await type_keys(pilot, *"- As a member I reset my password", "enter")
        await type_keys(pilot, *"Google sign-in", "enter", *"- As a member I sign in with Google", "enter")
        await type_keys(pilot, "tab", *"Lena", "enter")  # the owner; Enter goes back to typing epics
        scope = workshop.scopes[item]
        assert scope.owner == "Lena"
        assert [(e.title, e.stories) for e in scope.epics] == [
            ("Sign in with Apple", ("As a member I sign in with Apple", "As a member I reset my password")),
            ("Google sign-in", ("As a member I sign in with Google",)),
        ]
        # Acceptance notes on the first epic, then a story deleted (after asking).
        listing = app.screen.query_one("#scope-list")
        await type_keys(pilot, "up")
        listing.select_item("epic-0")
        await type_keys(pilot, "e")
        assert isinstance(app.screen, FormDialog)
        await type_keys(pilot, "enter", *"Works with a passkey", "enter")
        listing.select_item("story-0-1")
        await type_keys(pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        scope = workshop.scopes[item]
        assert scope.epics[0].notes == "Works with a passkey" and len(scope.epics[0].stories) == 1
        await type_keys(pilot, "escape")
        draft = markdown(workshop)
        assert (
            "- **Password reset and sign-in with Apple or Google** (owner: Lena)\n"
            "    - [ ] Epic: Sign in with Apple\n"
            "        - Acceptance: Works with a passkey\n"
            "        - [ ] As a member I sign in with Apple\n"
            "    - [ ] Epic: Google sign-in\n"
            "        - [ ] As a member I sign in with Google\n"
        ) in draft
        assert "- [x] Scope \u201cPassword reset and sign-in with Apple or Google\u201d (2027-Q1)" in draft
        assert "- [ ] Scope \u201cOnboarding quiz" in draft
        await type_keys(pilot, "ctrl+z")  # the delete of the story comes back
        assert said[-1].startswith("Undid: a story deleted")
        assert len(workshop.scopes[item].epics[0].stories) == 2
        await settle(pilot)
    reopened = folder.open("Fabrikam H1 2027", NOW)
    try:
        assert reopened.workshop.scopes[item].owner == "Lena"
    finally:
        reopened.close()


async def test_a_card_not_yet_placed_cannot_be_scoped(folder):
    workshop = load_sample()
    workshop.unplace(workshop.placements[0].idea_id)
    workshop.set_step("roadmap")
    session = folder.create(workshop.name, NOW, workshop)
    from tui_roadmap.ui.app import make_app

    from .conftest import fixed_clock

    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        assert app.focused.id == "board-list-0"
        await type_keys(pilot, "o")
        assert not isinstance(app.screen, ScopeScreen)
        assert "Place the item in a column first" in said[-1]


async def test_what_is_typed_on_the_scope_is_kept_on_esc_and_on_quit(folder):
    workshop = load_sample()
    workshop.set_step("roadmap")
    item = workshop.column_items("2027-Q1")[0].idea_id
    for title in ("First epic", "Second epic"):
        scoping.add_epic(workshop, item, title)
    scoping.edit_epic(workshop, item, 1, "Second epic", "Notes, and no story yet")
    session = folder.create(workshop.name, NOW, workshop)
    from tui_roadmap.ui.app import make_app

    from .conftest import fixed_clock

    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, "o", *"- A story typed first", "enter")  # it goes under the last epic
        assert workshop.scopes[item].epics[1].stories == ("A story typed first",)
        await type_keys(pilot, "up")  # up from the field reaches the list, whatever its last row
        assert app.focused.id == "scope-list"
        await type_keys(pilot, *"Third epic, half typed", "escape")  # letters on the list start a line; Esc keeps it
        assert [e.title for e in workshop.scopes[item].epics][-1] == "Third epic, half typed"
        await type_keys(pilot, "o", "tab", *"Marcus")  # the owner, typed and not entered
        await pilot.press("ctrl+q")
        await settle(pilot)
    reopened = folder.open(workshop.name, NOW)
    try:
        assert reopened.workshop.scopes[item].owner == "Marcus"
    finally:
        reopened.close()
