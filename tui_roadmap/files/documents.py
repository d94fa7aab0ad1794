"""A workshop as TinyDB documents, and back.

A session file is a TinyDB database with one table per kind of thing::

    session       one document: name, product, mission, timeframe, vote settings,
                  the schema version and a summary for the session list
    goals         one document per goal       (doc_id = the goal's id)
    participants  one document per person     (doc_id = the person's id)
    ideas         one document per idea       (doc_id = the idea's id)
    dots          one document per idea and voter with dots on it
    roadmap       one document per placed idea, in board order

What each document may hold is described once, declaratively, by the
``msgspec`` structs below; reading checks every document against its
description and names the first field that is wrong, so that a damaged or
foreign file is reported with a reason instead of loading as something it is
not. Fields a document does not have take their defaults, so a session that a
script of the user's wrote with TinyDB opens too; tables the app does not know
are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar

import msgspec
from msgspec import Meta, Struct
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from tui_roadmap import __version__
from tui_roadmap.files.storage import MAX_SESSION_BYTES, check_tables
from tui_roadmap.workshop.items import MAX_RISK, without_loops
from tui_roadmap.workshop.metrics import VALUE_LIMIT
from tui_roadmap.workshop.model import (
    CONFIDENCES,
    EFFORTS,
    MAX_DOTS_EACH,
    MAX_IDEA_NUMBER,
    MAX_VOTERS,
    PRIORITIES,
    STATUSES,
    STEPS,
    Action,
    Carried,
    Earlier,
    EarlierItem,
    EarlierWont,
    Epic,
    Goal,
    HeldIdea,
    Idea,
    ItemDetails,
    Merge,
    Participant,
    Placement,
    Reading,
    Scope,
    TieSettlement,
    Vote,
    Workshop,
    session_uid,
)
from tui_roadmap.workshop.text import clean
from tui_roadmap.workshop.timebox import Timer
from tui_roadmap.workshop.timeframe import MAX_QUARTERS, Quarter, Timeframe, TimeframeError

SCHEMA_VERSION = 5
"""The version of the document layout this code writes. Files of this
version or older are read (see :data:`MIGRATIONS`); newer ones are refused,
never overwritten.

- 1: the first release.
- 2: secret ballots (whose ballot is in, whose turn it is), how a tie at the
  cut line was settled, ideas the room put on the roadmap without the vote,
  merged ideas, and sizes given to a winner before it is placed: all new
  fields of the session document, empty in a file of schema 1.
- 3: reviews: the session's id and its series, the earlier session a review
  follows (as it was), the items carried over with their status, the dots
  parked ideas had last time, and the floor of goal ids; the room on their
  phones: ideas sent from phones, ideas held for review, who joined by
  phone; scopes (new fields
  of the session document, empty in a file of schema 2). A version that
  reads only schema 2 refuses such a file instead of dropping the review's
  record at its next save.
- 4: each idea's number, kept for the whole session (``number`` of an idea
  document, the number retired with a merged idea, and the session's
  ``number_floor``). An idea of an older file is numbered by its place in
  the list, as it was shown; a version that reads only schema 3 refuses the
  file instead of numbering the ideas again.
