"""The dot vote: budgets, dots cast, the ranking with its ties, and the cut line.

Two ways of entering dots, both on one shared screen:

- **tallies**: the room places its dots and the facilitator enters the count
  per idea; the whole room's budget (voters x dots each) is the limit;
- **ballots**: the facilitator enters each voter's dots in turn; each voter is
  held to their own budget and to the most dots allowed on one idea, and the
  totals stay hidden until the vote is closed.

The cut line separates the winners (the top of the ranking) from the rest.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from msgspec import Struct

from tui_roadmap.workshop.model import Idea, TieSettlement, Workshop, WorkshopError


class Ranked(Struct, frozen=True):
    """An idea's place in the ranking."""

    idea: Idea
    number: int
    """The number the room calls the idea by (:attr:`Idea.number`)."""
    dots: int
    rank: int
    """Its rank; ideas with equal dots share a rank (1, 2, 2, 4)."""
    tied: bool
    """True if another idea has the same number of dots."""


def candidates(workshop: Workshop) -> list[tuple[int, Idea]]:
    """The ideas in the vote, with the numbers the room knows them by: every
    idea but the items a review carried over (already on the roadmap)."""
    return [(idea.number, idea) for idea in workshop.ideas if idea.id not in workshop.carried]


def suggested_dots(idea_count: int) -> int:
    """Dots per participant by the rule of thumb: about a quarter of the ideas,
    kept between 3 and 5, and never more than there are ideas."""
    return max(1, min(max(3, min(5, idea_count // 4)), idea_count or 3))


def dots_each(workshop: Workshop) -> int:
    """How many dots each participant has."""
    return workshop.vote.dots_each or suggested_dots(len(candidates(workshop)))


def voter_count(workshop: Workshop) -> int:
    """How many people vote."""
    return workshop.vote.voters or len(workshop.participants)


def budget(workshop: Workshop) -> int:
    """All the dots the room has."""
    return voter_count(workshop) * dots_each(workshop)


def tally(workshop: Workshop) -> dict[int, int]:
    """Dots per idea id, counting tallies and ballots, for every idea."""
    totals = {idea.id: workshop.vote.tallies.get(idea.id, 0) for _, idea in candidates(workshop)}
    for ballot in workshop.vote.ballots.values():
        for idea_id, dots in ballot.items():
            if idea_id in totals:
                totals[idea_id] += dots
    return totals


def cast(workshop: Workshop) -> int:
    """How many dots have been cast."""
    return sum(tally(workshop).values())


def dots_left(workshop: Workshop) -> int:
    """How many of the room's dots are not cast yet (negative if the budget was
    lowered below what was already cast)."""
    return budget(workshop) - cast(workshop)


def spent_by(workshop: Workshop, participant_id: int) -> int:
    """How many dots a voter has put on their ballot."""
    return sum(workshop.vote.ballots.get(participant_id, {}).values())


CAP_SHARE = 0.4
"""The suggested most on one idea on a ballot: about two fifths of a voter's
dots, so that nobody puts their whole say on one idea (2 of 5, 2 of 4, 1 of 3)."""


def suggested_cap(workshop: Workshop) -> int:
    """The most dots one voter should put on one idea, by the rule of thumb."""
    return max(1, round(dots_each(workshop) * CAP_SHARE))


def ballot_cap(workshop: Workshop) -> int:
    """The most dots one voter may put on one idea on a ballot: the room's
    setting, or the suggestion."""
    return workshop.vote.max_per_idea or suggested_cap(workshop)


def totals_hidden(workshop: Workshop) -> bool:
    """True while the vote is on secret ballots (or ballots are being entered)
    and still open: the room should not see the totals and follow the crowd."""
    return (workshop.vote.secret or bool(workshop.vote.ballots)) and not workshop.vote.closed


def set_tally(workshop: Workshop, idea_id: int, count: int) -> None:
    """Set the dots counted in the room on an idea (0 takes them off),
    within the room's budget."""
    idea = workshop.idea(idea_id)
    _check_open(workshop, idea.id)
    if not 0 <= count <= 999:
        raise WorkshopError("A count is 0 to 999 dots.")
    if workshop.vote.dots_each is None and count:
        workshop.vote.dots_each = dots_each(workshop)  # the budget the room votes with stays put
    others = cast(workshop) - workshop.vote.tallies.get(idea.id, 0)
    if count and others + count > budget(workshop):
        raise WorkshopError(
            f"{count} dots on this idea would make {others + count}, more than the room's "
            f"{budget(workshop)} ({voter_count(workshop)} voters x {dots_each(workshop)} dots)."
        )
    if count:
        workshop.vote.tallies[idea.id] = count
    else:
        workshop.vote.tallies.pop(idea.id, None)


def add_dot(workshop: Workshop, idea_id: int, voter_id: int | None = None) -> None:
    """Put one dot on an idea, counted in the room (``voter_id`` None) or on a
    voter's ballot. Raises :class:`WorkshopError` when the budget is spent."""
    idea = workshop.idea(idea_id)
    _check_open(workshop, idea.id)
    if workshop.vote.dots_each is None:
        # The suggestion follows the number of ideas; once the room votes, the
        # budget it voted with must not change when an idea is added or merged.
        workshop.vote.dots_each = dots_each(workshop)
    if dots_left(workshop) <= 0:
        raise WorkshopError(
            f"No dots left: all {budget(workshop)} are cast "
            f"({voter_count(workshop)} voters x {dots_each(workshop)} dots)."
        )
    if voter_id is None:
        workshop.vote.tallies[idea.id] = workshop.vote.tallies.get(idea.id, 0) + 1
        return
    person = workshop.participant(voter_id)
    ballot = workshop.vote.ballots.get(person.id, {})
    if spent_by(workshop, person.id) >= dots_each(workshop):
        raise WorkshopError(f"{person.name} has used all {dots_each(workshop)} dots.")
    most = ballot_cap(workshop)
    if ballot.get(idea.id, 0) >= most:
        raise WorkshopError(
            f"{person.name} already has {most} {'dot' if most == 1 else 'dots'} on this idea, the most allowed "
            f"(at most {most} of {dots_each(workshop)} on one idea)."
        )
    ballot[idea.id] = ballot.get(idea.id, 0) + 1
    workshop.vote.ballots[person.id] = ballot


def remove_dot(workshop: Workshop, idea_id: int, voter_id: int | None = None) -> None:
    """Take one dot off an idea (from the room's tally or a voter's ballot)."""
    idea = workshop.idea(idea_id)
    _check_open(workshop, idea.id)
    store = workshop.vote.tallies if voter_id is None else workshop.vote.ballots.get(voter_id, {})
    if store.get(idea.id, 0) <= 0:
        whose = "" if voter_id is None else f" from {workshop.participant(voter_id).name}"
        raise WorkshopError(f"There is no dot{whose} on this idea to remove.")
    store[idea.id] -= 1
    if not store[idea.id]:
        del store[idea.id]
    if voter_id is not None and not store:
        workshop.vote.ballots.pop(voter_id, None)


def _check_open(workshop: Workshop, idea_id: int) -> None:
    if idea_id in workshop.carried:
        raise WorkshopError("That item is carried over from the last review: it is on the roadmap without a vote.")
    if workshop.vote.closed:
        raise WorkshopError("The vote is closed: reopen it to change dots.")


_HELD: ContextVar[tuple[Workshop, list[Ranked]] | None] = ContextVar("the ranking held", default=None)


@contextmanager
def one_ranking(workshop: Workshop) -> Iterator[None]:
    """Within it, the ranking of ``workshop`` is worked out once: for a
    reader of the whole workshop at one moment (the draft asks for it some
    fifteen times, which on 10,000 ideas took longer than the rest of the
    draft). Nothing may change the workshop meanwhile."""
    token = _HELD.set((workshop, _ranking(workshop)))
    try:
        yield
    finally:
        _HELD.reset(token)


def ranking(workshop: Workshop) -> list[Ranked]:
    """Every idea, most dots first; ideas with equal dots keep the order in
    which they were called out and share a rank."""
    held = _HELD.get()
    if held is not None and held[0] is workshop:
        return list(held[1])
    return _ranking(workshop)


def _ranking(workshop: Workshop) -> list[Ranked]:
    totals = tally(workshop)
    numbered = candidates(workshop)
    numbered.sort(key=lambda pair: -totals[pair[1].id])  # (stable: equal dots keep the list's order)
    counts: dict[int, int] = {}
    for dots in totals.values():
        counts[dots] = counts.get(dots, 0) + 1
    result: list[Ranked] = []
    for position, (number, idea) in enumerate(numbered):
        dots = totals[idea.id]
        rank = result[-1].rank if result and result[-1].dots == dots else position + 1
        result.append(Ranked(idea, number, dots, rank, counts[dots] > 1))
    return result


def default_cut(workshop: Workshop, ranked: list[Ranked] | None = None) -> int:
    """The default number of winners: a third of the ideas, rounded up, and
    never past the last idea that has a dot. If that line would split a tie,
    it moves to the nearer edge of the tie (down, to take the whole tie in, if
    both are as near), so that the default does not decide a tie; when the
    tie starts at the top and runs far down, the line stays and the tie is
    left to the room."""
    ranked = ranking(workshop) if ranked is None else ranked
    with_dots = [r for r in ranked if r.dots > 0]
    if not with_dots:
        return 0
    count = min(math.ceil(len(ranked) / 3), len(with_dots))
    if count == len(with_dots) or with_dots[count].dots != with_dots[count - 1].dots:
        return count
    dots = with_dots[count - 1].dots
    above = next(i for i, r in enumerate(with_dots) if r.dots == dots)
    below = next((i for i, r in enumerate(with_dots) if r.dots < dots), len(with_dots))
    if above == 0:
        return below if below <= 2 * count else count
    return below if below - count <= count - above else above


def cut(workshop: Workshop, ranked: list[Ranked] | None = None) -> int:
    """How many ideas win: the facilitator's cut line, or the default."""
    ranked = ranking(workshop) if ranked is None else ranked
    if workshop.vote.cut is not None:
        return min(workshop.vote.cut, len(ranked))
    return default_cut(workshop, ranked)


def tie_group(workshop: Workshop, ranked: list[Ranked] | None = None) -> tuple[list[Ranked], int]:
    """The ideas tied across the cut line (the line falls among ideas with
    the same dots), by idea number (never by their places in the list, which
    the room can change), and how many of the places above the line they
    share; ``([], 0)`` if the line splits no tie."""
    ranked = ranking(workshop) if ranked is None else ranked
    count = cut(workshop, ranked)
    if count == 0 or count >= len(ranked) or ranked[count - 1].dots != ranked[count].dots:
        return [], 0
    dots = ranked[count - 1].dots
    first = next(place for place, r in enumerate(ranked) if r.dots == dots)
    group = sorted((r for r in ranked if r.dots == dots), key=lambda r: r.number)
    return group, count - first


def settlement(workshop: Workshop, ranked: list[Ranked] | None = None) -> TieSettlement | None:
    """How the room settled the tie at the cut line, if it did and the tie is
    still the one it settled (more dots, or a moved line, make a new tie)."""
    group, seats = tie_group(workshop, ranked)
    settled = workshop.vote.tie
    if not group or settled is None:
        return None
    if set(settled.ideas) != {r.idea.id for r in group} or settled.seats != seats:
        return None
    return settled


def winners(workshop: Workshop, ranked: list[Ranked] | None = None) -> list[Ranked]:
    """The ideas above the cut line, best first. Ideas tied across the line
    win only once the room has settled the tie (see ``ties.py``): until then
    they wait together, and never does the order they were called out in
    decide."""
    ranked = ranking(workshop) if ranked is None else ranked
    count = cut(workshop, ranked)
    group, seats = tie_group(workshop, ranked)
    if not group:
        return ranked[:count]
    above = ranked[: count - seats]
    settled = settlement(workshop, ranked)
    if settled is None:
        return above
    chosen = set(settled.chosen)
    return above + [r for r in group if r.idea.id in chosen]


class Standing(Struct, frozen=True):
    """The ranking as the vote decides it, for the room to read: what is
    above the cut line, what waits at it, and what is below."""

    won: list[Ranked]
    """Above the line, best first: the ideas above it, then those the room
    took from a tie at the line (see ``winners``)."""
    tied: list[Ranked]
    """Tied across the line while the room has not settled the tie, by idea
    number: none of them is above the line yet, nor below it."""
    seats: int
    """How many places above the line the open tie shares (0: no open tie)."""
    below: list[Ranked]
    """Below the line, best first: the rest, first those of a settled tie
    the room did not take."""
    settled: TieSettlement | None
    """How the room settled the tie at the line, while it holds."""


def standing(workshop: Workshop, ranked: list[Ranked] | None = None) -> Standing:
    """The ranking as the vote decides it (see :class:`Standing`): never in
    the order the tied ideas were called out in, and after a runoff with its
    winner above the line. Only for totals that show (see ``totals_hidden``)."""
    ranked = ranking(workshop) if ranked is None else ranked
    won = winners(workshop, ranked)
    settled = settlement(workshop, ranked)
    group, seats = tie_group(workshop, ranked)
    tied = group if group and settled is None else []  # by idea number
    placed = {r.idea.id for r in won} | {r.idea.id for r in tied}
    below = [r for r in ranked if r.idea.id not in placed]
    if settled is not None and settled.how == "runoff":
        # The tie's ideas, last above the line and first below it, in the
        # runoff's order: most runoff dots first, equal ones by idea number
        # (as the runoff lists them: see ``tie_group``).
        order = {idea_id: place for place, (idea_id, _) in enumerate(settled.runoff)}
        won = [r for r in won if r.idea.id not in order] + sorted(
            (r for r in won if r.idea.id in order), key=lambda r: order[r.idea.id]
        )
        below = sorted((r for r in below if r.idea.id in order), key=lambda r: order[r.idea.id]) + [
            r for r in below if r.idea.id not in order
        ]
    return Standing(won, tied, seats if tied else 0, below, settled)


def tie_at_cut(workshop: Workshop) -> list[Ranked]:
    """The ideas tied across the cut line that the room has not settled yet
    (empty if there is no such tie): the room has to decide which of them win."""
    if totals_hidden(workshop):
        return []  # a secret vote still open: nobody knows of a tie yet
    ranked = ranking(workshop)
    group, _ = tie_group(workshop, ranked)
    if not group or settlement(workshop, ranked) is not None:
        return []
    return group
