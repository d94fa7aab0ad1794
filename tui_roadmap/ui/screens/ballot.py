"""A secret ballot on the shared screen: a cover between two voters, and
each voter's own ballot.

The cover hides the last ballot until the next voter has the keyboard:
"Pass to Lena; Enter when ready". The ballot shows the ideas and only this
voter's dots, with their dots left and the most they may put on one idea;
nobody else's dots and no totals are ever on it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label
from textual.widgets.option_list import Option

from tui_roadmap.ui.order import deliver, handled
from tui_roadmap.ui.screens.dialogs import Dialog
from tui_roadmap.ui.widgets.dots import dots_text
from tui_roadmap.ui.widgets.lists import ItemList

Cast = Callable[[int, int], "str | None"]
"""Put a dot on an idea (1) or take one off (-1) on this voter's ballot;
returns why it was refused, if it was."""


class CoverScreen(Dialog[str]):
    """Between two voters: nothing of the last ballot shows. Answers
    ``ready``, ``skip`` or None (back to the vote)."""

    BINDINGS = [
        Binding(
            "enter",
            "choose('ready')",
            "Ready",
            id="cover-ready",
            tooltip="The voter has the keyboard: open their ballot",
            priority=True,
        ),
        Binding(
            "s",
            "choose('skip')",
            "Skip",
            id="cover-skip",
            tooltip="Skip this voter for now: they come back once the others are done",
            priority=True,
        ),
        Binding(
            "escape",
            "choose(None)",
            "Back",
            id="cover-back",
            tooltip="Back to the vote; the round goes on from this voter",
            priority=True,
        ),
    ]

    def __init__(self, voter: str, done: int, total: int) -> None:
        super().__init__()
        self.voter = voter
        self.done = done
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="cover"):
            yield Label(Content.styled(f"Pass to {self.voter}", "bold"), id="cover-name")
            yield Label(Content("Enter when ready."), classes="cover-line")
            yield Label(Content.styled(f"{self.done} of {self.total} ballots are in.", "dim"), classes="cover-line")
            yield Label(
                Content.styled(f"s: skip {self.voter} for now    Esc: back to the vote", "dim"), classes="cover-line"
            )

    async def action_choose(self, choice: str | None) -> None:
        if choice is not None and self.typed_before_shown():
            return  # typed ahead, behind the last ballot: the next voter opens their own
        await self.answer(choice)


class BallotList(ItemList):
    """The ideas with this voter's own dots."""

    BINDINGS = [
        Binding(
            "plus,equals_sign",
            "dot(1)",
            "Dot",
            key_display="+",
            id="ballot-add",
            tooltip="Put one of your dots on the idea",
            priority=True,
        ),
        Binding(
            "minus",
            "dot(-1)",
            "Undot",
            key_display="-",
            id="ballot-remove",
            tooltip="Take one of your dots off the idea",
            priority=True,
        ),
    ]

    class Dot(Message):
        """A dot put on (1) or taken off (-1) an idea of this ballot."""

        def __init__(self, idea_id: int, change: int, typed_before_shown: bool = False) -> None:
            super().__init__()
            self.idea_id = idea_id
            self.change = change
            self.typed_before_shown = typed_before_shown

    async def action_dot(self, change: int) -> None:
        if self.current_item is not None:
            early = isinstance(self.screen, Dialog) and self.screen.typed_before_shown()
            await deliver(self, self.Dot(self.current_item, change, early))


class BallotScreen(Dialog[str]):
    """One voter's ballot. Answers ``done``, ``skip`` or ``cover`` (Esc: back
    behind the cover, for the same voter)."""

    BINDINGS = [
        Binding(
            "enter",
            "choose('done')",
            "Done",
            id="ballot-done",
            tooltip="This ballot is in: pass to the next voter",
            priority=True,
        ),
        Binding(
            "s",
            "choose('skip')",
            "Skip",
            id="ballot-skip",
            tooltip="Skip for now: this voter comes back once the others are done",
            priority=True,
        ),
        Binding(
            "escape",
            "choose('cover')",
            "Cover",
            id="ballot-cover",
            tooltip="Hide this ballot again (the voter keeps their dots)",
            priority=True,
        ),
    ]

    def __init__(
        self,
        voter: str,
        ideas: list[tuple[int, int, str]],
        dots: Callable[[], dict[int, int]],
        left: Callable[[], int],
        cap_reason: str,
        cast: Cast,
    ) -> None:
        super().__init__()
        self.voter = voter
        self.ideas = ideas
        self.dots = dots
        self.left = left
        self.cap_reason = cap_reason
        self.cast = cast

    def compose(self) -> ComposeResult:
        with Vertical(id="ballot"):
            yield Label(id="ballot-title", classes="dialog-title")
            yield BallotList(id="ballot-list")
            yield Label(id="ballot-note", classes="dialog-hint")
            yield Label(
                Content.styled("+ and - on an idea    Enter: done    s: skip for now    Esc: hide the ballot", "dim"),
                classes="dialog-hint",
            )

    def set_up(self) -> None:
        self.show_ballot()
        ballot = self.query_one(BallotList)
        self.set_focus(ballot)
        if ballot.option_count:
            ballot.highlighted = 0

    def show_ballot(self, note: str = "") -> None:
        dots = self.dots()
        left = self.left()
        self.query_one("#ballot-title", Label).update(
            Content.assemble(
                (f"{self.voter}'s ballot: ", "bold"),
                (f"{left} {'dot' if left == 1 else 'dots'} left", "bold $accent"),
                "\n",
                (self.cap_reason.capitalize(), "dim"),
            )
        )
        options = []
        for number, idea_id, text in self.ideas:
            mine = dots.get(idea_id, 0)
            options.append(
                Option(
                    Content.assemble(
                        (f"{number:>3} ", "dim"),
                        (f"{mine:>2} " if mine else "   ", "bold"),
                        (dots_text(mine).ljust(4), "bold $accent"),
                        " ",
                        text,
                    ),
                    id=f"ballot-{idea_id}",
                )
            )
        ballot = self.query_one(BallotList)
        ballot.fill(options)
        hint = self.query_one("#ballot-note", Label)
        hint.set_class(bool(note), "-warning")
        hint.update(Content(note))

    @on(BallotList.Dot)
    def cast_dot(self, message: BallotList.Dot) -> None:
        if message.typed_before_shown:
            return
        problem = self.cast(message.idea_id, message.change)
        self.show_ballot(problem or "")

    async def action_choose(self, choice: str) -> None:
        await handled(self.focused)
        if choice != "cover" and self.typed_before_shown():
            return  # typed ahead, behind the last voter's keys: not this voter's
        await self.answer(choice)
