"""Step 4, Roadmap: the board, one column per quarter or horizon.

The winners of the vote wait in the first column, "To place". A digit puts the
item under the cursor in that column (1 for the first quarter), p and e give
it a priority and an effort, shift and the arrows move it within and across
columns. Each column shows its load against its capacity, and is flagged when
it is over, or when its Musts take most of it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Label
from textual.widgets.option_list import Option

from tui_roadmap.ui.messages import (
    AskCapacity,
    AskNeeds,
    AskRisk,
    CycleConfidence,
    CycleEffort,
    CyclePriority,
    FocusColumn,
    FollowCard,
    MoveInColumn,
    OpenScope,
    Place,
    PlaceIn,
    SizeCard,
)
from tui_roadmap.ui.order import deliver, focus_now
from tui_roadmap.ui.widgets.dots import DOT
from tui_roadmap.ui.widgets.goals import goal_label
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.pane import Pane, PaneContext
from tui_roadmap.workshop.items import details_of, needs_of
from tui_roadmap.workshop.model import EFFORT_POINTS, Idea, Placement, Workshop
from tui_roadmap.workshop.roadmap import (
    added_by_room,
    goals_without_items,
    items_without_goal,
    load,
    outside_timeframe,
    unplaced_winners,
)
from tui_roadmap.workshop.scoping import is_scoped
from tui_roadmap.workshop.text import shorten
from tui_roadmap.workshop.timeframe import MAX_QUARTERS
from tui_roadmap.workshop.vote import tally, tie_at_cut, totals_hidden, winners

TO_PLACE = ""
"""The name of the "To place" column."""

OUTSIDE = "\x00outside"
"""The name of the column for items placed outside the timeframe."""

CONFIDENCE_STYLES = {"High": "bold $success", "Medium": "bold", "Low": "bold $warning"}
"""How a card shows the item's confidence (in words too: colour never says it alone)."""


