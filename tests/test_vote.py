"""The dot vote: budgets, tallies, ballots, the ranking and the cut line."""

from __future__ import annotations

from datetime import datetime

import pytest

from tui_roadmap.workshop.model import WorkshopError, new_workshop
from tui_roadmap.workshop.vote import (
    add_dot,
    budget,
    cast,
    cut,
    default_cut,
    dots_each,
    dots_left,
    ranking,
    remove_dot,
    spent_by,
    suggested_dots,
    tally,
    tie_at_cut,
    totals_hidden,
    winners,
)


def _workshop(ideas: int = 6, voters: int = 3):
    w = new_workshop("Vote", datetime(2026, 11, 22))
    for n in range(1, ideas + 1):
        w.add_idea(f"Idea {n}")
    w.set_voters(voters)
    return w


def _dots(workshop, counts):
    for number, count in counts.items():
        for _ in range(count):
            add_dot(workshop, workshop.ideas[number - 1].id)


@pytest.mark.parametrize(("ideas", "dots"), [(0, 3), (2, 2), (8, 3), (18, 4), (20, 5), (60, 5)])
def test_suggested_dots_follow_the_rule_of_thumb(ideas, dots):
    assert suggested_dots(ideas) == dots


def test_the_room_cannot_cast_more_dots_than_it_has():
    w = _workshop(ideas=4, voters=2)
    w.set_dots_each(3)
    assert budget(w) == 6
    _dots(w, {1: 4, 2: 2})
    with pytest.raises(WorkshopError, match="No dots left"):
        add_dot(w, w.ideas[2].id)
    assert cast(w) == 6 and dots_left(w) == 0
    remove_dot(w, w.ideas[0].id)
    assert tally(w)[w.ideas[0].id] == 3 and dots_left(w) == 1
    with pytest.raises(WorkshopError, match="no dot"):
        remove_dot(w, w.ideas[3].id)


def test_ranking_shares_ranks_between_equal_dots_and_keeps_call_order():
    w = _workshop(ideas=5, voters=5)
    _dots(w, {1: 1, 2: 3, 3: 1, 4: 3, 5: 0})
    ranked = ranking(w)
    assert [(r.number, r.dots, r.rank, r.tied) for r in ranked] == [
        (2, 3, 1, True),
        (4, 3, 1, True),
        (1, 1, 3, True),
        (3, 1, 3, True),
        (5, 0, 5, False),
    ]


def test_the_default_cut_is_a_third_moved_past_a_tie(sample):
    # 18 ideas: a third is 6, but the 6th and 7th both have 2 dots.
    assert default_cut(sample) == 7
    assert [r.number for r in winners(sample)] == [1, 11, 2, 6, 3, 7, 10]
    assert tie_at_cut(sample) == []


def test_the_default_cut_never_passes_the_last_idea_with_dots():
    w = _workshop(ideas=9, voters=3)
    _dots(w, {4: 2})
    assert default_cut(w) == 1
    assert default_cut(_workshop()) == 0


def test_a_moved_cut_line_can_split_a_tie(sample):
    sample.set_cut(5)
    assert cut(sample) == 5
    tied = tie_at_cut(sample)
    assert [r.number for r in tied] == [3, 7, 10]
    sample.set_cut(None)
    assert cut(sample) == 7
    with pytest.raises(WorkshopError, match="0 to 18"):
        sample.set_cut(19)


def test_ballots_hold_each_voter_to_their_budget():
    w = _workshop(ideas=4, voters=None)
    tom = w.add_participant("Tom")
    lena = w.add_participant("Lena")
    w.set_dots_each(2)
    w.set_max_per_idea(1)
    add_dot(w, w.ideas[0].id, tom.id)
    with pytest.raises(WorkshopError, match="most allowed"):
        add_dot(w, w.ideas[0].id, tom.id)
    add_dot(w, w.ideas[1].id, tom.id)
    with pytest.raises(WorkshopError, match="Tom has used all 2 dots"):
        add_dot(w, w.ideas[2].id, tom.id)
    add_dot(w, w.ideas[0].id, lena.id)
    assert spent_by(w, tom.id) == 2 and spent_by(w, lena.id) == 1
    assert tally(w)[w.ideas[0].id] == 2
    assert totals_hidden(w)
    w.close_vote()
    assert not totals_hidden(w)
    with pytest.raises(WorkshopError, match="closed"):
        add_dot(w, w.ideas[3].id, lena.id)


def test_lowering_the_dots_below_a_ballot_is_refused():
    w = _workshop(ideas=4, voters=None)
    tom = w.add_participant("Tom")
    w.set_dots_each(3)
    for idea in w.ideas[:3]:
        add_dot(w, idea.id, tom.id)
    with pytest.raises(WorkshopError, match="Tom already cast more than 2"):
        w.set_dots_each(2)
    assert dots_each(w) == 3


def test_thin_votes_do_not_make_almost_every_idea_a_winner():
    # 18 ideas, votes 4, 3, 2, 2 and then one dot on each of the other 13.
    w = _workshop(ideas=18, voters=6)
    w.set_dots_each(4)
    _dots(w, {1: 4, 2: 3, 3: 2, 4: 2, **{n: 1 for n in range(5, 18)}})
    assert default_cut(w) == 4
    assert tie_at_cut(w) == []


def test_a_tie_from_the_top_that_runs_far_is_left_to_the_room():
    w = _workshop(ideas=9, voters=9)
    _dots(w, {n: 1 for n in range(1, 10)})
    assert default_cut(w) == 3
    assert len(tie_at_cut(w)) == 9
