"""Step 2, Ideas: collect the room's ideas as fast as they are called out.

Type, Enter, next: the input keeps the focus. ``2: text`` tags the idea with
goal 2 and ``text @Lena`` records who proposed it. In the list, a digit tags
the idea under the cursor with that goal.
"""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from tui_roadmap.ui.messages import (
    DeleteIdea,
    EditIdea,
    ImportIdeas,
    MergeIdea,
    MoveIdea,
    StartTyping,
    TagIdea,
    ToList,
)
from tui_roadmap.ui.order import deliver, focus_now
from tui_roadmap.ui.widgets.fields import EntryInput
from tui_roadmap.ui.widgets.goals import goal_label
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.pane import Pane, PaneContext
from tui_roadmap.workshop.duplicates import Duplicate
from tui_roadmap.workshop.model import STATUSES, Goal, Idea, Merge, Workshop
from tui_roadmap.workshop.text import shorten


def merged_note(merges: list[Merge]) -> str:
    """What an idea that took others in says of them, on its line (as long
    as the merge holds: an undo takes the note away with it)."""
    if not merges:
        return ""
    first = f"\u201c{shorten(merges[0].text, 30)}\u201d"
    if len(merges) == 1:
        return f"\u2295 merged with {first}"
    return f"\u2295 merged: {len(merges) + 1} ideas ({first} and {len(merges) - 1} more)"


def merged_in(workshop: Workshop, idea: Idea) -> list[Merge]:
    """The merges an idea holds: those into it, and those into an idea
    merged into it later (followed only where a merge's idea is gone)."""
    away = {merge.idea for merge in workshop.merges if merge.idea}
    held = []
    for merge in workshop.merges:
        if merge.into == idea.id:
            held.append(merge)
        elif merge.into in away:
            holder = workshop.merged_into(merge)
            if holder is not None and holder.id == idea.id:
                held.append(merge)
    return held


def idea_prompt(workshop: Workshop, number: int, idea: Idea) -> Content:
    """One idea as a list line: number, text, goal, proposer, and the ideas
    merged into it."""
    goal = workshop.goal(idea.goal_id)
    parts: list[tuple[str, str] | str] = [(f"{number:>3}  ", "bold"), idea.text, "  "]
    parts.append((goal_label(workshop, goal), "bold $accent" if goal else "dim"))
    if idea.proposer:
        parts.append((f"  @{idea.proposer}", "dim"))
    merged = merged_note(merged_in(workshop, idea)) if workshop.merges else ""
    if merged:
        parts.append((f"  {merged}", "bold"))
    if idea.id in workshop.sent:
        parts.append(("  (phone)", "bold $accent"))
    carried = workshop.carried.get(idea.id)
    if carried is not None:
        status = f": {STATUSES[carried.status]}" if carried.status else ""
        parts.append((f"  \u21bb carried over{status}", "bold"))
    elif idea.id in workshop.last_dots:
        dots = workshop.last_dots[idea.id]
        parts.append((f"  parked last time, {dots} {'dot' if dots == 1 else 'dots'}", "dim"))
    return Content.assemble(*parts)


class IdeaList(ItemList):
    """The ideas, in the room's order, each with the number it was given."""

    STARTS_TYPING = True
    BINDINGS = [
        Binding(
            "e,enter", "edit", "Edit", id="idea-edit", tooltip="Change the idea, its goal or proposer", priority=True
        ),
        Binding(
            "d,delete", "delete", "Delete", id="idea-delete", tooltip="Delete the idea (asks first)", priority=True
        ),
        Binding(
            "1",
            "tag(1)",
            "Goal",
            key_display="0-9",
            id="idea-goal",
            tooltip="Tag the idea with goal 1-9; 0 for none",
            priority=True,
        ),
        *(Binding(str(n), f"tag({n})", f"Goal {n}", show=False, priority=True) for n in (2, 3, 4, 5, 6, 7, 8, 9, 0)),
        Binding(
            "m",
            "merge",
            "Merge",
            id="idea-merge",
            tooltip="Merge the idea into another (both texts are kept; its dots, ballots and place move)",
            priority=True,
        ),
        Binding(
            "i",
            "import_ideas",
            "Import",
            id="idea-import",
            tooltip="Import ideas from a file: a Markdown list, a CSV or plain lines (asks for its path)",
            priority=True,
        ),
        Binding(
            "shift+up",
            "move(-1)",
            "Move",
            key_display="\u21e7\u2191\u2193",
            id="idea-move",
            tooltip="Move the idea up or down the list (shift+\u2191, shift+\u2193)",
            priority=True,
        ),
        Binding("shift+down", "move(1)", "Move down", show=False, priority=True),
        Binding("n,escape", "new", "New", id="idea-new", tooltip="Back to typing ideas", priority=True),
    ]

    async def action_edit(self) -> None:
        if self.current_item is not None:
            await deliver(self, EditIdea(self.current_item))

    async def action_delete(self) -> None:
        if self.current_item is not None:
            await deliver(self, DeleteIdea(self.current_item))

    async def action_merge(self) -> None:
        if self.current_item is not None:
            await deliver(self, MergeIdea(self.current_item))

    async def action_import_ideas(self) -> None:
        await deliver(self, ImportIdeas())

    async def action_tag(self, number: int) -> None:
        if self.current_item is not None:
            await deliver(self, TagIdea(self.current_item, number))

    async def action_move(self, offset: int) -> None:
        if self.current_item is not None:
            await deliver(self, MoveIdea(self.current_item, offset))

    async def action_new(self) -> None:
        await deliver(self, StartTyping(""))


