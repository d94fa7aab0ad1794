"""What the widgets ask of the workshop screen.

The widgets show the workshop; when the room acts on it (a key on a list,
Enter in a field), a widget posts one of these Messages, and the workshop
screen, which owns the changes, handles it (``@on``) and tells the panes
what to show. Goals, ideas and columns are named by their ids, never by
widgets.
"""

from __future__ import annotations

from textual.message import Message

from tui_roadmap.workshop.actions import Target

# ---------------------------------------------------------------- settings


class KeepSettings(Message):
    """A step changed this computer's settings: the app saves them (and
    says so if it cannot)."""


# ------------------------------------------------------------------ review


class SetStatus(Message):
    """Say what became of an item carried over from the last review (None:
    no status yet)."""

    def __init__(self, idea_id: int, status: str | None) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.status = status


class EditNote(Message):
    """Write the room's one line on a carried item."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


# ----------------------------------------------------------------- actions


class ActOn(Message):
    """Do ``what`` to an action or a checklist line (``target``: an action's
    id or a line's key): ``owner`` or ``due`` asks for it, ``done`` marks it
    done or not done, ``edit`` asks for all of it, ``delete`` deletes an
    action of the room's own."""

    def __init__(self, target: Target, what: str) -> None:
        super().__init__()
        self.target = target
        self.what = what


class NewAction(Message):
    """Ask for an action of the room's own."""


# ------------------------------------------------------------------- goals


class EditGoal(Message):
    """Change a goal (``field`` 1: start at its metric)."""

    def __init__(self, goal_id: int, field: int = 0) -> None:
        super().__init__()
        self.goal_id = goal_id
        self.field = field


class RecordValue(Message):
    """Record a goal's metric as a review measures it (its value now)."""

    def __init__(self, goal_id: int) -> None:
        super().__init__()
        self.goal_id = goal_id


class DeleteGoal(Message):
    def __init__(self, goal_id: int) -> None:
        super().__init__()
        self.goal_id = goal_id


class MoveGoal(Message):
    def __init__(self, goal_id: int, offset: int) -> None:
        super().__init__()
        self.goal_id = goal_id
        self.offset = offset


# ------------------------------------------------------------------- ideas


class EditIdea(Message):
    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class DeleteIdea(Message):
    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class TagIdea(Message):
    """Tag an idea with the goal the room calls ``number`` (0: none)."""

    def __init__(self, idea_id: int, number: int) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.number = number


class MoveIdea(Message):
    def __init__(self, idea_id: int, offset: int) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.offset = offset


class MergeIdea(Message):
    """Merge an idea into another (the room says which)."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class ImportIdeas(Message):
    """Import ideas from a file (the room says which)."""


class PastedLines(Message):
    """Several lines pasted into a field: in the idea field, one idea each."""

    def __init__(self, field_id: str, lines: list[str] | None = None) -> None:
        super().__init__()
        self.field_id = field_id
        self.lines: list[str] = lines if lines is not None else []


# --------------------------------------------------------------------- vote


class Dot(Message):
    """Put a dot on an idea (``change`` 1) or take one off (-1); in the
    runoff of a tie with ``runoff``."""

    def __init__(self, idea_id: int, change: int, runoff: bool = False) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.change = change
        self.runoff = runoff


class SetCount(Message):
    """Set the dots an idea has, counted in the room (or in a runoff)."""

    def __init__(self, idea_id: int, count: int, runoff: bool = False) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.count = count
        self.runoff = runoff


class Runoff(Message):
    """Into a runoff of the tie at the cut line, or out of it."""


class SettleRunoff(Message):
    """Settle the tie at the cut line by the runoff's dots."""


class TakeAllTied(Message):
    """Settle the tie at the cut line: all the tied ideas win."""


class PickTied(Message):
    """The room picks a tied idea to win (or takes the pick back)."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class ToggleAdded(Message):
    """Put an idea that did not win on the roadmap, or take it off."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class ToggleBallots(Message):
    """Switch the vote to secret ballots, or back to counts."""


class NextBallot(Message):
    """Pass the screen to the next voter."""


class CloseVote(Message):
    """Close the vote (the totals show), or reopen it."""


class MoveCut(Message):
    """Move the cut line down (1: one more winner) or up (-1)."""

    def __init__(self, change: int) -> None:
        super().__init__()
        self.change = change


class ResetCut(Message):
    pass


# ------------------------------------------------------------------ roadmap


class Place(Message):
    """Put an idea in column ``number`` of the timeframe (0: off the roadmap)."""

    def __init__(self, idea_id: int, number: int) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.number = number


class PlaceIn(Message):
    """Put an idea in the column named ``column`` ("" : off the roadmap)."""

    def __init__(self, idea_id: int, column: str) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.column = column


class CyclePriority(Message):
    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class CycleEffort(Message):
    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class SizeCard(Message):
    """Give a card its priority or its effort directly (the other stays)."""

    def __init__(self, idea_id: int, priority: str | None = None, effort: str | None = None) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.priority = priority
        self.effort = effort


class OpenScope(Message):
    """Scope a roadmap item: owner, epics, stories."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class MoveInColumn(Message):
    def __init__(self, idea_id: int, offset: int) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.offset = offset


class AskCapacity(Message):
    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column


class CycleConfidence(Message):
    """Give a roadmap item the next confidence: High, Medium, Low, none."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class AskNeeds(Message):
    """Ask which other roadmap items an item needs."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class AskRisk(Message):
    """Ask for a roadmap item's one-line risk."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


class AskWontDo(Message):
    """Mark an idea of the parking lot won't do, with the room's reason (or take the mark off)."""

    def __init__(self, idea_id: int) -> None:
        super().__init__()
        self.idea_id = idea_id


# ------------------------------------------------------------------- export


class AskDocLink(Message):
    pass


class AskWhereToWrite(Message):
    pass


class ShowBigQR(Message):
    def __init__(self, payload: str) -> None:
        super().__init__()
        self.payload = payload


# ------------------------------------------------------------- within a pane


class StartTyping(Message):
    """A letter typed on a list that has no key for it: it starts a new item
    in the field below the list."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class FocusColumn(Message):
    """Go to the board's column left (-1) or right (1) of ``column``."""

    def __init__(self, column: str, offset: int) -> None:
        super().__init__()
        self.column = column
        self.offset = offset


class FollowCard(Message):
    """Put the focus on an idea's card in ``column`` (it moved there)."""

    def __init__(self, idea_id: int, column: str) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.column = column


class ToList(Message):
    """Up from the field below a list: to the list's last item."""
