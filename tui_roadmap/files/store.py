"""Sessions on disk: one TinyDB file per session in the sessions folder.

- :class:`SessionFolder` lists, creates, opens and reads sessions by name.
- :class:`OpenSession` holds one session open for editing: its workshop, its
  TinyDB database (with :class:`~tui_roadmap.files.storage.AtomicJSONStorage`) and
  the lock that keeps a second process out.

Errors are :class:`StoreError` subclasses whose message can be shown to the
user as it is; nothing here ever overwrites a file it could not read.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import re
import socket
import stat
import threading
import time
from datetime import date, datetime
from pathlib import Path

from msgspec import Struct
from msgspec.structs import asdict
from tinydb import TinyDB
from tinydb.table import Document

from tui_roadmap.files.backups import find_backup, keep_backup, move_aside, restore_backup
from tui_roadmap.files.documents import (
    TABLES,
    SchemaError,
    from_db,
    from_tables,
    summary_of,
    summary_reads,
    to_tables,
)
from tui_roadmap.files.storage import (
    MAX_SESSION_BYTES,
    TEMP_SUFFIX,
    AtomicJSONStorage,
    DiskIO,
    FileTooBig,
    ReadOnly,
    SessionCache,
    UnreadableFile,
    atomic_write,
    folder_read_only,
    parse,
    read_head,
    read_session_bytes,
    size_text,
    writable_target,
    write_target,
)
from tui_roadmap.workshop.model import Workshop, new_workshop, uid_of
from tui_roadmap.workshop.review import start_review
from tui_roadmap.workshop.text import clean, slugify, visible

FULL_CHECK_BYTES = 4 * 1024 * 1024
"""Files up to this size are read whole to list them (so that one damaged
past its summary is named); a bigger one is listed from its summary alone,
and read whole only when it is opened."""

LOCK_FOLDER = ".locks"
"""Lock files live in this hidden folder inside the sessions folder."""

STALE_TEMP_SECONDS = 600
"""A temp file older than this belongs to no save in progress."""


class StoreError(Exception):
    """A session cannot be listed, opened, created or read; the message says
    why, in words for the user."""


class SessionNotFound(StoreError):
    """No session by that name."""


class SessionExists(StoreError):
    """A session by that name (or file name) already exists."""


class SessionUnreadable(StoreError):
    """A session file that cannot be read; it is left as it is."""

    def __init__(self, path: Path, reason: str) -> None:
        hint = ""
        backup = find_backup(path)
        if backup is not None:
            hint = (
                f" Its good copy of {backup.taken:%Y-%m-%d %H:%M} can be restored: run roadmap, "
                "choose the file and press r."
            )
        super().__init__(f"Cannot read {visible(path.name)}: {visible(reason)}. The file was left as it is.{hint}")
        self.path = path
        self.reason = reason


class SessionReadOnly(StoreError):
    """A session that cannot be saved where it is (its folder or its file is
    read-only): it can still be opened read-only."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        """Why, as a part of a sentence: "the file x.json is read-only"."""
        self.sentence = f"{reason[:1].upper()}{reason[1:]}: the session cannot be saved."
        """The reason as a sentence, for the screen."""
        super().__init__(f"{self.sentence} To look at it without changing it: roadmap open NAME --read-only.")


class SessionLocked(StoreError):
    """The session is open in another process."""

    def __init__(self, name: str, owner: Owner | None) -> None:
        who = owner.describe() if owner else "another process"
        super().__init__(f"The session \u201c{name}\u201d is already open ({who}). Close it there first.")
        self.owner = owner


READ_ONLY_ERRORS = (errno.EACCES, errno.EPERM, errno.EROFS)
"""What the system answers a write in a folder that cannot be written."""


def sessions_folder_read_only(root: Path) -> str:
    return f"the sessions folder {shown_path(root)} is read-only"


def folder_read_only_reason(folder: Path) -> str:
    return f"the folder {shown_path(folder)} is read-only"


def describe_os_error(error: OSError) -> str:
    """An operating-system error in a few plain words."""
    if isinstance(error, ReadOnly):
        return error.reason
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the folder is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOENT: "the file or folder does not exist",
        errno.EISDIR: "it is a folder, not a file",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.EIO: "the disk reported an input/output error",
        errno.ENAMETOOLONG: "the file name is too long",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


class Owner(Struct, frozen=True):
    """Who holds a session open."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        since = self.since.replace("T", " ")[:16]
        return visible(f"by {self.user} on {self.host}, process {self.pid}, since {since}")

    @classmethod
    def current(cls, now: datetime) -> Owner:
        try:
            user = getpass.getuser()
        except (KeyError, OSError, ImportError):  # no user name in this environment
            user = "unknown user"
        return cls(user, socket.gethostname(), os.getpid(), now.isoformat(timespec="seconds"))


