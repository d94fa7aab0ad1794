"""A workshop as TinyDB documents, and back.

A session file is a TinyDB database with one table per kind of thing::

    session       one document: name, product, mission, timeframe, vote settings,
                  the schema version and a summary for the session list
    goals         one document per goal       (doc_id = the goal's id)
    participants  one document per person     (doc_id = the person's id)
    ideas         one document per idea       (doc_id = the idea's id)
    dots          one document per idea and voter with dots on it
    roadmap       one document per placed idea, in board order

Reading checks every field and names the first one that is wrong, so that a
damaged or foreign file is reported with a reason instead of loading as
something it is not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from . import __version__
from .model import EFFORTS, PRIORITIES, STEPS, Goal, Idea, Participant, Placement, Vote, Workshop
from .storage import document_line, layout
from .text import clean
from .timeframe import MAX_QUARTERS, Quarter, Timeframe, TimeframeError

SCHEMA_VERSION = 1
"""The version of the document layout this code writes. Files of this
version or older are read; newer ones are refused, never overwritten."""

TABLES: tuple[str, ...] = ("session", "goals", "participants", "ideas", "dots", "roadmap")

Tables = dict[str, dict[str, dict[str, Any]]]


class SchemaError(ValueError):
    """A session file whose content is not a workshop; the message says where."""


def session_document(workshop: Workshop, entries: list[tuple[int, int | None, int]]) -> dict[str, Any]:
    """The session's own document: its details, settings and summary;
    ``entries`` are its dots (see :func:`_dot_entries`)."""
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
        },
        "capacities": dict(workshop.capacities),
        "drafts": dict(workshop.drafts),
        "summary": {
            "goals": len(workshop.goals),
            "ideas": len(workshop.ideas),
            "dots": workshop.dots_cast(),
            "placed": len(workshop.placements),
        },
    }


def _roadmap_documents(workshop: Workshop) -> dict[str, dict[str, Any]]:
    return {
        str(n): {"idea": p.idea_id, "column": p.column, "priority": p.priority, "effort": p.effort}
        for n, p in enumerate(workshop.placements, 1)
    }


def to_tables(workshop: Workshop) -> Tables:
    """The documents of a workshop, table by table, ``session`` first."""
    entries = _dot_entries(workshop)
    return {
        "session": {"1": session_document(workshop, entries)},
        "goals": {
            str(g.id): {"order": n, "title": g.title, "metric": g.metric} for n, g in enumerate(workshop.goals, 1)
        },
        "participants": {
            str(p.id): {"order": n, "name": p.name, "role": p.role} for n, p in enumerate(workshop.participants, 1)
        },
        "ideas": {
            str(i.id): {"order": n, "text": i.text, "goal": i.goal_id, "proposer": i.proposer}
            for n, i in enumerate(workshop.ideas, 1)
        },
        "dots": {
            str(n): {"idea": idea, "voter": voter, "count": count} for n, (idea, voter, count) in enumerate(entries, 1)
        },
        "roadmap": _roadmap_documents(workshop),
    }


class _TableLines:
    """The lines of one table as last written, to reuse what did not change."""

    def __init__(self) -> None:
        self.keys: list[Any] = []
        self.lines: list[str] = []
        self.block = ""

    def block_for(self, keys: list[Any], line_at: Any) -> str:
        """The table's lines, joined, for ``keys`` (one tuple per document,
        in order); ``line_at(i)`` makes the line of document ``i`` when it is
        not known."""
        known = len(self.keys)
        if keys == self.keys:
            return self.block
        if known and len(keys) > known and keys[:known] == self.keys:  # added at the end
            added = [line_at(i) for i in range(known, len(keys))]
            self.lines = self.lines + added
            self.block = self.block + ",\n" + ",\n".join(added)
        else:  # a line is reused where the same document stands at the same place
            old_keys, old_lines = self.keys, self.lines
            lines = [
                old_lines[i]
                if i < known and old_keys[i] == key
                else line_at(i)
                for i, key in enumerate(keys)
            ]
            self.lines, self.block = lines, ",\n".join(lines)
        self.keys = keys
        return self.block


class _OrderedLines(_TableLines):
    """The lines of a table of the model's items in order (goals, people,
    ideas), each line ``"id": {"order": n, ...}``. What stands before and
    after the order is kept per item, so that when items move up or down (the
    first idea deleted) their lines are put together again without encoding
    them."""

    def __init__(self) -> None:
        super().__init__()
        # id(item) -> (item, before the order, after it); the item is held so
        # that its id cannot be another's while it is here.
        self.parts: dict[int, tuple[Any, str, str]] = {}

    def ordered_block(self, items: list[Any], fields: Callable[[Any], dict[str, Any]]) -> str:
        known = len(self.keys)
        if items == self.keys:
            return self.block
        parts = self.parts

        def parts_of(item: Any) -> tuple[Any, str, str]:
            found = parts.get(id(item))
            if found is None or found[0] is not item:
                after = ", " + json.dumps(fields(item), ensure_ascii=False)[1:]
                found = parts[id(item)] = (item, f' "{int(item.id)}": {{"order": ', after)
            return found

        if known and len(items) > known and items[:known] == self.keys:  # added at the end
            added = [f"{p[1]}{n}{p[2]}" for n, p in enumerate(map(parts_of, items[known:]), known + 1)]
            self.lines = self.lines + added
            self.block = self.block + ",\n" + ",\n".join(added)
        else:  # an item's line is reused where it stands at the same place
            old_keys, old_lines = self.keys, self.lines
            lines = old_lines[: len(items)] if len(items) <= known else old_lines + [""] * (len(items) - known)
            for index, item in enumerate(items):
                if index >= known or old_keys[index] is not item:
                    found = parts_of(item)
                    lines[index] = f"{found[1]}{index + 1}{found[2]}"
            self.lines, self.block = lines, ",\n".join(lines)
        self.keys = items
        if len(parts) > 2 * len(items) + 64:  # forget items long gone
            self.parts = {id(item): parts[id(item)] for item in items if id(item) in parts}
        return self.block


class _NumberedLines(_TableLines):
    """The lines of a table whose documents are numbered by their place
    (dots, the roadmap), each line ``"n": {...}``; each document's text is
    kept, so that when they move up or down their lines are put together
    again without encoding them."""

    def __init__(self) -> None:
        super().__init__()
        self.docs: dict[tuple, str] = {}

    def numbered_block(self, entries: list[tuple], fields: Callable[[tuple], dict[str, Any]]) -> str:
        docs = self.docs

        def line_at(i: int) -> str:
            entry = entries[i]
            doc = docs.get(entry)
            if doc is None:
                doc = docs[entry] = json.dumps(fields(entry), ensure_ascii=False)
            return f' "{i + 1}": {doc}'

        block = self.block_for(entries, line_at)
        if len(docs) > 2 * len(entries) + 64:
            self.docs = {entry: docs[entry] for entry in entries if entry in docs}
        return block


class Serializer:
    """Writes a workshop as the text of its session file, exactly as
    ``dumps(to_tables(workshop))`` would, but keeps the lines it wrote last:
    a save after one change encodes only what changed (an idea added at the
    end costs one line), so that saving a large session costs little more
    than the disk."""

    def __init__(self) -> None:
        self._goals = _OrderedLines()
        self._people = _OrderedLines()
        self._ideas = _OrderedLines()
        self._dots = _NumberedLines()
        self._roadmap = _NumberedLines()

    def text(self, workshop: Workshop) -> str:
        goals = self._goals.ordered_block(list(workshop.goals), lambda g: {"title": g.title, "metric": g.metric})
        people = self._people.ordered_block(list(workshop.participants), lambda p: {"name": p.name, "role": p.role})
        ideas = self._ideas.ordered_block(
            list(workshop.ideas), lambda i: {"text": i.text, "goal": i.goal_id, "proposer": i.proposer}
        )
        entries = _dot_entries(workshop)
        dots = self._dots.numbered_block(entries, lambda e: {"idea": e[0], "voter": e[1], "count": e[2]})
        placed = [(p.idea_id, p.column, p.priority, p.effort) for p in workshop.placements]
        roadmap = self._roadmap.numbered_block(
            placed, lambda p: {"idea": p[0], "column": p[1], "priority": p[2], "effort": p[3]}
        )
        return layout(
            [
                ("session", document_line(1, session_document(workshop, entries))),
                ("goals", goals),
                ("participants", people),
                ("ideas", ideas),
                ("dots", dots),
                ("roadmap", roadmap),
            ]
        )


def _dot_entries(workshop: Workshop) -> list[tuple[int, int | None, int]]:
    """(idea, voter, count) of every dot document, in the order they are kept."""
    vote = workshop.vote
    entries: list[tuple[int, int | None, int]] = [(idea, None, count) for idea, count in vote.tallies.items() if count]
    for voter, ballot in vote.ballots.items():
        entries.extend((idea, voter, count) for idea, count in ballot.items() if count)
    return entries


def schema_of(data: object) -> int:
    """The schema version a session file says it has; raises
    :class:`SchemaError` if it is not a session file at all."""
    if not isinstance(data, dict):
        raise SchemaError(f"not a session file: the JSON is {_kind(data)}, not an object of tables")
    table = data.get("session")
    if not isinstance(table, dict) or not table:
        raise SchemaError("not a session file: it has no \"session\" table")
    meta = next(iter(table.values()))
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int) or isinstance(meta.get("schema"), bool):
        raise SchemaError("not a session file: the session has no schema version")
    return meta["schema"]


def check_schema(data: object) -> dict[str, Any]:
    """The session document, once the file's schema is one this code reads."""
    version = schema_of(data)
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"written by a newer tui-roadmap (schema {version}; this version reads up to {SCHEMA_VERSION}): "
            "upgrade tui-roadmap to open it"
        )
    if version < 1:
        raise SchemaError(f"unknown schema version {version}")
    assert isinstance(data, dict)
    return next(iter(data["session"].values()))


