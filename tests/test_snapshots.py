"""What the room sees: every step of the sample, the picker and the help, at
100x30 and at 80x24.

The pictures are in ``tests/__snapshots__``. After a deliberate change to the
screen, look at each new picture before accepting it with
``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app

from .conftest import NOW, fixed_clock, load_sample, sample_app

SIZES = [(100, 30), (80, 24)]
STEPS = ["goals", "ideas", "vote", "roadmap", "export"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionFolder:
    """A sessions folder named as a user would name it, in the test's folder."""
    monkeypatch.chdir(tmp_path)
    return SessionFolder(Path("sessions"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("step", STEPS)
def test_each_step_of_the_sample(snap_compare, here, step, size):
    assert snap_compare(sample_app(here, step), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_help(snap_compare, here, size):
    assert snap_compare(sample_app(here, "ideas"), press=["f1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_picker(snap_compare, here, size):
    here.create("Fabrikam H1 2027", NOW, load_sample()).close()
    older = load_sample()
    older.name = "Fabrikam December review"
    older.set_step("export")
    older.updated = older.updated.replace(day=1)
    here.create(older.name, NOW, older).close()
    (here.root / "notes.json").write_text('{"meeting": "not a session"}', encoding="utf-8")
    app = make_app(here, None, clock=fixed_clock, cursor_blink=False)
    assert snap_compare(app, terminal_size=size)


def test_a_terminal_too_small(snap_compare, here):
    assert snap_compare(sample_app(here, "ideas"), terminal_size=(40, 12))


def test_the_session_settings(snap_compare, here):
    assert snap_compare(sample_app(here, "goals"), press=["ctrl+t"], terminal_size=(80, 24))
