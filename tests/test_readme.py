"""The README says what the app does: its keys and its test command."""

from __future__ import annotations

from pathlib import Path

from tui_roadmap.app import RoadmapApp
from tui_roadmap.screens.help import key_reference
from tui_roadmap.store import SessionFolder

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_lists_every_key(tmp_path):
    app = RoadmapApp(SessionFolder(tmp_path))
    expected = key_reference(app.get_key_display)
    start, end = "<!-- keys:start -->\n", "\n<!-- keys:end -->"
    documented = README.split(start, 1)[1].split(end, 1)[0]
    assert documented == expected, "Update the README's key section with:\n\n" + expected


def test_ci_runs_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert f"```sh\n{command}\n```" in README
