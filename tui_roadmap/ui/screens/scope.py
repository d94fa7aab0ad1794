"""Scoping one roadmap item: its owner, its epics (typed fast, like ideas),
the stories under each epic, and each epic's acceptance notes. Opened with
o on a card of the board, in the meeting or in a follow-up.

Every change goes through the workshop screen (``change``), so that it is
saved at once and can be undone there like any other."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from tui_roadmap.ui.messages import StartTyping
from tui_roadmap.ui.order import deliver, focus_now, handled
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, Dialog, Field, FormDialog, start_flow
from tui_roadmap.ui.widgets.fields import EntryInput
from tui_roadmap.ui.widgets.lists import ItemList
from tui_roadmap.workshop import scoping
from tui_roadmap.workshop.model import Scope, Workshop
from tui_roadmap.workshop.text import clean, shorten

Change = Callable[[Callable[[Workshop], object], str], "str | None"]
"""Make a change to the workshop, with its undo label; returns why it was
refused, if it was."""


_STORY = ("- ", "-", "\u2013", "\u2014", "* ", "\u2022")
"""What a story line starts with (a dash, as typed or as a word processor
makes it, a star or a bullet)."""


def _story_text(value: str) -> str | None:
    """The story of a line typed as one, else None (the line is an epic)."""
    line = value.lstrip()
    for mark in _STORY:
        if line.startswith(mark):
            return line[len(mark) :]
    return None


def _row(option_id: str | None) -> tuple[int, int | None] | None:
    """(epic, story or None) of a list row's id."""
    if not option_id or not option_id.startswith(("epic-", "story-")):
        return None
    parts = [int(part) for part in option_id.split("-")[1:]]
    return (parts[0], parts[1] if len(parts) > 1 else None)


class ScopeAct(Message):
    """A key on the list or the entry: edit, delete, or go to the list."""

    def __init__(self, what: str, row: str | None) -> None:
        super().__init__()
        self.what = what
        self.row = row


class ScopeList(ItemList):
    """The epics, each with its acceptance notes and its stories."""

    STARTS_TYPING = True
    BINDINGS = [
        Binding(
            "e,enter",
            "edit",
            "Edit",
            id="scope-edit",
            tooltip="Change the epic (and its acceptance notes) or the story",
            priority=True,
        ),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="scope-delete",
            tooltip="Delete the epic (with its stories) or the story (asks first)",
            priority=True,
        ),
    ]

    async def action_edit(self) -> None:
        await deliver(self, ScopeAct("edit", self.current_option_id))

    async def action_delete(self) -> None:
        await deliver(self, ScopeAct("delete", self.current_option_id))


class ScopeEntry(EntryInput):
    """Where epics and stories are typed; up goes to the list."""

    BINDINGS = [
        Binding(
            "up",
            "to_list",
            "List",
            id="scope-to-list",
            tooltip="Go to the epics and stories, to edit or delete",
            priority=True,
        ),
    ]

    async def action_to_list(self) -> None:
        await deliver(self, ScopeAct("list", None))


