"""Step 1, Goals: the mission line, the timeframe, and the goals with their
success metrics."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from ..capture import read_date, read_goal
from ..checklist import next_review, review_cadence
from ..model import Goal, Workshop, WorkshopError
from ..screens.dialogs import ConfirmDialog, Field, FormDialog
from ..text import clean
from ..timeframe import TIMEFRAME_HELP, Timeframe, TimeframeError
from .lists import ItemList
from .fields import EntryInput, TextInput
from .pane import Pane

_DETAILS = {"mission": "mission", "product": "product", "doc-link": "doc_link"}


class GoalList(ItemList):
    """The goals, numbered as the room calls them."""

    BINDINGS = [
        Binding("e,enter", "edit", "Edit", id="goal-edit", tooltip="Change the goal and its metric"),
        Binding("m", "edit(1)", "Metric", id="goal-metric", tooltip="Set the goal's success metric"),
        Binding("d,delete", "delete", "Delete", id="goal-delete", tooltip="Delete the goal (asks first)"),
        Binding("shift+up", "move(-1)", "Move", key_display="\u21e7\u2191\u2193", id="goal-move", tooltip="Move the goal up or down the list (shift+\u2191, shift+\u2193)"),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("n", "new", "New", id="goal-new", tooltip="Type a new goal"),
    ]

    @property
    def pane(self) -> GoalsPane:
        return self.query_ancestor(GoalsPane)

    def action_edit(self, field: int = 0) -> None:
        self.pane.edit_goal(self.current_item, field)

    def action_delete(self) -> None:
        self.pane.delete_goal(self.current_item)

    def action_move(self, offset: int) -> None:
        goal_id = self.current_item
        if goal_id is not None:
            self.pane.edit(lambda w: w.move_goal(goal_id, offset))

    def action_new(self) -> None:
        self.pane.query_one("#goal-entry", Input).focus()


class GoalsPane(Pane):
    """The mission, the timeframe and the goals."""

    step = "goals"

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("Mission", classes="field-label")
            yield TextInput(placeholder="The mission line the goals serve", id="mission", compact=True)
        with Horizontal(classes="field-row"):
            yield Label("Product", classes="field-label")
            yield TextInput(placeholder="The product's name", id="product", compact=True)
            yield Label("Timeframe", classes="field-label")
            yield TextInput(placeholder="2027-Q1 to 2027-Q4, or Now Next Later", id="timeframe", compact=True)
        with Horizontal(classes="field-row"):
            yield Label("Doc link", classes="field-label")
            yield TextInput(placeholder="Where the roadmap will live (for the QR code)", id="doc-link", compact=True)
            yield Label("Review on", classes="field-label")
            yield TextInput(id="review", compact=True)
        yield Label(id="goals-title", classes="section-title")
        yield GoalList(id="goal-list")
        with Horizontal(classes="entry-row"):
            yield Label("New goal", classes="field-label")
            yield EntryInput(
                placeholder="Acquire new customers | 50,000 sign-ups a month   (goal | metric; Enter adds)",
                id="goal-entry",
                compact=True,
                on_enter=self.goal_entered,
            )

    def focus_first(self) -> None:
        self.query_one("#goal-entry", Input).focus()

    # ---------------------------------------------------------------- show

    def show(self) -> None:
        workshop = self.workshop
        for field, attribute in _DETAILS.items():
            self.set_field(field, getattr(workshop, attribute))
        self.set_field("timeframe", workshop.timeframe.spec())
        review = self.query_one("#review", Input)
        review.placeholder = f"{next_review(workshop).isoformat()} ({review_cadence(workshop)}); YYYY-MM-DD to change"
        self.set_field("review", workshop.next_review.isoformat() if workshop.next_review else "")
        count = len(workshop.goals)
        self.query_one("#goals-title", Label).update(
            Content.assemble(("Goals", "bold"), f"  {count} set" if count else "  none yet: type the first below")
        )
        self.query_one(GoalList).fill(self._goal_options(workshop))


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
            options.append(Option(prompt, id=f"goal-{goal.id}"))
        return options

    # -------------------------------------------------------------- fields

    @on(Input.Changed, "#mission, #product, #doc-link")
    def detail_changed(self, event: Input.Changed) -> None:
        attribute = _DETAILS[event.input.id or ""]
        if clean(event.value) != getattr(self.workshop, attribute):
            self.edit(lambda w: w.set_details(**{attribute: event.value}))

    @on(Input.Submitted, "#mission, #product, #doc-link")
    def detail_submitted(self, event: Input.Submitted) -> None:
        self.screen.focus_next()

    @on(Input.Submitted, "#timeframe")
    @on(Input.Blurred, "#timeframe")
    def timeframe_done(self, event: Input.Submitted | Input.Blurred) -> None:
        field = event.input
        try:
            timeframe = Timeframe.parse(field.value)
        except TimeframeError as error:
            self.reject(field, error)
            return
        field.remove_class("-invalid")
        if timeframe != self.workshop.timeframe:
            self.edit(lambda w: w.set_timeframe(timeframe), f"Timeframe: {timeframe.label()}")
        if isinstance(event, Input.Submitted):
            field.value = timeframe.spec()
            self.screen.focus_next()

    @on(Input.Submitted, "#review")
    @on(Input.Blurred, "#review")
    def review_done(self, event: Input.Submitted | Input.Blurred) -> None:
        field = event.input
        try:
            day = read_date(field.value)
        except WorkshopError as error:
            self.reject(field, error)
            return
        field.remove_class("-invalid")
        if day != self.workshop.next_review:
            self.edit(lambda w: w.set_next_review(day))
        if isinstance(event, Input.Submitted):
            self.screen.focus_next()

    # --------------------------------------------------------------- goals

    def goal_entered(self, field: Input) -> None:
        """Enter in New goal: add the goal (and its metric), ready for the next."""
        if not clean(field.value):
            field.value = ""
            return
        try:
            title, metric = read_goal(field.value)
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        goal = self.edit(lambda w: w.add_goal(title, metric))
        if goal is None:
            return
        field.value = ""
        self.query_one(GoalList).select_item(f"goal-{goal.id}")

    def edit_goal(self, goal_id: int | None, focus: int = 0) -> None:
        goal = self.workshop.goal(goal_id)
        if goal is None:
            return
        number = self.workshop.goal_number(goal.id)

        def check(values: list[str]) -> str | None:
            return None if clean(values[0]) else "A goal cannot be empty."

        def save(values: list[str] | None) -> None:
            if values is not None:
                self.edit(lambda w: w.edit_goal(goal.id, title=values[0], metric=values[1]))

        self.app.push_screen(
            FormDialog(
                f"Goal {number}",
                [Field("Goal", goal.title), Field("Metric", goal.metric, "How success is measured")],
                check,
                focus,
            ),
            save,
        )

    def delete_goal(self, goal_id: int | None) -> None:
        goal = self.workshop.goal(goal_id)
        if goal is None:
            return
        tagged = sum(1 for idea in self.workshop.ideas if idea.goal_id == goal.id)
        detail = (
            f"{tagged} {'idea is' if tagged == 1 else 'ideas are'} tagged with it: "
            "they stay, without a goal."
            if tagged
            else "No idea is tagged with it."
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self.edit(lambda w: w.delete_goal(goal.id), f"Deleted goal \u201c{goal.title}\u201d.")

        number = self.workshop.goal_number(goal.id)
        self.app.push_screen(ConfirmDialog(f"Delete goal {number}, \u201c{goal.title}\u201d?", detail), answer)


def goal_label(workshop: Workshop, goal: Goal | None) -> str:
    """How a goal is named in a list: ``G2``, or ``-`` for none."""
    if goal is None:
        return "\u2013"
    return f"G{workshop.goal_number(goal.id)}"
