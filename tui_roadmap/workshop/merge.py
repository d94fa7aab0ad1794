"""Merging near-duplicate ideas before the vote, so that they do not split it.

The idea merged away leaves its words in the record (``Workshop.merges``,
for the draft); everything else it had moves to the idea it is merged
into: its dots counted in the room, its dots on every ballot, its place on
the roadmap, its proposer and its goal, its confidence, needs and risk (and
the items that needed it need the merged idea).
"""

from __future__ import annotations

from msgspec.structs import replace

from tui_roadmap.workshop.items import merge_details
from tui_roadmap.workshop.model import Idea, Merge, Workshop, WorkshopError
from tui_roadmap.workshop.text import clean


def merged_text(into: Idea, other: Idea) -> str:
    """What the merged idea says until the room words it: both texts."""
    return f"{into.text} / {other.text}"


def merged_proposer(into: Idea, other: Idea) -> str:
    """Both proposers, each once (an idea merged before names several)."""
    names = [name for proposer in (into.proposer, other.proposer) for name in proposer.split(", ") if name]
    unique = [name for index, name in enumerate(names) if name.casefold() not in {n.casefold() for n in names[:index]}]
    return clean(", ".join(unique), 80)


def merge_ideas(workshop: Workshop, idea_id: int, into_id: int, text: str | None = None) -> Idea:
    """Merge idea ``idea_id`` into idea ``into_id``; ``text`` is the merged
    idea's wording (by default both texts). Returns the merged idea."""
    if idea_id == into_id:
        raise WorkshopError("An idea cannot be merged into itself.")
    other, into = workshop.idea(idea_id), workshop.idea(into_id)
    workshop.refuse_carried(other.id, "merged with another idea")
    workshop.refuse_carried(into.id, "merged with another idea; delete the duplicate instead")
    wording = clean(text) if text is not None else merged_text(into, other)
    if not wording:
        raise WorkshopError("The merged idea cannot be empty.")
    vote = workshop.vote
    if other.id in vote.tallies:
        vote.tallies[into.id] = vote.tallies.get(into.id, 0) + vote.tallies.pop(other.id)
    for ballot in vote.ballots.values():
        if other.id in ballot:
            ballot[into.id] = ballot.get(into.id, 0) + ballot.pop(other.id)
    if other.id in vote.runoff:
        vote.runoff[into.id] = vote.runoff.get(into.id, 0) + vote.runoff.pop(other.id)
    picked: list[int] = []
    for chosen in (into.id if i == other.id else i for i in vote.picked):
        if chosen not in picked:
            picked.append(chosen)
    vote.picked = picked
    moved = workshop.placement(other.id)
    if moved is not None:
        workshop.placements.remove(moved)
        if workshop.placement(into.id) is None:
            workshop.placements.append(replace(moved, idea_id=into.id))
    if other.id in workshop.added:
        workshop.added.remove(other.id)
        if into.id not in workshop.added:
            workshop.added.append(into.id)
    sizing = workshop.sizing.pop(other.id, None)
    if sizing is not None and into.id not in workshop.sizing:
        workshop.sizing[into.id] = sizing
    scope = workshop.scopes.pop(other.id, None)
    if scope is not None and into.id not in workshop.scopes:
        workshop.scopes[into.id] = scope
    merge_details(workshop, other.id, into.id)
    sender = workshop.sent.pop(other.id, None)
    if sender is not None and into.id not in workshop.sent:
        workshop.sent[into.id] = sender
    workshop.merges.append(Merge(into.id, other.text, other.proposer, other.number, other.id))
    merged = replace(
        into,
        text=clean(wording),
        proposer=merged_proposer(into, other),
        goal_id=into.goal_id if into.goal_id is not None else other.goal_id,
    )
    workshop.ideas[workshop.ideas.index(into)] = merged
    workshop.ideas.remove(other)
    return merged