- 5: follow-through (new fields, empty in a file of schema 4): a goal's
  metric with numbers: its ``baseline`` and ``target`` (of a goal document,
  and of the goals a review keeps of the earlier session), and the values a
  review measured (the session's ``readings``, and the earlier session's
  last known values in ``earlier.readings``), each with the day it was
  measured; each roadmap item's confidence, needs and risk
  (``item_details``), the ideas the room decided against with the reason
  (``wont_do``), and in a review's earlier session what it had decided
  against (``earlier.wont``); the actions: who does what by when, for checklist
  lines and the room's own (``actions`` of the session document), and the
  open actions a review carried over (``earlier.actions``)."""

TABLES: tuple[str, ...] = ("session", "goals", "participants", "ideas", "dots", "roadmap")

Tables = dict[str, dict[str, dict[str, Any]]]


def _adds_fields(version: int) -> Callable[[Tables], Tables]:
    """A migration to a schema that only adds fields, each with its empty
    value when missing."""

    def carry_up(data: Tables) -> Tables:
        for doc in data.get("session", {}).values():
            doc["schema"] = version
        return data

    return carry_up


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    1: _adds_fields(2),
    2: _adds_fields(3),
    3: _adds_fields(4),
    4: _adds_fields(5),
}
"""Version n -> what turns the tables of a file of schema n into those of
schema n + 1. A file is carried up one version at a time when it is read;
it is written in the newest schema at its next save."""


class SchemaError(ValueError):
    """A session file whose content is not a workshop; the message says where."""


# ------------------------------------------------------------ the documents

MAX_DOTS = MAX_VOTERS * MAX_DOTS_EACH
"""The most dots a vote can hold: every voter there can be, with every dot
one can have. A count past it in a file is damage, never a vote."""

Count = Annotated[int, Meta(ge=0)]
Positive = Annotated[int, Meta(ge=1)]
Dots = Annotated[int, Meta(ge=1, le=MAX_DOTS)]
DotsEach = Annotated[int, Meta(ge=1, le=MAX_DOTS_EACH)]
Voters = Annotated[int, Meta(ge=1, le=MAX_VOTERS)]
Tally = Annotated[int, Meta(ge=0, le=MAX_SESSION_BYTES)]
"""A count in the summary: never more things than the file has bytes."""
Required = Annotated[str, Meta(min_length=1)]
Step = Literal["review", "goals", "ideas", "vote", "roadmap", "export"]
Priority = Literal["Must", "Should", "Could"]
Effort = Literal["S", "M", "L", "XL"]
Confidence = Literal["High", "Medium", "Low"]

assert STEPS == Step.__args__ and PRIORITIES == Priority.__args__ and EFFORTS == Effort.__args__
assert CONFIDENCES == Confidence.__args__


class TimeframeDoc(Struct):
    start: str | None = None
    count: Annotated[int, Meta(ge=1, le=MAX_QUARTERS)] = 3


class TieDoc(Struct):
    ideas: list[Positive]
    seats: Positive
    how: Literal["runoff", "all", "pick"]
    chosen: list[Positive]
    runoff: list[tuple[Positive, Count]] = []


class VoteDoc(Struct):
    dots_each: DotsEach | None = None
    voters: Voters | None = None
    max_per_idea: DotsEach | None = None
    closed: bool = False
    cut: Count | None = None
    secret: bool = False
    done: list[Positive] = []
    turn: Positive | None = None
    runoff: dict[str, Count] = {}
    picked: list[Positive] = []
    tie: TieDoc | None = None
    sealed: bool = False
    """True when the secret ballots are kept as totals (the vote is closed)."""


class MergeDoc(Struct):
    into: Positive
    text: Required
    proposer: str | None = ""
    number: int | None = None
    idea: int | None = None


class EpicDoc(Struct):
    title: Required
    stories: list[str] = []
    notes: str | None = ""


class ScopeDoc(Struct):
    owner: str | None = ""
    epics: list[EpicDoc] = []


Status = Literal["done", "doing", "todo", "dropped"]
assert tuple(STATUSES) == Status.__args__


class EarlierGoalDoc(Struct):
    id: Positive
    title: Required
    metric: str | None = ""
    baseline: str | None = ""
    target: str | None = ""


class ReadingDoc(Struct):
    value: Required
    measured: date


class EarlierItemDoc(Struct):
    key: Required
    text: Required
    goal: str | None = ""
    column: str | None = ""
    priority: Priority | None = None
    effort: Effort | None = None


class EarlierWontDoc(Struct):
    text: Required
    held: date
    reason: str | None = ""
    goal: str | None = ""
    proposer: str | None = ""


class EarlierActionDoc(Struct):
    key: Required
    text: Required
    owner: str | None = ""
    due: date | None = None


class EarlierDoc(Struct):
    uid: Required
    name: Required
    held: date
    goals: list[EarlierGoalDoc] = []
    items: list[EarlierItemDoc] = []
    readings: dict[str, ReadingDoc] = {}
    wont: list[EarlierWontDoc] = []
    actions: list[EarlierActionDoc] = []


class ItemDetailsDoc(Struct):
    confidence: Confidence | None = None
    needs: list[Positive] = []
    risk: str | None = ""


class ActionDoc(Struct):
    id: Positive
    text: Required
    owner: str | None = ""
    due: date | None = None
    done: bool = False
    line: tuple[str, str] | None = None
    key: str | None = ""


class CarriedDoc(Struct):
    key: Required
    status: Status | None = None
    note: str | None = ""
    held: tuple[str, Priority | None, Effort | None] | None = None


class TimerDoc(Struct):
    minutes: Annotated[int, Meta(ge=1, le=180)]
    used: Annotated[float, Meta(ge=0)] = 0.0
    started: Annotated[datetime, Meta(tz=False)] | None = None
    rang: bool = False


class HeldDoc(Struct):
    text: Required
    sender: Positive
    goal: Positive | None = None


class SummaryDoc(Struct):
    """What the session list shows of a file without reading it whole. It
    is counted again from the file's own tables at each save, so one that
    is damaged is never a reason to refuse the file (see :func:`summary_of`)."""

    goals: Tally = 0
    ideas: Tally = 0
    dots: Tally = 0
    placed: Tally = 0


class SessionDoc(Struct):
    schema: Positive
    name: Required
    created: datetime
    updated: datetime
    app: str = ""
    product: str | None = ""
    mission: str | None = ""
    doc_link: str | None = ""
    step: Step = "goals"
    timeframe: TimeframeDoc | None = None
    next_review: date | None = None
    vote: VoteDoc | None = None
    capacities: dict[str, Positive] = {}
    drafts: dict[str, str] = {}
    summary: Any = None
    """Read apart, and only by the session list (see :class:`SummaryDoc`)."""
    added: list[Positive] = []
    merges: list[MergeDoc] = []
    sizing: dict[str, tuple[Priority | None, Effort | None]] = {}
    scopes: dict[str, ScopeDoc] = {}
    uid: str | None = ""
    series: str | None = ""
    earlier: EarlierDoc | None = None
    carried: dict[str, CarriedDoc] = {}
    last_dots: dict[str, Count] = {}
    goal_floor: Count = 0
    sent: dict[str, Positive] = {}
    held: list[HeldDoc] = []
    hold: bool = False
    phones: list[Positive] = []
    idea_floor: Count = 0
    number_floor: Count = 0
    timers: dict[Step, TimerDoc] = {}
    readings: dict[str, ReadingDoc] = {}
    item_details: dict[str, ItemDetailsDoc] = {}
    wont_do: dict[str, str] = {}
    actions: list[ActionDoc] = []


class GoalDoc(Struct):
    title: Required
    metric: str | None = ""
    order: Count | None = None
    baseline: str | None = ""
    target: str | None = ""


class ParticipantDoc(Struct):
    name: Required
    role: str | None = ""
    order: Count | None = None


class IdeaDoc(Struct):
    text: Required
    goal: Positive | None = None
    proposer: str | None = ""
    order: Count | None = None
    number: int | None = None
    """Out of 1 to MAX_IDEA_NUMBER (a hand edit): the idea is numbered again."""


class DotsDoc(Struct):
    idea: Positive
    count: Dots
    voter: Positive | None = None


class PlacementDoc(Struct):
    idea: Positive
    column: Required
    priority: Priority | None = None
    effort: Effort | None = None


D = TypeVar("D", bound=Struct)

_WORDS = {
    "str": "text",
    "int": "a whole number",
    "bool": "true or false",
    "object": "an object",
    "array": "a list",
    "float": "a number",
    "null": "empty",
}


def read_document(doc: object, shape: type[D], where: str) -> D:
    """``doc`` checked against its description; :class:`SchemaError`
    naming the document and the field if it does not fit."""
    try:
        return msgspec.convert(doc, shape)
    except msgspec.ValidationError as error:
        raise SchemaError(f"{where}: {_in_words(str(error))}") from None


def _in_words(message: str) -> str:
    """A msgspec validation message as a person reads it:
    ``'vote.cut' is not a whole number of at least 0``."""
    found = re.fullmatch(r"(.*?)(?: - at `\$(?:\.(.*))?`)?", message, re.S)
    assert found is not None
    problem, path = found.group(1), found.group(2) or ""
    missing = re.fullmatch(r"Object missing required field `(.*)`", problem)
    if missing:
        return f"{_field(path, missing.group(1))!r} is missing"
    name = _field(path, "")
    if "of length >= 1" in problem:
        return f"{name!r} is not set"
    bound = re.fullmatch(r"Expected `int` >= (\d+)", problem)
    if bound:
        return f"{name!r} is not a whole number of at least {bound.group(1)}"
    most = re.fullmatch(r"Expected `int` <= (\d+)", problem)
    if most:
        return f"{name!r} is too large (at most {int(most.group(1)):,})"
    if "datetime" in problem:
        return f"{name!r} is not a date and time"
    if "date" in problem:
        return f"{name!r} is not a date"
    if problem.startswith("Invalid enum value"):
        return f"{name!r} is not one of {', '.join(_CHOICES.get(name.rsplit('.', 1)[-1], ()))}"
    expected = re.match(r"Expected `([a-z]+)", problem)
    if expected:
        return f"{name!r} is not {_WORDS.get(expected.group(1), expected.group(1))}"
    return f"{name!r}: {problem}" if name else problem


_CHOICES = {
    "step": STEPS,
    "priority": PRIORITIES,
    "effort": EFFORTS,
    "confidence": CONFIDENCES,
    "status": tuple(STATUSES),
    "held[1]": PRIORITIES,
    "held[2]": EFFORTS,
}


def _field(path: str, last: str) -> str:
    return ".".join(part for part in (path, last) if part)


# ----------------------------------------------------------- workshop -> tables


def session_document(workshop: Workshop) -> dict[str, Any]:
    """The session's own document: its details, settings and summary."""
    vote = workshop.vote
    tf = workshop.timeframe
    return {
        "schema": SCHEMA_VERSION,
        "app": f"tui-roadmap {__version__}",
        "name": workshop.name,
        "product": workshop.product,
        "mission": workshop.mission,
        "doc_link": workshop.doc_link,
        "created": workshop.created.isoformat(timespec="seconds"),
        "updated": workshop.updated.isoformat(timespec="seconds"),
        "step": workshop.step,
        "timeframe": {"start": str(tf.start) if tf.start else None, "count": tf.count},
        "next_review": workshop.next_review.isoformat() if workshop.next_review else None,
        "vote": {
            "dots_each": vote.dots_each,
            "voters": vote.voters,
            "max_per_idea": vote.max_per_idea,
            "closed": vote.closed,
            "cut": vote.cut,
            "secret": vote.secret,
            "done": list(vote.done),
            "turn": vote.turn,
            "runoff": {str(idea): dots for idea, dots in vote.runoff.items()},
            "picked": list(vote.picked),
            "sealed": vote.sealed or (vote.secret and vote.closed),
            "tie": None
            if vote.tie is None
            else {
                "ideas": list(vote.tie.ideas),
                "seats": vote.tie.seats,
                "how": vote.tie.how,
                "chosen": list(vote.tie.chosen),
                "runoff": [list(pair) for pair in vote.tie.runoff],
            },
        },
        "capacities": dict(workshop.capacities),
        "drafts": dict(workshop.drafts),
        "added": list(workshop.added),
        "merges": [
            {"into": m.into, "text": m.text, "proposer": m.proposer, "number": m.number or None, "idea": m.idea or None}
            for m in workshop.merges
        ],
        "sizing": {str(idea): list(sizes) for idea, sizes in workshop.sizing.items()},
        "scopes": {
            str(idea): {
                "owner": scope.owner,
                "epics": [{"title": e.title, "stories": list(e.stories), "notes": e.notes} for e in scope.epics],
            }
            for idea, scope in workshop.scopes.items()
        },
        "uid": workshop.uid,
        "series": workshop.series,
        "earlier": _earlier_document(workshop.earlier),
        "carried": {
            str(idea): {"key": c.key, "status": c.status, "note": c.note, "held": list(c.held) if c.held else None}
            for idea, c in workshop.carried.items()
        },
        "last_dots": {str(idea): dots for idea, dots in workshop.last_dots.items()},
        "goal_floor": workshop.goal_floor,
        "sent": {str(idea): person for idea, person in workshop.sent.items()},
        "held": [{"text": h.text, "sender": h.sender, "goal": h.goal_id} for h in workshop.held],
        "hold": workshop.hold,
        "phones": list(workshop.phones),
        "idea_floor": workshop.idea_floor,
        "number_floor": workshop.number_floor,
        "timers": {
            step: {
                "minutes": t.minutes,
                "used": round(t.used, 3),
                "started": t.started.isoformat(timespec="seconds") if t.started else None,
                "rang": t.rang,
            }
            for step, t in workshop.timers.items()
        },
        "readings": _readings_document(workshop.readings.items()),
        "item_details": {
            str(idea): {"confidence": d.confidence, "needs": list(d.needs), "risk": d.risk}
            for idea, d in workshop.item_details.items()
        },
        "wont_do": {str(idea): reason for idea, reason in workshop.wont_do.items()},
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owner": a.owner,
                "due": a.due.isoformat() if a.due else None,
                "done": a.done,
                "line": list(a.line) if a.line else None,
                "key": a.key,
            }
            for a in workshop.actions
        ],
        "summary": {
            "goals": len(workshop.goals),
            "ideas": len(workshop.ideas),
            "dots": workshop.dots_cast(),
            "placed": len(workshop.placements),
        },
    }


