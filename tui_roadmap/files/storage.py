"""A TinyDB storage that never leaves a half-written file.

TinyDB's stock ``JSONStorage`` truncates the file and writes it again in place:
a crash, a kill or a full disk in the middle of that leaves a file that no
longer loads. :class:`AtomicJSONStorage` writes the whole database to a temp
file in the same folder, flushes it to the disk (fsync), and only then puts it
in place of the old one with ``os.replace``, which is atomic: after a crash
the file holds either the old state or the new one, never a mix.

The JSON keeps one document per line, the session table first, so that a
session diffs cleanly in version control and the session list can read a
file's summary from its first bytes (:func:`read_head`).

Sessions are opened through TinyDB with :class:`SessionCache` on top of the
storage: the documents of a save are put in their tables through TinyDB's own
API, and :meth:`SessionCache.flush` then writes them to the file in one go.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from tui_roadmap.workshop.text import visible

try:
    import pwd  # user names, where the system has them (not on Windows)
except ImportError:  # pragma: no cover - Windows
    pwd = None

TEMP_SUFFIX = ".tmp"
"""Temp files are named ``.<session file>.<random>.tmp`` in the session's folder."""

HEAD_BYTES = 64 * 1024
"""How much of a file :func:`read_head` reads at most."""

MAX_SESSION_BYTES = 50 * 1024 * 1024
"""The largest file opened as a session. A workshop of 10,000 ideas takes
about 1.5 MB; a file far past that is not one a room wrote, and reading it
would stall the screen for minutes."""


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


UMASK = _umask()
"""The process's umask, read once (reading it means setting it for a moment,
which must not happen while saves run on other threads)."""


class DiskIO:
    """The operating-system calls a save makes, one method each, so that a
    test can make any one of them fail."""

    def open_temp(self, folder: Path, name: str) -> tuple[int, str]:
        return tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)

    def write(self, fd: int, data: bytes | memoryview) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def chmod(self, fd: int, mode: int) -> None:
        os.fchmod(fd, mode)

    def chown(self, fd: int, uid: int, gid: int) -> None:
        os.fchown(fd, uid, gid)

    def replace(self, source: str, target: str) -> None:
        os.replace(source, target)

    def unlink(self, path: str) -> None:
        os.unlink(path)

    def fsync_folder(self, folder: Path) -> None:
        """Make the rename itself durable. Not every system can open a
        folder (Windows cannot); the save still stands without it."""
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return
        try:
            self.fsync(fd)
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
                raise
        finally:
            os.close(fd)


def document_line(doc_id: object, doc: dict[str, Any]) -> str:
    """One document as it stands on its line (without the comma after it)."""
    return f" {json.dumps(str(doc_id))}: {json.dumps(doc, ensure_ascii=False)}"


def table_block(docs: dict[str, Any]) -> str:
    """The lines of one table's documents, joined with ``",\\n"``."""
    return ",\n".join(document_line(doc_id, doc) for doc_id, doc in docs.items())


def layout(tables: list[tuple[str, str]]) -> str:
    """The file's text from each table's name and its block of document
    lines (see :func:`table_block`)."""
    parts = ["{"]
    for table_index, (name, block) in enumerate(tables):
        comma = "," if table_index < len(tables) - 1 else ""
        if not block:
            parts.append(f"{json.dumps(name)}: {{}}{comma}")
        else:
            parts += (f"{json.dumps(name)}: {{", block, "}" + comma)
    parts += ("}", "")
    return "\n".join(parts)


def session_first(names: list[str]) -> list[str]:
    """Table names in the order they are written: ``session`` first, so that
    the session list finds the summary at the start of the file."""
    return sorted(names, key=lambda name: name != "session")


def dumps(data: dict[str, dict[str, Any]]) -> str:
    """The database as JSON text, one document per line."""
    return layout([(name, table_block(data[name])) for name in session_first(list(data))])


def encode(text: str) -> bytes:
    """UTF-8 bytes of the JSON; anything that is not text (a lone surrogate)
    is written as a JSON escape rather than failing the save."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(json.loads(text), ensure_ascii=True).encode("ascii")


class ReadOnly(PermissionError):
    """A file that must not be written: it, or its folder, is read-only, or
    it is a link that leads nowhere. ``reason`` says so, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EACCES, reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def marked_read_only(path: Path) -> bool:
    """True if ``path`` (a file or a folder, through a link) was made
    read-only: nobody may write it (``chmod a-w``), or its owner, who is
    this process's user, may not. Checked from its mode, so that a file made
    read-only is kept so even for a user whom the system would let write it
    (root)."""
    status = os.stat(path)
    if not status.st_mode & 0o222:
        return True
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and status.st_uid == geteuid() and not status.st_mode & stat.S_IWUSR


