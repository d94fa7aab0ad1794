"""A tie at the cut line is the room's decision, never the app's.

When the cut line falls among ideas with the same dots, those ideas wait
together (see ``vote.winners``) until the room settles it in one of three
ways:

- a **runoff** among the tied ideas only (one dot each, or a hand count,
  entered like the vote): the most dots take the places;
- taking **all** of them;
- **picking** as many as there are places, one key each.

The settlement is kept with the vote (``Vote.tie``), and holds as long as
the tie is the same one: new dots, or a moved line, make a new tie.
"""

from __future__ import annotations

from tui_roadmap.workshop.model import TieSettlement, Workshop, WorkshopError
from tui_roadmap.workshop.text import shorten
from tui_roadmap.workshop.vote import Ranked, ranking, settlement, tie_group, totals_hidden


def open_tie(workshop: Workshop) -> tuple[list[Ranked], int]:
    """The ideas tied across the cut line, and the places they share, if
    the room has not settled the tie yet; ``([], 0)`` otherwise, and while
    the totals are hidden (a secret vote still open: nobody knows of a tie)."""
    if totals_hidden(workshop):
        return [], 0
    ranked = ranking(workshop)
    group, seats = tie_group(workshop, ranked)
    if not group or settlement(workshop, ranked) is not None:
        return [], 0
    return group, seats


def _open_tie_or_raise(workshop: Workshop) -> tuple[list[Ranked], int]:
    group, seats = open_tie(workshop)
    if not group:
        raise WorkshopError("There is no tie at the cut line to settle.")
    return group, seats


def take_all(workshop: Workshop) -> TieSettlement:
    """Settle the tie by taking every tied idea."""
    group, seats = _open_tie_or_raise(workshop)
    ideas = tuple(r.idea.id for r in group)
    return _settle(workshop, TieSettlement(ideas, seats, "all", ideas))


def pick(workshop: Workshop, idea_id: int) -> TieSettlement | None:
    """Pick a tied idea to win (pick it again to take it back). Once as many
    are picked as there are places, the tie is settled (returned)."""
    group, seats = _open_tie_or_raise(workshop)
    ids = [r.idea.id for r in group]
    if idea_id not in ids:
        raise WorkshopError("That idea is not one of those tied at the cut line.")
    picked = [i for i in workshop.vote.picked if i in ids]
    if idea_id in picked:
        picked.remove(idea_id)
    else:
        picked.append(idea_id)
    workshop.vote.picked = picked
    if len(picked) < seats:
        return None
    chosen = tuple(i for i in ids if i in picked)
    return _settle(workshop, TieSettlement(tuple(ids), seats, "pick", chosen))


def set_runoff(workshop: Workshop, idea_id: int, count: int) -> None:
    """The dots a tied idea got in the runoff."""
    group, _ = _open_tie_or_raise(workshop)
    if idea_id not in {r.idea.id for r in group}:
        raise WorkshopError("Only the ideas tied at the cut line are in the runoff.")
    if not 0 <= count <= 999:
        raise WorkshopError("A count is 0 to 999 dots.")
    if count:
        workshop.vote.runoff[idea_id] = count
    else:
        workshop.vote.runoff.pop(idea_id, None)


def settle_by_runoff(workshop: Workshop) -> TieSettlement:
    """Settle the tie by the runoff: the most dots take the places. Raises
    if the runoff is tied at the places too (the room decides again)."""
    group, seats = _open_tie_or_raise(workshop)
    counts = {r.idea.id: workshop.vote.runoff.get(r.idea.id, 0) for r in group}
    if not any(counts.values()):
        raise WorkshopError("No runoff dots yet: enter them on the tied ideas first.")
    order = sorted(group, key=lambda r: -counts[r.idea.id])  # equal runoff dots by idea number
    # A runoff tied at the places decides nothing (the order of call-outs
    # never does): the room goes again.
    if counts[order[seats - 1].idea.id] == counts[order[seats].idea.id]:
        level = counts[order[seats].idea.id]
        still = [r.idea.text for r in order if counts[r.idea.id] == level]
        raise WorkshopError(
            f"Still tied in the runoff: {_names(still)} have {level} each. Run it again, take them all, or pick."
        )
    chosen = tuple(r.idea.id for r in group if r in order[:seats])
    result = tuple((r.idea.id, counts[r.idea.id]) for r in order)
    return _settle(workshop, TieSettlement(tuple(r.idea.id for r in group), seats, "runoff", chosen, result))


def _settle(workshop: Workshop, settled: TieSettlement) -> TieSettlement:
    workshop.vote.tie = settled
    workshop.vote.picked = []
    return settled


def describe(workshop: Workshop, settled: TieSettlement) -> tuple[str, dict[str, str]]:
    """How a tie was settled, as a sentence for the draft: a template with
    ``{name}`` fields, and the room's words for them (the caller escapes
    them, as for the checklist)."""
    texts = {idea.id: idea.text for idea in workshop.ideas}
    tied = [texts[i] for i in settled.ideas if i in texts]
    values = {f"tied{n}": text for n, text in enumerate(tied)}
    places = f"{settled.seats} {'place' if settled.seats == 1 else 'places'}"
    head = f"The tie at the cut line between {_fields('tied', len(tied))} (for {places}) was settled"
    if settled.how == "all":
        return f"{head} by taking all {len(tied)}.", values
    won = [texts[i] for i in settled.chosen if i in texts]
    values.update({f"won{n}": text for n, text in enumerate(won)})
    if settled.how == "pick":
        return f"{head} by the room's pick: {_fields('won', len(won))}.", values
    score = " to ".join(str(dots) for _, dots in settled.runoff)
    return f"{head} by a runoff: {_fields('won', len(won))} won it {score}.", values


SHOWN_TEXT = 30
"""The most characters of an idea's words in :func:`outcome` (cut with an
ellipsis): the sentence stays a line or two under the lists."""


def outcome(workshop: Workshop, settled: TieSettlement, limit: int | None = SHOWN_TEXT) -> str:
    """What the room decided, as a sentence for the shared screen, which
    keeps it in view while it holds: who goes above the line, and by what
    (the runoff's dots, the whole tie taken, the room's pick). Each idea's
    words are cut to ``limit`` characters as :func:`text.shorten` cuts them."""
    texts = {idea.id: idea.text for idea in workshop.ideas}

    def name(idea_id: int) -> str:
        text = texts.get(idea_id, "an idea")
        return f"\u201c{text if limit is None else shorten(text, limit)}\u201d"

    chosen = set(settled.chosen)
    if settled.how == "runoff":
        won = [f"{name(i)} {dots}" for i, dots in settled.runoff if i in chosen]
        others = [f"{name(i)} {dots}" for i, dots in settled.runoff if i not in chosen]
        head = "Runoff: "
    else:
        won = [name(i) for i in settled.chosen]
        others = [name(i) for i in settled.ideas if i not in chosen]
        head = "Picked by the room: "
    if settled.how == "all":
        places = f"{settled.seats} {'place' if settled.seats == 1 else 'places'}"
        return f"Tie taken whole: {_joined(won)} all go above the line ({len(won)} ideas for {places})."
    goes = "goes" if len(won) == 1 else "go"
    stay = "stays" if len(others) == 1 else "stay"
    return f"{head}{_joined(won)} {goes} above the line; {_joined(others)} {stay} below it."


def _joined(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _fields(name: str, count: int) -> str:
    return _joined([f"\u201c{{{name}{n}}}\u201d" for n in range(count)])


def _names(texts: list[str]) -> str:
    return _joined([f"\u201c{text}\u201d" for text in texts])
