"""What the room says of its roadmap items beyond their size, and what it
decided against.

- **Confidence**: how sure the room is of an item (High, Medium, Low).
- **Needs**: the other roadmap items an item needs done first. An item
  cannot need itself, nor an item that needs it (directly or through
  others): the needs never go round in a loop. The checklist flags an item
  placed in an earlier column than an item it needs, and an item whose
  need is no longer on the roadmap.
- **Risk**: one line on what could stop or delay it.
- **Won't do**: an idea of the parking lot the room decided against, with
  its reason. It leaves the parking lot for a heading of its own in the
  draft, and a review keeps it on record (:func:`wont_record`) instead of
  bringing it back as an idea to vote on.

Details are kept by idea id (``Workshop.item_details``, immutable
``ItemDetails`` values). An item that leaves the roadmap keeps them, so that
it comes back with them; a deleted idea takes them with it, and leaves the
needs of the others; a merged one gives them to the idea it is merged into.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable

from msgspec import Struct
from msgspec.structs import replace

from tui_roadmap.workshop.model import CONFIDENCES, EarlierWont, Idea, ItemDetails, Workshop, WorkshopError
from tui_roadmap.workshop.roadmap import chosen
from tui_roadmap.workshop.text import clean, shorten
from tui_roadmap.workshop.vote import tie_at_cut, totals_hidden

MAX_RISK = 200
"""The longest risk or reason kept, in characters: one line."""


def _quoted(text: str, limit: int = 60) -> str:
    return f"\u201c{shorten(text, limit)}\u201d"


# ----------------------------------------------------------------- details


def details_of(workshop: Workshop, idea_id: int) -> ItemDetails:
    """The item's details (empty if it has none)."""
    return workshop.item_details.get(idea_id, ItemDetails())


def _set(workshop: Workshop, idea_id: int, details: ItemDetails) -> None:
    if details == ItemDetails():
        workshop.item_details.pop(idea_id, None)
    else:
        workshop.item_details[idea_id] = details


def check_item(workshop: Workshop, idea_id: int) -> Idea:
    """The idea, if it is on the roadmap (only roadmap items have a
    confidence, needs and a risk); else raises, saying so."""
    idea = workshop.idea(idea_id)
    if workshop.placement(idea_id) is None:
        raise WorkshopError(f"Place {_quoted(idea.text, 40)} in a column first: only roadmap items have these.")
    return idea


def set_confidence(workshop: Workshop, idea_id: int, confidence: str | None) -> None:
    """Say how sure the room is of an item (None: not said)."""
    check_item(workshop, idea_id)
    if confidence is not None and confidence not in CONFIDENCES:
        raise WorkshopError(f"A confidence is one of {', '.join(CONFIDENCES)}.")
    _set(workshop, idea_id, replace(details_of(workshop, idea_id), confidence=confidence))


def next_confidence(current: str | None) -> str | None:
    """The confidence after ``current``: High, Medium, Low, then none."""
    order: tuple[str | None, ...] = (*CONFIDENCES, None)
    return order[(order.index(current) + 1) % len(order)] if current in order else CONFIDENCES[0]


def cycle_confidence(workshop: Workshop, idea_id: int) -> str | None:
    """Give the item the next confidence; returns it."""
    confidence = next_confidence(details_of(workshop, idea_id).confidence)
    set_confidence(workshop, idea_id, confidence)
    return confidence


def set_risk(workshop: Workshop, idea_id: int, risk: str) -> str:
    """The item's one-line risk (empty: none); returns it as kept."""
    check_item(workshop, idea_id)
    text = clean(risk, MAX_RISK)
    _set(workshop, idea_id, replace(details_of(workshop, idea_id), risk=text))
    return text


def _needs_graph(workshop: Workshop) -> dict[int, tuple[int, ...]]:
    return {idea_id: details.needs for idea_id, details in workshop.item_details.items() if details.needs}


def _path(graph: dict[int, tuple[int, ...]], start: int, goal: int) -> list[int] | None:
    """The ideas from ``start`` to ``goal`` following the needs, if there is a way."""
    seen = {start}
    trail: dict[int, int] = {}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == goal:
            path = [here]
            while path[-1] != start:
                path.append(trail[path[-1]])
            return path[::-1]
        for nxt in graph.get(here, ()):
            if nxt not in seen:
                seen.add(nxt)
                trail[nxt] = here
                queue.append(nxt)
    return None


