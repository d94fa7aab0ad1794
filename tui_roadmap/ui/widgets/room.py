"""The room panel: while the room is open, the address as a QR code and as
text, who has joined from a phone, who waits to be let in, and the ideas
held for review; on the Vote step, who has handed in a ballot and how many
dots are cast (never on which ideas while the totals are hidden)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from tui_roadmap.ui.widgets.qr import qr_text
from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.room import progress
from tui_roadmap.workshop.text import visible


class RoomPanel(Static):
    """Shown at the right of the workshop while the room is open."""

    plain = ""
    """What the panel says, as plain text."""

    def show_room(
        self,
        url: str,
        workshop: Workshop,
        joined: list[int],
        waiting: list[str],
        code: str = "",
        join_url: str = "",
        asks: bool = True,
    ) -> None:
        names = {p.id: p.name for p in workshop.participants}
        done = set(workshop.vote.done)
        lines = Text()
        lines.append("The room is open", style="bold")
        lines.append("  F8 closes it\n", style="dim")
        lines.append("Scan (F10: full screen), or type:\n")
        lines.append(url.removeprefix("http://") + "\n", style="bold")
        if code:
            lines.append("or the code ")
            lines.append(" ".join((code[:3], code[3:])), style="bold")
            lines.append(" at ")
            lines.append(join_url.removeprefix("http://") + "\n", style="bold")
        lines.append("Every name waits for F9\n" if asks else "Own names join without asking (F9)\n", style="dim")
        tick = " \u2713"
        # Names are drawn as text whatever they hold: visible() shows any
        # control character as an escape (the room cleans them at its door).
        people = [
            visible(names[p]) + (tick if workshop.step == "vote" and p in done else "") for p in joined if p in names
        ]
        lines.append(f"\nJoined ({len(people)}): ", style="bold")
        lines.append(", ".join(people) if people else "nobody yet")
        if workshop.step == "vote" and workshop.vote.secret:
            ballot = progress(workshop)
            dots = f"{ballot.dots} {'dot' if ballot.dots == 1 else 'dots'} cast"
            lines.append(f"\nBallots in: {len(ballot.handed_in)} of {ballot.voters}; {dots}", style="bold")
        if waiting:
            # Names nobody has let in yet: cut short (by the room) and drawn plain, never highlighted.
            shown = ", ".join(map(visible, waiting[:3])) + (f" and {len(waiting) - 3} more" if len(waiting) > 3 else "")
            lines.append(f"\nWaiting to join ({len(waiting)}): ", style="bold")
            lines.append(shown)
            lines.append("  F9 lets in", style="dim")
        if workshop.held:
            lines.append(f"\nIdeas held for review: {len(workshop.held)}", style="bold reverse")
            lines.append("  F9 reviews them", style="dim")
        elif workshop.hold:
            lines.append("\nPhone ideas are held for review (F9)", style="dim")
        plain = f"{url}\n{lines.plain}"
        if plain == self.plain:
            return  # shown after every change on the step: drawn again only when it says something new
        self.plain = plain
        self.update(Group(lines, Text(""), qr_text(url)))
