"""Small modal dialogs: a form of a few fields, and a yes/no question, and
:func:`start_flow`, which runs a flow of them in a worker.

A flow reads straight: ``values = await ask(FormDialog(...))`` then ``if
await ask(ConfirmDialog(...)): ...``, in a worker, with Textual's
``push_screen_wait``. Keys typed ahead stay in order: the key that starts a
flow returns once its first dialog is on screen and has the focus, and the
keys typed behind the key that answers a dialog are held (``KeyOrder.hold_keys``)
until the flow has taken the answer in (it ended, or its next dialog is up),
so the keys typed behind either go where the room expects. (The answering
key itself must not wait for the next dialog: putting a screen up needs the
app's own task, which runs that key.)
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from msgspec import Struct
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from tui_roadmap.ui.keys import KeyOrder, now_on_key_clock
from tui_roadmap.ui.order import focus_now, handled
from tui_roadmap.ui.widgets.fields import EntryInput, TextInput
from tui_roadmap.workshop.model import WorkshopError

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A dialog that knows when it is ready for keys, and holds the keys
    typed behind its answer until whoever asked has taken it in (see the
    module)."""

    def __init__(self) -> None:
        super().__init__()
        self._when_ready: list[Callable[[], None]] = []
        self.ready = False
        self.shown_at: float | None = None
        """When the dialog was put up (on the clock keys are stamped with)."""
        self.asked_by_flow = False
        """True once a flow asks with it (see :func:`start_flow`)."""

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the dialog is on screen with the focus set."""
        if self.ready:
            callback()
        else:
            self._when_ready.append(callback)

    def on_mount(self) -> None:
        self.shown_at = now_on_key_clock()
        self.set_up()
        self.ready = True
        for callback in self._when_ready:
            callback()
        self._when_ready.clear()

    def set_up(self) -> None:
        """Put the focus where the first key should go (the subclass's part)."""

    def typed_before_shown(self) -> bool:
        """True if the key at hand was typed before this dialog was up."""
        typed_at = self.app.key_time if isinstance(self.app, KeyOrder) else None
        return typed_at is not None and (self.shown_at is None or typed_at < self.shown_at)

    async def answer(self, result: T | None) -> None:
        """Close the dialog with ``result``; the keys typed from now on wait
        until the flow that asked has taken it in."""
        if self.asked_by_flow and isinstance(self.app, KeyOrder):
            self.app.hold_keys()
        self.dismiss(result)


Ask = Callable[[Dialog[Any]], Awaitable[Any]]


async def ask_then(node: DOMNode, form: Dialog[Any], then: Callable[[], Awaitable[None]]) -> None:
    """Ask ``form`` in a flow of its own (:func:`start_flow`), and run
    ``then`` once it is answered (not when it is cancelled)."""

    async def flow(ask: Ask) -> None:
        if await ask(form) is not None:
            await then()

    await start_flow(node, flow)


async def start_flow(node: DOMNode, flow: Callable[[Ask], Awaitable[None]]) -> None:
    """Run ``flow`` in a worker of ``node``; it asks its questions with the
    ``ask`` it is given (``push_screen_wait`` underneath). Returns once the
    first dialog is on screen with the focus set, or the flow has ended
    without one. The keys held behind an answer are handed on once the next
    dialog is up, or the flow has ended."""
    started = asyncio.Event()
    app = node.app

    def release() -> None:
        if isinstance(app, KeyOrder) and app.holding_keys:
            app.call_later(app.release_keys)

    async def ask(dialog: Dialog[Any]) -> Any:
        dialog.asked_by_flow = True
        dialog.when_ready(release)
        dialog.when_ready(started.set)
        return await app.push_screen_wait(dialog)

    async def run() -> None:
        try:
            await flow(ask)
        except WorkshopError as error:  # a change the flow made was refused (a session open read-only)
            app.notify(str(error), severity="warning", markup=False)
        finally:
            release()
            started.set()

    node.run_worker(run(), group="dialogs")
    await started.wait()


class Field(Struct, frozen=True):
    """One field of a form."""

    label: str
    value: str = ""
    placeholder: str = ""
    suggestions: tuple[str, ...] = ()
    """Completions offered as the field is typed in (right arrow takes one)."""


Check = Callable[[list[str]], "str | None"]
Apply = Callable[[list[str]], None]


class FormDialog(Dialog[list[str]]):
    """A form of a few one-line fields. Enter in a field goes on to the next,
    and in the last one (or ctrl+s anywhere) saves; Escape cancels and
    changes nothing. ``check`` may refuse the values with a message: the form
    stays open with what was typed. ``apply`` puts the values in the
    workshop the moment they are accepted (before the form closes), so that
    a form open when the app quits can be kept too (see :meth:`keep`)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel", priority=True),
        Binding("ctrl+s", "submit", "Save", id="dialog-save", priority=True),
        Binding("tab", "next_field(1)", "Next field", show=False, priority=True),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        check: Check | None = None,
        focus: int = 0,
        apply: Apply | None = None,
        keep_on_quit: bool = True,
        detail: str = "",
    ) -> None:
        super().__init__()
        self.dialog_title = title
        self.detail = detail
        """Lines under the title (what the fields may name), if any."""
        self.fields = fields
        self.check = check
        self.focus_index = focus
        self.apply = apply
        self.keep_on_quit = keep_on_quit

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self.dialog_title), classes="dialog-title")
            if self.detail:
                yield Label(Content(self.detail), classes="dialog-detail")
            for index, field in enumerate(self.fields):
                with Horizontal(classes="dialog-field"):
                    yield Label(Content(field.label), classes="dialog-label")
                    suggester = SuggestFromList(field.suggestions, case_sensitive=False) if field.suggestions else None
                    yield EntryInput(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{index}",
                        compact=True,
                        suggester=suggester,
                    )
            yield Label("", id="dialog-error")
            yield Label(
                Content("Enter: next field, save after the last    ctrl+u: clear the field    Esc: cancel"),
                classes="dialog-hint",
            )

    def set_up(self) -> None:
        self.set_focus(self.query_one(f"#field-{self.focus_index}", Input))

    @on(Input.Submitted)
    async def field_entered(self, event: Input.Submitted) -> None:
        """Enter: on to the next field at once, or save after the last."""
        event.stop()
        index = int((event.input.id or "field-0").split("-")[1])
        if index + 1 < len(self.fields):
            focus_now(self.query_one(f"#field-{index + 1}", Input))
        else:
            await self.submit()

    async def action_next_field(self, offset: int) -> None:
        await handled(self.focused)
        index = int(((self.focused.id if self.focused else None) or "field-0").split("-")[1])
        focus_now(self.query_one(f"#field-{(index + offset) % len(self.fields)}", Input))

    def values(self) -> list[str]:
        return [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]

    def refusal(self, values: list[str]) -> str | None:
        """Why ``check`` refuses these values; None if it takes them."""
        try:
            return self.check(values) if self.check else None
        except ValueError as error:  # a check should say what is wrong, never fail
            return str(error)

    def accept(self) -> str | None:
        """Check and apply what is typed; the reason if it was refused."""
        values = self.values()
        problem = self.refusal(values)
        if problem is None and self.apply is not None:
            try:
                self.apply(values)
            except ValueError as error:
                problem = str(error)
        if problem:
            self.query_one("#dialog-error", Label).update(Content(problem))
            return problem
        return None

    async def submit(self) -> None:
        if self.accept() is None:
            await self.answer(self.values())

    async def action_submit(self) -> None:
        await handled(self.focused)
        await self.submit()

    def keep(self, partly: bool = False) -> str | None:
        """Before the app quits: apply what is typed, if this form keeps its
        text then and anything changed; the reason if it cannot be.

        ``partly`` (the app is being stopped, or the facilitator said to quit
        anyway): if the form refuses what is typed, apply it with as few of
        the changed fields as need be put back as they were."""
        originals = [field.value for field in self.fields]
        values = self.values()
        if not self.keep_on_quit or values == originals:
            return None
        problem = self.accept()
        if problem is None or not partly or self.apply is None:
            return problem
        changed = [index for index, value in enumerate(values) if value != originals[index]]
        for count in range(1, len(changed)):
            for put_back in itertools.combinations(changed, count):
                kept = [originals[i] if i in put_back else value for i, value in enumerate(values)]
                if self.refusal(kept) is None:
                    try:
                        self.apply(kept)
                    except ValueError:
                        continue
                    return problem
        return problem

    async def action_cancel(self) -> None:
        await handled(self.focused)
        await self.answer(None)


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; Enter or y says yes, Escape or n says no. A yes
    typed before the question was on screen is typing meant for something
    else ("dye..." typed into a list: d asks to delete, y would say yes): it
    does not answer. A no is always taken."""

    BINDINGS = [
        Binding("enter,y", "answer_key(True)", "Yes", id="confirm-yes", priority=True),
        Binding("escape,n", "answer_key(False)", "No", id="confirm-no", priority=True),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            if self.detail:
                yield Label(Content(self.detail), classes="dialog-detail")
            yield Label(Content("Enter / y: yes    Esc / n: no"), classes="dialog-hint")

    async def action_answer_key(self, yes: bool) -> None:
        if yes and self.typed_before_shown():
            hint = self.query_one(".dialog-hint", Label)
            hint.update(
                Content("Not taken as yes: it was typed before this question was shown. Enter / y: yes    Esc / n: no")
            )
            hint.add_class("-warning")
            return
        await self.answer(yes)


class TypingQuestion(Dialog[bool]):
    """A yes/no question asked while the room is typing in a field (a paste
    of many lines in the idea field asks before it adds them): what is typed
    while it is up is kept for that field, shown on the question as it is
    typed, and put at the end of the field once the question is answered.
    So Enter says yes and Escape says no; every letter, y and n too, is
    text. An Enter typed before the question was shown does not answer it."""

    BINDINGS = [
        Binding(
            "enter",
            "answer_key(True)",
            "Yes",
            id="typing-question-yes",
            tooltip="Yes, at a question asked while typing (y and n are letters there)",
            priority=True,
        ),
        Binding(
            "escape",
            "answer_key(False)",
            "No",
            id="typing-question-no",
            tooltip="No, at a question asked while typing",
            priority=True,
        ),
    ]

    def __init__(self, question: str, detail: str, field: Input, field_name: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.field = field
        """The field the question came from: what is typed meanwhile goes there."""
        self.field_name = field_name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            if self.detail:
                yield Label(Content(self.detail), classes="dialog-detail")
            with Horizontal(classes="dialog-field"):
                yield Label(Content("Typed"), classes="dialog-label")
                yield TextInput(
                    placeholder=f"what you type now goes to the {self.field_name}", id="typed", compact=True
                )
            yield Label(
                Content(f"Enter: yes    Esc: no    typing is kept for the {self.field_name}"), classes="dialog-hint"
            )

    def set_up(self) -> None:
        self.set_focus(self.query_one("#typed", Input))

    def on_key(self, event: events.Key) -> None:
        # A key typed as the question was being put up comes to the question
        # itself, not to its field (which had no focus yet): it is text too.
        if event.is_printable and event.character:
            event.stop()
            self.query_one("#typed", Input).insert_text_at_cursor(event.character)

    async def action_answer_key(self, yes: bool) -> None:
        await handled(self.focused)  # the keys typed before this one are in
        if yes and self.typed_before_shown():
            hint = self.query_one(".dialog-hint", Label)
            hint.update(
                Content(
                    "Not taken as yes: Enter was typed before this question was shown. Enter: yes    Esc: no    "
                    f"typing is kept for the {self.field_name}"
                )
            )
            hint.add_class("-warning")
            return
        self._hand_on()
        await self.answer(yes)

    def _hand_on(self) -> None:
        """Put what was typed at the end of the field the question came from."""
        typed = self.query_one("#typed", Input)
        if typed.value:
            self.field.value += typed.value
            self.field.cursor_position = len(self.field.value)  # the next key goes after it, as typed
            typed.value = ""

    def keep(self, partly: bool = False) -> str | None:
        """Before the app quits: what was typed goes to its field, which
        keeps it (see ``quitting.py``)."""
        self._hand_on()
        return None


class QuitQuestion(ConfirmDialog):
    """Quit anyway? (Asked once: ctrl+q again while it is up does nothing.)"""