def from_tables(data: object) -> Workshop:
    """The workshop stored in a session file's tables."""
    meta = check_schema(data)
    assert isinstance(data, dict)
    for name in TABLES:
        if name in data and not isinstance(data[name], dict):
            raise SchemaError(f"the {name} table is {_kind(data[name])}, not a table")
    reader = _Reader("session")
    timeframe_doc = reader.dict(meta, "timeframe")
    vote_doc = reader.dict(meta, "vote")
    workshop = Workshop(
        name=reader.text(meta, "name", required=True),
        created=reader.when(meta, "created"),
        updated=reader.when(meta, "updated"),
        product=reader.text(meta, "product"),
        mission=reader.text(meta, "mission"),
        doc_link=reader.text(meta, "doc_link"),
        step=reader.choice(meta, "step", STEPS),
        timeframe=_timeframe(timeframe_doc),
        next_review=reader.day(meta, "next_review"),
        vote=Vote(
            dots_each=_Reader("vote").number(vote_doc, "dots_each", 1),
            voters=_Reader("vote").number(vote_doc, "voters", 1),
            max_per_idea=_Reader("vote").number(vote_doc, "max_per_idea", 1),
            closed=_Reader("vote").flag(vote_doc, "closed"),
            cut=_Reader("vote").number(vote_doc, "cut", 0),
        ),
        capacities=_capacities(reader.dict(meta, "capacities")),
        drafts=_drafts(reader.dict(meta, "drafts")),
    )
    for doc_id, doc in _ordered(data, "goals"):
        r = _Reader(f"goal {doc_id}")
        workshop.goals.append(Goal(doc_id, r.text(doc, "title", required=True), r.text(doc, "metric")))
    for doc_id, doc in _ordered(data, "participants"):
        r = _Reader(f"participant {doc_id}")
        workshop.participants.append(Participant(doc_id, r.text(doc, "name", required=True), r.text(doc, "role")))
    goal_ids = {goal.id for goal in workshop.goals}
    for doc_id, doc in _ordered(data, "ideas"):
        r = _Reader(f"idea {doc_id}")
        goal = r.number(doc, "goal", 1)
        workshop.ideas.append(
            Idea(doc_id, r.text(doc, "text", required=True), goal if goal in goal_ids else None, r.text(doc, "proposer"))
        )
    idea_ids = {idea.id for idea in workshop.ideas}
    people = {person.id for person in workshop.participants}
    for doc_id, doc in _documents(data, "dots"):
        r = _Reader(f"dots {doc_id}")
        idea, voter, count = r.number(doc, "idea", 1, required=True), r.number(doc, "voter", 1), r.number(doc, "count", 1, required=True)
        if idea not in idea_ids or (voter is not None and voter not in people):
            continue
        if voter is None:
            workshop.vote.tallies[idea] = workshop.vote.tallies.get(idea, 0) + count
        else:
            ballot = workshop.vote.ballots.setdefault(voter, {})
            ballot[idea] = ballot.get(idea, 0) + count
    placed: set[int] = set()
    for doc_id, doc in _documents(data, "roadmap"):
        r = _Reader(f"roadmap {doc_id}")
        idea = r.number(doc, "idea", 1, required=True)
        if idea not in idea_ids or idea in placed:
            continue
        placed.add(idea)
        workshop.placements.append(
            Placement(idea, r.text(doc, "column", required=True), r.choice(doc, "priority", PRIORITIES, optional=True),
                      r.choice(doc, "effort", EFFORTS, optional=True))
        )
    return workshop


