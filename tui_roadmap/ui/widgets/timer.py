"""The step's timer, in digits the back of the room can read: the time
left, and in words what it means (PAUSED, LAST MINUTE, TIME IS UP), so that
colour is never the only thing that says it."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label

from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.timebox import clock_text, describe, timer


class TimerBar(Horizontal):
    """Shown under the step bar while the step's timer is used."""

    def compose(self) -> ComposeResult:
        yield Digits(id="timer-digits")
        with Vertical(id="timer-text"):
            yield Label(id="timer-words")
            yield Label(id="timer-keys")

    def show_timer(self, workshop: Workshop, step: str, now: datetime) -> None:
        if not self.query(Digits):
            return  # mounted a moment ago, not composed yet: it is shown once it is
        current = timer(workshop, step)
        state = current.state(now)
        self.display = state != "idle"
        for name in ("running", "paused", "last-minute", "over"):
            self.set_class(state == name, f"-{name}")
        if state == "idle":
            return
        self.query_one(Digits).update(clock_text(current.left(now)))
        keys = "^g pauses" if current.running else "^g goes on"
        self.query_one("#timer-words", Label).update(describe(workshop, step, now))
        self.query_one("#timer-keys", Label).update(f"{keys}, ^l a minute more, ^f a minute less")
