"""Ideas: adding them as they are called out (or pasted, or imported from a
file), editing, tagging, moving, deleting, the near-duplicate hint while one
is typed, and merging two ideas that are the same one."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.widgets import Input
from textual.worker import WorkerFailed

from tui_roadmap.files.imports import ideas_path, read_ideas_file
from tui_roadmap.files.store import StoreError
from tui_roadmap.ui import messages as m
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, Field, FormDialog, TypingQuestion, ask_then, start_flow
from tui_roadmap.ui.screens.steps.goals import quoted
from tui_roadmap.workshop.capture import is_number, read_idea
from tui_roadmap.workshop.duplicates import likely_duplicate
from tui_roadmap.workshop.gather import Added, decode
from tui_roadmap.workshop.importing import Trial, holds, put_in, work_out
from tui_roadmap.workshop.merge import merge_ideas, merged_text
from tui_roadmap.workshop.model import Workshop, WorkshopError
from tui_roadmap.workshop.text import MAX_TEXT, clean, clean_line, visible
from tui_roadmap.workshop.vote import tally, totals_hidden

MAX_PASTED_IDEAS = 500
"""The most ideas one paste adds (a room never calls out more)."""

SAID_LINES = 200
"""An import of a file longer than this says it is reading it (a second or more)."""

SHOWN_LINES = 3
"""How many lines an import names of those it leaves out or finds alike."""


def imported_detail(result: Added) -> str:
    """What an import leaves out or names, in a few sentences: the lines
    skipped (the first few, with why), the ideas cut, and those that look
    like an idea already there (for the room to merge)."""
    parts = []
    skipped = result.skipped
    if skipped:
        shown = "; ".join(f"line {number}: {reason.rstrip('.')}" for number, reason in skipped[:SHOWN_LINES])
        more = f"; and {len(skipped) - SHOWN_LINES:,} more" if len(skipped) > SHOWN_LINES else ""
        parts.append(f"{len(skipped):,} {'line is' if len(skipped) == 1 else 'lines are'} left out ({shown}{more}).")
    if result.cut:
        parts.append(f"{result.cut:,} cut to {MAX_TEXT:,} characters.")
    alike = result.alike
    if alike:
        named = "; ".join(
            f"line {number} like idea {twin_number}, {quoted(twin.text, 30)}"
            for number, _, twin_number, twin in alike[:SHOWN_LINES]
        )
        more = f" and {len(alike) - SHOWN_LINES:,} more" if len(alike) > SHOWN_LINES else ""
        parts.append(
            f"{len(alike):,} {'looks like an idea' if len(alike) == 1 else 'look like ideas'} already there "
            f"({named}{more}): m on the list merges two."
        )
    return " ".join(parts)


class IdeaSteps(WorkshopBase):
    """The Ideas step's part of the workshop screen."""

    import_path = ""
    """The path typed for the last import (offered again)."""

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

        done, idea = await self.change(add, f"idea {quoted(line.text)} added")
        if not done or idea is None:
            return
        field.value = ""
        self.pane("ideas").select_idea(idea.id)
        if cleaned.cut:
            self.notify("That idea was very long: it was cut to 1,000 characters.", severity="warning")

    def typing_changed(self, field: Input) -> None:
        """Name an existing idea that looks like the one being typed."""
        if field.id != "idea-input":
            return
        try:
            text = read_idea(field.value, self.workshop).text if clean(field.value) else ""
        except WorkshopError:
            text = clean(field.value)
        self.pane("ideas").show_duplicate(likely_duplicate(text, self.workshop.ideas) if text else None)

    @on(m.PastedLines)
    async def paste_ideas(self, message: m.PastedLines) -> None:
        """A paste of several lines in the idea field: after a question that
        says how many, each line is an idea (read like a typed line, ``2:
        text @name``), up to :data:`MAX_PASTED_IDEAS` at a time; the lines
        that look like an idea already there are named."""
        if message.field_id != "idea-input":
            return
        taken: list[str] = []
        seen = {idea.text.casefold() for idea in self.workshop.ideas}
        repeated = 0
        for line in message.lines:
            words = self._pasted_words(line).casefold()
            if words in seen:
                repeated += 1  # an idea already there, or a line the paste has already
                continue
            seen.add(words)
            taken.append(line)
        left_out = len(taken) - MAX_PASTED_IDEAS
        taken = taken[:MAX_PASTED_IDEAS]
        known = list(self.workshop.ideas)
        alike = [
            (line, twin) for line in taken if (twin := likely_duplicate(self._pasted_words(line), known)) is not None
        ]
        detail = []
        if repeated:
            detail.append(
                f"{repeated:,} {'line is' if repeated == 1 else 'lines are'} an idea already there, left out."
            )
        if not taken:
            self.notify(" ".join(detail) or "Nothing to add from the paste.", markup=False)
            return
        if left_out > 0:
            detail.append(f"The other {left_out:,} lines are left out: paste them in parts of {MAX_PASTED_IDEAS}.")
        if alike:
            named = "; ".join(f"{quoted(clean(line), 40)} like idea {twin.number}" for line, twin in alike[:3])
            more = f" and {len(alike) - 3:,} more" if len(alike) > 3 else ""
            detail.append(f"{len(alike):,} look like ideas already there ({named}{more}): m on the list merges two.")
        question = TypingQuestion(
            f"Add {len(taken):,} {'idea' if len(taken) == 1 else 'ideas'} from the paste, one per line?",
            " ".join(detail),
            self.pane("ideas").idea_field(),
            "idea field",
        )

        async def flow(ask: Ask) -> None:
            if await ask(question):
                await self._add_pasted(taken, left_out, len(alike))

        await start_flow(self, flow)

    def _pasted_words(self, line: str) -> str:
        """The words of a pasted line as an idea (its goal and proposer aside)."""
        try:
            return clean(read_idea(line, self.workshop).text)
        except WorkshopError:
            return clean(line)

    async def _add_pasted(self, taken: list[str], left_out: int, alike: int) -> None:
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

        done, added = await self.change(add_all, f"{len(taken):,} pasted ideas")
        if not done or not added:
            return
        notes = [f"Added {added:,} {'idea' if added == 1 else 'ideas'} from the paste, one per line"]
        if untagged:
            notes.append(f"{untagged:,} kept as typed, without a goal: their goal numbers do not exist")
        if cut_lines:
            notes.append(f"{cut_lines:,} cut to {MAX_TEXT:,} characters")
        if left_out > 0:
            notes.append(f"the other {left_out:,} lines were left out: paste them in parts of {MAX_PASTED_IDEAS}")
        if alike:
            notes.append(f"{alike:,} look like ideas already there")
        warn = untagged or cut_lines or left_out > 0
        self.notify("; ".join(notes) + ".", severity="warning" if warn else "information", markup=False)
        self.pane("ideas").select_idea(self.workshop.ideas[-1].id)

    @on(m.ImportIdeas)
    async def import_ideas(self, message: m.ImportIdeas) -> None:
        """i on the list: the ideas of a file, read as ``roadmap import``
        reads it (a Markdown list, a CSV or plain lines), after a question
        that says how many and which look like ideas already there; one
        change, that one ctrl+z takes back. A file that cannot be read is
        said in the form, which keeps the path typed. The file is read once,
        and its ideas read and added on a copy of the workshop on a thread
        of its own (seconds for a big file), then put in: the screen and the
        phones are answered meanwhile."""
        read: dict[str, tuple[Path, bytes]] = {}
        sessions = self.autosave.session.path.parent

        def check(values: list[str]) -> str | None:
            if not values[0].strip():
                return "Type the path of the file (~ is your home folder)."
            path = ideas_path(values[0])
            try:
                raw = read_ideas_file(path, sessions)
                decode(raw, path.name)  # a file that is not text is said here; its ideas are read off the screen
            except (StoreError, WorkshopError) as error:
                return str(error)
            read["file"] = (path, raw)
            return None

        form = FormDialog(
            "Import ideas from a file: a Markdown list (.md), a CSV (.csv: text, goal number, proposer) "
            "or plain lines, each read like a typed line",
            [Field("File", self.import_path, "its path: ~ is your home folder")],
            check,
            keep_on_quit=False,
        )

        async def flow(ask: Ask) -> None:
            values = await ask(form)
            if values is None:
                return
            self.import_path = values[0]
            path, raw = read["file"]
            name = visible(path.name)
            lines = raw.count(b"\n") + 1
            if lines > SAID_LINES:
                self.notify(f"Reading the {lines:,} lines of {name}\u2026", markup=False)
            trial = await self._work_out_import(raw, path.name)  # what adding would do, shown before it is done
            if trial is None:
                return
            found = trial.result
            count = len(found.added)
            if not count:
                self.notify(
                    f"Nothing to add from {name}: {imported_detail(found) or 'it holds no ideas.'}",
                    severity="warning",
                    markup=False,
                )
                return
            if count > 1 and not await ask(
                ConfirmDialog(f"Add {count:,} ideas from {name}, one per line?", imported_detail(found))
            ):
                return
            while not holds(trial, self.workshop):  # changed meanwhile (a phone's idea): again, on what it is now
                trial = await self._work_out_import(raw, path.name)
                if trial is None:
                    return
            count = len(trial.result.added)
            done, result = await self.change(
                lambda w, t=trial: put_in(w, t),
                f"{count:,} {'idea' if count == 1 else 'ideas'} imported from {quoted(name, 40)}",
            )
            if not done or result is None or not result.added:
                return
            added = len(result.added)
            detail = imported_detail(result)
            self.notify(
                f"Added {added:,} {'idea' if added == 1 else 'ideas'} from {name} "
                f"(ctrl+z takes {'it' if added == 1 else 'them'} back)." + (f" {detail}" if detail else ""),
                severity="warning" if result.skipped or result.cut else "information",
                timeout=8,
                markup=False,
            )
            self.pane("ideas").select_idea(result.added[-1][1].id)

        await start_flow(self, flow)

    async def _work_out_import(self, raw: bytes, name: str) -> Trial | None:
        """The file's ideas read and added on a copy of the workshop, on a
        thread; None (said on the screen) if the file is not one."""
        base = self.workshop.copy()

        def attempt() -> Trial | WorkshopError:
            try:
                return work_out(base, raw, name)
            except WorkshopError as error:  # not a list of ideas (a CSV not well formed): said, not failed
                return error

        worker = self.run_worker(attempt, thread=True, group="import", exit_on_error=False)
        try:
            trial = await worker.wait()
        except WorkerFailed as failed:
            self.notify(f"{visible(name)} could not be imported: {failed.error}", severity="error", markup=False)
            return None
        if isinstance(trial, WorkshopError):
            self.notify(str(trial), severity="warning", markup=False)
            return None
        return trial

    @on(m.EditIdea)
    async def edit_idea(self, message: m.EditIdea) -> None:
        workshop = self.workshop
        idea_id = message.idea_id
        try:
            idea = workshop.idea(idea_id)
        except WorkshopError:
            return
        goal_number = workshop.goal_number(idea.goal_id)
        number = workshop.idea_number(idea_id)

        def check(values: list[str]) -> str | None:
            if not clean(values[0]):
                return "An idea cannot be empty."
            goal = clean(values[1])
            goals = len(self.workshop.goals)
            if goal and (not is_number(goal) or not 1 <= int(goal) <= goals):
                return (
                    f"The goal is a number from 1 to {goals}, or empty."
                    if goals
                    else "No goals are set: leave the goal empty."
                )
            return None

        def save(values: list[str]) -> None:
            text, goal, proposer = values

            def change(w: Workshop) -> None:
                w.edit_idea(idea_id, text=text, proposer=proposer)
                w.tag_idea(idea_id, w.goal_by_number(int(goal)).id if clean(goal) else None)

            self.apply(change, f"idea {number} edited")

        form = FormDialog(
            f"Idea {number}",
            [
                Field("Idea", idea.text),
                Field("Goal", str(goal_number or ""), "goal number, or empty"),
                Field("By", idea.proposer, "who proposed it"),
            ],
            check,
            apply=save,
        )

        await ask_then(self, form, self.show_step)

    @on(m.DeleteIdea)
    async def delete_idea(self, message: m.DeleteIdea) -> None:
        workshop = self.workshop
        idea_id = message.idea_id
        try:
            idea = workshop.idea(idea_id)
            workshop.refuse_carried(idea_id, "deleted; set it to dropped on the Review step (F7) instead")
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)  # said before asking, not after
            return
        # Carried items are in no vote; with a secret vote open, nobody's dots show.
        dots = 0 if totals_hidden(workshop) else tally(workshop).get(idea_id, 0)
        placed = workshop.placement(idea_id)
        detail = []
        if dots:
            detail.append(f"its {dots} {'dot' if dots == 1 else 'dots'}")
        if placed:
            detail.append(f"its place in {placed.column}")
        question = ConfirmDialog(
            f"Delete idea {workshop.idea_number(idea_id)}, {quoted(idea.text, 80)}?",
            ("This also removes " + " and ".join(detail) + ". ctrl+z brings it back.")
            if detail
            else "ctrl+z brings it back.",
        )

        async def flow(ask: Ask) -> None:
            if await ask(question):
                await self.change(
                    lambda w: w.delete_idea(idea_id),
                    f"idea {quoted(idea.text)} deleted",
                    f"Deleted idea {quoted(idea.text)}.",
                )

        await start_flow(self, flow)

    @on(m.TagIdea)
    async def tag_idea(self, message: m.TagIdea) -> None:
        def tag(workshop: Workshop) -> None:
            goal = None if message.number == 0 else workshop.goal_by_number(message.number).id
            workshop.tag_idea(message.idea_id, goal)

        try:
            number = self.workshop.idea_number(message.idea_id)
        except WorkshopError:
            return
        label = f"goal of idea {number}" if message.number else f"goal taken off idea {number}"
        await self.change(tag, label)

    @on(m.MoveIdea)
    async def move_idea(self, message: m.MoveIdea) -> None:
        await self.change(lambda w: w.move_idea(message.idea_id, message.offset), "idea moved")

    @on(m.MergeIdea)
    async def merge_idea(self, message: m.MergeIdea) -> None:
        """Merge the idea under the cursor into another, in one form: which
        one (the likely duplicate is offered) and the merged wording (both
        texts, editable)."""
        workshop = self.workshop
        try:
            idea = workshop.idea(message.idea_id)
            workshop.refuse_carried(idea.id, "merged with another idea")
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)  # said before the form, not after
            return
        if len(workshop.ideas) < 2:
            self.notify("There is no other idea to merge it into.", severity="warning", markup=False)
            return
        number = workshop.idea_number(idea.id)
        twin = likely_duplicate(idea.text, workshop.ideas, skip=idea.id)
        offered = merged_text(twin.idea, idea) if twin else ""

        def into_of(values: list[str]):
            return self.workshop.idea_by_number(int(clean(values[0])))

        def wording_of(values: list[str]) -> str:
            # The wording offered is that of the duplicate offered: another
            # idea to merge into gets both texts of its own.
            into = into_of(values)
            if not clean(values[1]) or (twin is not None and values[1] == offered and into.id != twin.idea.id):
                return merged_text(into, idea)
            return values[1]

        def check(values: list[str]) -> str | None:
            value = clean(values[0])
            if not is_number(value):
                return "Type the number of the idea to merge into, as the list shows it."
            if int(value) == self.workshop.idea_number(idea.id):
                return "An idea cannot be merged into itself: type another number."
            try:
                self.workshop.idea_by_number(int(value))
            except WorkshopError as error:
                return str(error)
            return None

        form = FormDialog(
            f"Merge idea {number}, {quoted(idea.text)}, into another: its dots, ballots and place move there",
            [
                Field("Into", str(twin.number) if twin else "", "the idea's number, as the list shows it"),
                Field("Wording", offered, "empty: both texts, as the room said them"),
            ],
            check,
            keep_on_quit=False,
        )

        async def flow(ask: Ask) -> None:
            values = await ask(form)
            if values is None:
                return
            into, wording = into_of(values), wording_of(values)
            done, merged = await self.change(
                lambda w: merge_ideas(w, idea.id, into.id, wording),
                f"merge of {quoted(idea.text, 30)} into {quoted(into.text, 30)}",
                f"Merged idea {number} into {quoted(clean(wording))} (ctrl+z undoes it).",
            )
            if done and merged is not None:
                self.pane("ideas").select_idea(merged.id)

        await start_flow(self, flow)
