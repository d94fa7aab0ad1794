"""The core (model, store, exporter) never imports the user interface."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "tui_roadmap",
    "tui_roadmap.model",
    "tui_roadmap.vote",
    "tui_roadmap.roadmap",
    "tui_roadmap.checklist",
    "tui_roadmap.capture",
    "tui_roadmap.timeframe",
    "tui_roadmap.text",
    "tui_roadmap.documents",
    "tui_roadmap.storage",
    "tui_roadmap.store",
    "tui_roadmap.autosave",
    "tui_roadmap.export",
    "tui_roadmap.qr",
]


def test_the_core_imports_no_textual():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE)
        + "from tui_roadmap.export import markdown\n"
        + "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'rich')))\n"
        + "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_command_line_loads_the_interface_only_to_run_it():
    code = "import sys\nfrom tui_roadmap.__main__ import main\nprint('textual' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
