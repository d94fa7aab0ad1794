"""The refinement checklist: what the team must do after the workshop.

The draft roadmap is a first draft. The checklist lists the decisions the room
left open (a tie at the cut line, a winner with no column, an item with no
goal) and the follow-up scoping (epics and stories with an owner for every
item, metrics, the first quarter's backlog, sharing, the next review).

Each item keeps the room's own words apart from the sentence around them, so
that the exporter can escape them for Markdown and the screen can show them
as typed.
"""

from __future__ import annotations

import calendar
from datetime import date

from msgspec import Struct, field

from tui_roadmap.workshop.items import need_problems
from tui_roadmap.workshop.model import Scope, Workshop
from tui_roadmap.workshop.roadmap import (
    goals_without_items,
    items_without_goal,
    load,
    outside_timeframe,
    placed_ideas,
    unplaced_winners,
)
from tui_roadmap.workshop.scoping import is_scoped
from tui_roadmap.workshop.vote import tie_at_cut, totals_hidden


class Check(Struct, frozen=True):
    """One task on the checklist."""

    kind: str
    """What sort of task: tie, unplaced, outside, unsized, needs-order,
    needs-missing, no-goal, no-item, capacity, musts, metric, scope, backlog,
    share, review."""
    template: str
    """The sentence, with ``{name}`` fields for the room's words."""
    values: dict[str, str] = field(default_factory=dict)
    done: bool = False
    """True for a task the room has done already (an item scoped)."""
    subject: str = ""
    """What the task is about, by id (``idea:5``, ``goal:2``,
    ``column:2027-Q1``, ``needs:6>1``), which stays the same when the
    room's words change; empty for a task the checklist has at most once."""

    def render(self, escape=lambda text: text) -> str:
        """The sentence with the room's words put in, each passed through
        ``escape`` first."""
        return self.template.format(**{key: escape(value) for key, value in self.values.items()})


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def next_review(workshop: Workshop) -> date:
    """When the room meets again: the date it set, or a month after the
    workshop for a roadmap of two quarters or less, else a quarter after."""
    if workshop.next_review is not None:
        return workshop.next_review
    return add_months(workshop.created.date(), workshop.timeframe.review_months())


