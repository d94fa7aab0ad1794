"""Step 1, Goals: the mission line, the timeframe, and the goals with their
success metrics."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static
from textual.widgets.option_list import Option

from tui_roadmap.ui.messages import DeleteGoal, EditGoal, MoveGoal, RecordValue, StartTyping
from tui_roadmap.ui.order import deliver
from tui_roadmap.ui.widgets.fields import EntryInput
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.pane import Pane, PaneContext
from tui_roadmap.workshop.checklist import next_review, review_cadence
from tui_roadmap.workshop.metrics import goal_progress, last_reading, way
from tui_roadmap.workshop.model import Goal, Workshop


class GoalList(ItemList):
    """The goals, numbered as the room calls them."""

    STARTS_TYPING = True
    BINDINGS = [
        Binding(
            "e,enter",
            "edit",
            "Edit",
            id="goal-edit",
            tooltip="Change the goal, its metric, baseline and target",
            priority=True,
        ),
        Binding("m", "edit(1)", "Metric", id="goal-metric", tooltip="Set the goal's success metric", priority=True),
        Binding(
            "d,delete", "delete", "Delete", id="goal-delete", tooltip="Delete the goal (asks first)", priority=True
        ),
        Binding(
            "shift+up",
            "move(-1)",
            "Move",
            key_display="\u21e7\u2191\u2193",
            id="goal-move",
            tooltip="Move the goal up or down the list (shift+\u2191, shift+\u2193)",
            priority=True,
        ),
        Binding("shift+down", "move(1)", "Move down", show=False, priority=True),
        Binding("n", "new", "New", id="goal-new", tooltip="Type a new goal", priority=True),
        Binding(
            "v",
            "value_now",
            "Value now",
            id="goal-value-now",
            tooltip="In a review: record the metric's value now, and the day it was measured",
            priority=True,
        ),
        # Outside a review, v starts a new goal like any other letter.
        Binding("v", f"start_typing({ord('v')})", show=False, priority=True),
    ]

    review = False
    """True in a review: v records a metric's value now (the pane sets it)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "value_now":
            return self.review
        if action == "start_typing" and parameters == (ord("v"),):
            return not self.review
        return True

    def set_review(self, review: bool) -> None:
        if review != self.review:
            self.review = review
            self.refresh_bindings()

    async def action_value_now(self) -> None:
        if self.current_item is not None:
            await deliver(self, RecordValue(self.current_item))

    async def action_edit(self, field: int = 0) -> None:
        if self.current_item is not None:
            await deliver(self, EditGoal(self.current_item, field))

    async def action_delete(self) -> None:
        if self.current_item is not None:
            await deliver(self, DeleteGoal(self.current_item))

    async def action_move(self, offset: int) -> None:
        if self.current_item is not None:
            await deliver(self, MoveGoal(self.current_item, offset))

    async def action_new(self) -> None:
        await deliver(self, StartTyping(""))


class GoalsPane(Pane):
    """The mission, the timeframe and the goals."""

    step = "goals"
    DRAFTS = {"goal-entry": "goal"}
    TYPING_FIELD = "goal-entry"

    def __init__(self, context: PaneContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self._shown: tuple = ()

    def compose(self) -> ComposeResult:
        yield Static(id="session-details")
        yield Label(id="goals-title", classes="section-title")
        yield GoalList(id="goal-list")
        with Horizontal(classes="entry-row"):
            yield Label("New goal", classes="field-label")
            yield EntryInput(
                placeholder="Acquire new customers | 50,000 sign-ups a month   (goal | metric; Enter adds)",
                id="goal-entry",
                compact=True,
            )

    def first_focus(self) -> Widget:
        return self.query_one("#goal-entry", Input)

    async def show(self, workshop: Workshop) -> None:
        shown = (
            workshop.mission,
            workshop.product,
            workshop.doc_link,
            workshop.timeframe,
            workshop.next_review,
            workshop.created,
            tuple(workshop.goals),
            workshop.earlier,
            tuple(workshop.readings.items()),
        )
        if shown != self._shown:  # the goals and the settings, drawn only when they change
            self._shown = shown
            self.query_one("#session-details", Static).update(details(workshop))
            count = len(workshop.goals)
            self.query_one("#goals-title", Label).update(
                Content.assemble(("Goals", "bold"), f"  {count} set" if count else "  none yet: type the first below")
            )
            goal_list = self.query_one(GoalList)
            goal_list.set_review(workshop.earlier is not None)
            goal_list.fill(self._goal_options(workshop))
        self.show_drafts(workshop)

    def select_goal(self, goal_id: int) -> None:
        self.query_one(GoalList).select_item(f"goal-{goal_id}")

    @staticmethod
    def _goal_options(workshop: Workshop) -> list[Option]:
        options = []
        for number, goal in enumerate(workshop.goals, 1):
            metric = (
                Content.assemble(("metric: ", "dim"), goal.metric)
                if goal.metric
                else Content.styled("no metric yet: press m", "dim italic")
            )
            prompt = Content.assemble((f"{number:>2}  ", "bold"), (goal.title, "bold"), "\n    ", metric)
            for line in numbers_lines(workshop, goal):
                prompt = Content.assemble(prompt, "\n    ", line)
            options.append(Option(prompt, id=f"goal-{goal.id}"))
        return options


def numbers_lines(workshop: Workshop, goal: Goal) -> list[Content]:
    """A goal's numbers under its metric: ``baseline 18% \u00b7 target 30%``;
    in a review, its value now and how far it has come (or its last value,
    and that v records the value now)."""
    lines = []
    parts = [
        Content.assemble((label, "dim"), value)
        for label, value in (("baseline ", goal.baseline), ("target ", goal.target))
        if value
    ]
    if parts:
        lines.append(Content(" \u00b7 ").join(parts))
    if workshop.earlier is None:
        return lines
    reading = workshop.readings.get(goal.id)
    last = last_reading(workshop, goal.id)
    if reading is not None:
        fraction = goal_progress(goal, reading.value)
        lines.append(
            Content.assemble(
                ("now ", "dim"),
                (reading.value, "bold"),
                (f" on {reading.measured.isoformat()}", "dim"),
                f": {way(fraction)}" if fraction is not None else "",
            )
        )
    elif last is not None:
        lines.append(Content.styled(f"last {last.value} on {last.measured.isoformat()}; v: value now", "dim italic"))
    elif parts:
        lines.append(Content.styled("not measured yet; v: value now", "dim italic"))
    return lines


def details(workshop: Workshop) -> Content:
    """The session's settings as the Goals step shows them."""

    def row(label: str, value: str, missing: str) -> Content:
        shown = Content(value) if value else Content.styled(missing, "dim italic")
        return Content.assemble((f"{label:<11}", "bold $text-muted"), shown)

    review = (
        f"{workshop.timeframe.label()}; next review {next_review(workshop).isoformat()} ({review_cadence(workshop)})"
    )
    return Content("\n").join(
        [
            row("Mission", workshop.mission, "none yet"),
            row("Product", workshop.product, "none yet"),
            row("Timeframe", review, ""),
            row("Doc link", workshop.doc_link, "none (the QR code then holds a summary)"),
            Content.assemble((" " * 11, ""), ("^t changes these", "dim")),
        ]
    )


def goal_label(workshop: Workshop, goal: Goal | None) -> str:
    """How a goal is named in a list: ``G2``, or ``-`` for none."""
    if goal is None:
        return "\u2013"
    return f"G{workshop.goal_number(goal.id)}"
