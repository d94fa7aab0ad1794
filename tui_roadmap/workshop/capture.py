"""The one-line syntax the facilitator types, read into workshop terms.

- A goal: ``Acquire new customers | 50,000 sign-ups a month``: the goal,
  then its success metric after a bar (optional).
- An idea: ``2: Dark mode @Marcus`` is the idea "Dark mode" under goal 2,
  proposed by Marcus. Both parts are optional; the goal number needs a space
  after its colon, so that ``1:1 coaching`` stays an idea of its own.
- The people who vote: ``6`` (six voters, unnamed), or
  ``Priya (Product), Marcus (Engineering), Lena`` (names, with roles).
- A date: ``2027-01-15``, or nothing for "by the rule of thumb".
- A number: a whole number in a range, or nothing for "the default".
"""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

from tui_roadmap.workshop.model import MAX_VOTERS, Workshop, WorkshopError
from tui_roadmap.workshop.text import clean

_GOAL_PREFIX = re.compile(r"^\s*(\d{1,2})\s*:\s+(.*)$", re.S)
_PROPOSER_SUFFIX = re.compile(r"^(.*?)(?:^|\s+)@([^\s@]+)\s*$", re.S)
_PERSON = re.compile(r"^([^()]*?)\s*\((.*)\)\s*$")


class IdeaLine(Struct, frozen=True):
    """An idea as typed: its text, goal and proposer."""

    text: str
    goal_id: int | None
    proposer: str


def is_number(text: str) -> bool:
    """True for a whole number written with the digits 0 to 9 (not "²", which
    Python's ``isdigit`` accepts but ``int`` refuses)."""
    return text.isascii() and text.isdigit()


def read_idea(line: str, workshop: Workshop) -> IdeaLine:
    """Read ``[N:] text [@name]``. Raises :class:`WorkshopError` if the goal
    number does not exist or no text is left; nothing is lost then, since
    the caller keeps what was typed."""
    text, goal_id, proposer = line, None, ""
    prefix = _GOAL_PREFIX.match(text)
    if prefix:
        goal_id = workshop.goal_by_number(int(prefix.group(1))).id
        text = prefix.group(2)
    suffix = _PROPOSER_SUFFIX.match(text)
    if suffix:
        text, proposer = suffix.group(1), suffix.group(2)
        proposer = _known_name(proposer, workshop)
    if not clean(text):
        raise WorkshopError("Type the idea itself, not only its goal or who proposed it.")
    return IdeaLine(text, goal_id, proposer)


def read_goal(line: str) -> tuple[str, str]:
    """Read ``goal | metric`` (the metric is optional)."""
    title, _, metric = line.partition("|")
    if not clean(title):
        raise WorkshopError("Type the goal first: the benefit the roadmap should bring, then | and its metric.")
    return title, metric


def known_name(name: str, workshop: Workshop) -> str:
    """A participant's name as the session has it, if ``name`` is one of
    them (whatever the case); else ``name``."""
    return _known_name(name, workshop)


def _known_name(name: str, workshop: Workshop) -> str:
    for person in workshop.participants:
        if person.name.casefold() == name.casefold():
            return person.name
    return name


def read_people(line: str) -> int | list[tuple[str, str]]:
    """Read who votes: a number of voters, or names with optional roles
    separated by commas (``Priya (Product), Marcus``)."""
    line = clean(line)
    if not line:
        raise WorkshopError("Type how many people vote, or their names separated by commas.")
    if is_number(line):
        count = int(line)
        if not 1 <= count <= MAX_VOTERS:
            raise WorkshopError(f"Between 1 and {MAX_VOTERS} people can vote.")
        return count
    people: list[tuple[str, str]] = []
    seen: set[str] = set()
    for part in _split_commas(line):
        part = part.strip()
        if not part:
            continue
        match = _PERSON.match(part)
        name, role = (match.group(1).strip(), match.group(2).strip()) if match else (part, "")
        if not name:
            raise WorkshopError(f"{part!r} has a role but no name.")
        if name.casefold() in seen:
            raise WorkshopError(f"{name} is named twice.")
        seen.add(name.casefold())
        people.append((name, role))
    if not people:
        raise WorkshopError("Type how many people vote, or their names separated by commas.")
    if len(people) > MAX_VOTERS:
        raise WorkshopError(f"At most {MAX_VOTERS} people can vote.")
    return people


def _split_commas(line: str) -> list[str]:
    """Split at commas that are not inside parentheses."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(line):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(line[start:index])
            start = index + 1
    parts.append(line[start:])
    return parts


def people_text(workshop: Workshop) -> str:
    """The participants as :func:`read_people` reads them back."""
    if workshop.vote.voters is not None:
        return str(workshop.vote.voters)
    return ", ".join(f"{p.name} ({p.role})" if p.role else p.name for p in workshop.participants)


def set_people(workshop: Workshop, people: int | list[tuple[str, str]]) -> None:
    """Apply what :func:`read_people` read: a number of unnamed voters, or the
    named participants (people no longer named are removed, unless they have
    dots on their ballot)."""
    if isinstance(people, int):
        workshop.set_voters(people)
        return
    wanted = {name.casefold(): (name, role) for name, role in people}
    if workshop.vote.dots_each is not None:
        workshop.check_budget(len(wanted), workshop.vote.dots_each)
    leaving = [p for p in workshop.participants if p.name.casefold() not in wanted]
    with_dots = [p.name for p in leaving if workshop.vote.ballots.get(p.id)]
    if with_dots:
        raise WorkshopError(f"{', '.join(with_dots)} already voted: clear their ballot before removing them.")
    for person in leaving:
        workshop.remove_participant(person.id)
    existing = {p.name.casefold(): p for p in workshop.participants}
    for key, (name, role) in wanted.items():
        if key in existing:
            workshop.edit_participant(existing[key].id, name=name, role=role)
        else:
            workshop.add_participant(name, role)
    order = list(wanted)
    workshop.participants.sort(key=lambda p: order.index(p.name.casefold()))
    workshop.set_voters(None)


def read_date(line: str) -> date | None:
    """Read ``YYYY-MM-DD``; an empty line means no date."""
    line = clean(line)
    if not line:
        return None
    try:
        return date.fromisoformat(line)
    except ValueError:
        raise WorkshopError(f"{line!r} is not a date: type it as YYYY-MM-DD, for example 2027-01-15.") from None


def read_number(line: str, what: str, least: int, most: int) -> int | None:
    """Read a whole number from ``least`` to ``most``; empty means None."""
    line = clean(line)
    if not line:
        return None
    if not is_number(line) or not least <= int(line) <= most:
        raise WorkshopError(f"{what} is a whole number from {least} to {most}.")
    return int(line)
