"""The phone page, as HTML: every piece of the room's text escaped, every
change a form that POSTs with the page's anti-forgery token, no inline
script or style (the Content-Security-Policy allows neither)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from tui_roadmap.workshop import room
from tui_roadmap.workshop.model import STEP_TITLES, Participant, Workshop
from tui_roadmap.workshop.vote import ballot_cap, dots_each


def _form(action: str, csrf: str, body: str, *, extra: str = "") -> str:
    return (
        f'<form method="post" action="{escape(action)}"{extra}>'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">{body}</form>'
    )


POLL_SECONDS = 3
"""How often a page asks the room whether it still shows what the room is at."""


def document(title: str, body: str, base: str, state: str = "") -> str:
    """A whole page around ``body``. With a ``state`` (see
    ``RoomServer.state_of``), the page follows the room: it asks every few
    seconds and reloads when the room has moved on (not while something is
    being typed), and says so when the room cannot be reached."""
    follow = f' data-state="{escape(state)}" data-poll="{POLL_SECONDS}" data-base="{escape(base)}"' if state else ""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f'<link rel="stylesheet" href="{escape(base)}app.css">'
        f'<script src="{escape(base)}app.js" defer></script>'
        f'</head><body{follow}><p id="link" class="error" role="alert" hidden></p>{body}</body></html>\n'
    )


def _header(workshop: Workshop, who: str = "") -> str:
    name = f" \u00b7 {escape(who)}" if who else ""
    return f'<h1>{escape(workshop.name)}</h1><p class="sub">{escape(workshop.product)}{name}</p>'


def _flash(message: str, error: bool) -> str:
    return f'<p class="{"error" if error else "note"}" role="status">{escape(message)}</p>' if message else ""


def join_page(
    workshop: Workshop,
    base: str,
    csrf: str,
    taken: set[int],
    asks: bool = True,
    message: str = "",
    error: bool = False,
    state: str = "",
) -> str:
    buttons = []
    for person in workshop.participants:
        if person.id in taken:
            buttons.append(f'<button type="button" class="secondary" disabled>{escape(person.name)} (joined)</button>')
        else:
            buttons.append(
                _form(
                    f"{base}join",
                    csrf,
                    f'<input type="hidden" name="person" value="{person.id}"><button type="submit">{escape(person.name)}</button>',
                )
            )
    body = (
        _header(workshop)
        + _flash(message, error)
        + "<h2>Who are you?</h2>"
        + ("".join(buttons) if buttons else "<p>No names yet: type yours below.</p>")
        + "<h2>Someone else</h2>"
        + _form(
            f"{base}join",
            csrf,
            '<label for="name">Your name</label><input type="text" id="name" name="name" maxlength="80" autocomplete="name">'
            '<button type="submit">Join</button>',
        )
        + '<p class="sub">'
        + (
            "The facilitator lets you in once they see who you are. "
            if asks
            else "The facilitator lets a new name in. "
        )
        + "Nothing is needed but this page: no account, no app.</p>"
    )
    return document(f"Join {workshop.name}", body, base, state)


def waiting_page(workshop: Workshop, base: str, name: str, state: str = "") -> str:
    body = (
        _header(workshop, name)
        + _flash("Waiting for the facilitator to let you in.", False)
        + f"<p>You asked to join as {escape(name)}. This page moves on by itself once you are in.</p>"
    )
    return document(workshop.name, body, base, state)


def code_page(workshop: Workshop, message: str = "") -> str:
    """Where the room's code is typed (for a phone that cannot scan)."""
    body = (
        "<h1>Join the room</h1>"
        + _flash(message, bool(message))
        + '<form method="post" action="/join"><label for="code">The code on the big screen</label>'
        '<input type="text" id="code" name="code" maxlength="20" autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" inputmode="text"><button type="submit">Go</button></form>'
        '<p class="sub">Six letters and digits, such as K7M4XR; the case does not matter.</p>'
    )
    return document("Join the room", body, CODE_BASE)


CODE_BASE = "/join/"
"""Where the code page finds its stylesheet and script (outside the room's secret path)."""


