"""The Ideas step keeps what the room did and typed: a merge stays on the
line of the idea that took the other in (until an undo takes it back), a
text cut short ends with an ellipsis, the keys typed while a question is up
go to the field the question came from, and a file of ideas is imported
from inside the app as ``roadmap import`` imports it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.screens.dialogs import ConfirmDialog, FormDialog, TypingQuestion
from tui_roadmap.ui.screens.workshop import WorkshopScreen
from tui_roadmap.workshop.capture import read_people, set_people
from tui_roadmap.workshop.model import Workshop, new_workshop
from tui_roadmap.workshop.text import shorten

from .conftest import NOW, SAFETY_SECONDS, fixed_clock, notifications, settle, type_keys
from .test_cli import roadmap
from .test_trusted_vote import screen_text

LONG = "Send the weekly outfit reminders by text message to every customer who opted in"


def ideas_workshop(*texts: str) -> Workshop:
    workshop = new_workshop("Ideas", NOW)
    goal = workshop.add_goal("Keep customers coming back")
    for text in texts:
        workshop.add_idea(text, goal.id)
    set_people(workshop, read_people("Priya, Marcus"))
    workshop.set_step("ideas")
    return workshop


def app_on(folder: SessionFolder, workshop: Workshop):
    session = folder.create(workshop.name, NOW, workshop)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


def idea_line(app, idea_id: int) -> str:
    ideas = app.screen.query_one("#idea-list")
    return str(ideas.get_option(f"idea-{idea_id}").prompt)


def test_a_text_cut_short_ends_at_a_word_with_an_ellipsis():
    assert shorten(LONG, 30) == "Send the weekly outfit\u2026"
    assert shorten("Dark mode", 30) == "Dark mode"  # whole when it fits
    assert shorten("Supercalifragilistic", 10) == "Supercali\u2026"  # one long word: cut inside, still marked
    for limit in range(2, len(LONG) + 1):
        cut = shorten(LONG, limit)
        assert len(cut) <= limit
        if cut != LONG:
            assert cut.endswith("\u2026") and not cut[:-1].endswith(" ")


async def test_a_merge_shows_on_the_line_of_the_idea_it_made_until_it_is_undone(folder):
    workshop = ideas_workshop("Outfit reminders", LONG, "Dark mode")
    reminders, by_text = workshop.ideas[0], workshop.ideas[1]
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        await type_keys(pilot, "up", "up")  # to the list, on the long idea
        assert app.focused.current_item == by_text.id
        await type_keys(pilot, "m")
        form = app.screen
        assert isinstance(form, FormDialog)
        await type_keys(pilot, "ctrl+u", "1", "tab", "ctrl+u", *LONG, "enter")
        assert isinstance(app.screen, WorkshopScreen)
        # The message cuts the wording at a word, and says it is cut.
        merged_message = next(text for text in said if text.startswith("Merged idea"))
        assert "\u201cSend the weekly outfit reminders by text message to every\u2026\u201d" in merged_message, (
            merged_message
        )
        # The idea that took the other in says so on its line, with the other's words.
        line = idea_line(app, reminders.id)
        assert "merged with \u201cSend the weekly outfit\u2026\u201d" in line, line
        assert [merge.into for merge in workshop.merges] == [reminders.id]
        await type_keys(pilot, "ctrl+z")
        assert workshop.merges == []
        assert "merged" not in idea_line(app, reminders.id)
        await type_keys(pilot, "ctrl+y")  # the merge again: the note again
        assert "merged with" in idea_line(app, reminders.id)


async def test_an_idea_that_took_two_in_says_how_many(folder):
    workshop = ideas_workshop("Dark mode", "Dark theme", "Night mode", "Export")
    dark = workshop.ideas[0]
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(2):  # the second idea, twice: "Dark theme", then "Night mode" in its place
            await type_keys(pilot, "up")
            app.focused.highlighted = 1
            await type_keys(pilot, "m", "ctrl+u", "1", "tab", "ctrl+u", *"Dark mode", "enter")
        line = idea_line(app, dark.id)
        assert "merged: 3 ideas (\u201cDark theme\u201d and 1 more)" in line, line


# ------------------------------------------------- typing at a question


async def test_what_is_typed_while_the_paste_asks_goes_to_the_idea_field(folder):
    workshop = ideas_workshop("Dark mode")
    app = app_on(folder, workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        field = app.focused
        assert isinstance(field, Input) and field.id == "idea-input"
        app.focused.post_message(events.Paste("\n".join(f"Pasted idea {n}" for n in range(2000))))
        await settle(pilot)
        question = app.screen
        assert isinstance(question, TypingQuestion)
        assert "Add 500 ideas from the paste" in question.question
        # The next idea, typed while the question is up: y and n are letters here.
        await type_keys(pilot, *"Yearly plan, now")
        assert isinstance(app.screen, TypingQuestion)
        assert "Yearly plan, now" in screen_text(app)  # shown as it is typed
        await type_keys(pilot, "enter")  # yes
        assert isinstance(app.screen, WorkshopScreen)
        assert len(workshop.ideas) == 501
        assert app.focused is field and field.value == "Yearly plan, now"
        await type_keys(pilot, *" on", "enter")  # typing goes on where it was
        assert workshop.ideas[-1].text == "Yearly plan, now on"


async def test_no_to_the_paste_keeps_the_typing_too(folder):
    app = app_on(folder, ideas_workshop("Dark mode"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        workshop = app.screen.workshop
        field = app.focused
        await type_keys(pilot, *"Half ")  # typed before the paste
        field.post_message(events.Paste("One\nTwo\nThree"))
        await settle(pilot)
        assert isinstance(app.screen, TypingQuestion)
        await type_keys(pilot, *"typed", "escape")  # no
        assert [idea.text for idea in workshop.ideas] == ["Dark mode"]
        assert app.focused is field and field.value == "Half typed"
        await type_keys(pilot, "!")  # and the next key goes after it
        assert field.value == "Half typed!"


async def test_typing_at_the_question_is_kept_when_the_app_is_stopped(folder):
    app = app_on(folder, ideas_workshop("Dark mode"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.focused.post_message(events.Paste("One\nTwo"))
        await settle(pilot)
        assert isinstance(app.screen, TypingQuestion)
        await type_keys(pilot, *"Next idea")
        assert app.save_everything(SAFETY_SECONDS)  # as when the terminal is closed
    assert folder.load("Ideas").drafts["idea"] == "Next idea"


async def test_a_key_typed_as_the_question_comes_up_is_kept_too(folder):
    """A key typed while the question is being put up reaches the question
    itself, before its field has the focus: it is kept all the same."""
    app = app_on(folder, ideas_workshop("Dark mode"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        field = app.focused
        field.post_message(events.Paste("One\nTwo"))
        await settle(pilot)
        question = app.screen
        assert isinstance(question, TypingQuestion)
        question.post_message(events.Key("N", "N"))  # to the question, as such a key comes
        await type_keys(pilot, *"ight mode", "escape")
        assert field.value == "Night mode"


# ------------------------------------------------------ importing a file

SURVEY = (
    "# Ideas from the survey\n\n"
    "- Dark mode @Priya\n"  # the same words as an idea there: left out
    "- [ ] 1: Outfit reminders by email\n"
    "* 9: A goal that does not exist\n"
    "1. Gift cards @Marcus\n"
    "- Dark mode for the whole app\n"  # like idea 1: added, and named
)


async def open_import(pilot) -> FormDialog:
    await type_keys(pilot, "up", "i")  # from the field to the list, then i
    form = pilot.app.screen
    assert isinstance(form, FormDialog) and "Import ideas from a file" in form.dialog_title
    return form


async def test_i_on_the_list_imports_a_file_as_roadmap_import_does(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "survey.md").write_text(SURVEY, encoding="utf-8")
    app = app_on(folder, ideas_workshop("Dark mode"))
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        await open_import(pilot)
        await type_keys(pilot, *"~/survey.md", "enter")  # ~ is the home folder
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question == "Add 3 ideas from survey.md, one per line?"
        assert "3 lines are left out (line 1: not a list item; line 3: already idea 1; line 5: There is no goal 9" in (
            question.detail
        )
        assert "1 looks like an idea already there (line 7 like idea 1, \u201cDark mode\u201d)" in question.detail
        assert [idea.text for idea in workshop.ideas] == ["Dark mode"]  # nothing before the yes
        await type_keys(pilot, "enter")
        assert isinstance(app.screen, WorkshopScreen)
        added = [(idea.text, workshop.goal_number(idea.goal_id), idea.proposer) for idea in workshop.ideas[1:]]
        assert added == [
            ("Outfit reminders by email", 1, ""),
            ("Gift cards", None, "Marcus"),
            ("Dark mode for the whole app", None, ""),
        ]
        assert said[-1].startswith("Added 3 ideas from survey.md (ctrl+z takes them back). 3 lines are left out")
        await type_keys(pilot, "ctrl+z")  # one step takes the whole import back
        assert [idea.text for idea in workshop.ideas] == ["Dark mode"]
        assert "Undid: 3 ideas imported from \u201csurvey.md\u201d" in said[-1]
    # The command line adds the same ideas from the same file.
    cli = tmp_path / "cli"
    SessionFolder(cli / "sessions").create("Ideas", NOW, ideas_workshop("Dark mode")).close()
    (cli / "survey.md").write_text(SURVEY, encoding="utf-8")
    assert roadmap("import", "Ideas", "survey.md", cwd=cli).returncode == 0
    imported = SessionFolder(cli / "sessions").load("Ideas")
    assert [(i.text, imported.goal_number(i.goal_id), i.proposer) for i in imported.ideas[1:]] == added


async def test_a_file_that_cannot_be_imported_is_said_in_the_form_and_nothing_is_lost(folder, tmp_path, monkeypatch):
    from tui_roadmap.files import imports

    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 1024)  # the rule, at a size that keeps the test quick
    (tmp_path / "big.txt").write_text("An idea\n" * 200, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 ordering\n".encode("latin-1"))
    (tmp_path / "a folder").mkdir()
    (tmp_path / "plain.txt").write_text("Gift cards\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Loyalty points\nTeam spaces\n", encoding="utf-8")
    app = app_on(folder, ideas_workshop("Dark mode"))
    async with app.run_test(size=(100, 30)) as pilot:
        said = notifications(app)
        await settle(pilot)
        workshop = app.screen.workshop
        form = await open_import(pilot)
        error = form.query_one("#dialog-error")
        for typed, says in (
            ("", "Type the path of the file"),
            ("missing.md", "There is no file"),
            ("a folder", "is not a file"),
            ("plain.txt/more.md", "cannot be read: a part of the path is not a folder"),
            ("big.txt", "big.txt is 1.6 KB: too big for a list of ideas (at most 1 KB)."),
            ("latin1.txt", "is not UTF-8 text (byte 4): save it as UTF-8 first"),
            (str(folder.root / "ideas.json"), "looks like a session file"),
        ):
            path = str(tmp_path / typed) if typed and not typed.startswith("/") else typed
            await type_keys(pilot, "ctrl+u", *path, "enter")
            assert app.screen is form, typed  # the form stays, with the path typed
            assert form.query_one("#field-0", Input).value == path
            assert says in str(error.render()), (typed, str(error.render()))
        assert [idea.text for idea in workshop.ideas] == ["Dark mode"]
        await type_keys(pilot, "ctrl+u", *str(tmp_path / "plain.txt"), "enter")  # one idea: no question
        assert [idea.text for idea in workshop.ideas] == ["Dark mode", "Gift cards"]
        assert said[-1] == "Added 1 idea from plain.txt (ctrl+z takes it back)."
        await open_import(pilot)  # the last path is offered again
        assert app.screen.query_one("#field-0", Input).value == str(tmp_path / "plain.txt")
        await type_keys(pilot, "ctrl+u", *str(tmp_path / "ok.txt"), "enter", "escape")  # no: nothing added
        assert [idea.text for idea in workshop.ideas] == ["Dark mode", "Gift cards"]
