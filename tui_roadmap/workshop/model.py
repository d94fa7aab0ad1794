"""The workshop: goals, participants, ideas, dots and the roadmap.

Plain records (msgspec Structs: they cost little to define, copy and
compare) and the edits the facilitator makes to them. Nothing here
knows about the screen or the disk: the store saves a :class:`Workshop`, the
exporter turns it into Markdown, and the user interface shows it and calls its
methods. Every edit checks its input and raises :class:`WorkshopError` with a
message for the room when it cannot be done; nothing is changed in that case.

Goals are numbered for the room by their position (goal 2). An idea keeps
the number it was given for the whole session (idea 14 stays idea 14 after a
merge, a delete or a move; a number that is gone is not given again), so
that a number written on a whiteboard or shown on a phone always means the
same idea. Both have a stable ``id`` underneath, so that a dot or a
placement never points at the wrong idea.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from msgspec import Struct, field
from msgspec.structs import fields, replace

from tui_roadmap.workshop.text import clean_line
from tui_roadmap.workshop.timeframe import Quarter, Timeframe

STEPS: tuple[str, ...] = ("review", "goals", "ideas", "vote", "roadmap", "export")
"""The workshop's steps, in order. The Review step is only in a review
session (one that follows an earlier session: see :attr:`Workshop.steps`)."""

STEP_TITLES: dict[str, str] = {
    "review": "Review",
    "goals": "Goals",
    "ideas": "Ideas",
    "vote": "Vote",
    "roadmap": "Roadmap",
    "export": "Export",
}

PRIORITIES: tuple[str, ...] = ("Must", "Should", "Could")
"""MoSCoW priorities a roadmap item can have ("Won't" ideas stay in the parking lot)."""

EFFORTS: tuple[str, ...] = ("S", "M", "L", "XL")
"""T-shirt sizes for an item's effort."""

CONFIDENCES: tuple[str, ...] = ("High", "Medium", "Low")
"""How sure the room is that a roadmap item will land as planned."""

EFFORT_POINTS: dict[str, int] = {"S": 1, "M": 2, "L": 3, "XL": 5}
"""How much of a column's capacity each size takes."""

MUST_SHARE = 0.6
"""The share of a column's capacity that its Musts may take before the column
is flagged (DSDM's rule of thumb for MoSCoW: Musts at most 60% of the effort)."""

MAX_DOTS_EACH = 20
MAX_VOTERS = 200
MAX_IDEA_NUMBER = 1_000_000
"""No idea is numbered higher (a number read from a file above it is given again)."""

_REPLAYED: ContextVar[list[tuple[int, int]] | None] = ContextVar("replayed", default=None)


class WorkshopError(ValueError):
    """An edit that cannot be made; the message is meant for the room."""


class Goal(Struct, frozen=True):
    """A benefit the roadmap should bring, with its success metric.

    Goals, participants and ideas are never changed in place: an edit puts a
    changed copy where the old one was, so a snapshot of the workshop (see
    ``documents.snapshot``) can share them."""

    id: int
    title: str
    metric: str = ""
    baseline: str = ""
    """Where the metric started, as typed (``18%``, ``12,000 a month``;
    empty: not known). Its number is read when needed (``metrics.py``)."""
    target: str = ""
    """Where the metric should get to, as typed (empty: not set)."""


class Reading(Struct, frozen=True):
    """A metric's value as a review measured it, and the day it was measured."""

    value: str
    measured: date


class Participant(Struct, frozen=True):
    """Someone in the room."""

    id: int
    name: str
    role: str = ""


class Idea(Struct, frozen=True):
    """An idea called out by the room."""

    id: int
    text: str
    goal_id: int | None = None
    proposer: str = ""
    number: int = 0
    """The number the room calls it by: given when it is added, never
    changed, never given again in the session (see :meth:`Workshop.add_idea`)."""


class Placement(Struct):
    """A winning idea placed on the roadmap. The order of placements in
    :attr:`Workshop.placements` is their order within each column."""

    idea_id: int
    column: str
    priority: str | None = None
    effort: str | None = None


class TieSettlement(Struct, frozen=True):
    """How the room settled a tie at the cut line (see ``ties.py``)."""

    ideas: tuple[int, ...]
    """The tied ideas, when the tie was settled."""
    seats: int
    """How many of the places above the cut line they shared."""
    how: str
    """``runoff``, ``all`` or ``pick``."""
    chosen: tuple[int, ...]
    """The ideas that won."""
    runoff: tuple[tuple[int, int], ...] = ()
    """(idea, dots) of the runoff, best first, if there was one."""


