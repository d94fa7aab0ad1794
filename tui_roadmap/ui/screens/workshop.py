"""The facilitator's screen: one screen for the whole workshop.

A session bar on top (name, save state), the step bar, one pane per step in a
content switcher, and the footer with every key of the step at hand. Every
change goes through :meth:`WorkshopScreen.edit`: the model is changed, the
change is saved, and the panes show it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from tui_roadmap.files.autosave import Autosave, SaveState
from tui_roadmap.workshop.model import STEP_TITLES, STEPS, Workshop, WorkshopError
from tui_roadmap.workshop.roadmap import unplaced_winners
from tui_roadmap.workshop.vote import budget, cast, totals_hidden, winners
from tui_roadmap.ui.widgets.keybar import KeyBar
from tui_roadmap.ui.widgets.sizeguard import SizeGuard
from tui_roadmap.ui.widgets.pane import Pane
from tui_roadmap.ui.widgets.sessionbar import SessionBar
from tui_roadmap.ui.widgets.stepbar import STEP_KEYS, StepBar

T = TypeVar("T")

PANES: dict[str, tuple[str, str]] = {
    "goals": ("goals", "GoalsPane"),
    "ideas": ("ideas", "IdeasPane"),
    "vote": ("voting", "VotePane"),
    "roadmap": ("board", "RoadmapPane"),
    "export": ("export_pane", "ExportPane"),
}
"""Each step's pane: its module in ``tui_roadmap.ui.widgets`` and its class. A
pane is built the first time the room goes to its step, so that the app
starts with only the step at hand."""


def make_pane(step: str) -> Pane:
    """A new pane for a step (its module is imported now)."""
    module, name = PANES[step]
    pane_class = getattr(importlib.import_module(f"tui_roadmap.ui.widgets.{module}"), name)
    return pane_class(classes="pane")

_STEP_GROUP = Binding.Group("Step", compact=True)


class WorkshopScreen(Screen[None]):
    """The workshop, step by step."""

    AUTO_FOCUS = ""
    """No automatic focus: each pane puts the focus where the room's next action is."""

    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="Show every key of every step"),
        Binding("ctrl+n", "next_step", "Next", id="next-step", tooltip="Go on to the next step"),
        Binding("ctrl+r", "previous_step", "Back", id="previous-step", tooltip="Go back a step"),
        Binding(
            "ctrl+t",
            "settings",
            "Session",
            id="session-settings",
            tooltip="Set the mission, product, timeframe, doc link and review date",
        ),
        *(
            Binding(
                key,
                f"go('{step}')",
                STEP_TITLES[step],
                show=False,
                id=f"step-{step}",
                tooltip=f"Go to the {STEP_TITLES[step]} step",
            )
            for step, key in STEP_KEYS.items()
        ),
    ]

    class SaveReported(Message):
        """A save was tried, on the saving thread (see ``autosave``)."""

        def __init__(self, state: SaveState) -> None:
            super().__init__()
            self.state = state

    def __init__(self, autosave: Autosave) -> None:
        super().__init__()
        self.autosave = autosave
        self._stale: set[str] = set(STEPS)
        self._shown_state = autosave.state
        self._report = lambda state: self.post_message(self.SaveReported(state))

    @property
    def workshop(self) -> Workshop:
        return self.autosave.session.workshop

    def compose(self) -> ComposeResult:
        yield SessionBar()
        yield StepBar()
        with ContentSwitcher(initial=self.workshop.step, id="steps"):
            for step in STEPS:
                if step == self.workshop.step:
                    yield Container(make_pane(step), id=step, classes="pane-slot")
                else:
                    yield Container(id=step, classes="pane-slot")
        yield KeyBar()
        yield SizeGuard()

    def on_mount(self) -> None:
        self.title = self.workshop.name
        self._show_current()
        self.autosave.reports.append(self._report)
        self.query_one(SessionBar).show_save(self.autosave.state)
        self.call_after_refresh(self._focus_step, self.workshop.step)

    def on_unmount(self) -> None:
        if self._report in self.autosave.reports:
            self.autosave.reports.remove(self._report)

    def _focus_step(self, step: str) -> None:
        if self.is_attached:
            self.pane(step).focus_first()

    def pane(self, step: str) -> Pane:
        """The pane of a step (built: see :meth:`build`)."""
        return self.query_one(f"#{step}").query_one(Pane)

    async def build(self, step: str) -> None:
        """Build a step's pane if it is not built yet."""
        slot = self.query_one(f"#{step}", Container)
        if not slot.query(Pane):
            await slot.mount(make_pane(step))

    # ------------------------------------------------------------- changes

    def edit(self, change: Callable[[Workshop], T], done: str | None = None, touch: bool = True) -> T | None:
        """Make one change to the workshop.

        If the model refuses it, the reason is shown and nothing changes.
        Otherwise the change is queued for saving at once (the disk is
        written on a thread of its own, so the screen never waits for it),
        and every pane shows it (the current one now, the others when the
        room goes to them).
        """
        try:
            result = change(self.workshop)
        except WorkshopError as error:
            self.notify(str(error), severity="warning", markup=False)
            return None
        self.autosave.changed(touch)
        self._show_save()
        self._stale = set(STEPS)
        self._show_current()
        if done:
            self.notify(done, markup=False)
        return result

    def set_draft(self, name: str, text: str) -> None:
        """Keep what is being typed in an entry field; it is saved at once
        too, so that a half-typed call-out survives a crash."""
        self.workshop.set_draft(name, text)
        self.autosave.changed(touch=False)
        self._show_save()

    def keep_typing(self) -> str | None:
        """Keep the text of the field being typed in, before quitting; the
        reason if it cannot be kept."""
        return self.pane(self.workshop.step).keep_focused()

    def on_workshop_screen_save_reported(self, message: SaveReported) -> None:
        self._show_save()

    def _show_save(self) -> None:
        """Show whether what the room sees is on disk (Saving..., Saved, or
        NOT SAVED and why), and say so when saving fails or works again."""
        state, before = self.autosave.state, self._shown_state
        self._shown_state = state
        self.query_one(SessionBar).show_save(state)
        if state.error and not before.error:
            self.notify(
                f"Could not save: {state.error}. Everything is kept in memory and saving is retried; "
                "you can still export.",
                severity="error",
                timeout=8,
                markup=False,
            )
        elif before.error and state.saved:
            self.notify("Saved again: everything is on disk.", markup=False)
        if state.note and state.note != before.note:
            self.notify(f"Saved, but {state.note}.", severity="warning", timeout=8, markup=False)

    def _show_current(self) -> None:
        workshop = self.workshop
        step = workshop.step
        if step in self._stale:
            self._stale.discard(step)
            self.pane(step).show()
        self.query_one(SessionBar).show_session(workshop.name, workshop.product)
        won = winners(workshop)
        counts = {
            "goals": str(len(workshop.goals)),
            "ideas": str(len(workshop.ideas)),
            "vote": f"{cast(workshop)}/{budget(workshop)}" if workshop.ideas and budget(workshop) else "",
            "roadmap": f"{len(won) - len(unplaced_winners(workshop))}/{len(won)}" if won else "",
        }
        if totals_hidden(workshop):
            counts["roadmap"] = ""
        self.query_one(StepBar).show_step(step, counts)

    # --------------------------------------------------------------- steps

    async def action_go(self, step: str) -> None:
        """Go to a step of the workshop."""
        if step == self.workshop.step:
            self.pane(step).focus_first()
            return
        await self.build(step)
        self.edit(lambda workshop: workshop.set_step(step), touch=False)
        self.query_one("#steps", ContentSwitcher).current = step
        self.call_after_refresh(self._focus_step, step)

    async def action_next_step(self) -> None:
        """Go on to the next step."""
        index = STEPS.index(self.workshop.step)
        if index + 1 < len(STEPS):
            await self.action_go(STEPS[index + 1])

    async def action_previous_step(self) -> None:
        """Go back a step."""
        index = STEPS.index(self.workshop.step)
        if index > 0:
            await self.action_go(STEPS[index - 1])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_step":
            return self.workshop.step != STEPS[-1] or None
        if action == "previous_step":
            return self.workshop.step != STEPS[0] or None
        return True

    def action_settings(self) -> None:
        """The session's settings, in a form."""
        from tui_roadmap.ui.screens.settings import settings_dialog

        self.app.push_screen(settings_dialog(self))

    def action_help(self) -> None:
        """Show every key."""
        from tui_roadmap.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
