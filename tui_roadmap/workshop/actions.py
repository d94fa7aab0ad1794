"""Actions: who does what by when, once the workshop is over.

Every line of the refinement checklist can be given an owner (a
participant, or any other name the room types) and a due date, and the room
can add actions of its own ("Ask legal about the consent log"). A review
carries over the last session's open actions (:func:`carry`); the room marks
each done or not and moves a date, and the review's draft says how many were
done and which are late (:func:`outcomes`).

The checklist is made again from the workshop each time it is shown, so a
line's action is not tied to the line's place in the list: it keeps the
line's kind and the id of what the line is about (the item, the goal, the
column), and finds its line by them (:func:`line_key`), wherever the line
is now and however its words have changed. A line that is no longer on the checklist (the decision it asked
for was taken) keeps its action in the session, out of sight, until it comes
back; it is not carried over.

Due dates are typed as the room says them: ``2027-01-15``, ``+2w``,
``fri``, ``next review`` (:func:`parse_due`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypeVar

from msgspec import Struct
from msgspec.structs import replace

from tui_roadmap.workshop.checklist import Check, add_months, checklist, next_review
from tui_roadmap.workshop.model import Action, Earlier, Workshop, WorkshopError, uid_of
from tui_roadmap.workshop.text import clean, clean_line

LineKey = tuple[str, str]
"""A checklist line's kind and the words it is about."""

Target = int | LineKey
"""What a change is made to: an action (by its id) or a checklist line (by its key)."""

OWNER_LIMIT = 80
"""The longest owner's name kept, as for a participant's."""

ONCE: frozenset[str] = frozenset({"statuses", "ballots", "tie", "backlog", "share", "review"})
"""The kinds of line the checklist has at most once: the kind alone finds them
(the review line keeps its action when the date changes)."""

DUE_HELP = "a date (2027-01-15), +3d, +2w or +1m, a weekday (fri) or next review"
"""How a due date is typed, in words."""

WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
"""Weekday names, short and long, and their numbers (Monday 0)."""

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_AHEAD = re.compile(r"\+\s*(\d{1,3})\s*(d|days?|w|weeks?|m|months?)")
_NO_DATE = ("", "none", "no date", "-")


# ------------------------------------------------------------------- dates


def parse_due(text: str, today: date, review: date) -> date | None:
    """A due date as the room types it, ``today`` being the day it is typed
    and ``review`` the day of the next review; None for no date (empty, or
    ``none``). ``+1w`` typed after a date (the one a field already holds)
    counts from that date. Raises :class:`WorkshopError` saying how to
    type one."""
    words = " ".join(clean(text).casefold().split())
    if words in _NO_DATE:
        return None
    if words in ("next review", "review"):
        return review
    found = _ISO_DAY.fullmatch(words)
    if found:
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:
            raise WorkshopError(f"{clean(text)} is not a day of the calendar: type {DUE_HELP}.") from None
    start, plus, ahead = words.partition("+")
    if plus and _ISO_DAY.fullmatch(start.strip()):  # "2026-12-04 +1w": on from the date the field shows
        return parse_due(plus + ahead, parse_due(start, today, review) or today, review)
    found = _AHEAD.fullmatch(words)
    if found:
        count, unit = int(found.group(1)), found.group(2)[0]
        if unit == "m":
            return add_months(today, count)
        return today + timedelta(days=count * (7 if unit == "w" else 1))
    day = words.removeprefix("next ").rstrip(".")
    if day in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[day] - today.weekday() - 1) % 7 + 1)
    shown = clean_line(text, 40).text
    raise WorkshopError(f"\u201c{shown}\u201d is not a date: type {DUE_HELP}; empty for no date.")


def read_due(workshop: Workshop, text: str, today: date) -> date | None:
    """A due date typed for an action of ``workshop`` (see :func:`parse_due`)."""
    return parse_due(text, today, next_review(workshop))


def due_text(due: date | None) -> str:
    """A due date as a field shows it (empty: none)."""
    return due.isoformat() if due else ""


def is_late(due: date | None, on: date) -> bool:
    """True if an action due ``due`` and not done is late on the day ``on``."""
    return due is not None and due < on


# --------------------------------------------------------- checklist lines


class Line(Struct, frozen=True):
    """A line of the checklist, with its action if the room gave it one."""

    check: Check
    key: LineKey
    action: Action | None = None

    @property
    def done(self) -> bool:
        """Done by the workshop itself (an item scoped) or marked done by the room."""
        return self.check.done or (self.action is not None and self.action.done)

    @property
    def owner(self) -> str:
        return self.action.owner if self.action else ""

    @property
    def due(self) -> date | None:
        return self.action.due if self.action else None


