"""The lists the panes are built from: an option list that keeps its place
when it is refilled, knows the id of the workshop item under its cursor, and
takes its keys in the order they were typed."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui_roadmap.ui.keys import TYPED_CHARACTERS, key_name
from tui_roadmap.ui.messages import StartTyping
from tui_roadmap.ui.order import deliver

CURSOR_KEYS = [
    Binding(
        "down",
        "cursor_down",
        "Row",
        key_display="\u2191\u2193",
        id="list-rows",
        tooltip="Go up or down the list (round from the last row to the first)",
        priority=True,
    ),
    Binding("up", "cursor_up", "Up", show=False, priority=True),
    Binding("home", "first", "First", show=False, priority=True),
    Binding("end", "last", "Last", show=False, priority=True),
    Binding("pagedown", "page_down", "Page down", show=False, priority=True),
    Binding("pageup", "page_up", "Page up", show=False, priority=True),
]
"""Textual's own cursor keys of an option list, as priority bindings, so
that they move the cursor in their turn among the keys typed (a ``+`` typed
behind a down arrow dots the idea the arrow went to)."""


def _keys_of(bindings: Iterable[BindingType]) -> set[str]:
    keys: set[str] = set()
    for binding in bindings:
        if isinstance(binding, Binding):
            keys.update(key.strip() for key in binding.key.split(","))
    return keys


def typing_keys(bindings: list[BindingType]) -> list[Binding]:
    """A hidden priority binding for each printable key that is none of
    ``bindings``: on a list that has a field below it, such a key starts a
    new item there (see :class:`ItemList`)."""
    taken = _keys_of(bindings)
    return [
        Binding(key_name(character), f"start_typing({ord(character)})", show=False, priority=True)
        for character in TYPED_CHARACTERS
        if key_name(character) not in taken
    ]


class ItemList(OptionList):
    """An option list of workshop items; each option's id is ``"<kind>-<id>"``.

    A subclass with ``STARTS_TYPING`` takes any printable key that is none
    of its own as the start of a new item: it posts :class:`StartTyping`, and
    its pane puts the focus and the character in the field below it, before
    the next key is read."""

    STARTS_TYPING = False

    _drawn_width: int | None = None
    """The width at its last resize (None once its scroll bar has come or
    gone since: its options are then laid out again at the next resize)."""

    def __init_subclass__(cls, **kwargs) -> None:
        # Before Textual reads the class's bindings (in its own __init_subclass__).
        own = [*CURSOR_KEYS, *cls.__dict__.get("BINDINGS", [])]
        if cls.__dict__.get("STARTS_TYPING", False):
            own += typing_keys(own)
        cls.BINDINGS = own
        super().__init_subclass__(**kwargs)

    def on_resize(self, event: events.Resize) -> None:
        """Keep the options drawn when only the height changed, or when the
        list is shown again at the same size (a step the room comes back
        to): Textual's option list draws every option again on each resize,
        which on the board took longer than the rest of the step."""
        width = self.scrollable_content_region.width
        if width == self._drawn_width:
            # Textual's (8.2) OptionList clears its lines and drawn options on
            # a resize, and both depend on the width alone: its handler is
            # left out (tests/test_drawing.py checks that a list shown again
            # keeps them, and that one made wider lays its options out again).
            event.prevent_default()
        self._drawn_width = width

    def watch_show_vertical_scrollbar(self) -> None:
        self._drawn_width = None  # the width for the options changed without a resize

    async def action_start_typing(self, code: int) -> None:
        await deliver(self, StartTyping(chr(code)))

    def fill(self, options: Iterable[Option], keep: str | None = None) -> None:
        """Replace the options, keeping the cursor on the same item (or the
        given one, or at the same position)."""
        current = keep or self.current_option_id
        position = self.highlighted
        self.set_options(options)
        if not self.option_count:
            return
        index = None
        if current is not None:
            try:
                index = self.get_option_index(current)
            except OptionDoesNotExist:
                index = None
        if index is None:
            index = min(position or 0, self.option_count - 1)
        self.highlighted = index

    @property
    def current_option_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    @property
    def current_item(self) -> int | None:
        """The workshop id of the item under the cursor."""
        option_id = self.current_option_id
        if option_id is None or "-" not in option_id:
            return None
        try:
            return int(option_id.rsplit("-", 1)[1])
        except ValueError:
            return None

    def select_item(self, option_id: str) -> None:
        """Put the cursor on an item (if it is in the list)."""
        try:
            self.highlighted = self.get_option_index(option_id)
        except OptionDoesNotExist:
            pass
