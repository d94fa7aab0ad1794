"""Saving off the screen's thread: the file keeps up with a burst of keys,
"Saved" never shows while the screen is ahead of the disk, a slow disk never
stalls the screen, and the last save lands before the lock is released."""

from __future__ import annotations

import asyncio
import errno
import gc
import json
import threading
import time

from tui_roadmap.files.documents import from_tables
from tui_roadmap.files.storage import DiskIO
from tui_roadmap.ui.widgets.sessionbar import SessionBar

from .conftest import empty_app, type_keys, type_line

CATCH_UP = 0.5
"""How soon after a change the file must hold it (the README's promise)."""


class RecordingDisk(DiskIO):
    """A disk that notes when each save lands, and what it holds."""

    def __init__(self) -> None:
        self.payloads: dict[int, bytearray] = {}
        self.landed: list[tuple[float, dict]] = []

    def write(self, fd, data):
        self.payloads.setdefault(fd, bytearray()).extend(data)
        return super().write(fd, data)

    def close(self, fd):
        self._last = bytes(self.payloads.pop(fd, b""))
        super().close(fd)

    def replace(self, source, target):
        super().replace(source, target)
        self.landed.append((time.monotonic(), json.loads(self._last)))


async def saved(app) -> None:
    """Wait until everything the app has changed is on disk."""
    assert await asyncio.to_thread(app.autosave.flush, 30)


async def test_the_file_keeps_up_with_a_burst_and_saved_never_shows_early(folder):
    # The test runner's heap holds what every earlier test left behind, and a
    # collection of it pauses every thread: keep it out, as an app's own
    # process has no such heap.
    gc.collect()
    gc.freeze()
    try:
        await _burst(folder)
    finally:
        gc.unfreeze()


async def _burst(folder) -> None:
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        disk = RecordingDisk()
        app.session.disk = disk
        workshop = app.session.workshop
        changes: list[tuple[float, int]] = []
        real_changed = app.autosave.changed

        def changed(*args, **kwargs) -> None:
            real_changed(*args, **kwargs)
            changes.append((time.monotonic(), len(workshop.ideas)))

        app.autosave.changed = changed
        lies = []
        bar = app.screen.query_one(SessionBar)
        real_show = bar.show_save

        def show_save(state) -> None:
            if state.saved and (not disk.landed or from_tables(disk.landed[-1][1]) != workshop):
                lies.append(f"Saved shown with {len(workshop.ideas)} ideas on screen")
            real_show(state)

        bar.show_save = show_save
        await type_keys(pilot, "f3")
        # 120 ideas typed as one burst: every key is queued before the first is handled.
        keys = [key for n in range(120) for key in (*f"Idea {n} from the burst", "enter")]
        await type_keys(pilot, *keys)
        await saved(app)
        await pilot.pause()
        assert "Saved" in str(bar.render())

    assert len(workshop.ideas) == 120
    assert not lies, lies[:3]
    lags = []
    for when, count in changes:
        landed = next(t for t, data in disk.landed if len(data["ideas"]) >= count)
        lags.append(landed - when)
    print(f"{len(changes)} changes, {len(disk.landed)} saves, the file at most {max(lags) * 1000:.0f} ms behind")
    assert max(lags) <= CATCH_UP, f"the file was {max(lags):.2f} s behind a change"


class BlockedDisk(DiskIO):
    """A disk whose fsync waits until the test lets it go (a USB stick, a
    network home folder: as slow as a test wants)."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.waiting = threading.Event()

    def fsync(self, fd):
        self.waiting.set()
        assert self.go.wait(30), "never let go"
        super().fsync(fd)


async def test_a_slow_disk_never_stalls_the_screen(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        disk = BlockedDisk()
        app.session.disk = disk
        await pilot.press("f3")
        await type_line(pilot, "The first idea: its save hangs on the disk")
        assert await asyncio.to_thread(disk.waiting.wait, 30)
        # The disk is still busy with the first save; the room goes on.
        for n in range(5):
            await type_line(pilot, f"Typed while the disk is busy {n}")
        texts = [idea.text for idea in app.screen.workshop.ideas]
        assert texts[-1] == "Typed while the disk is busy 4"
        option_list = app.screen.query_one("#idea-list")
        assert option_list.option_count == 6
        assert "Saving" in str(app.screen.query_one(SessionBar).render())
        assert not disk.go.is_set()
        disk.go.set()
        await saved(app)
        await pilot.pause()
        assert "Saved" in str(app.screen.query_one(SessionBar).render())
    assert [idea.text for idea in folder.load("Empty Workshop").ideas] == texts


async def test_the_last_save_lands_before_the_lock_is_released(folder, monkeypatch):
    """Quitting anyway on a failing disk: the last try of the save (and any
    save that works) comes before the lock goes, never after."""
    from tui_roadmap.files.store import SessionLock

    events: list[str] = []

    class FailingDisk(DiskIO):
        def write(self, fd, data):
            events.append("write")
            raise OSError(errno.ENOSPC, "injected")

    real_release = SessionLock.release

    def release(self) -> None:
        events.append("release")
        real_release(self)

    monkeypatch.setattr(SessionLock, "release", release)
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        app.session.disk = FailingDisk()
        await pilot.press("f3")
        await type_line(pilot, "Dark mode")
        await asyncio.to_thread(app.autosave.flush, 30)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")  # quit anyway
        await pilot.pause()
    assert "release" in events and "write" in events
    assert events.index("release") > max(i for i, e in enumerate(events) if e == "write")
    assert events.count("release") == 1