class Merge(Struct, frozen=True):
    """An idea merged into another before the vote, as it was."""

    into: int
    """The idea it was merged into."""
    text: str
    proposer: str = ""
    number: int = 0
    """The number the room called it by, retired with it (0: not known)."""
    idea: int = 0
    """Its id (0: not known), so that a merge into an idea merged later is followed."""


class Vote(Struct):
    """The dot vote.

    Dots are either counted in the room and entered as tallies per idea, or
    entered voter by voter on secret ballots, each voter held to their
    budget and to the most dots on one idea. The total on an idea is the
    sum of both.
    """

    dots_each: int | None = None
    """Dots per participant; None means the suggested number."""
    voters: int | None = None
    """How many people vote; None means the number of participants."""
    max_per_idea: int | None = None
    """The most dots one voter may put on one idea (ballots only); None: no limit."""
    tallies: dict[int, int] = field(default_factory=dict)
    """Dots counted in the room, by idea id."""
    ballots: dict[int, dict[int, int]] = field(default_factory=dict)
    """Dots entered voter by voter: participant id -> idea id -> dots."""
    closed: bool = False
    """True once the vote is closed; hidden totals are shown then."""
    cut: int | None = None
    """How many ideas win; None means the default cut line."""
    secret: bool = False
    """True when the dots are cast on secret ballots, one voter at a time:
    the totals stay hidden until the vote is closed."""
    done: list[int] = field(default_factory=list)
    """The voters whose ballot is in (participant ids, in the order they voted)."""
    turn: int | None = None
    """The voter whose turn it is on the ballot, if the round has begun."""
    runoff: dict[int, int] = field(default_factory=dict)
    """Dots of a runoff among ideas tied at the cut line, by idea id."""
    picked: list[int] = field(default_factory=list)
    """Ideas the room picked among those tied at the cut line, so far."""
    tie: TieSettlement | None = None
    """How the tie at the cut line was settled, if it was."""
    sealed: bool = False
    """True when the secret ballots were read back from a file as totals
    (a closed secret vote keeps no voter's dots): the vote cannot be
    reopened, nor the ballots stopped, until its dots are cleared."""


class Epic(Struct, frozen=True):
    """An epic a roadmap item is scoped into: its stories, and the room's
    acceptance notes."""

    title: str
    stories: tuple[str, ...] = ()
    notes: str = ""


class Scope(Struct, frozen=True):
    """How a roadmap item is scoped (in the meeting or a follow-up): who
    owns it, and its epics."""

    owner: str = ""
    epics: tuple[Epic, ...] = ()


class ItemDetails(Struct, frozen=True):
    """What the room says of a roadmap item beyond its size: how sure it is
    of it, what it needs first, and its main risk (see ``items.py``)."""

    confidence: str | None = None
    """One of :data:`CONFIDENCES`; None: not said."""
    needs: tuple[int, ...] = ()
    """The other items (idea ids) it needs done first, in the order named."""
    risk: str = ""
    """One line: what could stop or delay it."""


STATUSES: dict[str, str] = {
    "done": "done",
    "doing": "in progress",
    "todo": "not started",
    "dropped": "dropped",
}
"""What a review says of each item carried over from the last roadmap (key:
its name in the file; value: in words)."""

LEAVES_BOARD = ("done", "dropped")
"""Statuses that take an item off the board (it stays in the record)."""


class EarlierItem(Struct, frozen=True):
    """An item of the earlier session's roadmap, as it was."""

    key: str
    """The item's key in the series, the same in every review that carries it."""
    text: str
    goal: str = ""
    """The title of the goal it served, if any."""
    column: str = ""
    priority: str | None = None
    effort: str | None = None


class EarlierWont(Struct, frozen=True):
    """An idea a session decided against (won't do), as it was: the record
    a review keeps of it, without bringing it back as an idea."""

    text: str
    reason: str
    held: date
    """The day of the session that decided against it."""
    goal: str = ""
    """The title of the goal it served, if any."""
    proposer: str = ""


class Action(Struct, frozen=True):
    """Who does what by when, agreed by the room: a line of the refinement
    checklist given an owner or a due date, or an action of the room's own
    (see ``actions.py``)."""

    id: int
    text: str
    """The room's own words; for a checklist line, the line as it read when
    it was last set."""
    owner: str = ""
    """A participant's name, or any other name the room typed."""
    due: date | None = None
    done: bool = False
    line: tuple[str, str] | None = None
    """For a checklist line: its kind and the words it is about, which find
    it again each time the checklist is made (see ``actions.line_key``);
    None for the room's own."""
    key: str = ""
    """Its key in the series if it was carried over from the last review
    (empty: an action of this session)."""


