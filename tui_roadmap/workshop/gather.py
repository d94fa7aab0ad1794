"""Ideas gathered before the meeting: read from a file (``roadmap import``)
or pasted into the idea field, and added one per line.

Three kinds of file are read:

- a **CSV** (``.csv``): one idea a row, its text, then optionally its goal
  number and who proposed it; a first row naming the columns is skipped;
- a **Markdown list** (``.md``, or any file whose lines are list items):
  each item (``- ``, ``* ``, ``1. ``, ``- [ ] ``) is an idea, read like a
  typed line (``2: text @Lena``); headings and prose are skipped;
- **plain lines**: each line is an idea, read like a typed line.

An idea already in the session (the same words, whatever the case) is not
added twice, so that importing a file again adds nothing; one that looks
like an existing idea is added and named, for the room to merge.
"""

from __future__ import annotations

import csv
import io
import re

from msgspec import Struct, field

from tui_roadmap.workshop.capture import IdeaLine, is_number, known_name, read_idea
from tui_roadmap.workshop.duplicates import likely_duplicate
from tui_roadmap.workshop.model import Idea, Workshop, WorkshopError
from tui_roadmap.workshop.text import MAX_TEXT, clean, clean_line

MAX_FILE_BYTES = 2 * 1024 * 1024
"""The largest file ``roadmap import`` reads: a list of ideas is far smaller."""