def review_cadence(workshop: Workshop) -> str:
    """How often the roadmap is reviewed, in words."""
    return "monthly" if workshop.timeframe.review_months() == 1 else "quarterly"


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def checklist(workshop: Workshop) -> list[Check]:
    """The refinement checklist, open decisions first."""
    checks: list[Check] = []
    waiting_review = [workshop.idea(i).text for i, c in workshop.carried.items() if c.status is None]
    if waiting_review:
        checks.append(
            Check(
                "statuses",
                "Give the {count} carried over from the last review a status on the Review step "
                "(done, in progress, not started or dropped): {items}.",
                {"count": _plural(len(waiting_review), "item"), "items": _join(waiting_review)},
            )
        )
    if totals_hidden(workshop):
        waiting = len(workshop.participants) - len(workshop.vote.done)
        checks.append(
            Check(
                "ballots",
                "Close the secret vote ({waiting} still to vote), then place the winners.",
                {"waiting": _plural(max(0, waiting), "voter")},
            )
        )
    tie = [] if totals_hidden(workshop) else tie_at_cut(workshop)
    if tie:
        checks.append(
            Check(
                "tie",
                "Decide the tie at the cut line: {ideas} have {dots} dots each. Settle it on the Vote step: "
                "a runoff among them (r), taking all (a) or the room's pick (w).",
                {"ideas": _join([r.idea.text for r in tie]), "dots": str(tie[0].dots)},
            )
        )
    for ranked in [] if totals_hidden(workshop) else unplaced_winners(workshop):
        checks.append(
            Check(
                "unplaced",
                "Place {idea} ({dots}) on the roadmap, or move it to the parking lot.",
                {"idea": _quoted(ranked.idea.text), "dots": _plural(ranked.dots, "dot")},
                subject=f"idea:{ranked.idea.id}",
            )
        )
    for placement in outside_timeframe(workshop):
        checks.append(
            Check(
                "outside",
                "Move {idea} from {column} into the timeframe ({timeframe}).",
                {
                    "idea": _quoted(workshop.idea(placement.idea_id).text),
                    "column": placement.column,
                    "timeframe": workshop.timeframe.label(),
                },
                subject=f"idea:{placement.idea_id}",
            )
        )
    for placement, idea in placed_ideas(workshop):
        missing = [
            what for what, value in (("priority", placement.priority), ("effort", placement.effort)) if not value
        ]
        if missing:
            checks.append(
                Check(
                    "unsized",
                    "Agree the {missing} of {idea}.",
                    {"missing": " and ".join(missing), "idea": _quoted(idea.text)},
                    subject=f"idea:{idea.id}",
                )
            )
    for problem in need_problems(workshop):
        words = {
            "idea": _quoted(problem.idea.text),
            "column": problem.column,
            "needed": _quoted(problem.needed.text),
        }
        if problem.needed_column is None:
            checks.append(
                Check(
                    "needs-missing",
                    "{idea} ({column}) needs {needed}, which is not on the roadmap: put it back, "
                    "or drop the need (n on the board).",
                    words,
                    subject=f"needs:{problem.idea.id}>{problem.needed.id}",
                )
            )
        else:
            checks.append(
                Check(
                    "needs-order",
                    "{idea} ({column}) needs {needed}, which is in {later}: move one of them.",
                    {**words, "later": problem.needed_column},
                    subject=f"needs:{problem.idea.id}>{problem.needed.id}",
                )
            )
    for idea in items_without_goal(workshop):
        checks.append(
            Check(
                "no-goal",
                "Link {idea} to a goal, or move it to the parking lot: it serves none.",
                {"idea": _quoted(idea.text)},
                subject=f"idea:{idea.id}",
            )
        )
    for goal in goals_without_items(workshop):
        checks.append(
            Check(
                "no-item",
                "Goal {number} {goal} has no roadmap item: add one, or drop the goal for this timeframe.",
                {"number": str(workshop.goal_number(goal.id)), "goal": _quoted(goal.title)},
                subject=f"goal:{goal.id}",
            )
        )
    for column in workshop.timeframe.columns:
        column_load = load(workshop, column)
        if column_load.over:
            checks.append(
                Check(
                    "capacity",
                    "Cut {column} back to its capacity: {points} effort points planned for {capacity}.",
                    {"column": column, "points": str(column_load.points), "capacity": str(column_load.capacity)},
                    subject=f"column:{column}",
                )
            )
        elif column_load.musts_heavy:
            checks.append(
                Check(
                    "musts",
                    "Leave room in {column}: its Musts take {points} of {capacity} effort points.",
                    {"column": column, "points": str(column_load.must_points), "capacity": str(column_load.capacity)},
                    subject=f"column:{column}",
                )
            )
    for goal in workshop.goals:
        if not goal.metric:
            checks.append(
                Check(
                    "metric",
                    "Define a success metric for goal {number} {goal}.",
                    {"number": str(workshop.goal_number(goal.id)), "goal": _quoted(goal.title)},
                    subject=f"goal:{goal.id}",
                )
            )
    for placement, idea in placed_ideas(workshop):
        checks.append(
            Check(
                "scope",
                "Scope {idea} ({column}) into epics and stories, and name an owner.",
                {"idea": _quoted(idea.text), "column": placement.column},
                done=is_scoped(workshop.scopes.get(idea.id, Scope())),
                subject=f"idea:{idea.id}",
            )
        )
    first = workshop.timeframe.columns[0]
    first_items = len(workshop.column_items(first))
    checks.append(
        Check(
            "backlog",
            "Derive the product backlog for {column} from its {items}.",
            {"column": first, "items": _plural(first_items, "roadmap item")},
        )
    )
    checks.append(
        Check("share", "Share this draft with the stakeholders who were not in the room, and collect their feedback.")
    )
    checks.append(
        Check(
            "review",
            "Review the roadmap on {date} ({cadence}), starting from this draft.",
            {"date": next_review(workshop).isoformat(), "cadence": review_cadence(workshop)},
        )
    )
    return checks


def _join(texts: list[str]) -> str:
    quoted = [_quoted(text) for text in texts]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