class SessionLock:
    """An exclusive lock on one session file, with a note of who holds it.

    The lock is an OS file lock (``flock`` via filelock): it is released by the
    kernel when its process ends, however it ends, so a lock left by a crashed
    or killed process is taken over without anyone deleting files.
    """

    def __init__(self, session_path: Path) -> None:
        # Loaded when a session is first opened or changed, never to list the
        # sessions: filelock takes about 12 ms to load, which the session
        # list's first frame, `roadmap list` and `roadmap export` do without.
        import filelock

        folder = session_path.parent / LOCK_FOLDER
        self.folder = folder
        self.lock = filelock.FileLock(str(folder / f"{session_path.name}.lock"), timeout=0, thread_local=False)
        self._taken = filelock.Timeout
        self.owner_path = folder / f"{session_path.name}.owner"

    def acquire(self, name: str, now: datetime) -> None:
        """Take the lock, or :class:`SessionLocked` (another process holds
        it) or :class:`SessionReadOnly` (no lock can be made in the folder)."""
        if folder_read_only(self.folder.parent):
            raise SessionReadOnly(sessions_folder_read_only(self.folder.parent))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.lock.acquire(timeout=0)
        except self._taken:
            raise SessionLocked(name, self.read_owner()) from None
        except OSError as error:
            if error.errno not in READ_ONLY_ERRORS:
                raise
            where = self.folder if self.folder.is_dir() else self.folder.parent
            raise SessionReadOnly(
                sessions_folder_read_only(where) if where == self.folder.parent else folder_read_only_reason(where)
            ) from None
        try:
            owner = Owner.current(now)
            atomic_write(self.owner_path, json.dumps(asdict(owner)).encode())
        except OSError:
            pass  # the lock holds without the note; a contender then says "another process"

    def read_owner(self) -> Owner | None:
        try:
            data = json.loads(self.owner_path.read_text(encoding="utf-8"))
            return Owner(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def release(self) -> None:
        if self.lock.is_locked:
            try:
                self.owner_path.unlink()
            except OSError:
                pass
            self.lock.release()


class SessionEntry(Struct, frozen=True):
    """One line of the session list."""

    path: Path
    name: str
    product: str = ""
    step: str = "goals"
    updated: datetime | None = None
    goals: int = 0
    ideas: int = 0
    dots: int = 0
    placed: int = 0
    created: datetime | None = None
    series: str = ""
    """The id of the series of reviews it belongs to."""
    review_of: str = ""
    """The name of the session it reviews, if it is a review."""
    problem: str | None = None
    """Why the file cannot be opened, if it cannot."""
    skipped: bool = False
    """True for what is named like a session but is no file at all (a
    folder, a link that leads nowhere): there is nothing to restore."""


def shown_path(path: Path) -> str:
    """A path as the user should read it: relative to the current folder if
    it is inside it (as they would type it), else in full; anything in it
    that is not text shown as an escape (see :func:`~tui_roadmap.workshop.text.visible`)."""
    full = path.resolve()
    try:
        return visible(str(full.relative_to(Path.cwd().resolve())))
    except ValueError:
        return visible(str(full))


def export_target_problem(target: Path, kind: str = "Markdown", suffix: str = ".md") -> str | None:
    """Why an export (the Markdown, or the CSV: ``kind`` and its ``suffix``)
    must not be written to ``target``, if it must not: a ``.json`` file may
    be a session (and writing over one would destroy it), and the lock
    folder is not for documents."""
    if target.suffix.lower() == ".json":
        return f"{visible(target.name)} is a .json file, maybe a session: write the {kind} to a {suffix} file"
    if LOCK_FOLDER in target.parts:
        return f"{visible(str(target.parent))} holds the session locks: write the {kind} somewhere else"
    if target.is_dir():
        return f"{visible(str(target))} is a folder"
    return None


def default_sessions_dir() -> Path:
    """``$TUI_ROADMAP_SESSIONS`` if set, else ``sessions`` in the current folder."""
    return Path(os.environ.get("TUI_ROADMAP_SESSIONS") or "sessions")


class SessionFolder:
    """The folder that holds the sessions, one ``.json`` file each."""

    def __init__(self, root: Path, disk: DiskIO | None = None) -> None:
        self.root = Path(root)
        self.disk = disk or DiskIO()

    def path_for(self, name: str) -> Path:
        """The file a session of this name is kept in."""
        return self.root / f"{slugify(name)}.json"

    def session_files(self) -> list[Path]:
        """Everything in the folder named like a session (``*.json``, hidden
        files aside), files or not: :meth:`entry` says what each one is."""
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.glob("*.json") if not p.name.startswith("."))

    def entries(self, *, full: bool = False) -> list[SessionEntry]:
        """The sessions, most recently changed first, then the files that
        cannot be opened, with their reason. Only each file's summary is
        read; ``full`` also reads whole each file small enough to read at
        once (see :data:`FULL_CHECK_BYTES`)."""
        return in_list_order([self.entry(path, full=full) for path in self.session_files()])

    def entry(self, path: Path, *, full: bool = False) -> SessionEntry:
        """The list line of one file. Never reads more than the file's
        head, unless ``full`` and the file is small."""
        try:
            status = path.stat()
        except OSError as error:
            if error.errno == errno.ELOOP:
                return _skipped(path, "skipped: a symbolic link that leads back to itself (a loop)")
            if path.is_symlink():
                return _skipped(path, "skipped: a symbolic link to a file that does not exist")
            return SessionEntry(path, visible(path.stem), problem=describe_os_error(error))
        if not stat.S_ISREG(status.st_mode):
            what = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            return _skipped(path, f"skipped: it is {what}, not a session file")
        try:
            if status.st_size > MAX_SESSION_BYTES:
                raise FileTooBig(status.st_size)
            data = read_head(path)
            small = status.st_size <= FULL_CHECK_BYTES
            # A summary that is damaged is counted again from the file, read whole.
            whole = small and (full or data is None or not summary_reads(data))
            if data is None or whole:
                if not small:
                    raise UnreadableFile(
                        f"its session summary is not at the start of the file, and at {size_text(status.st_size)} "
                        "it is not read whole to be listed; open it to check it"
                    )
                data = parse(read_session_bytes(path))
            info = summary_of(data, from_tables(data) if whole else None)
        except (UnreadableFile, SchemaError) as error:
            return SessionEntry(path, visible(path.stem), problem=visible(str(error)))
        except OSError as error:
            return SessionEntry(path, visible(path.stem), problem=describe_os_error(error))
        return SessionEntry(path, **info)

    def check(self, path: Path) -> str | None:
        """Why a file cannot be opened, or None if it can (as far as can be
        told without reading a big file whole)."""
        return self.entry(path, full=True).problem

    def find(self, name: str) -> Path:
        """The file of the session called ``name`` (or with that file name)."""
        candidates = [self.path_for(name)]
        if name.endswith(".json"):
            candidates.insert(0, self.root / Path(name).name)
        for path in candidates:
            if path.is_file():
                return path
        wanted = clean(name).casefold()
        for entry in self.entries():
            if entry.name.casefold() == wanted:
                return entry.path
        shown = clean(name, limit=80)
        where = visible(str(self.root))
        raise SessionNotFound(f"No session named \u201c{shown}\u201d in {where}. `roadmap list` shows them.")

    def load(self, name: str) -> Workshop:
        """Read a session without opening it for editing (no lock taken)."""
        return self.load_path(self.find(name))

    def load_path(self, path: Path) -> Workshop:
        """Read the session in ``path`` without opening it for editing."""
        db = TinyDB(path, self.disk, storage=AtomicJSONStorage)
        try:
            return _read(path, db)
        finally:
            db.close()

    def create(self, name: str, now: datetime, workshop: Workshop | None = None) -> OpenSession:
        """Create a new session called ``name`` and open it. ``workshop``
        gives its content (a new empty one by default); it takes the name."""
        fresh = new_workshop(name, now)
        if workshop is None:
            workshop = fresh
        else:
            workshop.name = fresh.name
        path = self.path_for(workshop.name)
        self._refuse_existing(workshop.name, path)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if error.errno not in READ_ONLY_ERRORS:
                raise
            raise SessionReadOnly(folder_read_only_reason(_existing_parent(self.root))) from None
        lock = SessionLock(path)
        lock.acquire(workshop.name, now)
        try:
            self._refuse_existing(workshop.name, path)
            session = OpenSession(path, workshop, lock, self.disk)
            session.save()
        except BaseException:
            lock.release()
            raise
        return session

    def review(self, path: Path, now: datetime, name: str | None = None) -> OpenSession:
        """Create and open the next review of the session in ``path`` (read,
        never changed), called ``name`` or by default after the series and
        the day."""
        earlier = self.load_path(path)
        review = start_review(earlier, name or review_name(earlier.name, now.date()), now)
        return self.create(review.name, now, review)

    def series(self, *, full: bool = False) -> list[list[SessionEntry]]:
        """The sessions grouped by series: each series newest session first,
        the series with the most recently changed session first; then, one
        each, the files that cannot be opened (``full``: as :meth:`entries`)."""
        entries = self.entries(full=full)
        groups: dict[str, list[SessionEntry]] = {}
        for entry in entries:
            key = entry.series if entry.problem is None else f"problem:{entry.path}"
            groups.setdefault(key, []).append(entry)
        for group in groups.values():
            group.sort(key=lambda e: (e.created or datetime.min, _recency(e)), reverse=True)
        return list(groups.values())

    def _refuse_existing(self, name: str, path: Path) -> None:
        if path.exists():
            raise SessionExists(
                f'A session \u201c{name}\u201d already exists ({path.name}). Open it with: roadmap open "{name}"'
            )

    def open(self, name: str, now: datetime, read_only: str | None = None) -> OpenSession:
        """Open a session for editing: take its lock and read it (see
        :meth:`open_path` for ``read_only``)."""
        path = self.find(name)
        return self.open_path(path, now, read_only)

    def write_problem(self, path: Path) -> str | None:
        """Why the session in ``path`` can only be opened read-only (the
        sessions folder, its lock folder, the file or the folder a link
        leads to is read-only, or the link leads nowhere), or None if it
        can be saved."""
        if folder_read_only(path.parent):
            return sessions_folder_read_only(path.parent)
        locks = path.parent / LOCK_FOLDER
        if locks.is_dir() and folder_read_only(locks):
            return folder_read_only_reason(locks)
        try:
            writable_target(path)
        except ReadOnly as error:
            return error.reason
        return None

    def open_path(self, path: Path, now: datetime, read_only: str | None = None) -> OpenSession:
        """Open the session in ``path`` for editing, or :class:`SessionReadOnly`
        if it cannot be saved (see :meth:`write_problem`). With ``read_only``
        (the reason, in words) it is opened to be looked at only: no lock is
        taken, nothing in the folder is touched, and nothing is ever saved."""
        if read_only is not None:
            workshop = self.load_path(path)
            if not workshop.uid:
                workshop.uid = uid_of(workshop)
            return OpenSession(path, workshop, None, self.disk, read_only=read_only)
        problem = self.write_problem(path)
        if problem is not None:
            raise SessionReadOnly(problem)
        lock = SessionLock(path)
        lock.acquire(_name_of(path), now)
        try:
            self.remove_temp_files(path)
            db = TinyDB(path, self.disk, storage=SessionCache(AtomicJSONStorage))
            workshop = _read(path, db)
        except BaseException:
            lock.release()
            raise
        if not workshop.uid:  # a file from before reviews: its id is kept from its next save on
            workshop.uid = uid_of(workshop)
        return OpenSession(path, workshop, lock, self.disk, db)

    def restore_backup(self, path: Path, now: datetime) -> Path | None:
        """Put a session's good copy back (see :mod:`tui_roadmap.files.backups`),
        holding its lock meanwhile. Returns where the damaged file went."""
        return self._locked(path, now, lambda: restore_backup(path, now))

    def move_aside(self, path: Path, now: datetime) -> Path:
        """Move a damaged session file aside, holding its lock meanwhile."""
        return self._locked(path, now, lambda: move_aside(path, now))

    def _locked(self, path: Path, now: datetime, action):
        lock = SessionLock(path)
        lock.acquire(path.stem, now)
        try:
            return action()
        finally:
            lock.release()

    def remove_temp_files(self, session_path: Path | None = None) -> list[Path]:
        """Remove temp files left by saves that never finished: those of one
        session (whose lock the caller holds), or those in the whole folder
        that are too old to belong to a save in progress."""
        if not self.root.is_dir():
            return []
        pattern = f".{session_path.name}.*{TEMP_SUFFIX}" if session_path else f".*.json.*{TEMP_SUFFIX}"
        removed = _remove_temps(self.root, pattern, stale_only=session_path is None)
        if session_path is not None and session_path.is_symlink():
            # Saves through a link leave theirs beside the file it leads to;
            # only old ones go there: another folder may link to it too.
            try:
                target = write_target(session_path)
            except OSError:
                return removed
            removed += _remove_temps(target.parent, f".{target.name}.*{TEMP_SUFFIX}", stale_only=True)
        return removed


