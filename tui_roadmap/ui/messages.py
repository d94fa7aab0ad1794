"""What the widgets ask of the workshop screen.

The widgets show the workshop; when the room acts on it (a key on a list,
Enter in a field), a widget posts one of these Messages, and the workshop
screen, which owns the changes, handles it (``@on``) and tells the panes
what to show. Goals, ideas and columns are named by their ids, never by
widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

# ------------------------------------------------------------------ review


@dataclass
class SetStatus(Message):
    """Say what became of an item carried over from the last review (None:
    no status yet)."""

    idea_id: int
    status: str | None


@dataclass
class EditNote(Message):
    """Write the room's one line on a carried item."""

    idea_id: int


# ------------------------------------------------------------------- goals


@dataclass
class EditGoal(Message):
    """Change a goal (``field`` 1: start at its metric)."""

    goal_id: int
    field: int = 0


@dataclass
class DeleteGoal(Message):
    goal_id: int


@dataclass
class MoveGoal(Message):
    goal_id: int
    offset: int


# ------------------------------------------------------------------- ideas


@dataclass
class EditIdea(Message):
    idea_id: int


@dataclass
class DeleteIdea(Message):
    idea_id: int


@dataclass
class TagIdea(Message):
    """Tag an idea with the goal the room calls ``number`` (0: none)."""

    idea_id: int
    number: int


@dataclass
class MoveIdea(Message):
    idea_id: int
    offset: int


@dataclass
class MergeIdea(Message):
    """Merge an idea into another (the room says which)."""

    idea_id: int


@dataclass
class PastedLines(Message):
    """Several lines pasted into a field: in the idea field, one idea each."""

    field_id: str
    lines: list[str] = field(default_factory=list)


# --------------------------------------------------------------------- vote


@dataclass
class Dot(Message):
    """Put a dot on an idea (``change`` 1) or take one off (-1); in the
    runoff of a tie with ``runoff``."""

    idea_id: int
    change: int
    runoff: bool = False


@dataclass
class SetCount(Message):
    """Set the dots an idea has, counted in the room (or in a runoff)."""

    idea_id: int
    count: int
    runoff: bool = False


@dataclass
class Runoff(Message):
    """Into a runoff of the tie at the cut line, or out of it."""


@dataclass
class SettleRunoff(Message):
    """Settle the tie at the cut line by the runoff's dots."""


@dataclass
class TakeAllTied(Message):
    """Settle the tie at the cut line: all the tied ideas win."""


@dataclass
class PickTied(Message):
    """The room picks a tied idea to win (or takes the pick back)."""

    idea_id: int


@dataclass
class ToggleAdded(Message):
    """Put an idea that did not win on the roadmap, or take it off."""

    idea_id: int


@dataclass
class ToggleBallots(Message):
    """Switch the vote to secret ballots, or back to counts."""


@dataclass
class NextBallot(Message):
    """Pass the screen to the next voter."""


@dataclass
class CloseVote(Message):
    """Close the vote (the totals show), or reopen it."""


@dataclass
class MoveCut(Message):
    """Move the cut line down (1: one more winner) or up (-1)."""

    change: int


@dataclass
class ResetCut(Message):
    pass


# ------------------------------------------------------------------ roadmap


@dataclass
class Place(Message):
    """Put an idea in column ``number`` of the timeframe (0: off the roadmap)."""

    idea_id: int
    number: int


@dataclass
class PlaceIn(Message):
    """Put an idea in the column named ``column`` ("" : off the roadmap)."""

    idea_id: int
    column: str


@dataclass
class CyclePriority(Message):
    idea_id: int


@dataclass
class CycleEffort(Message):
    idea_id: int


@dataclass
class SizeCard(Message):
    """Give a card its priority or its effort directly (the other stays)."""

    idea_id: int
    priority: str | None = None
    effort: str | None = None


@dataclass
class OpenScope(Message):
    """Scope a roadmap item: owner, epics, stories."""

    idea_id: int


@dataclass
class MoveInColumn(Message):
    idea_id: int
    offset: int


@dataclass
class AskCapacity(Message):
    column: str


# ------------------------------------------------------------------- export


@dataclass
class AskDocLink(Message):
    pass


@dataclass
class AskWhereToWrite(Message):
    pass


@dataclass
class ShowBigQR(Message):
    payload: str


# ------------------------------------------------------------- within a pane


@dataclass
class StartTyping(Message):
    """A letter typed on a list that has no key for it: it starts a new item
    in the field below the list."""

    text: str


@dataclass
class FocusColumn(Message):
    """Go to the board's column left (-1) or right (1) of ``column``."""

    column: str
    offset: int


@dataclass
class FollowCard(Message):
    """Put the focus on an idea's card in ``column`` (it moved there)."""

    idea_id: int
    column: str


@dataclass
class ToList(Message):
    """Up from the field below a list: to the list's last item."""