def _earlier_document(earlier: Earlier | None) -> dict[str, Any] | None:
    if earlier is None:
        return None
    return {
        "uid": earlier.uid,
        "name": earlier.name,
        "held": earlier.held.isoformat(),
        "goals": [
            {"id": g.id, "title": g.title, "metric": g.metric, "baseline": g.baseline, "target": g.target}
            for g in earlier.goals
        ],
        "items": [
            {
                "key": i.key,
                "text": i.text,
                "goal": i.goal,
                "column": i.column,
                "priority": i.priority,
                "effort": i.effort,
            }
            for i in earlier.items
        ],
        "readings": _readings_document(earlier.readings),
        "wont": [
            {"text": w.text, "reason": w.reason, "held": w.held.isoformat(), "goal": w.goal, "proposer": w.proposer}
            for w in earlier.wont
        ],
        "actions": [
            {"key": a.key, "text": a.text, "owner": a.owner, "due": a.due.isoformat() if a.due else None}
            for a in earlier.actions
        ],
    }


def _readings_document(readings: Iterable[tuple[int, Reading]]) -> dict[str, Any]:
    return {str(goal): {"value": r.value, "measured": r.measured.isoformat()} for goal, r in readings}


def to_tables(workshop: Workshop) -> Tables:
    """The documents of a workshop, table by table, ``session`` first."""
    entries = _dot_entries(workshop)
    return {
        "session": {"1": session_document(workshop)},
        "goals": {
            str(g.id): {"order": n, "title": g.title, "metric": g.metric, "baseline": g.baseline, "target": g.target}
            for n, g in enumerate(workshop.goals, 1)
        },
        "participants": {
            str(p.id): {"order": n, "name": p.name, "role": p.role} for n, p in enumerate(workshop.participants, 1)
        },
        "ideas": {
            str(i.id): {
                "order": n,
                "number": i.number or None,
                "text": i.text,
                "goal": i.goal_id,
                "proposer": i.proposer,
            }
            for n, i in enumerate(workshop.ideas, 1)
        },
        "dots": {
            str(n): {"idea": idea, "voter": voter, "count": count} for n, (idea, voter, count) in enumerate(entries, 1)
        },
        "roadmap": {
            str(n): {"idea": p.idea_id, "column": p.column, "priority": p.priority, "effort": p.effort}
            for n, p in enumerate(workshop.placements, 1)
        },
    }


