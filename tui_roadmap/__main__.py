"""The ``roadmap`` command.

    roadmap                       the session picker
    roadmap new NAME              start a new session
    roadmap open NAME [--read-only]
                                  continue a session (or only look at it)
    roadmap list                  the sessions in the folder
    roadmap export NAME [-o FILE] [--no-diagrams]
                                  the Markdown draft, to standard output or a file
    roadmap export NAME --format csv [-o FILE]
                                  the scoped epics and stories, as CSV for the team's tracker
    roadmap export NAME --format html [-o FILE]
                                  the one-page roadmap, as a self-contained HTML file
    roadmap import NAME FILE      add ideas gathered before the meeting
    roadmap review NAME [--name NEW]
                                  start the next review of a session (the session is not changed)
    roadmap diff OLD NEW          what moved between two sessions of a series
    roadmap demo                  the sample workshop (Fabrikam), every step filled in

A problem (an unknown session, a locked or unreadable file, a bad argument) is
one line on standard error and exit status 1, or 2 for a usage mistake. A run
stopped from outside saves everything first, then ends with 128 + the signal's
number: 130 for SIGINT, 129 for SIGHUP (the terminal closed), 143 for SIGTERM.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import NoReturn

from tui_roadmap import __version__
from tui_roadmap.export.draft import markdown, since_markdown
from tui_roadmap.export.page import page
from tui_roadmap.export.tracker import tracker_csv, tracker_rows
from tui_roadmap.files.documents import from_tables
from tui_roadmap.files.storage import atomic_write, parse
from tui_roadmap.files.store import (
    OpenSession,
    SessionEntry,
    SessionFolder,
    SessionLocked,
    SessionReadOnly,
    StoreError,
    default_sessions_dir,
    describe_os_error,
    export_target_problem,
)
from tui_roadmap.room.host import check_address, check_public_url
from tui_roadmap.ui.settings import load_settings
from tui_roadmap.workshop.clock import system_clock
from tui_roadmap.workshop.gather import MAX_FILE_BYTES, add_gathered, read_file, report
from tui_roadmap.workshop.model import STEP_TITLES, Workshop, WorkshopError, series_of
from tui_roadmap.workshop.review import between
from tui_roadmap.workshop.sample import REVIEW_FILE
from tui_roadmap.workshop.text import visible

SAMPLE_FILE = "fabrikam-h1-2027.json"
"""The sample workshop shipped with the package (in ``tui_roadmap/data``)."""


class UsageError(Exception):
    """A mistake in the command line."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaints cut to one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see roadmap --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="roadmap",
        description="Run a product-roadmap workshop in the terminal: goals, ideas, dot voting, "
        "a roadmap by quarter, and a Markdown draft with its refinement checklist.",
        epilog="Sessions are kept in ./sessions, or in $TUI_ROADMAP_SESSIONS, or in --sessions-dir.",
    )
    parser.add_argument("--version", action="version", version=f"tui-roadmap {__version__}")
    parser.add_argument("--sessions-dir", metavar="DIR", type=Path, help="the folder that holds the sessions")
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="the colours: projector-light or projector-dark (high contrast, for a projector), textual-dark, "
        "textual-light, or any Textual theme; remembered on this computer",
    )
    parser.add_argument(
        "--room-host",
        metavar="ADDR",
        help="the address the room listens on when it is opened to phones (F8); "
        "by default this computer's address on its network, never every interface",
    )
    parser.add_argument(
        "--room-url",
        metavar="URL",
        help="the public address a tunnel (cloudflared, tailscale serve, ssh -R) gives the room, such as "
        "https://room.example.org: shown in its QR code; every name then waits for the facilitator's yes",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    new = commands.add_parser("new", help="start a new session and open it")
    new.add_argument("name", metavar="NAME")
    open_ = commands.add_parser("open", help="continue a session where the room left it")
    open_.add_argument("name", metavar="NAME")
    open_.add_argument(
        "--read-only",
        action="store_true",
        help="only look at it: nothing can be changed and nothing is saved (export still works); "
        "a session whose file or folder is read-only opens so by itself",
    )
    commands.add_parser("list", help="list the sessions, most recent first")
    export = commands.add_parser(
        "export", help="print the Markdown draft roadmap, or the epics and stories as CSV for the team's tracker"
    )
    export.add_argument("name", metavar="NAME")
    export.add_argument(
        "--format",
        choices=("markdown", "csv", "html"),
        default="markdown",
        help="markdown: the draft roadmap (the default); csv: one row per epic and per story; "
        "html: the one-page roadmap, to print or send",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write it to FILE instead (a folder: <session>.md, .csv or .html in it)",
    )
    export.add_argument(
        "--diagrams",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the draft with its Mermaid diagrams, or without them (for Confluence); "
        "by default as set on the Export step (m)",
    )
    gathered = commands.add_parser(
        "import",
        help="add ideas gathered before the meeting, from a Markdown list, a CSV (text, goal number, proposer) "
        "or plain lines",
    )
    gathered.add_argument("name", metavar="NAME")
    gathered.add_argument("file", metavar="FILE", type=Path)
    review = commands.add_parser(
        "review",
        help="start the next review of a session: a new session of its series that carries over the goals, "
        "the roadmap and the parking lot (the session itself is not changed)",
    )
    review.add_argument("name", metavar="NAME")
    review.add_argument("--name", dest="new_name", metavar="NEW", help="the review's name (default: NAME review DATE)")
    diff = commands.add_parser("diff", help="print what moved between two sessions of a series, in Markdown")
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    commands.add_parser(
        "demo", help="open the sample workshop and its first review (created in the sessions folder if missing)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except UsageError as error:
        print(f"roadmap: {visible(str(error))}", file=sys.stderr)
        return 2

    try:
        return _run(args)
    except UsageError as error:
        print(f"roadmap: {visible(str(error))}", file=sys.stderr)
        return 2
    except WorkshopError as error:
        print(f"roadmap: {visible(str(error))}", file=sys.stderr)
        return 2
    except StoreError as error:
        print(f"roadmap: {visible(str(error))}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f" ({visible(str(error.filename))})" if error.filename else ""
        print(f"roadmap: {describe_os_error(error)}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.theme is not None:
        names = _theme_names()
        if args.theme not in names:
            raise UsageError(f"--theme: there is no theme {args.theme!r}; the themes are {', '.join(names)}")
    if args.room_host is not None:
        try:
            args.room_host = check_address(args.room_host)
        except ValueError as error:
            raise UsageError(f"--room-host: {error}") from None
    if args.room_url is not None:
        try:
            args.room_url = check_public_url(args.room_url)
        except ValueError as error:
            raise UsageError(f"--room-url: {error}") from None

    folder = SessionFolder(args.sessions_dir or default_sessions_dir())
    if folder.root.exists() and not folder.root.is_dir():
        raise StoreError(f"{folder.root} is not a folder: name the folder that holds the sessions.")
    command = args.command
    if command == "list":
        return _list(folder)
    if command == "diff":
        return _diff(folder, args.old, args.new)
    if command == "export":
        if args.format == "csv":
            return _export_csv(folder, args.name, args.output)
        if args.format == "html":
            return _export_html(folder, args.name, args.output)
        return _export(folder, args.name, args.output, args.diagrams)

    now = system_clock()
    if command == "import":
        return _import(folder, args.name, args.file, now)
    if command == "review":
        return _review(folder, args.name, args.new_name, now, args.room_host, args.theme, args.room_url)
    if command is None:
        _need_terminal()
        folder.remove_temp_files()
        return _run_app(folder, None, args.room_host, args.theme, args.room_url)
    if command == "demo":
        _need_terminal()
        session = _open_demo(folder, now)
    elif command == "new":
        _need_terminal()
        session = folder.create(args.name, now)
    else:
        _need_terminal()
        session = _open(folder, args.name, now, args.read_only)
    return _run_app(folder, session, args.room_host, args.theme, args.room_url)


READ_ONLY_ASKED = "it was opened with --read-only"
"""Why a session opened with ``--read-only`` is only looked at."""


def _open(folder: SessionFolder, name: str, now: datetime, read_only: bool) -> OpenSession:
    """Open a session for editing; one that cannot be saved where it is (a
    read-only file or folder) opens read-only, saying why on the screen."""
    if read_only:
        return folder.open(name, now, read_only=READ_ONLY_ASKED)
    try:
        return folder.open(name, now)
    except SessionReadOnly as error:
        return folder.open(name, now, read_only=error.reason)
    except SessionLocked as error:
        raise StoreError(f"{error} To look at it meanwhile: roadmap open {_quoted_arg(name)} --read-only.") from None


def _need_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise StoreError("the workshop screen needs a terminal; to print a draft, use: roadmap export NAME")


# The interface (Textual, and the screens) is loaded only by the commands
# that open the screen or name a theme: about 0.2 s that `roadmap export`,
# `list`, `import` and `diff` do without (the two local imports below).


def _theme_names() -> list[str]:
    from tui_roadmap.ui.themes import theme_names  # local: see above

    return theme_names()


def _run_app(
    folder: SessionFolder,
    session: OpenSession | None,
    room_host: str | None = None,
    theme: str | None = None,
    room_url: str | None = None,
) -> int:
    from tui_roadmap.ui.app import make_app  # local: see above

    app = make_app(
        folder, session, theme=theme, room_address=room_host, remember_theme=theme is not None, room_url=room_url
    )
    try:
        app.run()
    finally:
        app.close_session()
    return app.return_code or 0


def _list(folder: SessionFolder) -> int:
    entries = folder.entries(full=True)
    if not entries:
        print(f"No sessions in {visible(str(folder.root))}. Start one with: roadmap new NAME")
        return 0
    for group in folder.series(full=True):
        if len(group) == 1:
            print(_list_line(group[0]))
            continue
        first = min(group, key=lambda e: e.created or e.updated or datetime.min)
        print(f"{visible(first.name)}: a series of {len(group)} sessions, newest first")
        for entry in group:
            held = entry.created.date().isoformat() if entry.created else ""
            print(f"  {held}  {_list_line(entry)}")
    return 0


def _list_line(entry: SessionEntry) -> str:
    file_name = visible(entry.path.name)
    if entry.skipped:
        return f"- {file_name}: {visible(entry.problem or 'skipped')}"
    if entry.problem:
        return f"! {file_name}: cannot be opened: {visible(entry.problem)}"
    changed = entry.updated.strftime("%Y-%m-%d %H:%M") if entry.updated else ""
    return (
        f"{visible(entry.name)}  ({file_name})  {STEP_TITLES.get(entry.step, entry.step)} step, "
        f"{entry.goals} goals, {entry.ideas} ideas, {entry.placed} placed, changed {changed}"
    )


def _review(
    folder: SessionFolder,
    name: str,
    new_name: str | None,
    now: datetime,
    room_host: str | None = None,
    theme: str | None = None,
    room_url: str | None = None,
) -> int:
    """Create the next review of a session; open it if there is a terminal."""
    path = folder.find(name)
    session = folder.review(path, now, new_name)
    try:
        earlier = session.workshop.earlier
        carried = len(session.workshop.carried)
        back = len(session.workshop.ideas) - carried
        print(
            f"Created \u201c{visible(session.workshop.name)}\u201d ({visible(session.path.name)}), the review of "
            f"\u201c{visible(earlier.name if earlier else name)}\u201d: {carried} roadmap items carried over, "
            f"{back} parked ideas back, timeframe {session.workshop.timeframe.label()}."
        )
    except BaseException:
        session.close()
        raise
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        session.close()
        print(f"Open it with: roadmap open {_quoted_arg(session.path.stem)}")
        return 0
    return _run_app(folder, session, room_host, theme, room_url)


def _quoted_arg(text: str) -> str:
    return shlex.quote(visible(text))


def _diff(folder: SessionFolder, old: str, new: str) -> int:
    earlier, later = folder.load(old), folder.load(new)
    if series_of(earlier) != series_of(later):
        raise StoreError(
            f"\u201c{visible(earlier.name)}\u201d and \u201c{visible(later.name)}\u201d are not of the same series: "
            "`roadmap list` shows the series."
        )
    if later.created < earlier.created:
        raise StoreError(
            f"\u201c{visible(later.name)}\u201d is older than \u201c{visible(earlier.name)}\u201d: name the older session first."
        )
    if later.created == earlier.created:
        raise StoreError("Name two different sessions of the series: the older one first.")
    sys.stdout.write("\n".join(since_markdown(between(earlier, later))))
    return 0


def _export(folder: SessionFolder, name: str, output: Path | None, diagrams: bool | None = None) -> int:
    if diagrams is None:
        diagrams = load_settings().diagrams
    text = markdown(folder.load(name), diagrams)
    if output is None:
        sys.stdout.write(text)
        return 0
    target = output / f"{folder.find(name).stem}.md" if output.is_dir() else output
    problem = export_target_problem(target)
    if problem:
        raise StoreError(f"Not written: {problem}.")
    return _write_export(target, text)


def _export_csv(folder: SessionFolder, name: str, output: Path | None) -> int:
    """The scoped epics and stories as CSV; a session with none gives the
    header row alone, and a note that says why."""
    workshop = folder.load(name)
    text = tracker_csv(workshop)
    target = None
    if output is not None:
        target = output / f"{folder.find(name).stem}.csv" if output.is_dir() else output
        problem = export_target_problem(target, "CSV", ".csv")
        if problem:
            raise StoreError(f"Not written: {problem}.")
    if not tracker_rows(workshop):
        print(
            "roadmap: note: no roadmap item is scoped yet: the CSV has only its header row "
            "(scope a placed item first: o on its card on the Roadmap step).",
            file=sys.stderr,
        )
    if target is None:
        sys.stdout.write(text)
        return 0
    return _write_export(target, text)


def _export_html(folder: SessionFolder, name: str, output: Path | None) -> int:
    """The one-page HTML roadmap, to standard output or a file."""
    text = page(folder.load(name))
    if output is None:
        sys.stdout.write(text)
        return 0
    target = output / f"{folder.find(name).stem}.html" if output.is_dir() else output
    problem = export_target_problem(target, "HTML page", ".html")
    if problem:
        raise StoreError(f"Not written: {problem}.")
    return _write_export(target, text)


def _write_export(target: Path, text: str) -> int:
    try:
        note = atomic_write(target, text.encode("utf-8"))
    except OSError as error:
        raise StoreError(f"Could not write {visible(str(target))}: {describe_os_error(error)}.") from None
    if note:
        print(f"roadmap: note: {visible(note)}", file=sys.stderr)
    print(f"Written to {visible(str(target))}")
    return 0


def _import(folder: SessionFolder, name: str, file: Path, now: datetime) -> int:
    """Add the ideas of a file to a session; the file is read and checked
    whole before the session is opened, so that a bad file changes nothing."""
    shown = visible(str(file))
    if file.suffix.lower() == ".json" or folder.root.resolve() in file.resolve().parents:
        raise StoreError(f"{shown} looks like a session file: import a list of ideas (.md, .csv or .txt).")
    if not file.is_file():
        raise StoreError(f"{shown} is not a file." if file.exists() else f"There is no file {shown}.")
    if file.stat().st_size > MAX_FILE_BYTES:
        size = file.stat().st_size / 1e6
        raise StoreError(
            f"{shown} is {size:.1f} MB: too big for a list of ideas (at most {MAX_FILE_BYTES // 2**20} MB)."
        )
    raw = file.read_bytes()
    try:  # a file that cannot be read stops here, before the session is opened
        read_file(raw, file.name, folder.load(name))
    except WorkshopError as error:  # not text, not UTF-8, not a CSV: the file's fault (1), not the command line's (2)
        raise StoreError(str(error)) from None
    session = folder.open(name, now)
    added = False
    try:
        result = add_gathered(session.workshop, read_file(raw, file.name, session.workshop))
        added = bool(result.added)
        if added:
            session.workshop.updated = now
            note = session.save()
            if note:
                print(f"roadmap: note: {visible(note)}", file=sys.stderr)
    finally:
        session.close(backup=added)
    for line in report(result, visible(file.name)):
        print(visible(line))
    return 0


def _open_demo(folder: SessionFolder, now: datetime) -> OpenSession:
    """Open the sample workshop; it and its first review are created in the
    folder if they are not there yet (a series of two). Each bundled file
    is named as the folder names a session of its name, so that it is read
    only to create it."""
    if not (folder.root / REVIEW_FILE).exists():
        review = _bundled(REVIEW_FILE)
        folder.create(review.name, now, review).close()
    path = folder.root / SAMPLE_FILE
    if path.exists():
        try:
            return folder.open_path(path, now)
        except SessionReadOnly as error:
            return folder.open_path(path, now, read_only=error.reason)
    sample = _bundled(SAMPLE_FILE)
    return folder.create(sample.name, now, sample)


def _bundled(file_name: str) -> Workshop:
    return from_tables(parse((resources.files("tui_roadmap") / "data" / file_name).read_bytes()))


if __name__ == "__main__":
    sys.exit(main())
