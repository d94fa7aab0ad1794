"""Roadmap: placing the winners in columns (a digit), giving each a priority
and an effort (one key each, or cycling), moving them, and the capacity of
a column. A winner can be sized before it is placed."""

from __future__ import annotations

from textual import on

from tui_roadmap.ui import messages as m
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Ask, Field, FormDialog, ask_then, start_flow
from tui_roadmap.ui.screens.scope import ScopeScreen
from tui_roadmap.ui.screens.steps.goals import quoted
from tui_roadmap.workshop.capture import read_number
from tui_roadmap.workshop.model import EFFORT_POINTS, EFFORTS, PRIORITIES, Workshop, WorkshopError
from tui_roadmap.workshop.review import check_off_board
from tui_roadmap.workshop.roadmap import set_sizes
from tui_roadmap.workshop.scoping import scope_of
from tui_roadmap.workshop.vote import tie_at_cut, totals_hidden


def _cycle(values: tuple[str, ...], current: str | None) -> str:
    if current not in values:
        return values[0]
    return values[(values.index(current) + 1) % len(values)]


def _check_placeable(workshop: Workshop, idea_id: int) -> None:
    if idea_id in workshop.carried:
        return  # on the roadmap from the last review, whatever the vote
    if totals_hidden(workshop):
        raise WorkshopError("The vote is on secret ballots and still open: close it first (F4, then v).")
    if idea_id in {r.idea.id for r in tie_at_cut(workshop)}:
        raise WorkshopError(
            "That idea is tied at the cut line: the room settles the tie on the Vote step first "
            "(F4, then r runoff, a take all, or w pick)."
        )


class BoardSteps(WorkshopBase):
    """The Roadmap step's part of the workshop screen."""

    def _card(self, idea_id: int) -> str:
        try:
            return quoted(self.workshop.idea(idea_id).text, 40)
        except WorkshopError:
            return "an item"

    @on(m.Place)
    async def place(self, message: m.Place) -> None:
        def place(workshop: Workshop) -> None:
            if message.number == 0:
                check_off_board(workshop, message.idea_id)
                workshop.unplace(message.idea_id)
                return
            _check_placeable(workshop, message.idea_id)
            columns = workshop.timeframe.columns
            if message.number > len(columns):
                raise WorkshopError(
                    f"There is no column {message.number}: the roadmap has {len(columns)} ({', '.join(columns)})."
                )
            workshop.place(message.idea_id, columns[message.number - 1])

        where = "off the roadmap" if message.number == 0 else f"in column {message.number}"
        await self.change(place, f"{self._card(message.idea_id)} {where}")

    @on(m.PlaceIn)
    async def place_in(self, message: m.PlaceIn) -> None:
        if message.column:

            def place(w: Workshop) -> None:
                _check_placeable(w, message.idea_id)
                w.place(message.idea_id, message.column)

            await self.change(place, f"{self._card(message.idea_id)} moved to {message.column}")
        else:

            def take_off(w: Workshop) -> None:
                check_off_board(w, message.idea_id)
                w.unplace(message.idea_id)

            await self.change(take_off, f"{self._card(message.idea_id)} back to To place")

    def _sizes(self, workshop: Workshop, idea_id: int) -> tuple[str | None, str | None]:
        placement = workshop.placement(idea_id)
        if placement is not None:
            return placement.priority, placement.effort
        _check_placeable(workshop, idea_id)
        return workshop.sizing.get(idea_id, (None, None))

    @on(m.CyclePriority)
    async def cycle_priority(self, message: m.CyclePriority) -> None:
        idea_id = message.idea_id
        await self.change(
            lambda w: set_sizes(w, idea_id, priority=_cycle(PRIORITIES, self._sizes(w, idea_id)[0])),
            f"priority of {self._card(idea_id)}",
        )

    @on(m.CycleEffort)
    async def cycle_effort(self, message: m.CycleEffort) -> None:
        idea_id = message.idea_id
        await self.change(
            lambda w: set_sizes(w, idea_id, effort=_cycle(EFFORTS, self._sizes(w, idea_id)[1])),
            f"effort of {self._card(idea_id)}",
        )

    @on(m.SizeCard)
    async def size_card(self, message: m.SizeCard) -> None:
        idea_id = message.idea_id

        def size(w: Workshop):
            self._sizes(w, idea_id)
            return set_sizes(w, idea_id, priority=message.priority, effort=message.effort)

        what = f"{message.priority or message.effort} on {self._card(idea_id)}"
        await self.change(size, what)

    @on(m.MoveInColumn)
    async def move_in_column(self, message: m.MoveInColumn) -> None:
        await self.change(
            lambda w: w.move_in_column(message.idea_id, message.offset), f"{self._card(message.idea_id)} moved"
        )

    @on(m.OpenScope)
    async def open_scope(self, message: m.OpenScope) -> None:
        """Scope a roadmap item on a screen of its own (see ``screens/scope.py``)."""
        workshop, idea_id = self.workshop, message.idea_id
        placement = workshop.placement(idea_id)
        if placement is None:
            self.notify("Place the item in a column first: then o scopes it.", severity="warning", markup=False)
            return
        idea = workshop.idea(idea_id)
        goal = workshop.goal(idea.goal_id)
        facts = [placement.column, placement.priority or "priority?", placement.effort or "effort?"]
        if goal is not None:
            facts.append(f"G{workshop.goal_number(goal.id)}")
        heading = f"Scope: {idea.text}   (" + " \u00b7 ".join(facts) + ")"

        def change(do, label: str) -> str | None:
            try:
                self.apply(do, f"{label} ({quoted(idea.text, 30)})")
            except WorkshopError as error:
                return str(error)
            return None

        screen = ScopeScreen(idea_id, heading, lambda: scope_of(self.workshop, idea_id), change)

        async def flow(ask: Ask) -> None:
            await ask(screen)
            await self.show_step()

        await start_flow(self, flow)

    @on(m.AskCapacity)
    async def ask_capacity(self, message: m.AskCapacity) -> None:
        column = message.column
        current = self.workshop.capacities.get(column)

        def check(values: list[str]) -> str | None:
            try:
                read_number(values[0], "A capacity", 1, 999)
            except WorkshopError as error:
                return str(error)
            return None

        def save(values: list[str]) -> None:
            points = read_number(values[0], "A capacity", 1, 999)
            self.apply(lambda w: w.set_capacity(column, points), f"capacity of {column}")

        sizes = ", ".join(f"{e} = {p}" for e, p in EFFORT_POINTS.items())
        form = FormDialog(
            f"Capacity of {column} in effort points ({sizes})",
            [Field("Points", str(current or ""), "empty: no capacity")],
            check,
            apply=save,
        )

        await ask_then(self, form, self.show_step)
