"""An app whose loop is stuck still saves, releases and ends on SIGHUP.

Textual writes to the terminal from a thread of its own through a queue of
30 writes. Once the terminal is gone (or stops reading) that thread stops,
the queue fills, and the app's loop blocks in ``Queue.put`` for good, so
nothing that waits for the loop can run. This reproduces that state exactly,
in a process of its own, with a save still on its way to a slow disk.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from tui_roadmap.files.store import LOCK_FOLDER, SessionFolder

from .conftest import NOW

STUCK_APP = """
import asyncio, queue, sys, time
from datetime import datetime
from pathlib import Path
from tui_roadmap.files.autosave import Autosave
from tui_roadmap.files.storage import DiskIO
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.shutdown import Shutdown

class SlowDisk(DiskIO):
    def fsync(self, fd):
        time.sleep(0.3)  # a USB stick
        super().fsync(fd)

now = datetime(2026, 11, 22, 10, 30)
folder = SessionFolder(Path(sys.argv[1]))
session = folder.open("Stuck", now)
session.disk = SlowDisk()
app = make_app(folder, session, clock=lambda: now)
app.autosave = Autosave(session, app.clock)  # as the app does once it shows the session
loop = asyncio.new_event_loop()
Shutdown(loop, app._stop, app._stop_now).install(None)  # the app's own wiring

async def stuck():
    session.workshop.add_idea("Typed just before the app got stuck")
    app.autosave.changed()
    print("stuck", flush=True)
    writes = queue.Queue(30)
    for n in range(31):
        writes.put("a frame")  # the 31st blocks for good, as Textual's writer queue does

loop.run_until_complete(stuck())
"""


def test_a_stuck_app_saves_releases_and_ends_on_sighup(tmp_path: Path):
    root = tmp_path / "sessions"
    SessionFolder(root).create("Stuck", NOW).close()
    child = subprocess.Popen(
        [sys.executable, "-c", STUCK_APP, str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "stuck"
        began = time.monotonic()
        child.send_signal(signal.SIGHUP)
        code = child.wait(timeout=20)
        took = time.monotonic() - began
    finally:
        child.kill()
    assert code == 128 + signal.SIGHUP, child.stderr.read()
    assert took < 2.0, f"it took {took:.2f} s"
    assert not (root / LOCK_FOLDER / "stuck.json.owner").exists()
    session = SessionFolder(root).open("Stuck", NOW)
    assert [idea.text for idea in session.workshop.ideas] == ["Typed just before the app got stuck"]
    session.close()