def ideas_page(
    workshop: Workshop,
    base: str,
    csrf: str,
    person: Participant,
    mine: Iterable[str],
    message: str,
    error: bool,
    state: str = "",
) -> str:
    goals = "".join(
        f'<option value="{number}">{number}. {escape(goal.title)}</option>'
        for number, goal in enumerate(workshop.goals, 1)
    )
    select = (
        f'<label for="goal">Goal (optional)</label><select id="goal" name="goal"><option value="">No goal</option>{goals}</select>'
        if goals
        else ""
    )
    sent = "".join(f"<li>{escape(text)}</li>" for text in mine)
    body = (
        _header(workshop, person.name)
        + _flash(message, error)
        + "<h2>Send an idea</h2>"
        + _form(
            f"{base}idea",
            csrf,
            f'<label for="text">Your idea</label><textarea id="text" name="text" maxlength="1000"></textarea>{select}'
            '<button type="submit">Send</button>',
        )
        + (f'<h2>You sent</h2><ul class="sent">{sent}</ul>' if sent else "")
    )
    return document(workshop.name, body, base, state)


def ballot_page(
    workshop: Workshop, base: str, csrf: str, person: Participant, message: str, error: bool, state: str = ""
) -> str:
    if person.id in workshop.vote.done:
        spent = dots_each(workshop) - room.left(workshop, person.id)
        body = (
            _header(workshop, person.name)
            + _flash(message, error)
            + f"<h2>Your ballot is in</h2><p>You put {spent} of your {dots_each(workshop)} dots. "
            "The totals show on the big screen once the facilitator closes the vote.</p>"
        )
        return document(workshop.name, body, base, state)
    left = room.left(workshop, person.id)
    lines = []
    for line in room.ballot(workshop, person.id):
        minus = _form(
            f"{base}dot",
            csrf,
            f'<input type="hidden" name="idea" value="{line.idea.id}"><input type="hidden" name="change" value="-1"><button type="submit" aria-label="One dot less on idea {line.number}">\u2212</button>',
        )
        plus = _form(
            f"{base}dot",
            csrf,
            f'<input type="hidden" name="idea" value="{line.idea.id}"><input type="hidden" name="change" value="1"><button type="submit" aria-label="One dot more on idea {line.number}">+</button>',
        )
        lines.append(
            f'<li id="idea-{line.idea.id}"><span class="text">{line.number}. {escape(line.idea.text)}</span>{minus}'
            f'<span class="mine" aria-label="your dots">{line.mine}</span>{plus}</li>'
        )
    body = (
        _header(workshop, person.name)
        + _flash(message, error)
        + f'<h2>Your ballot</h2><p><span class="left">{left} of {dots_each(workshop)} dots left</span>; '
        f"at most {ballot_cap(workshop)} on one idea. Only you see your dots.</p>"
        + f'<ol class="ballot">{"".join(lines)}</ol>'
        + _form(f"{base}hand-in", csrf, '<button type="submit">Hand in my ballot</button>')
        + f'<p class="sub">{escape(SECRET_KEPT)}</p>'
    )
    return document(workshop.name, body, base, state)


SECRET_KEPT = (
    "What is kept: until the vote closes, the laptop keeps your dots under your name, so that you can change them. "
    "Once it closes, the session keeps only each idea's total and that your ballot is in, never whose dots they were."
)
"""What a phone is told of what the session file keeps of its ballot."""


def idle_page(
    workshop: Workshop, base: str, person: Participant, text: str, message: str, error: bool, state: str = ""
) -> str:
    body = _header(workshop, person.name) + _flash(message, error) + f"<p>{escape(text)}</p>"
    return document(workshop.name, body, base, state)


def step_text(workshop: Workshop) -> str:
    """What a phone says on a step with nothing to send."""
    if workshop.step == "vote" and workshop.vote.closed:
        return "The vote is closed: the totals are on the big screen."
    if workshop.step == "vote":
        return "The vote is not on ballots yet: wait for the facilitator to open them."
    return f"The room is on the {STEP_TITLES.get(workshop.step, workshop.step)} step: look at the big screen."
