"""Timeboxes on the workshop screen: ^g starts, pauses and resumes the
step's timer, ^l and ^f add or take off a minute; the time left is shown
under the step bar and looked at every second. When it runs out the screen
says so and the terminal bell rings once (unless the settings turn it off).
The room is never moved on: the timer is advice. And ^o, the presentation
view: only what the room needs on each step, none of the keyboard's chrome."""

from __future__ import annotations

from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.widgets.stepbar import StepBar
from tui_roadmap.ui.widgets.timer import TimerBar
from tui_roadmap.workshop import timebox
from tui_roadmap.workshop.model import STEP_TITLES, WorkshopError

TICK_SECONDS = 1.0


class TimerSteps(WorkshopBase):
    """The timers' and the presentation view's part of the workshop screen."""

    def show_timer(self) -> None:
        """The step's timer under the step bar (the bar is built the first
        time a timer is used: most steps of most workshops have none)."""
        bars = self.query(TimerBar)
        if bars:
            bars.first().show_timer(self.workshop, self.workshop.step, self.clock())
        elif timebox.timer(self.workshop, self.workshop.step).state(self.clock()) != "idle":
            self.mount(TimerBar(), after=self.query_one(StepBar))
            self.call_after_refresh(self.show_timer)

    def tick(self) -> None:
        """Every second: the time left, and the bell once the time is up."""
        step = self.workshop.step
        now = self.clock()
        if self.app.screen is not self:
            return  # a ballot or a question is up: the bell and the note wait for it
        if timebox.ring(self.workshop, step, now):
            self.autosave.changed(touch=False)
            if self.settings.bell:
                self.app.bell()
            self.notify(
                f"Time is up for the {STEP_TITLES.get(step, step)} step. Move on when the room is ready "
                "(^l gives it a minute more).",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.show_timer()

    async def action_timer(self) -> None:
        """Start the step's timer, pause it, or resume it."""
        step = self.workshop.step
        try:
            current = self.apply(lambda w: timebox.toggle(w, step, self.clock()), touch=False)
        except WorkshopError as error:  # a session open read-only
            self.notify(str(error), severity="warning", markup=False)
            return
        self.tick()
        self.notify(
            ("Timer running: " if current.running else "Timer paused: ")
            + timebox.describe(self.workshop, step, self.clock()),
            markup=False,
        )

    async def action_timer_minutes(self, minutes: int) -> None:
        """A minute more (or less) for the step."""
        step = self.workshop.step
        try:
            self.apply(lambda w: timebox.adjust(w, step, minutes, self.clock()), touch=False)
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.tick()

    def action_present(self) -> None:
        """The presentation view, on or off: only what the room needs."""
        self.set_class(not self.has_class("-presenting"), "-presenting")
