"""A secret ballot on one shared screen.

The facilitator switches the vote to ballots; then each voter in turn gets
the screen to themselves: the ideas, their own dots and their dots left, the
totals and everyone else's dots hidden. Between two voters a cover screen
hides the last ballot. A voter can be skipped and comes back later. Only
when the facilitator closes the vote do the totals and the ranking show.

Everything is in the model (``Vote.secret``, ``done``, ``turn``), so a
session reopened in the middle of the round resumes at the same voter,
behind the cover, without showing anyone's dots.
"""

from __future__ import annotations

from tui_roadmap.workshop.model import Participant, Workshop, WorkshopError
from tui_roadmap.workshop.vote import ballot_cap, budget, cast, dots_each, spent_by


def cap(workshop: Workshop) -> int:
    """The most dots one voter may put on one idea (see ``vote.ballot_cap``)."""
    return ballot_cap(workshop)


def cap_reason(workshop: Workshop) -> str:
    """The cap in words, with its reason."""
    most, dots = cap(workshop), dots_each(workshop)
    source = "set by the room" if workshop.vote.max_per_idea else "the rule of thumb"
    return f"at most {most} of your {dots} on one idea ({source})"


def start(workshop: Workshop) -> None:
    """Switch the vote to secret ballots."""
    if workshop.vote.closed:
        raise WorkshopError("The vote is closed: reopen it (v) before voting on ballots.")
    if not workshop.participants:
        raise WorkshopError("Ballots need the voters' names: type them in Voters (Priya, Marcus, ...).")
    if budget(workshop) and cast(workshop) >= budget(workshop):
        raise WorkshopError(
            f"All {budget(workshop)} dots are counted in the room already: ballots would have none left. "
            "Set the counts to 0 first, or keep voting by counts."
        )
    workshop.vote.secret = True


def stop(workshop: Workshop) -> None:
    """Back to dots counted in the room, if no ballot has a dot yet."""
    if workshop.vote.ballots or workshop.vote.sealed:
        raise WorkshopError("Ballots are cast: close the vote (v) to see the totals.")
    workshop.vote.secret = False
    workshop.vote.done.clear()
    workshop.vote.turn = None


def voters(workshop: Workshop) -> list[Participant]:
    """Everyone who votes on a ballot, in the order of the Voters field."""
    return list(workshop.participants)


def waiting(workshop: Workshop) -> list[Participant]:
    """The voters whose ballot is not in yet."""
    done = set(workshop.vote.done)
    return [person for person in voters(workshop) if person.id not in done]


def on_phones(workshop: Workshop) -> list[Participant]:
    """The voters whose ballot is not in yet and who vote on their phones
    (the laptop is not passed to them)."""
    return [person for person in waiting(workshop) if person.id in workshop.phones]


def still_out(workshop: Workshop) -> str:
    """Once nobody is left to vote on the laptop: the ballots still out, in
    words, for the facilitator (who may close the vote, or wait)."""
    phones = on_phones(workshop)
    if not phones:
        return "Every ballot is in: v closes the vote and shows the totals."
    names = ", ".join(person.name for person in phones)
    ballots = "ballot" if len(phones) == 1 else "ballots"
    return f"Waiting for {len(phones)} {ballots} on phones ({names}): v closes the vote once they are in."


def next_voter(workshop: Workshop, after: int | None = None) -> Participant | None:
    """The next voter whose ballot is not in, after ``after`` (round the
    list), or the first one; None once every ballot is in. Voters who vote
    on their phones are not offered the laptop."""
    left = [person for person in waiting(workshop) if person.id not in workshop.phones]
    if not left:
        return None
    order = [person.id for person in voters(workshop)]
    if after in order:
        start = order.index(after)
        for person_id in order[start + 1 :] + order[: start + 1]:
            for person in left:
                if person.id == person_id:
                    return person
    return left[0]


def whose_turn(workshop: Workshop) -> Participant | None:
    """The voter whose turn it is (the round resumes there), if any."""
    turn = workshop.vote.turn
    if turn is not None and turn not in workshop.vote.done:
        for person in voters(workshop):
            if person.id == turn:
                return person
    return next_voter(workshop)


def give_turn(workshop: Workshop, voter_id: int) -> None:
    """It is this voter's turn (their ballot is open, or the cover asks for them)."""
    workshop.participant(voter_id)
    workshop.vote.turn = voter_id


def finish(workshop: Workshop, voter_id: int) -> Participant | None:
    """A voter's ballot is in; the turn passes to the next voter (returned)."""
    workshop.participant(voter_id)
    if voter_id not in workshop.vote.done:
        workshop.vote.done.append(voter_id)
    following = next_voter(workshop, voter_id)
    workshop.vote.turn = following.id if following else None
    return following


def skip(workshop: Workshop, voter_id: int) -> Participant | None:
    """A voter is skipped for now (they come back once the others are done);
    the turn passes to the next voter (returned)."""
    following = next_voter(workshop, voter_id)
    workshop.vote.turn = following.id if following else voter_id
    return following


def dots_left(workshop: Workshop, voter_id: int) -> int:
    """How many dots a voter has not put on their ballot yet."""
    return dots_each(workshop) - spent_by(workshop, voter_id)


def close(workshop: Workshop) -> list[Participant]:
    """Close the vote: the totals and the ranking show. Returns the voters
    whose ballot was not in."""
    missing = waiting(workshop) if workshop.vote.secret else []
    workshop.vote.closed = True
    workshop.vote.turn = None
    return missing


def reopen(workshop: Workshop) -> None:
    """Reopen a closed vote (on ballots, the totals hide again)."""
    workshop.vote.closed = False