def _dot_entries(workshop: Workshop) -> list[tuple[int, int | None, int]]:
    """(idea, voter, count) of every dot document, in the order they are kept.

    Secret ballots are kept by voter only while the vote is open (so that a
    voter can change theirs after a reopen). Once it is closed, the file
    keeps each idea's total and who handed in (``vote.done``), never whose
    dots they were: the ballots are written as counts, as if counted in the
    room, and read back as such."""
    vote = workshop.vote
    entries: list[tuple[int, int | None, int]] = [(idea, None, count) for idea, count in vote.tallies.items() if count]
    if vote.secret and vote.closed:
        totals: dict[int, int] = {}
        for ballot in vote.ballots.values():
            for idea, count in ballot.items():
                totals[idea] = totals.get(idea, 0) + count
        entries.extend((idea, None, count) for idea, count in sorted(totals.items()) if count)
        return entries
    for voter, ballot in vote.ballots.items():
        entries.extend((idea, voter, count) for idea, count in ballot.items() if count)
    return entries


def snapshot(workshop: Workshop) -> Workshop:
    """A copy of the workshop that later edits do not change (see
    ``Workshop.copy``), to be saved on another thread while the room goes on."""
    return workshop.copy()


# ----------------------------------------------------------- tables -> workshop


def schema_of(session_table: object) -> int:
    """The schema version a session file says it has; raises
    :class:`SchemaError` if it is not a session file at all."""
    if not isinstance(session_table, dict) or not session_table:
        raise SchemaError('not a session file: it has no "session" table')
    meta = next(iter(session_table.values()))
    version = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise SchemaError("not a session file: the session has no schema version")
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"written by a newer tui-roadmap (schema {version}; this version reads up to {SCHEMA_VERSION}): "
            "upgrade tui-roadmap to open it"
        )
    if version < 1:
        raise SchemaError(f"unknown schema version {version}")
    return version


