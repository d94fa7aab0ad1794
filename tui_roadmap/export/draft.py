"""The workshop as a Markdown draft roadmap, and the text behind the QR code.

The draft is meant to be pasted into GitHub, GitLab, Notion or Confluence:
plain CommonMark with GitHub-style tables and a task list. Every piece of the
room's text is escaped (:func:`escape`), so that a ``|`` in an idea cannot
break a table and a ``<script>``, a backtick or a leading ``#`` shows as
typed instead of turning into markup.

The roadmap part follows the goal-oriented roadmap: for each quarter (or
horizon), the goals its items serve, the items themselves, and the metrics
that will tell whether the goals were met.
"""

from __future__ import annotations

import re
from datetime import date

from tui_roadmap.export.diagrams import diagrams as mermaid_diagrams
from tui_roadmap.export.qr import ascii_link, ascii_text
from tui_roadmap.workshop import actions
from tui_roadmap.workshop.checklist import next_review, review_cadence
from tui_roadmap.workshop.items import decided_against, details_of, needs_of
from tui_roadmap.workshop.metrics import Move, measured, now_said, way
from tui_roadmap.workshop.model import Goal, Idea, Placement, Workshop
from tui_roadmap.workshop.review import Since, describe_status, since
from tui_roadmap.workshop.roadmap import (
    added_by_room,
    load,
    outside_timeframe,
    parking_lot,
    placed_ideas,
    unplaced_winners,
)
from tui_roadmap.workshop.text import clean
from tui_roadmap.workshop.ties import describe as describe_tie
from tui_roadmap.workshop.vote import (
    budget,
    cast,
    cut,
    dots_each,
    one_ranking,
    settlement,
    tally,
    tie_at_cut,
    totals_hidden,
    voter_count,
)

#: Characters that mean something in CommonMark, GitHub Flavored Markdown
#: (tables ``|``, strikethrough ``~``, math ``$``) or HTML.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$&])")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.I)

#: A web address inside the room's text. GitHub turns bare addresses into
#: links after reading the escapes, so an escaped address would link to a
#: wrong place: addresses are written as links of their own instead.
_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)[^\s<>\"`]+", re.I)
_URL_TRAILING = ".,:;!?'\")]}\u201d\u2019"

#: ``@name`` (a GitHub mention, which notifies that user) and ``:name:`` (an
#: emoji shortcode): a word joiner, which shows as nothing, keeps them text.
_MENTION = re.compile(r"(?<![\w@])@(?=[A-Za-z0-9])")
_SHORTCODE = re.compile(r":(?=[a-z0-9_+\-]+:)")
WORD_JOINER = "\u2060"


def guard_words(text: str) -> str:
    """The room's text with a word joiner after the ``@`` of a mention and
    the ``:`` of an emoji shortcode: it reads the same and stays text."""
    return _SHORTCODE.sub(":" + WORD_JOINER, _MENTION.sub("@" + WORD_JOINER, text))


