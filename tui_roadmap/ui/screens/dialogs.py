"""Small modal dialogs: a form of a few fields, and a yes/no question."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from textual._time import get_time
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui_roadmap.ui.widgets.fields import EntryInput


@dataclass(frozen=True)
class Field:
    """One field of a form."""

    label: str
    value: str = ""
    placeholder: str = ""


class FormDialog(ModalScreen[list[str] | None]):
    """A form of a few one-line fields. Enter in a field goes on to the next,
    and in the last one (or ctrl+s anywhere) saves; Escape cancels and
    changes nothing. ``check`` may refuse the values with a message: the form
    stays open with what was typed. ``save`` is called with the values the
    moment they are accepted (before the form closes), so that a form that
    is open when the app quits can be kept too (see :meth:`keep`)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
        Binding("ctrl+s", "submit", "Save", id="dialog-save"),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        check: Callable[[list[str]], str | None] | None = None,
        focus: int = 0,
        save: Callable[[list[str]], None] | None = None,
        keep_on_quit: bool = True,
    ) -> None:
        super().__init__()
        self.dialog_title = title
        self.fields = fields
        self.check = check
        self.focus_index = focus
        self.save = save
        self.keep_on_quit = keep_on_quit

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self.dialog_title), classes="dialog-title")
            for index, field in enumerate(self.fields):
                with Horizontal(classes="dialog-field"):
                    yield Label(Content(field.label), classes="dialog-label")
                    yield EntryInput(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{index}",
                        compact=True,
                        on_enter=self.field_entered,
                    )
            yield Label("", id="dialog-error")
            yield Label(Content("Enter: next field, save after the last    Esc: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(f"#field-{self.focus_index}", Input))

    def field_entered(self, field: Input) -> None:
        """Enter: on to the next field at once, or save after the last."""
        index = int((field.id or "field-0").split("-")[1])
        if index + 1 < len(self.fields):
            following = self.query_one(f"#field-{index + 1}", Input)
            self.set_focus(following)
            following.cursor_position = len(following.value)
        else:
            self.action_submit()

    def values(self) -> list[str]:
        return [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]

    def refusal(self, values: list[str]) -> str | None:
        """Why ``check`` refuses these values; None if it takes them."""
        try:
            return self.check(values) if self.check else None
        except ValueError as error:  # a check should say what is wrong, never fail
            return str(error)

    def accept(self) -> str | None:
        """Check and save what is typed; the reason if it was refused."""
        values = self.values()
        problem = self.refusal(values)
        if problem:
            self.query_one("#dialog-error", Label).update(Content(problem))
            return problem
        if self.save is not None:
            self.save(values)
        return None

    def action_submit(self) -> None:
        if self.accept() is None:
            self.dismiss(self.values())

    def keep(self, partly: bool = False) -> str | None:
        """Before the app quits: save what is typed, if this form keeps its
        text then and anything changed; the reason if it cannot be.

        ``partly`` (the app is being stopped, or the facilitator said to quit
        anyway): if the form refuses what is typed, save it with as few of the
        changed fields as need be put back as they were."""
        originals = [field.value for field in self.fields]
        values = self.values()
        if not self.keep_on_quit or values == originals:
            return None
        problem = self.accept()
        if problem is None or not partly or self.save is None:
            return problem
        changed = [index for index, value in enumerate(values) if value != originals[index]]
        for count in range(1, len(changed)):
            for put_back in itertools.combinations(changed, count):
                kept = [originals[i] if i in put_back else value for i, value in enumerate(values)]
                if self.refusal(kept) is None:
                    self.save(kept)
                    return problem
        return problem

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; Enter or y says yes, Escape or n says no."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("escape,n", "answer(False)", "No", id="confirm-no"),
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

    def on_mount(self) -> None:
        # Drawn within a frame of this (a key typed behind the one that
        # asked the question came in before it).
        self.shown_at = get_time()

    shown_at: float | None = None
    """When the question was put up (Textual's monotonic clock)."""

    def action_answer(self, yes: bool) -> None:
        # A yes typed before the question was on screen is typing meant for
        # something else ("dye..." typed into a list: d asks to delete, y
        # would say yes): it does not answer. A no is always taken.
        typed_at = getattr(self.app, "key_time", None)
        if yes and typed_at is not None and (self.shown_at is None or typed_at < self.shown_at):
            self.query_one(".dialog-hint", Label).update(
                Content("Not taken as yes: it was typed before this question was shown. Enter / y: yes    Esc / n: no")
            )
            self.query_one(".dialog-hint", Label).add_class("-warning")
            return
        self.dismiss(yes)


class QuitQuestion(ConfirmDialog):
    """Quit anyway? (Asked once: ctrl+q again while it is up does nothing.)"""