def migrate(data: Tables) -> Tables:
    """The tables of a file of any schema this version reads, carried up to
    :data:`SCHEMA_VERSION`."""
    version = schema_of(data.get("session"))
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


def from_tables(data: object) -> Workshop:
    """The workshop stored in a session file's tables (as parsed JSON)."""
    if not isinstance(data, dict):
        raise SchemaError("not a session file: the JSON is not an object of tables")
    schema_of(data.get("session"))
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(migrate(check_tables(data)))
    return from_db(db)


def from_db(db: TinyDB) -> Workshop:
    """The workshop in a session database, read through TinyDB's tables."""
    sessions = db.table("session").all()
    version = schema_of({str(doc.doc_id): doc for doc in sessions})
    if version < SCHEMA_VERSION:  # carried up to this version in memory; the next save writes it so
        tables = {name: {str(doc.doc_id): dict(doc) for doc in db.table(name).all()} for name in db.tables()}
        db = TinyDB(storage=MemoryStorage)
        db.storage.write(migrate(tables))
        sessions = db.table("session").all()
    meta = read_document(sessions[0], SessionDoc, "session")
    timeframe_doc = meta.timeframe or TimeframeDoc()
    vote = meta.vote or VoteDoc()
    workshop = Workshop(
        name=_required(meta.name, "session", "name"),
        created=meta.created,
        updated=meta.updated,
        product=clean(meta.product or ""),
        mission=clean(meta.mission or ""),
        doc_link=clean(meta.doc_link or ""),
        step=meta.step,
        timeframe=_timeframe(timeframe_doc),
        next_review=meta.next_review,
        vote=Vote(vote.dots_each, vote.voters, vote.max_per_idea, closed=vote.closed, cut=vote.cut),
        capacities={clean(column) or column: points for column, points in meta.capacities.items()},
        drafts={name: clean(text) for name, text in meta.drafts.items() if clean(text)},
    )
    for doc_id, goal in _ordered(db, "goals", GoalDoc, "goal"):
        workshop.goals.append(
            Goal(
                doc_id,
                _required(goal.title, f"goal {doc_id}", "title"),
                clean(goal.metric or ""),
                clean(goal.baseline or "", VALUE_LIMIT),
                clean(goal.target or "", VALUE_LIMIT),
            )
        )
    for doc_id, person in _ordered(db, "participants", ParticipantDoc, "participant"):
        workshop.participants.append(
            Participant(doc_id, _required(person.name, f"participant {doc_id}", "name"), clean(person.role or ""))
        )
    goal_ids = {goal.id for goal in workshop.goals}
    ideas = _ordered(db, "ideas", IdeaDoc, "idea")
    retired = {m.number for m in meta.merges if m.number is not None and _fits(m.number)}
    numbers = _numbers(
        [idea.number if idea.number is not None and _fits(idea.number) else None for _, idea in ideas], retired
    )
    for (doc_id, idea), number in zip(ideas, numbers, strict=True):
        workshop.ideas.append(
            Idea(
                doc_id,
                _required(idea.text, f"idea {doc_id}", "text"),
                idea.goal if idea.goal in goal_ids else None,
                clean(idea.proposer or ""),
                number,
            )
        )
    idea_ids = {idea.id for idea in workshop.ideas}
    people = {person.id for person in workshop.participants}
    for _, dots in _read_all(db, "dots", DotsDoc, "dots"):
        if dots.idea not in idea_ids or (dots.voter is not None and dots.voter not in people):
            continue
        if dots.voter is None:
            workshop.vote.tallies[dots.idea] = workshop.vote.tallies.get(dots.idea, 0) + dots.count
        else:
            ballot = workshop.vote.ballots.setdefault(dots.voter, {})
            ballot[dots.idea] = ballot.get(dots.idea, 0) + dots.count
    _check_dots(workshop)
    placed: set[int] = set()
    for doc_id, place in _read_all(db, "roadmap", PlacementDoc, "roadmap"):
        if place.idea not in idea_ids or place.idea in placed:
            continue
        placed.add(place.idea)
        column = _required(place.column, f"roadmap {doc_id}", "column")
        workshop.placements.append(Placement(place.idea, column, place.priority, place.effort))
    _read_rounds(workshop, meta, vote, idea_ids, people)
    return workshop


