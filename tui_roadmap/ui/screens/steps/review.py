"""Review: a status for each item carried over from the last roadmap, and the
room's note on it."""

from __future__ import annotations

from textual import on

from tui_roadmap.ui import messages as m
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Field, FormDialog, ask_then
from tui_roadmap.ui.screens.steps.goals import quoted
from tui_roadmap.workshop.model import STATUSES
from tui_roadmap.workshop.review import set_note, set_status


class ReviewSteps(WorkshopBase):
    """The Review step's part of the workshop screen."""

    @on(m.SetStatus)
    async def set_status(self, message: m.SetStatus) -> None:
        idea_id, status = message.idea_id, message.status
        if idea_id not in self.workshop.carried or self.workshop.carried[idea_id].status == status:
            return
        text = quoted(self.workshop.idea(idea_id).text, 40)
        words = STATUSES[status] if status else "no status"
        await self.change(lambda w: set_status(w, idea_id, status), f"{text} set to {words}")

    @on(m.EditNote)
    async def edit_note(self, message: m.EditNote) -> None:
        idea_id = message.idea_id
        carried = self.workshop.carried.get(idea_id)
        if carried is None:
            return
        text = self.workshop.idea(idea_id).text

        def save(values: list[str]) -> None:
            self.apply(lambda w: set_note(w, idea_id, values[0]), f"note on {quoted(text, 40)}")

        form = FormDialog(
            f"Note on {quoted(text)}",
            [Field("Note", carried.note, "one line: what happened, what is next (empty: none)")],
            apply=save,
        )

        await ask_then(self, form, self.show_step)
