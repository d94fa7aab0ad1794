"""The README says what the app does: its keys and its test command."""

from __future__ import annotations

from pathlib import Path

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import RoadmapApp
from tui_roadmap.ui.screens.help import key_reference

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
    command = next(line for line in ci.splitlines() if "pytest" in line)
    assert f"```sh\n{command}\n```" in README


def _rewrite_key_section() -> None:
    """Put the current key tables in the README (run: python -m tests.test_readme)."""
    app = RoadmapApp(SessionFolder(Path("sessions")))
    start, end = "<!-- keys:start -->\n", "\n<!-- keys:end -->"
    head, rest = README.split(start, 1)
    tail = rest.split(end, 1)[1]
    (ROOT / "README.md").write_text(head + start + key_reference(app.get_key_display) + end + tail, encoding="utf-8")


if __name__ == "__main__":
    _rewrite_key_section()
