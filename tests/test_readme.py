"""The README says what the app does: its keys and its test command."""

from __future__ import annotations

import re
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


def _marked(part: str) -> str:
    return README.split(f"<!-- {part}:start -->", 1)[1].split(f"<!-- {part}:end -->", 1)[0]


def test_ci_types_every_set_up_line_of_the_readme():
    """Each shell line the README gives for setting up is typed by
    ``.ci/installed.py readme`` (every line between the set-up and the
    uninstall markers), and ``.ci/run`` runs it."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/installed.py readme" in ci and ".ci/installed.py wheel dist" in ci
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    typed = re.findall(r"```sh\n(.*?)```", _marked("setup") + _marked("uninstall"), re.S)
    test_command = next(line for line in ci.splitlines() if "pytest" in line)
    other = [block.strip() for block in blocks if block not in typed and block.strip() != test_command]
    # The benchmarks take minutes and print figures: they are not run by CI.
    assert all("benchmarks/run.py" in block for block in other), other
    setup = [line for block in re.findall(r"```sh\n(.*?)```", _marked("setup"), re.S) for line in block.splitlines()]
    assert any(line.startswith("pipx install .") for line in setup)
    assert any(line.startswith("uv tool install .") for line in setup)
    assert any("pipx install dist/" in line for line in setup) and any(
        "uv tool install dist/" in line for line in setup
    )
    assert not any(" -e " in line for line in setup), "the set-up installs the app as users do, not editable"


def _rewrite_key_section() -> None:
    """Put the current key tables in the README (run: python -m tests.test_readme)."""
    app = RoadmapApp(SessionFolder(Path("sessions")))
    start, end = "<!-- keys:start -->\n", "\n<!-- keys:end -->"
    head, rest = README.split(start, 1)
    tail = rest.split(end, 1)[1]
    (ROOT / "README.md").write_text(head + start + key_reference(app.get_key_display) + end + tail, encoding="utf-8")


if __name__ == "__main__":
    _rewrite_key_section()
