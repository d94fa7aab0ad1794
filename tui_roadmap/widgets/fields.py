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

from collections.abc import Callable

from textual import events
from textual.widgets import Input

EnterHandler = Callable[["EntryInput"], None]


class TextInput(Input):
    """An input whose cursor blinks as the app says."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)


class EntryInput(TextInput):
    """An input whose Enter handler runs at once (see the module)."""

    def __init__(self, *args, on_enter: EnterHandler | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.on_enter = on_enter

    async def _on_key(self, event: events.Key) -> None:
        # Enter is handled here, in the order the keys came, not as a binding
        # (a binding runs only once the key has bubbled up to the app, by
        # which time the keys behind it have been typed into this field).
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
        await super()._on_key(event)

    async def action_submit(self) -> None:
        if self.on_enter is None:
            await super().action_submit()
        else:
            self.on_enter(self)
