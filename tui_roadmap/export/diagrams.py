"""The draft's two pictures, as Mermaid diagrams: the roadmap by quarter (or
horizon) as a ``timeline``, and each item's dots against its effort as a
``quadrantChart``.

GitHub, GitLab, Notion and Obsidian draw a fenced ``mermaid`` block as a
picture; Confluence shows it as code, which is why a setting leaves them out.
The room's text is written with Mermaid's entity codes (``#58;`` for a colon,
``#quot;`` for a quote...) for every character that means something in a
diagram's grammar or in the HTML it draws, and long names are cut with a
``…``: whatever an idea says, the diagram still parses and shows it as typed.
"""

from __future__ import annotations

import re

from tui_roadmap.workshop.model import EFFORT_POINTS, Idea, Placement, Workshop
from tui_roadmap.workshop.roadmap import outside_timeframe, placed_ideas
from tui_roadmap.workshop.text import clean, cut_at_boundary
from tui_roadmap.workshop.vote import tally, totals_hidden

NAME_LENGTH = 40
"""The longest name a diagram shows, in characters (the ``…`` included)."""

QUADRANTS = {
    "quadrant-1": "Big bets",  # top right: many dots, much effort
    "quadrant-2": "Quick wins",  # top left: many dots, little effort
    "quadrant-3": "Fill-ins",  # bottom left: few dots, little effort
    "quadrant-4": "Money pits",  # bottom right: few dots, much effort
}
"""Mermaid's quadrants (numbered from the top right, anticlockwise) and their names."""

POINT_LENGTH = 24
"""The longest name beside a dot of the chart (the table has the whole name)."""

NUDGE = 0.045
"""How far apart items of the same dots and effort are drawn (a quarter of a
dot's step at most, when the top item has five or fewer)."""

CHART_CONFIG = (
    "---",
    "config:",
    "  quadrantChart:",
    "    chartWidth: 720",
    "    chartHeight: 520",
    "    pointLabelFontSize: 11",
    "---",
)
"""Mermaid's front matter for the chart: wide enough for the names, in a small type."""

_ENTITIES = {
    "#": "#35;",  # starts an entity code
    ";": "#59;",  # ends one, and ends a statement
    '"': "#quot;",
    ":": "#58;",  # a timeline's event, a point's position
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "(": "#40;",
    ")": "#41;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "%": "#37;",  # %% starts a comment
    "`": "#96;",  # a Markdown string
    "\\": "#92;",
}
_TABLE = str.maketrans(_ENTITIES)


def shorten(text: str, length: int = NAME_LENGTH) -> str:
    """``text`` on one line, cut at a word to at most ``length`` characters with a ``…``."""
    text = clean(text)
    if len(text) <= length:
        return text
    head = cut_at_boundary(text, length - 1)
    space = head.rfind(" ")
    if text[len(head)] != " " and space > length // 2:  # not at a word's end: back to the last one
        head = head[:space]
    return head.rstrip(" ,.:;-") + "\u2026"


_KEYWORD = re.compile(
    r"^(?=(?:title|section|timeline|quadrantChart|acc(?:title|descr)|[xy]-axis|quadrant-\d|classDef)\b)", re.I
)
"""A statement's first word: a line of the room's text that starts with one
has its first letter written as an entity code, so it stays text."""


def escape(text: str, length: int = NAME_LENGTH) -> str:
    """The room's text, safe anywhere in a Mermaid diagram: one line, cut to
    ``length``, every character with a meaning written as an entity code."""
    escaped = shorten(text, length).translate(_TABLE)
    if _KEYWORD.match(escaped):
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def diagrams(workshop: Workshop) -> list[str]:
    """The Markdown lines of both diagrams (fenced ``mermaid`` blocks), or
    none when nothing is on the roadmap yet."""
    placed = placed_ideas(workshop)
    if not placed:
        return []
    lines = ["```mermaid", *timeline(workshop), "```", ""]
    chart = quadrant_chart(workshop)
    if chart:
        lines += ["```mermaid", *chart, "```", ""]
    return lines


def _item(placement: Placement, idea: Idea) -> str:
    said = f"{placement.priority or 'no priority'}, effort {placement.effort or '?'}"
    return f"        {escape(idea.text)} : {said}"


def timeline(workshop: Workshop) -> list[str]:
    """The roadmap as a Mermaid ``timeline``: a section for each quarter (or
    horizon), its items in order, each with its priority and effort."""
    placed = placed_ideas(workshop)
    lines = ["timeline", f"    title {escape(workshop.name)} \u2014 roadmap by {workshop.timeframe.unit}"]
    for column in workshop.timeframe.columns:
        lines.append(f"    section {escape(column)}")
        items = [_item(p, idea) for p, idea in placed if p.column == column]
        lines += items or ["        No items yet"]
    outside = {p.idea_id for p in outside_timeframe(workshop)}
    if outside:
        lines.append("    section Outside the timeframe")
        lines += [_item(p, idea) for p, idea in placed if p.idea_id in outside]
    return lines


def _position(points: int, dots: int, most: int) -> tuple[float, float]:
    """Where a dot goes (0 to 1 on both axes): effort points across (XL at
    the right), dots up (the most dots at the top), kept off the edges."""
    x = points / (max(EFFORT_POINTS.values()) + 0.5)
    y = 0.05 + 0.9 * dots / most
    return round(x, 3), round(y, 3)


def quadrant_chart(workshop: Workshop) -> list[str]:
    """The items' dots against their effort points, as a Mermaid
    ``quadrantChart``; none while the vote's totals are hidden, or when no
    voted item has an effort yet. Items carried over from the last review
    had no vote, and are left out."""
    if totals_hidden(workshop):
        return []
    dots = tally(workshop)
    shown = [
        (idea, EFFORT_POINTS[p.effort], dots.get(idea.id, 0))
        for p, idea in placed_ideas(workshop)
        if p.effort in EFFORT_POINTS and idea.id not in workshop.carried
    ]
    if not shown:
        return []
    most = max(1, *(d for _, _, d in shown))
    lines = [
        *CHART_CONFIG,
        "quadrantChart",
        "    title Dots against effort",
        "    x-axis Little effort --> Much effort",
        "    y-axis Few dots --> Many dots",
        *(f"    {number} {name}" for number, name in QUADRANTS.items()),
    ]
    # Items on the same spot are drawn a little apart, so that their names do not overlap.
    taken: dict[tuple[float, float], int] = {}
    for idea, points, count in shown:
        x, y = _position(points, count, most)
        nudge = taken.get((x, y), 0)
        taken[(x, y)] = nudge + 1
        y = round(y - NUDGE * nudge if y - NUDGE * nudge > 0.02 else y + NUDGE * nudge, 3)
        lines.append(f'    "{escape(idea.text, POINT_LENGTH)}": [{x}, {y}]')
    return lines
