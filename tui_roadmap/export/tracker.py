"""The scoped roadmap as CSV for the team's issue tracker: one row per epic,
then one row per story, then one row per open action (a task), in columns an
importer maps field by field.

Every epic comes before every story, because an importer that links a child
to its parent (Jira's, for one) needs the parent's row first. Ids are
numbered in board order (``E1``, ``E2``; ``E1-S1`` is the first story of
``E1``): they are the same on every export of the same session, and are
meant to link the rows of one file, not to stay the same when the scope
changes. Tasks are numbered ``T1``, ``T2`` by due date; a file with tasks
has two more columns, their assignee and due date (a file without is as it
was before tasks).

The csv module quotes what needs quoting (commas, quotes, line breaks); on
top of that, a cell that a spreadsheet would read as a formula (one that
starts with ``=``, ``+``, ``-`` or ``@``) is written with a single quote in
front, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from tui_roadmap.workshop import actions
from tui_roadmap.workshop.model import EFFORT_POINTS, Goal, Idea, Placement, Workshop
from tui_roadmap.workshop.roadmap import placed_ideas
from tui_roadmap.workshop.text import clean

HEADER: tuple[str, ...] = (
    "id",
    "summary",
    "title",
    "type",
    "parent",
    "description",
    "labels",
    "quarter",
    "priority",
    "points",
)
"""The columns, in order (the first row of the file). ``title`` holds what
``summary`` holds: Jira and Linear read a summary, GitLab's importer reads
only ``title`` and ``description`` (and refuses a file without them)."""

TASK_COLUMNS: tuple[str, ...] = ("assignee", "due")
"""The columns after :data:`HEADER` in a file that has tasks: each task's
owner and due date (empty on epics and stories)."""

#: What a cell must not start with: the formula characters, and the tab and
#: carriage return that OWASP's CSV injection advice adds to them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NOT_LABEL = re.compile(r"[^a-z0-9]+")


def safe_cell(text: str) -> str:
    """A cell that no spreadsheet reads as a formula: a single quote is put
    in front of one that would start like one."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def goal_label(workshop: Workshop, goal: Goal | None) -> str:
    """A goal's title as a tracker label: lowercase, words joined by dashes,
    only ``a-z``, ``0-9`` and ``-`` (accents dropped, an apostrophe left
    out). A title with none of those letters gives ``goal-N``, N its number;
    no goal, no label."""
    if goal is None:
        return ""
    plain = unicodedata.normalize("NFKD", goal.title).encode("ascii", "ignore").decode("ascii").lower()
    label = _NOT_LABEL.sub("-", plain.replace("'", "")).strip("-")
    return label or f"goal-{workshop.goal_number(goal.id)}"


def _lines(*pairs: tuple[str, str]) -> str:
    return "\n".join(f"{key}: {clean(value)}" for key, value in pairs if clean(value))


def tracker_header(workshop: Workshop) -> tuple[str, ...]:
    """The first row: :data:`HEADER`, and :data:`TASK_COLUMNS` if the file has tasks."""
    return HEADER + TASK_COLUMNS if task_rows(workshop) else HEADER


def tracker_rows(workshop: Workshop) -> list[list[str]]:
    """The rows under the header: the epics of every placed item that has
    a scope, in board order, then their stories (items without epics give
    no rows), then the tasks (:func:`task_rows`)."""
    tasks = task_rows(workshop)
    padding = [""] * len(TASK_COLUMNS) if tasks else []
    return [row + padding for row in _scoped_rows(workshop)] + tasks


def task_rows(workshop: Workshop) -> list[list[str]]:
    """A ``Task`` row for every open action, soonest first (the undated
    last): a checklist line with an owner or a date, an action of the room's
    own, one still open from the last review."""
    found: list[tuple[str, str, str, object]] = []
    for line in actions.lines(workshop):
        if line.action is not None and not line.done:
            found.append((line.check.render(), "From the refinement checklist", line.owner, line.due))
    for item in workshop.actions:
        if item.line is None and not item.done:
            source = "Carried over from the last review" if item.key else "Agreed by the room"
            found.append((item.text, source, item.owner, item.due))
    rows = []
    for number, (text, source, owner, due) in enumerate(actions.by_date(found, due=lambda task: task[3]), 1):
        title = clean(text)
        cells = [f"T{number}", title, title, "Task", "", source, "", "", "", "", clean(owner), str(due or "")]
        rows.append([safe_cell(cell) for cell in cells])
    return rows


def _scoped_rows(workshop: Workshop) -> list[list[str]]:
    """The epics of every placed item that has a scope, then their stories."""
    epics: list[list[str]] = []
    stories: list[list[str]] = []
    for placement, idea in placed_ideas(workshop):
        scope = workshop.scopes.get(idea.id)
        if scope is None:
            continue
        shared = _shared(workshop, placement, idea)
        for epic in scope.epics:
            epic_id = f"E{len(epics) + 1}"
            description = _lines(("Roadmap item", idea.text), ("Owner", scope.owner), ("Acceptance notes", epic.notes))
            points = EFFORT_POINTS.get(placement.effort or "")
            title = clean(epic.title)
            epics.append([epic_id, title, title, "Epic", "", description, *shared, str(points or "")])
            for number, story in enumerate(epic.stories, 1):
                about = _lines(("Epic", f"{epic_id} {title}"), ("Roadmap item", idea.text))
                text = clean(story)
                stories.append([f"{epic_id}-S{number}", text, text, "Story", epic_id, about, *shared, ""])
    return [[safe_cell(cell) for cell in row] for row in epics + stories]


def _shared(workshop: Workshop, placement: Placement, idea: Idea) -> list[str]:
    """The labels, quarter and priority an item's epics and stories share."""
    return [goal_label(workshop, workshop.goal(idea.goal_id)), clean(placement.column), placement.priority or ""]


def tracker_csv(workshop: Workshop) -> str:
    """The whole CSV: the header row (:func:`tracker_header`), then :func:`tracker_rows`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(tracker_header(workshop))
    writer.writerows(tracker_rows(workshop))
    return buffer.getvalue()
