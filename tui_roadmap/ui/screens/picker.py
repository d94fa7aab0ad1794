"""The session picker: the sessions in the folder, most recent first, and a
new one. A file that cannot be opened is listed with the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from tui_roadmap.files.store import SessionEntry, SessionFolder, StoreError, describe_os_error, shown_path
from tui_roadmap.ui.messages import StartTyping
from tui_roadmap.ui.order import deliver, focus_now, handled
from tui_roadmap.ui.screens.damaged import DamagedFileDialog
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, start_flow
from tui_roadmap.ui.widgets.fields import TextInput
from tui_roadmap.ui.widgets.keybar import KeyBar
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.ui.widgets.sizeguard import SizeGuard
from tui_roadmap.workshop.clock import Clock
from tui_roadmap.workshop.model import STEP_TITLES
from tui_roadmap.workshop.text import clean, visible


def entry_prompt(entry: SessionEntry, series: str = "") -> Content:
    """One session as a line (two, with its details) of the list; ``series``
    says where it stands in its series, if the series has more than one."""
    if entry.skipped:
        return Content.assemble(
            ("- ", "dim"),
            (visible(entry.path.name), "bold"),
            "\n    ",
            (visible(entry.problem or "skipped"), "dim"),
        )
    if entry.problem:
        return Content.assemble(
            ("! ", "bold $error"),
            (visible(entry.path.name), "bold"),
            "\n    ",
            (f"cannot be opened: {visible(entry.problem)} (Enter: what to do)", "$error"),
        )
    changed = entry.updated.strftime("%Y-%m-%d %H:%M") if entry.updated else ""
    details = (
        f"changed {changed} \u00b7 {STEP_TITLES.get(entry.step, entry.step)} step \u00b7 {entry.goals} goals"
        f" \u00b7 {entry.ideas} ideas \u00b7 {entry.dots} dots \u00b7 {entry.placed} placed"
    )
    return Content.assemble(
        ("  \u21b3 " if series and entry.review_of else "", "bold"),
        (visible(entry.name), "bold"),
        (f"  {visible(entry.product)}" if entry.product else "", ""),
        (f"  {series}" if series else "", "$accent"),
        "\n    ",
        ("  " if series and entry.review_of else "", ""),
        (details, "dim"),
    )


def in_series(groups: list[list[SessionEntry]]) -> tuple[list[SessionEntry], dict[Path, str]]:
    """The sessions series by series (newest first within each), and for
    each session of a series of more than one, what it is, in words."""
    ordered: list[SessionEntry] = []
    places: dict[Path, str] = {}
    for group in groups:
        ordered += group
        if len(group) > 1:
            for entry in group:
                held = entry.created.date().isoformat() if entry.created else ""
                what = f"review of {visible(entry.review_of)}" if entry.review_of else "first of its series"
                places[entry.path] = f"{what} \u00b7 held {held}"
    return ordered, places


FIRST_SHOWN = 40
"""How many sessions the first frame lists (more than a screen holds)."""


class SessionList(ItemList):
    """The sessions in the folder."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="picker-open", tooltip="Open the session", priority=True),
        Binding("n", "new", "New session", id="picker-new", tooltip="Type a name for a new session", priority=True),
        Binding(
            "r",
            "review",
            "Review",
            id="picker-review",
            tooltip="Start the next review of the session: a new session of its series, from its roadmap (the session is not changed)",
            priority=True,
        ),
    ]

    async def action_review(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            await deliver(self, ReviewEntry(option.id))

    async def action_open(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            await deliver(self, OpenEntry(option.id))

    async def action_new(self) -> None:
        await deliver(self, StartTyping(""))


class OpenEntry(Message):
    """Open the session of a line of the list (its option id)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class ReviewEntry(Message):
    """Start the next review of the session of a line of the list."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class Sessions(Protocol):
    """What the session list asks of the app: each call shows the session
    (or says why not) before it returns, so that the keys typed behind
    Enter land in the workshop, not in the list that is going away."""

    def open_session(self, path: Path, read_only: str | None = None) -> None: ...

    def create_session(self, name: str) -> None: ...

    def review_session(self, path: Path) -> None: ...


class PickerScreen(Screen[None]):
    """Choose a session, or start a new one."""

    BINDINGS = [
        Binding("f1", "help", "Help", id="picker-help", tooltip="Show every key", priority=True),
        Binding("tab", "next_field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
    ]

    def __init__(self, folder: SessionFolder, clock: Clock, sessions: Sessions) -> None:
        super().__init__()
        self.folder = folder
        self.clock = clock
        self.sessions = sessions
        self.entries: dict[str, SessionEntry] = {}
        self.places: dict[Path, str] = {}

    def compose(self) -> ComposeResult:
        yield Label(id="picker-title", classes="section-title")
        yield SessionList(id="sessions")
        with Horizontal(classes="entry-row"):
            yield Label("New session", classes="field-label")
            yield TextInput(
                placeholder="Its name, e.g. Fabrikam H1 2027; Enter creates it", id="new-name", compact=True
            )
        yield KeyBar()
        yield SizeGuard()

    def on_mount(self) -> None:
        # Every file's summary is read (it is quick), but only the first rows
        # are drawn at once; the rest join the list once it is on screen, and
        # each file is read whole after that: the first frame does not wait
        # for a folder of hundreds of sessions.
        entries, self.places = in_series(self.folder.series())
        self.show_entries(entries[:FIRST_SHOWN], total=entries)
        self.call_after_refresh(self._after_first_frame, entries)

    def _after_first_frame(self, entries: list[SessionEntry]) -> None:
        if len(entries) > FIRST_SHOWN:
            self._show_rest(entries)
        self.check_files()

    def _show_rest(self, entries: list[SessionEntry]) -> None:
        rest = {f"session:{entry.path.name}": entry for entry in entries[FIRST_SHOWN:]}
        self.entries.update(rest)
        self.query_one(SessionList).add_options(Option(self._prompt(e), id=key) for key, e in rest.items())

    def _prompt(self, entry: SessionEntry) -> Content:
        return entry_prompt(entry, self.places.get(entry.path, ""))

    def show_entries(self, entries: list[SessionEntry], total: list[SessionEntry] | None = None) -> None:
        """List ``entries`` (the first of ``total``, if the rest are coming)."""
        sessions = self.query_one(SessionList)
        keep = sessions.current_option_id
        self.entries = {f"session:{entry.path.name}": entry for entry in entries}
        where = shown_path(self.folder.root)
        every = total if total is not None else entries
        problems = sum(1 for e in every if e.problem)
        if every:
            count = Content(f"  {len(every) - problems} in {where}")
            if problems:
                count += Content.styled(f"  ({problems} cannot be opened)", "$error")
        else:
            count = Content(f"  none yet in {where}: name a new one below")
        self.query_one("#picker-title", Label).update(Content.assemble(("Sessions", "bold"), count))
        sessions.fill([Option(self._prompt(e), id=key) for key, e in self.entries.items()], keep=keep)
        if not self.app.focused or self.app.focused is sessions or not entries:
            if entries:
                sessions.focus()
            else:
                self.query_one("#new-name", Input).focus()

    @work(thread=True, exclusive=True)
    def check_files(self) -> None:
        """Read every file whole in the background, so that a file that is
        damaged past its first lines is also named with its reason."""
        problems = {
            key: self.folder.check(entry.path) for key, entry in list(self.entries.items()) if not entry.problem
        }
        if any(problems.values()):
            self.app.call_from_thread(self._mark_problems, problems)

    def _mark_problems(self, problems: dict[str, str | None]) -> None:
        sessions = self.query_one(SessionList)
        for key, problem in problems.items():
            if problem and key in self.entries:
                entry = self.entries[key]
                self.entries[key] = SessionEntry(entry.path, entry.name, problem=problem)
                sessions.replace_option_prompt(key, entry_prompt(self.entries[key]))

    @on(OpenEntry)
    async def open_entry(self, message: OpenEntry) -> None:
        entry = self.entries.get(message.key)
        if entry is None:
            return
        if entry.skipped:
            self.notify(f"{visible(entry.path.name)}: {entry.problem}. There is nothing to open.", markup=False)
            return
        if not entry.problem:
            await self._open(entry)
            return
        dialog = DamagedFileDialog(entry.path, entry.problem, self.clock())

        async def flow(ask: Ask) -> None:
            choice = await ask(dialog)
            if choice is not None:
                self._damaged(entry.path, choice)

        await start_flow(self, flow)

    async def _open(self, entry: SessionEntry) -> None:
        """Open a session; one that cannot be saved where it is (its file or
        the folder is read-only) is offered read-only."""
        problem = self.folder.write_problem(entry.path)
        if problem is None:
            self.sessions.open_session(entry.path)
            return
        question = ConfirmDialog(
            f"\u201c{visible(entry.name)}\u201d cannot be saved: {problem}.",
            "Open it read-only? Nothing can be changed and nothing is saved; the draft can still be exported.",
        )

        async def flow(ask: Ask) -> None:
            if await ask(question):
                self.sessions.open_session(entry.path, problem)

        await start_flow(self, flow)

    @on(ReviewEntry)
    def review_entry(self, message: ReviewEntry) -> None:
        entry = self.entries.get(message.key)
        if entry is None:
            return
        if entry.problem:
            self.notify(
                f"{visible(entry.path.name)} cannot be opened: it cannot be reviewed either.",
                severity="warning",
                markup=False,
            )
            return
        self.sessions.review_session(entry.path)

    @on(StartTyping)
    def new_name(self, message: StartTyping) -> None:
        field = self.query_one("#new-name", Input)
        focus_now(field)
        field.insert_text_at_cursor(message.text)

    async def action_next_field(self, offset: int) -> None:
        await handled(self.focused)
        if offset > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def _damaged(self, path: Path, choice: str) -> None:
        """Do what the user chose with a damaged file."""
        now = self.clock()
        try:
            if choice == "restore":
                moved = self.folder.restore_backup(path, now)
                kept = f" The damaged file is kept as {visible(moved.name)}." if moved else ""
                self.notify(f"Restored the good copy of {visible(path.name)}.{kept}", markup=False)
            elif choice == "aside":
                moved = self.folder.move_aside(path, now)
                self.notify(f"Moved {visible(path.name)} aside, as {visible(moved.name)}.", markup=False)
            else:
                return
        except StoreError as error:
            self.notify(f"Nothing was changed: {error}", severity="error", markup=False)
            return
        except (OSError, ValueError) as error:
            reason = describe_os_error(error) if isinstance(error, OSError) else str(error)
            self.notify(f"Nothing was changed: {visible(reason)}.", severity="error", markup=False)
            return
        entries, self.places = in_series(self.folder.series())
        self.show_entries(entries)
        self.check_files()

    @on(Input.Submitted, "#new-name")
    def new_session(self, event: Input.Submitted) -> None:
        name = clean(event.value)
        if not name:
            self.notify("Type a name for the new session.", severity="warning")
            return
        self.sessions.create_session(name)

    async def action_help(self) -> None:
        # The help lists the keys of every screen and widget, so it loads
        # them all: it is loaded on the first F1, not in the first frame.
        from tui_roadmap.ui.screens.help import HelpScreen

        async def flow(ask: Ask) -> None:
            await ask(HelpScreen())

        await start_flow(self, flow)
