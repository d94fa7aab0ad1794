"""Reviews: the next session of a series starts from the last, and says what moved.

A review is a new session that carries over from the last one the mission,
the goals with their metrics, the roadmap items where they were (with their
confidence, needs and risk), and the parking lot (back as ideas, with the
dots they had); what the room decided against (won't do) stays on record,
not back as ideas. The room walks the
carried items on the Review step and gives each a status; done and dropped
items leave the board but stay in the record. The last session itself is
never changed: the review keeps a copy of what it was (:class:`Earlier`),
which :func:`since` compares with the review as it is now.

Items are followed through a series by a key (:attr:`Carried.key`), the same
in every review that carries them; goals by their id, which a review keeps.
"""

from __future__ import annotations

from datetime import date, datetime

from msgspec import Struct
from msgspec.structs import replace

from tui_roadmap.workshop.actions import Outcome as ActionOutcome
from tui_roadmap.workshop.actions import carry
from tui_roadmap.workshop.actions import outcomes as action_outcomes
from tui_roadmap.workshop.items import carry_details, wont_record
from tui_roadmap.workshop.metrics import Move, latest, moves, number_changes
from tui_roadmap.workshop.model import (
    LEAVES_BOARD,
    STATUSES,
    Carried,
    Earlier,
    EarlierItem,
    Goal,
    Placement,
    Workshop,
    WorkshopError,
    new_workshop,
    series_of,
    uid_of,
)
from tui_roadmap.workshop.roadmap import added_by_room, parking_lot, placed_ideas
from tui_roadmap.workshop.text import clean
from tui_roadmap.workshop.timeframe import Quarter, Timeframe, TimeframeError
from tui_roadmap.workshop.vote import tally, totals_hidden, winners

STATUS_KEYS: dict[str, str] = {"d": "done", "i": "doing", "n": "todo", "x": "dropped"}
"""The key that sets each status on the Review step."""


def roll_timeframe(timeframe: Timeframe, today: date) -> Timeframe:
    """The timeframe of a review held ``today``: quarters that have ended
    drop off and as many are added at the end; the horizons stay."""
    if timeframe.start is None:
        return timeframe
    ended = Quarter.containing(today).minus(timeframe.start)
    return Timeframe(timeframe.start.shifted(ended), timeframe.count) if ended > 0 else timeframe


def _ended(column: str, timeframe: Timeframe) -> bool:
    """True for a quarter before the timeframe's first (it has ended: its
    items wait in the first quarter left)."""
    if timeframe.start is None:
        return False
    try:
        return Quarter.parse(column) < timeframe.start
    except TimeframeError:
        return False


def item_key(workshop: Workshop, idea_id: int) -> str:
    """The key that follows an item through the series."""
    carried = workshop.carried.get(idea_id)
    return carried.key if carried is not None else f"{uid_of(workshop)}/{idea_id}"


def earlier_of(workshop: Workshop) -> Earlier:
    """A session as a review keeps it: its goals, its roadmap items and its
    open actions."""
    items = []
    for placement, idea in placed_ideas(workshop):
        goal = workshop.goal(idea.goal_id)
        items.append(
            EarlierItem(
                item_key(workshop, idea.id),
                idea.text,
                goal.title if goal else "",
                placement.column,
                placement.priority,
                placement.effort,
            )
        )
    held = workshop.created.date()
    return Earlier(
        uid_of(workshop),
        workshop.name,
        held,
        tuple(workshop.goals),
        tuple(items),
        latest(workshop),
        wont=wont_record(workshop),
        actions=tuple(carry(workshop)),
    )


def start_review(earlier: Workshop, name: str, now: datetime) -> Workshop:
    """The next session of ``earlier``'s series, held ``now`` (``earlier``
    is not changed). It opens on the Review step."""
    if totals_hidden(earlier):
        raise WorkshopError(
            f"The secret vote of {earlier.name} is still open: close it first, so that the review knows "
            "which ideas won."
        )
    review = new_workshop(name, now)
    review.product, review.mission, review.doc_link = earlier.product, earlier.mission, earlier.doc_link
    review.series = series_of(earlier)
    review.earlier = earlier_of(earlier)
    review.timeframe = roll_timeframe(earlier.timeframe, now.date())
    review.goals = list(earlier.goals)
    review.goal_floor = max([earlier.goal_floor, *(goal.id for goal in earlier.goals)])
    review.participants = list(earlier.participants)
    columns = review.timeframe.columns
    ids: dict[int, int] = {}
    for placement, idea in placed_ideas(earlier):
        carried = review.add_idea(idea.text, idea.goal_id, idea.proposer)
        ids[idea.id] = carried.id
        column = columns[0] if _ended(placement.column, review.timeframe) else placement.column
        review.placements.append(Placement(carried.id, column, placement.priority, placement.effort))
        review.carried[carried.id] = Carried(item_key(earlier, idea.id))
        if idea.id in earlier.scopes:
            review.scopes[carried.id] = earlier.scopes[idea.id]
    carry_details(earlier, review, ids)
    for idea, dots in parking_lot(earlier):  # what it decided against stays on record (review.earlier.wont)
        back = review.add_idea(idea.text, idea.goal_id, idea.proposer)
        if dots:
            review.last_dots[back.id] = dots
    review.capacities = {column: points for column, points in earlier.capacities.items() if column in columns}
    review.actions = carry(earlier)
    # Nothing was on the roadmap and no action open: nothing to review.
    review.step = "review" if review.carried or review.actions else "goals"
    return review


