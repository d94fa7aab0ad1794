"""What loads before the first frame, and what waits for its first use
(docs/ARCHITECTURE.md): each module named here costs the first frame
milliseconds that the benchmarks measure (benchmarks/run.py).

The app is started in an interpreter of its own, so that nothing this test
process has loaded counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent

SHOW = """
import asyncio, json, sys
from datetime import datetime
from pathlib import Path
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app

folder = SessionFolder(Path(sys.argv[1]))
session = folder.open_path(Path(sys.argv[2]), datetime.now()) if sys.argv[2] != "-" else None


async def main():
    app = make_app(folder, session, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        loaded = sorted(name for name in sys.modules if name.split(".")[0] in LIBRARIES or name.startswith("tui_roadmap"))
        print(json.dumps({"screen": type(app.screen).__name__, "loaded": loaded}))
        await pilot.press("ctrl+q")


LIBRARIES = {"rapidfuzz", "aiohttp", "qrcode", "markdown_it", "filelock"}
asyncio.run(main())
"""

LATER = {
    "rapidfuzz": "the first near-duplicate looked for",
    "aiohttp": "the room (F8)",
    "qrcode": "the first QR code drawn",
    "markdown_it": "the Export step's rendered view",
    "tui_roadmap.room.server": "the room (F8)",
    "tui_roadmap.ui.screens.help": "F1",
}
OTHER_PANES = [
    "tui_roadmap.ui.widgets.ideas",
    "tui_roadmap.ui.widgets.voting",
    "tui_roadmap.ui.widgets.board",
    "tui_roadmap.ui.widgets.export_pane",
    "tui_roadmap.ui.widgets.review",
]


def first_frame(tmp_path: Path, session: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SHOW, str(tmp_path / "sessions"), session],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_workshop_loads_only_its_first_step(folder, sample, tmp_path):
    sample.set_step("goals")
    session = folder.create(sample.name, sample.updated, sample)
    path = session.path
    session.close()
    shown = first_frame(tmp_path, str(path))
    assert shown["screen"] == "WorkshopScreen"
    loaded = set(shown["loaded"])
    assert "tui_roadmap.ui.widgets.goals" in loaded and "filelock" in loaded
    early = sorted(loaded & set(OTHER_PANES))
    assert not early, f"the panes of the other steps load on their first visit, not in the first frame: {early}"
    early = sorted(loaded & set(LATER))
    assert not early, f"loaded before the first frame, and needed only later: {[(name, LATER[name]) for name in early]}"
    assert "tui_roadmap.ui.screens.picker" not in loaded


def test_the_session_list_loads_neither_the_workshop_nor_the_lock(folder, sample, tmp_path):
    folder.create(sample.name, sample.updated, sample).close()
    shown = first_frame(tmp_path, "-")
    assert shown["screen"] == "PickerScreen"
    loaded = set(shown["loaded"])
    assert "tui_roadmap.ui.screens.workshop" not in loaded and "filelock" not in loaded
    early = sorted(loaded & (set(OTHER_PANES) | set(LATER)))
    assert not early, f"loaded before the session list's first frame, and needed only later: {early}"
