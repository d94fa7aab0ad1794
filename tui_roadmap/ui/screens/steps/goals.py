"""Goals: adding them as they are called out, editing, deleting, moving."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from tui_roadmap.ui import messages as m
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, Field, FormDialog, ask_then, start_flow
from tui_roadmap.workshop import metrics
from tui_roadmap.workshop.capture import read_goal
from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.text import clean, shorten


def quoted(text: str, limit: int = 60) -> str:
    """The room's words in quotes, for a message: cut short at a word, with
    "\u2026", when they are longer than ``limit``."""
    return f"\u201c{shorten(text, limit)}\u201d"


class GoalSteps(WorkshopBase):
    """The Goals step's part of the workshop screen."""

    @on(Input.Submitted, "#goal-entry")
    async def goal_entered(self, event: Input.Submitted) -> None:
        """Enter in New goal: add the goal (and its metric), ready for the next."""
        field = event.input
        if not clean(event.value):
            field.value = ""
            return
        try:
            title, metric = read_goal(event.value)
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return

        def add(workshop: Workshop):
            goal = metrics.add_goal(workshop, title, metric)
            workshop.set_draft("goal", "")
            return goal

        done, goal = await self.change(add, f"goal {quoted(title)} added")
        if done and goal is not None:
            field.value = ""
            self.pane("goals").select_goal(goal.id)

    @on(m.EditGoal)
    async def edit_goal(self, message: m.EditGoal) -> None:
        goal = self.workshop.goal(message.goal_id)
        if goal is None:
            return
        number = self.workshop.goal_number(goal.id)

        def check(values: list[str]) -> str | None:
            return None if clean(values[0]) else "A goal cannot be empty."

        # The numbers the metric states, where none are set yet: saving keeps them.
        said = metrics.follow_text(goal, goal.metric)

        def save(values: list[str]) -> None:
            title, metric, baseline, target = values
            self.apply(
                lambda w: metrics.edit_goal(
                    w,
                    goal.id,
                    title=title,
                    metric=metric,
                    # A number left as shown follows the metric's text, if that is where it came from.
                    baseline=baseline if baseline != said[0] else None,
                    target=target if target != said[1] else None,
                ),
                f"goal {number} edited",
            )

        form = FormDialog(
            f"Goal {number}",
            [
                Field("Goal", goal.title),
                Field("Metric", goal.metric, "How success is measured"),
                Field("Baseline", said[0], "Where it starts: 11%, 12,000 a month (empty: not known)"),
                Field("Target", said[1], "Where it should get to: 6%, 50,000 a month"),
            ],
            check,
            message.field,
            apply=save,
        )

        await ask_then(self, form, self.show_step)

    @on(m.RecordValue)
    async def record_value(self, message: m.RecordValue) -> None:
        """v on a goal, in a review: its metric's value now, and the day it was measured."""
        goal = self.workshop.goal(message.goal_id)
        if goal is None:
            return
        number = self.workshop.goal_number(goal.id)
        reading = self.workshop.readings.get(goal.id)
        last = metrics.last_reading(self.workshop, goal.id)
        said = ([f"last {last.value} on {last.measured.isoformat()}"] if last else []) + (
            [f"target {goal.target}"] if goal.target else []
        )
        hint = "its value today" + (f" ({'; '.join(said)})" if said else "") + "; empty: none"
        today = self.clock().date()

        def check(values: list[str]) -> str | None:
            try:
                metrics.read_day(values[1], today)
            except WorkshopError as error:
                return str(error)
            return None

        def save(values: list[str]) -> None:
            day = metrics.read_day(values[1], today)
            done = "cleared" if not clean(values[0]) else "recorded"
            self.apply(lambda w: metrics.record_value(w, goal.id, values[0], day), f"value now of goal {number} {done}")

        form = FormDialog(
            f"Goal {number}, value now: {shorten(goal.metric or goal.title, 50)}",
            [
                Field("Now", reading.value if reading else "", hint),
                Field(
                    "Measured on",
                    reading.measured.isoformat() if reading else "",
                    f"YYYY-MM-DD; empty: today ({today.isoformat()})",
                ),
            ],
            check,
            apply=save,
        )

        await ask_then(self, form, self.show_step)

    @on(m.DeleteGoal)
    async def delete_goal(self, message: m.DeleteGoal) -> None:
        goal = self.workshop.goal(message.goal_id)
        if goal is None:
            return
        tagged = sum(1 for idea in self.workshop.ideas if idea.goal_id == goal.id)
        detail = (
            f"{tagged} {'idea is' if tagged == 1 else 'ideas are'} tagged with it: they stay, without a goal."
            if tagged
            else "No idea is tagged with it."
        )
        number = self.workshop.goal_number(goal.id)

        async def flow(ask: Ask) -> None:
            if await ask(ConfirmDialog(f"Delete goal {number}, \u201c{goal.title}\u201d?", detail)):
                await self.change(
                    lambda w: w.delete_goal(goal.id),
                    f"goal {quoted(goal.title)} deleted",
                    f"Deleted goal \u201c{goal.title}\u201d.",
                )

        await start_flow(self, flow)

    @on(m.MoveGoal)
    async def move_goal(self, message: m.MoveGoal) -> None:
        await self.change(lambda w: w.move_goal(message.goal_id, message.offset), "goal moved")
