"""Step 2, Ideas: collect the room's ideas as fast as they are called out.

Type, Enter, next: the input keeps the focus. ``2: text`` tags the idea with
goal 2 and ``text @Lena`` records who proposed it. In the list, a digit tags
the idea under the cursor with that goal.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from tui_roadmap.workshop.capture import is_number, read_idea
from tui_roadmap.workshop.model import Goal, Idea, Workshop, WorkshopError
from tui_roadmap.ui.screens.dialogs import ConfirmDialog, Field, FormDialog
from tui_roadmap.workshop.text import MAX_TEXT, clean, clean_line
from tui_roadmap.workshop.vote import tally
from tui_roadmap.ui.widgets.goals import goal_label
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.fields import EntryInput
from tui_roadmap.ui.widgets.pane import Pane

MAX_PASTED_IDEAS = 500
"""The most ideas one paste adds (a room never calls out more)."""


def idea_prompt(workshop: Workshop, number: int, idea: Idea) -> Content:
    """One idea as a list line: number, text, goal, proposer."""
    goal = workshop.goal(idea.goal_id)
    parts: list[tuple[str, str] | str] = [(f"{number:>3}  ", "bold"), idea.text, "  "]
    parts.append((goal_label(workshop, goal), "bold $accent" if goal else "dim"))
    if idea.proposer:
        parts.append((f"  @{idea.proposer}", "dim"))
    return Content.assemble(*parts)


class IdeaList(ItemList):
    """The ideas, numbered in the order they were called out."""

    BINDINGS = [
        Binding("e,enter", "edit", "Edit", id="idea-edit", tooltip="Change the idea, its goal or proposer"),
        Binding("d,delete", "delete", "Delete", id="idea-delete", tooltip="Delete the idea (asks first)"),
        Binding("1", "tag(1)", "Goal", key_display="0-9", id="idea-goal", tooltip="Tag the idea with goal 1-9; 0 for none"),
        *(Binding(str(n), f"tag({n})", f"Goal {n}", show=False) for n in (2, 3, 4, 5, 6, 7, 8, 9, 0)),
        Binding("shift+up", "move(-1)", "Move", key_display="\u21e7\u2191\u2193", id="idea-move", tooltip="Move the idea up or down the list (shift+\u2191, shift+\u2193)"),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("n,escape", "new", "New", id="idea-new", tooltip="Back to typing ideas"),
    ]

    @property
    def pane(self) -> IdeasPane:
        return self.query_ancestor(IdeasPane)

    def action_edit(self) -> None:
        self.pane.edit_idea(self.current_item)

    def action_delete(self) -> None:
        self.pane.delete_idea(self.current_item)

    def action_tag(self, number: int) -> None:
        idea_id = self.current_item
        if idea_id is None:
            return

        def tag(workshop: Workshop) -> None:
            goal = None if number == 0 else workshop.goal_by_number(number).id
            workshop.tag_idea(idea_id, goal)

        self.pane.edit(tag)

    def action_move(self, offset: int) -> None:
        idea_id = self.current_item
        if idea_id is not None:
            self.pane.edit(lambda w: w.move_idea(idea_id, offset))

    def action_new(self) -> None:
        self.pane.focus_first()

    def typing_goes_to(self) -> Input:
        """Where a letter typed here that is not one of the list's keys goes
        (see keyhold.py): a new idea."""
        return self.pane.query_one("#idea-input", Input)


class IdeaInput(EntryInput):
    """Where ideas are typed; up goes to the list."""

    BINDINGS = [
        Binding("up", "to_list", "List", id="ideas-list", tooltip="Go to the list to edit, tag or delete"),
    ]

    def action_to_list(self) -> None:
        ideas = self.query_ancestor(IdeasPane).query_one(IdeaList)
        if ideas.option_count:
            ideas.focus()
            ideas.highlighted = ideas.option_count - 1


class IdeasPane(Pane):
    """The ideas called out by the room."""

    step = "ideas"
    DRAFTS = {"idea-input": "idea"}

    def compose(self) -> ComposeResult:
        yield Label(id="ideas-title", classes="section-title")
        yield IdeaList(id="idea-list")
        yield Label(id="goal-legend")
        yield IdeaInput(
            placeholder="Type an idea, Enter adds it.  2: idea = goal 2   idea @Lena = who",
            id="idea-input",
            on_enter=self.idea_entered,
            on_change=self.draft_changed,
        )

    def on_mount(self) -> None:
        self.query_one(IdeaInput).on_paste_lines = self.paste_ideas

    def focus_first(self) -> None:
        self.query_one(IdeaInput).focus()

    def paste_ideas(self, field: Input, lines: list[str]) -> None:
        """A paste of several lines: each line is an idea (read like a typed
        line, ``2: text @name``), up to :data:`MAX_PASTED_IDEAS` at a time."""
        taken, left_out = lines[:MAX_PASTED_IDEAS], len(lines) - MAX_PASTED_IDEAS
        untagged = cut = 0

        def add_all(workshop: Workshop) -> int:
            nonlocal untagged, cut
            for line in taken:
                cut += clean_line(line).cut
                try:
                    read = read_idea(line, workshop)
                    workshop.add_idea(read.text, read.goal_id, read.proposer)
                except WorkshopError:
                    untagged += 1
                    workshop.add_idea(line)
            return len(taken)

        added = self.edit(add_all)
        if not added:
            return
        notes = [f"Added {added:,} {'idea' if added == 1 else 'ideas'} from the paste, one per line"]
        if untagged:
            notes.append(f"{untagged:,} kept as typed, without a goal: their goal numbers do not exist")
        if cut:
            notes.append(f"{cut:,} cut to {MAX_TEXT:,} characters")
        if left_out > 0:
            notes.append(f"the other {left_out:,} lines were left out: paste them in parts of {MAX_PASTED_IDEAS}")
        self.notify("; ".join(notes) + ".", severity="warning" if untagged or cut or left_out > 0 else "information", markup=False)
        self.query_one(IdeaList).select_item(f"idea-{self.workshop.ideas[-1].id}")

    def show(self) -> None:
        workshop = self.workshop
        count = len(workshop.ideas)
        per_goal = []
        for number, goal in enumerate(workshop.goals, 1):
            tagged = sum(1 for idea in workshop.ideas if idea.goal_id == goal.id)
            per_goal.append(f"G{number}: {tagged}")
        untagged = sum(1 for idea in workshop.ideas if workshop.goal(idea.goal_id) is None)
        if workshop.goals:
            per_goal.append(f"no goal: {untagged}")
        title = Content.assemble(
            ("Ideas", "bold"),
            f"  {count} so far" if count else "  none yet: the room calls them out, you type them below",
            ("   " + "  ".join(per_goal) if count and per_goal else "", "dim"),
        )
        self.query_one("#ideas-title", Label).update(title)
        legend = "  ".join(f"{n} {goal.title}" for n, goal in enumerate(workshop.goals, 1))
        self.query_one("#goal-legend", Label).update(
            Content.assemble(("Goals  ", "bold"), legend or Content.styled("none set (F2)", "dim"))
        )
        self._show_list(workshop)
        self.show_drafts()

    _shown: tuple[list[Idea], list[Goal]] = ([], [])

    def _show_list(self, workshop: Workshop) -> None:
        """Fill the list; when ideas were only added at the end (as the room
        calls them out), add just those, so that a long list stays quick."""
        ideas, goals = list(workshop.ideas), list(workshop.goals)
        shown_ideas, shown_goals = self._shown
        idea_list = self.query_one(IdeaList)
        known = len(shown_ideas)
        if shown_ideas and goals == shown_goals and ideas[:known] == shown_ideas:
            if len(ideas) > known:
                idea_list.add_options(
                    Option(idea_prompt(workshop, n, idea), id=f"idea-{idea.id}")
                    for n, idea in enumerate(ideas[known:], known + 1)
                )
        else:
            idea_list.fill(
                Option(idea_prompt(workshop, n, idea), id=f"idea-{idea.id}") for n, idea in enumerate(ideas, 1)
            )
        self._shown = (ideas, goals)

    def idea_entered(self, field: Input) -> None:
        """Enter in the idea input: add the idea, stay for the next one."""
        if not clean(field.value):
            field.value = ""
            return
        cleaned = clean_line(field.value)
        try:
            line = read_idea(field.value, self.workshop)
        except WorkshopError as error:
            self.notify(f"{error} The idea was not added; your text is still there.", severity="warning", markup=False)
            return
        def add(workshop: Workshop) -> Idea:
            idea = workshop.add_idea(line.text, line.goal_id, line.proposer)
            workshop.set_draft("idea", "")
            return idea

        idea = self.edit(add)
        if idea is None:
            return
        field.value = ""
        ideas = self.query_one(IdeaList)
        ideas.select_item(f"idea-{idea.id}")
        if cleaned.cut:
            self.notify("That idea was very long: it was cut to 1,000 characters.", severity="warning")

    def edit_idea(self, idea_id: int | None) -> None:
        if idea_id is None:
            return
        workshop = self.workshop
        idea = workshop.idea(idea_id)
        number = workshop.idea_number(idea_id)
        goal_number = workshop.goal_number(idea.goal_id)

        def check(values: list[str]) -> str | None:
            if not clean(values[0]):
                return "An idea cannot be empty."
            goal = clean(values[1])
            if goal and (not is_number(goal) or not 1 <= int(goal) <= len(self.workshop.goals)):
                return f"The goal is a number from 1 to {len(self.workshop.goals)}, or empty." if self.workshop.goals else "No goals are set: leave the goal empty."
            return None

        def save(values: list[str] | None) -> None:
            if values is None:
                return
            text, goal, proposer = values

            def change(w: Workshop) -> None:
                w.edit_idea(idea_id, text=text, proposer=proposer)
                w.tag_idea(idea_id, w.goal_by_number(int(goal)).id if clean(goal) else None)

            self.edit(change)

        self.app.push_screen(
            FormDialog(
                f"Idea {number}",
                [
                    Field("Idea", idea.text),
                    Field("Goal", str(goal_number or ""), "goal number, or empty"),
                    Field("By", idea.proposer, "who proposed it"),
                ],
                check,
                save=save,
            )
        )

    def delete_idea(self, idea_id: int | None) -> None:
        if idea_id is None:
            return
        workshop = self.workshop
        idea = workshop.idea(idea_id)
        dots = tally(workshop)[idea_id]
        placed = workshop.placement(idea_id)
        detail = []
        if dots:
            detail.append(f"its {dots} {'dot' if dots == 1 else 'dots'}")
        if placed:
            detail.append(f"its place in {placed.column}")

        def answer(yes: bool | None) -> None:
            if yes:
                self.edit(lambda w: w.delete_idea(idea_id), f"Deleted idea \u201c{idea.text[:60]}\u201d.")

        self.app.push_screen(
            ConfirmDialog(
                f"Delete idea {workshop.idea_number(idea_id)}, \u201c{idea.text[:80]}\u201d?",
                ("This also removes " + " and ".join(detail) + ".") if detail else "",
            ),
            answer,
        )
