"""What the workshop screen does whatever the step: change the workshop and
keep the change (saved at once, undoable), show it, say whether it is on
disk, keep the fields that are kept when left, and move between steps.

The screen's handlers for each step are in ``screens/steps/``; they all
change the workshop through :meth:`WorkshopBase.apply` (or :meth:`change`,
which also shows the change and says why the model refused it). A session
open read-only is refused there, every change but the step shown.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Literal, TypeVar, overload

from msgspec import Struct
from textual import on
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input

from tui_roadmap.files.autosave import Autosave, SaveState
from tui_roadmap.room.host import NotSaved
from tui_roadmap.ui.memory import SetAside
from tui_roadmap.ui.order import focus_now, handled
from tui_roadmap.ui.settings import Settings
from tui_roadmap.ui.widgets.fields import TextInput
from tui_roadmap.ui.widgets.pane import Pane, PaneContext
from tui_roadmap.ui.widgets.sessionbar import SessionBar
from tui_roadmap.ui.widgets.stepbar import StepBar
from tui_roadmap.workshop.capture import people_text, read_number, read_people, set_people
from tui_roadmap.workshop.clock import Clock
from tui_roadmap.workshop.model import (
    MAX_DOTS_EACH,
    STEPS,
    Idea,
    Workshop,
    WorkshopError,
    added_ideas,
    replaying,
)
from tui_roadmap.workshop.roadmap import chosen
from tui_roadmap.workshop.text import clean
from tui_roadmap.workshop.vote import budget, cast, totals_hidden

if TYPE_CHECKING:  # the panes are loaded on their step's first visit (see PANES)
    from tui_roadmap.ui.widgets.board import RoadmapPane
    from tui_roadmap.ui.widgets.export_pane import ExportPane
    from tui_roadmap.ui.widgets.goals import GoalsPane
    from tui_roadmap.ui.widgets.ideas import IdeasPane
    from tui_roadmap.ui.widgets.review import ReviewPane
    from tui_roadmap.ui.widgets.voting import VotePane

T = TypeVar("T")

PANES: dict[str, tuple[str, str]] = {
    "review": ("review", "ReviewPane"),
    "goals": ("goals", "GoalsPane"),
    "ideas": ("ideas", "IdeasPane"),
    "vote": ("voting", "VotePane"),
    "roadmap": ("board", "RoadmapPane"),
    "export": ("export_pane", "ExportPane"),
}
"""Each step's pane: its module in ``tui_roadmap.ui.widgets`` and its class.
A pane's module is loaded, and the pane built, the first time the room
goes to its step, so that the app starts with only the step at hand (the
typed overloads of :meth:`WorkshopBase.pane` name the same classes)."""

DRAFTS = {"goal-entry": "goal", "idea-input": "idea"}
"""Entry field id -> the draft its text is kept as while being typed."""

HISTORY = 500
"""How many changes can be undone (the oldest go first)."""


@cache
def pane_class(step: str) -> type[Pane]:
    """The pane class of a step. Its module is loaded now, on the step's
    first visit: the panes of the steps not shown first stay out of the
    first frame (measured in ``benchmarks/``). Kept once found: every key
    typed in a step's field asks for its pane."""
    module, name = PANES[step]
    cls = getattr(importlib.import_module(f"tui_roadmap.ui.widgets.{module}"), name)
    assert issubclass(cls, Pane) and cls.step == step, f"{module}.{name} is not the pane of {step}"
    return cls


class Done(Struct, frozen=True):
    """A change the room made, as it can be undone: what it was, in words,
    the workshop just before it, and how many changes from phones had come
    in by then (those that came later are made again after an undo)."""

    label: str
    before: Workshop
    mark: int = 0


SAVE_SECONDS = 5.0
"""How long a change from a phone waits to be on disk before the phone is told it is not."""


