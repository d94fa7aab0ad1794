"""Step 3, Vote: dot voting on one shared screen.

The facilitator sets who votes and how many dots each has, then enters the
dots counted in the room: a number on an idea sets its dots, + and - add or
take one. Or the vote goes to secret ballots (b): each voter in turn gets a
ballot of their own behind a cover screen, the totals hidden until the
facilitator closes the vote (v). The ranking beside the list shows the
winners above the cut line and any tie at the line, which the room settles:
a runoff among the tied ideas (r), taking them all (a), or picking (w).
"""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from tui_roadmap.ui import messages as m
from tui_roadmap.ui.order import deliver
from tui_roadmap.ui.widgets.dots import dots_text
from tui_roadmap.ui.widgets.fields import EntryInput
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.pane import Pane, PaneContext
from tui_roadmap.workshop import ballots
from tui_roadmap.workshop.capture import people_text
from tui_roadmap.workshop.items import is_wont_do
from tui_roadmap.workshop.model import TieSettlement, Workshop
from tui_roadmap.workshop.roadmap import added_by_room
from tui_roadmap.workshop.ties import open_tie, outcome
from tui_roadmap.workshop.vote import (
    Ranked,
    budget,
    candidates,
    cast,
    cut,
    default_cut,
    dots_each,
    dots_left,
    ranking,
    settlement,
    standing,
    suggested_dots,
    tally,
    totals_hidden,
    voter_count,
    winners,
)

WONT_DO = "\u2717 won't do  "
"""What an idea the room decided against shows before its words."""

NOTE_INDENT = 5
"""Where the line under a ranked idea starts (under its dots)."""

COMBINE_SECONDS = 0.8
"""Two digits typed within this time on the same idea make one number (1
then 2: 12 dots); a digit typed later starts a new count."""


class VoteKeys(NamedTuple):
    """What the vote is at, as far as the list's keys are concerned."""

    mode: str = "counts"
    """``counts`` (the room's counts), ``secret`` (ballots, totals hidden),
    ``runoff`` (the tied ideas only) or ``closed`` (the vote is closed)."""
    closed: bool = False
    """The vote is closed (a runoff may be run on a closed vote): v reopens it."""
    tie_open: bool = False
    """A tie at the cut line waits for the room."""
    ballots_empty: bool = False
    """On secret ballots, no ballot has a dot yet: b goes back to counts."""
    next_voter: bool = False
    """On secret ballots, a voter on the laptop is still to vote: n passes the screen."""


