"""Rules of the roadmap board: what is placed where, which winners still wait
for a column, how full each column is, and which goals the roadmap serves."""

from __future__ import annotations

from dataclasses import dataclass

from tui_roadmap.workshop.model import EFFORT_POINTS, MUST_SHARE, Goal, Idea, Placement, Workshop
from tui_roadmap.workshop.vote import Ranked, tally, winners


@dataclass(frozen=True)
class Load:
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


def unplaced_winners(workshop: Workshop) -> list[Ranked]:
    """Winners of the vote that have no column yet, best first."""
    return [r for r in winners(workshop) if workshop.placement(r.idea.id) is None]


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
    """Ideas that are not on the roadmap and did not win, most dots first,
    with their dots."""
    won = {r.idea.id for r in winners(workshop)}
    totals = tally(workshop)
    rest = [
        (number, idea)
        for number, idea in enumerate(workshop.ideas, 1)
        if idea.id not in won and workshop.placement(idea.id) is None
    ]
    rest.sort(key=lambda pair: (-totals[pair[1].id], pair[0]))
    return [(idea, totals[idea.id]) for _, idea in rest]
