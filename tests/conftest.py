"""Shared fixtures: the Fabrikam sample, a fixed clock, a sessions folder in
the test's own temp directory, and the app built the way the command line
builds it."""

from __future__ import annotations

import asyncio
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest

from tui_roadmap.files.documents import from_tables
from tui_roadmap.files.storage import parse
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import RoadmapApp, make_app
from tui_roadmap.workshop.model import Workshop

NOW = datetime(2026, 11, 22, 10, 30, 0)
"""The time the clock shows in every test."""


def fixed_clock() -> datetime:
    return NOW


def sample_bytes() -> bytes:
    return (resources.files("tui_roadmap") / "data" / "fabrikam-h1-2027.json").read_bytes()


def load_sample() -> Workshop:
    """A fresh copy of the Fabrikam workshop."""
    return from_tables(parse(sample_bytes()))


BARE_SAMPLE = Path(__file__).parent / "fixtures" / "sample-before-follow-through.json"
"""The sample as it was before the room's follow-through was added to it
(no baselines, confidence, won't-dos or actions; held 2026-11-20)."""


def bare_sample() -> Workshop:
    """A fresh copy of the sample without its follow-through, for the tests
    that add each part of it themselves."""
    return from_tables(parse(BARE_SAMPLE.read_bytes()))


@pytest.fixture
def bare() -> Workshop:
    return bare_sample()


@pytest.fixture
def sample() -> Workshop:
    return load_sample()


@pytest.fixture
def folder(tmp_path: Path) -> SessionFolder:
    return SessionFolder(tmp_path / "sessions")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No theme or colour settings from the machine running the tests."""
    for name in ("TEXTUAL_THEME", "NO_COLOR", "TUI_ROADMAP_SESSIONS", "TEXTUAL"):
        monkeypatch.delenv(name, raising=False)
    # No settings of this computer's (the theme it remembers): a folder of the test's own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


async def settle(pilot) -> None:
    """Wait until the app has handled every key posted to it, and every
    widget on the screen what those keys sent it; then let it draw.

    Each wait is for an event (a callback run after what is queued before
    it), never for a time window."""
    from tui_roadmap.ui.order import handled

    app = pilot.app

    async def within_reason(waited) -> None:
        # Never a time window for a result: a safety net, so that an app
        # that has crashed fails the test instead of hanging it.
        await asyncio.wait_for(waited, SAFETY_SECONDS)

    for _ in range(3):  # keys, then what they posted, then what that posted
        await within_reason(handled(app))
        for worker in list(app.workers):
            if worker.group != "dialogs":  # a dialog's flow waits for its answer
                await within_reason(worker.wait())
        for node in [app.screen, *app.screen.walk_children()]:
            await within_reason(handled(node))
    await pilot.pause()


SAFETY_SECONDS = 120
"""How long a wait for an event may take before the test fails (far more
than any wait takes, however busy the machine)."""


async def type_keys(pilot, *keys: str) -> None:
    """Press keys the way a fast typist (or a laggy remote terminal) sends
    them: all at once, before the app has handled the first; then wait until
    the app has handled them all. Pilot's own ``press`` waits after every
    key, which makes long typing slow and never shows a burst."""
    from textual import events

    from tui_roadmap.ui.keys import key_name

    app = pilot.app
    for key in keys:
        for part in [key] if len(key) > 1 else list(key):
            name = part
            if len(part) == 1:
                try:
                    name = key_name(part)
                except ValueError:  # a letter of another script, an emoji: its own name will do
                    pass
            character = part if len(part) == 1 else {"space": " "}.get(part)
            app.post_message(events.Key(name, character))
    await settle(pilot)


def notifications(app) -> list[str]:
    """Start noting what the app tells the room (its notifications)."""
    said: list[str] = []
    real = app.notify

    def notify(message, *args, **kwargs):
        said.append(str(message))
        return real(message, *args, **kwargs)

    app.notify = notify
    return said


async def type_line(pilot, text: str) -> None:
    """Type a line of text and press Enter."""
    await type_keys(pilot, *text, "enter")


def sample_app(folder: SessionFolder, step: str | None = None, workshop: Workshop | None = None) -> RoadmapApp:
    """The app on a copy of the sample (or on ``workshop``), opened at ``step``."""
    workshop = workshop or load_sample()
    if step:
        workshop.set_step(step)
    session = folder.create(workshop.name, NOW, workshop)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


def empty_app(folder: SessionFolder, name: str = "Empty Workshop") -> RoadmapApp:
    """The app on a new, empty session."""
    session = folder.create(name, NOW)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--kills",
        type=int,
        default=300,
        help="how many times the long soaks (pytest -m soak) kill the process under test",
    )
