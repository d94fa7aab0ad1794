"""Vote: dots counted in the room (a number sets them, + and - add or take
one), the cut line, the tie at the line that the room settles (a runoff,
taking all, or picking), ideas the room puts on the roadmap itself, and the
secret ballot: a cover and a ballot for each voter in turn, and the close
that shows the totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on

from tui_roadmap.ui import messages as m
from tui_roadmap.ui.screens.ballot import BallotScreen, CoverScreen
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, start_flow
from tui_roadmap.ui.screens.steps.goals import quoted
from tui_roadmap.workshop import ballots, ties
from tui_roadmap.workshop.model import Participant, Workshop, WorkshopError
from tui_roadmap.workshop.roadmap import toggle_added
from tui_roadmap.workshop.vote import add_dot, candidates, cut, remove_dot, set_tally

if TYPE_CHECKING:  # loaded with the step (see screens/base.py)
    from tui_roadmap.ui.widgets.voting import VotePane

BALLOT_DOT = "a ballot dot"
"""How a dot on a ballot is named when it is undone: never whose, nor where."""


class VoteSteps(WorkshopBase):
    """The Vote step's part of the workshop screen."""

    def _text(self, idea_id: int) -> str:
        try:
            return quoted(self.workshop.idea(idea_id).text, 40)
        except WorkshopError:
            return "an idea"

    def _vote_pane(self) -> VotePane:
        return self.pane("vote")

    async def _show_vote(self) -> None:
        self._stale.add("vote")
        await self.show_step()

    @on(m.Dot)
    async def dot(self, message: m.Dot) -> None:
        idea_id = message.idea_id
        if message.runoff:
            current = self.workshop.vote.runoff.get(idea_id, 0)
            await self.change(
                lambda w: ties.set_runoff(w, idea_id, max(0, current + message.change)),
                f"runoff dot on {self._text(idea_id)}",
            )
        elif message.change > 0:
            await self.change(lambda w: add_dot(w, idea_id), f"dot on {self._text(idea_id)}")
        else:
            await self.change(lambda w: remove_dot(w, idea_id), f"dot off {self._text(idea_id)}")

    @on(m.SetCount)
    async def set_count(self, message: m.SetCount) -> None:
        idea_id, count = message.idea_id, message.count
        if message.runoff:
            await self.change(
                lambda w: ties.set_runoff(w, idea_id, count), f"runoff count of {count} on {self._text(idea_id)}"
            )
        else:
            await self.change(lambda w: set_tally(w, idea_id, count), f"count of {count} on {self._text(idea_id)}")

    @on(m.MoveCut)
    async def move_cut(self, message: m.MoveCut) -> None:
        def move(workshop: Workshop) -> None:
            target = cut(workshop) + message.change
            if not 0 <= target <= len(candidates(workshop)):
                raise WorkshopError("The cut line cannot move further that way.")
            workshop.set_cut(target)

        await self.change(move, "cut line moved")

    @on(m.ResetCut)
    async def reset_cut(self, message: m.ResetCut) -> None:
        await self.change(lambda w: w.set_cut(None), "cut line reset", "The cut line is back at its default.")

    # ------------------------------------------------------------------ ties

    @on(m.Runoff)
    async def runoff(self, message: m.Runoff) -> None:
        group, _ = ties.open_tie(self.workshop)
        pane = self._vote_pane()
        if not group and not pane.runoff:
            self.notify("There is no tie at the cut line.", markup=False)
            return
        # No toast: the runoff's list and the note under it say what to do,
        # and a toast would cover the ranking the room is looking at.
        pane.toggle_runoff()
        await self._show_vote()

    @on(m.SettleRunoff)
    async def settle_runoff(self, message: m.SettleRunoff) -> None:
        done, settled = await self.change(ties.settle_by_runoff, "tie settled by a runoff")
        if done and settled is not None:
            self._vote_pane().runoff = False
            await self._show_vote()

    @on(m.TakeAllTied)
    async def take_all(self, message: m.TakeAllTied) -> None:
        done, settled = await self.change(ties.take_all, "tie settled by taking all")
        if done and settled is not None:
            self._vote_pane().runoff = False
            await self._show_vote()

    @on(m.PickTied)
    async def pick_tied(self, message: m.PickTied) -> None:
        done, settled = await self.change(
            lambda w: ties.pick(w, message.idea_id), f"pick of {self._text(message.idea_id)}"
        )
        if not done:
            return
        if settled is not None:
            self._vote_pane().runoff = False
            await self._show_vote()
        else:
            _, seats = ties.open_tie(self.workshop)
            picked = len(self.workshop.vote.picked)
            self.notify(
                f"Picked {picked} of {seats}: w on another tied idea picks it, w again takes it back.", markup=False
            )

    @on(m.ToggleAdded)
    async def toggle_added(self, message: m.ToggleAdded) -> None:
        text = self._text(message.idea_id)
        on_it = message.idea_id not in self.workshop.added
        done, added = await self.change(
            lambda w: toggle_added(w, message.idea_id),
            f"{text} {'put on' if on_it else 'taken off'} the roadmap by the room",
        )
        if done:
            self.notify(
                f"{text} is on the roadmap, added by the room (p again takes it off)."
                if added
                else f"{text} is off the roadmap again.",
                markup=False,
            )

    # -------------------------------------------------------- secret ballot

    @on(m.ToggleBallots)
    async def toggle_ballots(self, message: m.ToggleBallots) -> None:
        if self.workshop.vote.secret:
            if (await self.change(ballots.stop, "back to counts"))[0]:
                self.notify("Back to dots counted in the room.", markup=False)
            return
        done, _ = await self.change(ballots.start, "secret ballots")
        if done:
            first = ballots.whose_turn(self.workshop)
            turn = f"n passes the screen to {first.name}." if first else "Every voter votes on a phone."
            self.notify(f"Secret ballots: the totals are hidden until v closes the vote. {turn}", markup=False)

    @on(m.NextBallot)
    async def next_ballot(self, message: m.NextBallot) -> None:
        await self.ballot_round()

    async def ballot_round(self) -> None:
        """Voter after voter: the cover ("Pass to Lena"), then their ballot,
        until every ballot is in or the facilitator goes back (Esc)."""
        workshop = self.workshop
        if workshop.vote.closed:
            self.notify("The vote is closed: v reopens it.", markup=False)
            return
        if not workshop.vote.secret:
            self.notify("The vote is not on secret ballots: b switches to them.", markup=False)
            return
        if ballots.whose_turn(workshop) is None:
            self.notify(ballots.still_out(workshop), markup=False)
            return

        async def flow(ask: Ask) -> None:
            voter = ballots.whose_turn(self.workshop)
            last_alone = False
            while voter is not None:
                voter_id = voter.id
                self.apply(lambda w, v=voter_id: ballots.give_turn(w, v), touch=False)
                if not last_alone:
                    self.app.clear_notifications()  # nothing said before shows over the cover or the ballot
                last_alone = False
                done = len(self.workshop.vote.done)
                choice = await ask(CoverScreen(voter.name, done, len(self.workshop.participants)))
                if choice is None:
                    break
                if choice == "ready":
                    choice = await ask(self._ballot(voter))
                    if choice == "cover":
                        continue
                if choice == "done":
                    self.apply(lambda w, v=voter_id: ballots.finish(w, v), "a ballot handed in", touch=False)
                elif choice == "skip":
                    self.apply(lambda w, v=voter_id: ballots.skip(w, v), "a voter skipped", touch=False)
                voter = ballots.whose_turn(self.workshop)
                if choice == "skip" and voter is not None and voter.id == voter_id:
                    self.app.clear_notifications()
                    self.notify(
                        f"{voter.name} is the last voter still to vote: Enter when ready, or Esc and v to close the vote.",
                        markup=False,
                    )
                    last_alone = True
                    continue
            await self._show_vote()
            if voter is None:
                self.notify(ballots.still_out(self.workshop), markup=False)

        await start_flow(self, flow)

    def _ballot(self, voter: Participant) -> BallotScreen:
        voter_id = voter.id

        def cast(idea_id: int, change: int) -> str | None:
            try:
                if change > 0:
                    self.apply(lambda w: add_dot(w, idea_id, voter_id), BALLOT_DOT)
                else:
                    self.apply(lambda w: remove_dot(w, idea_id, voter_id), BALLOT_DOT)
            except WorkshopError as error:
                return str(error)
            return None

        return BallotScreen(
            voter.name,
            [(number, idea.id, idea.text) for number, idea in candidates(self.workshop)],
            lambda: dict(self.workshop.vote.ballots.get(voter_id, {})),
            lambda: ballots.dots_left(self.workshop, voter_id),
            ballots.cap_reason(self.workshop),
            cast,
        )

    @on(m.CloseVote)
    async def close_vote(self, message: m.CloseVote) -> None:
        workshop = self.workshop
        if workshop.vote.closed:
            if (await self.change(ballots.reopen, "vote reopened"))[0]:
                hidden = " (the totals hide again)" if workshop.vote.secret else ""
                self.notify(f"The vote is open again{hidden}.", markup=False)
            return
        missing = ballots.waiting(workshop) if workshop.vote.secret else []

        async def close() -> None:
            if (await self.change(ballots.close, "vote closed"))[0]:
                self.notify("The vote is closed: the totals and the ranking show.", markup=False)

        if not missing:
            await close()
            return
        names = ", ".join(person.name for person in missing)

        async def flow(ask: Ask) -> None:
            question = ConfirmDialog(
                f"Close the vote? {len(missing)} {'ballot is' if len(missing) == 1 else 'ballots are'} not in.",
                f"Not in: {names}. Dots already on their ballots count as they are; v reopens the vote.",
            )
            if await ask(question):
                await close()

        await start_flow(self, flow)

    def resume_ballots(self) -> None:
        """A session reopened in the middle of a secret ballot: the cover for
        the voter whose turn it was (nobody's dots show)."""
        workshop = self.workshop
        if (
            workshop.step == "vote"
            and workshop.vote.secret
            and not workshop.vote.closed
            and workshop.vote.turn is not None
        ):
            self.call_after_refresh(self.run_worker, self.ballot_round(), group="resume")
