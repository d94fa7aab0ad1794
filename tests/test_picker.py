"""The session list: opening, creating, and what it does with damaged files."""

from __future__ import annotations

from tui_roadmap.files.backups import backup_path
from tui_roadmap.ui.app import make_app

from .conftest import NOW, fixed_clock, load_sample, notifications, settle, type_keys, type_line


async def test_a_session_is_opened_and_a_new_one_created(folder):
    folder.create("Fabrikam H1 2027", NOW, load_sample()).close()
    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.workshop.name == "Fabrikam H1 2027"
        await pilot.press("ctrl+q")
    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_line(pilot, "Contoso Q3 review")
        assert app.screen.workshop.name == "Contoso Q3 review"
        await pilot.press("ctrl+q")
    assert [e.name for e in folder.entries()][0] == "Contoso Q3 review"


async def test_a_damaged_file_is_restored_only_when_asked(folder):
    session = folder.create("Fabrikam H1 2027", NOW, load_sample())
    session.close()
    good = session.path.read_bytes()
    assert backup_path(session.path).read_bytes() == good
    session.path.write_bytes(b"")
    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # leave it
        await pilot.pause()
        assert session.path.read_bytes() == b""
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert session.path.read_bytes() == good
        aside = [p.name for p in folder.root.iterdir() if ".damaged-" in p.name]
        assert aside == ["fabrikam-h1-2027.json.damaged-20261122-103000"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.workshop.name == "Fabrikam H1 2027"


async def test_the_list_starts_with_a_folder_full_of_damaged_files(folder):
    folder.create("Fabrikam H1 2027", NOW, load_sample()).close()
    corpus = {
        "empty.json": b"",
        "cut.json": b'{\n"session": {\n "1": {"schema": 1',
        "garbage.json": b'{"session": {}} trailing',
        "list.json": b"[1, 2, 3]",
        "latin1.json": "caf\u00e9".encode("latin-1"),
        "future.json": b'{"session": {"1": {"schema": 7, "name": "From the future"}}}',
        "stranger.json": b'{"people": ["Ann", "Bob"]}',
    }
    for name, content in corpus.items():
        (folder.root / name).write_bytes(content)
    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # every file is read whole in a worker, after the first frame
        entries = list(app.screen.entries.values())
        assert entries[0].name == "Fabrikam H1 2027" and entries[0].problem is None
        assert sorted(e.path.name for e in entries[1:]) == sorted(corpus)
        assert all(e.problem for e in entries[1:])
    for name, content in corpus.items():
        assert (folder.root / name).read_bytes() == content


async def test_a_large_folder_lists_the_recent_sessions_first_then_all(folder):
    from datetime import timedelta

    from tui_roadmap.ui.screens.picker import FIRST_SHOWN

    count = FIRST_SHOWN + 5
    for n in range(count):
        workshop = load_sample()
        workshop.updated = NOW - timedelta(hours=n)
        folder.create(f"Review {n:02d}", NOW, workshop).close()
    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the rest follow once the first frame is drawn
        entries = list(app.screen.entries.values())
        assert len(entries) == count
        assert [e.name for e in entries[:3]] == ["Review 00", "Review 01", "Review 02"]
        assert f"{count} in" in str(app.screen.query_one("#picker-title").render())


async def test_keys_typed_behind_enter_land_in_the_session_opened(folder):
    """Enter on the session list shows the workshop before the next key is
    read: what is typed behind it goes to the workshop, a second Enter or a
    key for the list is not taken by the list that is going away, and only
    the one session is opened (and released on quitting)."""
    folder.create("Fabrikam H1 2027", NOW, load_sample()).close()
    folder.create("Contoso", NOW).close()
    opened = []
    real_open = folder.open_path

    def open_path(path, now, read_only=None):
        opened.append(real_open(path, now, read_only))
        return opened[-1]

    folder.open_path = open_path
    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    said = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "enter", "down", "enter", "f1")
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == ["WorkshopScreen", "HelpScreen"]
        await type_keys(pilot, "escape", *"Zq")
        assert len(opened) == 1 and app.screen.workshop is opened[0].workshop
        assert app.screen.workshop.drafts.get("goal") == "Zq"
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert len(opened) == 1 and opened[0].closed
    assert not [line for line in said if "already open" in line]


async def test_r_twice_on_the_session_list_starts_one_review(folder):
    folder.create("Fabrikam H1 2027", NOW, load_sample()).close()
    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    said = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "r", "r", "down", "r")
        assert app.screen.workshop.earlier is not None
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert len([path for path in folder.root.glob("*.json")]) == 2
    assert not [line for line in said if "already exists" in line]