def _check_dots(workshop: Workshop) -> None:
    """Refuse dots that no vote could hold: more on one ballot than anyone
    has, or more in all than every voter has (each dot document is bounded
    by its description already)."""
    for voter, ballot in workshop.vote.ballots.items():
        if sum(ballot.values()) > MAX_DOTS_EACH:
            raise SchemaError(
                f"dots: voter {voter} has {sum(ballot.values()):,} dots on their ballot, "
                f"more than anyone has (at most {MAX_DOTS_EACH})"
            )
    most = max(MAX_VOTERS, len(workshop.participants)) * MAX_DOTS_EACH
    cast = workshop.dots_cast()
    if cast > most:
        raise SchemaError(f"dots: {cast:,} dots are cast, more than a vote can hold (at most {most:,})")


def _read_rounds(workshop: Workshop, meta: SessionDoc, vote: VoteDoc, idea_ids: set[int], people: set[int]) -> None:
    """What schema 2 added: the ballot round, the tie, the room's own
    additions, merges, early sizes and scopes; ids of ideas or people that are gone
    are left out."""
    workshop.vote.secret = vote.secret
    workshop.vote.done = [voter for voter in dict.fromkeys(vote.done) if voter in people]
    workshop.vote.turn = vote.turn if vote.turn in people else None
    workshop.vote.runoff = {int(i): n for i, n in vote.runoff.items() if _is_id(i) and int(i) in idea_ids and n}
    workshop.vote.picked = [i for i in dict.fromkeys(vote.picked) if i in idea_ids]
    workshop.vote.sealed = vote.sealed and vote.closed and vote.secret
    if vote.tie is not None and set(vote.tie.ideas) <= idea_ids:
        tie = vote.tie
        workshop.vote.tie = TieSettlement(
            tuple(tie.ideas),
            tie.seats,
            tie.how,
            tuple(i for i in tie.chosen if i in idea_ids),
            tuple((idea, dots) for idea, dots in tie.runoff),
        )
    workshop.added = [i for i in dict.fromkeys(meta.added) if i in idea_ids]
    workshop.merges = [
        Merge(
            m.into,
            clean(m.text),
            clean(m.proposer or ""),
            m.number if m.number is not None and _fits(m.number) else 0,
            m.idea if m.idea is not None and _fits(m.idea) else 0,
        )
        for m in meta.merges
        if clean(m.text)
    ]
    workshop.sizing = {
        int(i): (sizes[0], sizes[1])
        for i, sizes in meta.sizing.items()
        if _is_id(i) and int(i) in idea_ids and int(i) not in placed_ids(workshop)
    }
    workshop.scopes = {
        int(i): Scope(
            clean(scope.owner or "", 80),
            tuple(
                Epic(clean(e.title), tuple(clean(s) for s in e.stories if clean(s)), clean(e.notes or ""))
                for e in scope.epics
                if clean(e.title)
            ),
        )
        for i, scope in meta.scopes.items()
        if _is_id(i) and int(i) in idea_ids
    }
    _read_review(workshop, meta, idea_ids)
    _read_actions(workshop, meta)
    if workshop.step not in workshop.steps:
        workshop.step = "goals"  # a Review step without the session it reviews: nothing to show there