class Earlier(Struct, frozen=True):
    """The session a review follows, as it was when the review began: the
    record the review is compared with ("since the last review")."""

    uid: str
    name: str
    held: date
    """The day that session was held."""
    goals: tuple[Goal, ...] = ()
    items: tuple[EarlierItem, ...] = ()
    readings: tuple[tuple[int, Reading], ...] = ()
    """Each goal's last known value then, by goal id (see ``metrics.latest``)."""
    wont: tuple[EarlierWont, ...] = ()
    """What it had decided against, and what it kept on record from before."""
    actions: tuple[Action, ...] = ()
    """Its actions still open, each with its key in the series."""


class Carried(Struct, frozen=True):
    """An item carried over from the earlier session's roadmap, and what the
    review says of it."""

    key: str
    """Its key in the series (see :attr:`EarlierItem.key`)."""
    status: str | None = None
    """One of :data:`STATUSES`; None until the room has said."""
    note: str = ""
    held: tuple[str, str | None, str | None] | None = None
    """Its column, priority and effort while it is off the board (done or
    dropped), so that it goes back where it was if the room changes its mind."""


class HeldIdea(Struct, frozen=True):
    """An idea sent from a phone while the facilitator holds phone ideas
    for review: it joins the ideas when released."""

    text: str
    goal_id: int | None
    sender: int
    """The participant who sent it."""


