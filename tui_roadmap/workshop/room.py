"""The room on their phones: what a participant may do from a phone, by
the same rules as the facilitator's keyboard.

A phone sends ideas (marked with who sent them; held for the facilitator's
review while :attr:`Workshop.hold` is on) and casts its participant's
secret ballot, held to the same budget and cap as the laptop's ballot
screen. Nothing here knows about the network: the server (``tui_roadmap.room``)
calls these through the facilitator's screen, which saves every change.
"""

from __future__ import annotations

from msgspec import Struct

from tui_roadmap.workshop import ballots
from tui_roadmap.workshop.duplicates import likely_duplicate
from tui_roadmap.workshop.model import HeldIdea, Idea, Participant, Workshop, WorkshopError, idea_text
from tui_roadmap.workshop.vote import add_dot, ballot_cap, candidates, dots_each, remove_dot, spent_by

MAX_HELD = 200
"""The most ideas that may wait for review."""


class Sent(Struct, frozen=True):
    """What became of an idea sent from a phone, in words for the phone."""

    idea: Idea | None
    message: str


def by_name(workshop: Workshop, name: str) -> Participant | None:
    """The participant of that name (names are unique, whatever their case)."""
    wanted = name.casefold()
    return next((p for p in workshop.participants if p.name.casefold() == wanted), None)


def join(workshop: Workshop, name: str) -> Participant:
    """A participant joined from a phone (named, so that an undo that gives
    them another id still finds them): they vote there."""
    person = by_name(workshop, name)
    if person is None:
        raise WorkshopError(f"{name} is no longer in the session.")
    if person.id not in workshop.phones:
        workshop.phones.append(person.id)
    return person


def send_idea(workshop: Workshop, person_id: int, text: str, goal_number: int | None = None) -> Sent:
    """An idea from a participant's phone, on the Ideas step: added at the
    end of the list, marked with who sent it, or held for review."""
    if workshop.step != "ideas":
        raise WorkshopError("The room is not collecting ideas now: look at the big screen.")
    person = workshop.participant(person_id)
    goal = workshop.goal_by_number(goal_number) if goal_number else None
    cleaned = idea_text(text)
    if workshop.hold:
        if len(workshop.held) >= MAX_HELD:
            raise WorkshopError("Too many ideas are waiting for review: ask the facilitator to look at them.")
        workshop.held.append(HeldIdea(cleaned, goal.id if goal else None, person.id))
        return Sent(None, "Sent: the facilitator shows it once they have read it.")
    twin = likely_duplicate(cleaned, workshop.ideas)
    idea = workshop.add_idea(cleaned, goal.id if goal else None, person.name)
    workshop.sent[idea.id] = person.id
    number = workshop.idea_number(idea.id)
    if twin is not None:
        return Sent(idea, f"Added as idea {number}. It looks like idea {twin.number}: \u201c{twin.idea.text}\u201d.")
    return Sent(idea, f"Added as idea {number}.")


def release(workshop: Workshop, index: int) -> Idea:
    """Show an idea held for review: it joins the ideas, marked with who sent it."""
    held = _held(workshop, index)
    person = workshop.participant(held.sender)
    goal_id = held.goal_id if workshop.goal(held.goal_id) is not None else None
    idea = workshop.add_idea(held.text, goal_id, person.name)
    workshop.sent[idea.id] = person.id
    del workshop.held[index]
    return idea


def discard(workshop: Workshop, index: int) -> HeldIdea:
    """Leave out an idea held for review."""
    held = _held(workshop, index)
    del workshop.held[index]
    return held


def _held(workshop: Workshop, index: int) -> HeldIdea:
    if not 0 <= index < len(workshop.held):
        raise WorkshopError("That idea is no longer waiting for review.")
    return workshop.held[index]


def set_hold(workshop: Workshop, hold: bool) -> None:
    """Hold ideas from phones for review (True), or show them at once."""
    workshop.hold = hold


# ------------------------------------------------------------------ ballots


def check_ballot_open(workshop: Workshop) -> None:
    """Refuse a phone's ballot unless the room is on the Vote step and the
    vote is on secret ballots and open."""
    if workshop.step != "vote":
        raise WorkshopError("The room is not voting now: look at the big screen.")
    if workshop.vote.closed:
        raise WorkshopError("The vote is closed.")
    if not workshop.vote.secret:
        raise WorkshopError("The vote is not on ballots yet: wait for the facilitator to open them.")


def cast(workshop: Workshop, person_id: int, idea_id: int, change: int) -> None:
    """Put one dot on an idea of a participant's own ballot, or take one off."""
    check_ballot_open(workshop)
    if person_id in workshop.vote.done:
        raise WorkshopError("Your ballot is handed in.")
    mine = workshop.vote.ballots.get(person_id, {}).get(idea_id, 0)
    # What the phone is told is said to its owner ("you"); the laptop's words name the voter.
    if change > 0 and spent_by(workshop, person_id) >= dots_each(workshop):
        raise WorkshopError(f"You have used all {dots_each(workshop)} dots: take one off an idea to move it.")
    if change > 0 and mine >= ballot_cap(workshop):
        most = ballot_cap(workshop)
        raise WorkshopError(
            f"You can put at most {most} {'dot' if most == 1 else 'dots'} on one idea: this one has {mine} of yours."
        )
    if change < 0 and mine <= 0:
        raise WorkshopError("You have no dot on this idea to take off.")
    if change > 0:
        add_dot(workshop, idea_id, person_id)
    else:
        remove_dot(workshop, idea_id, person_id)


def hand_in(workshop: Workshop, person_id: int) -> None:
    """A participant hands in the ballot on their phone."""
    check_ballot_open(workshop)
    workshop.participant(person_id)
    if person_id not in workshop.vote.done:
        workshop.vote.done.append(person_id)
    if workshop.vote.turn == person_id:
        following = ballots.next_voter(workshop, person_id)
        workshop.vote.turn = following.id if following else None


class BallotLine(Struct, frozen=True):
    number: int
    idea: Idea
    mine: int


def ballot(workshop: Workshop, person_id: int) -> list[BallotLine]:
    """A participant's own ballot: every idea in the vote with their dots."""
    mine = workshop.vote.ballots.get(person_id, {})
    return [BallotLine(number, idea, mine.get(idea.id, 0)) for number, idea in candidates(workshop)]


def left(workshop: Workshop, person_id: int) -> int:
    """How many dots a participant has not put on their ballot."""
    return dots_each(workshop) - spent_by(workshop, person_id)


class Progress(Struct, frozen=True):
    """How far the secret ballot is, for the room to see (never whose dots
    are on which ideas while the totals are hidden)."""

    handed_in: list[Participant]
    """Who has handed in a ballot, on the laptop or on a phone."""
    voters: int
    """How many vote on a ballot."""
    dots: int
    """How many dots are cast in all."""


def progress(workshop: Workshop) -> Progress:
    """How far the secret ballot is: every ballot handed in, on the laptop
    (the round of covers) and on phones alike, of every voter's."""
    voters = ballots.voters(workshop)
    done = set(workshop.vote.done)
    cast_so_far = sum(sum(b.values()) for b in workshop.vote.ballots.values())
    return Progress([p for p in voters if p.id in done], len(voters), cast_so_far)
