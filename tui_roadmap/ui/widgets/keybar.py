"""The key bar: every key that works where the focus is, on as many lines as
the terminal's width needs.

Textual's footer keeps to one line and cuts off what does not fit; a step with
many keys on an 80-column screen would hide some of them. The key bar wraps
between keys instead (never inside one), so every key stays on screen.
"""

from __future__ import annotations

from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """The active keys, read from the bindings (so it is never out of date)."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    _drawn: tuple[str, int] | None = None
    """The keys shown (as markup) and on how many lines."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.show_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()  # in the same frame as the change of focus

    def show_keys(self) -> None:
        """Show the keys that work now."""
        if not self.is_attached or not self.is_mounted:
            return  # the screen was closed before this call came round
        self._items = self._active_items()
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """Put as many keys on a line as fit, and break between keys."""
        width = max(1, self.size.width or self.app.size.width - 2)
        lines: list[list[Content]] = [[]]
        used = 0
        for item in getattr(self, "_items", []):
            length = item.cell_length + (2 if lines[-1] else 0)
            if lines[-1] and used + length > width:
                lines.append([])
                used, length = 0, item.cell_length
            lines[-1].append(item)
            used += length
        keys = Content("\n").join(Content("  ").join(line) for line in lines)
        drawn = (keys.markup, len(lines))
        if drawn == self._drawn:
            return  # the same keys (the focus moved within a step, or bindings were refreshed twice)
        # Laid out again only when it takes more or fewer lines.
        self.update(keys, layout=self._drawn is None or drawn[1] != self._drawn[1])
        self._drawn = drawn

    def _active_items(self) -> list[Content]:
        app = self.app
        seen: set[str] = set()
        items: list[Content] = []
        bindings = _in_declared_order(list(self.screen.active_bindings.values()))
        palette = [
            b for b in bindings if b.binding.action == "app.command_palette" or b.binding.action == "command_palette"
        ]
        for active in bindings:
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = app.get_key_display(binding)
            description = binding.description
            style = "bold $footer-key-foreground" if active.enabled else "dim"
            items.append(Content.assemble((key, style), " ", (description, "" if active.enabled else "dim")))
        if app.ENABLE_COMMAND_PALETTE:
            key = app.get_key_display(palette[0].binding) if palette else app.COMMAND_PALETTE_BINDING
            items.append(Content.assemble((key, "bold $footer-key-foreground"), " ", "Commands"))
        return items


def _declared_index(node: object, binding: Binding) -> int:
    """Where a binding stands in its class's ``BINDINGS`` (the order its
    author gave), looked up by action since bound keys are split up."""
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS")
        if declared:
            for index, candidate in enumerate(declared):
                if isinstance(candidate, Binding) and candidate.action == binding.action:
                    return index
    return len(getattr(type(node), "BINDINGS", []) or [])


def _in_declared_order(bindings: list[ActiveBinding]) -> list[ActiveBinding]:
    """The active bindings, those of the focused widget first and the app's
    last (the deeper a node, the nearer the focus), and within one widget
    in the order they were declared."""

    def depth(node: object) -> int:
        return len(getattr(node, "ancestors", ()))

    return sorted(bindings, key=lambda a: (-depth(a.node), _declared_index(a.node, a.binding)))