def _escape_words(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", guard_words(text))


def _link_address(address: str) -> str:
    """A web address from the room's text as a Markdown link showing it."""
    href = address if address.lower().startswith("http") else "http://" + address
    href = "".join(f"%{ord(c):02X}" if c in "|<>()[] " else c for c in href)
    if href == address:
        return f"<{href}>"
    return f"[{_escape_words(address)}]({href})"


def escape(text: str) -> str:
    """The room's text, safe to put anywhere in a line of Markdown: control
    characters removed, one line, every markup character escaped, and web
    addresses written as links."""
    text = clean(text)
    pieces: list[str] = []
    position = 0
    for match in _URL_IN_TEXT.finditer(text):
        address = match.group().rstrip(_URL_TRAILING)
        if address.lower() in ("http://", "https://", "www."):
            continue
        pieces.append(_escape_words(text[position : match.start()]))
        pieces.append(_link_address(address))
        position = match.start() + len(address)
    pieces.append(_escape_words(text[position:]))
    return "".join(pieces)


def link(url: str) -> str:
    """A web address as a link, or as escaped text if it is not one."""
    url = clean(url)
    if _URL.match(url):
        return f"<{url}>"
    return escape(url)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    lines = [_row(header), _row(["---:" if a == "right" else "---" for a in align])]
    lines.extend(_row(row) for row in rows)
    return lines


def _goal_cell(workshop: Workshop, idea: Idea) -> str:
    goal = workshop.goal(idea.goal_id)
    return escape(goal.title) if goal else "(none)"


def markdown(workshop: Workshop, diagrams: bool = True) -> str:
    """The whole draft roadmap as Markdown text; ``diagrams``: with the
    roadmap's Mermaid pictures after its tables (``diagrams.py``)."""
    with one_ranking(workshop):
        return _markdown(workshop, diagrams)


def _markdown(workshop: Workshop, diagrams: bool = True) -> str:
    lines: list[str] = []
    lines += _header(workshop)
    if workshop.earlier is not None:
        lines += since_markdown(since(workshop.earlier, workshop))
    lines += _goals(workshop)
    lines += _roadmap(workshop)
    if diagrams:
        lines += _pictures(workshop)
    lines += _parking_lot(workshop)
    lines += _wont_do(workshop)
    lines += _vote(workshop)
    lines += ["## Refinement checklist", ""]
    lines += [task(line.done, line.check.render(escape), line.owner, line.due) for line in _checklist(workshop)]
    lines += _actions(workshop)
    return "\n".join(lines) + "\n"


def _checklist(workshop: Workshop) -> list[actions.Line]:
    """The checklist's lines, those with a due date first, soonest first;
    the others in the checklist's own order."""
    return actions.by_date(actions.lines(workshop))


def task(done: bool, text: str, owner: str = "", due: date | None = None, *, ours: bool = True) -> str:
    """A line of a task list: ``text`` (Markdown already), then who does it
    (bold) and by when: ``- [ ] Scope … — **Lena**, due 2027-07-15``. The
    full stop of a sentence of the checklist (``ours``) gives way to the
    owner; the room's own words are kept as typed (``etc.``, ``...``)."""
    said = ([f"**{escape(owner)}**"] if owner else []) + ([f"due {due.isoformat()}"] if due else [])
    if said:
        if ours and text.endswith(".") and not text.endswith(".."):
            text = text[:-1]
        text += " \u2014 " + ", ".join(said)
    return f"- [{'x' if done else ' '}] {text}"


def _actions(workshop: Workshop) -> list[str]:
    """The room's own actions and those still open from the last review,
    soonest first (the undated last)."""
    own = actions.own_actions(workshop)
    carried = [item for item in actions.carried_actions(workshop) if not item.done]
    if not own and not carried:
        return []
    lines = ["", "## Actions", "", "Agreed by the room besides the checklist, soonest first.", ""]
    for item in actions.by_date([*own, *carried]):
        lines.append(
            task(item.done, escape(item.text), item.owner, item.due, ours=bool(item.key))
            + (" (from the last review)" if item.key else "")
        )
    return lines


def _header(workshop: Workshop) -> list[str]:
    lines = [f"# {escape(workshop.name)}: draft roadmap", ""]
    facts = []
    if workshop.product:
        facts.append(("Product", escape(workshop.product)))
    day = workshop.created.date().isoformat()
    if workshop.updated.date() != workshop.created.date():
        day += f" (last changed {workshop.updated.date().isoformat()})"
    facts.append(("Date", day))
    facts.append(
        (
            "Timeframe",
            f"{escape(workshop.timeframe.label())}, reviewed {review_cadence(workshop)}; "
            f"next review {next_review(workshop).isoformat()}",
        )
    )
    if workshop.participants:
        people = [escape(p.name) + (f": {escape(p.role)}" if p.role else "") for p in workshop.participants]
        facts.append(("Participants", "; ".join(people) + _who_voted(workshop)))
    if workshop.doc_link:
        facts.append(("Doc", link(workshop.doc_link)))
    lines += [f"- **{key}:** {value}" for key, value in facts]
    lines.append("")
    if workshop.mission:
        lines += [f"> **Mission:** {escape(workshop.mission)}", ""]
    lines += [
        "_A first draft from the roadmap workshop: refine it in follow-up scoping with the checklist at the end._",
        "",
    ]
    return lines


def since_markdown(moved: Since) -> list[str]:
    """The "Since the last review" section: what became of each item of the
    last roadmap (with the room's note), items moved between quarters,
    priorities and efforts changed, new items and where they came from, and
    the goals added, removed, re-worded or measured differently."""
    lines = [
        f"## Since the last review ({moved.held.isoformat()})",
        "",
        f"Compared with \u201c{escape(moved.earlier)}\u201d, held {moved.held.isoformat()}.",
        "",
    ]
    if moved.nothing and not moved.outcomes and not moved.actions:
        return lines + ["Nothing changed.", ""]

    def item(text: str) -> str:
        return f"\u201c{escape(text)}\u201d"

    groups = (
        ("Done", [o for o in moved.outcomes if o.status == "done"]),
        ("Dropped", [o for o in moved.outcomes if o.status == "dropped"]),
        ("Still open", [o for o in moved.outcomes if o.status not in ("done", "dropped", "gone")]),
        ("Done or dropped in a review in between", [o for o in moved.outcomes if o.status == "gone"]),
    )
    for title, outcomes in groups:
        if not outcomes:
            continue
        lines += [f"### {title}", ""]
        for outcome in outcomes:
            said = [describe_status(outcome.status)] if title == "Still open" else []
            said += [escape(outcome.note)] if outcome.note else []
            lines.append(
                f"- {item(outcome.text)} ({escape(outcome.column)})" + (f": {'; '.join(said)}" if said else "")
            )
        lines.append("")
    lines += _actions_since(moved)
    if moved.moved or moved.resized:
        lines += ["### Moved and resized", ""]
        lines += [f"- {item(c.text)}: {escape(c.before)} \u2192 {escape(c.after)}" for c in moved.moved]
        lines += [f"- {item(c.text)}: {c.what} {escape(c.before)} \u2192 {escape(c.after)}" for c in moved.resized]
        lines.append("")
    if moved.new_items:
        lines += ["### New on the roadmap", ""]
        lines += [f"- {item(n.text)} ({escape(n.column)}): {escape(n.source)}" for n in moved.new_items]
        lines.append("")
    if moved.goals_added or moved.goals_removed or moved.reworded or moved.metrics or moved.numbers:
        lines += ["### Goals", ""]
        lines += [
            f"- Added: {item(g.title)}" + (f", measured by {item(g.metric)}" if g.metric else "")
            for g in moved.goals_added
        ]
        lines += [f"- Removed: {item(g.title)}" for g in moved.goals_removed]
        lines += [f"- Re-worded: {item(c.before)} \u2192 {item(c.after)}" for c in moved.reworded]
        lines += [
            f"- Metric of {item(c.text)}: {item(c.before) if c.before else 'none'} \u2192 {item(c.after) if c.after else 'none'}"
            for c in moved.metrics
        ]
        lines += [
            f"- {c.what.capitalize()} of {item(c.text)}: {escape(c.before) or 'none'} \u2192 {escape(c.after) or 'none'}"
            for c in moved.numbers
        ]
        lines.append("")
    if moved.readings:
        lines += ["### Metrics", ""]
        lines += [f"- {item(move.goal)}: {_move(move)}" for move in moved.readings]
        lines.append("")
    return lines


def _move(move: Move) -> str:
    """How a metric moved: ``18% \u2192 21% (baseline 18%, target 30%: 25% of the way), measured 2026-11-18``."""
    if move.measured is None:  # measured last time only
        when = f", measured {move.last.isoformat()}" if move.last else ""
        return f"not measured this time (last: {escape(move.before)}{when})"
    last = f"last measured {move.last.isoformat()}" if move.last else ""
    said = ", ".join(
        [f"baseline {escape(move.baseline)}"] * bool(move.baseline)
        + [f"target {escape(move.target)}"] * bool(move.target)
    )
    if said and move.progress is not None:
        said += f": {way(move.progress)}"
    text = (f"{escape(move.before)} \u2192 " if move.before else "") + escape(move.now)
    text += (f" ({said})" if said else "") + f", measured {move.measured.isoformat()}"
    return text + (f"; {last}" if last else "")


def _actions_since(moved: Since) -> list[str]:
    """How many of the last review's open actions are done, and each of
    them: the late ones (not done, and due before this session) said so."""
    if not moved.actions:
        return []
    done = sum(1 for outcome in moved.actions if outcome.done)
    late = sum(1 for outcome in moved.actions if outcome.late)
    count = f"Actions from the last review: {done} of {len(moved.actions)} done" + (f"; {late} late" if late else "")
    lines = ["### Actions", "", count + ".", ""]
    for outcome in actions.by_date(moved.actions):
        said = ["late"] if outcome.late else []
        if outcome.gone:
            said.append("done in a review in between")
        elif outcome.now_due != outcome.due:
            said.append(f"now due {outcome.now_due.isoformat()}" if outcome.now_due else "no date now")
        line = task(outcome.done, escape(outcome.text), outcome.owner, outcome.due)
        lines.append(line + (f": {', '.join(said)}" if said else ""))
    return lines + [""]


def _goals(workshop: Workshop) -> list[str]:
    lines = ["## Goals", ""]
    if not workshop.goals:
        return lines + ["No goals were set.", ""]
    served: dict[int | None, int] = {}
    for _, idea in placed_ideas(workshop):
        served[idea.goal_id] = served.get(idea.goal_id, 0) + 1
    numbers = any(goal.baseline or goal.target for goal in workshop.goals)
    now = measured(workshop)
    rows = [
        [
            str(number),
            escape(goal.title),
            escape(goal.metric) if goal.metric else "_to be defined_",
            *([escape(goal.baseline), escape(goal.target)] if numbers else []),
            *([now_said(workshop, goal, escape)] if now else []),
            str(served.get(goal.id, 0)),
        ]
        for number, goal in enumerate(workshop.goals, 1)
    ]
    header = ["#", "Goal", "Success metric", *(["Baseline", "Target"] if numbers else []), *(["Now"] if now else [])]
    lines += _table([*header, "Roadmap items"], ["right", *["left"] * (len(header) - 1), "right"], rows)
    return lines + [""]


HIDDEN = "The vote is on secret ballots and still open: this shows once the vote is closed."
"""What the draft says instead of anything that would show the totals."""


def _detail_columns(workshop: Workshop) -> list[str]:
    """The columns the item tables get for what the room said of its items:
    Confidence, Needs and Risk, each only if an item on the roadmap has
    one (so that every table of the draft has the same columns)."""
    said = [details_of(workshop, idea.id) for _, idea in placed_ideas(workshop)]
    return [
        name
        for name, used in (
            ("Confidence", any(d.confidence for d in said)),
            ("Needs", any(d.needs for d in said)),
            ("Risk", any(d.risk for d in said)),
        )
        if used
    ]


def _needs_cell(workshop: Workshop, idea: Idea) -> str:
    """What an item needs, each with where it is: ``Virtual try-on (2027-Q2)``."""
    cells = []
    for need in needs_of(workshop, idea.id):
        where = escape(need.column) if need.column else ("done" if need.done else "not on the roadmap")
        cells.append(f"{escape(need.idea.text)} ({where})")
    return "; ".join(cells)


def _detail_cells(workshop: Workshop, idea: Idea, columns: list[str]) -> list[str]:
    details = details_of(workshop, idea.id)
    cells = {
        "Confidence": details.confidence or "",
        "Needs": _needs_cell(workshop, idea) if "Needs" in columns else "",
        "Risk": escape(details.risk),
    }
    return [cells[name] for name in columns]


def _item_rows(workshop: Workshop, pairs: list[tuple[Placement, Idea]], dots: dict[int, int]) -> list[str]:
    added = added_by_room(workshop)
    hidden = totals_hidden(workshop)
    extra = _detail_columns(workshop)
    rows = [
        [
            str(position),
            escape(idea.text),
            _goal_cell(workshop, idea),
            placement.priority or "?",
            placement.effort or "?",
            *_detail_cells(workshop, idea, extra),
            _dots_cell(workshop, idea.id, hidden, dots, added),
        ]
        for position, (placement, idea) in enumerate(pairs, 1)
    ]
    return _table(
        ["#", "Item", "Goal", "Priority", "Effort", *extra, "Dots"],
        ["right", "left", "left", "left", "left", *["left"] * len(extra), "right"],
        rows,
    )


def _dots_cell(workshop: Workshop, idea_id: int, hidden: bool, dots: dict[int, int], added: set[int]) -> str:
    carried = workshop.carried.get(idea_id)
    if carried is not None:
        return "carried over" + (f", {describe_status(carried.status)}" if carried.status else "")
    return ("hidden" if hidden else str(dots.get(idea_id, 0))) + (" (added by the room)" if idea_id in added else "")


def _roadmap(workshop: Workshop) -> list[str]:
    unit = workshop.timeframe.unit
    lines = [
        "## Roadmap",
        "",
        f"By {unit}: the goals each {unit} serves, its items in order, and how success is measured.",
        "",
    ]
    dots = tally(workshop)
    placed = placed_ideas(workshop)
    for column in workshop.timeframe.columns:
        pairs = [(p, idea) for p, idea in placed if p.column == column]
        lines += [f"### {column}", ""]
        if not pairs:
            lines += ["No items yet.", ""]
            continue
        goals: list[Goal] = []
        for _, idea in pairs:
            goal = workshop.goal(idea.goal_id)
            if goal and goal not in goals:
                goals.append(goal)
        # The goals, metrics and capacity as a list, one a line: trailing
        # spaces (a hard break) are lost to an editor that trims them.
        facts: list[str] = []
        if goals:
            facts.append("- **Goals:** " + "; ".join(escape(g.title) for g in goals))
            metrics = [escape(g.metric) for g in goals if g.metric]
            facts.append("- **Metrics:** " + ("; ".join(metrics) if metrics else "_to be defined_"))
        column_load = load(workshop, column)
        if column_load.capacity is not None:
            flag = ""
            if column_load.over:
                flag = " (over capacity)"
            elif column_load.musts_heavy:
                flag = f" (Musts take {column_load.must_points})"
            facts.append(f"- **Capacity:** {column_load.points} of {column_load.capacity} effort points{flag}")
        if facts:
            lines += [*facts, ""]
        lines += _item_rows(workshop, pairs, dots)
        lines.append("")
        lines += _scopes(workshop, pairs)
    outside = {p.idea_id for p in outside_timeframe(workshop)}
    if outside:
        pairs = [(p, idea) for p, idea in placed if p.idea_id in outside]
        lines += ["### Outside the timeframe", "", "Placed in columns the timeframe no longer has.", ""]
        lines += _item_rows(workshop, pairs, dots) + [""]
        lines += _scopes(workshop, pairs)
    if totals_hidden(workshop):
        return lines + ["### Chosen, not yet placed", "", HIDDEN, ""]
    waiting = unplaced_winners(workshop)
    if waiting:
        added = added_by_room(workshop)
        lines += ["### Chosen, not yet placed", "", "Winners of the vote that have no " + unit + " yet.", ""]
        rows = [
            [
                escape(r.idea.text),
                _goal_cell(workshop, r.idea),
                str(r.dots) + (" (added by the room)" if r.idea.id in added else ""),
            ]
            for r in waiting
        ]
        lines += _table(["Item", "Goal", "Dots"], ["left", "left", "right"], rows) + [""]
    tie = [r for r in tie_at_cut(workshop) if workshop.placement(r.idea.id) is None]
    if tie:
        lines += ["### Tied at the cut line", "", "Waiting for the room to settle the tie before they are placed.", ""]
        rows = [[escape(r.idea.text), _goal_cell(workshop, r.idea), str(r.dots)] for r in tie]
        lines += _table(["Item", "Goal", "Dots"], ["left", "left", "right"], rows) + [""]
    return lines


def _pictures(workshop: Workshop) -> list[str]:
    """The roadmap as a timeline, and the items' dots against their effort
    (Mermaid), with a line saying how to read them."""
    drawn = mermaid_diagrams(workshop)
    if not drawn:
        return []
    chart = drawn.count("```mermaid") > 1
    said = "The roadmap as a timeline" + (
        ", then each item's dots against its effort points (S 1, M 2, L 3, XL 5)" if chart else ""
    )
    return ["### At a glance", "", said + ", as Mermaid diagrams.", "", *drawn]


def _scopes(workshop: Workshop, pairs: list[tuple[Placement, Idea]]) -> list[str]:
    """The column's items as they are scoped: owner, epics (with their
    acceptance notes) and stories, as nested task lists. Each level is
    indented 4 spaces: CommonMark nests 2 or 4 alike (the same HTML), and
    Python-Markdown (MkDocs) and Notion nest only 4."""
    lines: list[str] = []
    for _, idea in pairs:
        scope = workshop.scopes.get(idea.id)
        if scope is None or (not scope.owner and not scope.epics):
            continue
        owner = f" (owner: {escape(scope.owner)})" if scope.owner else " (no owner yet)"
        lines.append(f"- **{escape(idea.text)}**{owner}")
        for epic in scope.epics:
            lines.append(f"    - [ ] Epic: {escape(epic.title)}")
            if epic.notes:
                lines.append(f"        - Acceptance: {escape(epic.notes)}")
            lines += [f"        - [ ] {escape(story)}" for story in epic.stories]
    return [*lines, ""] if lines else []


def _parking_lot(workshop: Workshop) -> list[str]:
    lines = ["## Parking lot", ""]
    if totals_hidden(workshop):
        return lines + [HIDDEN, ""]
    rest = parking_lot(workshop)
    if not rest and decided_against(workshop):
        return lines + ["Every idea not on the roadmap was decided against (below).", ""]
    if not rest:
        return lines + ["Every idea made it onto the roadmap.", ""]
    lines += ["Ideas not chosen this time, most dots first: keep them in the backlog for the next review.", ""]
    rows = [
        [
            escape(idea.text),
            _goal_cell(workshop, idea),
            escape(idea.proposer) if idea.proposer else "",
            str(dots) + (f" ({workshop.last_dots[idea.id]} last time)" if idea.id in workshop.last_dots else ""),
        ]
        for idea, dots in rest
    ]
    lines += _table(["Idea", "Goal", "Proposed by", "Dots"], ["left", "left", "left", "right"], rows)
    return lines + [""]


def _wont_do(workshop: Workshop) -> list[str]:
    """What the room decided against, with why; in a review, also what the
    sessions before it decided against, kept on record. Nothing at all if
    there is neither."""
    before = workshop.earlier.wont if workshop.earlier is not None else ()
    hidden = totals_hidden(workshop) and bool(workshop.wont_do)
    own = decided_against(workshop)
    if not own and not before and not hidden:
        return []
    lines = ["## Won't do this time", ""]
    if hidden:
        lines += [HIDDEN, ""]
    elif own:
        lines += ["Ideas the room decided against, with why: not for the backlog, and not back at the next review.", ""]
        lines += [_decided(idea.text, idea.proposer, reason) for idea, reason in own] + [""]
    else:
        lines += ["Nothing was decided against in this session.", ""]
    if before:
        lines += ["Decided against before, kept on record:", ""]
        lines += [_decided(w.text, w.proposer, w.reason, w.held.isoformat()) for w in before] + [""]
    return lines


def _decided(text: str, proposer: str, reason: str, held: str = "") -> str:
    """One idea decided against: ``- “Dark mode” (Marcus): not a growth lever``."""
    who = f" ({escape(proposer)})" if proposer else ""
    when = f", {held}" if held else ""
    return f"- \u201c{escape(text)}\u201d{who}{when}: {escape(reason) or 'no reason given'}"


def _who_voted(workshop: Workshop) -> str:
    """What the Participants line adds when not every participant voted, as
    far as the session knows it: whose secret ballots are in (by name), or,
    for dots counted in the room (anonymous), how many the room said vote."""
    vote = workshop.vote
    if vote.secret:
        names = {p.id: p.name for p in workshop.participants}
        handed = [escape(names[pid]) for pid in vote.done if pid in names]
        if len(handed) == len(workshop.participants):
            return ""
        return f" (ballots in from {len(handed)}: {', '.join(handed)})" if handed else " (no ballot in yet)"
    if vote.voters is None or vote.voters == len(workshop.participants):
        return ""
    # They voted once the vote is closed, or every dot is cast; until then they are still to.
    voted = "voted" if vote.closed or 0 < budget(workshop) <= cast(workshop) else "to vote"
    return f" ({vote.voters} {voted})"


def _ideas_in_vote(workshop: Workshop) -> str:
    count = len(workshop.ideas) - len(workshop.carried)
    carried = (
        f" ({len(workshop.carried)} more carried over from the last review, without a vote)" if workshop.carried else ""
    )
    return f"{count} {'idea' if count == 1 else 'ideas'}{carried}"


def _vote(workshop: Workshop) -> list[str]:
    voters = voter_count(workshop)
    winners = cut(workshop)
    line = (
        f"{_ideas_in_vote(workshop)}; {voters} {'voter' if voters == 1 else 'voters'} with "
        f"{dots_each(workshop)} dots each: {cast(workshop)} of {budget(workshop)} dots cast."
    )
    if not totals_hidden(workshop):
        line += f" The cut line was drawn after {winners} {'winner' if winners == 1 else 'winners'}."
    if workshop.vote.secret:
        done = len(workshop.vote.done)
        line += f" The dots were cast on secret ballots ({done} of {len(workshop.participants)} voters), " + (
            "and the totals shown once the vote was closed."
            if workshop.vote.closed
            else "and the vote is not closed yet."
        )
    tie = tie_at_cut(workshop)
    if tie:
        line += f" {len(tie)} ideas are tied at the cut line with {tie[0].dots} dots each."
    lines = ["## Vote", "", line, ""]
    settled = None if totals_hidden(workshop) else settlement(workshop)
    if settled is not None:
        template, values = describe_tie(workshop, settled)
        lines += [template.format(**{key: escape(value) for key, value in values.items()}), ""]
    added = [workshop.idea(i).text for i in added_by_room(workshop)]
    if added:
        lines += [
            "Added by the room, not by the vote: " + "; ".join(f"\u201c{escape(text)}\u201d" for text in added) + ".",
            "",
        ]
    merges = [(m, into) for m in workshop.merges if (into := workshop.merged_into(m)) is not None]
    if merges:
        lines += ["Merged before the vote, as near-duplicates:", ""]
        for merge, into in merges:
            was = _numbered(merge.number, merge.text, merge.proposer)
            lines.append(
                f"- {was[:1].upper()}{was[1:]}{',' if merge.number else ''} into "
                f"{_numbered(into.number, into.text, into.proposer)}"
            )
        lines.append("")
    return lines


def _numbered(number: int, text: str, proposer: str) -> str:
    """An idea as the room knew it: its number (if known), its words, who proposed it."""
    who = f" ({escape(proposer)})" if proposer else ""
    return f"{f'idea {number}, ' if number else ''}\u201c{escape(text)}\u201d{who}"


SUMMARY_BYTES = 600
"""The longest summary put in a QR code, in UTF-8 bytes (a code of about
version 20, which a phone still reads off a screen)."""


def summary_text(workshop: Workshop, item_length: int = 28, limit: int = SUMMARY_BYTES) -> str:
    """A compact plain-text summary of the roadmap, short enough for a QR
    code: the session's name, then each column with its items; items that
    do not fit are counted at the end."""
    head = f"{_shorten(workshop.name, 60)}: draft roadmap"
    placed = placed_ideas(workshop)
    lines = [head]
    used = len(head.encode("utf-8"))
    left_out = 0
    for column in workshop.timeframe.columns:
        items = [_shorten(idea.text, item_length) for p, idea in placed if p.column == column]
        if not items:
            continue
        line = f"{column}: "
        for index, item in enumerate(items):
            piece = ("; " if index else "") + item
            if used + len(line.encode("utf-8")) + len(piece.encode("utf-8")) + 40 > limit:
                left_out += len(items) - index
                break
            line += piece
        if not line.endswith(": "):
            lines.append(line)
            used += len(line.encode("utf-8")) + 1
    if left_out:
        lines.append(f"... and {left_out} more: see the full draft.")
    if len(lines) == 1:
        lines.append("No items placed yet.")
    return "\n".join(lines)


def qr_payload(workshop: Workshop) -> str:
    """What the QR code holds: the doc link if there is one, else the
    summary, in ASCII where it can be (:func:`ascii_link`, :func:`ascii_text`)."""
    address = clean(workshop.doc_link)
    return ascii_link(address) if address else ascii_text(summary_text(workshop))


def _shorten(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    cut_at = text.rfind(" ", 0, length)
    return text[: cut_at if cut_at > length // 2 else length].rstrip(" ,:;") + "..."