class Workshop(Struct):
    """One workshop session: everything the room decided, in one object."""

    name: str
    created: datetime
    updated: datetime
    product: str = ""
    mission: str = ""
    doc_link: str = ""
    step: str = "goals"
    timeframe: Timeframe = field(default_factory=Timeframe)
    next_review: date | None = None
    """The date of the next review, if the room set one (else by rule)."""
    goals: list[Goal] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    vote: Vote = field(default_factory=Vote)
    placements: list[Placement] = field(default_factory=list)
    capacities: dict[str, int] = field(default_factory=dict)
    """Capacity of a roadmap column in effort points, by column name."""
    drafts: dict[str, str] = field(default_factory=dict)
    """What is typed but not yet entered (a goal, an idea), by entry field,
    so that a half-typed call-out survives a crash or a quit."""
    added: list[int] = field(default_factory=list)
    """Ideas the room put on the roadmap without the vote (by id)."""
    merges: list[Merge] = field(default_factory=list)
    """Ideas merged into others, as they were, for the record."""
    sizing: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    """Priority and effort given to a winner before it has a column."""
    scopes: dict[int, Scope] = field(default_factory=dict)
    """How each roadmap item is scoped (owner, epics, stories), by idea id."""
    uid: str = ""
    """The session's own id (empty in files from before reviews: see :func:`uid_of`)."""
    series: str = ""
    """The id of the series of reviews the session belongs to: the uid of its
    first session (empty: a series of its own). Kept in the file, so that a
    series survives renaming a session or its file."""
    earlier: Earlier | None = None
    """The session this one reviews, as it was (None: not a review)."""
    carried: dict[int, Carried] = field(default_factory=dict)
    """The ideas carried over from the earlier roadmap, by idea id."""
    last_dots: dict[int, int] = field(default_factory=dict)
    """Ideas back from the earlier parking lot: the dots they had then, by idea id."""
    goal_floor: int = 0
    """New goals get ids above this, so that a goal id means one goal in a
    whole series (the goals are compared by id between reviews)."""
    sent: dict[int, int] = field(default_factory=dict)
    """Ideas sent from a phone: idea id -> the participant who sent it."""
    held: list[HeldIdea] = field(default_factory=list)
    """Ideas from phones waiting for the facilitator's review."""
    hold: bool = False
    """True while ideas from phones wait for review before they are shown."""
    phones: list[int] = field(default_factory=list)
    """Participants who joined the room from a phone (they vote there)."""
    idea_floor: int = 0
    """The highest idea id ever given: ids are never given twice, even after
    an undo, so that a dot sent for an idea can never land on another."""
    number_floor: int = 0
    """The highest idea number ever given: numbers are never given twice
    either, so that a number the room wrote down never means another idea."""
    timers: dict = field(default_factory=dict)
    """Each step's timebox and the time used of it (``timebox.Timer``), by step."""
    readings: dict[int, Reading] = field(default_factory=dict)
    """Each goal's metric as this review measured it, by goal id (see ``metrics.py``)."""
    item_details: dict[int, ItemDetails] = field(default_factory=dict)
    """Each roadmap item's confidence, needs and risk, by idea id; kept when
    the item leaves the roadmap, so that it comes back with them."""
    wont_do: dict[int, str] = field(default_factory=dict)
    """Ideas of the parking lot the room decided against, with its one-line
    reason, by idea id (see ``items.py``)."""
    actions: list[Action] = field(default_factory=list)
    """Who does what by when: the checklist lines given an owner or a date,
    the room's own actions, and those carried over from the last review."""

    # ------------------------------------------------------------- copies

    def copy(self) -> Workshop:
        """A copy that later edits of this workshop do not change, made
        quickly: goals, people, ideas, merges, scopes and actions are immutable and shared."""
        vote = self.vote
        return replace(
            self,
            goals=list(self.goals),
            participants=list(self.participants),
            ideas=list(self.ideas),
            vote=replace(
                vote,
                tallies=dict(vote.tallies),
                ballots={voter: dict(ballot) for voter, ballot in vote.ballots.items()},
                done=list(vote.done),
                runoff=dict(vote.runoff),
                picked=list(vote.picked),
            ),
            placements=[replace(p) for p in self.placements],
            capacities=dict(self.capacities),
            drafts=dict(self.drafts),
            added=list(self.added),
            merges=list(self.merges),
            sizing=dict(self.sizing),
            scopes=dict(self.scopes),
            carried=dict(self.carried),
            last_dots=dict(self.last_dots),
            sent=dict(self.sent),
            timers=dict(self.timers),
            item_details=dict(self.item_details),
            wont_do=dict(self.wont_do),
            held=list(self.held),
            phones=list(self.phones),
            readings=dict(self.readings),
            actions=list(self.actions),
        )

    def restore(
        self, other: Workshop, keep: tuple[str, ...] = ("step", "drafts", "idea_floor", "number_floor", "timers")
    ) -> None:
        """Put back everything from ``other`` (a copy), in this same object,
        but for the fields in ``keep`` (by default where the room is, what it
        is typing, the ids given so far, and the clocks: an undo does not
        turn time back)."""
        copy = other.copy()
        for item in fields(self):
            if item.name not in keep:
                setattr(self, item.name, getattr(copy, item.name))

    @property
    def steps(self) -> tuple[str, ...]:
        """The steps of this session: with the Review step if it is a review."""
        return STEPS if self.earlier is not None else STEPS[1:]

    # ----------------------------------------------------------------- lookups

    def goal(self, goal_id: int | None) -> Goal | None:
        """The goal with this id, if there is one."""
        return next((goal for goal in self.goals if goal.id == goal_id), None)

    def goal_number(self, goal_id: int | None) -> int | None:
        """The number the room sees for a goal (1-based), if it exists."""
        for number, goal in enumerate(self.goals, 1):
            if goal.id == goal_id:
                return number
        return None

    def goal_by_number(self, number: int) -> Goal:
        """The goal the room calls ``number``; raises if there is none."""
        if not 1 <= number <= len(self.goals):
            if not self.goals:
                raise WorkshopError(f"There is no goal {number}: no goals are set yet.")
            raise WorkshopError(f"There is no goal {number}: goals are numbered 1 to {len(self.goals)}.")
        return self.goals[number - 1]

    def idea(self, idea_id: int) -> Idea:
        """The idea with this id; raises if it was deleted."""
        for idea in self.ideas:
            if idea.id == idea_id:
                return idea
        raise WorkshopError("That idea no longer exists.")

    def idea_number(self, idea_id: int) -> int:
        """The number the room sees for an idea (see :attr:`Idea.number`)."""
        return self.idea(idea_id).number

    def idea_by_number(self, number: int) -> Idea:
        """The idea the room calls ``number``; raises, saying why, if there is none."""
        for idea in self.ideas:
            if idea.number == number:
                return idea
        merged = next((m for m in reversed(self.merges) if m.number == number), None)
        holder = self.merged_into(merged) if merged is not None else None
        if holder is not None:
            raise WorkshopError(f"Idea {number} was merged into idea {holder.number}.")
        if not self.ideas:
            raise WorkshopError(f"There is no idea {number}: no ideas are in yet.")
        numbers = [i.number for i in self.ideas]
        raise WorkshopError(f"There is no idea {number}: the ideas' numbers run from {min(numbers)} to {max(numbers)}.")

    def merged_into(self, merge: Merge) -> Idea | None:
        """The idea that holds a merged idea now: the one it was merged into,
        or, if that was merged in turn, the one that took it (None: gone)."""
        seen: set[int] = set()
        into = merge.into
        while into not in seen:
            seen.add(into)
            for idea in self.ideas:
                if idea.id == into:
                    return idea
            later = next((m for m in self.merges if m.idea and m.idea == into), None)
            if later is None:
                return None
            into = later.into
        return None

    def participant(self, participant_id: int) -> Participant:
        """The participant with this id; raises if there is none."""
        for person in self.participants:
            if person.id == participant_id:
                return person
        raise WorkshopError("That participant is no longer in the session.")

    def placement(self, idea_id: int) -> Placement | None:
        """Where an idea sits on the roadmap, if it is placed."""
        return next((p for p in self.placements if p.idea_id == idea_id), None)

    @staticmethod
    def _next_id(items: list) -> int:
        return max((item.id for item in items), default=0) + 1

    # ------------------------------------------------------------- the session

    def set_details(
        self,
        *,
        product: str | None = None,
        mission: str | None = None,
        doc_link: str | None = None,
    ) -> None:
        """Set the product, the mission line or the doc link."""
        if product is not None:
            self.product = _text(product, "The product", allow_empty=True)
        if mission is not None:
            self.mission = _text(mission, "The mission", allow_empty=True)
        if doc_link is not None:
            self.doc_link = _text(doc_link, "The doc link", allow_empty=True)

    def set_step(self, step: str) -> None:
        """Move the room to another step."""
        if step not in self.steps:
            raise WorkshopError(
                f"There is no step {step!r}." if step not in STEPS else "Only a review has a Review step."
            )
        self.step = step

    def set_timeframe(self, timeframe: Timeframe) -> None:
        """Set the timeframe. Items in columns that it no longer has stay
        where they are and are reported as outside the timeframe."""
        self.timeframe = timeframe

    def set_next_review(self, day: date | None) -> None:
        """Set the date of the next review (None: by the rule of thumb)."""
        self.next_review = day

    def set_draft(self, field_name: str, text: str) -> None:
        """Keep what is typed in an entry field (empty: nothing)."""
        cleaned = clean_line(text).text
        if cleaned:
            self.drafts[field_name] = cleaned
        else:
            self.drafts.pop(field_name, None)

    # ------------------------------------------------------------------- goals

    def add_goal(self, title: str, metric: str = "") -> Goal:
        """Add a goal at the end."""
        goal_id = max(self._next_id(self.goals), self.goal_floor + 1)
        goal = Goal(goal_id, _text(title, "A goal"), _text(metric, "A metric", allow_empty=True))
        self.goals.append(goal)
        return goal

    def edit_goal(
        self,
        goal_id: int,
        *,
        title: str | None = None,
        metric: str | None = None,
        baseline: str | None = None,
        target: str | None = None,
    ) -> None:
        """Change a goal's title, metric, or its metric's baseline or target."""
        goal = self._goal_or_raise(goal_id)
        new_title = _text(title, "A goal") if title is not None else goal.title
        new_metric = _text(metric, "A metric", allow_empty=True) if metric is not None else goal.metric
        new_baseline = (
            _text(baseline, "A baseline", allow_empty=True, limit=80) if baseline is not None else goal.baseline
        )
        new_target = _text(target, "A target", allow_empty=True, limit=80) if target is not None else goal.target
        self.goals[self.goals.index(goal)] = replace(
            goal, title=new_title, metric=new_metric, baseline=new_baseline, target=new_target
        )

    def delete_goal(self, goal_id: int) -> list[Idea]:
        """Delete a goal. The ideas tagged with it lose the tag (they are not
        deleted); they are returned."""
        goal = self._goal_or_raise(goal_id)
        untagged = []
        for index, idea in enumerate(self.ideas):
            if idea.goal_id == goal.id:
                self.ideas[index] = replace(idea, goal_id=None)
                untagged.append(self.ideas[index])
        self.goals.remove(goal)
        self.readings.pop(goal.id, None)
        return untagged

    def move_goal(self, goal_id: int, offset: int) -> None:
        """Move a goal up (negative) or down (positive) the list."""
        goal = self._goal_or_raise(goal_id)
        _move_in_list(self.goals, goal, offset)

    def _goal_or_raise(self, goal_id: int) -> Goal:
        goal = self.goal(goal_id)
        if goal is None:
            raise WorkshopError("That goal no longer exists.")
        return goal

    # ------------------------------------------------------------ participants

    def add_participant(self, name: str, role: str = "") -> Participant:
        """Add someone to the room. Names are unique, whatever their case."""
        name = _text(name, "A name", limit=80)
        if any(p.name.casefold() == name.casefold() for p in self.participants):
            raise WorkshopError(f"{name} is already in the room.")
        person = Participant(self._next_id(self.participants), name, _text(role, "A role", allow_empty=True, limit=80))
        self.participants.append(person)
        return person

    def edit_participant(self, participant_id: int, *, name: str | None = None, role: str | None = None) -> None:
        """Rename someone or change their role."""
        person = self.participant(participant_id)
        new_name = _text(name, "A name", limit=80) if name is not None else person.name
        if any(p is not person and p.name.casefold() == new_name.casefold() for p in self.participants):
            raise WorkshopError(f"{new_name} is already in the room.")
        new_role = _text(role, "A role", allow_empty=True, limit=80) if role is not None else person.role
        self.participants[self.participants.index(person)] = replace(person, name=new_name, role=new_role)

    def remove_participant(self, participant_id: int) -> int:
        """Remove someone from the room, with their ballot. Returns how many
        of their dots were removed with them."""
        person = self.participant(participant_id)
        dots = sum(self.vote.ballots.pop(person.id, {}).values())
        self.participants.remove(person)
        self.phones = [voter for voter in self.phones if voter != person.id]
        self.held = [held for held in self.held if held.sender != person.id]
        self.vote.done = [voter for voter in self.vote.done if voter != person.id]
        if self.vote.turn == person.id:
            self.vote.turn = None
        return dots

    # ------------------------------------------------------------------- ideas

    def add_idea(self, text: str, goal_id: int | None = None, proposer: str = "") -> Idea:
        """Add an idea at the end of the list."""
        if goal_id is not None:
            self._goal_or_raise(goal_id)
        idea_id = max(self._next_id(self.ideas), self.idea_floor + 1)
        number = max([self.number_floor, *(i.number for i in self.ideas), *(m.number for m in self.merges)]) + 1
        replayed = _REPLAYED.get()
        if replayed:
            first_id, first_number = replayed.pop(0)
            if all(i.id != first_id and i.number != first_number for i in self.ideas):
                idea_id, number = first_id, first_number
        idea = Idea(
            idea_id, _text(text, "An idea"), goal_id, _text(proposer, "A name", allow_empty=True, limit=80), number
        )
        self.ideas.append(idea)
        self.idea_floor, self.number_floor = max(self.idea_floor, idea_id), max(self.number_floor, number)
        return idea

    def edit_idea(
        self,
        idea_id: int,
        *,
        text: str | None = None,
        proposer: str | None = None,
    ) -> None:
        """Change an idea's text or who proposed it."""
        idea = self.idea(idea_id)
        new_text = _text(text, "An idea") if text is not None else idea.text
        new_proposer = _text(proposer, "A name", allow_empty=True, limit=80) if proposer is not None else idea.proposer
        self.ideas[self.ideas.index(idea)] = replace(idea, text=new_text, proposer=new_proposer)

    def tag_idea(self, idea_id: int, goal_id: int | None) -> None:
        """Tag an idea with the goal it serves (None: no goal)."""
        idea = self.idea(idea_id)
        if goal_id is not None:
            self._goal_or_raise(goal_id)
        self.ideas[self.ideas.index(idea)] = replace(idea, goal_id=goal_id)

    def delete_idea(self, idea_id: int) -> None:
        """Delete an idea with its dots and its place on the roadmap."""
        idea = self.idea(idea_id)
        self.refuse_carried(idea.id, "deleted; set it to dropped on the Review step instead")
        self.ideas.remove(idea)
        self.vote.tallies.pop(idea.id, None)
        for ballot in self.vote.ballots.values():
            ballot.pop(idea.id, None)
        self.vote.runoff.pop(idea.id, None)
        self.vote.picked = [i for i in self.vote.picked if i != idea.id]
        self.placements = [p for p in self.placements if p.idea_id != idea.id]
        self.added = [i for i in self.added if i != idea.id]
        self.sizing.pop(idea.id, None)
        self.scopes.pop(idea.id, None)
        self.sent.pop(idea.id, None)
        self.wont_do.pop(idea.id, None)
        self.item_details.pop(idea.id, None)
        for other, details in list(self.item_details.items()):  # no item needs what is gone
            if idea.id in details.needs:
                rest = replace(details, needs=tuple(n for n in details.needs if n != idea.id))
                self.item_details[other] = rest
                if rest == ItemDetails():
                    del self.item_details[other]

    def move_idea(self, idea_id: int, offset: int) -> None:
        """Move an idea up (negative) or down (positive) the list."""
        _move_in_list(self.ideas, self.idea(idea_id), offset)

    def refuse_carried(self, idea_id: int, what: str) -> None:
        """Refuse to lose an item carried over from the last review: the
        review's record needs it; the room drops it instead."""
        if idea_id in self.carried:
            raise WorkshopError(
                f"\u201c{self.idea(idea_id).text}\u201d is carried over from the last review and stays in its record: "
                f"it cannot be {what}."
            )

    # -------------------------------------------------------------------- vote

    def set_dots_each(self, dots: int | None) -> None:
        """Set how many dots each participant has (None: the suggestion)."""
        if dots is not None and not 1 <= dots <= MAX_DOTS_EACH:
            raise WorkshopError(f"Each participant has 1 to {MAX_DOTS_EACH} dots.")
        if dots is None and (self.vote.tallies or self.vote.ballots):
            raise WorkshopError("Dots are already cast: type how many each participant has.")
        if dots is not None:
            over = [p.name for p in self.participants if sum(self.vote.ballots.get(p.id, {}).values()) > dots]
            if over and self.vote.secret and not self.vote.closed:
                raise WorkshopError(f"Some voters already put more than {dots} dots on their ballots.")
            if over:
                raise WorkshopError(f"{', '.join(over)} already cast more than {dots} dots: remove some first.")
            self.check_budget(self.vote.voters or len(self.participants), dots)
        self.vote.dots_each = dots

    def set_voters(self, voters: int | None) -> None:
        """Set how many people vote (None: the number of participants)."""
        if voters is not None and not 1 <= voters <= MAX_VOTERS:
            raise WorkshopError(f"Between 1 and {MAX_VOTERS} people can vote.")
        if self.vote.dots_each is not None:
            self.check_budget(voters or len(self.participants), self.vote.dots_each)
        self.vote.voters = voters

    def dots_cast(self) -> int:
        """Every dot on the board, counted in the room or on ballots."""
        return sum(self.vote.tallies.values()) + sum(sum(b.values()) for b in self.vote.ballots.values())

    def check_budget(self, voters: int, dots_each: int) -> None:
        """Refuse a vote setting under which more dots are cast than the room
        has: the dots would have to go first."""
        cast = self.dots_cast()
        if cast > voters * dots_each:
            raise WorkshopError(
                f"{cast} dots are cast, more than {voters} voters x {dots_each} dots = {voters * dots_each}: "
                "remove dots first."
            )

    def set_max_per_idea(self, most: int | None) -> None:
        """Set the most dots one voter may put on one idea on a ballot (None:
        the suggestion, ``vote.suggested_cap``)."""
        if most is not None and most < 1:
            raise WorkshopError("A voter may put at least one dot on an idea.")
        self.vote.max_per_idea = most

    def set_cut(self, cut: int | None) -> None:
        """Set how many ideas win (None: back to the default cut line)."""
        if cut is not None and not 0 <= cut <= len(self.ideas):
            raise WorkshopError(f"The cut line can sit after 0 to {len(self.ideas)} ideas.")
        self.vote.cut = cut

    def close_vote(self, closed: bool = True) -> None:
        """Close (or reopen) the vote."""
        if not closed and self.vote.sealed:
            raise WorkshopError(
                "This secret vote was kept as totals once it closed (no voter's dots are kept): it cannot be "
                "reopened. Clear the dots to vote again."
            )
        self.vote.closed = closed

    def clear_dots(self) -> int:
        """Remove every dot. Returns how many were removed."""
        total = sum(self.vote.tallies.values()) + sum(sum(b.values()) for b in self.vote.ballots.values())
        self.vote.tallies.clear()
        self.vote.ballots.clear()
        self.vote.sealed = False
        return total

    # ----------------------------------------------------------------- roadmap

    def place(self, idea_id: int, column: str) -> Placement:
        """Put an idea in a roadmap column (at the end of it), or move it
        there, keeping its priority and effort."""
        self.idea(idea_id)
        if column not in self.timeframe.columns:
            raise WorkshopError(f"There is no column {column!r} in {self.timeframe.label()}.")
        current = self.placement(idea_id)
        if current is not None:
            if current.column == column:
                return current
            self.placements.remove(current)
            current.column = column
        else:
            priority, effort = self.sizing.pop(idea_id, (None, None))
            current = Placement(idea_id, column, priority, effort)
        self.placements.append(current)
        return current

    def unplace(self, idea_id: int) -> None:
        """Take an idea off the roadmap."""
        current = self.placement(idea_id)
        if current is not None:
            self.placements.remove(current)

    def set_priority(self, idea_id: int, priority: str | None) -> None:
        """Give a placed idea a priority (Must, Should, Could)."""
        if priority is not None and priority not in PRIORITIES:
            raise WorkshopError(f"A priority is one of {', '.join(PRIORITIES)}.")
        self._placement_or_raise(idea_id).priority = priority

    def set_effort(self, idea_id: int, effort: str | None) -> None:
        """Give a placed idea an effort (S, M, L, XL)."""
        if effort is not None and effort not in EFFORTS:
            raise WorkshopError(f"An effort is one of {', '.join(EFFORTS)}.")
        self._placement_or_raise(idea_id).effort = effort

    def sizes(self, idea_id: int) -> tuple[str | None, str | None]:
        """An idea's priority and effort, placed or not."""
        placement = self.placement(idea_id)
        if placement is not None:
            return placement.priority, placement.effort
        return self.sizing.get(idea_id, (None, None))

    def move_in_column(self, idea_id: int, offset: int) -> None:
        """Move a placed idea up (negative) or down (positive) its column."""
        current = self._placement_or_raise(idea_id)
        same = [p for p in self.placements if p.column == current.column]
        index = same.index(current)
        target = max(0, min(len(same) - 1, index + offset))
        if target == index:
            return
        same.remove(current)
        same.insert(target, current)
        others = iter(same)
        self.placements = [next(others) if p.column == current.column else p for p in self.placements]

    def column_items(self, column: str) -> list[Placement]:
        """The placements in a column, in order."""
        return [p for p in self.placements if p.column == column]

    def set_capacity(self, column: str, points: int | None) -> None:
        """Set a column's capacity in effort points (None: no capacity)."""
        if column not in self.timeframe.columns:
            raise WorkshopError(f"There is no column {column!r} in {self.timeframe.label()}.")
        if points is None:
            self.capacities.pop(column, None)
        elif not 1 <= points <= 999:
            raise WorkshopError("A capacity is 1 to 999 effort points.")
        else:
            self.capacities[column] = points

    def _placement_or_raise(self, idea_id: int) -> Placement:
        current = self.placement(idea_id)
        if current is None:
            raise WorkshopError("Place the idea on the roadmap first.")
        return current


