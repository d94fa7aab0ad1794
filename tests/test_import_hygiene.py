"""The core (model, store, exporter) never imports the user interface."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "tui_roadmap",
    "tui_roadmap.workshop.model",
    "tui_roadmap.workshop.vote",
    "tui_roadmap.workshop.roadmap",
    "tui_roadmap.workshop.checklist",
    "tui_roadmap.workshop.capture",
    "tui_roadmap.workshop.timeframe",
    "tui_roadmap.workshop.text",
    "tui_roadmap.files.documents",
    "tui_roadmap.files.storage",
    "tui_roadmap.files.store",
    "tui_roadmap.files.autosave",
    "tui_roadmap.export.draft",
    "tui_roadmap.export.qr",
]


def test_the_core_imports_no_textual():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE)
        + "from tui_roadmap.export.draft import markdown\n"
        + "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'rich')))\n"
        + "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_command_line_loads_the_interface_only_to_run_it():
    code = "import sys\nfrom tui_roadmap.__main__ import main\nprint('textual' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
