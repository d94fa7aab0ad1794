"""Small modal dialogs: a form of a few fields, and a yes/no question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from ..widgets.fields import TextInput
from textual.screen import ModalScreen
from textual.widgets import Input, Label


@dataclass(frozen=True)
class Field:
    """One field of a form."""

    label: str
    value: str = ""
    placeholder: str = ""


class FormDialog(ModalScreen[list[str] | None]):
    """A form of a few one-line fields. Enter in the last field (or ctrl+s)
    submits; Escape cancels and changes nothing. ``check`` may refuse the
    values with a message; the form then stays open with what was typed."""

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
    ) -> None:
        super().__init__()
        self.dialog_title = title
        self.fields = fields
        self.check = check
        self.focus_index = focus

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self.dialog_title), classes="dialog-title")
            for index, field in enumerate(self.fields):
                with Horizontal(classes="dialog-field"):
                    yield Label(Content(field.label), classes="dialog-label")
                    yield TextInput(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{index}",
                        select_on_focus=False,
                        compact=True,
                    )
            yield Label("", id="dialog-error")
            yield Label(
                Content("Enter: next field / save    Esc: cancel"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.focus_index}", Input).focus()

    @on(Input.Submitted)
    def next_or_submit(self, event: Input.Submitted) -> None:
        event.stop()
        index = int((event.input.id or "field-0").split("-")[1])
        if index + 1 < len(self.fields):
            self.query_one(f"#field-{index + 1}", Input).focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        values = [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]
        problem = self.check(values) if self.check else None
        if problem:
            self.query_one("#dialog-error", Label).update(Content(problem))
            return
        self.dismiss(values)

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

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
