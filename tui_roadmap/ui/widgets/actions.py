"""The checklist and the actions, on the Export step (a): each line of the
refinement checklist with its owner and due date, then the room's own actions
and those still open from the last review; and how an action is shown on the
Review step."""

from __future__ import annotations

import textwrap
from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from tui_roadmap.ui.messages import ActOn, NewAction
from tui_roadmap.ui.order import deliver
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.workshop.actions import Line, Target, carried_actions, is_late, lines, own_actions
from tui_roadmap.workshop.model import Action, Workshop

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

BOX_WIDTH = 4
"""The width of the tick box in front of each line (``[x] ``)."""


def day_text(day: date) -> str:
    """A date as the lists show it: ``Fri 2026-10-30`` (English, whatever
    the computer's language, as the dates are typed)."""
    return f"{DAYS[day.weekday()]} {day.isoformat()}"


def who_and_when(owner: str, due: date | None, done: bool, today: date) -> list[Content]:
    """An action's owner and due date, the parts of a list's second line,
    with "late" when it is not done and its date has passed."""
    parts = [
        Content.styled(owner, "bold") if owner else Content.styled("no owner", "dim"),
        Content.styled(f"due {day_text(due)}", "") if due else Content.styled("no date", "dim"),
    ]
    if not done and is_late(due, today):
        parts.append(Content.styled("late", "bold $warning"))
    return parts


SEPARATOR = Content.styled(" \u00b7 ", "dim")


def packed(parts: list[Content], width: int) -> list[Content]:
    """The parts joined by " · " in rows of at most ``width`` cells, a
    part never cut (one longer than a row has a row of its own)."""
    rows: list[Content] = []
    for part in parts:
        if rows and rows[-1].cell_length + SEPARATOR.cell_length + part.cell_length <= width:
            rows[-1] = Content.assemble(rows[-1], SEPARATOR, part)
        else:
            if rows:
                rows[-1] = Content.assemble(rows[-1], SEPARATOR.rstrip())
            rows.append(part)
    return rows


def wrap(text: str, width: int) -> list[str]:
    """Words in lines of ``width``."""
    return textwrap.wrap(text, max(10, width), break_long_words=True) or [""]


class ActionList(ItemList):
    """The checklist's lines and the actions; each option's id is
    ``line-N`` (the N-th line) or ``action-ID``."""

    BINDINGS = [
        Binding(
            "p",
            "act('owner')",
            "Owner",
            id="actions-owner",
            tooltip="Say who does it: a participant (by name or number) or any other name",
            priority=True,
        ),
        Binding(
            "u",
            "act('due')",
            "Due",
            id="actions-due",
            tooltip="Say when it is due: 2027-01-15, +2w (+3d, +1m), fri, next review",
            priority=True,
        ),
        Binding(
            "x,space", "act('toggle')", "Done", id="actions-done", tooltip="Mark it done, or not done", priority=True
        ),
        Binding(
            "n",
            "new",
            "New",
            id="actions-new",
            tooltip="Add an action of the room's own, with its owner and due date",
            priority=True,
        ),
        Binding(
            "e,enter",
            "act('edit')",
            "Edit",
            id="actions-edit",
            tooltip="Change its owner and due date (and the words of the room's own)",
            priority=True,
        ),
        Binding(
            "d,delete",
            "act('delete')",
            "Delete",
            id="actions-delete",
            tooltip="Delete an action of the room's own (ctrl+z brings it back)",
            priority=True,
        ),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.targets: dict[str, Target] = {}
        """Option id -> what it shows: a line's key or an action's id."""

    def show(self, workshop: Workshop, width: int, today: date) -> None:
        """Show the checklist and the actions, the cursor where it was."""
        options: list[Option | None] = []
        self.targets = {}
        for number, line in enumerate(lines(workshop), 1):
            option_id = f"line-{number}"
            self.targets[option_id] = line.key
            options.append(line_option(line, option_id, width, today))
        own = own_actions(workshop)
        carried = [item for item in carried_actions(workshop) if not item.done]
        if own or carried:
            options.append(None)
        for item in [*own, *carried]:
            option_id = f"action-{item.id}"
            self.targets[option_id] = item.id
            options.append(action_option(item, option_id, width, today))
        self.fill(options)  # type: ignore[arg-type]  (None: a separator)

    @property
    def current_target(self) -> Target | None:
        option_id = self.current_option_id
        return self.targets.get(option_id) if option_id else None

    async def action_act(self, what: str) -> None:
        target = self.current_target
        if target is not None:
            await deliver(self, ActOn(target, what))

    async def action_new(self) -> None:
        await deliver(self, NewAction())


def _box(done: bool) -> Content:
    return Content.styled("[x] " if done else "[ ] ", "bold $success" if done else "bold")


def _lines(first: list[str], style: str, second: list[Content], width: int) -> Content:
    """The words, and under them the parts of the second line packed in
    rows of ``width``, all indented under the box."""
    rows = [Content.styled(text, style) for text in first] + packed(second, width)
    return Content("\n" + " " * BOX_WIDTH).join(rows)


def line_option(line: Line, option_id: str, width: int, today: date) -> Option:
    """A checklist line, ticked if done, with its owner and due date."""
    text = line.check.render()
    style = "strike" if line.done else ""
    second = who_and_when(line.owner, line.due, line.done, today)
    return Option(Content.assemble(_box(line.done), _lines(wrap(text, width), style, second, width)), id=option_id)


def action_option(item: Action, option_id: str, width: int, today: date) -> Option:
    """An action of the room's own, or one from the last review, said so."""
    source = Content.styled("from the last review" if item.key else "the room's own", "dim")
    second = [source, *who_and_when(item.owner, item.due, item.done, today)]
    style = "strike" if item.done else "bold"
    return Option(Content.assemble(_box(item.done), _lines(wrap(item.text, width), style, second, width)), id=option_id)
