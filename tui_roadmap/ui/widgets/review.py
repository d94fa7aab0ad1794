"""The Review step (only in a review): the last roadmap, item by item, each
with the status the room gives it in one key, and a one-line note; then the
actions still open last time, each marked done or not in one key, its date
moved in another."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static
from textual.widgets.option_list import Option

from tui_roadmap.ui.messages import ActOn, EditNote, SetStatus
from tui_roadmap.ui.order import deliver
from tui_roadmap.ui.widgets.actions import day_text
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.pane import Pane, PaneContext
from tui_roadmap.workshop.actions import carried_actions, is_late
from tui_roadmap.workshop.model import LEAVES_BOARD, STATUSES, Action, Workshop
from tui_roadmap.workshop.review import STATUS_KEYS, carried_ideas, earlier_column, held_place

STATUS_WIDTH = 14
"""The width of the status column."""

STATUS_STYLES: dict[str | None, str] = {
    "done": "bold $success",
    "doing": "bold $accent",
    "todo": "bold",
    "dropped": "bold $text-muted",
    None: "italic $warning",
}


def status_label(status: str | None) -> str:
    """A status as the list shows it, in capitals so that it reads without colour."""
    return STATUSES[status].upper() if status else "no status yet"


ACTION_STATUSES = {"done": "done", "todo": "not done", "": "not done"}
"""What the status keys do on an action: d done, n and 0 not done."""


class ReviewList(ItemList):
    """The items of the last roadmap, each with its status; then the
    actions carried over (options ``action-ID``), each done or not."""

    BINDINGS = [
        *(
            Binding(
                key,
                f"status('{status}')",
                STATUSES[status].capitalize(),
                id=f"review-{status}",
                tooltip=f"The item is {STATUSES[status]}"
                + (
                    ": it leaves the board and stays in the record"
                    if status in ("done", "dropped")
                    else ": it stays on the board"
                ),
                priority=True,
            )
            for key, status in STATUS_KEYS.items()
        ),
        Binding(
            "0,backspace",
            "status('')",
            "No status",
            key_display="0",
            id="review-clear",
            tooltip="Take the item's status back (also backspace)",
            priority=True,
        ),
        Binding(
            "e,enter",
            "note",
            "Note",
            id="review-note",
            tooltip="Write the room's one line on the item (on an action: its owner and due date)",
            priority=True,
        ),
        Binding(
            "u",
            "act('due')",
            "Due",
            id="review-due",
            tooltip="Move an action's due date: 2027-01-15, +2w (+3d, +1m), fri, next review",
            priority=True,
        ),
        Binding("p", "act('owner')", "Owner", id="review-owner", tooltip="Give an action another owner", priority=True),
    ]

    @property
    def current_action(self) -> int | None:
        """The carried action under the cursor (None: an item, or nothing)."""
        option_id = self.current_option_id
        return self.current_item if option_id and option_id.startswith("action-") else None

    async def action_status(self, status: str) -> None:
        action_id = self.current_action
        if action_id is not None:
            if status in ACTION_STATUSES:
                await deliver(self, ActOn(action_id, "toggle" if status == "done" else "undone"))
            else:
                self.notify("An action is done (d) or not done (n).", markup=False)
        elif self.current_item is not None:
            await deliver(self, SetStatus(self.current_item, status or None))

    async def action_note(self) -> None:
        action_id = self.current_action
        if action_id is not None:
            await deliver(self, ActOn(action_id, "edit"))
        elif self.current_item is not None:
            await deliver(self, EditNote(self.current_item))

    async def action_act(self, what: str) -> None:
        action_id = self.current_action
        if action_id is not None:
            await deliver(self, ActOn(action_id, what))
        elif self.current_item is not None:
            self.notify("u and p are for the actions from the last review, below the items.", markup=False)


class ReviewPane(Pane):
    """The last roadmap, to be walked item by item."""

    step = "review"

    def __init__(self, context: PaneContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self._shown: tuple = ()
        self._workshop: Workshop | None = None
        self._width = 0

    def _text_width(self) -> int:
        """How wide an item's words may be beside its status."""
        width = self.size.width or self.app.size.width
        return max(20, width - STATUS_WIDTH - 6)  # the pane's and the list's padding, and its scroll bar

    async def on_resize(self) -> None:
        if self._workshop is not None and self._text_width() != self._width:
            self._shown = ()
            await self.show(self._workshop)

    def compose(self) -> ComposeResult:
        yield Static(id="review-intro")
        yield Label(id="review-title", classes="section-title")
        yield ReviewList(id="review-list")
        yield Label(id="review-hint")

    def first_focus(self) -> Widget:
        return self.query_one(ReviewList)

    async def show(self, workshop: Workshop) -> None:
        self._workshop = workshop
        earlier = workshop.earlier
        items = carried_ideas(workshop)
        carried = carried_actions(workshop)
        shown = (
            earlier,
            tuple(items),
            tuple(workshop.ideas),
            tuple((p.idea_id, p.column, p.priority, p.effort) for p in workshop.placements),
            tuple(carried),
        )
        if shown == self._shown or earlier is None:
            return
        self._shown = shown
        self.query_one("#review-intro", Static).update(
            Content.assemble(
                ("Review of ", "bold"),
                (f"\u201c{earlier.name}\u201d", "bold"),
                f", held {earlier.held.isoformat()}: give each item of its roadmap a status. ",
                (
                    "Done and dropped items leave the board and stay in the record; the others wait on the board, "
                    "carried over.",
                    "dim",
                ),
            )
        )
        counts = {status: sum(1 for _, c in items if c.status == status) for status in [*STATUSES, None]}
        parts = [f"{counts[s]} {STATUSES[s]}" for s in STATUSES if counts[s]]
        waiting = counts[None]
        if not items and not carried:
            self.query_one("#review-title", Label).update(
                Content.assemble(
                    ("Last roadmap", "bold"), "  nothing was on it: nothing to review; F2 goes on to the goals"
                )
            )
            self.query_one(ReviewList).fill([])
            return
        title = Content.assemble(
            ("Last roadmap", "bold"),
            f"  {len(items)} items" + (f": {', '.join(parts)}" if parts else ""),
            (
                f"   {waiting} to review" if waiting else "   all reviewed",
                "bold $warning" if waiting else "bold $success",
            ),
            self._actions_count(workshop, carried),
        )
        self.query_one("#review-title", Label).update(title)
        review_list = self.query_one(ReviewList)
        self._width = self._text_width()
        options: list[Option | None] = [self._option(workshop, idea_id, self._width) for idea_id, _ in items]
        if carried:
            options.append(None)
        options += [self._action_option(workshop, item, self._width) for item in carried]
        review_list.fill(options)  # type: ignore[arg-type]  (None: a separator)
        self.query_one("#review-hint", Label).update(
            Content.styled(
                "Next: F2 goals and metrics \u00b7 F3 the parked ideas, back \u00b7 F5 move open items",
                "dim",
            )
        )

    @staticmethod
    def _actions_count(workshop: Workshop, carried: list[Action]) -> Content:
        """How many of last time's actions are done, and how many are late."""
        if not carried:
            return Content("")
        held = workshop.created.date()
        done = sum(1 for item in carried if item.done)
        late = sum(1 for item in carried if not item.done and is_late(_was_due(workshop, item), held))
        return Content.assemble(
            ("   Actions", "bold"),
            f"  {done} of {len(carried)} done",
            (f", {late} late", "bold $warning") if late else "",
        )

    @staticmethod
    def _action_option(workshop: Workshop, item: Action, width: int) -> Option:
        """An action from the last review: done, open or late, its owner and
        due date (and the date it had, if the room moved it)."""
        was = _was_due(workshop, item)
        late = not item.done and is_late(was, workshop.created.date())
        status, style = (
            ("DONE", "bold $success") if item.done else ("LATE", "bold $warning") if late else ("OPEN", "bold")
        )
        indent = Content("\n" + " " * STATUS_WIDTH)
        when = f"due {day_text(item.due)}" if item.due else "no date"
        if was != item.due:
            when += f" (was {was.isoformat() if was else 'no date'})"
        words = indent.join(
            Content.styled(line, "strike" if item.done else "bold") for line in wrap(item.text, width, initial=8)
        )
        lines = [
            Content.assemble(("action: ", "dim"), words),
            Content.styled(f"{item.owner or 'no owner'} \u00b7 {when}", "dim"),
        ]
        prompt = Content.assemble((f"{status:<{STATUS_WIDTH}}", style), indent.join(lines))
        return Option(prompt, id=f"action-{item.id}")

    @staticmethod
    def _option(workshop: Workshop, idea_id: int, width: int) -> Option:
        carried = workshop.carried[idea_id]
        idea = workshop.idea(idea_id)
        column, priority, effort = held_place(workshop, idea_id)
        was = earlier_column(workshop, idea_id)
        off = carried.status in LEAVES_BOARD
        where = column or "off the board"
        if was and column and was != column:
            where += f" (moved from {was})"
        if off:
            where = f"off the board, was {where}"
        sizes = " ".join(size for size in (priority, effort) if size) or "unsized"
        indent = Content("\n" + " " * STATUS_WIDTH)

        def block(text: str, style: str, initial: int = 0) -> Content:
            return indent.join(Content.styled(line, style) for line in wrap(text, width, initial))

        lines = [block(idea.text, "strike" if off else "bold"), block(f"{where} \u00b7 {sizes}", "dim")]
        if carried.note:
            lines.append(Content.assemble(("note: ", "dim"), block(carried.note, "", initial=6)))
        else:
            lines.append(Content.styled("e: a note", "dim"))
        prompt = Content.assemble(
            (f"{status_label(carried.status):<{STATUS_WIDTH}}", STATUS_STYLES.get(carried.status, "bold")),
            indent.join(lines),
        )
        return Option(prompt, id=f"review-{idea_id}")


def _was_due(workshop: Workshop, item: Action):
    """The due date an action had when it was carried over."""
    if workshop.earlier is None:
        return item.due
    return next((kept.due for kept in workshop.earlier.actions if kept.key == item.key), item.due)


def wrap(text: str, width: int, initial: int = 0) -> list[str]:
    """Words in lines of ``width`` (the first ``initial`` shorter)."""
    lines = textwrap.wrap(" " * initial + text, width, break_long_words=True) or [""]
    lines[0] = lines[0][initial:]
    return lines
