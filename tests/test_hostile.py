"""Odd and hostile text, typed, pasted and given on the command line: it is
kept exactly when it is text, cleaned when it is not, cut with a message
when it is huge, and never reaches the terminal, the clipboard or the
Markdown as raw control codes."""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Input

from tui_roadmap.export.draft import markdown

from .conftest import empty_app, notifications, settle, type_keys, type_line
from .test_cli import one_line_error, roadmap

ODD_BUT_TEXT = [
    "Looks for families \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 and \U0001f44d\U0001f3fd thumbs",
    "Cafe\u0301 menu with combining marks",
    "\u05ea\u05de\u05d9\u05db\u05d4 \u05d1\u05e2\u05d1\u05e8\u05d9\u05ea: right-to-left support",
    "\u4e2d\u6587\u754c\u9762 and \u65e5\u672c\u8a9e UI",
    "Prices in \u20ac with\u00a0no-break spaces",
]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def paste(pilot, text: str) -> None:
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


async def test_odd_text_is_typed_kept_and_exported_exactly(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        for text in ODD_BUT_TEXT:
            await type_line(pilot, text)
        assert [i.text for i in app.screen.workshop.ideas] == ODD_BUT_TEXT
    saved = folder.load("Empty Workshop")
    assert [i.text for i in saved.ideas] == ODD_BUT_TEXT
    text = markdown(saved)
    for idea in ODD_BUT_TEXT:
        assert f"| {idea} |" in text


async def test_control_codes_never_get_in(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await paste(pilot, "\x1b[2J\x1b]52;c;aGFja2Vk\x07Clear\x00 the \u202eevil\u202c screen\x1b[31m")
        field = app.screen.query_one("#idea-input", Input)
        assert field.value == "Clear the evil screen"
        await type_keys(pilot, "enter")
        await type_keys(pilot, *"   ")
        await paste(pilot, "\t \u3000 ")  # a tab would move on to the list if typed
        await type_keys(pilot, "enter")  # blank: ignored
        assert app.screen.query_one("#idea-input", Input).value == ""
        assert [i.text for i in app.screen.workshop.ideas] == ["Clear the evil screen"]
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert not CONTROL.search(app.clipboard)


async def test_a_huge_paste_is_cut_with_a_message_and_nothing_freezes(folder):
    app = empty_app(folder)
    said = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await paste(pilot, "x" * 1_000_000)
        field = app.screen.query_one("#idea-input", Input)
        assert len(field.value) == 1000
        assert any("cut to 1,000 characters" in message for message in said)
        await type_keys(pilot, "enter")
        assert len(app.screen.workshop.ideas[0].text) == 1000

        await paste(pilot, "\n".join(f"2: Pasted idea {n} @Tom" for n in range(10_000)))
        await settle(pilot)
        assert "Add 500 ideas from the paste, one per line?" in str(app.screen.query_one(".dialog-title").render())
        assert len(app.screen_stack[-2].workshop.ideas) == 1  # nothing added before the room says yes
        await type_keys(pilot, "enter")
        ideas = app.screen.workshop.ideas
        assert len(ideas) == 501
        assert (ideas[1].text, ideas[1].proposer, ideas[1].goal_id) == ("2: Pasted idea 0 @Tom", "", None)
        messages = " ".join(said)
        assert "Added 500 ideas" in messages and "the other 9,500 lines were left out" in messages
        assert "500 kept as typed, without a goal" in messages
    assert len(folder.load("Empty Workshop").ideas) == 501


def test_the_command_line_never_echoes_control_codes(tmp_path):
    result = roadmap("export", "\x1b[2J\u202eevil" + "y" * 5000, cwd=tmp_path)
    line = one_line_error(result, 1)
    assert not CONTROL.search(line)
    assert len(line) < 300


def test_undecodable_bytes_on_the_command_line_are_one_clean_line(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "tui_roadmap", "export", b"\xff\xfe\x1b[31mname"],
        cwd=tmp_path,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    line = result.stderr.decode("utf-8", "replace").strip()
    assert line.startswith("roadmap: No session named") and "\n" not in line
    assert not CONTROL.search(line) and "\ufffd" not in line
