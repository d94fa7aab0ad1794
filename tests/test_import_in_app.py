"""An import from inside the app (i on the Ideas list) works off the
screen's loop, so that the screen and the phones are answered while a big
file is read, and is still one change that ctrl+z takes back."""

from __future__ import annotations

import threading
from urllib.parse import quote

from tui_roadmap.files.imports import ideas_path
from tui_roadmap.workshop import gather
from tui_roadmap.workshop.gather import MAX_IDEAS, file_size

from .conftest import SAFETY_SECONDS, notifications, settle, type_keys
from .test_ideas_step import app_on, ideas_workshop, open_import

WORDS = "search export offline sync team space login calendar reminder budget report invoice chat".split()


def big_file(tmp_path, lines: int = 1200):
    """A file of many ideas, each unlike the others but in its number."""
    path = tmp_path / "survey.txt"
    path.write_text(
        "\n".join(f"{WORDS[n % len(WORDS)]} {WORDS[n * 7 % len(WORDS)]} idea number {n}" for n in range(lines)),
        encoding="utf-8",
    )
    return path


class Watch:
    """Watches the import at work (through the near-duplicate check it makes
    for each idea it adds): on which thread, how many times, and what the
    app does meanwhile (``meanwhile``, called once, from the import's thread,
    with the app)."""

    def __init__(self, monkeypatch, app, meanwhile) -> None:
        self.loop_thread = threading.get_ident()
        self.on_loop = 0
        self.checks = 0
        self.parsed = 0
        self.app = app
        self.meanwhile = meanwhile
        real_check, real_read = gather.likely_duplicate, gather.read_lines

        def check(*args, **kwargs):
            self.checks += 1
            if threading.get_ident() == self.loop_thread:
                self.on_loop += 1
            elif self.checks == 1:
                meanwhile(app)
            return real_check(*args, **kwargs)

        def read(*args, **kwargs):
            self.parsed += 1
            return real_read(*args, **kwargs)

        monkeypatch.setattr(gather, "likely_duplicate", check)
        monkeypatch.setattr(gather, "read_lines", read)


async def test_a_big_import_leaves_the_app_answering_and_is_one_undo(folder, tmp_path, monkeypatch):
    path = big_file(tmp_path)
    app = app_on(folder, ideas_workshop("Dark mode"))
    beat = threading.Event()

    def heartbeat(app) -> None:
        # A timer of the app's own, set from the import's thread: it fires
        # only if the app's loop runs while the import works.
        app.call_from_thread(app.set_timer, 0.01, beat.set)
        assert beat.wait(SAFETY_SECONDS), "the app's loop did not run while the import worked"

    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        watch = Watch(monkeypatch, app, heartbeat)
        workshop = app.screen.workshop
        await open_import(pilot)
        await type_keys(pilot, *str(path), "enter")
        assert watch.on_loop == 0 and beat.is_set()
        assert f"Add {MAX_IDEAS:,} ideas from survey.txt, one per line?" == app.screen.question
        await type_keys(pilot, "enter")
        assert len(workshop.ideas) == 1 + MAX_IDEAS
        # The file read and its lines read once; each idea checked once (not once to ask, once to add).
        assert watch.parsed == 1 and watch.checks == MAX_IDEAS
        assert said[-1].startswith(f"Added {MAX_IDEAS:,} ideas from survey.txt (ctrl+z takes them back).")
        await type_keys(pilot, "ctrl+z")  # one step takes it all back
        assert [idea.text for idea in workshop.ideas] == ["Dark mode"]
        assert said[-1] == f"Undid: {MAX_IDEAS:,} ideas imported from \u201csurvey.txt\u201d"


