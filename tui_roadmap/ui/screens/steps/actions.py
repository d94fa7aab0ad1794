"""Actions: an owner and a due date for each checklist line and for the
room's own actions (on the Export step's action list, and on the Review step
for those carried over from the last review), each a change that can be
undone."""

from __future__ import annotations

from collections.abc import Callable

from textual import on

from tui_roadmap.ui import messages as m
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Field, FormDialog, ask_then
from tui_roadmap.ui.screens.steps.goals import quoted
from tui_roadmap.ui.widgets.actions import day_text
from tui_roadmap.workshop import actions
from tui_roadmap.workshop.checklist import next_review
from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.text import shorten


class ActionSteps(WorkshopBase):
    """The actions' part of the workshop screen."""

    def _words(self, target: actions.Target) -> str:
        """What a target says, for the room (its line, or its words)."""
        workshop = self.workshop
        if isinstance(target, int):
            return actions.action(workshop, target).text
        line = next((line for line in actions.lines(workshop) if line.key == target), None)
        if line is None:
            raise WorkshopError("That line is no longer on the checklist: what it asked for is done.")
        return line.check.render()

    def _current(self, target: actions.Target) -> tuple[str, str]:
        """The owner and the due date (as typed) of a target now."""
        workshop = self.workshop
        if isinstance(target, int):
            item = actions.action(workshop, target)
            return item.owner, actions.due_text(item.due)
        line = next(line for line in actions.lines(workshop) if line.key == target)
        return line.owner, actions.due_text(line.due)

    def _owner_field(self, value: str) -> Field:
        names = tuple(person.name for person in self.workshop.participants)
        return Field("Owner", value, "a name, or a participant's number (empty: none)", names)

    def _due_field(self, value: str) -> Field:
        return Field("Due", value, f"{actions.DUE_HELP} (empty: none)")

    def _detail(self, owner: bool = True, due: bool = True) -> str:
        """What the form says under its title: the participants by number,
        today's date and the next review's."""
        workshop = self.workshop
        said = []
        if owner and workshop.participants:
            said.append(f"In the room: {actions.participants_text(workshop)}.")
        if due:
            said.append(
                f"Today is {day_text(self.clock().date())}; the next review is {day_text(next_review(workshop))}."
            )
        return "\n".join(said)

    def _read_due(self, text: str):
        return actions.read_due(self.workshop, text, self.clock().date())

    async def _form(self, form: FormDialog) -> None:
        await ask_then(self, form, self.show_step)

    @on(m.ActOn)
    async def act_on(self, message: m.ActOn) -> None:
        target, what = message.target, message.what
        try:
            text = self._words(target)
            # A checklist line quotes the item it is about: it is not quoted again.
            words = shorten(text, 48) if isinstance(target, tuple) else quoted(text, 40)
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        if what in ("toggle", "undone"):
            done = what == "toggle" and not self._is_done(target)
            if done == self._is_done(target):
                return  # not done already: nothing to change, nor to undo
            await self.change(
                lambda w: actions.set_done(w, target, done), f"{words} marked {'done' if done else 'not done'}"
            )
        elif what == "delete":
            ok, _ = await self.change(lambda w: actions.delete_action(w, target), f"deleting {words}")
            if ok:
                self.notify(f"Deleted {words} (ctrl+z brings it back).", markup=False)
        elif what == "owner":
            await self._ask_owner(target, words)
        elif what == "due":
            await self._ask_due(target, words)
        elif what == "edit":
            await self._ask_all(target, words)

    def _is_done(self, target: actions.Target) -> bool:
        if isinstance(target, int):
            return actions.action(self.workshop, target).done
        return next(line.done for line in actions.lines(self.workshop) if line.key == target)

    async def _ask_owner(self, target: actions.Target, words: str) -> None:
        owner, _ = self._current(target)

        def save(values: list[str]) -> None:
            name = actions.read_owner(self.workshop, values[0])
            if name != owner:
                self.apply(lambda w: actions.set_owner(w, target, name), f"the owner of {words}")

        await self._form(
            FormDialog(f"Owner of {words}", [self._owner_field(owner)], apply=save, detail=self._detail(due=False))
        )

    async def _ask_due(self, target: actions.Target, words: str) -> None:
        _, due = self._current(target)

        def save(values: list[str]) -> None:
            day = self._read_due(values[0])
            if actions.due_text(day) != due:
                self.apply(lambda w: actions.set_due(w, target, day), f"the due date of {words}")

        await self._form(
            FormDialog(
                f"Due date of {words}",
                [self._due_field(due)],
                check=lambda values: self._refusal(lambda: self._read_due(values[0])),
                apply=save,
                detail=self._detail(owner=False),
            )
        )

    @staticmethod
    def _refusal(read: Callable[[], object]) -> str | None:
        try:
            read()
        except WorkshopError as error:
            return str(error)
        return None

    async def _ask_all(self, target: actions.Target, words: str) -> None:
        """Owner and due date (and the words, for an action of the room's own), in one form."""
        owner, due = self._current(target)
        own = isinstance(target, int) and target in {item.id for item in actions.own_actions(self.workshop)}
        fields = [self._owner_field(owner), self._due_field(due)]
        if own:
            fields.insert(0, Field("Action", self._words(target), "what is to be done"))

        was = self._words(target)

        def save(values: list[str]) -> None:
            *text, typed_owner, typed_due = values
            name, day = actions.read_owner(self.workshop, typed_owner), self._read_due(typed_due)
            if (text and text[0] != was) or name != owner or actions.due_text(day) != due:

                def edit(workshop: Workshop) -> None:
                    if text and isinstance(target, int):  # (only the room's own has words to edit)
                        actions.edit_action(workshop, target, text[0])
                    actions.set_owner(workshop, target, name)
                    actions.set_due(workshop, target, day)

                self.apply(edit, f"the action {words}")

        await self._form(
            FormDialog(
                f"The action {words}",
                fields,
                check=lambda values: self._refusal(lambda: self._read_due(values[-1])),
                apply=save,
                detail=self._detail(),
            )
        )

    @on(m.NewAction)
    async def new_action(self, message: m.NewAction) -> None:
        def save(values: list[str]) -> None:
            text, typed_owner, typed_due = values
            name, day = actions.read_owner(self.workshop, typed_owner), self._read_due(typed_due)
            self.apply(lambda w: actions.add_action(w, text, name, day), f"the action {quoted(text, 40)}")

        await self._form(
            FormDialog(
                "An action of the room's own",
                [Field("Action", "", "what is to be done"), self._owner_field(""), self._due_field("")],
                check=lambda values: self._refusal(lambda: self._read_due(values[2])),
                apply=save,
                detail=self._detail(),
            )
        )
