"""What the room sees: every step of the sample, the picker and the help, at
100x30 and at 80x24.

The pictures are in ``tests/__snapshots__``. After a deliberate change to the
screen, look at each new picture before accepting it with
``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app

from .conftest import NOW, fixed_clock, load_sample, sample_app

SIZES = [(100, 30), (80, 24)]
STEPS = ["goals", "ideas", "vote", "roadmap", "export"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionFolder:
    """A sessions folder named as a user would name it, in the test's folder."""
    monkeypatch.chdir(tmp_path)
    return SessionFolder(Path("sessions"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("step", STEPS)
def test_each_step_of_the_sample(snap_compare, here, step, size):
    assert snap_compare(sample_app(here, step), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_help(snap_compare, here, size):
    assert snap_compare(sample_app(here, "ideas"), press=["f1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_picker(snap_compare, here, size):
    here.create("Fabrikam H1 2027", NOW, load_sample()).close()
    older = load_sample()
    older.name = "Fabrikam December review"
    older.set_step("export")
    older.updated = older.updated.replace(day=1)
    here.create(older.name, NOW, older).close()
    (here.root / "notes.json").write_text('{"meeting": "not a session"}', encoding="utf-8")
    app = make_app(here, None, clock=fixed_clock, cursor_blink=False)
    assert snap_compare(app, terminal_size=size)


def test_a_terminal_too_small(snap_compare, here):
    assert snap_compare(sample_app(here, "ideas"), terminal_size=(40, 12))


def test_the_session_settings(snap_compare, here):
    assert snap_compare(sample_app(here, "goals"), press=["ctrl+t"], terminal_size=(80, 24))


# ------------------------------------------------ the vote the room trusts


def _app_of(here: SessionFolder, workshop):
    session = here.create(workshop.name, NOW, workshop)
    return make_app(here, session, clock=fixed_clock, cursor_blink=False)


def _on_ballots():
    """The sample on secret ballots: Priya's ballot is in, Marcus's turn."""
    from tui_roadmap.workshop import ballots
    from tui_roadmap.workshop.vote import add_dot

    workshop = load_sample()
    workshop.vote.tallies.clear()
    workshop.set_step("vote")
    ballots.start(workshop)
    priya, marcus = workshop.participants[0].id, workshop.participants[1].id
    for number in (1, 1, 11, 2):
        add_dot(workshop, workshop.ideas[number - 1].id, priya)
    ballots.finish(workshop, priya)
    add_dot(workshop, workshop.ideas[5].id, marcus)
    return workshop


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_cover_between_two_voters(snap_compare, here, size):
    # Reopened mid-vote: the round resumes behind the cover, at Marcus.
    assert snap_compare(_app_of(here, _on_ballots()), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_voters_ballot(snap_compare, here, size):
    assert snap_compare(_app_of(here, _on_ballots()), press=["enter", "down", "down", "plus"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_vote_with_ballots_open(snap_compare, here, size):
    assert snap_compare(_app_of(here, _on_ballots()), press=["escape"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_closed_vote(snap_compare, here, size):
    from tui_roadmap.workshop import ballots

    workshop = _on_ballots()
    ballots.close(workshop)
    assert snap_compare(_app_of(here, workshop), terminal_size=size)


def _tied_for_one_place():
    """The sample with its cut line after 8: ideas 5, 8 and 9 have 1 dot each, for 1 place."""
    workshop = load_sample()
    workshop.set_cut(8)
    workshop.set_step("vote")
    return workshop


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_tie_open_at_the_cut_line(snap_compare, here, size):
    """The tied ideas wait together, by number, none of them above the line."""
    assert snap_compare(_app_of(here, _tied_for_one_place()), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_vote_after_a_runoff(snap_compare, here, size):
    """Idea 9, the last called out of the three, wins the runoff 5 to 3 to 1:
    it is above the line, marked, the others below; the result is written
    under the lists (the toasts are cleared: the step says it on its own)."""
    from .conftest import settle, type_keys

    async def runoff(pilot) -> None:
        await settle(pilot)
        await type_keys(pilot, "r")
        pilot.app.focused.highlighted = 0
        await type_keys(pilot, "1", "down", "3", "down", "5", "enter")
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(_app_of(here, _tied_for_one_place()), run_before=runoff, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_tie_waiting_on_the_board(snap_compare, here, size):
    workshop = load_sample()
    for placement in list(workshop.placements):
        workshop.unplace(placement.idea_id)
    workshop.set_cut(6)  # the line now falls among the three ideas with 2 dots
    workshop.set_step("roadmap")
    assert snap_compare(_app_of(here, workshop), press=["down"] * 6, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_duplicate_hint(snap_compare, here, size):
    assert snap_compare(sample_app(here, "ideas"), press=[*"2: weather outfit suggestions"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_scoping_a_roadmap_item(snap_compare, here, size):
    from tui_roadmap.workshop import scoping

    workshop = load_sample()
    workshop.set_step("roadmap")
    item = workshop.column_items("2027-Q1")[0].idea_id
    scoping.set_owner(workshop, item, "Aisha")
    epic = scoping.add_epic(workshop, item, "Sign in with Apple and Google")
    scoping.add_story(workshop, item, epic, "As a new member I sign up with my Apple account")
    scoping.add_story(workshop, item, epic, "As a member I sign in with Google on the web")
    scoping.edit_epic(workshop, item, epic, "Sign in with Apple and Google", "Works with passkeys; no password needed")
    epic = scoping.add_epic(workshop, item, "Password reset by email")
    scoping.add_story(workshop, item, epic, "As a member I get a reset link that lasts an hour")
    assert snap_compare(_app_of(here, workshop), press=["o", *"- As a member I"], terminal_size=size)


# ------------------------------------------- confidence, needs, risks, won't do


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_board_with_confidence_needs_and_risks(snap_compare, here, size):
    """Each card says its confidence in words; what it needs and its risk
    on a line of their own; a need placed after the item is flagged."""
    from .test_items import fabrikam, idea_of

    workshop = fabrikam()
    workshop.place(idea_of(workshop, "Shop the look"), "2027-Q1")  # before the try-on it needs
    workshop.set_step("roadmap")
    assert snap_compare(_app_of(here, workshop), press=["end"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_what_an_item_needs(snap_compare, here, size):
    """The form lists the other roadmap items by number, and marks those
    that need this one (a loop)."""
    from .test_items import fabrikam

    workshop = fabrikam()
    workshop.set_step("roadmap")
    assert snap_compare(_app_of(here, workshop), press=["right", "n"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_vote_with_ideas_decided_against(snap_compare, here, size):
    from .test_items import fabrikam

    workshop = fabrikam()
    workshop.set_step("vote")
    assert snap_compare(_app_of(here, workshop), press=["end"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_checklist_and_actions(snap_compare, here, size):
    """a on the Export step: the sample's checklist lines with their owners
    and dates (late, by the test's clock), the cursor on the room's own."""
    workshop = load_sample()
    workshop.set_step("export")
    assert snap_compare(_app_of(here, workshop), press=["a", "end"], terminal_size=size)


# ------------------------------------------------------------------ reviews


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_review_step(snap_compare, here, size):
    """The sample's review: every carried item with its status, one moved
    a quarter, the cursor on an item not started."""
    from tui_roadmap.workshop.sample import sample_review

    assert snap_compare(_app_of(here, sample_review(load_sample())), press=["down"] * 3, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_actions_on_the_review_step(snap_compare, here, size):
    """Under the items, last time's actions: three done, one late and moved."""
    from tui_roadmap.workshop.sample import sample_review

    assert snap_compare(_app_of(here, sample_review(load_sample())), press=["end"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_board_of_a_review(snap_compare, here, size):
    """Carried items wait on the board beside the vote's new winners."""
    from tui_roadmap.workshop.sample import sample_review

    workshop = sample_review(load_sample())
    workshop.set_step("roadmap")
    assert snap_compare(_app_of(here, workshop), terminal_size=size)


def _measured_review():
    """A review of the sample with its goals' numbers set, two metrics measured, one not yet."""
    from datetime import date, datetime

    from tui_roadmap.workshop import metrics
    from tui_roadmap.workshop.review import start_review

    first = load_sample()
    first.edit_goal(1, baseline="12,000 a month", target="50,000 a month")
    first.edit_goal(2, baseline="18%", target="30%")
    first.edit_goal(3, baseline="0%", target="2%")
    review = start_review(first, "Fabrikam H1 2027 review", datetime(2026, 11, 21, 10))
    metrics.record_value(review, 1, "19,500 a month", date(2026, 11, 18))
    metrics.record_value(review, 2, "21%", date(2026, 11, 18))
    review.set_step("goals")
    return review


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_goals_of_a_review_with_their_numbers(snap_compare, here, size):
    """Each goal's baseline and target; its value now and how far it has
    come, or a hint to record it (v, in the key bar on the list)."""
    assert snap_compare(_app_of(here, _measured_review()), press=["shift+tab", "down", "down"], terminal_size=size)


def test_recording_a_value_now(snap_compare, here):
    assert snap_compare(
        _app_of(here, _measured_review()), press=["shift+tab", "down", "down", "v"], terminal_size=(100, 30)
    )


# ------------------------------------------------------------ the room on phones

SHOWN_URL = "http://192.168.1.20:47123/r/Xk3vQ9fLm2TzW8pA/"
"""The address the pictures show (the room really listens on 127.0.0.1, on a port of the day)."""


def _room_app(here: SessionFolder, workshop, monkeypatch):
    from tui_roadmap.files.rooms import RoomKeys, save_keys
    from tui_roadmap.room.server import RoomServer

    monkeypatch.setattr(RoomServer, "url", property(lambda self: SHOWN_URL))
    session = here.create(workshop.name, NOW, workshop)
    # A room that trusts its network with own names, and a code of the picture's.
    save_keys(session.path, RoomKeys(code="K7M4XR", trust_names=True))
    return make_app(here, session, clock=fixed_clock, cursor_blink=False, room_address="127.0.0.1")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_room_open_on_the_ideas_step(snap_compare, here, size, monkeypatch):
    """Tom has joined and sent an idea; it is on the list, marked."""
    from .test_room_server import join, phone, post

    workshop = load_sample()
    workshop.set_step("ideas")
    app = _room_app(here, workshop, monkeypatch)

    async def phones(pilot) -> None:
        await pilot.press("f8")
        server = app.screen.room_server
        async with phone() as tom:
            await join(tom, server, 4)
            await post(tom, server, "idea", text="Outfit calendar for the week", goal="2")
        await pilot.pause()

    assert snap_compare(app, run_before=phones, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_votes_coming_in_with_the_totals_hidden(snap_compare, here, size, monkeypatch):
    """Lena has handed in her ballot from her phone, Tom is voting on his."""
    from .test_room_server import join, phone, post

    workshop = _on_ballots()
    app = _room_app(here, workshop, monkeypatch)

    async def phones(pilot) -> None:
        await pilot.press("escape", "f8")
        server = app.screen.room_server
        async with phone() as lena, phone() as tom:
            await join(lena, server, 3)
            await join(tom, server, 4)
            for idea in (1, 1, 2, 3):
                await post(lena, server, "dot", idea=str(workshop.ideas[idea].id), change="1")
            await post(lena, server, "hand-in")
            await post(tom, server, "dot", idea=str(workshop.ideas[5].id), change="1")
        await pilot.pause()

    assert snap_compare(app, run_before=phones, terminal_size=size)


# ------------------------------------------------------------- the big screen


def _timed(started_minutes_ago: float, rang: bool = False):
    from datetime import timedelta

    from tui_roadmap.workshop.timebox import Timer

    workshop = load_sample()
    workshop.set_step("ideas")
    workshop.timers["ideas"] = Timer(10, 0.0, NOW - timedelta(minutes=started_minutes_ago), rang)
    return workshop


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    ("moment", "ago"),
    [("running", 3.25), ("one minute left", 9.0), ("at zero", 10.0)],
    ids=["running", "last-minute", "zero"],
)
def test_the_timer(snap_compare, here, size, moment, ago):
    # At zero, the bell has rung already (as the first tick does): the picture has no toast that comes and goes.
    assert snap_compare(_app_of(here, _timed(ago, rang=moment == "at zero")), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("theme", ["projector-light", "projector-dark"])
def test_the_projector_themes(snap_compare, here, step, size, theme):
    workshop = load_sample()
    workshop.set_step(step)
    session = here.create(workshop.name, NOW, workshop)
    app = make_app(here, session, clock=fixed_clock, cursor_blink=False, theme=theme)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("step", STEPS)
def test_the_presentation_view(snap_compare, here, step, size):
    assert snap_compare(sample_app(here, step), press=["ctrl+o"], terminal_size=size)