def _timeframe(doc: dict[str, Any]) -> Timeframe:
    start, count = doc.get("start"), doc.get("count", 3)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_QUARTERS:
        raise SchemaError("session: the timeframe's count is not a number of quarters")
    if start is None:
        return Timeframe(None)
    if not isinstance(start, str):
        raise SchemaError("session: the timeframe's start is not a quarter")
    try:
        return Timeframe(Quarter.parse(start), count)
    except TimeframeError as error:
        raise SchemaError(f"session: the timeframe's start {start!r} is not a quarter") from error


def _capacities(doc: dict[str, Any]) -> dict[str, int]:
    result = {}
    for column, points in doc.items():
        if not isinstance(points, int) or isinstance(points, bool) or points < 1:
            raise SchemaError(f"session: the capacity of {column!r} is not a number of points")
        result[str(column)] = points
    return result


def _drafts(doc: dict[str, Any]) -> dict[str, str]:
    drafts = {}
    for name, text in doc.items():
        if not isinstance(text, str):
            raise SchemaError(f"session: the draft {name!r} is not text")
        if clean(text):
            drafts[str(name)] = clean(text)
    return drafts


def _documents(data: dict[str, Any], table: str) -> list[tuple[int, dict[str, Any]]]:
    docs = []
    for key, doc in data.get(table, {}).items():
        try:
            doc_id = int(key)
        except ValueError:
            raise SchemaError(f"{table}: {key!r} is not a document id") from None
        if not isinstance(doc, dict):
            raise SchemaError(f"{table} {doc_id}: the document is {_kind(doc)}, not an object")
        docs.append((doc_id, doc))
    return docs


