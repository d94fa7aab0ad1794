"""The refinement checklist: each rule, on the sample and on its variations."""

from __future__ import annotations

from datetime import date, datetime

from tui_roadmap.workshop.checklist import add_months, checklist, next_review
from tui_roadmap.workshop.roadmap import load, parking_lot, unplaced_winners
from tui_roadmap.workshop.timeframe import Timeframe


def kinds(workshop) -> list[str]:
    return [check.kind for check in checklist(workshop)]


def texts(workshop) -> list[str]:
    return [check.render() for check in checklist(workshop)]


def test_the_sample_needs_only_the_follow_up_scoping(sample):
    assert kinds(sample) == ["scope"] * 7 + ["backlog", "share", "review"]
    lines = texts(sample)
    assert lines[0] == (
        "Scope \u201cPassword reset and sign-in with Apple or Google\u201d (2027-Q1) into epics and stories, "
        "and name an owner."
    )
    assert lines[7] == "Derive the product backlog for 2027-Q1 from its 4 roadmap items."
    assert lines[-1] == "Review the roadmap on 2026-11-20 (monthly), starting from this draft."


def test_a_goal_without_metric_or_item_is_listed(sample):
    revenue = sample.goals[2]
    sample.edit_goal(revenue.id, metric="")
    for placement in list(sample.placements):
        if sample.idea(placement.idea_id).goal_id == revenue.id:
            sample.unplace(placement.idea_id)
    sample.set_cut(5)  # the two revenue items were winners 4 and 6
    lines = texts(sample)
    assert (
        "Goal 3 \u201cStart earning revenue\u201d has no roadmap item: add one, or drop the goal for this timeframe."
        in lines
    )
    assert "Define a success metric for goal 3 \u201cStart earning revenue\u201d." in lines


def test_an_item_without_a_goal_and_an_unsized_item_are_listed(sample):
    dark_mode = next(i for i in sample.ideas if i.text == "Dark mode")
    sample.place(dark_mode.id, "2027-Q2")
    lines = texts(sample)
    assert "Agree the priority and effort of \u201cDark mode\u201d." in lines
    assert "Link \u201cDark mode\u201d to a goal, or move it to the parking lot: it serves none." in lines
    assert kinds(sample).index("unsized") < kinds(sample).index("scope")


def test_a_tie_at_the_cut_line_comes_first(sample):
    sample.set_cut(6)
    first = checklist(sample)[0]
    assert first.kind == "tie"
    assert first.render() == (
        "Decide the tie at the cut line: \u201cReferral rewards: invite a friend, both get a free styling session\u201d, "
        "\u201cPremium plan: unlimited AI stylist chats\u201d and \u201cWeather-aware outfit suggestions\u201d have 2 dots "
        "each. Settle it on the Vote step: a runoff among them (r), taking all (a) or the room's pick (w)."
    )


def test_winners_still_to_place_are_listed(sample):
    weather = sample.ideas[9]
    sample.unplace(weather.id)
    waiting = unplaced_winners(sample)
    assert [r.number for r in waiting] == [10]
    assert "Place \u201cWeather-aware outfit suggestions\u201d (2 dots) on the roadmap" in texts(sample)[0]


def test_a_line_drawn_through_a_tie_leaves_the_tied_ideas_to_the_room(sample):
    """The line after 8 falls among three ideas with 1 dot: none of them is
    made a winner by the order they were called out in."""
    sample.set_cut(8)
    assert unplaced_winners(sample) == []
    assert "Decide the tie at the cut line" in texts(sample)[0]


def test_columns_over_capacity_or_heavy_with_musts_are_flagged(sample):
    sample.set_capacity("2027-Q2", 8)  # XL + L + M = 5 + 3 + 2 = 10 points, Musts 5
    sample.set_capacity("2027-Q1", 6)  # S + M + S + S = 5 points, Musts 3 of 6 (50%)
    assert load(sample, "2027-Q2").over
    assert not load(sample, "2027-Q1").flagged
    sample.set_capacity("2027-Q1", 5)  # Musts 3 of 5 = 60%: still within the share
    assert not load(sample, "2027-Q1").musts_heavy
    sample.set_capacity("2027-Q1", 5)
    sample.set_priority(sample.column_items("2027-Q1")[2].idea_id, "Must")  # Musts 4 of 5
    assert load(sample, "2027-Q1").musts_heavy
    lines = texts(sample)
    assert "Cut 2027-Q2 back to its capacity: 10 effort points planned for 8." in lines
    assert "Leave room in 2027-Q1: its Musts take 4 of 5 effort points." in lines


def test_items_outside_a_shortened_timeframe_are_kept_and_listed(sample):
    sample.set_timeframe(Timeframe.parse("2027-Q1"))
    assert len(sample.placements) == 7
    outside = [c for c in checklist(sample) if c.kind == "outside"]
    assert len(outside) == 3
    assert outside[0].render().endswith("from 2027-Q2 into the timeframe (2027-Q1 (1 quarter)).")


def test_the_parking_lot_is_every_idea_not_chosen(sample):
    parked = parking_lot(sample)
    assert len(parked) == 9  # 18 ideas, 7 chosen, 2 decided against
    assert [dots for _, dots in parked][:3] == [1, 1, 1]


def test_next_review_is_a_month_or_a_quarter_after_the_workshop(sample):
    sample.set_next_review(None)  # (the sample names its review's day)
    sample.created = datetime(2026, 11, 20, 10, 0)
    assert next_review(sample) == date(2026, 12, 20)
    sample.set_timeframe(Timeframe.parse("2027-Q1 to 2027-Q4"))
    assert next_review(sample) == date(2027, 2, 20)
    sample.set_next_review(date(2027, 1, 8))
    assert next_review(sample) == date(2027, 1, 8)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