class OpenSession:
    """A session open for editing, in its TinyDB database.

    :meth:`write` puts a workshop's documents in their tables through
    TinyDB's API and writes the file once, atomically; :meth:`save` does so
    for the workshop as it is now. Writes may come from another thread (see
    :mod:`tui_roadmap.files.autosave`): one at a time, in the order they are made.
    :meth:`close` lets other processes open the session.

    A session opened read-only (``read_only``: why) holds no lock, and
    never writes: :meth:`write` raises :class:`ReadOnly` with the reason."""

    def __init__(
        self,
        path: Path,
        workshop: Workshop,
        lock: SessionLock | None,
        disk: DiskIO | None = None,
        db: TinyDB | None = None,
        read_only: str | None = None,
    ) -> None:
        self.path = path
        self.workshop = workshop
        self.lock = lock
        self.read_only = read_only
        """Why the session is only looked at (None: it is open for editing)."""
        self.last_save_ok = False
        self.db = db if db is not None else TinyDB(path, disk, storage=SessionCache(AtomicJSONStorage))
        self._written: dict[str, dict] = {}
        self._write_lock = threading.Lock()
        self._closed = False

    @property
    def _cache(self) -> SessionCache:
        """TinyDB's storage of the session: the cache the saves fill."""
        cache = self.db.storage
        assert isinstance(cache, SessionCache)
        return cache

    @property
    def _file(self) -> AtomicJSONStorage:
        """Under the cache: the storage that writes the file."""
        storage = self._cache.storage
        assert isinstance(storage, AtomicJSONStorage)
        return storage

    @property
    def disk(self) -> DiskIO:
        """The operating-system calls the saves make (a test may replace it
        with one that fails)."""
        return self._file.disk

    @disk.setter
    def disk(self, disk: DiskIO) -> None:
        self._file.disk = disk

    @property
    def closed(self) -> bool:
        return self._closed

    def write(self, workshop: Workshop) -> str | None:
        """Write ``workshop`` (a snapshot nobody changes meanwhile) to disk:
        each table whose documents changed is filled anew, then the file is
        written once. Raises OSError if it could not be written; the file
        then still holds the previous save. Returns the storage's note (an
        owner it could not keep), if any."""
        if self.read_only is not None:
            raise ReadOnly(self.read_only)
        tables = to_tables(workshop)
        with self._write_lock:
            if self._closed:
                raise OSError(errno.EBADF, "the session is closed")
            self.last_save_ok = False
            try:
                for name in TABLES:
                    docs = tables[name]
                    if self._written.get(name) == docs:
                        continue
                    table = self.db.table(name)
                    table.truncate()
                    table.insert_multiple(Document(doc, doc_id=int(doc_id)) for doc_id, doc in docs.items())
                self._cache.flush()
            except BaseException:
                # What TinyDB holds now is neither the file nor the last save
                # that worked: the next save fills every table anew.
                self._written = {}
                raise
            self._written = tables
            self.last_save_ok = True
            return self._file.note

    def save(self) -> str | None:
        """Write the workshop as it is now (see :meth:`write`)."""
        return self.write(self.workshop)

    def keep_backup(self) -> bool:
        """Copy the session file, if it reads whole, as its good copy (see
        :mod:`tui_roadmap.files.backups`). Returns False if it could not be
        kept, or the session is only looked at."""
        if self.read_only is not None:
            return False
        try:
            raw = read_session_bytes(self.path)
            from_tables(parse(raw))
            keep_backup(self.path, raw)
        except (OSError, UnreadableFile, SchemaError):
            return False
        return True

    def close(self, backup: bool = True, timeout: float | None = None) -> bool:
        """Keep the good copy of what was saved last (unless ``backup`` is
        False) and let other processes open the session. Waits for a write
        under way (up to ``timeout``: False if it is still going on, and
        nothing was done). Closing again does nothing; any thread may close."""
        if not self._write_lock.acquire(timeout=-1 if timeout is None else timeout):
            return False
        try:
            if self._closed:
                return True
            self._closed = True
            if backup and self.last_save_ok:
                self.keep_backup()
            if self.lock is not None:
                self.lock.release()
            return True
        finally:
            self._write_lock.release()