NEW_SESSION_QUARTERS = 4
"""A new session plans the next four quarters until the room says otherwise."""


@contextmanager
def replaying(added: Iterable[Idea]) -> Iterator[None]:
    """While this holds, the ideas added get, in turn, the id and number of
    ``added`` (where they are free): a change from a phone made again after
    an undo gives its idea the id and number it had, which the phone and
    the room were told."""
    token = _REPLAYED.set([(idea.id, idea.number) for idea in added])
    try:
        yield
    finally:
        _REPLAYED.reset(token)


def added_ideas(before: Workshop | Iterable[Idea], after: Workshop) -> list[Idea]:
    """The ideas of ``after`` that ``before`` did not have, in their order."""
    known = {idea.id for idea in (before.ideas if isinstance(before, Workshop) else before)}
    return [idea for idea in after.ideas if idea.id not in known]


def new_workshop(name: str, now: datetime) -> Workshop:
    """An empty workshop, created now, planning the four quarters after this one."""
    start = Quarter.containing(now.date()).shifted(1)
    return Workshop(
        name=_text(name, "A session name", limit=120),
        created=now,
        updated=now,
        timeframe=Timeframe(start, NEW_SESSION_QUARTERS),
        uid=hashlib.blake2s(f"{name}\0{now.isoformat()}".encode(), digest_size=8).hexdigest(),
    )


