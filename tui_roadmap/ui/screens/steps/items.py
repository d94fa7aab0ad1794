"""What the room says of its roadmap items beyond their size (on the board:
f the confidence, n what an item needs, r its risk), and the ideas of the
parking lot it decided against (on the Vote step: x, won't do, with why)."""

from __future__ import annotations

from textual import on

from tui_roadmap.ui import messages as m
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Ask, Field, FormDialog, ask_then, start_flow
from tui_roadmap.ui.screens.steps.goals import quoted
from tui_roadmap.workshop.items import (
    check_item,
    check_wont_do,
    cycle_confidence,
    details_of,
    is_wont_do,
    needing,
    numbers_of,
    read_needs,
    set_needs,
    set_risk,
    set_wont_do,
)
from tui_roadmap.workshop.model import WorkshopError
from tui_roadmap.workshop.roadmap import placed_ideas
from tui_roadmap.workshop.text import clean, shorten

LOOP_MARK = "needs this one: "
"""What the needs form says before an item that needs the item at hand (it
cannot be needed by it: that would be a loop)."""


class ItemSteps(WorkshopBase):
    """The confidence, needs and risk of roadmap items, and won't do."""

    def _quoted_idea(self, idea_id: int, limit: int = 40) -> str:
        try:
            return quoted(self.workshop.idea(idea_id).text, limit)
        except WorkshopError:
            return "an item"

    def _refused(self, check) -> bool:
        """Say why, before any form, if the model refuses what the key asks."""
        try:
            check()
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return True
        return False

    @on(m.CycleConfidence)
    async def cycle_confidence(self, message: m.CycleConfidence) -> None:
        idea_id = message.idea_id
        await self.change(lambda w: cycle_confidence(w, idea_id), f"confidence of {self._quoted_idea(idea_id)}")

    @on(m.AskNeeds)
    async def ask_needs(self, message: m.AskNeeds) -> None:
        """Which other roadmap items the item needs: typed by their numbers,
        from the list the form shows."""
        idea_id = message.idea_id
        workshop = self.workshop
        if self._refused(lambda: check_item(workshop, idea_id)):
            return
        others = [(p, idea) for p, idea in placed_ideas(workshop) if idea.id != idea_id]
        if not others and not details_of(workshop, idea_id).needs:
            self.notify("There is no other item on the roadmap for it to need.", severity="warning", markup=False)
            return
        loops = needing(workshop, idea_id)
        wide = max((len(p.column) for p, _ in others), default=0)

        def line(column: str, idea_id: int, words: str) -> str:
            mark = LOOP_MARK if idea_id in loops else ""
            return f"{workshop.idea_number(idea_id):>3}  {column:<{wide}}  {mark}{shorten(words, 40 - len(mark))}"

        listed = "\n".join(line(p.column, idea.id, idea.text) for p, idea in others)
        example = ", ".join(str(workshop.idea_number(idea.id)) for _, idea in others[:2])
        text = self._quoted_idea(idea_id)

        def save(values: list[str]) -> None:
            ids = read_needs(self.workshop, values[0])
            if tuple(dict.fromkeys(ids)) != details_of(self.workshop, idea_id).needs:
                self.apply(lambda w: set_needs(w, idea_id, ids), f"needs of {text}")

        form = FormDialog(
            f"What {text} needs first: the numbers of other roadmap items",
            [Field("Needs", numbers_of(workshop, idea_id), f"their numbers: {example} (empty: nothing)")],
            apply=save,
            detail=listed,
        )

        await ask_then(self, form, self.show_step)

    @on(m.AskRisk)
    async def ask_risk(self, message: m.AskRisk) -> None:
        idea_id = message.idea_id
        workshop = self.workshop
        if self._refused(lambda: check_item(workshop, idea_id)):
            return
        text = self._quoted_idea(idea_id)

        def save(values: list[str]) -> None:
            if clean(values[0]) != details_of(self.workshop, idea_id).risk:
                self.apply(lambda w: set_risk(w, idea_id, values[0]), f"risk of {text}")

        form = FormDialog(
            f"Risk of {text}: what could stop or delay it",
            [Field("Risk", details_of(workshop, idea_id).risk, "one line (empty: none)")],
            apply=save,
        )

        await ask_then(self, form, self.show_step)

    @on(m.AskWontDo)
    async def ask_wont_do(self, message: m.AskWontDo) -> None:
        """Mark an idea of the parking lot won't do with the room's reason;
        on one marked, change the reason, or empty it to take the mark off."""
        idea_id = message.idea_id
        workshop = self.workshop
        marked = is_wont_do(workshop, idea_id)
        if not marked and self._refused(lambda: check_wont_do(workshop, idea_id)):
            return
        current = workshop.wont_do.get(idea_id, "") if marked else ""
        text = self._quoted_idea(idea_id)
        said: list[str] = []

        def save(values: list[str]) -> None:
            reason = clean(values[0])
            if reason == current:
                return
            label = f"{text} marked won't do" if reason else f"won't do taken off {text}"
            self.apply(lambda w: set_wont_do(w, idea_id, reason), label)
            said[:] = [
                f"{text}: won't do. The draft lists it, with why, under \u201cWon't do this time\u201d."
                if reason
                else f"{text} is back in the parking lot."
            ]

        form = FormDialog(
            f"Won't do: {text}. Why did the room decide against it?",
            [Field("Why not", current, "one line" + ("; empty: take the mark off" if marked else ""))],
            apply=save,
        )

        async def flow(ask: Ask) -> None:
            if await ask(form) is not None:
                await self.show_step()
                for words in said:
                    self.notify(words, markup=False)

        await start_flow(self, flow)
