"""The workshop as a one-page HTML roadmap, for the people who were not in
the room: the header, the goals and their metrics, the board as columns of
cards, the value/effort chart, the parking lot and the checklist.

The page is one self-contained file: its style is inline, the chart is an
inline SVG drawn here, and it has no script, font, image or stylesheet from
elsewhere, so it works offline and as an e-mail attachment. Its print style
fits A4 and US Letter. Every piece of the room's text goes through
:func:`text` (``html.escape``, control characters removed), so a ``<script>``
in an idea shows as typed.
"""

from __future__ import annotations

import html

from tui_roadmap.workshop import actions
from tui_roadmap.workshop.metrics import now_said
from tui_roadmap.workshop.model import EFFORT_POINTS, Goal, Idea, Placement, Workshop
from tui_roadmap.workshop.roadmap import load, outside_timeframe, parking_lot, placed_ideas, unplaced_winners
from tui_roadmap.workshop.text import clean
from tui_roadmap.workshop.vote import one_ranking, tally, tie_at_cut, totals_hidden

#: The goals' colours, in goal order (then again): each is dark enough for
#: white text on it (contrast 4.5:1 or more), and its name is always written
#: beside it, so no one needs to tell the colours apart.
GOAL_COLOURS: tuple[str, ...] = ("#1f5fa8", "#a3361f", "#2e7031", "#6b3fa0", "#8a5a00", "#0e6b6b", "#a0306b")
NO_GOAL_COLOUR = "#595959"

HIDDEN = "The vote is on secret ballots and still open: this shows once the vote is closed."