def set_needs(workshop: Workshop, idea_id: int, needed: Iterable[int]) -> tuple[int, ...]:
    """Say which other roadmap items (by id) the item needs (none: it needs
    nothing). Refused, saying why, for the item itself, an idea that is
    not on the roadmap, or one that needs the item already (a loop)."""
    idea = check_item(workshop, idea_id)
    needs = tuple(dict.fromkeys(needed))
    for other_id in needs:
        other = workshop.idea(other_id)
        if other_id == idea_id:
            raise WorkshopError(f"{_quoted(idea.text)} cannot need itself.")
        if workshop.placement(other_id) is None:
            raise WorkshopError(
                f"{_quoted(other.text)} is not on the roadmap: an item can only need another roadmap item."
            )
    graph = _needs_graph(workshop)
    graph[idea_id] = needs
    for other_id in needs:
        loop = _path(graph, other_id, idea_id)
        if loop is not None:
            through = [workshop.idea(i).text for i in loop[1:-1]]
            via = f" (through {', '.join(_quoted(t, 30) for t in through)})" if through else ""
            raise WorkshopError(
                f"{_quoted(workshop.idea(other_id).text)} already needs {_quoted(idea.text)}{via}: "
                "an item cannot need what needs it."
            )
    _set(workshop, idea_id, replace(details_of(workshop, idea_id), needs=needs))
    return needs


def needing(workshop: Workshop, idea_id: int) -> set[int]:
    """The items that need this one, directly or through others (it cannot
    need any of them)."""
    graph = _needs_graph(workshop)
    return {other for other in graph if other != idea_id and _path(graph, other, idea_id) is not None}


def read_needs(workshop: Workshop, text: str) -> list[int]:
    """The ideas (ids) named by their numbers in ``text`` (``1, 6``, ``1 6``,
    ``#1 and #6``; empty: none). Raises, saying why, if it is not a list of
    numbers or a number is not an idea's."""
    ids = []
    for word in re.split(r"[\s,;]+", clean(text)):
        number = word.removeprefix("#")
        if not word or word.casefold() == "and":
            continue
        if not (number.isascii() and number.isdigit()):
            raise WorkshopError("Type the numbers of the items it needs, as the list shows them: 1, 6.")
        ids.append(workshop.idea_by_number(int(number)).id)
    return ids


def needed_ideas(workshop: Workshop, idea_id: int) -> list[Idea]:
    """The ideas the item needs, in the order named (those that exist)."""
    by_id = {idea.id: idea for idea in workshop.ideas}
    return [by_id[i] for i in details_of(workshop, idea_id).needs if i in by_id]


def numbers_of(workshop: Workshop, idea_id: int) -> str:
    """The numbers of the ideas the item needs, as the form shows them."""
    return ", ".join(str(workshop.idea_number(idea.id)) for idea in needed_ideas(workshop, idea_id))


def without_loops(details: dict[int, ItemDetails], ideas: set[int]) -> dict[int, ItemDetails]:
    """``details`` with every need on an idea that is not in ``ideas``, on
    the item itself, or closing a loop, left out (a file edited by hand, a
    merge): each need is taken in turn, and one that would close a loop is
    the one dropped."""
    graph: dict[int, tuple[int, ...]] = {}
    kept: dict[int, ItemDetails] = {}
    for idea_id, item in details.items():
        needs: list[int] = []
        for other in dict.fromkeys(item.needs):
            if other == idea_id or other not in ideas:
                continue
            graph[idea_id] = (*needs, other)
            if _path(graph, other, idea_id) is not None:
                continue
            needs.append(other)
        graph[idea_id] = tuple(needs)
        rest = replace(item, needs=tuple(needs))
        if rest != ItemDetails():
            kept[idea_id] = rest
    return kept


class Need(Struct, frozen=True):
    """An item an item needs, and where it is."""

    idea: Idea
    column: str | None
    """The column it is placed in; None: not on the roadmap."""
    done: bool = False
    """It is done (a review's carried item, off the board for that)."""
    later: bool = False
    """It is placed in a later column than the item that needs it."""

    @property
    def problem(self) -> bool:
        """True if the room should look at it: placed later, or gone from the roadmap undone."""
        return self.later or (self.column is None and not self.done)


def needs_of(workshop: Workshop, idea_id: int) -> list[Need]:
    """What the item needs, in the order named, each with where it is."""
    order = {name: index for index, name in enumerate(workshop.timeframe.columns)}
    own = workshop.placement(idea_id)
    needs = []
    for needed in needed_ideas(workshop, idea_id):
        there = workshop.placement(needed.id)
        if there is None:
            carried = workshop.carried.get(needed.id)
            needs.append(Need(needed, None, done=carried is not None and carried.status == "done"))
            continue
        later = (
            own is not None
            and own.column in order
            and there.column in order
            and order[there.column] > order[own.column]
        )
        needs.append(Need(needed, there.column, later=later))
    return needs


class NeedProblem(Struct, frozen=True):
    """An item that needs another placed after it, or not on the roadmap."""

    idea: Idea
    column: str
    needed: Idea
    needed_column: str | None
    """The column of the item it needs; None: not on the roadmap."""


