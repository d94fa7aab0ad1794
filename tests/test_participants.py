"""The draft's Participants line says who took part and never implies that
all of them voted when the session knows otherwise: how many the room said
vote (dots counted in the room are anonymous), or whose secret ballots are
in."""

from __future__ import annotations

from tui_roadmap.export.draft import markdown
from tui_roadmap.workshop import ballots
from tui_roadmap.workshop import review as rv
from tui_roadmap.workshop.capture import read_people, set_people
from tui_roadmap.workshop.vote import add_dot, dots_left

from .conftest import NOW, load_sample


def participants_line(workshop) -> str:
    return next(line for line in markdown(workshop).splitlines() if line.startswith("- **Participants:**"))


def review_of_sample():
    review = rv.start_review(load_sample(), "Fabrikam review", NOW)
    review.set_step("vote")
    return review


def test_a_review_where_four_of_six_vote_says_so_beside_the_names():
    review = review_of_sample()
    names = [p.name for p in review.participants]
    assert len(names) == 6
    set_people(review, read_people("4"))  # typed in Voters: four people vote, by counts
    line = participants_line(review)
    assert all(name in line for name in names)  # who took part: all six
    assert line.endswith("(4 to vote)"), line  # nothing is cast yet
    add_dot(review, review.ideas[-1].id)
    line = participants_line(review)
    assert line.endswith("(4 to vote)"), line  # a dot is cast, the vote still open
    assert "4 voters with" in markdown(review)  # the vote section agrees
    review.vote.closed = True
    assert participants_line(review).endswith("(4 voted)")
    review.vote.closed = False
    while dots_left(review):  # every dot cast: they have voted, closed or not
        add_dot(review, review.ideas[-1].id)
    assert participants_line(review).endswith("(4 voted)")


def test_the_names_alone_when_everyone_votes():
    review = review_of_sample()
    add_dot(review, review.ideas[-1].id)
    assert participants_line(review).endswith("Dana: Leadership")
    set_people(review, read_people("6"))  # the same number as the names: nothing to add
    assert participants_line(review).endswith("Dana: Leadership")


def test_secret_ballots_name_whose_ballot_is_in():
    review = review_of_sample()
    ballots.start(review)
    priya, marcus = review.participants[0].id, review.participants[1].id
    assert participants_line(review).endswith("(no ballot in yet)")
    for voter in (priya, marcus):
        ballots.give_turn(review, voter)
        add_dot(review, review.ideas[-1].id, voter)
        ballots.finish(review, voter)
    assert participants_line(review).endswith("(ballots in from 2: Priya, Marcus)")
    for person in review.participants[2:]:
        ballots.give_turn(review, person.id)
        ballots.finish(review, person.id)
    assert participants_line(review).endswith("Dana: Leadership")