def uid_of(workshop: Workshop) -> str:
    """The session's id (see :func:`session_uid`)."""
    return session_uid(workshop.uid, workshop.created, workshop.name)


def session_uid(uid: str, created: datetime, name: str) -> str:
    """A session's id: its own, or for a file from before reviews one made
    from the moment it was created and its name (two sessions made in the
    same second are not one series). Such a file is given it the first time
    it is opened (see ``store.SessionFolder.open_path``), so that renaming
    it later keeps it in its series."""
    if uid:
        return uid
    digest = hashlib.blake2s(name.encode(), digest_size=3).hexdigest()
    return f"c{created:%Y%m%d%H%M%S}{digest}"


def series_of(workshop: Workshop) -> str:
    """The id of the session's series (its own id for a first session)."""
    return workshop.series or uid_of(workshop)


def idea_text(text: str) -> str:
    """An idea's words as the list keeps them; raises if there are none."""
    return _text(text, "An idea")


def _text(value: str, what: str, *, allow_empty: bool = False, limit: int | None = None) -> str:
    cleaned = clean_line(value, limit) if limit else clean_line(value)
    if not cleaned.text and not allow_empty:
        raise WorkshopError(f"{what} cannot be empty.")
    return cleaned.text


def _move_in_list(items: list, item: object, offset: int) -> None:
    index = items.index(item)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
