"""The last good copy of each session, and what to do with a damaged file.

Each time a session is opened in the app (and read without fault) and each
time it is closed after a successful save, its file is copied to
``.backups/<file>.json`` in the sessions folder. If the session file is later
damaged (by a disk error, a sync tool, a hand edit), the session list offers
to restore that copy. A damaged file is never overwritten: restoring first
moves it aside as ``<file>.json.damaged-<date>-<time>``, and it can also be
moved aside alone. Nothing here happens without the user asking.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from msgspec import Struct

from tui_roadmap.files.documents import SchemaError, from_tables
from tui_roadmap.files.storage import TEMP_SUFFIX, UnreadableFile, atomic_write, parse, writable_target

BACKUP_FOLDER = ".backups"


class Backup(Struct, frozen=True):
    """A good copy of a session, ready to restore."""

    path: Path
    taken: datetime
    """When the copy was made."""
    ideas: int
    updated: datetime
    """When the session in the copy was last changed."""


def backup_path(session_path: Path) -> Path:
    """Where the good copy of a session file is kept."""
    return session_path.parent / BACKUP_FOLDER / session_path.name


def keep_backup(session_path: Path, raw: bytes) -> None:
    """Keep ``raw`` (bytes that were read as a whole session) as the good
    copy. Raises OSError if it cannot be written."""
    target = backup_path(session_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, raw)


def find_backup(session_path: Path) -> Backup | None:
    """The good copy of a session, if there is one and it reads whole."""
    path = backup_path(session_path)
    try:
        raw = path.read_bytes()
        workshop = from_tables(parse(raw))
        taken = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except (OSError, UnreadableFile, SchemaError):
        return None
    return Backup(path, taken, len(workshop.ideas), workshop.updated)


def aside_path(session_path: Path, now: datetime) -> Path:
    """Where a damaged file goes when it is moved aside: a name that the
    session list does not read as a session, and that no other file has."""
    base = f"{session_path.name}.damaged-{now:%Y%m%d-%H%M%S}"
    target, number = session_path.with_name(base), 1
    while target.exists():
        number += 1
        target = session_path.with_name(f"{base}-{number}")
    return target


def move_aside(session_path: Path, now: datetime) -> Path:
    """Move a damaged session file out of the way (renamed, in the same
    folder). Returns its new path."""
    target = aside_path(session_path, now)
    session_path.rename(target)
    return target


def restore_backup(session_path: Path, now: datetime) -> Path | None:
    """Put the good copy back in place of a damaged session file, which is
    moved aside first. Returns where the damaged file went (None if there
    was none). A session file that is a symbolic link is restored through
    it: the file it leads to is moved aside and put back, beside it, and the
    link stays. Raises OSError or ValueError if the copy cannot be restored;
    everything is then as it was."""
    backup = backup_path(session_path)
    raw = backup.read_bytes()
    from_tables(parse(raw))  # it must read whole before anything moves
    target = writable_target(session_path)
    staged = target.with_name(f".{target.name}.restoring{TEMP_SUFFIX}")
    atomic_write(staged, raw)  # on the disk in full before the damaged file moves
    moved = None
    try:
        if target.exists():
            moved = move_aside(target, now)
        os.replace(staged, target)
    except BaseException:
        if moved is not None and not target.exists():
            moved.rename(target)  # put the damaged file back where it was
        staged.unlink(missing_ok=True)
        raise
    return moved