def file_size(size: int) -> str:
    """A size in bytes as a person reads it: "2 MB", "512 KB", "1.6 KB", "900 bytes"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size:,} {'byte' if size == 1 else 'bytes'}"


MAX_IDEAS = 1000
"""The most ideas one import (or one paste) adds."""

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_HEADER_WORDS = {"text", "idea", "ideas", "title", "summary", "description", "name"}


def _lines(text: str) -> list[str]:
    """The lines of a file: split at line ends only (a form feed or a line
    separator inside a line is text, cleaned later)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class Gathered(Struct):
    """What a file or a paste holds: the ideas to add, with the line each
    came from, and the lines left out with the reason."""

    ideas: list[tuple[int, IdeaLine]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    cut: int = 0
    """How many ideas were cut to the longest an idea can be."""


class Added(Struct, frozen=True):
    """What adding gathered ideas did."""

    added: list[tuple[int, Idea]]
    skipped: list[tuple[int, str]]
    alike: list[tuple[int, Idea, int, Idea]]
    """(line, idea added, number of the existing idea it looks like, that idea)."""
    cut: int


_WIDE_TEXT = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
"""The marks a UTF-16 or UTF-32 file starts with (longest first)."""


def decode(raw: bytes, name: str) -> str:
    """The text of an import file, or a one-line reason it is not one."""
    if len(raw) > MAX_FILE_BYTES:
        raise WorkshopError(
            f"{name} is {file_size(len(raw))}: too big for a list of ideas (at most {file_size(MAX_FILE_BYTES)})."
        )
    for bom, encoding in _WIDE_TEXT:
        if raw.startswith(bom):  # text, but not UTF-8: Excel's "Unicode text" is UTF-16
            raise WorkshopError(f"{name} is {encoding} text, not UTF-8: save it as UTF-8 first.")
    if b"\x00" in raw[:8192]:
        raise WorkshopError(f"{name} is not a text file.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkshopError(f"{name} is not UTF-8 text (byte {error.start + 1}): save it as UTF-8 first.") from None


def read_lines(text: str, workshop: Workshop, kind: str = "lines") -> Gathered:
    """Ideas from plain lines (``kind`` "lines") or a Markdown list ("list")."""
    gathered = Gathered()
    for number, line in enumerate(_lines(text), 1):
        if not clean(line):
            continue
        if kind == "list":
            item = _LIST_ITEM.match(line)
            if item is None:
                gathered.skipped.append((number, "not a list item"))
                continue
            line = item.group(1)
            if not clean(line):
                gathered.skipped.append((number, "an empty list item"))
                continue
        try:
            read = read_idea(line, workshop)
        except WorkshopError as error:
            gathered.skipped.append((number, str(error)))
            continue
        _take(gathered, number, read)
    return gathered


def read_csv(text: str, workshop: Workshop) -> Gathered:
    """Ideas from CSV rows: text, then optionally the goal number and who
    proposed it. Raises :class:`WorkshopError` if the text is not CSV."""
    gathered = Gathered()
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","  # one column, or too little to tell: commas
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    goals = len(workshop.goals)
    seen_first = False
    while True:
        number = reader.line_num + 1  # the file line the row starts on
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise WorkshopError(f"not a well-formed CSV: line {reader.line_num}: {error}.") from None
        cells = [clean(cell) for cell in row]
        if not any(cells):
            continue
        first, seen_first = not seen_first, True
        if first and cells[0].casefold() in _HEADER_WORDS:
            gathered.skipped.append((number, "the names of the columns"))
            continue
        if len(cells) > 3:
            gathered.skipped.append((number, f"{len(cells)} columns: a row is text, goal number, proposer"))
            continue
        text_cell, goal, proposer = (cells + ["", ""])[:3]
        if not text_cell:
            gathered.skipped.append((number, "no text in the first column"))
            continue
        goal_id = None
        if goal:
            if not is_number(goal) or not 1 <= int(goal) <= goals:
                reason = (
                    f"goal {goal} is not a goal number (1 to {goals})" if goals else f"goal {goal}: no goals are set"
                )
                gathered.skipped.append((number, reason))
                continue
            goal_id = workshop.goal_by_number(int(goal)).id
        _take(gathered, number, IdeaLine(text_cell, goal_id, known_name(proposer, workshop) if proposer else ""))
    return gathered


def read_file(raw: bytes, name: str, workshop: Workshop) -> Gathered:
    """The ideas in an import file, by its kind (see the module)."""
    text = decode(raw, name)
    lowered = name.lower()
    if lowered.endswith(".csv"):
        try:
            return read_csv(text, workshop)
        except WorkshopError as error:
            raise WorkshopError(f"{name} is {error}") from None
    lines = [line for line in _lines(text) if clean(line)]
    is_list = lowered.endswith((".md", ".markdown")) or (lines and all(_LIST_ITEM.match(line) for line in lines))
    return read_lines(text, workshop, "list" if is_list else "lines")


def _take(gathered: Gathered, number: int, read: IdeaLine) -> None:
    cleaned = clean_line(read.text)
    gathered.cut += cleaned.cut
    gathered.ideas.append((number, IdeaLine(cleaned.text[:MAX_TEXT], read.goal_id, read.proposer)))


def add_gathered(workshop: Workshop, gathered: Gathered) -> Added:
    """Add the gathered ideas: one already there (the same words) is left
    out, one that looks like an existing idea is added and named."""
    added: list[tuple[int, Idea]] = []
    skipped = list(gathered.skipped)
    alike: list[tuple[int, Idea, int, Idea]] = []
    past: list[int] = []
    for number, read in gathered.ideas:
        if len(added) >= MAX_IDEAS:
            past.append(number)
            continue
        same = next(
            (idea.number for idea in workshop.ideas if idea.text.casefold() == clean(read.text).casefold()), None
        )
        if same is not None:
            skipped.append((number, f"already idea {same}"))
            continue
        twin = likely_duplicate(read.text, workshop.ideas)
        idea = workshop.add_idea(read.text, read.goal_id, read.proposer)
        added.append((number, idea))
        if twin is not None:
            alike.append((number, idea, twin.number, twin.idea))
    if past:
        where = f"{past[0]}" if len(past) == 1 else f"{past[0]} and {len(past) - 1:,} more after it"
        skipped.append(
            (past[0], f"past the {MAX_IDEAS:,} ideas one import takes (line {where}): import the rest after")
        )
    skipped.sort()
    return Added(added, skipped, alike, gathered.cut)


SHOWN_ALIKE = 5
"""How many ideas that look like one already there an import names; past
that, one line says how many there are, and the first ones are named."""


def report(result: Added, source: str) -> list[str]:
    """What an import did, in lines: how many were added, then each line
    left out and why, then the ideas that look like one already there (each
    of them when they are few; else how many, and the first few)."""
    count = len(result.added)
    lines = [f"Added {count:,} {'idea' if count == 1 else 'ideas'} from {source}."]
    if result.cut:
        lines.append(f"{result.cut:,} cut to {MAX_TEXT:,} characters.")
    lines += [f"Skipped line {number}: {reason.rstrip('.')}." for number, reason in result.skipped]
    merge = "merge them in the room if they are one (m on the list)"
    if len(result.alike) <= SHOWN_ALIKE:
        lines += [
            f"Line {number} looks like idea {twin_number}, \u201c{twin.text[:60]}\u201d: {merge}."
            for number, _, twin_number, twin in result.alike
        ]
        return lines
    lines.append(f"{len(result.alike):,} lines look like an idea already there: {merge}. The first {SHOWN_ALIKE}:")
    lines += [
        f"  Line {number} looks like idea {twin_number}, \u201c{twin.text[:60]}\u201d."
        for number, _, twin_number, twin in result.alike[:SHOWN_ALIKE]
    ]
    return lines
