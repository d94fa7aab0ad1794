"""A vote the room can trust, in the model: counts entered in one go, secret
ballots held to the budget and the cap, ties settled by the room, ideas
added by the room, near-duplicates merged, and sizes given before a winner
is placed."""

from __future__ import annotations

import pytest

from tui_roadmap.export.draft import markdown
from tui_roadmap.workshop import ballots, ties
from tui_roadmap.workshop.merge import merge_ideas
from tui_roadmap.workshop.model import WorkshopError
from tui_roadmap.workshop.roadmap import added_by_room, parking_lot, set_sizes, toggle_added, unplaced_winners
from tui_roadmap.workshop.vote import add_dot, cast, remove_dot, set_tally, standing, tally, tie_at_cut, winners


def numbers(workshop, ranked) -> list[int]:
    return [workshop.idea_number(r.idea.id) for r in ranked]


# ------------------------------------------------------------------ counts


def test_a_count_sets_the_dots_of_an_idea_within_the_budget(sample):
    first = sample.ideas[0]
    set_tally(sample, first.id, 3)
    assert tally(sample)[first.id] == 3 and cast(sample) == 22
    before = dict(sample.vote.tallies)
    with pytest.raises(WorkshopError, match="would make 31, more than the room's 24"):
        set_tally(sample, first.id, 12)
    assert sample.vote.tallies == before
    set_tally(sample, first.id, 0)
    assert first.id not in sample.vote.tallies


# ----------------------------------------------------------------- ballots


def ballot_vote(sample):
    """The sample with its dots taken off and its vote switched to ballots."""
    sample.vote.tallies.clear()
    sample.vote.cut = None
    ballots.start(sample)
    return sample


def test_a_ballot_over_the_budget_or_the_cap_is_refused_and_changes_nothing(sample):
    vote = ballot_vote(sample)
    lena = sample.participants[2]
    ideas = [idea.id for idea in sample.ideas]
    assert ballots.cap(vote) == 2 and "at most 2 of your 4" in ballots.cap_reason(vote)
    add_dot(vote, ideas[0], lena.id)
    add_dot(vote, ideas[0], lena.id)
    before = {voter: dict(b) for voter, b in vote.vote.ballots.items()}
    with pytest.raises(WorkshopError, match="already has 2 dots on this idea, the most allowed"):
        add_dot(vote, ideas[0], lena.id)
    assert vote.vote.ballots == before
    add_dot(vote, ideas[1], lena.id)
    add_dot(vote, ideas[2], lena.id)
    before = {voter: dict(b) for voter, b in vote.vote.ballots.items()}
    with pytest.raises(WorkshopError, match="used all 4 dots"):
        add_dot(vote, ideas[3], lena.id)
    assert vote.vote.ballots == before
    assert ballots.dots_left(vote, lena.id) == 0


def test_voters_take_turns_a_skipped_one_comes_back_and_closing_shows_who_did_not_vote(sample):
    vote = ballot_vote(sample)
    people = sample.participants
    assert ballots.whose_turn(vote) == people[0]
    ballots.give_turn(vote, people[0].id)
    assert ballots.skip(vote, people[0].id) == people[1]
    for person in people[1:]:
        assert ballots.whose_turn(vote) == person
        ballots.finish(vote, person.id)
    assert ballots.whose_turn(vote) == people[0]  # the skipped voter comes back
    assert [p.name for p in ballots.close(vote)] == [people[0].name]
    assert vote.vote.closed and vote.vote.turn is None


def test_once_a_ballot_has_dots_the_vote_goes_back_to_counts_only_by_closing(sample):
    vote = ballot_vote(sample)
    add_dot(vote, sample.ideas[0].id, sample.participants[0].id)
    with pytest.raises(WorkshopError, match="close the vote"):
        ballots.stop(vote)
    assert vote.vote.secret


def test_ballots_need_the_voters_names(sample):
    sample.participants.clear()
    with pytest.raises(WorkshopError, match="voters' names"):
        ballots.start(sample)


# -------------------------------------------------------------------- ties


def tie_for_one_place(sample):
    """The line after 8: ideas 5, 8 and 9 have 1 dot each, for 1 place."""
    sample.set_cut(8)
    return [sample.ideas[n - 1].id for n in (5, 8, 9)]


def test_a_tie_at_the_line_waits_and_is_never_broken_by_call_out_order(sample):
    tied = tie_for_one_place(sample)
    assert numbers(sample, tie_at_cut(sample)) == [5, 8, 9]
    assert len(winners(sample)) == 7
    assert not {r.idea.id for r in winners(sample)} & set(tied)
    text = markdown(sample)
    assert "### Tied at the cut line" in text and "Decide the tie at the cut line" in text


def test_a_tie_taken_whole(sample):
    tied = tie_for_one_place(sample)
    ties.take_all(sample)
    assert set(tied) <= {r.idea.id for r in winners(sample)}
    assert not tie_at_cut(sample)
    assert "was settled by taking all 3." in markdown(sample)


def test_a_tie_picked_by_the_room(sample):
    tied = tie_for_one_place(sample)
    assert ties.pick(sample, tied[2]) is not None  # one place: one pick settles it
    assert numbers(sample, winners(sample))[-1] == 9
    assert "by the room's pick: \u201cSize recommendation from past purchases\u201d." in markdown(sample)


