"""Toasts: each one gone once its time is up on the app's own clock, never
more than three at once (the newest, in view), and never over the room
panel while the room is open."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App
from textual.notifications import Notification, Notifications

from tui_roadmap.ui.notices import MAX_SHOWN, live, take_away
from tui_roadmap.ui.widgets.room import RoomPanel

from .conftest import SAFETY_SECONDS, settle, type_keys
from .test_room import room_app
from .test_trusted_vote import app_on, tied_workshop

TIMEOUT = 600.0
"""Longer than any test waits: a toast gone sooner went by the app's clock."""


def toasts(app) -> list[tuple[str, object]]:
    """The toasts on screen: their text and the region they cover."""
    return [
        (str(toast.render()), toast.region)  # Textual's own widget, by its type name
        for toast in app.screen.query("Toast")
        if toast.region.area
    ]


class Clock:
    """The app's clock for toasts, moved on by the test; and each of the
    app's looks at it, as an event the test waits for."""

    def __init__(self, app) -> None:
        self.now = 1000.0
        self.looked = asyncio.Event()
        real = app.notify

        def notify(*args, **kwargs):
            # Every toast lasts TIMEOUT, the app's own ones too: Textual's
            # wall-clock timer then never takes one away before the test's
            # clock does, however slow the machine.
            kwargs["timeout"] = TIMEOUT
            return real(*args, **kwargs)

        app.notify = notify
        notices = app.notices
        notices.clock = lambda: self.now
        expire = notices.expire

        def look() -> None:
            expire()
            self.looked.set()

        notices.expire = look

    async def after_next_look(self, pilot) -> None:
        self.looked.clear()
        await asyncio.wait_for(self.looked.wait(), SAFETY_SECONDS)
        await settle(pilot)


async def test_a_burst_of_ten_notifications_is_gone_within_their_timeout(folder):
    app = app_on(folder, tied_workshop())
    clock = Clock(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        for n in range(10):
            app.notify(f"Notice {n}: what the room was told, a line or two long.", timeout=TIMEOUT)
        await settle(pilot)
        shown = [text for text, _ in toasts(app)]
        # The newest three, all in view; the older ones made way for them.
        assert [text.split(":")[0] for text in shown] == ["Notice 7", "Notice 8", "Notice 9"], shown
        assert len(live(app)) == MAX_SHOWN
        clock.now += TIMEOUT - 1
        await clock.after_next_look(pilot)
        assert len(toasts(app)) == MAX_SHOWN  # not yet their time
        clock.now += 1
        await clock.after_next_look(pilot)
        assert toasts(app) == [] and live(app) == []


async def test_an_error_outlasts_the_notes_that_come_after_it(folder):
    app = app_on(folder, tied_workshop())
    Clock(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Could not save: the disk is full.", severity="error", timeout=TIMEOUT)
        for n in range(4):
            app.notify(f"Note {n}", timeout=TIMEOUT)
        await settle(pilot)
        assert [n.message for n in live(app)] == ["Could not save: the disk is full.", "Note 2", "Note 3"]


async def test_toasts_of_a_modal_and_of_the_screen_under_it_go_at_their_time(folder):
    """A toast shown on a dialog, then again on the screen it came back to,
    goes when its time is up, wherever it is shown."""
    app = app_on(folder, tied_workshop())
    clock = Clock(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Said before the question.", timeout=TIMEOUT)
        await type_keys(pilot, "v")  # the vote closes at once (no ballots): a toast says so
        await type_keys(pilot, "ctrl+t")  # the session form, a dialog over the screen
        app.notify("Said while the form is up.", timeout=TIMEOUT)
        await settle(pilot)
        assert len(toasts(app)) == MAX_SHOWN
        await type_keys(pilot, "escape")
        assert len(toasts(app)) == MAX_SHOWN
        clock.now += TIMEOUT
        await clock.after_next_look(pilot)
        assert toasts(app) == []


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_no_toast_covers_the_room_panel(folder, size):
    app = room_app(folder, step="vote")
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await type_keys(pilot, "f8")
        panel = app.screen.query_one(RoomPanel)
        assert panel.display and panel.region.area
        for n in range(3):
            app.notify(
                f"A long message number {n} that the room reads while it votes, over two lines or more.",
                timeout=TIMEOUT,
            )
        await settle(pilot)
        shown = toasts(app)
        assert len(shown) == 3
        for text, region in shown:
            assert not region.overlaps(panel.region), (text, region, panel.region)
        await type_keys(pilot, "f8")  # the room closed: the toasts take their place at the right again
        assert not panel.display
        assert max(region.right for _, region in toasts(app)) == size[0]


def test_the_textual_notifications_the_app_reaches_into_are_as_it_expects():
    """ui/notices.py uses App._notifications and App._unnotify (no public
    API takes one notification away): if a Textual release changes them,
    this fails, not the room's toasts."""
    app = App()
    assert isinstance(app._notifications, Notifications), "App._notifications changed: see tui_roadmap/ui/notices.py"
    first, second = Notification("first"), Notification("second")
    app._notifications.add(first).add(second)
    assert live(app) == [first, second]  # oldest first
    take_away(app, first)
    assert live(app) == [second]
