"""Step 3, Vote: dot voting on one shared screen.

The facilitator sets who votes and how many dots each has, then enters the
dots counted in the room: + and - on the idea under the cursor. The ranking
beside the list shows the winners above the cut line, the rest below it, and
any tie at the line; [ and ] move the line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from tui_roadmap.ui.messages import Dot, MoveCut, ResetCut
from tui_roadmap.ui.order import deliver
from tui_roadmap.ui.widgets.fields import EntryInput
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.pane import Pane
from tui_roadmap.workshop.capture import people_text
from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.vote import (
    Ranked,
    budget,
    cast,
    cut,
    default_cut,
    dots_each,
    dots_left,
    ranking,
    suggested_dots,
    tally,
    tie_at_cut,
    voter_count,
)

DOT = "\u25cf"
MAX_DRAWN_DOTS = 12


def dots_text(count: int) -> str:
    """Dots drawn as dots, up to a dozen (then a +)."""
    if count <= 0:
        return ""
    return DOT * min(count, MAX_DRAWN_DOTS) + ("+" if count > MAX_DRAWN_DOTS else "")


class VoteList(ItemList):
    """The ideas in the order they were called out, with their dots."""

    BINDINGS = [
        Binding("plus,equals_sign", "dot(1)", "Dot", key_display="+", id="vote-add", tooltip="Put a dot on the idea (= works too)", priority=True),
        Binding("minus", "dot(-1)", "Undot", key_display="-", id="vote-remove", tooltip="Take a dot off the idea", priority=True),
        Binding("right_square_bracket", "cut(1)", "Cut line", key_display="[ ]", id="vote-cut-down", tooltip="Move the cut line: ] down (one more winner), [ up (one fewer)", priority=True),
        Binding("left_square_bracket", "cut(-1)", "Cut line up", show=False, priority=True),
        Binding("c", "default_cut", "Reset cut", id="vote-cut-default", tooltip="Put the cut line back where the rule of thumb puts it", priority=True),
    ]

    async def action_dot(self, change: int) -> None:
        if self.current_item is not None:
            await deliver(self, Dot(self.current_item, change))

    async def action_cut(self, change: int) -> None:
        await deliver(self, MoveCut(change))

    async def action_default_cut(self) -> None:
        await deliver(self, ResetCut())


class RankingList(ItemList, can_focus=False):
    """The ranking, with the cut line drawn in; it has no cursor."""

    def fill(self, options, keep=None) -> None:
        self.set_options(options)
        self.highlighted = None


class VotePane(Pane):
    """Who votes, their dots, the tally and the ranking."""

    step = "vote"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._votes: list[tuple[str, Content]] = []
        self._ranking: list[Option] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("Voters", classes="field-label")
            yield EntryInput(placeholder="a number, or names: Priya (Product), Marcus, ...", id="people", compact=True)
            yield Label("Dots each", classes="field-label")
            yield EntryInput(id="dots-each", compact=True)
        yield Label(id="vote-title", classes="section-title")
        with Horizontal(id="vote-lists"):
            with Vertical(id="vote-left"):
                yield Label(id="vote-header", classes="column-title")
                yield VoteList(id="vote-list")
            with Vertical(id="vote-right"):
                yield Label(Content.styled("rank dots  idea", "bold"), classes="column-title")
                yield RankingList(id="ranking")
        yield Label(id="vote-note")

    def first_focus(self) -> Widget:
        """The voters field until they are set, then the list."""
        if not self._voters:
            return self.query_one("#people", Input)
        return self.query_one(VoteList)

    _voters = 0

    def show(self, workshop: Workshop) -> None:
        self.set_field("people", people_text(workshop))
        self.set_field("dots-each", str(workshop.vote.dots_each or ""))
        dots_input = self.query_one("#dots-each", Input)
        dots_input.placeholder = f"{suggested_dots(len(workshop.ideas))} (suggested)"
        totals = tally(workshop)
        left = dots_left(workshop)
        voters = self._voters = voter_count(workshop)
        if voters:
            summary = (
                f"{voters} {'voter' if voters == 1 else 'voters'} x {dots_each(workshop)} dots = {budget(workshop)}"
                f"   cast {cast(workshop)}   "
            )
            left_text = (f"{left} left", "bold $success" if left == 0 else "bold $warning") if left >= 0 else (
                f"{-left} too many", "bold $error")
        else:
            summary, left_text = "Set the voters: a number, or their names", ("", "")
        self.query_one("#vote-title", Label).update(Content.assemble(("Dots  ", "bold"), summary, left_text))
        width = max(1, len(dots_text(max(totals.values(), default=0))))
        self.query_one("#vote-header", Label).update(
            Content.styled(f"{'#':>3} {'dots':<{width + 4}}idea   (+ and - add or remove a dot)", "bold")
        )
        votes = []
        for number, idea in enumerate(workshop.ideas, 1):
            count = totals[idea.id]
            prompt = Content.assemble(
                (f"{number:>3} ", "dim"),
                (f"{count:>2} " if count else "   ", "bold"),
                (dots_text(count).ljust(width), "bold $accent"),
                " ",
                idea.text,
            )
            votes.append((f"vote-{idea.id}", prompt))
        vote_list = self.query_one(VoteList)
        if [key for key, _ in votes] == [key for key, _ in self._votes]:
            for (key, prompt), (_, before) in zip(votes, self._votes, strict=True):
                if prompt != before:  # only the ideas whose dots changed are drawn again
                    vote_list.replace_option_prompt(key, prompt)
        else:
            vote_list.fill([Option(prompt, id=key) for key, prompt in votes])
        self._votes = votes
        self._show_ranking(workshop)

    def _show_ranking(self, workshop: Workshop) -> None:
        ranked = ranking(workshop)
        winners = cut(workshop, ranked)
        options: list[Option] = []
        for position, entry in enumerate(ranked):
            if position == winners:
                options.append(self._cut_line(winners, workshop))
            options.append(Option(self._ranked_prompt(entry, position < winners), id=f"rank-{entry.idea.id}"))
        if winners == len(ranked) and ranked:
            options.append(self._cut_line(winners, workshop))
        ranking_list = self.query_one(RankingList)
        shown = [(option.id, option.prompt) for option in options]
        if shown != self._ranking:
            self._ranking = shown
            ranking_list.fill(options)
        # Show the top of the ranking, unless the cut line would then be out of view.
        ranking_list.scroll_to(y=max(0, winners + 2 - ranking_list.size.height), animate=False)
        tie = tie_at_cut(workshop)
        note = self.query_one("#vote-note", Label)
        if tie:
            names = ", ".join(str(r.number) for r in tie)
            note.update(
                Content.assemble(
                    ("Tie at the cut line: ", "bold $warning"),
                    f"ideas {names} have {tie[0].dots} dots each. Move the line with [ and ], or re-vote.",
                )
            )
        elif not ranked:
            note.update(Content.styled("No ideas yet: collect them first (F3).", "dim"))
        else:
            where = (
                "the default: a third of the ideas, not splitting a tie"
                if workshop.vote.cut is None
                else f"moved by you; c puts it back at {default_cut(workshop, ranked)}"
            )
            note.update(
                Content.assemble(
                    (f"Cut line after {winners} {'winner' if winners == 1 else 'winners'}", "bold"), f" ({where})"
                )
            )

    @staticmethod
    def _cut_line(winners: int, workshop: Workshop) -> Option:
        text = f"\u2500\u2500 cut line: {winners} {'winner' if winners == 1 else 'winners'} above "
        return Option(Content.styled(text + "\u2500" * 40, "bold $warning"), id="cut-line", disabled=True)

    @staticmethod
    def _ranked_prompt(entry: Ranked, won: bool) -> Content:
        rank = f"{entry.rank}{'=' if entry.tied else ' '}"
        return Content.assemble(
            (f"{rank:>4}", "bold" if won else "dim"),
            (f"{entry.dots:>3}  ", "bold $accent" if won else "dim"),
            (entry.idea.text, "bold" if won else ""),
        )