class IdeaInput(EntryInput):
    """Where ideas are typed; up goes to the list."""

    BINDINGS = [
        Binding(
            "up", "to_list", "List", id="ideas-list", tooltip="Go to the list to edit, tag or delete", priority=True
        ),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, takes_lines=True, **kwargs)

    async def action_to_list(self) -> None:
        await deliver(self, ToList())


class IdeasPane(Pane):
    """The ideas called out by the room."""

    step = "ideas"
    DRAFTS = {"idea-input": "idea"}
    TYPING_FIELD = "idea-input"

    def __init__(self, context: PaneContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self._shown: tuple[list[Idea], list[Goal]] = ([], [])
        self._carried: dict = {}
        self._sent: dict = {}
        self._merges: list[Merge] = []
        self._titles: tuple = ()

    def compose(self) -> ComposeResult:
        yield Label(id="ideas-title", classes="section-title")
        yield IdeaList(id="idea-list")
        yield Label(id="goal-legend")
        yield Label(id="duplicate-hint")
        yield IdeaInput(
            placeholder="Type an idea, Enter adds it.  2: idea = goal 2   idea @Lena = who",
            id="idea-input",
        )

    def first_focus(self) -> Widget:
        return self.query_one(IdeaInput)

    async def show(self, workshop: Workshop) -> None:
        count = len(workshop.ideas)
        tags = Counter(idea.goal_id for idea in workshop.ideas)  # one pass, however many ideas
        per_goal = [f"G{number}: {tags[goal.id]}" for number, goal in enumerate(workshop.goals, 1)]
        if workshop.goals:
            per_goal.append(f"no goal: {count - sum(tags[goal.id] for goal in workshop.goals)}")
        legend = "  ".join(f"{n} {goal.title}" for n, goal in enumerate(workshop.goals, 1))
        titles = (count, tuple(per_goal), legend)
        if titles != self._titles:
            self._titles = titles
            title = Content.assemble(
                ("Ideas", "bold"),
                f"  {count} so far" if count else "  none yet: the room calls them out, you type them below",
                ("   " + "  ".join(per_goal) if count and per_goal else "", "dim"),
            )
            self.query_one("#ideas-title", Label).update(title)
            self.query_one("#goal-legend", Label).update(
                Content.assemble(("Goals  ", "bold"), legend or Content.styled("none set (F2)", "dim"))
            )
        self._show_list(workshop)
        self.show_drafts(workshop)

    def _show_list(self, workshop: Workshop) -> None:
        """Fill the list; when ideas were only added at the end (as the room
        calls them out), add just those, so that a long list stays quick."""
        ideas, goals = list(workshop.ideas), list(workshop.goals)
        shown_ideas, shown_goals = self._shown
        same_carried = (
            self._carried == workshop.carried and self._sent == workshop.sent and self._merges == workshop.merges
        )
        if (ideas, goals) == (shown_ideas, shown_goals) and same_carried:
            return
        self._carried, self._sent, self._merges = dict(workshop.carried), dict(workshop.sent), list(workshop.merges)
        idea_list = self.query_one(IdeaList)
        known = len(shown_ideas)
        if shown_ideas and goals == shown_goals and same_carried and ideas[:known] == shown_ideas:
            idea_list.add_options(
                Option(idea_prompt(workshop, idea.number, idea), id=f"idea-{idea.id}") for idea in ideas[known:]
            )
        else:
            idea_list.fill(Option(idea_prompt(workshop, idea.number, idea), id=f"idea-{idea.id}") for idea in ideas)
        self._shown = (ideas, goals)

    @on(ToList)
    def to_list(self, message: ToList) -> None:
        message.stop()
        ideas = self.query_one(IdeaList)
        if ideas.option_count:
            focus_now(ideas)
            ideas.highlighted = ideas.option_count - 1

    def show_duplicate(self, duplicate: Duplicate | None) -> None:
        """Name the idea that looks like the one being typed (or nothing)."""
        hint = self.query_one("#duplicate-hint", Label)
        hint.display = duplicate is not None
        if duplicate is not None:
            hint.update(
                Content.assemble(
                    ("Looks like idea ", "bold $warning"),
                    (str(duplicate.number), "bold $warning"),
                    f": \u201c{shorten(duplicate.idea.text, 80)}\u201d",
                    ("   (m on the list merges two ideas)", "dim"),
                )
            )

    def select_idea(self, idea_id: int) -> None:
        self.query_one(IdeaList).select_item(f"idea-{idea_id}")

    def idea_field(self) -> Input:
        return self.query_one(IdeaInput)
