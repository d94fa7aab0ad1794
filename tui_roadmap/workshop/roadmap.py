"""Rules of the roadmap board: what is placed where, which winners still wait
for a column, how full each column is, and which goals the roadmap serves."""

from __future__ import annotations

from msgspec import Struct

from tui_roadmap.workshop.model import (
    EFFORT_POINTS,
    EFFORTS,
    MUST_SHARE,
    PRIORITIES,
    Goal,
    Idea,
    Placement,
    Workshop,
    WorkshopError,
)
from tui_roadmap.workshop.vote import Ranked, ranking, tally, tie_at_cut, totals_hidden, winners


class Load(Struct, frozen=True):
    """How full a roadmap column is."""

    column: str
    points: int
    """Effort points of the column's items that have an effort."""
    must_points: int
    """The part of ``points`` taken by Musts."""
    capacity: int | None

    @property
    def over(self) -> bool:
        """True if the column holds more effort than its capacity."""
        return self.capacity is not None and self.points > self.capacity

    @property
    def musts_heavy(self) -> bool:
        """True if the Musts take more than their share of the capacity."""
        return self.capacity is not None and self.must_points > MUST_SHARE * self.capacity

    @property
    def flagged(self) -> bool:
        """True if the column needs the room's attention."""
        return self.over or self.musts_heavy


def load(workshop: Workshop, column: str) -> Load:
    """The load of one column."""
    points = must = 0
    for placement in workshop.column_items(column):
        size = EFFORT_POINTS.get(placement.effort or "", 0)
        points += size
        if placement.priority == "Must":
            must += size
    return Load(column, points, must, workshop.capacities.get(column))


def chosen(workshop: Workshop) -> list[Ranked]:
    """What goes on the roadmap: the winners of the vote, best first, then
    the ideas the room put on it without the vote, in the order it did."""
    ranked = ranking(workshop)
    won = winners(workshop, ranked)
    won_ids = {r.idea.id for r in won}
    by_id = {r.idea.id: r for r in ranked}
    return won + [by_id[i] for i in workshop.added if i in by_id and i not in won_ids]


def added_by_room(workshop: Workshop) -> set[int]:
    """The ideas on the roadmap that the room put there without the vote."""
    if totals_hidden(workshop):
        return set(workshop.added)  # the winners are not known yet
    won = {r.idea.id for r in winners(workshop)}
    return {i for i in workshop.added if i not in won}


def unplaced_winners(workshop: Workshop) -> list[Ranked]:
    """Winners of the vote (and ideas the room added) that have no column
    yet, best first."""
    return [r for r in chosen(workshop) if workshop.placement(r.idea.id) is None]


def toggle_added(workshop: Workshop, idea_id: int) -> bool:
    """Put an idea that did not win on the roadmap, by the room's decision
    (True), or take it off again (False)."""
    idea = workshop.idea(idea_id)
    if idea.id in workshop.carried:
        raise WorkshopError("That item is carried over from the last review: its status is set on the Review step.")
    if idea.id in workshop.added:
        workshop.added.remove(idea.id)
        workshop.unplace(idea.id)
        workshop.sizing.pop(idea.id, None)
        return False
    if not totals_hidden(workshop) and idea.id in {r.idea.id for r in winners(workshop)}:
        raise WorkshopError("That idea won the vote: it is on the roadmap already.")
    if idea.id in workshop.wont_do:
        raise WorkshopError("The room decided against that idea (won't do): x takes the mark off first.")
    workshop.added.append(idea.id)
    return True


def outside_timeframe(workshop: Workshop) -> list[Placement]:
    """Placements in columns the timeframe no longer has."""
    columns = set(workshop.timeframe.columns)
    return [p for p in workshop.placements if p.column not in columns]


def placed_ideas(workshop: Workshop) -> list[tuple[Placement, Idea]]:
    """Every placement with its idea, column by column in timeframe order,
    then those outside the timeframe."""
    order = {name: index for index, name in enumerate(workshop.timeframe.columns)}
    by_id = {idea.id: idea for idea in workshop.ideas}
    placements = sorted(
        (p for p in workshop.placements if p.idea_id in by_id),
        key=lambda p: order.get(p.column, len(order)),
    )
    return [(p, by_id[p.idea_id]) for p in placements]


def goals_without_items(workshop: Workshop) -> list[Goal]:
    """Goals that no roadmap item serves."""
    served = {idea.goal_id for _, idea in placed_ideas(workshop)}
    return [goal for goal in workshop.goals if goal.id not in served]


def items_without_goal(workshop: Workshop) -> list[Idea]:
    """Roadmap items that serve no goal."""
    return [idea for _, idea in placed_ideas(workshop) if workshop.goal(idea.goal_id) is None]


def parking_lot(workshop: Workshop) -> list[tuple[Idea, int]]:
    """Ideas that are not on the roadmap, did not win, do not wait in a
    tie at the cut line and were not decided against (``items.py``), most
    dots first, with their dots."""
    won = {r.idea.id for r in [*chosen(workshop), *tie_at_cut(workshop)]}
    totals = tally(workshop)
    rest = [
        (place, idea)
        for place, idea in enumerate(workshop.ideas)
        if idea.id not in won
        and workshop.placement(idea.id) is None
        and idea.id not in workshop.carried
        and idea.id not in workshop.wont_do
    ]
    rest.sort(key=lambda pair: (-totals[pair[1].id], pair[0]))
    return [(idea, totals[idea.id]) for _, idea in rest]


def set_sizes(
    workshop: Workshop, idea_id: int, *, priority: str | None = None, effort: str | None = None
) -> tuple[str | None, str | None]:
    """Give an idea on the roadmap its priority or effort (``None`` leaves
    that one as it is). A winner that has no column yet keeps them until it
    is placed, so that the room can size a card and place it in one go.
    Returns the idea's priority and effort."""
    placement = workshop.placement(idea_id)
    if placement is not None:
        if priority is not None:
            workshop.set_priority(idea_id, priority)
        if effort is not None:
            workshop.set_effort(idea_id, effort)
        return placement.priority, placement.effort
    if idea_id not in {r.idea.id for r in chosen(workshop)}:
        raise WorkshopError("Place the idea on the roadmap first.")
    if priority is not None and priority not in PRIORITIES:
        raise WorkshopError(f"A priority is one of {', '.join(PRIORITIES)}.")
    if effort is not None and effort not in EFFORTS:
        raise WorkshopError(f"An effort is one of {', '.join(EFFORTS)}.")
    before = workshop.sizing.get(idea_id, (None, None))
    sizes = (priority or before[0], effort or before[1])
    workshop.sizing[idea_id] = sizes
    return sizes
