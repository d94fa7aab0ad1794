"""The app's text inputs.

:class:`TextInput` is Textual's input with what the room needs: the cursor
blink set by the app (off for snapshot tests), pastes cleaned before they
get in, the text of emoji sequences and right-to-left writing kept, and a
memory of the value the app last showed in it (so that the app never draws
over typing that is not kept yet).

:class:`EntryInput` is an input for fast entry. Keys come in bursts (a fast
typist, a paste, a remote terminal), and Textual runs a field's own keys
(Enter, backspace, ctrl+u) only once they have bubbled up to the app, behind
the keys typed after them. Here Enter is a priority binding that waits for
the keys typed before it, then posts ``Input.Submitted`` and waits until it
has been handled (see :mod:`tui_roadmap.ui.order`); the editing keys run in
the field itself, in their turn among the typed keys.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from tui_roadmap.ui.messages import PastedLines
from tui_roadmap.ui.order import deliver, handled
from tui_roadmap.workshop.text import MAX_TEXT, clean, clean_line


def is_joining_text(character: str | None) -> bool:
    """True for a character that Python does not call printable but that is
    part of text and that cleaning keeps: a joiner, a left-to-right or
    right-to-left mark, a no-break or other typographic space."""
    return (
        character is not None
        and len(character) == 1
        and not character.isprintable()
        and unicodedata.category(character) in ("Cf", "Zs")
        and clean(f"a{character}b") == f"a{character}b"
    )


def _editing_keys() -> dict[str, str]:
    """Key -> action of Textual's own input editing keys (backspace, ctrl+u,
    arrows...), Enter aside."""
    keys: dict[str, str] = {}
    for binding in Input.BINDINGS:
        if isinstance(binding, Binding) and binding.action != "submit":
            for key in binding.key.split(","):
                keys.setdefault(key.strip(), binding.action)
    keys["ctrl+u"] = "clear"  # the whole field, wherever the cursor is (TextInput.BINDINGS)
    return keys


EDITING_KEYS = _editing_keys()


class TextInput(Input):
    """An input whose cursor blinks as the app says, which cleans what is
    pasted into it, and which remembers the value the app last showed in it:
    a different value is the facilitator's typing, not yet kept, and the app
    must not show anything over it."""

    BINDINGS = [
        Binding(
            "ctrl+u", "clear", "Clear", id="field-clear", tooltip="Clear the whole field in one key", priority=False
        ),
    ]

    def __init__(self, *args, takes_lines: bool = False, **kwargs) -> None:
        # Typing into a field never replaces what is there in one stroke.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.shown_value = self.value
        self.takes_lines = takes_lines
        """True if a paste of several lines is passed on (``PastedLines``);
        otherwise the field takes its first line."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)

    async def on_key(self, event: events.Key) -> None:
        # (async, as EntryInput's is: Textual runs the handler of each class.)
        # Textual's input drops characters that are not "printable", among
        # them the zero-width joiner of emoji sequences (family, profession,
        # flag), the marks of right-to-left writing and no-break spaces:
        # they are text.
        if is_joining_text(event.character):
            event.stop()
            event.prevent_default()
            assert event.character is not None
            self.insert_text_at_cursor(event.character)

    def on_paste(self, event: events.Paste) -> None:
        """A paste is cleaned before it reaches the field: no escape sequence
        or control character gets in, and a line longer than an idea can be
        is cut (with a message), so that a huge paste cannot freeze the screen."""
        event.stop()
        event.prevent_default()
        lines = [line for line in event.text.splitlines() if clean(line)]
        if not lines:
            return
        if len(lines) > 1 and self.takes_lines:
            # Keys typed behind the paste go on into the field as typed (none
            # is lost), and none of them answers the question the paste asks.
            self.post_message(PastedLines(self.id or "", lines))
            return
        first = clean_line(lines[0])
        notes = []
        if first.cut:
            notes.append(f"it was cut to {MAX_TEXT:,} characters")
        if len(lines) > 1:
            notes.append(f"this field takes one line: the other {len(lines) - 1:,} were left out")
        if notes:
            self.notify("Pasted: " + "; ".join(notes) + ".", severity="warning", markup=False)
        room = max(0, MAX_TEXT - len(self.value))
        text = first.text[:room]
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)

    def action_clear(self) -> None:
        """Clear the whole field (a form comes filled in with what is set)."""
        self.value = ""

    def on_blur(self) -> None:
        # Left alone, a long value shows its start, not wherever typing ended.
        self.cursor_position = 0

    def on_focus(self) -> None:
        # Typing goes on at the end of what is there.
        self.cursor_position = len(self.value)

    @property
    def typed(self) -> bool:
        """True if the field holds typing that is not kept yet."""
        return self.value != self.shown_value

    def show_value(self, value: str) -> None:
        """Show ``value`` (the workshop's), unless typing would be lost."""
        if self.has_focus or self.typed:
            return
        if self.value != value:
            self.value = value
        self.shown_value = value

    def kept(self) -> None:
        """Note that what is in the field now is the workshop's."""
        self.shown_value = self.value


class EntryInput(TextInput):
    """An input for fast entry: Enter and the editing keys in the order they
    were typed (see the module)."""

    BINDINGS = [Binding("enter", "submit", "Enter", show=False, priority=True)]

    async def action_submit(self) -> None:
        await handled(self)  # the keys typed before Enter are in the field
        await deliver(self, self.Submitted(self, self.value))

    async def on_key(self, event: events.Key) -> None:
        action = EDITING_KEYS.get(event.key)
        if action is not None:
            # An editing key runs here, in its turn among the typed keys; one
            # the field skips (ctrl+c with nothing selected) goes on up.
            if await self.app.run_action(action, self):
                event.stop()
                event.prevent_default()