def _ordered(data: dict[str, Any], table: str) -> list[tuple[int, dict[str, Any]]]:
    docs = _documents(data, table)
    for doc_id, doc in docs:
        _Reader(f"{table} {doc_id}").number(doc, "order", 0)
    return sorted(docs, key=lambda pair: (pair[1].get("order") or 0, pair[0]))


class _Reader:
    """Reads typed fields out of one document, naming it in every error."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, key: str, what: str) -> SchemaError:
        return SchemaError(f"{self.where}: {key!r} is not {what}")

    def text(self, doc: dict[str, Any], key: str, *, required: bool = False) -> str:
        value = doc.get(key, "")
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            raise self.fail(key, "text")
        value = clean(value)
        if required and not value:
            raise self.fail(key, "set")
        return value

    def number(self, doc: dict[str, Any], key: str, least: int, *, required: bool = False) -> int | None:
        value = doc.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise self.fail(key, f"a whole number of at least {least}")
        return value

    def flag(self, doc: dict[str, Any], key: str) -> bool:
        value = doc.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def choice(self, doc: dict[str, Any], key: str, choices: tuple[str, ...], *, optional: bool = False) -> Any:
        value = doc.get(key)
        if value is None and optional:
            return None
        if value not in choices:
            raise self.fail(key, "one of " + ", ".join(choices))
        return value

    def dict(self, doc: dict[str, Any], key: str) -> dict[str, Any]:
        value = doc.get(key, {})
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, "an object")
        return value

    def when(self, doc: dict[str, Any], key: str) -> datetime:
        value = doc.get(key)
        try:
            return datetime.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise self.fail(key, "a date and time") from None

    def day(self, doc: dict[str, Any], key: str) -> date | None:
        value = doc.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(key, "a date") from None


def summary_of(data: object) -> dict[str, Any]:
    """What the session list shows of a file, from its session document
    alone: the rest of the file need not be read."""
    meta = check_schema(data)
    reader = _Reader("session")
    summary = reader.dict(meta, "summary")
    return {
        "name": reader.text(meta, "name", required=True),
        "product": reader.text(meta, "product"),
        "step": reader.choice(meta, "step", STEPS),
        "updated": reader.when(meta, "updated"),
        "created": reader.when(meta, "created"),
        "goals": summary.get("goals", 0),
        "ideas": summary.get("ideas", 0),
        "dots": summary.get("dots", 0),
        "placed": summary.get("placed", 0),
    }


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true or false",
        type(None): "null",
    }.get(type(value), type(value).__name__)