def _remove_temps(folder: Path, pattern: str, stale_only: bool) -> list[Path]:
    removed = []
    now = time.time()
    for temp in folder.glob(pattern):
        try:
            if stale_only and now - temp.stat().st_mtime < STALE_TEMP_SECONDS:
                continue
            temp.unlink()
            removed.append(temp)
        except OSError:
            continue
    return removed


def _existing_parent(path: Path) -> Path:
    """The nearest folder above ``path`` that exists (the one a new folder
    could not be made in)."""
    for parent in path.parents:
        if parent.is_dir():
            return parent
    return path


def _read(path: Path, db: TinyDB) -> Workshop:
    """The workshop in ``db`` (the database of ``path``), or the reason it
    cannot be read."""
    try:
        if not db.tables():
            raise SessionNotFound(f"The session file {visible(path.name)} is gone.")
        return from_db(db)
    except (UnreadableFile, SchemaError) as error:
        raise SessionUnreadable(path, str(error)) from None
    except OSError as error:
        raise SessionUnreadable(path, describe_os_error(error)) from None


def review_name(earlier: str, day: date) -> str:
    """The default name of a review held on ``day``: the series' name (the
    earlier session's, without a review date of its own), "review" and the day."""
    base = re.sub(r"\s+review \d{4}-\d{2}-\d{2}$", "", earlier) or earlier
    return f"{base} review {day.isoformat()}"


def _skipped(path: Path, reason: str) -> SessionEntry:
    return SessionEntry(path, visible(path.stem), problem=reason, skipped=True)


def in_list_order(entries: list[SessionEntry]) -> list[SessionEntry]:
    """Sessions most recently changed first, then files that cannot be opened."""
    good = sorted((e for e in entries if e.problem is None), key=_recency, reverse=True)
    return good + [e for e in entries if e.problem is not None]


def _name_of(path: Path) -> str:
    """The session's name if its file says it, else the file's name."""
    try:
        head = read_head(path)
        return summary_of(head)["name"] if head else visible(path.stem)
    except (OSError, ValueError):
        return visible(path.stem)


def _recency(entry: SessionEntry) -> float:
    if entry.updated is not None:
        return entry.updated.timestamp()
    try:
        return entry.path.stat().st_mtime
    except OSError:
        return 0.0
