"""The one place where the app reaches into how Textual receives keys.

Two things have no public API in Textual:

- **When was the key typed?** A yes typed before a question was on screen
  must not answer it ("dye..." typed on the ideas list: d asks to delete, y
  is typing meant for something else). An action does not see the key that
  ran it, so :class:`KeyOrder` notes the time of each key as the app receives
  it (:attr:`KeyOrder.key_time`), in ``App.on_event``.
- **Enter in the command palette.** Textual's palette runs the chosen
  command later, from the app's queue, behind the keys typed after Enter;
  those would go to the palette, which is closing. Keys typed once Enter is
  pressed there are held (:meth:`KeyOrder.hold_keys`) until the command has
  run, then handed on in order.

``tests/test_keys.py`` fails loudly if a Textual release changes either.
Everything else about the order of keys uses Textual's public API (see
:mod:`tui_roadmap.ui.order`).
"""

from __future__ import annotations

import string
import unicodedata

from textual import events
from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, key_to_character
from textual.message import Message


def key_name(character: str) -> str:
    """The name Textual gives the key of a printable character
    (``!`` is ``exclamation_mark``), checked against Textual's own reading
    of names (``key_to_character``)."""
    if character.isalnum():
        return character
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    name = KEY_NAME_REPLACEMENTS.get(name, name)
    if key_to_character(REPLACED_KEYS.get(name, name)) != character:
        raise ValueError(f"Textual does not name the key of {character!r} {name!r}")
    return name


TYPED_CHARACTERS = string.ascii_letters + string.digits + string.punctuation
"""What a list takes as the start of a new item (see ``lists.ItemList``)."""


def now_on_key_clock() -> float:
    """The time now, on the clock Textual stamps keys with."""
    return Message().time


class KeyOrder(App):
    """An app that knows when the key at hand was typed, and can hold keys
    while the command palette runs its command (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.key_time: float | None = None
        """When the key the app is handling now was typed."""
        self._held: list[events.Key | events.Paste] | None = None

    @property
    def holding_keys(self) -> bool:
        return self._held is not None

    def hold_keys(self) -> None:
        """Keep the keys typed from now on until :meth:`release_keys`."""
        if self._held is None:
            self._held = []

    async def release_keys(self) -> None:
        """Hand on the held keys, in the order they were typed."""
        held, self._held = self._held or [], None
        for index, event in enumerate(held):
            again = (
                events.Key(event.key, event.character) if isinstance(event, events.Key) else events.Paste(event.text)
            )
            again.time = event.time
            await self.on_event(again)
            if self._held is not None:  # one of them held the keys again: the rest wait too
                self._held[:0] = held[index + 1 :]
                return

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._held is not None:
                self._held.append(event)
                return
            if isinstance(event, events.Key):
                self.key_time = event.time
        await super().on_event(event)