class VoteList(ItemList):
    """The ideas in the order they were called out, with their dots (or,
    in a runoff, the tied ideas with their runoff dots)."""

    BINDINGS = [
        Binding(
            "1",
            "count(1)",
            "Count",
            key_display="0-9",
            id="vote-count",
            tooltip="Set the idea's dots counted in the room: 7 is 7 dots, 1 then 2 quickly is 12",
            priority=True,
        ),
        *(Binding(str(n), f"count({n})", f"Count {n}", show=False, priority=True) for n in (2, 3, 4, 5, 6, 7, 8, 9, 0)),
        Binding(
            "plus,equals_sign",
            "dot(1)",
            "Dot",
            key_display="+",
            id="vote-add",
            tooltip="Put a dot on the idea (= works too)",
            priority=True,
        ),
        Binding(
            "minus",
            "dot(-1)",
            "Undot",
            key_display="-",
            id="vote-remove",
            tooltip="Take a dot off the idea",
            priority=True,
        ),
        Binding(
            "right_square_bracket",
            "cut(1)",
            "Cut line",
            key_display="[ ]",
            id="vote-cut-down",
            tooltip="Move the cut line: ] down (one more winner), [ up (one fewer)",
            priority=True,
        ),
        Binding("left_square_bracket", "cut(-1)", "Cut line up", show=False, priority=True),
        Binding(
            "c",
            "default_cut",
            "Reset cut",
            id="vote-cut-default",
            tooltip="Put the cut line back where the rule of thumb puts it",
            priority=True,
        ),
        Binding(
            "enter",
            "settle_runoff",
            "Settle",
            id="vote-runoff-settle",
            tooltip="In a runoff: settle the tie by the runoff's dots",
            priority=True,
        ),
        Binding(
            "r",
            "runoff",
            "Runoff",
            id="vote-runoff",
            tooltip="A tie at the cut line: a runoff among the tied ideas only",
            priority=True,
        ),
        Binding(
            "r",
            "leave_runoff",
            "Leave runoff",
            id="vote-runoff-leave",
            tooltip="In a runoff: back to the whole vote, the tie still open (the runoff's dots are kept)",
            priority=True,
        ),
        Binding(
            "a",
            "take_all",
            "Take all",
            id="vote-tie-all",
            tooltip="A tie at the cut line: all the tied ideas win",
            priority=True,
        ),
        Binding(
            "w",
            "pick",
            "Pick",
            id="vote-tie-pick",
            tooltip="A tie at the cut line: the tied idea under the cursor wins (w again takes it back)",
            priority=True,
        ),
        Binding(
            "p",
            "put_on_roadmap",
            "On roadmap",
            id="vote-add-to-roadmap",
            tooltip="Put an idea that did not win on the roadmap, as the room's own choice (p again takes it off)",
            priority=True,
        ),
        Binding(
            "x",
            "wont_do",
            "Won't do",
            id="vote-wont-do",
            tooltip="Mark an idea of the parking lot won't do, with the room's reason (x again changes or clears it)",
            priority=True,
        ),
        Binding(
            "b",
            "ballots",
            "Ballots",
            id="vote-ballots",
            tooltip="Switch the vote to secret ballots, one voter at a time",
            priority=True,
        ),
        Binding(
            "b",
            "counts",
            "Counts",
            id="vote-counts",
            tooltip="On secret ballots, before any ballot has a dot: back to dots counted in the room",
            priority=True,
        ),
        Binding(
            "b",
            "explain('b')",
            "Why not b",
            show=False,
            priority=True,
        ),
        Binding(
            "n",
            "next_ballot",
            "Next voter",
            id="vote-next-ballot",
            tooltip="Secret ballot: pass the screen to the next voter",
            priority=True,
        ),
        Binding(
            "n",
            "explain('n')",
            "Why not n",
            show=False,
            priority=True,
        ),
        Binding(
            "v",
            "close_vote",
            "Close vote",
            id="vote-close",
            tooltip="Close the vote and show the totals",
            priority=True,
        ),
        Binding(
            "v",
            "reopen_vote",
            "Reopen vote",
            id="vote-reopen",
            tooltip="Reopen the closed vote to change dots (on ballots, the totals hide again)",
            priority=True,
        ),
    ]

    keys = VoteKeys()
    """What the vote is at, for the keys that apply (the pane sets it)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._last_count: tuple[int, int, float] | None = None

    @property
    def mode(self) -> str:
        return self.keys.mode

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        keys = self.keys
        mode = keys.mode
        counting = mode in ("counts", "runoff")
        secret = mode == "secret"
        shown: bool | None = {
            "count": counting,
            "dot": counting,
            "settle_runoff": mode == "runoff",
            "runoff": keys.tie_open and mode != "runoff",
            "leave_runoff": mode == "runoff",
            "take_all": keys.tie_open,
            "pick": keys.tie_open,
            # On ballots, n and b are shown dimmed while they cannot act
            # (nobody left to vote on the laptop; ballots already cast).
            "next_ballot": (True if keys.next_voter else None) if secret else False,
            "ballots": mode == "counts" and not keys.closed,
            "counts": (True if keys.ballots_empty else None) if secret else False,
            "close_vote": not keys.closed,
            "reopen_vote": keys.closed,
            "cut": mode != "secret",
            "default_cut": mode != "secret",
            "wont_do": mode != "secret",
        }.get(action, True)
        # A key that does not apply here is not shown (False) or shown dimmed
        # (None), and a key bound more than once (r, b, n, v) runs, and is
        # shown as, the first that applies; b and n, when nothing else does,
        # run ``explain``, which says why they do nothing now.
        return shown if shown is None else bool(shown)

    def set_keys(self, keys: VoteKeys) -> None:
        if keys != self.keys:
            self.keys = keys
            self.refresh_bindings()

    async def action_count(self, digit: int) -> None:
        idea_id = self.current_item
        if idea_id is None:
            return
        typed = getattr(self.app, "key_time", None) or 0.0
        count = digit
        last = self._last_count
        if last is not None and last[0] == idea_id and 0 <= typed - last[2] <= COMBINE_SECONDS and last[1] < 100:
            count = last[1] * 10 + digit
        self._last_count = (idea_id, count, typed)
        await deliver(self, m.SetCount(idea_id, count, runoff=self.mode == "runoff"))

    async def action_dot(self, change: int) -> None:
        self._last_count = None
        if self.current_item is not None:
            await deliver(self, m.Dot(self.current_item, change, runoff=self.mode == "runoff"))

    async def action_cut(self, change: int) -> None:
        await deliver(self, m.MoveCut(change))

    async def action_default_cut(self) -> None:
        await deliver(self, m.ResetCut())

    async def action_runoff(self) -> None:
        await deliver(self, m.Runoff())

    async def action_leave_runoff(self) -> None:
        await deliver(self, m.Runoff())

    async def action_settle_runoff(self) -> None:
        await deliver(self, m.SettleRunoff())

    async def action_take_all(self) -> None:
        await deliver(self, m.TakeAllTied())

    async def action_pick(self) -> None:
        if self.current_item is not None:
            await deliver(self, m.PickTied(self.current_item))

    async def action_put_on_roadmap(self) -> None:
        if self.current_item is not None:
            await deliver(self, m.ToggleAdded(self.current_item))

    async def action_wont_do(self) -> None:
        if self.current_item is not None:
            await deliver(self, m.AskWontDo(self.current_item))

    async def action_ballots(self) -> None:
        await deliver(self, m.ToggleBallots())

    async def action_counts(self) -> None:
        await deliver(self, m.ToggleBallots())

    async def action_next_ballot(self) -> None:
        await deliver(self, m.NextBallot())

    async def action_explain(self, key: str) -> None:
        """b or n pressed where they cannot act: say why, never nothing."""
        mode = self.keys.mode
        if key == "n" or mode == "secret":
            # The screen says why: whose ballots are still out, or that ballots are cast.
            await deliver(self, m.NextBallot() if key == "n" else m.ToggleBallots())
        elif mode == "runoff":
            self.notify("In the runoff, b has nothing to do: r goes back to the whole vote.", markup=False)
        else:
            self.notify("The vote is closed: b does nothing until v reopens it.", markup=False)

    async def action_close_vote(self) -> None:
        await deliver(self, m.CloseVote())

    async def action_reopen_vote(self) -> None:
        await deliver(self, m.CloseVote())


class RankingList(ItemList, can_focus=False):
    """The ranking, with the cut line drawn in; it has no cursor."""

    def fill(self, options, keep=None) -> None:
        self.set_options(options)
        self.highlighted = None


class VotePane(Pane):
    """Who votes, their dots, the tally and the ranking."""

    step = "vote"

    def __init__(self, context: PaneContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self._votes: list[tuple[str, Content]] = []
        self._ranking: list[tuple[str | None, VisualType]] = []
        self._voters = 0
        self.runoff = False
        """True while the room runs off a tie (the list shows the tied ideas)."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("Voters", classes="field-label")
            yield EntryInput(placeholder="a number, or names: Priya (Product), Marcus, ...", id="people", compact=True)
            yield Label("Dots each", classes="field-label")
            yield EntryInput(id="dots-each", compact=True)
            yield Label("Most on one", classes="field-label")
            yield EntryInput(id="per-idea", compact=True)
        yield Label(id="vote-title", classes="section-title")
        with Horizontal(id="vote-lists"):
            with Vertical(id="vote-left"):
                yield Label(id="vote-header", classes="column-title")
                yield VoteList(id="vote-list")
            with Vertical(id="vote-right"):
                yield Label(Content.styled("rank dots  idea", "bold"), id="ranking-header", classes="column-title")
                yield RankingList(id="ranking")
        yield Label(id="vote-tie")
        yield Label(id="vote-note")

    @property
    def vote_list(self) -> VoteList:
        return self.query_one(VoteList)

    def first_focus(self) -> Widget:
        """The voters field until they are set, then the list."""
        if not self._voters:
            return self.query_one("#people", Input)
        return self.query_one(VoteList)

    async def show(self, workshop: Workshop) -> None:
        self.set_field("people", people_text(workshop))
        self.set_field("dots-each", str(workshop.vote.dots_each or ""))
        dots_input = self.query_one("#dots-each", Input)
        dots_input.placeholder = f"{suggested_dots(len(candidates(workshop)))} (suggested)"
        self.set_field("per-idea", str(workshop.vote.max_per_idea or ""))
        self.query_one("#per-idea", Input).placeholder = (
            f"{ballots.cap(workshop)} (suggested)" if not workshop.vote.max_per_idea else ""
        )
        hidden = totals_hidden(workshop)
        group, seats = open_tie(workshop)
        if not group:
            self.runoff = False
        vote = workshop.vote
        if vote.closed:
            mode = "runoff" if self.runoff else "closed"  # a closed vote takes no dots: no keys for them
        else:
            mode = "secret" if vote.secret else ("runoff" if self.runoff else "counts")
        self.query_one(VoteList).set_keys(
            VoteKeys(
                mode,
                closed=vote.closed,
                tie_open=bool(group),
                ballots_empty=mode == "secret" and not vote.ballots and not vote.sealed,
                next_voter=mode == "secret" and ballots.whose_turn(workshop) is not None,
            )
        )
        self._voters = voter_count(workshop)
        self._show_title(workshop, hidden)
        if mode == "runoff":
            self._show_runoff(workshop, group)
        else:
            self._show_votes(workshop, hidden)
        self._show_ranking(workshop, hidden)
        self._show_tie(workshop, hidden)
        self._show_note(workshop, hidden, group, seats)

    def _show_title(self, workshop: Workshop, hidden: bool) -> None:
        voters = self._voters
        if workshop.vote.secret and not workshop.vote.closed:
            next_up = ballots.whose_turn(workshop)
            phones = len(ballots.on_phones(workshop))
            done = len(workshop.vote.done)
            summary = f"Secret ballot: {done} of {len(workshop.participants)} in   "
            on_phones = f"{phones} on {'a phone' if phones == 1 else 'phones'}"
            if next_up:
                turn = Content.assemble(
                    (f"n: pass to {next_up.name}", "bold $accent"), f"   and {on_phones}" if phones else ""
                )
            elif phones:
                turn = Content.styled(f"waiting for {on_phones}", "bold $warning")
            else:
                turn = Content.styled("every ballot is in: v closes the vote", "bold $success")
            line = Content.assemble(("Dots  ", "bold"), summary, turn)
        elif voters:
            left = dots_left(workshop)
            summary = (
                f"{voters} {'voter' if voters == 1 else 'voters'} x {dots_each(workshop)} dots = {budget(workshop)}"
                f"   cast {cast(workshop)}   "
            )
            left_text = (
                (f"{left} left", "bold $success" if left == 0 else "bold $warning")
                if left >= 0
                else (f"{-left} too many", "bold $error")
            )
            closed = ("   vote closed (v reopens it)", "bold") if workshop.vote.closed else ""
            line = Content.assemble(("Dots  ", "bold"), summary, left_text, closed)
        else:
            line = Content.assemble(("Dots  ", "bold"), "Set the voters: a number, or their names")
        self.query_one("#vote-title", Label).update(line)

    def _show_votes(self, workshop: Workshop, hidden: bool) -> None:
        totals = tally(workshop)
        added = added_by_room(workshop)
        width = 0 if hidden else max(1, len(dots_text(max(totals.values(), default=0))))
        if hidden:
            header = "(totals hidden until v closes the vote)"
        elif workshop.vote.closed:
            header = "(closed: v reopens it)"
        else:
            header = "(a number sets the dots; + and - add or take one)"
        self.query_one("#vote-header", Label).update(
            Content.styled(
                f"{'#':>3} {'dots':<{width + 4}}idea   {header}" if not hidden else f"{'#':>3} idea   {header}", "bold"
            )
        )
        votes = []
        for number, idea in candidates(workshop):
            room = ("  + room", "bold $accent") if idea.id in added else ""
            wont = (WONT_DO, "bold $error") if is_wont_do(workshop, idea.id) else ""
            if idea.id in workshop.last_dots:
                room = Content.assemble(room, (f"  ({workshop.last_dots[idea.id]} last time)", "dim"))
            if hidden:
                prompt = Content.assemble((f"{number:>3} ", "dim"), wont, idea.text, room)
            else:
                count = totals[idea.id]
                prompt = Content.assemble(
                    (f"{number:>3} ", "dim"),
                    (f"{count:>2} " if count else "   ", "bold"),
                    (dots_text(count).ljust(width), "bold $accent"),
                    " ",
                    wont,
                    idea.text,
                    room,
                )
            votes.append((f"vote-{idea.id}", prompt))
        self._fill_votes(votes)

    def _show_runoff(self, workshop: Workshop, group: list[Ranked]) -> None:
        counts = workshop.vote.runoff
        self.query_one("#vote-header", Label).update(
            Content.styled("Runoff among the tied ideas: a number sets an idea's dots, Enter settles, r leaves", "bold")
        )
        votes = []
        for entry in group:
            count = counts.get(entry.idea.id, 0)
            prompt = Content.assemble(
                (f"{entry.number:>3} ", "dim"),
                (f"{count:>2} " if count else "   ", "bold"),
                (dots_text(count), "bold $accent"),
                " ",
                entry.idea.text,
            )
            votes.append((f"vote-{entry.idea.id}", prompt))
        self._fill_votes(votes)

    def _fill_votes(self, votes: list[tuple[str, Content]]) -> None:
        vote_list = self.query_one(VoteList)
        if [key for key, _ in votes] == [key for key, _ in self._votes]:
            for (key, prompt), (_, before) in zip(votes, self._votes, strict=True):
                if prompt != before:  # only the ideas whose dots changed are drawn again
                    vote_list.replace_option_prompt(key, prompt)
        else:
            vote_list.fill([Option(prompt, id=key) for key, prompt in votes])
        self._votes = votes

    def _show_ranking(self, workshop: Workshop, hidden: bool) -> None:
        ranking_list = self.query_one(RankingList)
        if hidden:
            options = [
                Option(Content.styled("Hidden until the vote closes.", "dim italic"), id="hidden", disabled=True)
            ]
            shown = [(option.id, option.prompt) for option in options]
            if shown != self._ranking:
                self._ranking = shown
                ranking_list.fill(options)
            return
        decided = standing(workshop)
        settled = decided.settled
        picked = set(workshop.vote.picked)
        options: list[Option] = []
        # What the room decided of a tie is written on a line of its own under
        # the idea: after the idea's words it would be cut off with them.
        for entry in decided.won:
            note = self._taken(settled, entry) if settled else ""
            prompt = self._ranked_prompt(entry, True, (note, "bold $success"))
            options.append(Option(prompt, id=f"rank-{entry.idea.id}"))
        if decided.tied:
            # Waiting together, by idea number: no cut line among them, none drawn as won.
            options.append(self._tie_head(decided.seats))
            for entry in decided.tied:
                note = "\u2713 picked" if entry.idea.id in picked else ""
                options.append(
                    Option(self._ranked_prompt(entry, False, (note, "bold $warning")), id=f"rank-{entry.idea.id}")
                )
        above = len(options)
        if options or decided.below:
            options.append(self._cut_line(len(decided.won), decided.seats))
        left_out_lines = 0  # the rows of a settled tie under the line, with what the room decided
        for entry in decided.below:
            left_out = self._left_out(settled, entry) if settled else ""
            tag = (WONT_DO.strip(), "bold $error") if is_wont_do(workshop, entry.idea.id) else (left_out, "dim")
            options.append(Option(self._ranked_prompt(entry, False, tag), id=f"rank-{entry.idea.id}"))
            left_out_lines += 2 if tag[0] else 0
        shown = [(option.id, option.prompt) for option in options]
        if shown != self._ranking:
            self._ranking = shown
            ranking_list.fill(options)
        # Show the top of the ranking, unless the cut line would then be out
        # of view with the row under it (or the settled tie's rows under it):
        # once laid out, as the lines under the lists come and go.
        lines = sum(str(option.prompt).count("\n") + 1 for option in options[:above])
        after = 1 + (left_out_lines or 1)
        ranking_list.call_after_refresh(
            lambda: ranking_list.scroll_to(
                y=min(lines, max(0, lines + after - ranking_list.size.height)), animate=False
            )
        )

    def _show_tie(self, workshop: Workshop, hidden: bool) -> None:
        """How the room settled the tie at the cut line, written under the
        lists for as long as it holds."""
        label = self.query_one("#vote-tie", Label)
        settled = None if hidden else settlement(workshop)
        label.display = settled is not None
        if settled is not None:
            label.update(Content.styled(outcome(workshop, settled), "bold"))

    def _show_note(self, workshop: Workshop, hidden: bool, group: list[Ranked], seats: int) -> None:
        note = self.query_one("#vote-note", Label)
        if hidden:
            waiting = ", ".join(person.name for person in ballots.waiting(workshop)) or "nobody"
            note.update(Content.assemble(("Ballots still to come: ", "bold"), waiting))
        elif group:
            names = ", ".join(str(r.number) for r in sorted(group, key=lambda r: r.number))
            places = f"{seats} {'place' if seats == 1 else 'places'}"
            picked = len([i for i in workshop.vote.picked if i in {r.idea.id for r in group}])
            how = (
                "Enter settles by the runoff's dots, r leaves it"
                if self.runoff
                else f"r runoff, a take all, w pick ({picked} of {seats} picked)"
            )
            note.update(
                Content.assemble(
                    ("TIE at the cut line, open: ", "bold $warning"),
                    f"ideas {names} have {group[0].dots} {'dot' if group[0].dots == 1 else 'dots'} each for {places}. "
                    f"The room decides: {how}.",
                )
            )
        elif not candidates(workshop):
            note.update(Content.styled("No ideas yet: collect them first (F3).", "dim"))
        else:
            ranked = ranking(workshop)
            count = len(winners(workshop, ranked))
            line, default = cut(workshop, ranked), default_cut(workshop, ranked)
            # Where the line is, said of the line itself: a tie taken whole
            # puts more winners above it than it has places.
            if workshop.vote.cut is None:
                where = "the default: a third of the ideas, not splitting a tie"
            elif line == default:
                where = "set by you, where the default puts it"
            else:
                where = f"moved by you; c puts it back at {default}"
            winners_text = f"{count} {'winner' if count == 1 else 'winners'}"
            if count == line:
                head, tail = f"Cut line after {winners_text}", ""
            else:
                head = f"Cut line after {line} {'place' if line == 1 else 'places'}"
                tail = f": {winners_text}, the tie taken whole"
            note.update(Content.assemble((head, "bold"), f" ({where}){tail}"))

    @staticmethod
    def _cut_line(winners: int, open_places: int = 0) -> Option:
        if open_places:  # the line's places: the winners above the tie, and those the tie shares
            places = winners + open_places
            text = f"\u2500\u2500 cut line: {places} {'place' if places == 1 else 'places'}, {open_places} open "
        else:
            text = f"\u2500\u2500 cut line: {winners} {'winner' if winners == 1 else 'winners'} above "
        return Option(Content.styled(text + "\u2500" * 40, "bold $warning"), id="cut-line", disabled=True)

    @staticmethod
    def _tie_head(places: int) -> Option:
        text = f"\u2504\u2504 TIED for {places} {'place' if places == 1 else 'places'}, open "
        return Option(Content.styled(text + "\u2504" * 40, "bold $warning"), id="tie-head", disabled=True)

    @staticmethod
    def _taken(settled: TieSettlement, entry: Ranked) -> str:
        """Why an idea of a settled tie is above the line: its line under it,
        short enough for the narrow ranking (80 columns leave it 24)."""
        if entry.idea.id not in settled.chosen:
            return ""
        if settled.how == "runoff":
            dots = dict(settled.runoff).get(entry.idea.id, 0)
            return f"\u2713 won the runoff: {dots}"
        return "\u2713 tie taken whole" if settled.how == "all" else "\u2713 picked by the room"

    @staticmethod
    def _left_out(settled: TieSettlement, entry: Ranked) -> str:
        """Why an idea of a settled tie is below the line (its line under it)."""
        if entry.idea.id not in settled.ideas or entry.idea.id in settled.chosen:
            return ""
        if settled.how == "runoff":
            return f"runoff: {dict(settled.runoff).get(entry.idea.id, 0)}"
        return "not picked by the room"

    @staticmethod
    def _ranked_prompt(entry: Ranked, won: bool, note: tuple[str, str] = ("", "")) -> Content:
        """A row of the ranking: rank, dots and idea, and a second line for a
        note that must never be cut (what the room decided of a tie)."""
        rank = f"{entry.rank}{'=' if entry.tied else ' '}"
        words, style = note
        return Content.assemble(
            (f"{rank:>4}", "bold" if won else "dim"),
            (f"{entry.dots:>3}  ", "bold $accent" if won else "dim"),
            (entry.idea.text, "bold" if won else ""),
            ("\n" + " " * NOTE_INDENT + words, style) if words else "",
        )

    def toggle_runoff(self) -> bool:
        """Into the runoff of a tie, or out of it; True if in it now."""
        self.runoff = not self.runoff
        self._votes = []  # the list shows other ideas now
        return self.runoff
