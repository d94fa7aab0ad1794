"""The workshop model: edits, their checks, and what they do to the rest."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tui_roadmap.workshop.capture import (
    people_text,
    read_date,
    read_goal,
    read_idea,
    read_number,
    read_people,
    set_people,
)
from tui_roadmap.workshop.model import WorkshopError, new_workshop
from tui_roadmap.workshop.text import clean, clean_line, slugify
from tui_roadmap.workshop.timeframe import Quarter, Timeframe, TimeframeError
from tui_roadmap.workshop.vote import add_dot

NOW = datetime(2026, 11, 22, 10, 30)


@pytest.fixture
def workshop():
    w = new_workshop("Plan", NOW)
    w.add_goal("Acquire new customers", "50,000 sign-ups")
    w.add_goal("Increase engagement")
    w.add_goal("Start earning revenue")
    return w


def test_new_workshop_plans_the_four_quarters_after_this_one():
    w = new_workshop("  Q1   plan \x1b[31m ", NOW)
    assert w.name == "Q1 plan"
    assert w.timeframe.columns == ("2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4")
    assert w.step == "goals"


def test_empty_text_is_refused_and_nothing_changes(workshop):
    with pytest.raises(WorkshopError, match="cannot be empty"):
        workshop.add_idea("   \t ")
    with pytest.raises(WorkshopError):
        workshop.add_goal("\x1b[2J")
    assert workshop.ideas == [] and len(workshop.goals) == 3


def test_goals_move_and_keep_their_ids(workshop):
    first, second, third = workshop.goals
    workshop.move_goal(third.id, -1)
    assert [g.title for g in workshop.goals] == [first.title, third.title, second.title]
    assert workshop.goal_number(third.id) == 2
    workshop.move_goal(first.id, -5)
    assert workshop.goals[0] is first


def test_deleting_a_goal_keeps_its_ideas_without_the_tag(workshop):
    goal = workshop.goals[1]
    idea = workshop.add_idea("Weekly digest", goal.id)
    untagged = workshop.delete_goal(goal.id)
    assert [i.id for i in untagged] == [idea.id]
    assert workshop.idea(idea.id).text == "Weekly digest" and workshop.idea(idea.id).goal_id is None
    assert len(workshop.goals) == 2


def test_goal_numbers_outside_the_list_are_refused(workshop):
    with pytest.raises(WorkshopError, match="numbered 1 to 3"):
        workshop.goal_by_number(4)
    with pytest.raises(WorkshopError, match="no goals are set"):
        new_workshop("x", NOW).goal_by_number(1)


def test_deleting_an_idea_removes_its_dots_and_placement(workshop):
    idea = workshop.add_idea("Dark mode")
    other = workshop.add_idea("Offline mode")
    workshop.set_voters(3)
    add_dot(workshop, idea.id)
    workshop.place(idea.id, "2027-Q1")
    workshop.delete_idea(idea.id)
    assert workshop.vote.tallies == {}
    assert workshop.placements == []
    assert workshop.ideas == [other]


def test_placements_keep_their_order_and_move_within_a_column(workshop):
    ideas = [workshop.add_idea(f"Idea {n}") for n in range(4)]
    for idea in ideas[:3]:
        workshop.place(idea.id, "2027-Q1")
    workshop.place(ideas[3].id, "2027-Q2")
    workshop.move_in_column(ideas[2].id, -2)
    assert [p.idea_id for p in workshop.column_items("2027-Q1")] == [ideas[2].id, ideas[0].id, ideas[1].id]
    workshop.set_priority(ideas[2].id, "Must")
    workshop.set_effort(ideas[2].id, "XL")
    workshop.place(ideas[2].id, "2027-Q2")
    moved = workshop.placement(ideas[2].id)
    assert (moved.column, moved.priority, moved.effort) == ("2027-Q2", "Must", "XL")
    assert [p.idea_id for p in workshop.column_items("2027-Q2")] == [ideas[3].id, ideas[2].id]


def test_placing_needs_a_column_of_the_timeframe(workshop):
    idea = workshop.add_idea("Dark mode")
    with pytest.raises(WorkshopError, match="no column"):
        workshop.place(idea.id, "2030-Q1")
    with pytest.raises(WorkshopError, match="Place the idea"):
        workshop.set_priority(idea.id, "Must")
    workshop.place(idea.id, "2027-Q1")
    with pytest.raises(WorkshopError, match="Must, Should, Could"):
        workshop.set_priority(idea.id, "Won't")
    with pytest.raises(WorkshopError, match="S, M, L, XL"):
        workshop.set_effort(idea.id, "XXL")


def test_participants_are_unique_whatever_the_case(workshop):
    workshop.add_participant("Lena", "Design")
    with pytest.raises(WorkshopError, match="already in the room"):
        workshop.add_participant("lena")


# ----------------------------------------------------------------- timeframe


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("2027-Q1 to 2027-Q4", ("2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4")),
        ("2027-Q3..2028-Q1", ("2027-Q3", "2027-Q4", "2028-Q1")),
        ("Q4 2027 - Q1 2028", ("2027-Q4", "2028-Q1")),
        ("2027q2", ("2027-Q2",)),
        ("2027-Q1 +2", ("2027-Q1", "2027-Q2")),
        ("now next later", ("Now", "Next", "Later")),
        ("Horizons", ("Now", "Next", "Later")),
    ],
)
def test_timeframes_are_read_as_people_say_them(text, columns):
    timeframe = Timeframe.parse(text)
    assert timeframe.columns == columns
    assert Timeframe.parse(timeframe.spec()) == timeframe


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("next year", "not a quarter"),
        ("2027-Q4 to 2027-Q1", "comes before"),
        ("2027-Q1 to 2030-Q1", "too many"),
        ("2027-Q5", "not a quarter"),
        ("2027-Q1 to", "ends before its last quarter"),
        ("2027-Q1 -", "ends before its last quarter"),
        ("2027-Q1 for", "ends before its last quarter"),
    ],
)
def test_bad_timeframes_say_what_to_type(text, message):
    with pytest.raises(TimeframeError, match=message):
        Timeframe.parse(text)


def test_review_cadence_follows_the_length_of_the_roadmap():
    assert Timeframe(Quarter(2027, 1), 2).review_months() == 1
    assert Timeframe(Quarter(2027, 1), 4).review_months() == 3
    assert Timeframe(None).review_months() == 3


# ------------------------------------------------------------------- capture


def test_an_idea_line_carries_its_goal_and_proposer(workshop):
    workshop.add_participant("Lena")
    line = read_idea("2: Virtual try-on with the camera @lena", workshop)
    assert (line.text, line.goal_id, line.proposer) == ("Virtual try-on with the camera", workshop.goals[1].id, "Lena")
    plain = read_idea("3D avatars: a try @ home", workshop)
    assert (plain.text, plain.goal_id, plain.proposer) == ("3D avatars: a try @ home", None, "")


def test_an_idea_line_with_an_unknown_goal_is_refused(workshop):
    with pytest.raises(WorkshopError, match="no goal 7"):
        read_idea("7: Dark mode", workshop)
    with pytest.raises(WorkshopError, match="idea itself"):
        read_idea("2:  @Tom", workshop)


def test_a_goal_line_may_carry_its_metric():
    assert read_goal("Acquire new customers | 50,000 sign-ups a month") == (
        "Acquire new customers ",
        " 50,000 sign-ups a month",
    )
    with pytest.raises(WorkshopError):
        read_goal(" | only a metric")


def test_people_are_a_number_or_names_with_roles(workshop):
    assert read_people("6") == 6
    people = read_people("Priya (Product (facilitator)), Marcus (Engineering), Lena")
    assert people == [("Priya", "Product (facilitator)"), ("Marcus", "Engineering"), ("Lena", "")]
    set_people(workshop, people)
    assert [p.name for p in workshop.participants] == ["Priya", "Marcus", "Lena"]
    assert read_people(people_text(workshop)) == people
    with pytest.raises(WorkshopError, match="named twice"):
        read_people("Tom, tom")
    with pytest.raises(WorkshopError, match="Between 1 and"):
        read_people("0")


def test_numbers_are_written_with_the_digits_0_to_9():
    assert read_number(" 5 ", "Dots each", 1, 20) == 5
    assert read_number("", "Dots each", 1, 20) is None
    for text in ("\u00b2", "\u0665", "5.0", "-1", "21"):  # a superscript two, an Arabic-Indic five
        with pytest.raises(WorkshopError, match="whole number from 1 to 20"):
            read_number(text, "Dots each", 1, 20)


def test_people_who_voted_cannot_be_dropped(workshop):
    set_people(workshop, [("Tom", ""), ("Lena", "")])
    idea = workshop.add_idea("Dark mode")
    add_dot(workshop, idea.id, workshop.participants[0].id)
    with pytest.raises(WorkshopError, match="Tom already voted"):
        set_people(workshop, [("Lena", "")])
    assert len(workshop.participants) == 2


def test_dates_are_iso_or_nothing():
    assert read_date("2027-01-15") == date(2027, 1, 15)
    assert read_date("  ") is None
    with pytest.raises(WorkshopError, match="YYYY-MM-DD"):
        read_date("15/01/2027")


# ---------------------------------------------------------------------- text


def test_cleaning_removes_escapes_and_controls_and_keeps_the_rest():
    assert clean("\x1b[31mred\x1b[0m text\x00\x07") == "red text"
    assert clean("a\n\nb\tc\u2028d") == "a b c d"
    assert clean("evil\u202eevil") == "evilevil"
    kept = "Família 👩🏽‍💻 ok e\u0301 \u05e9\u05dc\u05d5\u05dd 中文"
    assert clean(kept) == kept
    assert clean_line("\x1b]52;c;aGk=\x07x").removed


def test_cutting_keeps_a_character_with_its_marks():
    text = "a" * 9 + "👍🏽" + "b"
    cut = clean_line(text, limit=10)
    assert cut.cut and cut.text == "a" * 9
    assert clean_line("x" * 2000).text == "x" * 1000


def test_slugs_are_file_names():
    assert slugify("Fabrikam H1 2027") == "fabrikam-h1-2027"
    assert slugify("Über/Plan: Q1?") == "über-plan-q1"
    assert slugify("!!!") == "session"


def test_a_number_and_colon_without_a_space_is_part_of_the_idea(workshop):
    line = read_idea("1:1 coaching with a stylist", workshop)
    assert (line.text, line.goal_id) == ("1:1 coaching with a stylist", None)
    assert read_idea("2:30 minute styling call", workshop).goal_id is None
