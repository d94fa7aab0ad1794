"""Saves that fail: every write, fsync and rename of a save made to fail in
turn, a full disk and a read-only folder. The last save stays whole, the
screen says "not saved" and why, nothing typed is lost, saving is retried,
and the draft can still leave by the clipboard or another folder."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import stat

import pytest
from msgspec.structs import asdict

from tui_roadmap.files.documents import from_tables
from tui_roadmap.files.storage import DiskIO, parse
from tui_roadmap.ui.widgets.sessionbar import SessionBar

from .conftest import NOW, empty_app, settle, type_line

OPERATIONS = ("write", "fsync", "replace")


class FaultyDisk(DiskIO):
    """A disk whose ``operation`` fails on its ``nth`` call (1-based), with
    ``code``; ``nth`` 0 never fails. It counts every call."""

    def __init__(self, operation: str = "", nth: int = 0, code: int = errno.EIO) -> None:
        self.operation, self.nth, self.code = operation, nth, code
        self.calls = {name: 0 for name in OPERATIONS}

    def _call(self, name: str) -> None:
        self.calls[name] += 1
        if name == self.operation and self.calls[name] == self.nth:
            raise OSError(self.code, f"injected {errno.errorcode[self.code]}")

    def write(self, fd, data):
        self._call("write")
        return super().write(fd, data)

    def fsync(self, fd):
        self._call("fsync")
        super().fsync(fd)

    def replace(self, source, target):
        self._call("replace")
        super().replace(source, target)


def calls_in_one_save(folder) -> dict[str, int]:
    session = folder.create("Count", NOW)
    counting = FaultyDisk()
    session.disk = counting
    session.workshop.add_goal("Grow")
    session.save()
    session.close()
    return counting.calls


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_failing_call_of_a_save_leaves_a_whole_file(folder, operation):
    calls = calls_in_one_save(folder)[operation]
    assert calls >= 1
    for nth in range(1, calls + 1):
        session = folder.create(f"Plan {operation} {nth}", NOW)
        session.workshop.add_goal("Grow")
        session.save()
        before = session.path.read_bytes()
        session.workshop.add_idea("Dark mode")
        after_state = json.loads(json.dumps(asdict(session.workshop.ideas[0])))
        session.disk = FaultyDisk(operation, nth, errno.EIO)
        with pytest.raises(OSError):
            session.save()
        now = session.path.read_bytes()
        # A failure after the rename (syncing the folder) leaves the new save.
        loaded = from_tables(parse(now))
        assert now == before or [asdict(i) for i in loaded.ideas] == [after_state]
        assert not [p for p in folder.root.iterdir() if p.name.endswith(".tmp")]
        session.disk = DiskIO()
        session.save()  # the retry
        assert from_tables(parse(session.path.read_bytes())) == session.workshop
        session.close()


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the folder is read-only"), (errno.EACCES, "permission denied")],
)
async def test_the_screen_says_not_saved_keeps_everything_and_saves_once_it_can(folder, tmp_path, code, reason):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        session = app.session
        on_disk_before = session.path.read_bytes()

        class Failing(DiskIO):
            def write(self, fd, data):
                raise OSError(code, "injected")

        session.disk = Failing()
        await pilot.press("f3")
        await pilot.pause()
        await type_line(pilot, "Virtual try-on with the phone camera")
        await type_line(pilot, "Dark mode")
        state = str(app.screen.query_one(SessionBar).render())
        assert "NOT SAVED" in state and reason in state
        assert session.path.read_bytes() == on_disk_before
        assert [i.text for i in app.screen.workshop.ideas] == ["Virtual try-on with the phone camera", "Dark mode"]

        # The draft still leaves: by the clipboard, and to another folder.
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "| Dark mode |" in app.clipboard
        elsewhere = tmp_path / "usb-stick"
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_line(pilot, str(elsewhere) + "/")
        assert "| Dark mode |" in (elsewhere / "empty-workshop.md").read_text(encoding="utf-8")

        # Space is back: the next retry saves everything.
        session.disk = DiskIO()
        assert await asyncio.to_thread(app.autosave.wait_saved, 30)
        await settle(pilot)
        assert "Saved" in str(app.screen.query_one(SessionBar).render())
        assert [i.text for i in folder.load("Empty Workshop").ideas] == [
            "Virtual try-on with the phone camera",
            "Dark mode",
        ]


async def test_a_file_made_read_only_while_open_is_not_saved_over_and_the_screen_says_so(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        session = app.session
        os.chmod(session.path, 0o444)  # by hand, in another window
        on_disk_before = session.path.read_bytes()
        await pilot.press("f3")
        await pilot.pause()
        await type_line(pilot, "Dark mode")
        assert not await asyncio.to_thread(app.autosave.flush, 30)
        await settle(pilot)
        state = str(app.screen.query_one(SessionBar).render())
        assert "NOT SAVED: the file empty-workshop.json is read-only" in state
        assert "Saved" not in state.replace("NOT SAVED", "")
        assert session.path.read_bytes() == on_disk_before
        assert stat.S_IMODE(session.path.stat().st_mode) == 0o444
        assert [i.text for i in app.screen.workshop.ideas] == ["Dark mode"]

        os.chmod(session.path, 0o644)  # writable again: the next retry saves everything
        assert await asyncio.to_thread(app.autosave.wait_saved, 30)
        await settle(pilot)
        assert "Saved" in str(app.screen.query_one(SessionBar).render())
        assert [i.text for i in folder.load("Empty Workshop").ideas] == ["Dark mode"]
