"""Step 1, Goals: the mission line, the timeframe, and the goals with their
success metrics."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static
from textual.widgets.option_list import Option

from tui_roadmap.workshop.capture import read_goal
from tui_roadmap.workshop.checklist import next_review, review_cadence
from tui_roadmap.workshop.model import Goal, Workshop, WorkshopError
from tui_roadmap.ui.screens.dialogs import ConfirmDialog, Field, FormDialog
from tui_roadmap.workshop.text import clean
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.fields import EntryInput
from tui_roadmap.ui.widgets.pane import Pane


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
        self.typing_goes_to().focus()

    def typing_goes_to(self) -> Input:
        """Where a letter typed here that is not one of the list's keys goes
        (see keyhold.py): a new goal."""
        return self.pane.query_one("#goal-entry", Input)


class GoalsPane(Pane):
    """The mission, the timeframe and the goals."""

    step = "goals"
    DRAFTS = {"goal-entry": "goal"}

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
                on_enter=self.goal_entered,
                on_change=self.draft_changed,
            )

    def focus_first(self) -> None:
        self.query_one("#goal-entry", Input).focus()

    # ---------------------------------------------------------------- show

    def show(self) -> None:
        workshop = self.workshop
        self.query_one("#session-details", Static).update(details(workshop))
        count = len(workshop.goals)
        self.query_one("#goals-title", Label).update(
            Content.assemble(("Goals", "bold"), f"  {count} set" if count else "  none yet: type the first below")
        )
        self.query_one(GoalList).fill(self._goal_options(workshop))
        self.show_drafts()

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
        def add(workshop: Workshop) -> Goal:
            goal = workshop.add_goal(title, metric)
            workshop.set_draft("goal", "")
            return goal

        goal = self.edit(add)
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
                save=save,
            )
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