def set_status(workshop: Workshop, idea_id: int, status: str | None) -> Carried:
    """Say what became of a carried item: done and dropped take it off the
    board (and keep where it was, in case the room changes its mind); the
    others put it back where it was."""
    carried = _carried(workshop, idea_id)
    if status is not None and status not in STATUSES:
        raise WorkshopError(f"A status is one of {', '.join(STATUSES.values())}.")
    held = carried.held
    placement = workshop.placement(idea_id)
    if status in LEAVES_BOARD:
        if placement is not None:
            held = (placement.column, placement.priority, placement.effort)
            workshop.unplace(idea_id)
    elif placement is None and held is not None:
        workshop.placements.append(Placement(idea_id, *held))
        held = None
    workshop.carried[idea_id] = replace(carried, status=status, held=held)
    return workshop.carried[idea_id]


def set_note(workshop: Workshop, idea_id: int, note: str) -> None:
    """The room's one line on a carried item (empty: none)."""
    carried = _carried(workshop, idea_id)
    workshop.carried[idea_id] = replace(carried, note=clean(note, 200))


def check_off_board(workshop: Workshop, idea_id: int) -> None:
    """Refuse to take a carried item off the board other than by its status."""
    if idea_id in workshop.carried:
        raise WorkshopError(
            f"\u201c{workshop.idea(idea_id).text}\u201d is carried over from the last review: set it to done or "
            "dropped on the Review step (F7) to take it off the board."
        )


def _carried(workshop: Workshop, idea_id: int) -> Carried:
    workshop.idea(idea_id)
    carried = workshop.carried.get(idea_id)
    if carried is None:
        raise WorkshopError("That idea was not on the last roadmap: it has no status to review.")
    return carried


def carried_ideas(workshop: Workshop) -> list[tuple[int, Carried]]:
    """The carried items in the order of the ideas (the order of the last roadmap)."""
    return [(idea.id, workshop.carried[idea.id]) for idea in workshop.ideas if idea.id in workshop.carried]


def held_place(workshop: Workshop, idea_id: int) -> tuple[str, str | None, str | None]:
    """Where a carried item is on the board (or was, if it is done or
    dropped): its column, priority and effort."""
    placement = workshop.placement(idea_id)
    if placement is not None:
        return placement.column, placement.priority, placement.effort
    held = workshop.carried[idea_id].held
    return held if held is not None else ("", None, None)


def earlier_column(workshop: Workshop, idea_id: int) -> str:
    """The column a carried item had on the earlier roadmap ("" if unknown)."""
    carried = workshop.carried.get(idea_id)
    if carried is None or workshop.earlier is None:
        return ""
    return next((item.column for item in workshop.earlier.items if item.key == carried.key), "")


def unreviewed(workshop: Workshop) -> list[int]:
    """Carried items the room has not given a status yet."""
    return [idea_id for idea_id, carried in carried_ideas(workshop) if carried.status is None]


# ----------------------------------------------------------------- what moved


class Outcome(Struct, frozen=True):
    """What became of an item of the earlier roadmap."""

    text: str
    status: str | None
    """One of :data:`STATUSES`; None if the room has not said; ``gone`` if
    it is no longer in the later session at all (done or dropped in a
    review in between)."""
    note: str = ""
    column: str = ""
    """Where it was on the earlier roadmap."""


class Change(Struct, frozen=True):
    """An item or a goal that changed: what, and from what to what."""

    text: str
    what: str
    before: str
    after: str


class NewItem(Struct, frozen=True):
    text: str
    column: str
    source: str
    """Where it came from, in words."""