class ScopeScreen(Dialog[None]):
    """One roadmap item's scope (see the module)."""

    BINDINGS = [
        Binding(
            "escape", "close", "Back", id="scope-back", tooltip="Back to the board (everything is saved)", priority=True
        ),
        Binding("tab", "next_field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
    ]

    def __init__(self, idea_id: int, heading: str, scope: Callable[[], Scope], change: Change) -> None:
        super().__init__()
        self.idea_id = idea_id
        self.heading = heading
        self.scope = scope
        self.change = change

    def compose(self) -> ComposeResult:
        with Vertical(id="scope"):
            yield Label(Content.styled(self.heading, "bold"), id="scope-title", classes="dialog-title")
            with Horizontal(classes="dialog-field"):
                yield Label("Owner", classes="dialog-label")
                yield EntryInput(placeholder="who owns the item", id="scope-owner", compact=True)
            yield ScopeList(id="scope-list")
            yield Label(id="scope-note", classes="dialog-hint")
            yield ScopeEntry(
                placeholder="Type an epic, Enter adds it.   - story: adds a story to the epic selected above",
                id="scope-entry",
            )
            yield Label(
                Content.styled(
                    "Up: the list (e edit, d delete)    Tab: owner    Esc: keep what is typed, back to the board", "dim"
                ),
                classes="dialog-hint",
            )

    def set_up(self) -> None:
        self.query_one("#scope-owner", Input).value = self.scope().owner
        epics = len(self.scope().epics)
        self.show_scope(f"epic-{epics - 1}" if epics else None)  # a story typed first goes under the last epic
        self.set_focus(self.query_one(ScopeEntry))

    def show_scope(self, keep: str | None = None, note: str = "") -> None:
        scope = self.scope()
        options: list[Option] = []
        for e, epic in enumerate(scope.epics):
            stories = len(epic.stories)
            options.append(
                Option(
                    Content.assemble(
                        (f"Epic {e + 1}  ", "bold $accent"),
                        (epic.title, "bold"),
                        (f"   {stories} {'story' if stories == 1 else 'stories'}", "dim"),
                    ),
                    id=f"epic-{e}",
                )
            )
            if epic.notes:
                options.append(
                    Option(
                        Content.styled(f"          Acceptance: {epic.notes}", "dim italic"),
                        id=f"notes-{e}",
                        disabled=True,
                    )
                )
            for s, story in enumerate(epic.stories):
                options.append(Option(Content.assemble(("        \u2022 ", "$accent"), story), id=f"story-{e}-{s}"))
        if not options:
            options.append(
                Option(Content.styled("No epics yet: type one below and Enter.", "dim"), id="empty", disabled=True)
            )
        listing = self.query_one(ScopeList)
        listing.fill(options, keep)
        status = "scoped" if scoping.is_scoped(scope) else "not scoped yet: it needs an owner and an epic with a story"
        hint = self.query_one("#scope-note", Label)
        hint.set_class(bool(note), "-warning")
        hint.update(Content(note or f"{len(scope.epics)} {'epic' if len(scope.epics) == 1 else 'epics'}; {status}."))

    def _selected_epic(self) -> int:
        row = _row(self.query_one(ScopeList).current_option_id)
        epics = len(self.scope().epics)
        return row[0] if row is not None else epics - 1

    def _do(self, change: Callable[[Workshop], object], label: str, keep: str | None = None) -> bool:
        problem = self.change(change, label)
        self.show_scope(keep, problem or "")
        return problem is None

    @on(Input.Submitted, "#scope-entry")
    async def entry(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value
        if not clean(value):
            event.input.value = ""
            return
        if self._add(value):
            event.input.value = ""

    def _add(self, value: str) -> bool:
        """Add the line typed: a story (under the epic selected) or an epic."""
        idea = self.idea_id
        story = _story_text(value)
        holder: list[int] = []
        if story is not None:
            epic = self._selected_epic()
            if self._do(
                lambda w: holder.append(scoping.add_story(w, idea, epic, story)), "a story added", f"epic-{epic}"
            ):
                self.query_one(ScopeList).select_item(f"story-{epic}-{holder[0]}")
                return True
            return False
        if self._do(lambda w: holder.append(scoping.add_epic(w, idea, value)), "an epic added"):
            self.query_one(ScopeList).select_item(f"epic-{holder[0]}")
            return True
        return False

    @on(Input.Submitted, "#scope-owner")
    async def owner_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._keep_owner()
        focus_now(self.query_one(ScopeEntry))

    @on(Input.Blurred, "#scope-owner")
    def owner_left(self, event: Input.Blurred) -> None:
        self._keep_owner()

    def _keep_owner(self) -> None:
        value = self.query_one("#scope-owner", Input).value
        if clean(value, 80) != self.scope().owner:
            idea = self.idea_id
            self._do(lambda w: scoping.set_owner(w, idea, value), "the item's owner")

    @on(StartTyping)
    def start_typing(self, message: StartTyping) -> None:
        message.stop()
        entry = self.query_one(ScopeEntry)
        focus_now(entry)
        entry.insert_text_at_cursor(message.text)

    @on(ScopeAct)
    async def act(self, message: ScopeAct) -> None:
        message.stop()
        if message.what == "list":
            listing = self.query_one(ScopeList)
            rows = [i for i in range(listing.option_count) if _row(listing.get_option_at_index(i).id) is not None]
            if rows:
                focus_now(listing)
                listing.highlighted = rows[-1]
            return
        row = _row(message.row)
        if row is None:
            return
        if message.what == "edit":
            await self._edit(*row)
        else:
            await self._delete(*row)

    async def _edit(self, epic: int, story: int | None) -> None:
        scope, idea = self.scope(), self.idea_id
        try:
            item = scope.epics[epic]
            text = item.stories[story] if story is not None else ""
        except IndexError:
            return
        if story is None:
            form = FormDialog(
                f"Epic {epic + 1}",
                [Field("Epic", item.title), Field("Acceptance", item.notes, "what must hold for it to be done")],
                lambda v: None if clean(v[0]) else "An epic needs a title.",
                keep_on_quit=False,
            )
        else:
            form = FormDialog(
                f"Story of epic {epic + 1}",
                [Field("Story", text)],
                lambda v: None if clean(v[0]) else "A story cannot be empty: d deletes it.",
                keep_on_quit=False,
            )

        async def flow(ask: Ask) -> None:
            values = await ask(form)
            if values is None:
                return
            if story is None:
                self._do(
                    lambda w: scoping.edit_epic(w, idea, epic, values[0], values[1]), "an epic edited", f"epic-{epic}"
                )
            else:
                number = story
                self._do(
                    lambda w: scoping.edit_story(w, idea, epic, number, values[0]),
                    "a story edited",
                    f"story-{epic}-{number}",
                )

        await start_flow(self, flow)

    async def _delete(self, epic: int, story: int | None) -> None:
        scope, idea = self.scope(), self.idea_id
        try:
            item = scope.epics[epic]
            what = (
                f"epic {epic + 1}, \u201c{shorten(item.title, 60)}\u201d"
                if story is None
                else f"the story \u201c{shorten(item.stories[story], 60)}\u201d"
            )
        except IndexError:
            return
        detail = f"Its {len(item.stories)} stories go with it." if story is None and item.stories else ""

        async def flow(ask: Ask) -> None:
            if await ask(ConfirmDialog(f"Delete {what}?", detail)):
                keep = f"epic-{max(0, epic - 1)}" if story is None else f"epic-{epic}"
                self._do(
                    lambda w: scoping.delete(w, idea, epic, story),
                    "an epic deleted" if story is None else "a story deleted",
                    keep,
                )

        await start_flow(self, flow)

    async def action_next_field(self, offset: int) -> None:
        await handled(self.focused)
        if offset > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def keep(self, partly: bool = False) -> str | None:
        """Keep what is typed (the owner, a line not yet entered), before the
        app quits or when the room goes back to the board; the reason if the
        line cannot be kept."""
        self._keep_owner()
        entry = self.query_one(ScopeEntry)
        if clean(entry.value):
            if not self._add(entry.value):
                return str(self.query_one("#scope-note", Label).render())
            entry.value = ""
        return None

    async def action_close(self) -> None:
        await handled(self.focused)
        if self.keep() is not None:
            return  # the reason is on screen; the line is still in the field
        await self.answer(None)
