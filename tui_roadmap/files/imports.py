"""A file of ideas gathered before the meeting, read from the disk for an
import (i on the Ideas step): found, checked and read whole, or refused
with one line that says why. What it holds is read by
:func:`tui_roadmap.workshop.gather.read_file`, as ``roadmap import`` reads
it."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tui_roadmap.files.store import StoreError, describe_os_error
from tui_roadmap.workshop.gather import MAX_FILE_BYTES, file_size
from tui_roadmap.workshop.text import visible

_ESCAPED = re.compile(r"\\([^A-Za-z0-9])")
"""A character escaped with a backslash, as a terminal escapes a dropped
path's spaces, quotes and brackets (on Windows a backslash is a separator)."""


def ideas_path(typed: str) -> Path:
    """The path typed for an import, or dropped into the terminal, made
    absolute (a relative path is from the folder the app was started in):
    ``~`` is the home folder; quotes around it ('...' or "..."), a
    ``file://`` address (its %20s read as spaces) and backslashes before
    spaces and the like (``My\\ Ideas.md``), as terminals put them on a
    dropped file, are taken off."""
    text = typed.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    elif text[:7].lower() == "file://":
        text = unquote(urlsplit(text).path)
    elif os.sep == "/":
        text = _ESCAPED.sub(r"\1", text)
    return Path(text).expanduser().absolute()


def read_ideas_file(path: Path, sessions: Path | None = None) -> bytes:
    """The bytes of the file of ideas at ``path``; a :class:`StoreError`
    saying why not if it is missing, not a file, unreadable, too big, or a
    session file (``.json``, or in the ``sessions`` folder)."""
    shown = visible(str(path))
    in_sessions = False
    if sessions is not None:
        try:
            in_sessions = sessions.resolve() in path.resolve().parents
        except (OSError, RuntimeError):  # a loop of links: found out below
            pass
    if path.suffix.lower() == ".json" or in_sessions:
        raise StoreError(f"{shown} looks like a session file: import a list of ideas (.md, .csv or .txt).")
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreError(f"There is no file {shown}.") from None
    except OSError as error:
        raise StoreError(f"{shown} cannot be read: {describe_os_error(error)}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{shown} is not a file.")
    if info.st_size > MAX_FILE_BYTES:
        raise StoreError(
            f"{shown} is {file_size(info.st_size)}: too big for a list of ideas (at most {file_size(MAX_FILE_BYTES)})."
        )
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise StoreError(f"{shown} cannot be read: {describe_os_error(error)}.") from None
    if len(raw) > MAX_FILE_BYTES:  # it grew since it was looked at
        raise StoreError(f"{shown} is more than {file_size(MAX_FILE_BYTES)}: too big for a list of ideas.")
    return raw