class WorkshopBase(Screen[None]):
    """The workshop screen's own work (see the module)."""

    class SaveReported(Message):
        """A save was tried, on the saving thread (see ``files.autosave``)."""

        def __init__(self, state: SaveState) -> None:
            super().__init__()
            self.state = state

    def __init__(
        self,
        autosave: Autosave,
        clock: Clock,
        settings: Settings | None = None,
        room_address: str | None = None,
        room_url: str | None = None,
    ) -> None:
        super().__init__()
        self.autosave = autosave
        self.clock = clock
        self.settings = settings if settings is not None else Settings()
        """What this computer remembers (the bell; the app's own, changed in the palette)."""
        self.room_address = room_address
        """The address the room listens on when opened (None: the laptop's on its network)."""
        self.room_url = room_url
        """The public address a tunnel gives the room (``--room-url``), kept with the room's keys."""
        self._stale: set[str] = set(STEPS)
        self._shown_state = autosave.state
        self.undo_stack: list[Done] = []
        self.redo_stack: list[Done] = []
        self.outside: list[tuple[int, Callable[[Workshop], object], list[Idea]]] = []
        """Changes from phones, numbered, with the ideas each added: an undo
        puts the workshop back as it was and then makes again the ones that
        came in after, their ideas with the ids and numbers they had."""
        self.outside_count = 0
        self.set_aside = SetAside()
        """The built screen, kept out of the cycle collector's rounds (see ``memory.py``)."""

    @property
    def workshop(self) -> Workshop:
        return self.autosave.session.workshop

    @property
    def read_only(self) -> str | None:
        """Why the session is only looked at (None: it is open for editing)."""
        return self.autosave.session.read_only

    def read_only_message(self) -> str:
        """What the screen says when a change is refused in a read-only session."""
        return (
            f"Read-only: {self.read_only}. Nothing can be changed and nothing is saved; "
            "the draft can still be exported (F6)."
        )

    def _report(self, state: SaveState) -> None:
        """A save was tried (on the saving thread): say so on the screen's own."""
        self.post_message(self.SaveReported(state))

    @overload
    def pane(self, step: Literal["review"]) -> ReviewPane: ...
    @overload
    def pane(self, step: Literal["goals"]) -> GoalsPane: ...
    @overload
    def pane(self, step: Literal["ideas"]) -> IdeasPane: ...
    @overload
    def pane(self, step: Literal["vote"]) -> VotePane: ...
    @overload
    def pane(self, step: Literal["roadmap"]) -> RoadmapPane: ...
    @overload
    def pane(self, step: Literal["export"]) -> ExportPane: ...
    @overload
    def pane(self, step: str) -> Pane: ...

    def pane(self, step: str) -> Pane:
        """The pane of a step (built: see :meth:`build`), typed by its step."""
        return self.query_one(f"#steps > #{step}", pane_class(step))

    # ------------------------------------------------------------- changes

    def apply(
        self,
        change: Callable[[Workshop], T],
        label: str | None = None,
        touch: bool = True,
        shown: bool = True,
        view: bool = False,
    ) -> T:
        """Make one change to the workshop, or raise :class:`WorkshopError`
        with the reason (nothing changed then). The change is queued for
        saving at once (the disk is written on a thread of its own, so the
        screen never waits for it), and every pane will show it (unless
        ``shown`` is False: no pane shows it, as the step the room is on,
        whose save may wait a moment). With a ``label`` it can be undone.

        In a session open read-only, every change is refused here, with
        the reason, but one of what is shown (``view``: the step)."""
        if self.read_only is not None and not view:
            raise WorkshopError(self.read_only_message())
        before = self.workshop.copy() if label else None
        result = change(self.workshop)
        if before is not None and label:
            self.undo_stack.append(Done(label, before, self.outside_count))
            del self.undo_stack[:-HISTORY]
            self.redo_stack.clear()
        self.autosave.changed(touch, later=not shown)
        self._show_save()
        if shown:
            self._stale = set(STEPS)
        return result

    async def change(
        self, change: Callable[[Workshop], T], label: str, done: str | None = None, touch: bool = True
    ) -> tuple[bool, T | None]:
        """Make one change that can be undone, and show it on the step at
        hand; if the model refuses it, say why. Returns whether it was made,
        and its result."""
        try:
            result = self.apply(change, label, touch)
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return False, None
        await self.show_step()
        if done:
            self.notify(done, markup=False)
        return True, result

    async def undo(self) -> None:
        """Undo the last change, on any step."""
        await self._travel(self.undo_stack, self.redo_stack, "Undid", "Nothing to undo.")

    async def redo(self) -> None:
        """Do again the last change undone."""
        await self._travel(self.redo_stack, self.undo_stack, "Redid", "Nothing to redo.")

    async def _travel(self, source: list[Done], target: list[Done], verb: str, empty: str) -> None:
        await handled(self.focused)
        if not source:
            self.notify(empty, markup=False)
            return
        done = source.pop()
        target.append(Done(done.label, self.workshop.copy(), self.outside_count))
        self.workshop.restore(done.before)
        for number, edit, added in self.outside:
            if number > done.mark:
                try:
                    with replaying(added):
                        edit(self.workshop)
                except WorkshopError:
                    pass  # it no longer applies (its idea was undone): the phone shows what is kept
        self.autosave.changed()
        self._show_save()
        self._stale = set(STEPS)
        await self.show_step()
        self.notify(f"{verb}: {done.label}", markup=False)

    async def outside_change(self, edit: Callable[[Workshop], T]) -> T:
        """A change from a phone: made (not on the undo history: an undo
        keeps it), shown, and returned once it is on disk; raises
        WorkshopError (nothing changed) or NotSaved."""
        if self.autosave.closing:
            raise NotSaved("the session is closing")
        ideas = list(self.workshop.ideas)
        result = self.apply(edit)
        self.outside_count += 1
        self.outside.append((self.outside_count, edit, added_ideas(ideas, self.workshop)))
        oldest = min((d.mark for d in [*self.undo_stack, *self.redo_stack]), default=self.outside_count)
        self.outside = [change for change in self.outside if change[0] > oldest]
        await self.show_step()
        number = self.autosave.changes
        if not await asyncio.to_thread(self.autosave.wait_for, number, SAVE_SECONDS):
            raise NotSaved(self.autosave.error or "the disk did not answer in time")
        return result

    async def show_step(self) -> None:
        """Show the workshop on the step at hand (and in the bars)."""
        workshop = self.workshop
        step = workshop.step
        if step in self._stale:
            self._stale.discard(step)
            await self.pane(step).show(workshop)
        self.query_one(SessionBar).show_session(workshop.name, workshop.product)
        counts = {"goals": str(len(workshop.goals)), "ideas": str(len(workshop.ideas)), "vote": "", "roadmap": ""}
        if workshop.carried:
            reviewed = sum(1 for carried in workshop.carried.values() if carried.status)
            counts["review"] = f"{reviewed}/{len(workshop.carried)}"
        if totals_hidden(workshop):
            counts["vote"] = f"{len(workshop.vote.done)}/{len(workshop.participants)} in"
        else:
            counts["vote"] = f"{cast(workshop)}/{budget(workshop)}" if workshop.ideas and budget(workshop) else ""
            picked = chosen(workshop)  # the vote's winners and what the room added
            waiting = sum(1 for r in picked if workshop.placement(r.idea.id) is None)
            counts["roadmap"] = f"{len(picked) - waiting}/{len(picked)}" if picked else ""
        self.query_one(StepBar).show_step(step, counts, workshop.steps)
        self.show_timer()

    def show_timer(self) -> None:
        """Show the step's timer (the screen's timer part does)."""

    def set_draft(self, name: str, text: str) -> None:
        """Keep what is being typed in an entry field; it is saved at once
        too, so that a half-typed call-out survives a crash (not in a
        session open read-only: it stays in its field only)."""
        if self.read_only is not None:
            return
        self.workshop.set_draft(name, text)
        self.autosave.changed(touch=False)
        self._show_save()

    # ------------------------------------------------------------ saving

    def on_workshop_base_save_reported(self, message: SaveReported) -> None:
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
        keep = {"people": self._keep_people, "dots-each": self._keep_dots_each, "per-idea": self._keep_per_idea}.get(
            field.id or ""
        )
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
        self.apply(lambda workshop: set_people(workshop, people), "the voters")
        field = self.query_one("#people", TextInput)
        field.value = people_text(self.workshop)

    def _keep_dots_each(self, value: str) -> None:
        dots = read_number(value, "Dots each", 1, MAX_DOTS_EACH)
        if dots != self.workshop.vote.dots_each:
            self.apply(lambda workshop: workshop.set_dots_each(dots), "the dots each")

    def _keep_per_idea(self, value: str) -> None:
        most = read_number(value, "The most dots on one idea", 1, MAX_DOTS_EACH)
        if most != self.workshop.vote.max_per_idea:
            self.apply(lambda workshop: workshop.set_max_per_idea(most), "the most dots on one idea")

    def keep(self, partly: bool = False) -> str | None:
        """Keep the text of the field being typed in, before quitting (an
        entry field's draft too: the messages saying it changed may still be
        on their way); the reason if it cannot be kept (see ``quitting.py``)."""
        focused = self.focused
        if not isinstance(focused, Input):
            return None
        name = DRAFTS.get(focused.id or "")
        if name is not None and self.workshop.drafts.get(name, "") != clean(focused.value):
            self.set_draft(name, focused.value)
        return self.keep_field(focused)

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
        self.typing_changed(event.input)

    def typing_changed(self, field: Input) -> None:
        """What is typed in an entry field changed (the Ideas step shows a
        near-duplicate then)."""

    @on(Input.Blurred, "#people, #dots-each, #per-idea")
    async def field_left(self, event: Input.Blurred) -> None:
        if self.keep_field(event.input) is None:
            await self.show_step()

    @on(Input.Submitted, "#people, #dots-each, #per-idea")
    async def field_entered(self, event: Input.Submitted) -> None:
        """Enter in a field that is kept: keep it and go on to the next."""
        if self.keep_field(event.input) is None:
            await self.show_step()
            if event.input.id in ("dots-each", "per-idea"):
                # The most on one idea is set only for ballots, by tab: Enter goes on to the vote.
                focus_now(self.pane("vote").vote_list)
                return
            following = self.focus_next()
            if isinstance(following, Input):
                following.cursor_position = len(following.value)

    # ---------------------------------------------------------------- steps

    async def build(self, step: str) -> None:
        """Build a step's pane if it is not built yet."""
        steps = self.query_one("#steps", ContentSwitcher)
        if not steps.query_children(f"#{step}"):
            await steps.add_content(self.make_pane(step))
            self.call_after_refresh(self.set_aside.built)  # it lives as long as the workshop

    def make_pane(self, step: str) -> Pane:
        """A new pane for a step (its id is the step's)."""
        return pane_class(step)(
            PaneContext(self.autosave.session.path, self.clock, self.settings), id=step, classes="pane"
        )

    async def action_go(self, step: str) -> None:
        """Go to a step of the workshop; the keys typed before the step key
        land where they were typed, and those typed behind it on the step."""
        await handled(self.focused)
        if step != self.workshop.step:
            await self.build(step)
            self.apply(lambda workshop: workshop.set_step(step), touch=False, shown=False, view=True)
            self.query_one("#steps", ContentSwitcher).current = step
            await self.show_step()
        target = self.pane(step).first_focus()
        if target is not None:
            focus_now(target)

    async def action_next_step(self) -> None:
        """Go on to the next step."""
        steps = self.workshop.steps
        index = steps.index(self.workshop.step)
        if index + 1 < len(steps):
            await self.action_go(steps[index + 1])

    async def action_previous_step(self) -> None:
        """Go back a step."""
        steps = self.workshop.steps
        index = steps.index(self.workshop.step)
        if index > 0:
            await self.action_go(steps[index - 1])

    async def action_next_field(self, offset: int) -> None:
        """Tab and shift+tab, in their turn among the keys typed."""
        await handled(self.focused)
        if offset > 0:
            self.focus_next()
        else:
            self.focus_previous()

    async def action_undo(self) -> None:
        await self.undo()

    async def action_redo(self) -> None:
        await self.redo()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        steps = self.workshop.steps
        if action == "next_step":
            return self.workshop.step != steps[-1] or None
        if action == "previous_step":
            return self.workshop.step != steps[0] or None
        if action == "go" and parameters and parameters[0] not in steps:
            return False  # the Review step, in a session that reviews none
        return True
