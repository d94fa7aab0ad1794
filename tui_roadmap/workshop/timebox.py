"""Timeboxes: a few minutes for each step, as the room agreed, on a clock.

A step's timer starts, pauses and resumes with one key, and a minute can be
added or taken off. It is advice to the room: nothing moves on by itself.
Running or paused, with the time used, it is kept in the session, so that a
reopened session shows the same time left (a running timer goes on counting
while the app is closed: the meeting goes on too).
"""

from __future__ import annotations

from datetime import datetime

from msgspec import Struct
from msgspec.structs import replace

from tui_roadmap.workshop.model import STEP_TITLES, Workshop, WorkshopError

DEFAULT_MINUTES: dict[str, int] = {"review": 10, "goals": 10, "ideas": 10, "vote": 5, "roadmap": 15, "export": 5}
"""Each step's timebox until the room sets another (the Miro-style workshop's
exercises: 10 minutes for goals and for ideas, 5 for the vote, 15 for the roadmap)."""

LAST_MINUTE = 60.0
"""Seconds left at which the display says so."""

MAX_MINUTES = 180


class Timer(Struct, frozen=True):
    """One step's timebox and how much of it is used."""

    minutes: int
    used: float = 0.0
    """Seconds used before the current run."""
    started: datetime | None = None
    """When the current run started (None: not running)."""
    rang: bool = False
    """True once the bell has rung for this timebox (it rings once)."""

    @property
    def running(self) -> bool:
        return self.started is not None

    def spent(self, now: datetime) -> float:
        """Seconds used so far."""
        # As moments (local times, DST and all), not as wall-clock readings.
        running = now.timestamp() - self.started.timestamp() if self.started is not None else 0.0
        return self.used + max(0.0, running)

    def left(self, now: datetime) -> float:
        """Seconds left (negative once the time is up)."""
        return self.minutes * 60 - self.spent(now)

    def state(self, now: datetime) -> str:
        """``idle`` (never started), ``running``, ``paused``, ``last-minute`` or ``over``."""
        left = self.left(now)
        if left <= 0 and (self.running or self.used):
            return "over"
        if self.running:
            return "last-minute" if left <= LAST_MINUTE else "running"
        return "paused" if self.used else "idle"


def timer(workshop: Workshop, step: str) -> Timer:
    """A step's timer (its default timebox if the room has not touched it)."""
    return workshop.timers.get(step) or Timer(DEFAULT_MINUTES.get(step, 10))


def toggle(workshop: Workshop, step: str, now: datetime) -> Timer:
    """Start the step's timer, or pause it, or resume it."""
    current = timer(workshop, step)
    if current.running:
        changed = replace(current, used=current.spent(now), started=None)
    else:
        changed = replace(current, started=now)
    workshop.timers[step] = changed
    return changed


def adjust(workshop: Workshop, step: str, minutes: int, now: datetime) -> Timer:
    """Add minutes to the step's timebox (or take them off: never below one
    minute). The bell that rang for it rings again only once the time is
    up again after it was not."""
    current = timer(workshop, step)
    wanted = current.minutes + minutes
    if not 1 <= wanted <= MAX_MINUTES:
        raise WorkshopError(f"A timebox is 1 to {MAX_MINUTES} minutes.")
    changed = replace(current, minutes=wanted)
    changed = replace(changed, rang=current.rang and changed.left(now) <= 0)
    workshop.timers[step] = changed
    return changed


def reset(workshop: Workshop, step: str) -> None:
    """Back to the step's full timebox, not running."""
    current = timer(workshop, step)
    workshop.timers[step] = Timer(current.minutes)


def ring(workshop: Workshop, step: str, now: datetime) -> bool:
    """True once, the first time the step's time is found up: the bell
    rings then (and is noted, so that it never rings twice)."""
    current = timer(workshop, step)
    if current.rang or current.state(now) != "over":
        return False
    workshop.timers[step] = replace(current, rang=True)
    return True


def clock_text(seconds: float) -> str:
    """``4:05``, ``0:00``, or ``+1:20`` once over."""
    over = seconds < 0
    whole = int(abs(seconds) + (0 if over else 0.999))
    minutes, secs = divmod(whole, 60)
    return f"{'+' if over else ''}{minutes}:{secs:02d}"


def describe(workshop: Workshop, step: str, now: datetime) -> str:
    """The timer in words, for the step bar and the help."""
    current = timer(workshop, step)
    state = current.state(now)
    title = STEP_TITLES.get(step, step)
    if state == "idle":
        return f"{title}: {current.minutes} min, not started"
    if state == "over":
        over = -current.left(now)
        return f"{title}: TIME IS UP" + (f" ({clock_text(-over)[1:]} over)" if over >= 1 else "")
    words = {"running": "left", "last-minute": "left: LAST MINUTE", "paused": "left, PAUSED"}[state]
    return f"{title}: {clock_text(current.left(now))} {words}"


def took(workshop: Workshop, step: str, now: datetime) -> float | None:
    """Seconds the step took, if its timer was used."""
    current = workshop.timers.get(step)
    return current.spent(now) if current is not None and (current.used or current.running) else None