def _read_review(workshop: Workshop, meta: SessionDoc, idea_ids: set[int]) -> None:
    """What schema 3 added: the session's series and the review's record."""
    workshop.uid = clean(meta.uid or "")
    workshop.series = clean(meta.series or "")
    workshop.goal_floor = meta.goal_floor
    if meta.earlier is not None:
        e = meta.earlier
        workshop.earlier = Earlier(
            clean(e.uid),
            _required(e.name, "session", "earlier.name"),
            e.held,
            tuple(
                Goal(
                    g.id,
                    clean(g.title),
                    clean(g.metric or ""),
                    clean(g.baseline or "", VALUE_LIMIT),
                    clean(g.target or "", VALUE_LIMIT),
                )
                for g in e.goals
                if clean(g.title)
            ),
            tuple(
                EarlierItem(
                    clean(i.key), clean(i.text), clean(i.goal or ""), clean(i.column or ""), i.priority, i.effort
                )
                for i in e.items
                if clean(i.text)
            ),
            tuple(_readings(e.readings).items()),
            tuple(
                EarlierWont(clean(w.text), clean(w.reason or ""), w.held, clean(w.goal or ""), clean(w.proposer or ""))
                for w in e.wont
                if clean(w.text)
            ),
            tuple(
                Action(n, clean(a.text), clean(a.owner or "", 80), a.due, key=clean(a.key))
                for n, a in enumerate(e.actions, 1)
                if clean(a.text) and clean(a.key)
            ),
        )
    workshop.carried = {
        int(i): Carried(
            clean(c.key), c.status, clean(c.note or ""), (clean(c.held[0]), c.held[1], c.held[2]) if c.held else None
        )
        for i, c in meta.carried.items()
        if _is_id(i) and int(i) in idea_ids
    }
    workshop.last_dots = {int(i): n for i, n in meta.last_dots.items() if _is_id(i) and int(i) in idea_ids and n}
    people = {person.id for person in workshop.participants}
    goals = {goal.id for goal in workshop.goals}
    workshop.sent = {int(i): p for i, p in meta.sent.items() if _is_id(i) and int(i) in idea_ids and p in people}
    workshop.held = [
        HeldIdea(clean(h.text), h.goal if h.goal in goals else None, h.sender)
        for h in meta.held
        if clean(h.text) and h.sender in people
    ]
    workshop.hold = meta.hold
    workshop.phones = [p for p in dict.fromkeys(meta.phones) if p in people]
    workshop.idea_floor = meta.idea_floor  # (ids in use are above it anyway: see add_idea)
    # (numbers in use or retired are above it anyway: see add_idea; a floor
    # past any number an idea may have is a hand edit, and is let go)
    workshop.number_floor = meta.number_floor if _fits(meta.number_floor) else 0
    workshop.timers = {step: Timer(t.minutes, t.used, t.started, t.rang) for step, t in meta.timers.items()}
    workshop.readings = {goal: r for goal, r in _readings(meta.readings).items() if goal in goals}
    _read_items(workshop, meta, idea_ids)


def _readings(docs: dict[str, ReadingDoc]) -> dict[int, Reading]:
    """What schema 5 added: values measured, by goal id (of goals of the series)."""
    return {
        int(goal): Reading(clean(r.value, VALUE_LIMIT), r.measured)
        for goal, r in docs.items()
        if _is_id(goal) and clean(r.value, VALUE_LIMIT)
    }


def _read_items(workshop: Workshop, meta: SessionDoc, idea_ids: set[int]) -> None:
    """What schema 5 added: the items' confidence, needs and risk (a need
    on an idea that is gone, or one that would close a loop, left out), and
    the ideas decided against."""
    details = {
        int(i): ItemDetails(d.confidence, tuple(d.needs), clean(d.risk or "", MAX_RISK))
        for i, d in meta.item_details.items()
        if _is_id(i) and int(i) in idea_ids
    }
    workshop.item_details = without_loops(details, idea_ids)
    workshop.wont_do = {
        int(i): clean(reason, MAX_RISK)
        for i, reason in meta.wont_do.items()
        if _is_id(i) and int(i) in idea_ids and clean(reason)
    }


def _read_actions(workshop: Workshop, meta: SessionDoc) -> None:
    """What schema 5 added: the actions (an id or a line given twice, by a
    hand edit, is read once)."""
    ids: set[int] = set()
    line_keys: set[tuple[str, str]] = set()
    for doc in meta.actions:
        text = clean(doc.text)
        line = (clean(doc.line[0]), clean(doc.line[1])) if doc.line else None
        if not text or doc.id in ids or (line is not None and line in line_keys):
            continue
        ids.add(doc.id)
        if line is not None:
            line_keys.add(line)
        workshop.actions.append(
            Action(doc.id, text, clean(doc.owner or "", 80), doc.due, doc.done, line, clean(doc.key or ""))
        )