def folder_read_only(folder: Path) -> bool:
    """True if nothing can be written in ``folder``: it was made read-only,
    or this process may not write in it (its permissions, a read-only disk)."""
    try:
        return marked_read_only(folder) or not os.access(folder, os.W_OK)
    except OSError:
        return False  # it is not there: what creates it says why if it cannot


def write_target(path: Path) -> Path:
    """The file a write of ``path`` puts in place: ``path`` itself, or, if it
    is a symbolic link, the file it leads to (the link stays a link).
    :class:`ReadOnly` if the link leads nowhere, or back to itself."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except OSError as error:
        name = visible(path.name)
        if error.errno == errno.ELOOP:
            raise ReadOnly(f"{name} is a symbolic link that leads back to itself (a loop)") from None
        raise ReadOnly(
            f"{name} is a symbolic link to {visible(os.readlink(path))}, which is not there "
            "(a folder not mounted, a file moved): it is not replaced by a plain file"
        ) from None


def writable_target(path: Path) -> Path:
    """The file a write of ``path`` puts in place (see :func:`write_target`),
    once it is known that it may be written; :class:`ReadOnly` with the
    reason if the file or its folder is read-only."""
    target = write_target(path)
    try:
        if marked_read_only(target):
            via = f" (where the link {visible(path.name)} leads)" if target != path else ""
            raise ReadOnly(f"the file {visible(target.name)}{via} is read-only")
    except FileNotFoundError:
        pass  # a new file
    if folder_read_only(target.parent):
        raise ReadOnly(f"the folder {visible(str(target.parent))} is read-only")
    return target


def atomic_write(path: Path, payload: bytes, disk: DiskIO | None = None) -> str | None:
    """Put ``payload`` in ``path`` all at once: temp file, fsync, replace.

    A symbolic link is written through: the temp file is made beside the
    file it leads to, and replaces that file, so the link stays a link.
    A file or a folder made read-only is not written (:class:`ReadOnly`).
    The file keeps its mode and, where this process may set it, its owner.
    Returns a note for the user if the owner could not be kept (the file is
    written all the same), else None.

    On any failure the temp file is removed and the old file is untouched;
    the error is raised for the caller to show.
    """
    disk = disk or DiskIO()
    path = writable_target(path)
    folder = path.parent
    try:
        before: os.stat_result | None = os.stat(path)
        mode = stat.S_IMODE(before.st_mode)
    except FileNotFoundError:
        before = None
        mode = 0o666 & ~UMASK
    note = None
    fd, temp = disk.open_temp(folder, path.name)
    try:
        try:
            view = memoryview(payload)
            while view:
                written = disk.write(fd, view)
                if written <= 0:
                    raise OSError(errno.EIO, "the disk accepted no bytes")
                view = view[written:]
            disk.chmod(fd, mode)
            if before is not None:
                note = _keep_owner(disk, fd, before, path)
            disk.fsync(fd)
        finally:
            disk.close(fd)
        disk.replace(temp, str(path))
    except BaseException:
        try:
            disk.unlink(temp)
        except OSError:
            pass
        raise
    disk.fsync_folder(folder)
    return note


def _keep_owner(disk: DiskIO, fd: int, before: os.stat_result, path: Path) -> str | None:
    """Give the temp file the owner and group of the file it replaces; a
    note saying what changed if this process may not."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (before.st_uid, before.st_gid):
        return None
    try:
        disk.chown(fd, before.st_uid, before.st_gid)
        return None
    except OSError:
        pass
    try:  # the group alone, which an owner may set to one of their groups
        disk.chown(fd, -1, before.st_gid)
    except OSError:
        pass
    if os.fstat(fd).st_uid == before.st_uid:
        return None
    return (
        f"{visible(path.name)} belonged to {_user(before.st_uid)}; this save could not keep that, "
        f"so it now belongs to {_user(mine.st_uid)}"
    )


def _user(uid: int) -> str:
    if pwd is None:
        return f"user {uid}"
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user {uid}"


class UnreadableFile(ValueError):
    """A file whose bytes are not a TinyDB database; the message says why."""