class Since(Struct, frozen=True):
    """What moved between an earlier session and a later one of its series."""

    earlier: str
    held: date
    outcomes: tuple[Outcome, ...]
    moved: tuple[Change, ...]
    resized: tuple[Change, ...]
    new_items: tuple[NewItem, ...]
    goals_added: tuple[Goal, ...]
    goals_removed: tuple[Goal, ...]
    reworded: tuple[Change, ...]
    metrics: tuple[Change, ...]
    numbers: tuple[Change, ...] = ()
    """Baselines and targets changed (``what``: ``baseline`` or ``target``)."""
    readings: tuple[Move, ...] = ()
    """How each metric moved (see ``metrics.moves``)."""
    actions: tuple[ActionOutcome, ...] = ()
    """What became of the earlier session's open actions."""

    @property
    def nothing(self) -> bool:
        """True if nothing at all changed."""
        return not any(
            (
                [o for o in self.outcomes if o.status not in (None, "todo") or o.note],
                self.moved,
                self.resized,
                self.new_items,
                self.goals_added,
                self.goals_removed,
                self.reworded,
                self.metrics,
                self.numbers,
                self.readings,
                [a for a in self.actions if a.done or a.now_due != a.due],
            )
        )


def since(earlier: Earlier, later: Workshop) -> Since:
    """What moved from ``earlier`` (a session as :func:`earlier_of` keeps
    it) to ``later``: the fate of each earlier item, moves between columns,
    priority and effort changed, new items with where they came from, and
    the goals added, removed, re-worded or measured differently, how each
    metric moved, and what became of its open actions."""
    by_key = {carried.key: idea_id for idea_id, carried in later.carried.items()}
    outcomes, moved, resized = [], [], []
    hidden = totals_hidden(later)
    for item in earlier.items:
        idea_id = by_key.get(item.key)
        if idea_id is None or not any(idea.id == idea_id for idea in later.ideas):
            outcomes.append(Outcome(item.text, "gone", column=item.column))
            continue
        carried = later.carried[idea_id]
        text = later.idea(idea_id).text
        outcomes.append(Outcome(text, carried.status, carried.note, item.column))
        placement = later.placement(idea_id)
        if placement is None:
            continue
        if placement.column != item.column:
            moved.append(Change(text, "column", item.column, placement.column))
        for what, before, after in (
            ("priority", item.priority, placement.priority),
            ("effort", item.effort, placement.effort),
        ):
            if before != after:
                resized.append(Change(text, what, before or "none", after or "none"))
    known = {item.key for item in earlier.items}
    new_items = [] if hidden else _new_items(later, known)
    old_goals = {goal.id: goal for goal in earlier.goals}
    new_goals = {goal.id: goal for goal in later.goals}
    reworded = [
        Change(goal.title, "goal", old_goals[goal.id].title, goal.title)
        for goal in later.goals
        if goal.id in old_goals and old_goals[goal.id].title != goal.title
    ]
    metrics = [
        Change(goal.title, "metric", old_goals[goal.id].metric, goal.metric)
        for goal in later.goals
        if goal.id in old_goals and old_goals[goal.id].metric != goal.metric
    ]
    numbers = [
        Change(goal.title, what, before, after)
        for goal in later.goals
        if goal.id in old_goals
        for what, before, after in number_changes(old_goals[goal.id], goal)
    ]
    return Since(
        earlier.name,
        earlier.held,
        tuple(outcomes),
        tuple(moved),
        tuple(resized),
        tuple(new_items),
        tuple(goal for goal in later.goals if goal.id not in old_goals),
        tuple(goal for goal in earlier.goals if goal.id not in new_goals),
        tuple(reworded),
        tuple(metrics),
        tuple(numbers),
        moves(earlier, later),
        action_outcomes(earlier, later),
    )


def _new_items(later: Workshop, known: set[str]) -> list[NewItem]:
    """The items on ``later``'s roadmap that were not on the earlier one
    (whose item keys are ``known``), with where they came from."""
    added = added_by_room(later)
    won = {r.idea.id for r in winners(later)}
    dots = tally(later)
    items = []
    for placement, idea in placed_ideas(later):
        if item_key(later, idea.id) in known:
            continue
        if idea.id in later.carried:
            source = "added in a review in between"
        elif idea.id in added:
            source = "added by the room"
        elif idea.id in won:
            source = f"from the vote ({dots.get(idea.id, 0)} dots)"
        else:
            source = "placed on the board"
        if idea.id in later.last_dots:
            dots_then = later.last_dots[idea.id]
            source += f"; in the parking lot last time with {dots_then} {'dot' if dots_then == 1 else 'dots'}"
        items.append(NewItem(idea.text, placement.column, source))
    return items


def describe_status(status: str | None) -> str:
    """A status in words."""
    if status is None:
        return "no status yet"
    if status == "gone":
        return "done or dropped in a review in between"
    return STATUSES[status]


def between(earlier: Workshop, later: Workshop) -> Since:
    """What moved from the session ``earlier`` to the session ``later`` of
    its series: from the record ``later`` kept of it if ``later`` is its
    review (``earlier`` may have been changed since), else from ``earlier``
    as it is now."""
    kept = later.earlier
    record = kept if kept is not None and kept.uid == uid_of(earlier) else earlier_of(earlier)
    return since(record, later)