def line_key(check: Check) -> LineKey:
    """The kind of a checklist line and what it is about, which find the
    line again when the checklist is made anew: the id of the item, goal or
    column it is about (``Check.subject``), so that a line keeps its action
    when the room re-words the item or moves it; nothing more for a line
    the checklist has once; its words for any other."""
    if check.subject:
        return (check.kind, check.subject)
    if check.kind in ONCE:
        return (check.kind, "")
    return (check.kind, check.render())


def lines(workshop: Workshop) -> list[Line]:
    """The checklist, line by line, each with its action (if any). Two lines
    about the same words (two items of the same words) are told apart by
    their order."""
    by_line = {action.line: action for action in workshop.actions if action.line is not None}
    seen: dict[LineKey, int] = {}
    result = []
    for check in checklist(workshop):
        kind, about = line_key(check)
        count = seen[(kind, about)] = seen.get((kind, about), 0) + 1
        key = (kind, about if count == 1 else f"{about}#{count}")
        result.append(Line(check, key, by_line.get(key)))
    return result


def find_line(workshop: Workshop, kind: str, words: str = "") -> LineKey:
    """The key of the first checklist line of ``kind`` whose sentence has
    ``words`` in it; raises if there is none."""
    for line in lines(workshop):
        if line.check.kind == kind and words.casefold() in line.check.render().casefold():
            return line.key
    raise WorkshopError(f"The checklist has no {kind} line about \u201c{words}\u201d.")


def _line(workshop: Workshop, key: LineKey) -> Line:
    for line in lines(workshop):
        if line.key == key:
            return line
    raise WorkshopError("That line is no longer on the checklist: what it asked for is done.")


# ---------------------------------------------------------------- actions


def own_actions(workshop: Workshop) -> list[Action]:
    """The room's own actions of this session, in the order they were added."""
    return [action for action in workshop.actions if action.line is None and not action.key]


def carried_actions(workshop: Workshop) -> list[Action]:
    """The actions carried over from the last review, in their order then."""
    return [action for action in workshop.actions if action.key]


def action(workshop: Workshop, action_id: int) -> Action:
    """The action with this id; raises if it was deleted."""
    for candidate in workshop.actions:
        if candidate.id == action_id:
            return candidate
    raise WorkshopError("That action no longer exists.")


def find_action(workshop: Workshop, words: str) -> int:
    """The id of the first action of the room's own or carried over whose
    words have ``words`` in them; raises if there is none."""
    for candidate in workshop.actions:
        if candidate.line is None and words.casefold() in candidate.text.casefold():
            return candidate.id
    raise WorkshopError(f"No action says \u201c{words}\u201d.")


def owner_name(workshop: Workshop, text: str) -> str:
    """An owner as typed, with a participant's own spelling if it is one of
    them (``priya`` is Priya); any other name is kept as typed."""
    name = clean_line(text, OWNER_LIMIT).text
    return next((p.name for p in workshop.participants if p.name.casefold() == name.casefold()), name)


def read_owner(workshop: Workshop, text: str) -> str:
    """An owner as typed in a form: a participant's number (as the form
    lists them: ``2`` is the second), or a name (see :func:`owner_name`)."""
    typed = clean(text)
    if typed.isascii() and typed.isdigit():
        number = int(typed)
        if not 1 <= number <= len(workshop.participants):
            if not workshop.participants:
                raise WorkshopError(f"There is no participant {number}: type a name.")
            raise WorkshopError(
                f"There is no participant {number}: they are numbered 1 to {len(workshop.participants)}; "
                "or type a name."
            )
        return workshop.participants[number - 1].name
    return owner_name(workshop, typed)


def participants_text(workshop: Workshop) -> str:
    """The participants, numbered as an owner is typed: ``1 Priya · 2 Marcus``."""
    return " \u00b7 ".join(f"{number} {person.name}" for number, person in enumerate(workshop.participants, 1))


def _action_text(text: str) -> str:
    cleaned = clean_line(text).text
    if not cleaned:
        raise WorkshopError("An action cannot be empty: say what is to be done.")
    return cleaned


def _next_id(workshop: Workshop) -> int:
    return max((candidate.id for candidate in workshop.actions), default=0) + 1


def add_action(workshop: Workshop, text: str, owner: str = "", due: date | None = None) -> Action:
    """Add an action of the room's own, at the end."""
    new = Action(_next_id(workshop), _action_text(text), owner_name(workshop, owner), due)
    workshop.actions.append(new)
    return new


def edit_action(workshop: Workshop, action_id: int, text: str) -> Action:
    """Change the words of an action of the room's own."""
    current = action(workshop, action_id)
    if current.line is not None:
        raise WorkshopError("A checklist line says what the workshop left to do: its words are not edited.")
    if current.key:
        raise WorkshopError("An action carried over from the last review keeps its words: they are its record.")
    return _put(workshop, current, replace(current, text=_action_text(text)))