def need_problems(workshop: Workshop) -> list[NeedProblem]:
    """Items placed in an earlier column than an item they need, and items
    that need one no longer on the roadmap (one done, in a review, is no
    problem), in the order of the board."""
    order = {name: index for index, name in enumerate(workshop.timeframe.columns)}
    problems = []
    for placement in sorted(workshop.placements, key=lambda p: order.get(p.column, len(order))):
        if placement.column not in order:
            continue  # outside the timeframe: the checklist says so already
        idea = workshop.idea(placement.idea_id)
        for need in needs_of(workshop, idea.id):
            if need.problem:
                problems.append(NeedProblem(idea, placement.column, need.idea, need.column))
    return problems


def merge_details(workshop: Workshop, other_id: int, into_id: int) -> None:
    """Idea ``other_id`` is merged into ``into_id``: its details go with it
    (unless the idea merged into has its own), the items that needed it need
    the merged idea, and a won't-do on it goes (the merged idea keeps its own)."""
    details = workshop.item_details.pop(other_id, None)
    if details is not None and into_id not in workshop.item_details:
        workshop.item_details[into_id] = details
    for idea_id, item in list(workshop.item_details.items()):
        if other_id in item.needs:
            workshop.item_details[idea_id] = replace(
                item, needs=tuple(into_id if n == other_id else n for n in item.needs)
            )
    ideas = {idea.id for idea in workshop.ideas if idea.id != other_id}
    workshop.item_details = without_loops(workshop.item_details, ideas)
    workshop.wont_do.pop(other_id, None)


def carry_details(earlier: Workshop, review: Workshop, carried: dict[int, int]) -> None:
    """A review's items (``carried``: earlier idea id -> the review's) keep
    their details, and their needs among the items carried."""
    for old, new in carried.items():
        details = earlier.item_details.get(old)
        if details is not None:
            needs = tuple(carried[n] for n in details.needs if n in carried)
            _set(review, new, replace(details, needs=needs))


# ---------------------------------------------------------------- won't do


def _not_chosen(workshop: Workshop, idea_id: int) -> bool:
    """True if the idea is not on the roadmap, did not win and does not wait
    in a tie at the cut line (it is in the parking lot, or decided against)."""
    if workshop.placement(idea_id) is not None or idea_id in workshop.carried:
        return False
    return idea_id not in {r.idea.id for r in [*chosen(workshop), *tie_at_cut(workshop)]}


def check_wont_do(workshop: Workshop, idea_id: int) -> Idea:
    """The idea, if it can be marked won't do (it is in the parking lot);
    else raises, saying why."""
    idea = workshop.idea(idea_id)
    if idea_id in workshop.carried:
        raise WorkshopError(
            f"{_quoted(idea.text, 40)} is carried over from the last review: set it to dropped on the Review step."
        )
    if totals_hidden(workshop):
        raise WorkshopError("The vote is on secret ballots and still open: the parking lot is known once it is closed.")
    if not _not_chosen(workshop, idea_id):
        raise WorkshopError(
            f"{_quoted(idea.text, 40)} is on the roadmap, won the vote or is tied at the cut line: "
            "only an idea in the parking lot can be marked won't do."
        )
    return idea


def set_wont_do(workshop: Workshop, idea_id: int, reason: str) -> bool:
    """Mark an idea of the parking lot won't do, with the room's reason (a
    new reason replaces the old one); an empty reason takes the mark off.
    Returns whether it is marked."""
    text = clean(reason, MAX_RISK)
    if not text:
        workshop.idea(idea_id)
        workshop.wont_do.pop(idea_id, None)
        return False
    check_wont_do(workshop, idea_id)
    workshop.wont_do[idea_id] = text
    return True


def decided_against(workshop: Workshop) -> list[tuple[Idea, str]]:
    """The ideas the room decided against, with the reason, in the order of
    the ideas. (One that made the roadmap since, the dots having changed,
    is not: it keeps the mark, shown again if it goes back to the parking lot.)"""
    if not workshop.wont_do or totals_hidden(workshop):
        return []
    return [
        (idea, workshop.wont_do[idea.id])
        for idea in workshop.ideas
        if idea.id in workshop.wont_do and _not_chosen(workshop, idea.id)
    ]


def is_wont_do(workshop: Workshop, idea_id: int) -> bool:
    """True if the room decided against the idea, and it is still in the parking lot."""
    return idea_id in workshop.wont_do and not totals_hidden(workshop) and _not_chosen(workshop, idea_id)


def wont_record(workshop: Workshop) -> tuple[EarlierWont, ...]:
    """What a review keeps of what the session decided against: its own,
    dated the day it was held, then what it kept on record from before."""
    held = workshop.created.date()
    own = []
    for idea, reason in decided_against(workshop):
        goal = workshop.goal(idea.goal_id)
        own.append(EarlierWont(idea.text, reason, held, goal.title if goal else "", idea.proposer))
    before = workshop.earlier.wont if workshop.earlier is not None else ()
    return (*own, *before)