_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1a1a1a; background: #fff; margin: 0 auto; padding: 1.2rem; max-width: 72rem; line-height: 1.35; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1rem; margin: 0 0 .3rem; }
.facts { margin: 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
.facts div { display: flex; gap: .3rem; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
.mission { margin: .4rem 0 0; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.goal { display: inline-block; color: #fff; border-radius: .25rem; padding: 0 .35rem; font-size: .8rem; }
.board { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .6rem; }
.column { border: 1px solid #999; border-radius: .35rem; padding: .4rem; background: #f7f7f7; }
.load { font-size: .8rem; margin: 0 0 .3rem; }
.flag { font-weight: 700; color: #a3000b; }
.cards { list-style: none; margin: 0; padding: 0; }
.card { background: #fff; border: 1px solid #999; border-left-width: .4rem; border-radius: .25rem;
  padding: .3rem .4rem; margin: 0 0 .35rem; break-inside: avoid; }
.card p { margin: 0 0 .2rem; }
.sizes { font-size: .8rem; }
.tied { font-weight: 700; color: #7a4b00; }
.chart svg { width: 100%; max-width: 40rem; height: auto; display: block; }
.chart ol { font-size: .85rem; columns: 2; margin: .3rem 0 0; }
.checklist { list-style: none; padding: 0; font-size: .9rem; }
.checklist li { margin: 0 0 .15rem; }
.who { font-weight: 700; }
.hide { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.empty { color: #4d4d4d; font-style: italic; }
@page { size: auto; margin: 12mm; }
@media print {
  html { font-size: 8pt; }
  body { padding: 0; max-width: none; }
  h2 { break-after: avoid; margin-top: .8rem; }
  .board { grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); }
  .card, .chart svg, tr { break-inside: avoid; }
  .chart svg { max-width: 30rem; }
  .goal, th, .column { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def text(value: str) -> str:
    """The room's text, safe anywhere in HTML: control characters removed,
    one line, ``& < > " '`` escaped."""
    return html.escape(clean(value), quote=True)


def goal_colour(workshop: Workshop, goal: Goal | None) -> str:
    """The colour of a goal's tag, by its place among the goals."""
    number = workshop.goal_number(goal.id) if goal is not None else None
    if number is None:
        return NO_GOAL_COLOUR
    return GOAL_COLOURS[(number - 1) % len(GOAL_COLOURS)]


def _goal_tag(workshop: Workshop, idea: Idea) -> str:
    goal = workshop.goal(idea.goal_id)
    name = text(goal.title) if goal else "no goal"
    return f'<span class="goal" style="background:{goal_colour(workshop, goal)}">{name}</span>'


def page(workshop: Workshop) -> str:
    """The whole page, as HTML text."""
    with one_ranking(workshop):
        parts = [
            _header(workshop),
            _goals(workshop),
            _board(workshop),
            _chart(workshop),
            _parking(workshop),
            _checklist(workshop),
        ]
    title = f"{text(workshop.name)}: roadmap"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def _header(workshop: Workshop) -> str:
    facts = []
    if workshop.product:
        facts.append(("Product", text(workshop.product)))
    facts.append(("Timeframe", text(workshop.timeframe.label())))
    facts.append(("Held", workshop.created.date().isoformat()))
    listed = "".join(f"<div><dt>{key}</dt><dd>{value}</dd></div>" for key, value in facts)
    mission = f'<p class="mission"><strong>Mission:</strong> {text(workshop.mission)}</p>' if workshop.mission else ""
    return f'<header>\n<h1>{text(workshop.name)}</h1>\n<dl class="facts">{listed}</dl>\n{mission}\n</header>'


def _goals(workshop: Workshop) -> str:
    if not workshop.goals:
        return '<section aria-labelledby="goals">\n<h2 id="goals">Goals</h2>\n<p class="empty">No goals were set.</p>\n</section>'
    nows = {goal.id: now_said(workshop, goal, text) for goal in workshop.goals}
    shown = [
        (name, cells)
        for name, cells in (
            ("Baseline", {g.id: text(g.baseline) for g in workshop.goals}),
            ("Target", {g.id: text(g.target) for g in workshop.goals}),
            ("Now", nows),
        )
        if any(cells.values())
    ]
    rows = []
    for number, goal in enumerate(workshop.goals, 1):
        tag = f'<span class="goal" style="background:{goal_colour(workshop, goal)}">{number}</span>'
        rows.append(
            f"<tr><td>{tag} {text(goal.title)}</td>"
            f"<td>{text(goal.metric) if goal.metric else '<em>to be defined</em>'}</td>"
            + "".join(f"<td>{cells[goal.id]}</td>" for _, cells in shown)
            + "</tr>"
        )
    header = "".join(f'<th scope="col">{name}</th>' for name in ("Goal", "Success metric", *(n for n, _ in shown)))
    return (
        '<section aria-labelledby="goals">\n<h2 id="goals">Goals</h2>\n<table>\n'
        f"<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</section>"
    )


def _card(workshop: Workshop, placement: Placement | None, idea: Idea, tied: set[int]) -> str:
    priority = placement.priority if placement else None
    effort = placement.effort if placement else None
    if placement is None:
        priority, effort = workshop.sizing.get(idea.id, (None, None))
    tie = '<span class="tied">TIED</span> · ' if idea.id in tied else ""
    colour = goal_colour(workshop, workshop.goal(idea.goal_id))
    return (
        f'<li class="card" style="border-left-color:{colour}"><p>{text(idea.text)}</p>'
        f'<p class="sizes">{tie}Priority <strong>{text(priority or "?")}</strong> · '
        f"Effort <strong>{text(effort or '?')}</strong></p>"
        f"<p>{_goal_tag(workshop, idea)}</p></li>"
    )


def _column(title: str, note: str, cards: list[str]) -> str:
    body = f'<ul class="cards">{"".join(cards)}</ul>' if cards else '<p class="empty">No items yet.</p>'
    return f'<section class="column">\n<h3>{title}</h3>\n<p class="load">{note}</p>\n{body}\n</section>'


def _board(workshop: Workshop) -> str:
    hidden = totals_hidden(workshop)
    tied = set() if hidden else {r.idea.id for r in tie_at_cut(workshop)}
    columns = []
    for name in workshop.timeframe.columns:
        placements = workshop.column_items(name)
        column_load = load(workshop, name)
        note = f"{len(placements)} {'item' if len(placements) == 1 else 'items'} · {column_load.points}"
        if column_load.capacity is not None:
            note += f" of {column_load.capacity}"
        note += " effort points"
        if column_load.over:
            note += ' <span class="flag">OVER capacity</span>'
        elif column_load.musts_heavy:
            note += f' <span class="flag">MUSTS take {column_load.must_points}</span>'
        cards = [_card(workshop, p, workshop.idea(p.idea_id), tied) for p in placements]
        columns.append(_column(text(name), note, cards))
    outside = outside_timeframe(workshop)
    if outside:
        cards = [_card(workshop, p, workshop.idea(p.idea_id), tied) for p in outside]
        columns.append(_column("Outside the timeframe", "Placed in columns the timeframe no longer has.", cards))
    if not hidden:
        waiting = [r.idea for r in unplaced_winners(workshop)]
        waiting += [
            r.idea for r in tie_at_cut(workshop) if workshop.placement(r.idea.id) is None and r.idea not in waiting
        ]
        if waiting:
            note = "Chosen by the vote, no column yet."
            if any(idea.id in tied for idea in waiting):
                note += ' <span class="tied">TIED at the cut line</span>: the room settles it on the Vote step.'
            columns.append(_column("To place", note, [_card(workshop, None, idea, tied) for idea in waiting]))
    return (
        '<section aria-labelledby="board">\n<h2 id="board">Roadmap</h2>\n<div class="board">\n'
        + "\n".join(columns)
        + "\n</div>\n</section>"
    )


#: The chart's size, in SVG units, and its margins.
_W, _H, _LEFT, _BOTTOM, _TOP, _RIGHT = 640, 360, 56, 44, 16, 16
_EFFORTS = tuple(EFFORT_POINTS.items())


def _chart(workshop: Workshop) -> str:
    """Value (the dots) against effort (its points), as an inline SVG: the
    quadrants Quick wins, Big bets, Fill-ins and Money pits, each item a
    numbered dot, with the numbers listed under the chart."""
    head = '<section class="chart" aria-labelledby="chart">\n<h2 id="chart">Value and effort</h2>\n'
    if totals_hidden(workshop):
        return head + f'<p class="empty">{HIDDEN}</p>\n</section>'
    dots = tally(workshop)
    voted = [(p, idea) for p, idea in placed_ideas(workshop) if idea.id not in workshop.carried]
    points = [(p, idea) for p, idea in voted if p.effort in EFFORT_POINTS]
    carried = len(placed_ideas(workshop)) - len(voted)
    kept_out = (
        f'<p class="empty">{carried} {"item" if carried == 1 else "items"} carried over from the last review, '
        "not voted on again: not in the chart.</p>"
        if carried
        else ""
    )
    if not points:
        return head + '<p class="empty">No roadmap item voted on has an effort yet.</p>\n' + kept_out + "</section>"
    top = max([dots.get(idea.id, 0) for _, idea in points] + [1])
    inner_w, inner_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    most = max(EFFORT_POINTS.values())

    def x(effort_points: float) -> float:
        return _LEFT + inner_w * effort_points / (most + 1)

    def y(value: float) -> float:
        return _TOP + inner_h * (1 - value / (top * 1.1))

    mid_x, mid_y = x(2.5), y(top / 2)
    shapes = [
        f'<rect x="{_LEFT}" y="{_TOP}" width="{inner_w}" height="{inner_h}" fill="#fafafa" stroke="#595959"/>',
        f'<line x1="{mid_x}" y1="{_TOP}" x2="{mid_x}" y2="{_TOP + inner_h}" stroke="#999" stroke-dasharray="4 3"/>',
        f'<line x1="{_LEFT}" y1="{mid_y}" x2="{_LEFT + inner_w}" y2="{mid_y}" stroke="#999" stroke-dasharray="4 3"/>',
    ]
    for label, qx, qy, anchor in (
        ("Quick wins", _LEFT + 8, _TOP + 18, "start"),
        ("Big bets", _LEFT + inner_w - 8, _TOP + 18, "end"),
        ("Fill-ins", _LEFT + 8, _TOP + inner_h - 8, "start"),
        ("Money pits", _LEFT + inner_w - 8, _TOP + inner_h - 8, "end"),
    ):
        shapes.append(f'<text x="{qx}" y="{qy}" text-anchor="{anchor}" font-size="13" fill="#4d4d4d">{label}</text>')
    for size, value in _EFFORTS:
        shapes.append(
            f'<text x="{x(value):.1f}" y="{_TOP + inner_h + 16}" text-anchor="middle" font-size="12">{size}</text>'
        )
    for value in sorted({0, top // 2, top}):
        shapes.append(f'<text x="{_LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="12">{value}</text>')
    shapes.append(
        f'<text x="{_LEFT + inner_w / 2}" y="{_H - 6}" text-anchor="middle" font-size="12">Effort (points)</text>'
    )
    shapes.append(
        f'<text x="14" y="{_TOP + inner_h / 2}" text-anchor="middle" font-size="12" '
        f'transform="rotate(-90 14 {_TOP + inner_h / 2})">Value (dots)</text>'
    )
    legend = []
    spread: dict[tuple[int, int], int] = {}
    for number, (placement, idea) in enumerate(points, 1):
        value = dots.get(idea.id, 0)
        effort_points = EFFORT_POINTS[placement.effort or ""]
        seen = spread.get((effort_points, value), 0)
        spread[(effort_points, value)] = seen + 1
        cx, cy = x(effort_points) + 14 * seen, y(value)
        colour = goal_colour(workshop, workshop.goal(idea.goal_id))
        shapes.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="{colour}"/>')
        shapes.append(
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-size="10" fill="#fff">{number}</text>'
        )
        legend.append(
            f"<li>{text(idea.text)}: {value} {'dot' if value == 1 else 'dots'}, effort {placement.effort}</li>"
        )
    left = len(voted) - len(points)
    missing = (
        f'<p class="empty">{left} placed {"item has" if left == 1 else "items have"} no effort yet.</p>' if left else ""
    )
    svg = (
        f'<svg viewBox="0 0 {_W} {_H}" role="img" aria-labelledby="chart-title chart-desc" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Value against effort</title>'
        f'<desc id="chart-desc">Each roadmap item as a numbered dot: its dots from the vote up, its effort '
        f"across; the items are listed by number under the chart.</desc>" + "".join(shapes) + "</svg>"
    )
    return head + svg + "\n<ol>" + "".join(legend) + "</ol>\n" + missing + kept_out + "</section>"


def _parking(workshop: Workshop) -> str:
    head = '<section aria-labelledby="parking">\n<h2 id="parking">Parking lot</h2>\n'
    if totals_hidden(workshop):
        return head + f'<p class="empty">{HIDDEN}</p>\n</section>'
    rest = parking_lot(workshop)
    if not rest:
        return head + '<p class="empty">No idea is waiting.</p>\n</section>'
    items = [
        f"<li>{text(idea.text)} {_goal_tag(workshop, idea)} · {dots} {'dot' if dots == 1 else 'dots'}"
        + (f" · proposed by {text(idea.proposer)}" if idea.proposer else "")
        + "</li>"
        for idea, dots in rest
    ]
    return head + "<ul>" + "".join(items) + "</ul>\n</section>"


def _checklist(workshop: Workshop) -> str:
    items = []
    for line in actions.by_date(actions.lines(workshop)):
        box = "☑" if line.done else "☐"
        said = ([f'<span class="who">{text(line.owner)}</span>'] if line.owner else []) + (
            [f"due {line.due.isoformat()}"] if line.due else []
        )
        state = "done" if line.done else "to do"
        items.append(
            f'<li><span aria-hidden="true">{box}</span><span class="hide">{state}:</span> {line.check.render(text)}'
            + (f" — {', '.join(said)}" if said else "")
            + "</li>"
        )
    for item in actions.by_date(actions.own_actions(workshop)):
        said = ([f'<span class="who">{text(item.owner)}</span>'] if item.owner else []) + (
            [f"due {item.due.isoformat()}"] if item.due else []
        )
        state = "done" if item.done else "to do"
        items.append(
            f'<li><span aria-hidden="true">{"☑" if item.done else "☐"}</span><span class="hide">{state}:</span> '
            f"{text(item.text)}" + (f" — {', '.join(said)}" if said else "") + "</li>"
        )
    return (
        '<section aria-labelledby="checklist">\n<h2 id="checklist">Refinement checklist and actions</h2>\n'
        '<ul class="checklist">' + "".join(items) + "</ul>\n</section>"
    )
