"""The facilitator's screen: one screen for the whole workshop.

A session bar on top (name, save state), the step bar, one pane per step in a
content switcher, and the key bar with every key of the step at hand.

The screen owns every change to the workshop. The panes show it; when the
room acts on one of them, its widgets post a Message (see
:mod:`tui_roadmap.ui.messages`, and Textual's own ``Input.Submitted``),
handled with ``@on`` by the screen's part for that step (``screens/steps/``):
the model is changed through ``WorkshopBase.apply`` or ``change``
(``screens/base.py``), which keeps it for undo, queues it for saving at
once, and shows it on the step at hand. Questions to the room (a form, a
yes/no, a ballot) are flows that read straight, in a worker (see
``dialogs.start_flow``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher

from tui_roadmap.ui.screens.steps.actions import ActionSteps
from tui_roadmap.ui.screens.steps.board import BoardSteps
from tui_roadmap.ui.screens.steps.export import ExportSteps
from tui_roadmap.ui.screens.steps.goals import GoalSteps
from tui_roadmap.ui.screens.steps.ideas import IdeaSteps
from tui_roadmap.ui.screens.steps.items import ItemSteps
from tui_roadmap.ui.screens.steps.review import ReviewSteps
from tui_roadmap.ui.screens.steps.room import ROOM_STEPS, RoomSteps
from tui_roadmap.ui.screens.steps.timer import TICK_SECONDS, TimerSteps
from tui_roadmap.ui.screens.steps.vote import VoteSteps
from tui_roadmap.ui.widgets.keybar import KeyBar
from tui_roadmap.ui.widgets.sessionbar import SessionBar
from tui_roadmap.ui.widgets.sizeguard import SizeGuard
from tui_roadmap.ui.widgets.stepbar import STEP_KEYS, StepBar
from tui_roadmap.workshop.model import STEP_TITLES


class WorkshopScreen(
    TimerSteps, RoomSteps, ReviewSteps, GoalSteps, IdeaSteps, VoteSteps, BoardSteps, ItemSteps, ExportSteps, ActionSteps
):
    """The workshop, step by step."""

    AUTO_FOCUS = ""
    """No automatic focus: each pane says where the room's next action is."""

    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="Show every key of every step", priority=True),
        Binding("ctrl+n", "next_step", "Next", id="next-step", tooltip="Go on to the next step", priority=True),
        Binding("ctrl+r", "previous_step", "Back", id="previous-step", tooltip="Go back a step", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="undo", tooltip="Undo the last change, on any step", priority=True),
        Binding(
            "ctrl+y,ctrl+shift+z",
            "redo",
            "Redo",
            id="redo",
            tooltip="Do again the last change undone (ctrl+shift+z too)",
            priority=True,
        ),
        Binding(
            "ctrl+t",
            "settings",
            "Session",
            id="session-settings",
            tooltip="Set the mission, product, timeframe, doc link and review date",
            priority=True,
        ),
        *(
            Binding(
                key,
                f"go('{step}')",
                STEP_TITLES[step],
                show=False,
                id=f"step-{step}",
                tooltip=f"Go to the {STEP_TITLES[step]} step" + (" (in a review)" if step == "review" else ""),
                priority=True,
            )
            for step, key in STEP_KEYS.items()
        ),
        Binding(
            "ctrl+g",
            "timer",
            "Timer",
            id="timer",
            tooltip="Start the step's timer, pause it, or resume it",
            priority=True,
        ),
        Binding(
            "ctrl+l",
            "timer_minutes(1)",
            "+1 min",
            show=False,
            id="timer-more",
            tooltip="A minute more for the step's timebox",
            priority=True,
        ),
        Binding(
            "ctrl+f",
            "timer_minutes(-1)",
            "-1 min",
            show=False,
            id="timer-less",
            tooltip="A minute less for the step's timebox",
            priority=True,
        ),
        Binding(
            "ctrl+o",
            "present",
            "Present",
            id="present",
            tooltip="Presentation view: only what the room needs on each step (again: the keys come back)",
            priority=True,
        ),
        Binding(
            "f8",
            "room",
            "Room",
            id="room",
            tooltip="Open the room to phones (Ideas and Vote steps), or close it",
            priority=True,
        ),
        Binding(
            "f9",
            "room_waiting",
            "Let in",
            id="room-waiting",
            tooltip="Let in who waits to join from a phone, and review the ideas held",
            priority=True,
        ),
        Binding(
            "f10",
            "room_code",
            "Room code",
            id="room-code",
            tooltip="Show the room's QR code full screen, for the back of the room",
            priority=True,
        ),
        Binding("tab", "next_field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield SessionBar()
        yield StepBar()
        with Horizontal(id="middle"):
            with ContentSwitcher(initial=self.workshop.step, id="steps"):
                yield self.make_pane(self.workshop.step)  # the others when the room first goes to them
        yield KeyBar()
        yield SizeGuard()

    async def on_mount(self) -> None:
        self.title = self.workshop.name
        self.autosave.reports.append(self._report)
        self.query_one(SessionBar).show_save(self.autosave.state)
        await self.show_step()
        self.call_after_refresh(self.set_aside.drawn)  # once the room sees it
        self.set_interval(TICK_SECONDS, self.tick)
        target = self.pane(self.workshop.step).first_focus()
        if target is not None:
            self.set_focus(target)
        self.resume_ballots()

    async def on_unmount(self) -> None:
        if self._report in self.autosave.reports:
            self.autosave.reports.remove(self._report)
        try:
            await self.close_room()  # quitting closes the room
        finally:
            self.set_aside.let_go()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "room":
            return self.workshop.step in ROOM_STEPS or (self.room_server is not None and self.room_server.open)
        if action in ("room_waiting", "room_code"):
            return self.room_server is not None and self.room_server.open
        return super().check_action(action, parameters)