def _is_id(key: str) -> bool:
    """True for a document key that is an id (ASCII digits only: ``int``
    refuses other digits, such as a superscript two)."""
    return key.isascii() and key.isdigit()


def placed_ids(workshop: Workshop) -> set[int]:
    return {p.idea_id for p in workshop.placements}


def _read_all(db: TinyDB, table: str, shape: type[D], what: str) -> list[tuple[int, D]]:
    return [(doc.doc_id, read_document(doc, shape, f"{what} {doc.doc_id}")) for doc in db.table(table).all()]


def _ordered(db: TinyDB, table: str, shape: type[D], what: str) -> list[tuple[int, D]]:
    """A table's documents in the order the room gave them (their ``order``,
    then their id for documents without one)."""
    docs = _read_all(db, table, shape, what)
    return sorted(docs, key=lambda pair: (getattr(pair[1], "order", None) or 0, pair[0]))


def _fits(number: int) -> bool:
    return 1 <= number <= MAX_IDEA_NUMBER


def _numbers(kept: list[int | None], retired: set[int]) -> list[int]:
    """The ideas' numbers, in the order of the list. A file from before
    numbers were kept has none: each idea gets its place in the list, as it
    was shown. Otherwise each keeps its own, but for one that is missing,
    given twice or ``retired`` with a merged idea (a hand edit): it gets
    the next number above all."""
    if all(number is None for number in kept):
        return list(range(1, len(kept) + 1))
    taken: set[int] = set(retired)
    highest = max(n for n in [*taken, *kept, 0] if n is not None)
    numbers: list[int] = []
    for number in kept:
        if number is None or number in taken:
            highest += 1
            number = highest
        taken.add(number)
        numbers.append(number)
    return numbers


def _required(text: str, where: str, key: str) -> str:
    cleaned = clean(text)
    if not cleaned:
        raise SchemaError(f"{where}: {key!r} is not set")
    return cleaned


def _timeframe(doc: TimeframeDoc) -> Timeframe:
    if doc.start is None:
        return Timeframe(None)
    try:
        return Timeframe(Quarter.parse(doc.start), doc.count)
    except TimeframeError as error:
        raise SchemaError(f"session: the timeframe's start {clean(doc.start)!r} is not a quarter") from error


def summary_of(data: object, workshop: Workshop | None = None) -> dict[str, Any]:
    """What the session list shows of a file, from its session document
    alone (the rest of the file need not be read), checked like the rest.
    The counts are those of ``workshop`` (the file read whole) if given,
    else the summary's; a summary that is damaged is counted again from
    the tables that are there (none, in a file's head alone: zeros)."""
    if not isinstance(data, dict):
        raise SchemaError("not a session file: the JSON is not an object of tables")
    session_table = data.get("session")
    schema_of(session_table)
    assert isinstance(session_table, dict)
    meta = read_document(next(iter(session_table.values())), SessionDoc, "session")
    if workshop is not None:
        summary = SummaryDoc(len(workshop.goals), len(workshop.ideas), workshop.dots_cast(), len(workshop.placements))
    else:
        summary = _summary(meta.summary, data)
    return {
        "name": _required(meta.name, "session", "name"),
        "product": clean(meta.product or ""),
        "step": meta.step,
        "updated": meta.updated,
        "created": meta.created,
        "goals": summary.goals,
        "ideas": summary.ideas,
        "dots": summary.dots,
        "placed": summary.placed,
        "series": clean(meta.series or "") or session_uid(clean(meta.uid or ""), meta.created, clean(meta.name)),
        "review_of": meta.earlier.name if meta.earlier is not None else "",
    }


def summary_reads(data: dict[str, Any]) -> bool:
    """False if the session document in ``data`` has no summary (a file a
    script wrote) or one that does not read (what else is wrong with it,
    :func:`summary_of` says)."""
    table = data.get("session")
    meta = next(iter(table.values()), None) if isinstance(table, dict) else None
    if not isinstance(meta, dict):
        return True
    if meta.get("summary") is None:
        return False
    try:
        msgspec.convert(meta["summary"], SummaryDoc)
    except msgspec.ValidationError:
        return False
    return True


def _summary(raw: object, data: dict[str, Any]) -> SummaryDoc:
    """The summary a file holds, or, if it has none that reads, one counted
    from its tables as far as they are there."""
    try:
        return msgspec.convert(raw if raw is not None else {}, SummaryDoc)
    except msgspec.ValidationError:
        pass

    def size(name: str) -> int:
        table = data.get(name)
        return len(table) if isinstance(table, dict) else 0

    dots = data.get("dots")
    counts = [doc.get("count") for doc in dots.values() if isinstance(doc, dict)] if isinstance(dots, dict) else []
    cast = sum(n for n in counts if isinstance(n, int) and not isinstance(n, bool) and 0 < n <= MAX_DOTS)
    return SummaryDoc(size("goals"), size("ideas"), cast, size("roadmap"))
