"""The app's text inputs.

:class:`TextInput` is Textual's input, with the cursor blink set by the app (off
for snapshot tests, so that every picture is the same).

:class:`EntryInput` is an input for fast entry, where Enter is handled the
moment it is pressed.

Ideas are called out faster than anyone types, and keys can arrive in a burst
(a fast typist, a paste, a remote terminal). A stock ``Input`` posts a message
on Enter and handles it after the keys already queued behind it, so those keys
land in the wrong place or are cleared away. :class:`EntryInput` runs its
Enter handler at once, and passes on any key that reaches it after the focus
has moved to another field, so every key ends up where the focus was when it
was typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.widgets import Input

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


EnterHandler = Callable[["EntryInput"], None]
PasteHandler = Callable[["TextInput", list[str]], None]


def _editing_keys() -> dict[str, str]:
    """Key -> action of Textual's own input editing keys (backspace, ctrl+u,
    arrows...), Enter aside."""
    keys: dict[str, str] = {}
    for binding in Input.BINDINGS:
        if isinstance(binding, Binding) and binding.action != "submit":
            for key in binding.key.split(","):
                keys.setdefault(key.strip(), binding.action)
    return keys


EDITING_KEYS = _editing_keys()


class TextInput(Input):
    """An input whose cursor blinks as the app says, and which remembers the
    value the app last showed in it: a different value is the facilitator's
    typing, not yet kept, and the app must not show anything over it."""

    def __init__(self, *args, **kwargs) -> None:
        # Typing into a field never replaces what is there in one stroke.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.shown_value = self.value

    holds_keys_itself = True
    """Keys typed ahead of a focus move are held by the field (``_held``),
    not by the app (see keyhold.py)."""

    on_paste_lines: PasteHandler | None = None
    """Called with the lines of a paste of more than one line, if set;
    otherwise a field takes the first line of a paste."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)

    def _held(self, event: events.Key | events.Paste) -> bool:
        """Hold a key typed behind one still on its way to its binding, or
        before a form opened or closed over this field, or before Enter took
        the focus on from here to a list: the app hands it on once the focus
        is where those keys put it."""
        hold = getattr(self.app, "hold_key", None)
        if hold is None:
            return False
        focused = self.screen.focused
        # (A key typed ahead into the next field is put there at once, by
        # EntryInput; a paste is not.)
        moved_on = focused is not self and (isinstance(event, events.Paste) or not isinstance(focused, Input))
        if not (self.app.holding_keys or self.screen is not self.app.screen or moved_on):
            return False
        hold(event)
        event.stop()
        event.prevent_default()
        return True

    # Textual calls the ``_on_key`` of each class in turn (this one, then
    # Input's, then Widget's) until one prevents the default.
    async def _on_key(self, event: events.Key) -> None:
        if self._held(event):
            return
        # Textual's input drops characters that are not "printable", among
        # them the zero-width joiner of emoji sequences (family, profession,
        # flag), the marks of right-to-left writing and no-break spaces:
        # they are text.
        if is_joining_text(event.character):
            event.stop()
            event.prevent_default()
            target = self.screen.focused if isinstance(self.screen.focused, Input) else self
            assert event.character is not None
            target.insert_text_at_cursor(event.character)
            return
        if not event.is_printable and hasattr(self.app, "hold_keys"):
            # Not for this field: it goes up to a binding (ctrl+t, F3, Esc),
            # and the keys behind it wait until it has run.
            self.app.hold_keys(until=event)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste is cleaned before it reaches the field: no escape sequence
        or control character gets in, and a line longer than an idea can be
        is cut (with a message), so that a huge paste cannot freeze the screen.
        Like a key, a paste that comes while the focus moves is held (see
        ``_held``), then handed to where the focus went."""
        event.stop()
        event.prevent_default()
        if self._held(event):
            return
        lines = [line for line in event.text.splitlines() if clean(line)]
        if not lines:
            return
        if len(lines) > 1 and self.on_paste_lines is not None:
            self.on_paste_lines(self, lines)
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
    """An input whose Enter handler runs at once (see the module), and whose
    change handler runs at each change, before the next key."""

    def __init__(
        self,
        *args,
        on_enter: EnterHandler | None = None,
        on_change: EnterHandler | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.on_enter = on_enter
        self.on_change = on_change

    def watch_value(self, value: str) -> None:
        on_change = getattr(self, "on_change", None)  # not yet set while the input is built
        if on_change is not None and self.is_mounted:
            on_change(self)

    async def _on_key(self, event: events.Key) -> None:
        # Enter is handled here, in the order the keys came, not as a binding
        # (a binding runs only once the key has bubbled up to the app, by
        # which time the keys behind it have been typed into this field).
        if self._held(event):
            return
        focused = self.screen.focused
        target: Input = self if focused is None or focused is self else focused
        if event.key == "enter" and isinstance(target, EntryInput) and target.on_enter is not None:
            event.stop()
            event.prevent_default()
            target.on_enter(target)
            return
        if target is not self and event.is_printable and isinstance(target, Input):
            event.stop()
            event.prevent_default()
            assert event.character is not None
            target.insert_text_at_cursor(event.character)
            return
        action = EDITING_KEYS.get(event.key)
        if action is not None and isinstance(target, Input):
            # An editing key runs here too, in its turn among the typed keys;
            # one the field skips (ctrl+c with nothing selected) goes on up.
            if await self.app.run_action(action, target):
                event.stop()
                event.prevent_default()

    async def action_submit(self) -> None:
        if self.on_enter is None:
            await super().action_submit()
        else:
            self.on_enter(self)