async def test_a_phones_idea_while_the_import_works_is_kept_and_nothing_clashes(folder, tmp_path, monkeypatch):
    path = big_file(tmp_path, lines=40)
    app = app_on(folder, ideas_workshop("Dark mode"))

    def phone(app) -> None:  # an idea sent from a phone, while the import works on its copy
        screen = app.screen
        app.call_from_thread(screen.outside_change, lambda w: w.add_idea("Sent from a phone"))

    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        watch = Watch(monkeypatch, app, phone)
        workshop = app.screen.workshop
        await open_import(pilot)
        await type_keys(pilot, *str(path), "enter")
        await type_keys(pilot, "enter")  # yes to the question
        # The phone's idea came while the import worked on its copy: it was worked out again, on it.
        assert watch.on_loop == 0 and watch.parsed == 2 and watch.checks == 2 * 40
        texts = [idea.text for idea in workshop.ideas]
        assert texts[:2] == ["Dark mode", "Sent from a phone"] and len(texts) == 2 + 40
        assert len({idea.id for idea in workshop.ideas}) == len({idea.number for idea in workshop.ideas}) == 42
        assert said[-1].startswith("Added 40 ideas from survey.txt")
        await type_keys(pilot, "ctrl+z")  # the import goes, the phone's idea stays
        assert [idea.text for idea in workshop.ideas] == ["Dark mode", "Sent from a phone"]


async def test_a_csv_that_is_not_well_formed_is_said_and_changes_nothing(folder, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text('text,goal\n"Dark mode, unclosed\nGift cards,1\n', encoding="utf-8")
    app = app_on(folder, ideas_workshop("Dark mode"))
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        await open_import(pilot)
        await type_keys(pilot, *str(path), "enter")
        assert said[-1] == "survey.csv is not a well-formed CSV: line 3: unexpected end of data."
        assert [idea.text for idea in app.screen.workshop.ideas] == ["Dark mode"]
        form = await open_import(pilot)  # the path typed is offered again
        assert form.fields[0].value == str(path)


# ----------------------------------------------------- the path, as typed


def test_a_path_dropped_into_the_terminal_is_the_file_it_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    named = tmp_path / "My Ideas (v2).md"
    for typed in (
        f'"{named}"',
        f"'{named}'",
        str(named).replace(" ", "\\ ").replace("(", "\\(").replace(")", "\\)"),
        "file://" + quote(str(named)),
        "file://localhost" + quote(str(named)),
        "My Ideas (v2).md",  # from the folder the app was started in
        f"  {named}  ",
    ):
        assert ideas_path(typed) == named, typed
    assert ideas_path("~/ideas.md") == tmp_path / "home" / "ideas.md"


async def test_the_form_reads_a_dropped_path_and_says_where_it_looked(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "My Ideas.md").write_text("- Gift cards\n", encoding="utf-8")
    (tmp_path / "Unicode text.txt").write_bytes("Loyalty points\r\n".encode("utf-16"))  # Excel's "Unicode text"
    app = app_on(folder, ideas_workshop("Dark mode"))
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        form = await open_import(pilot)
        error = form.query_one("#dialog-error")
        for typed, says in (
            ("notes.md", f"There is no file {tmp_path / 'notes.md'}."),  # where it looked, in full
            ("Unicode text.txt", "Unicode text.txt is UTF-16 text, not UTF-8: save it as UTF-8 first."),
        ):
            await type_keys(pilot, "ctrl+u", *typed, "enter")
            assert app.screen is form and str(error.render()) == says
        await type_keys(pilot, "ctrl+u", *"My\\ Ideas.md", "enter")  # as a terminal drops it
        assert [idea.text for idea in app.screen.workshop.ideas] == ["Dark mode", "Gift cards"]
        assert said[-1].startswith("Added 1 idea from My Ideas.md")


def test_a_file_size_reads_right_at_any_limit():
    assert [file_size(size) for size in (2 * 1024 * 1024, 512 * 1024, 1600, 1024, 900, 1)] == [
        "2 MB",
        "512 KB",
        "1.6 KB",
        "1 KB",
        "900 bytes",
        "1 byte",
    ]