def delete_action(workshop: Workshop, target: Target) -> Action:
    """Delete an action of the room's own; returns it. A checklist line (by
    its key, or by its action's id) is refused, saying what to do instead."""
    current = action(workshop, target) if isinstance(target, int) else None
    if current is None or current.line is not None:
        raise WorkshopError(
            "A checklist line goes when what it asks is done; it cannot be deleted. Clear its owner and its date."
        )
    if current.key:
        raise WorkshopError(
            "An action carried over from the last review stays in its record: mark it done, or move its date."
        )
    workshop.actions.remove(current)
    return current


def set_owner(workshop: Workshop, target: Target, owner: str) -> Action | None:
    """Give an action or a checklist line an owner (empty: none)."""
    return _change(workshop, target, owner=owner_name(workshop, owner))


def set_due(workshop: Workshop, target: Target, due: date | None) -> Action | None:
    """Give an action or a checklist line a due date (None: none)."""
    return _change(workshop, target, due=due)


def set_done(workshop: Workshop, target: Target, done: bool) -> Action | None:
    """Mark an action or a checklist line done, or not done."""
    if not isinstance(target, int) and not done and _line(workshop, target).check.done:
        raise WorkshopError("That line is done by the workshop itself (the item is scoped): it stays ticked.")
    return _change(workshop, target, done=done)


def _change(workshop: Workshop, target: Target, **changes) -> Action | None:
    """Change an action, or a line's action (made on its first change, and
    dropped when it has no owner, no date and is not done). Returns the
    action as it is now (None: the line has none)."""
    if isinstance(target, int):
        current = action(workshop, target)
        return _put(workshop, current, replace(current, **changes))
    line = _line(workshop, target)
    current = line.action or Action(_next_id(workshop), "", line=target)
    new = replace(current, text=line.check.render(), **changes)
    if not new.owner and new.due is None and not new.done:
        if line.action is not None:
            workshop.actions.remove(line.action)
        return None
    return _put(workshop, line.action, new)


def _put(workshop: Workshop, old: Action | None, new: Action) -> Action:
    if old is None:
        workshop.actions.append(new)
    else:
        workshop.actions[workshop.actions.index(old)] = new
    return new


T = TypeVar("T")


def by_date(items: Iterable[T], due=lambda item: item.due) -> list[T]:
    """``items`` by due date, the earliest first and the undated last; those
    of the same date (and the undated) keep their order."""
    return sorted(items, key=lambda item: (due(item) is None, due(item) or date.min))


# ---------------------------------------------------------------- reviews


def action_key(workshop: Workshop, item: Action) -> str:
    """The key that follows an action through the series."""
    return item.key or f"{uid_of(workshop)}/a{item.id}"


def open_actions(workshop: Workshop) -> list[Action]:
    """What a review of ``workshop`` carries over: every action not done,
    each with its key in the series, and for a checklist line its words as
    the checklist says them now. A line with no owner and no date is no
    action; a line gone from the checklist is done."""
    found = []
    for line in lines(workshop):
        if line.action is not None and not line.done:
            found.append(replace(line.action, text=line.check.render()))
    found += [item for item in workshop.actions if item.line is None and not item.done]
    return [replace(item, key=action_key(workshop, item)) for item in found]


def carry(earlier: Workshop) -> list[Action]:
    """The actions a review of ``earlier`` starts with: its open ones, as
    actions of the review's own record (not tied to the review's checklist)."""
    return [
        Action(number, item.text, item.owner, item.due, key=item.key)
        for number, item in enumerate(open_actions(earlier), 1)
    ]


class Outcome(Struct, frozen=True):
    """What became of an action of the earlier session, at a later one."""

    text: str
    owner: str
    due: date | None
    """Its due date when it was carried over."""
    done: bool
    now_due: date | None = None
    """Its due date in the later session (moved if it is not ``due``)."""
    gone: bool = False
    """True if the later session no longer has it: done in a review in between."""
    late: bool = False
    """True if it was not done, and due before the later session was held."""


def outcomes(earlier: Earlier, later: Workshop) -> tuple[Outcome, ...]:
    """What became of each open action of ``earlier`` (a session as a
    review keeps it) in ``later``: done or not, moved, late."""
    held = later.created.date()
    now = {item.key: item for item in later.actions if item.key}
    result = []
    for item in earlier.actions:
        current = now.get(item.key)
        if current is None:
            result.append(Outcome(item.text, item.owner, item.due, True, item.due, gone=True))
            continue
        result.append(
            Outcome(
                current.text,
                current.owner,
                item.due,
                current.done,
                current.due,
                late=not current.done and is_late(item.due, held),
            )
        )
    return tuple(result)