class BoardList(ItemList):
    """The items of one column."""

    BINDINGS = [
        Binding(
            "1",
            "place(1)",
            "Place",
            key_display="1-9",
            id="board-place",
            tooltip="Put the item in column 1 (the first quarter), 2, ...",
            priority=True,
        ),
        *(Binding(str(n), f"place({n})", f"Column {n}", show=False, priority=True) for n in range(2, MAX_QUARTERS + 1)),
        Binding(
            "0,backspace",
            "place(0)",
            "Off",
            key_display="0",
            id="board-unplace",
            tooltip="Take the item off the roadmap (back to To place if it won); also backspace",
            priority=True,
        ),
        Binding(
            "m",
            "priority_is('Must')",
            "Priority",
            key_display="m s c",
            id="board-must",
            tooltip="Priority Must (m), Should (s) or Could (c)",
            priority=True,
        ),
        Binding(
            "s",
            "priority_is('Should')",
            "Should",
            show=False,
            id="board-should",
            tooltip="Priority Should",
            priority=True,
        ),
        Binding(
            "c", "priority_is('Could')", "Could", show=False, id="board-could", tooltip="Priority Could", priority=True
        ),
        Binding(
            "S",
            "effort_is('S')",
            "Effort",
            key_display="S M L X",
            id="board-effort-s",
            tooltip="Effort S, M, L or XL (shift and the letter: S, M, L, X)",
            priority=True,
        ),
        Binding("M", "effort_is('M')", "Effort M", show=False, id="board-effort-m", tooltip="Effort M", priority=True),
        Binding("L", "effort_is('L')", "Effort L", show=False, id="board-effort-l", tooltip="Effort L", priority=True),
        Binding(
            "X", "effort_is('XL')", "Effort XL", show=False, id="board-effort-xl", tooltip="Effort XL", priority=True
        ),
        Binding(
            "p",
            "priority",
            "Priority",
            show=False,
            id="board-priority",
            tooltip="Give the item the next priority: Must, Should, Could",
            priority=True,
        ),
        Binding(
            "e",
            "effort",
            "Effort",
            show=False,
            id="board-effort",
            tooltip="Give the item the next effort: S, M, L, XL",
            priority=True,
        ),
        Binding("shift+up", "move(-1)", "Move up", show=False, priority=True),
        Binding("shift+down", "move(1)", "Move down", show=False, priority=True),
        Binding("shift+left", "shift(-1)", "Move left", show=False, priority=True),
        Binding(
            "shift+right",
            "shift(1)",
            "Move",
            key_display="\u21e7+arrows",
            id="board-move",
            tooltip="Move the item up or down its column, or to the column left or right (shift and an arrow)",
            priority=True,
        ),
        Binding(
            "left",
            "column(-1)",
            "Column",
            key_display="\u2190 \u2192",
            id="board-column",
            tooltip="Go to the column on the left or right (round the board)",
            priority=True,
        ),
        Binding("right", "column(1)", "Column right", show=False, priority=True),
        Binding(
            "k",
            "capacity",
            "Capacity",
            id="board-capacity",
            tooltip="Set the column's capacity in effort points",
            priority=True,
        ),
        Binding(
            "o",
            "scope",
            "Scope",
            id="board-scope",
            tooltip="Scope the item: its owner, epics and stories",
            priority=True,
        ),
        Binding(
            "f",
            "confidence",
            "Confidence",
            id="board-confidence",
            tooltip="Give the item the next confidence: High, Medium, Low, none",
            priority=True,
        ),
        Binding(
            "n",
            "needs",
            "Needs",
            id="board-needs",
            tooltip="Say which other roadmap items the item needs first (by their numbers)",
            priority=True,
        ),
        Binding(
            "r",
            "risk",
            "Risk",
            id="board-risk",
            tooltip="Write the item's risk in one line",
            priority=True,
        ),
    ]

    def __init__(self, column: str, columns: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.column = column
        self.columns = columns
        """Every column of the board, in order (this one among them)."""

    async def action_place(self, number: int) -> None:
        idea_id = self.current_item
        if idea_id is None or (number == 0 and self.column == TO_PLACE):
            return
        await deliver(self, Place(idea_id, number))

    async def action_priority_is(self, priority: str) -> None:
        if self.current_item is not None:
            await deliver(self, SizeCard(self.current_item, priority=priority))

    async def action_effort_is(self, effort: str) -> None:
        if self.current_item is not None:
            await deliver(self, SizeCard(self.current_item, effort=effort))

    async def action_priority(self) -> None:
        if self.current_item is not None:
            await deliver(self, CyclePriority(self.current_item))

    async def action_effort(self) -> None:
        if self.current_item is not None:
            await deliver(self, CycleEffort(self.current_item))

    async def action_move(self, offset: int) -> None:
        if self.current_item is not None and self.column not in (TO_PLACE, OUTSIDE):
            await deliver(self, MoveInColumn(self.current_item, offset))

    async def action_shift(self, offset: int) -> None:
        """Take the item to the column left or right, and follow it there."""
        idea_id = self.current_item
        target = self.columns.index(self.column) + offset
        if idea_id is None or not 0 <= target < len(self.columns) or self.columns[target] == OUTSIDE:
            return
        await deliver(self, PlaceIn(idea_id, self.columns[target]))
        await deliver(self, FollowCard(idea_id, self.columns[target]))

    async def action_column(self, offset: int) -> None:
        await deliver(self, FocusColumn(self.column, offset))

    async def action_scope(self) -> None:
        if self.current_item is not None:
            await deliver(self, OpenScope(self.current_item))

    async def action_confidence(self) -> None:
        if self.current_item is not None:
            await deliver(self, CycleConfidence(self.current_item))

    async def action_needs(self) -> None:
        if self.current_item is not None:
            await deliver(self, AskNeeds(self.current_item))

    async def action_risk(self) -> None:
        if self.current_item is not None:
            await deliver(self, AskRisk(self.current_item))

    async def action_capacity(self) -> None:
        if self.column in (TO_PLACE, OUTSIDE):
            self.notify("Capacity is set per quarter: go to a quarter's column first.", severity="warning")
            return
        await deliver(self, AskCapacity(self.column))


COLUMN_MIN = 18
"""The narrowest a column gets before the board scrolls sideways."""
EMPTY_WIDTH = 16
"""An empty To place column."""
GAP = 1


def column_widths(available: int, empty: list[bool]) -> list[int]:
    """Widths that share ``available`` cells among the columns (each
    followed by a gap), an empty one narrow, the others alike but never
    under COLUMN_MIN (the board then scrolls)."""
    fixed = sum(EMPTY_WIDTH + GAP for is_empty in empty if is_empty)
    shared = len(empty) - sum(empty)
    if not shared:
        return [EMPTY_WIDTH] * len(empty)
    each = max(COLUMN_MIN, (available - fixed) // shared - GAP)
    return [EMPTY_WIDTH if is_empty else each for is_empty in empty]


class RoadmapPane(Pane):
    """The roadmap board. Its columns are mounted once for a timeframe, and a
    column's cards are drawn again only when they change."""

    step = "roadmap"

    def __init__(self, context: PaneContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.columns: list[str] = []
        self._cards: dict[str, list[tuple[str | None, VisualType]]] = {}
        self._titles: dict[str, tuple[Content, bool, bool]] = {}

    def compose(self) -> ComposeResult:
        yield Horizontal(id="board")
        yield Label(id="coverage")

    def first_focus(self) -> Widget | None:
        lists = list(self.query(BoardList))
        if not lists:
            return None
        return lists[0] if lists[0].option_count else next((b for b in lists if b.option_count), lists[0])

    async def show(self, workshop: Workshop) -> None:
        columns = [TO_PLACE, *workshop.timeframe.columns]
        if outside_timeframe(workshop):
            columns.append(OUTSIDE)
        if columns != self.columns:
            self.columns = columns
            self._cards.clear()
            self._titles.clear()
            board = self.query_one("#board", Horizontal)
            await board.remove_children()
            await board.mount_all([self._column_widget(index, name) for index, name in enumerate(columns)])
        self._fill_all(workshop)
        self._show_coverage(workshop)

    def _column_widget(self, index: int, name: str) -> Vertical:
        return Vertical(
            Label(classes="column-title"),
            BoardList(name, self.columns, id=f"board-list-{index}"),
            classes="board-column",
            id=f"board-column-{index}",
        )

    def _fill_all(self, workshop: Workshop) -> None:
        dots = tally(workshop)
        widths_change = False
        for index, name in enumerate(self.columns):
            column = self.query_one(f"#board-column-{index}", Vertical)
            cards = self._cards_of(workshop, name, dots)
            title = (
                self._column_title(workshop, index, name),
                name not in (TO_PLACE, OUTSIDE) and load(workshop, name).flagged,
                name == TO_PLACE and not cards,
            )
            if title != self._titles.get(name):
                widths_change |= self._titles.get(name, (None, None, None))[2] != title[2]
                self._titles[name] = title
                column.query_one(Label).update(title[0])
                column.set_class(title[1], "-flagged")
                column.set_class(title[2], "-empty")
            shown = [(option.id, option.prompt) for option in cards]
            if shown != self._cards.get(name):
                self._cards[name] = shown
                column.query_one(BoardList).fill(cards)
        if widths_change:
            self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the board's width among the columns. (Left to ``1fr``, a
        board wider than the screen gave one column nearly all of it.)"""
        board = self.query_one("#board", Horizontal)
        columns = list(board.query(".board-column"))
        if not columns or not board.size.width:
            return
        widths = column_widths(board.size.width, [column.has_class("-empty") for column in columns])
        for column, width in zip(columns, widths, strict=True):
            if column.styles.width is None or column.styles.width.value != width:
                column.styles.width = width

    def _column_title(self, workshop: Workshop, index: int, name: str) -> Content:
        if name == TO_PLACE:
            if totals_hidden(workshop):
                return Content.assemble(("To place", "bold"), ("  after the vote closes", "dim"))
            waiting = len(unplaced_winners(workshop))
            tied = len([r for r in tie_at_cut(workshop) if workshop.placement(r.idea.id) is None])
            return Content.assemble(
                ("To place", "bold"),
                f"  {waiting} {'winner' if waiting == 1 else 'winners'}",
                (f" + {tied} tied", "bold $warning") if tied else "",
            )
        if name == OUTSIDE:
            return Content.assemble(("Outside the timeframe", "bold $error"))
        column_load = load(workshop, name)
        items = len(workshop.column_items(name))
        size = f"  {items} \u00b7 {column_load.points}"
        if column_load.capacity is not None:
            size += f"/{column_load.capacity}"
        size += " pt" if column_load.points == 1 and column_load.capacity is None else " pts"
        flag = ""
        if column_load.over:
            flag = "  OVER"
        elif column_load.musts_heavy:
            flag = "  MUSTS"
        return Content.assemble((f"{index} ", "dim"), (name, "bold"), size, (flag, "bold $error"))

    def _cards_of(self, workshop: Workshop, name: str, dots: dict[int, int]) -> list[Option]:
        hidden = totals_hidden(workshop)
        tied_ids = set() if hidden else {r.idea.id for r in tie_at_cut(workshop)}
        waiting_tied: list[Idea] = []
        if name == TO_PLACE:
            pairs: list[tuple[Placement | None, Idea]] = (
                [] if hidden else [(None, r.idea) for r in unplaced_winners(workshop)]
            )
            waiting_tied = (
                [r.idea for r in tie_at_cut(workshop) if workshop.placement(r.idea.id) is None] if tied_ids else []
            )
        elif name == OUTSIDE:
            pairs = [(p, workshop.idea(p.idea_id)) for p in outside_timeframe(workshop)]
        else:
            pairs = [(p, workshop.idea(p.idea_id)) for p in workshop.column_items(name)]
        added = added_by_room(workshop)

        def card(placement: Placement | None, idea: Idea) -> Option:
            shown_dots = None if hidden else dots.get(idea.id)
            return Option(
                self._card(workshop, placement, idea, shown_dots, idea.id in added, idea.id in tied_ids),
                id=f"card-{idea.id}",
            )

        cards = [card(placement, idea) for placement, idea in pairs]
        if waiting_tied:
            note = Content.styled("TIED at the cut line: settle it on the Vote step (F4)", "bold $warning")
            cards.append(Option(note, id="tied-note", disabled=True))
            cards += [card(None, idea) for idea in waiting_tied]
        return cards

    @staticmethod
    def _card(
        workshop: Workshop, placement: Placement | None, idea: Idea, dots: int | None, added: bool, tied: bool
    ) -> Content:
        goal = workshop.goal(idea.goal_id)
        details: list[tuple[str, str] | str] = []
        if tied:
            details += [("TIED", "bold reverse $warning"), " \u00b7 "]
        priority, effort = (
            (placement.priority, placement.effort) if placement else workshop.sizing.get(idea.id, (None, None))
        )
        details += [(priority or "priority?", "bold" if priority else "$warning"), " \u00b7 "]
        details += [(effort or "effort?", "bold" if effort else "$warning"), " \u00b7 "]
        if dots is not None:
            details += [(f"{dots}{DOT}", "$accent"), " \u00b7 "]
        if added:
            details += [("+room", "bold $accent"), " \u00b7 "]
        if idea.id in workshop.carried:
            details += [("\u21bb carried", "bold"), " \u00b7 "]
        scope = workshop.scopes.get(idea.id) if placement is not None else None
        if scope is not None and scope.epics:
            stories = sum(len(epic.stories) for epic in scope.epics)
            details += [(f"{len(scope.epics)}E/{stories}S", "bold" if is_scoped(scope) else "$warning"), " \u00b7 "]
        details.append((goal_label(workshop, goal), "bold" if goal else "$warning"))
        said = RoadmapPane._what_the_room_said(workshop, idea)
        return Content.assemble((idea.text, "bold"), "\n", *details, *(["\n", *said] if said else []))

    @staticmethod
    def _what_the_room_said(workshop: Workshop, idea: Idea) -> list[tuple[str, str] | str | Content]:
        """The card's third line, if the room said how sure it is of the
        item, what it needs or its risk (each in words: a need placed in a
        later column, or no longer on the roadmap, is flagged so)."""
        details = details_of(workshop, idea.id)
        parts: list[tuple[str, str] | str | Content] = []
        if details.confidence:
            parts.append((f"{details.confidence} confidence", CONFIDENCE_STYLES[details.confidence]))
        for need in needs_of(workshop, idea.id):
            words = f"needs {shorten(need.idea.text, 24)}"
            if need.later:
                parts.append(Content.assemble(words, " ", (f"LATER, {need.column}", "bold reverse $error")))
            elif need.problem:
                parts.append(Content.assemble(words, " ", ("OFF THE ROADMAP", "bold reverse $error")))
            else:
                parts.append((words, "" if need.column else "dim"))
        if details.risk:
            parts.append((f"risk: {shorten(details.risk, 40)}", "italic"))
        return [piece for index, part in enumerate(parts) for piece in ([" \u00b7 "] if index else []) + [part]]

    def _show_coverage(self, workshop: Workshop) -> None:
        parts: list[tuple[str, str] | str] = [("Goals ", "bold")]
        placed_goals = [workshop.goal(workshop.idea(p.idea_id).goal_id) for p in workshop.placements]
        for number, goal in enumerate(workshop.goals, 1):
            count = sum(1 for g in placed_goals if g is goal)
            parts.append((f"G{number}: {count}  ", "" if count else "bold $error"))
        if not workshop.goals:
            parts.append(("none set  ", "dim"))
        loose = items_without_goal(workshop)
        if loose:
            parts.append((f"{len(loose)} without a goal  ", "bold $warning"))
        missing = goals_without_items(workshop)
        if missing and workshop.placements:
            parts.append((f"{len(missing)} goal{'s' if len(missing) > 1 else ''} with no item  ", "bold $warning"))
        if totals_hidden(workshop):
            parts.append(
                ("The vote is on secret ballots: the winners show once it is closed (F4, v).", "bold $warning")
            )
        elif not winners(workshop):
            parts.append(("No winners yet: vote first (F4).", "dim"))
        parts.append(("  sizes: " + " ".join(f"{e}={p}" for e, p in EFFORT_POINTS.items()), "dim"))
        self.query_one("#coverage", Label).update(Content.assemble(*parts))

    @on(FocusColumn)
    def focus_column(self, message: FocusColumn) -> None:
        """Go to the column left or right (round the board)."""
        message.stop()
        lists = list(self.query(BoardList))
        names = [board_list.column for board_list in lists]
        if message.column in names:
            focus_now(lists[(names.index(message.column) + message.offset) % len(lists)])

    def follow(self, idea_id: int, column: str) -> None:
        """Put the focus on an item after it moved to another column."""
        for board_list in self.query(BoardList):
            if board_list.column == column:
                focus_now(board_list)
                board_list.select_item(f"card-{idea_id}")

    @on(FollowCard)
    def follow_card(self, message: FollowCard) -> None:
        message.stop()
        self.follow(message.idea_id, message.column)
