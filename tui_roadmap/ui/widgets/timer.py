"""The step's timer, in digits the back of the room can read: the time
left, and in words what it means (PAUSED, LAST MINUTE, TIME IS UP), so that
colour is never the only thing that says it."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Digits, Label

from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.timebox import clock_text, describe, timer


class TimerBar(Horizontal):
    """Shown under the step bar while the step's timer is used."""

    def compose(self) -> ComposeResult:
        yield Digits(id="timer-digits")
        yield Label(id="timer-words")

    def show_timer(self, workshop: Workshop, step: str, now: datetime) -> None:
        current = timer(workshop, step)
        state = current.state(now)
        self.display = state != "idle"
        for name in ("running", "paused", "last-minute", "over"):
            self.set_class(state == name, f"-{name}")
        if state == "idle":
            return
        self.query_one(Digits).update(clock_text(current.left(now)))
        keys = "^g pauses" if current.running else "^g goes on"
        self.query_one("#timer-words", Label).update(f"{describe(workshop, step, now)}\n{keys}, ^l a minute more, ^b less")