def parse(raw: bytes) -> dict[str, Any]:
    """The JSON object in a session file's bytes, or :class:`UnreadableFile`
    with a reason a person can act on."""
    if not raw.strip():
        raise UnreadableFile("the file is empty (0 bytes)" if not raw else "the file is blank")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"the file is not UTF-8 text (bad byte at position {error.start})") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise UnreadableFile("the JSON is nested too deeply to be a session") from None
    except json.JSONDecodeError as error:
        stripped = text.rstrip()
        if error.msg.startswith("Extra data"):
            reason = f"there is extra data after the end of the JSON (line {error.lineno})"
        elif error.pos >= len(stripped) or (stripped.startswith("{") and not stripped.endswith("}")):
            reason = "the file ends too early: it was cut short (truncated)"
        else:
            reason = f"the file is not valid JSON: {error.msg.removesuffix(' at')} (line {error.lineno}, column {error.colno})"
        raise UnreadableFile(reason) from None
    if not isinstance(data, dict):
        raise UnreadableFile("the JSON in the file is not an object")
    return data


def check_tables(data: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """``data`` once it is known to have the shape TinyDB reads: tables of
    documents, each document an object under a whole-number id. A file of
    another shape is refused here, with the place that is wrong, before
    TinyDB sees it."""
    for name, table in data.items():
        if not isinstance(table, dict):
            raise UnreadableFile(f"the {name} table is {kind(table)}, not a table of documents")
        for key, doc in table.items():
            if not key.isascii() or not key.isdigit():
                raise UnreadableFile(f"{name}: {key!r} is not a document id")
            if not isinstance(doc, dict):
                raise UnreadableFile(f"{name} {key}: the document is {kind(doc)}, not an object")
    return data


def kind(value: object) -> str:
    """What a JSON value is, in words."""
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true or false",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def file_size(path: Path) -> int:
    """The size of a file in bytes (follows links)."""
    return os.stat(path).st_size


def size_text(size: int) -> str:
    """A file size in words: 812 bytes, 4.2 KB, 200.0 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class FileTooBig(UnreadableFile):
    """A file over :data:`MAX_SESSION_BYTES`."""

    def __init__(self, size: int) -> None:
        super().__init__(
            f"it is {size_text(size)}, more than a session file can be ({size_text(MAX_SESSION_BYTES)} at most)"
        )
        self.size = size


def read_session_bytes(path: Path) -> bytes:
    """A session file's bytes, refused with :class:`FileTooBig` before they
    are read if there are too many."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_SESSION_BYTES:
            raise FileTooBig(size)
        return handle.read(MAX_SESSION_BYTES + 1)


def read_head(path: Path) -> dict[str, Any] | None:
    """The ``session`` table of a session file, read from the first
    :data:`HEAD_BYTES` of the file only; None if the file does not begin
    with it (the caller decides whether to read the file whole)."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    text = head.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if not text.startswith("{", index):
        return None
    try:
        key, index = decoder.raw_decode(text, _skip_space(text, index + 1))
        index = _skip_space(text, index)
        if key != "session" or not text.startswith(":", index):
            return None
        table, _ = decoder.raw_decode(text, _skip_space(text, index + 1))
    except (ValueError, RecursionError):
        return None
    return {"session": table}


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


class AtomicJSONStorage(Storage):
    """TinyDB storage for one session file, written atomically.

    ``read`` returns None for a file that does not exist yet, so that TinyDB
    starts empty; an empty (0-byte) or unreadable file raises instead, so that
    a damaged session is never taken for a new one and overwritten.

    ``write`` encodes again only the tables that changed since the last
    write (TinyDB gives a changed table a new object), and keeps the note of
    the last write (an owner it could not keep) in :attr:`note`.
    """

    def __init__(self, path: str | os.PathLike[str], disk: DiskIO | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.disk = disk or DiskIO()
        self.note: str | None = None
        self._blocks: dict[str, tuple[dict[str, Any], str]] = {}

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = read_session_bytes(self.path)
        except FileNotFoundError:
            return None
        return check_tables(parse(raw))

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        blocks = []
        for name in session_first(list(data)):
            table = data[name]
            known = self._blocks.get(name)
            if known is None or known[0] is not table:
                known = self._blocks[name] = (table, table_block(table))
            blocks.append((name, known[1]))
        self.note = atomic_write(self.path, encode(layout(blocks)), self.disk)


class SessionCache(CachingMiddleware):
    """TinyDB's caching middleware, written only when told to: a save puts
    its documents in every table, and :meth:`flush` then writes them all in
    one atomic write."""

    WRITE_CACHE_SIZE = 2**62