def test_a_tie_settled_by_a_runoff_and_a_tied_runoff_refused(sample):
    tied = tie_for_one_place(sample)
    ties.set_runoff(sample, tied[0], 4)
    ties.set_runoff(sample, tied[1], 4)
    with pytest.raises(WorkshopError, match="Still tied in the runoff"):
        ties.settle_by_runoff(sample)
    assert tie_at_cut(sample)
    ties.set_runoff(sample, tied[1], 5)
    ties.settle_by_runoff(sample)
    assert numbers(sample, winners(sample))[-1] == 8
    assert "by a runoff: \u201cShare looks to Instagram and TikTok\u201d won it 5 to 4 to 0." in markdown(sample)


def test_the_standing_keeps_an_open_tie_off_both_sides_and_puts_a_runoffs_winner_above(sample):
    tied = tie_for_one_place(sample)
    decided = standing(sample)
    assert numbers(sample, decided.tied) == [5, 8, 9] and decided.seats == 1
    assert len(decided.won) == 7 and not {r.idea.id for r in decided.won + decided.below} & set(tied)
    ties.set_runoff(sample, tied[0], 1)
    ties.set_runoff(sample, tied[1], 3)
    ties.set_runoff(sample, tied[2], 5)  # the last called out wins
    ties.settle_by_runoff(sample)
    decided = standing(sample)
    assert decided.tied == [] and decided.seats == 0 and decided.settled is not None
    assert numbers(sample, decided.won)[-1] == 9 and numbers(sample, decided.below)[:2] == [8, 5]
    assert ties.outcome(sample, decided.settled) == (
        "Runoff: \u201cSize recommendation from past\u2026\u201d 5 goes above the line; "
        "\u201cShare looks to Instagram and\u2026\u201d 3 and \u201cImport the wardrobe from\u2026\u201d 1 "
        "stay below it."
    )
    assert ties.outcome(sample, decided.settled, None).startswith(
        "Runoff: \u201cSize recommendation from past purchases\u201d 5 goes"
    )


def test_new_dots_make_a_new_tie_that_the_room_settles_again(sample):
    tied = tie_for_one_place(sample)
    ties.take_all(sample)
    add_dot(sample, sample.ideas[3].id) if cast(sample) < 24 else None
    remove_dot(sample, sample.ideas[0].id)
    add_dot(sample, sample.ideas[3].id)  # idea 4 joins the ideas with 1 dot
    assert numbers(sample, tie_at_cut(sample)) == [4, 5, 8, 9]
    assert not set(tied) & {r.idea.id for r in winners(sample)}


# --------------------------------------------------------------- the room


def test_the_room_puts_a_parked_idea_on_the_roadmap_and_takes_it_off(bare):
    sample = bare  # (in the bundled sample, Dark mode is decided against)
    dark = sample.ideas[11]
    assert toggle_added(sample, dark.id) is True
    assert dark.id in {r.idea.id for r in unplaced_winners(sample)}
    assert dark.id not in {idea.id for idea, _ in parking_lot(sample)}
    sample.place(dark.id, "2027-Q2")
    assert "| Dark mode | (none) | ? | ? | 0 (added by the room) |" in markdown(sample)
    assert "Added by the room, not by the vote: \u201cDark mode\u201d." in markdown(sample)
    assert toggle_added(sample, dark.id) is False
    assert sample.placement(dark.id) is None and not added_by_room(sample)
    with pytest.raises(WorkshopError, match="won the vote"):
        toggle_added(sample, sample.ideas[0].id)


def test_a_merge_moves_dots_ballots_and_the_place_and_keeps_both_words(sample):
    try_on, quiz = sample.ideas[0], sample.ideas[10]
    lena = sample.participants[2]
    sample.vote.tallies[quiz.id] -= 1
    add_dot(sample, quiz.id, lena.id)
    dots = tally(sample)[try_on.id] + tally(sample)[quiz.id]
    placed_quiz = sample.placement(quiz.id)
    sample.unplace(try_on.id)
    merged = merge_ideas(sample, quiz.id, try_on.id)
    assert merged.text == f"{try_on.text} / {quiz.text}"
    assert merged.proposer == "Lena" and merged.goal_id == try_on.goal_id
    assert tally(sample)[try_on.id] == dots and sample.vote.ballots[lena.id] == {try_on.id: 1}
    assert sample.placement(try_on.id).column == placed_quiz.column
    assert quiz.id not in {idea.id for idea in sample.ideas}
    assert "Merged before the vote" in markdown(sample) and quiz.text in markdown(sample)


def test_a_winner_sized_before_it_is_placed_keeps_its_sizes(sample):
    winner = sample.ideas[9]
    sample.unplace(winner.id)
    set_sizes(sample, winner.id, priority="Could")
    set_sizes(sample, winner.id, effort="S")
    sample.place(winner.id, "2027-Q1")
    placement = sample.placement(winner.id)
    assert (placement.priority, placement.effort) == ("Could", "S")
    with pytest.raises(WorkshopError, match="Place the idea"):
        set_sizes(sample, sample.ideas[11].id, priority="Must")  # it did not win


def test_a_copy_put_back_undoes_everything_but_the_step_and_the_drafts(sample):
    before = sample.copy()
    merge_ideas(sample, sample.ideas[1].id, sample.ideas[0].id)
    ties.take_all(sample) if tie_at_cut(sample) else None
    sample.set_step("export")
    sample.set_draft("idea", "half typed")
    sample.restore(before)
    assert sample.ideas == before.ideas and sample.vote == before.vote and sample.placements == before.placements
    assert sample.step == "export" and sample.drafts == {"idea": "half typed"}
