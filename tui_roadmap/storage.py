"""A TinyDB storage that never leaves a half-written file.

TinyDB's stock ``JSONStorage`` truncates the file and writes it again in place:
a crash, a kill or a full disk in the middle of that leaves a file that no
longer loads. :class:`AtomicJSONStorage` writes the whole database to a temp
file in the same folder, flushes it to the disk (fsync), and only then puts it
in place of the old one with ``os.replace``, which is atomic: after a crash
the file holds either the old state or the new one, never a mix.

The JSON keeps one document per line, the session document first, so that a
session diffs cleanly in version control and the session list can read a
file's summary without parsing the rest (:func:`read_head`).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"
"""Temp files are named ``.<session file>.<random>.tmp`` in the session's folder."""

HEAD_BYTES = 64 * 1024
"""How much of a file :func:`read_head` reads at most."""

HEAD_FIRST_READ = 4096
"""What :func:`read_head` reads first (a session document is usually
shorter); it reads on, up to :data:`HEAD_BYTES`, only if it must."""


class DiskIO:
    """The operating-system calls a save makes, one method each, so that a
    test can make any one of them fail."""

    def open_temp(self, folder: Path, name: str) -> tuple[int, str]:
        import tempfile

        return tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)

    def write(self, fd: int, data: bytes) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def chmod(self, fd: int, mode: int) -> None:
        os.fchmod(fd, mode)

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


def layout(tables: list[tuple[str, str]]) -> str:
    """The file's text from each table's name and its document lines,
    joined with ``",\\n"`` (see :func:`document_line`)."""
    parts = ["{"]
    for table_index, (name, block) in enumerate(tables):
        comma = "," if table_index < len(tables) - 1 else ""
        if not block:
            parts.append(f"{json.dumps(name)}: {{}}{comma}")
        else:
            parts += (f"{json.dumps(name)}: {{", block, "}" + comma)
    parts += ("}", "")
    return "\n".join(parts)


def dumps(data: dict[str, dict[str, Any]]) -> str:
    """The database as JSON text, one document per line."""
    return layout(
        [(name, ",\n".join(document_line(doc_id, doc) for doc_id, doc in docs.items())) for name, docs in data.items()]
    )


def encode(text: str) -> bytes:
    """UTF-8 bytes of the JSON; anything that is not text (a lone surrogate)
    is written as a JSON escape rather than failing the save."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(json.loads(text), ensure_ascii=True).encode("ascii")


def atomic_write(path: Path, payload: bytes, disk: DiskIO | None = None) -> None:
    """Put ``payload`` in ``path`` all at once: temp file, fsync, replace.

    On any failure the temp file is removed and the old file is untouched;
    the error is raised for the caller to show.
    """
    disk = disk or DiskIO()
    folder = path.parent
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
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


def read_head(path: Path) -> dict[str, Any] | None:
    """The ``session`` table of a file written by :func:`dumps`, read from
    the start of the file only; None if the file is not laid out that way
    (the caller then reads it whole)."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_FIRST_READ)
        if not head.startswith(b'{\n"session": {\n'):
            return None
        while b"\n}" not in head[15:] and len(head) < HEAD_BYTES:
            more = handle.read(HEAD_FIRST_READ)
            if not more:
                break
            head += more
    lines = head.split(b"\n")
    if len(lines) < 4:
        return None
    for index in range(2, len(lines) - 1):
        if lines[index].startswith(b"}"):
            body = b"\n".join(lines[1:index]) + b"}"
            try:
                data = json.loads(b"{" + body + b"}")
            except ValueError:
                return None
            return data if isinstance(data, dict) else None
    return None


class AtomicJSONStorage(Storage):
    """TinyDB storage for one session file, written atomically.

    ``read`` returns None for a file that does not exist yet, so that TinyDB
    starts empty; an empty (0-byte) or unreadable file raises instead, so that
    a damaged session is never taken for a new one and overwritten.
    """

    def __init__(self, path: str | os.PathLike[str], disk: DiskIO | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.disk = disk or DiskIO()

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return parse(raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.write_text(dumps(data))

    def write_text(self, text: str) -> None:
        """Write the file's whole text (as :func:`dumps` lays it out)."""
        atomic_write(self.path, encode(text), self.disk)


class UnreadableFile(ValueError):
    """A file whose bytes are not a JSON object; the message says why."""


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
