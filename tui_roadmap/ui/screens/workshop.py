"""The facilitator's screen: one screen for the whole workshop.

A session bar on top (name, save state), the step bar, one pane per step in a
content switcher, and the key bar with every key of the step at hand.

The screen owns every change to the workshop. The panes show it; when the
room acts on one of them, its widgets post a Message (see
:mod:`tui_roadmap.ui.messages`, and Textual's own ``Input.Submitted``),
handled here with ``@on``: the model is changed (:meth:`WorkshopScreen.apply`
or :meth:`WorkshopScreen.change`), the change is queued for saving at once,
and the pane of the step at hand shows it. Questions to the room (a form, a
yes/no) are flows that read straight, in a worker (see ``dialogs.start_flow``).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input

from tui_roadmap.files.autosave import Autosave, SaveState
from tui_roadmap.ui import messages as m
from tui_roadmap.ui.order import focus_now, handled
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, Field, FormDialog, start_flow
from tui_roadmap.ui.widgets.fields import TextInput
from tui_roadmap.ui.widgets.keybar import KeyBar
from tui_roadmap.ui.widgets.pane import Pane
from tui_roadmap.ui.widgets.sessionbar import SessionBar
from tui_roadmap.ui.widgets.sizeguard import SizeGuard
from tui_roadmap.ui.widgets.stepbar import STEP_KEYS, StepBar
from tui_roadmap.workshop.capture import (
    is_number,
    people_text,
    read_goal,
    read_idea,
    read_number,
    read_people,
    set_people,
)
from tui_roadmap.workshop.model import (
    EFFORT_POINTS,
    EFFORTS,
    MAX_DOTS_EACH,
    PRIORITIES,
    STEP_TITLES,
    STEPS,
    Workshop,
    WorkshopError,
)
from tui_roadmap.workshop.roadmap import unplaced_winners
from tui_roadmap.workshop.text import MAX_TEXT, clean, clean_line
from tui_roadmap.workshop.vote import add_dot, budget, cast, cut, remove_dot, tally, totals_hidden, winners

T = TypeVar("T")

PANES: dict[str, tuple[str, str]] = {
    "goals": ("goals", "GoalsPane"),
    "ideas": ("ideas", "IdeasPane"),
    "vote": ("voting", "VotePane"),
    "roadmap": ("board", "RoadmapPane"),
    "export": ("export_pane", "ExportPane"),
}
"""Each step's pane: its module in ``tui_roadmap.ui.widgets`` and its class.
A pane is built the first time the room goes to its step, so that the app
starts with only the step at hand."""

MAX_PASTED_IDEAS = 500
"""The most ideas one paste adds (a room never calls out more)."""

DRAFTS = {"goal-entry": "goal", "idea-input": "idea"}
"""Entry field id -> the draft its text is kept as while being typed."""


def pane_class(step: str) -> type[Pane]:
    """The pane class of a step (its module is imported now)."""
    module, name = PANES[step]
    return getattr(importlib.import_module(f"tui_roadmap.ui.widgets.{module}"), name)


def _cycle(values: tuple[str, ...], current: str | None) -> str:
    if current not in values:
        return values[0]
    return values[(values.index(current) + 1) % len(values)]


class WorkshopScreen(Screen[None]):
    """The workshop, step by step."""

    AUTO_FOCUS = ""
    """No automatic focus: each pane says where the room's next action is."""

    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="Show every key of every step", priority=True),
        Binding("ctrl+n", "next_step", "Next", id="next-step", tooltip="Go on to the next step", priority=True),
        Binding("ctrl+r", "previous_step", "Back", id="previous-step", tooltip="Go back a step", priority=True),
        Binding(
            "ctrl+t",
            "settings",
            "Session",
            id="session-settings",
            tooltip="Set the mission, product, timeframe, doc link and review date",
            priority=True,
        ),
        *(
            Binding(
                key,
                f"go('{step}')",
                STEP_TITLES[step],
                show=False,
                id=f"step-{step}",
                tooltip=f"Go to the {STEP_TITLES[step]} step",
                priority=True,
            )
            for step, key in STEP_KEYS.items()
        ),
        Binding("tab", "next_field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
    ]

    class SaveReported(Message):
        """A save was tried, on the saving thread (see ``files.autosave``)."""

        def __init__(self, state: SaveState) -> None:
            super().__init__()
            self.state = state

    def __init__(self, autosave: Autosave, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.autosave = autosave
        self.clock = clock
        self._stale: set[str] = set(STEPS)
        self._shown_state = autosave.state
        self._report = lambda state: self.post_message(self.SaveReported(state))

    @property
    def workshop(self) -> Workshop:
        return self.autosave.session.workshop

    def compose(self) -> ComposeResult:
        yield SessionBar()
        yield StepBar()
        with ContentSwitcher(initial=self.workshop.step, id="steps"):
            for step in STEPS:
                if step == self.workshop.step:
                    yield Container(self._make_pane(step), id=step, classes="pane-slot")
                else:
                    yield Container(id=step, classes="pane-slot")
        yield KeyBar()
        yield SizeGuard()

    def _make_pane(self, step: str) -> Pane:
        cls = pane_class(step)
        if step == "export":
            return cls(self.autosave.session.path.with_suffix(".md"), self.clock, classes="pane")  # type: ignore[call-arg]
        return cls(classes="pane")

    async def on_mount(self) -> None:
        self.title = self.workshop.name
        self.autosave.reports.append(self._report)
        self.query_one(SessionBar).show_save(self.autosave.state)
        await self.show_step()
        target = self.pane(self.workshop.step).first_focus()
        if target is not None:
            self.set_focus(target)

    def on_unmount(self) -> None:
        if self._report in self.autosave.reports:
            self.autosave.reports.remove(self._report)

    def pane(self, step: str) -> Pane:
        """The pane of a step (built: see :meth:`build`)."""
        return self.query_one(f"#{step}").query_one(Pane)

    async def build(self, step: str) -> None:
        """Build a step's pane if it is not built yet."""
        slot = self.query_one(f"#{step}", Container)
        if not slot.query(Pane):
            await slot.mount(self._make_pane(step))

    # ------------------------------------------------------------- changes

    def apply(self, change: Callable[[Workshop], T], touch: bool = True, shown: bool = True) -> T:
        """Make one change to the workshop, or raise :class:`WorkshopError`
        with the reason (nothing changed then). The change is queued for
        saving at once (the disk is written on a thread of its own, so the
        screen never waits for it), and every pane will show it (unless
        ``shown`` is False: no pane shows it, as the step the room is on,
        whose save may wait a moment)."""
        result = change(self.workshop)
        self.autosave.changed(touch, later=not shown)
        self._show_save()
        if shown:
            self._stale = set(STEPS)
        return result

    async def change(
        self, change: Callable[[Workshop], T], done: str | None = None, touch: bool = True
    ) -> tuple[bool, T | None]:
        """Make one change and show it on the step at hand; if the model
        refuses it, say why. Returns whether it was made, and its result."""
        try:
            result = self.apply(change, touch)
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return False, None
        await self.show_step()
        if done:
            self.notify(done, markup=False)
        return True, result

    async def show_step(self) -> None:
        """Show the workshop on the step at hand (and in the bars)."""
        workshop = self.workshop
        step = workshop.step
        if step in self._stale:
            self._stale.discard(step)
            shown = self.pane(step).show(workshop)
            if inspect.isawaitable(shown):
                await shown
        self.query_one(SessionBar).show_session(workshop.name, workshop.product)
        won = winners(workshop)
        counts = {
            "goals": str(len(workshop.goals)),
            "ideas": str(len(workshop.ideas)),
            "vote": f"{cast(workshop)}/{budget(workshop)}" if workshop.ideas and budget(workshop) else "",
            "roadmap": f"{len(won) - len(unplaced_winners(workshop))}/{len(won)}" if won else "",
        }
        if totals_hidden(workshop):
            counts["roadmap"] = ""
        self.query_one(StepBar).show_step(step, counts)

    def set_draft(self, name: str, text: str) -> None:
        """Keep what is being typed in an entry field; it is saved at once
        too, so that a half-typed call-out survives a crash."""
        self.workshop.set_draft(name, text)
        self.autosave.changed(touch=False)
        self._show_save()

    # ------------------------------------------------------------ saving

    def on_workshop_screen_save_reported(self, message: SaveReported) -> None:
        self._show_save()

    def _show_save(self) -> None:
        """Show whether what the room sees is on disk (Saving..., Saved, or
        NOT SAVED and why), and say so when saving fails or works again."""
        state, before = self.autosave.state, self._shown_state
        self._shown_state = state
        self.query_one(SessionBar).show_save(state)
        if state.error and not before.error:
            self.notify(
                f"Could not save: {state.error}. Everything is kept in memory and saving is retried; "
                "you can still export.",
                severity="error",
                timeout=8,
                markup=False,
            )
        elif before.error and state.saved:
            self.notify("Saved again: everything is on disk.", markup=False)
        if state.note and state.note != before.note:
            self.notify(f"Saved, but {state.note}.", severity="warning", timeout=8, markup=False)

    # ------------------------------------------------------ fields kept when left

    def keep_field(self, field: Input) -> str | None:
        """Keep the text of a field that is kept when it is left (the voters,
        the dots each); the reason (already shown) if it cannot be kept,
        None if it was kept or is not such a field."""
        keep = {"people": self._keep_people, "dots-each": self._keep_dots_each}.get(field.id or "")
        if keep is None:
            return None
        try:
            keep(field.value)
        except WorkshopError as error:
            field.add_class("-invalid")
            self.notify(str(error), severity="warning", markup=False)
            return str(error)
        field.remove_class("-invalid")
        if isinstance(field, TextInput):
            field.kept()
        return None

    def _keep_people(self, value: str) -> None:
        if value == people_text(self.workshop):
            return
        people = read_people(value)
        self.apply(lambda workshop: set_people(workshop, people))
        field = self.query_one("#people", TextInput)
        field.value = people_text(self.workshop)

    def _keep_dots_each(self, value: str) -> None:
        dots = read_number(value, "Dots each", 1, MAX_DOTS_EACH)
        if dots != self.workshop.vote.dots_each:
            self.apply(lambda workshop: workshop.set_dots_each(dots))

    def keep_typing(self) -> str | None:
        """Keep the text of the field being typed in, before quitting (an
        entry field's draft too: the messages saying it changed may still be
        on their way); the reason if it cannot be kept."""
        focused = self.focused
        if not isinstance(focused, Input):
            return None
        name = DRAFTS.get(focused.id or "")
        if name is not None and self.workshop.drafts.get(name, "") != clean(focused.value):
            self.set_draft(name, focused.value)
        return self.keep_field(focused)

    @on(Input.Blurred, "#people, #dots-each")
    async def field_left(self, event: Input.Blurred) -> None:
        if self.keep_field(event.input) is None:
            await self.show_step()

    @on(Input.Submitted, "#people, #dots-each")
    async def field_entered(self, event: Input.Submitted) -> None:
        """Enter in a field that is kept: keep it and go on to the next."""
        if self.keep_field(event.input) is None:
            await self.show_step()
            following = self.focus_next()
            if isinstance(following, Input):
                following.cursor_position = len(following.value)

    @on(Input.Changed, "#goal-entry, #idea-input")
    def draft_changed(self, event: Input.Changed) -> None:
        """An entry field changed: keep its text as a draft."""
        name = DRAFTS[event.input.id or ""]
        if not event.input.is_attached:
            return
        if self.workshop.drafts.get(name, "") != clean(event.value):
            self.set_draft(name, event.value)
        if isinstance(event.input, TextInput):
            event.input.kept()

    # ---------------------------------------------------------------- goals

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
            goal = workshop.add_goal(title, metric)
            workshop.set_draft("goal", "")
            return goal

        done, goal = await self.change(add)
        if done and goal is not None:
            field.value = ""
            self.pane("goals").select_goal(goal.id)  # type: ignore[attr-defined]

    @on(m.EditGoal)
    async def edit_goal(self, message: m.EditGoal) -> None:
        goal = self.workshop.goal(message.goal_id)
        if goal is None:
            return
        number = self.workshop.goal_number(goal.id)

        def check(values: list[str]) -> str | None:
            return None if clean(values[0]) else "A goal cannot be empty."

        def save(values: list[str]) -> None:
            self.apply(lambda w: w.edit_goal(goal.id, title=values[0], metric=values[1]))

        form = FormDialog(
            f"Goal {number}",
            [Field("Goal", goal.title), Field("Metric", goal.metric, "How success is measured")],
            check,
            message.field,
            apply=save,
        )

        async def flow(ask: Ask) -> None:
            if await ask(form) is not None:
                await self.show_step()

        await start_flow(self, flow)

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
                await self.change(lambda w: w.delete_goal(goal.id), f"Deleted goal \u201c{goal.title}\u201d.")

        await start_flow(self, flow)

    @on(m.MoveGoal)
    async def move_goal(self, message: m.MoveGoal) -> None:
        await self.change(lambda w: w.move_goal(message.goal_id, message.offset))

    # ---------------------------------------------------------------- ideas

    @on(Input.Submitted, "#idea-input")
    async def idea_entered(self, event: Input.Submitted) -> None:
        """Enter in the idea input: add the idea, stay for the next one."""
        field = event.input
        if not clean(event.value):
            field.value = ""
            return
        cleaned = clean_line(event.value)
        try:
            line = read_idea(event.value, self.workshop)
        except WorkshopError as error:
            self.notify(f"{error} The idea was not added; your text is still there.", severity="warning", markup=False)
            return

        def add(workshop: Workshop):
            idea = workshop.add_idea(line.text, line.goal_id, line.proposer)
            workshop.set_draft("idea", "")
            return idea

        done, idea = await self.change(add)
        if not done or idea is None:
            return
        field.value = ""
        self.pane("ideas").select_idea(idea.id)  # type: ignore[attr-defined]
        if cleaned.cut:
            self.notify("That idea was very long: it was cut to 1,000 characters.", severity="warning")

    @on(m.PastedLines)
    async def paste_ideas(self, message: m.PastedLines) -> None:
        """A paste of several lines in the idea field: each line is an idea
        (read like a typed line, ``2: text @name``), up to
        :data:`MAX_PASTED_IDEAS` at a time."""
        if message.field_id != "idea-input":
            return
        lines = message.lines
        taken, left_out = lines[:MAX_PASTED_IDEAS], len(lines) - MAX_PASTED_IDEAS
        untagged = cut_lines = 0

        def add_all(workshop: Workshop) -> int:
            nonlocal untagged, cut_lines
            for line in taken:
                cut_lines += clean_line(line).cut
                try:
                    read = read_idea(line, workshop)
                    workshop.add_idea(read.text, read.goal_id, read.proposer)
                except WorkshopError:
                    untagged += 1
                    workshop.add_idea(line)
            return len(taken)

        done, added = await self.change(add_all)
        if not done or not added:
            return
        notes = [f"Added {added:,} {'idea' if added == 1 else 'ideas'} from the paste, one per line"]
        if untagged:
            notes.append(f"{untagged:,} kept as typed, without a goal: their goal numbers do not exist")
        if cut_lines:
            notes.append(f"{cut_lines:,} cut to {MAX_TEXT:,} characters")
        if left_out > 0:
            notes.append(f"the other {left_out:,} lines were left out: paste them in parts of {MAX_PASTED_IDEAS}")
        warn = untagged or cut_lines or left_out > 0
        self.notify("; ".join(notes) + ".", severity="warning" if warn else "information", markup=False)
        self.pane("ideas").select_idea(self.workshop.ideas[-1].id)  # type: ignore[attr-defined]

    @on(m.EditIdea)
    async def edit_idea(self, message: m.EditIdea) -> None:
        workshop = self.workshop
        idea_id = message.idea_id
        try:
            idea = workshop.idea(idea_id)
        except WorkshopError:
            return
        goal_number = workshop.goal_number(idea.goal_id)

        def check(values: list[str]) -> str | None:
            if not clean(values[0]):
                return "An idea cannot be empty."
            goal = clean(values[1])
            goals = len(self.workshop.goals)
            if goal and (not is_number(goal) or not 1 <= int(goal) <= goals):
                return f"The goal is a number from 1 to {goals}, or empty." if goals else "No goals are set: leave the goal empty."
            return None

        def save(values: list[str]) -> None:
            text, goal, proposer = values

            def change(w: Workshop) -> None:
                w.edit_idea(idea_id, text=text, proposer=proposer)
                w.tag_idea(idea_id, w.goal_by_number(int(goal)).id if clean(goal) else None)

            self.apply(change)

        form = FormDialog(
            f"Idea {workshop.idea_number(idea_id)}",
            [
                Field("Idea", idea.text),
                Field("Goal", str(goal_number or ""), "goal number, or empty"),
                Field("By", idea.proposer, "who proposed it"),
            ],
            check,
            apply=save,
        )

        async def flow(ask: Ask) -> None:
            if await ask(form) is not None:
                await self.show_step()

        await start_flow(self, flow)

    @on(m.DeleteIdea)
    async def delete_idea(self, message: m.DeleteIdea) -> None:
        workshop = self.workshop
        idea_id = message.idea_id
        try:
            idea = workshop.idea(idea_id)
        except WorkshopError:
            return
        dots = tally(workshop)[idea_id]
        placed = workshop.placement(idea_id)
        detail = []
        if dots:
            detail.append(f"its {dots} {'dot' if dots == 1 else 'dots'}")
        if placed:
            detail.append(f"its place in {placed.column}")
        question = ConfirmDialog(
            f"Delete idea {workshop.idea_number(idea_id)}, \u201c{idea.text[:80]}\u201d?",
            ("This also removes " + " and ".join(detail) + ".") if detail else "",
        )

        async def flow(ask: Ask) -> None:
            if await ask(question):
                await self.change(lambda w: w.delete_idea(idea_id), f"Deleted idea \u201c{idea.text[:60]}\u201d.")

        await start_flow(self, flow)

    @on(m.TagIdea)
    async def tag_idea(self, message: m.TagIdea) -> None:
        def tag(workshop: Workshop) -> None:
            goal = None if message.number == 0 else workshop.goal_by_number(message.number).id
            workshop.tag_idea(message.idea_id, goal)

        await self.change(tag)

    @on(m.MoveIdea)
    async def move_idea(self, message: m.MoveIdea) -> None:
        await self.change(lambda w: w.move_idea(message.idea_id, message.offset))

    # ----------------------------------------------------------------- vote

    @on(m.Dot)
    async def dot(self, message: m.Dot) -> None:
        if message.change > 0:
            await self.change(lambda w: add_dot(w, message.idea_id))
        else:
            await self.change(lambda w: remove_dot(w, message.idea_id))

    @on(m.MoveCut)
    async def move_cut(self, message: m.MoveCut) -> None:
        def move(workshop: Workshop) -> None:
            target = cut(workshop) + message.change
            if not 0 <= target <= len(workshop.ideas):
                raise WorkshopError("The cut line cannot move further that way.")
            workshop.set_cut(target)

        await self.change(move)

    @on(m.ResetCut)
    async def reset_cut(self, message: m.ResetCut) -> None:
        await self.change(lambda w: w.set_cut(None), "The cut line is back at its default.")

    # -------------------------------------------------------------- roadmap

    @on(m.Place)
    async def place(self, message: m.Place) -> None:
        def place(workshop: Workshop) -> None:
            if message.number == 0:
                workshop.unplace(message.idea_id)
                return
            columns = workshop.timeframe.columns
            if message.number > len(columns):
                raise WorkshopError(
                    f"There is no column {message.number}: the roadmap has {len(columns)} ({', '.join(columns)})."
                )
            workshop.place(message.idea_id, columns[message.number - 1])

        await self.change(place)

    @on(m.PlaceIn)
    async def place_in(self, message: m.PlaceIn) -> None:
        if message.column:
            await self.change(lambda w: w.place(message.idea_id, message.column))
        else:
            await self.change(lambda w: w.unplace(message.idea_id))

    def _placed(self, workshop: Workshop, idea_id: int):
        placement = workshop.placement(idea_id)
        if placement is None:
            raise WorkshopError("Place the item in a column first: press its number (1 for the first).")
        return placement

    @on(m.CyclePriority)
    async def cycle_priority(self, message: m.CyclePriority) -> None:
        await self.change(
            lambda w: w.set_priority(message.idea_id, _cycle(PRIORITIES, self._placed(w, message.idea_id).priority))
        )

    @on(m.CycleEffort)
    async def cycle_effort(self, message: m.CycleEffort) -> None:
        await self.change(
            lambda w: w.set_effort(message.idea_id, _cycle(EFFORTS, self._placed(w, message.idea_id).effort))
        )

    @on(m.MoveInColumn)
    async def move_in_column(self, message: m.MoveInColumn) -> None:
        await self.change(lambda w: w.move_in_column(message.idea_id, message.offset))

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
            self.apply(lambda w: w.set_capacity(column, points))

        sizes = ", ".join(f"{e} = {p}" for e, p in EFFORT_POINTS.items())
        form = FormDialog(
            f"Capacity of {column} in effort points ({sizes})",
            [Field("Points", str(current or ""), "empty: no capacity")],
            check,
            apply=save,
        )

        async def flow(ask: Ask) -> None:
            if await ask(form) is not None:
                await self.show_step()

        await start_flow(self, flow)

    # --------------------------------------------------------------- export

    @on(m.AskDocLink)
    async def ask_doc_link(self, message: m.AskDocLink) -> None:
        form = FormDialog(
            "The doc link the QR code opens",
            [Field("Link", self.workshop.doc_link, "https://... (empty: a summary instead)")],
            apply=lambda values: self.apply(lambda w: w.set_details(doc_link=values[0])),
        )

        async def flow(ask: Ask) -> None:
            if await ask(form) is not None:
                await self.show_step()

        await start_flow(self, flow)

    @on(m.AskWhereToWrite)
    async def ask_where_to_write(self, message: m.AskWhereToWrite) -> None:
        from pathlib import Path

        from tui_roadmap.files.store import markdown_target_problem, shown_path

        pane = self.pane("export")
        default_name = self.autosave.session.path.with_suffix(".md").name

        def target_of(value: str) -> Path:
            path = Path(clean(value)).expanduser()
            if path.is_dir() or value.endswith(("/", "\\")):
                path = path / default_name
            return path

        def check(values: list[str]) -> str | None:
            if not clean(values[0]):
                return "Type a file or a folder."
            problem = markdown_target_problem(target_of(values[0]))
            return f"Not there: {problem}." if problem else None

        async def flow(ask: Ask) -> None:
            values = await ask(
                FormDialog(
                    "Write the Markdown to",
                    [Field("File", str(pane.target), "a file, or a folder")],  # type: ignore[attr-defined]
                    check,
                    keep_on_quit=False,
                )
            )
            if values is None:
                return
            path = target_of(values[0])
            if path.exists() and path != pane.target:  # type: ignore[attr-defined]
                if not await ask(ConfirmDialog(f"{shown_path(path)} already exists. Replace it?")):
                    return
            pane.write_to(path)  # type: ignore[attr-defined]

        await start_flow(self, flow)

    @on(m.ShowBigQR)
    async def show_big_qr(self, message: m.ShowBigQR) -> None:
        from tui_roadmap.ui.screens.qr_screen import QRScreen

        async def flow(ask: Ask) -> None:
            await ask(QRScreen(message.payload))

        await start_flow(self, flow)

    # ---------------------------------------------------------------- steps

    async def action_go(self, step: str) -> None:
        """Go to a step of the workshop; the keys typed before the step key
        land where they were typed, and those typed behind it on the step."""
        await handled(self.focused)
        if step != self.workshop.step:
            await self.build(step)
            self.apply(lambda workshop: workshop.set_step(step), touch=False, shown=False)
            self.query_one("#steps", ContentSwitcher).current = step
            await self.show_step()
        target = self.pane(step).first_focus()
        if target is not None:
            focus_now(target)

    async def action_next_step(self) -> None:
        """Go on to the next step."""
        index = STEPS.index(self.workshop.step)
        if index + 1 < len(STEPS):
            await self.action_go(STEPS[index + 1])

    async def action_previous_step(self) -> None:
        """Go back a step."""
        index = STEPS.index(self.workshop.step)
        if index > 0:
            await self.action_go(STEPS[index - 1])

    async def action_next_field(self, offset: int) -> None:
        """Tab and shift+tab, in their turn among the keys typed."""
        await handled(self.focused)
        if offset > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_step":
            return self.workshop.step != STEPS[-1] or None
        if action == "previous_step":
            return self.workshop.step != STEPS[0] or None
        return True

    async def action_settings(self) -> None:
        """The session's settings, in a form."""
        from tui_roadmap.ui.screens.settings import settings_dialog

        await handled(self.focused)
        form = settings_dialog(self)

        async def flow(ask: Ask) -> None:
            if await ask(form) is not None:
                await self.show_step()

        await start_flow(self, flow)

    async def action_help(self) -> None:
        """Show every key."""
        from tui_roadmap.ui.screens.help import HelpScreen

        async def flow(ask: Ask) -> None:
            await ask(HelpScreen())

        await start_flow(self, flow)

