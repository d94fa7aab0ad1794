"""The lists the panes are built from: an option list that keeps its place
when it is refilled, and knows the id of the workshop item under its cursor."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import OptionList
from textual.widgets.option_list import Option


class ItemList(OptionList):
    """An option list of workshop items; each option's id is ``"<kind>-<id>"``."""

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
            except Exception:
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
        """Put the cursor on an item."""
        try:
            self.highlighted = self.get_option_index(option_id)
        except Exception:
            pass
