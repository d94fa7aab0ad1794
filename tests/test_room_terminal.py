"""The room attacked from a phone, watched on the real app's terminal: a
name sent with escape sequences (erase the screen and paint it red, retitle
the window) reaches the big screen as plain text, on the panel and in F9,
and nothing of it is written to the terminal."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request
from pathlib import Path

from tui_roadmap.files.store import SessionFolder

from .conftest import NOW, load_sample
from .terminal import CTRL_Q, Terminal

F8 = b"\x1b[19~"
F9 = b"\x1b[20~"
NAME = "Fabrikam H1 2027"


def phone() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def ask_to_join(url: str, name: str) -> None:
    browser = phone()
    page = browser.open(url, timeout=60).read().decode()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    form = urllib.parse.urlencode({"csrf": found.group(1), "name": name}).encode()
    browser.open(url + "join", form, timeout=60).read()


def test_a_name_with_escapes_is_drawn_as_text_and_never_written_raw(tmp_path: Path):
    workshop = load_sample()
    workshop.set_step("ideas")
    SessionFolder(tmp_path / "sessions").create(NAME, NOW, workshop).close()
    terminal = Terminal("--room-host", "127.0.0.1", "open", NAME, cwd=tmp_path)
    try:
        terminal.wait_for_screen(lambda lines: any("F8 Room" in line for line in lines), timeout=120)
        title = terminal.screen.title
        terminal.press(F8)
        terminal.wait_for_screen(lambda lines: re.search(r"127\.0\.0\.1:\d+/r/[\w-]+/", "\n".join(lines)), timeout=120)
        address = re.search(r"127\.0\.0\.1:(\d+)/r/([\w-]+)/", "\n".join(terminal.lines()))
        assert address
        url = f"http://127.0.0.1:{address.group(1)}/r/{address.group(2)}/"
        before = len(terminal.output)
        ask_to_join(url, "\x1b[2J\x1b[31mHACKED")
        ask_to_join(url, "Eve\x1b]2;PWNED\x07")
        ask_to_join(url, "Zoe\x1b]52;c;ZWNobyBoaQ==\x07")
        terminal.wait_for_screen(lambda lines: "Waiting to join (3): HACKED, Eve, Zoe" in " ".join(lines), timeout=120)
        terminal.press(F9)
        terminal.wait_for_screen(lambda lines: any("new name: Zoe" in line for line in lines), timeout=120)
        written = terminal.output[before:]
        for raw in (b"PWNED", b"\x1b]52;", b"ZWNobyBoaQ", b"\x1b[31mHACKED"):
            assert raw not in written, raw
        assert terminal.screen.title == title != "PWNED"
        lines = terminal.lines()
        assert NAME in lines[0], "the top of the screen is not erased"
        for row, line in enumerate(lines):
            for column in [m.start() for m in re.finditer("HACKED", line)]:
                assert all(terminal.screen.buffer[row][column + n].fg != "red" for n in range(6))
        assert any("new name: HACKED" in line for line in lines) and any("new name: Eve" in line for line in lines)
        terminal.press(b"\x1b")  # Esc: the dialog closes
        terminal.wait_for_screen(lambda lines: not any("new name:" in line for line in lines), timeout=120)
        terminal.press(CTRL_Q)
        assert terminal.close(timeout=120) == 0
    finally:
        terminal.hang_up()
        if terminal.process.poll() is None:
            terminal.process.kill()
