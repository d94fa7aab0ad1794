"""Below a usable size, a note that says how large the terminal must be.

The note covers the screen in a layer of its own; the screen under it keeps
its state and its focus, so nothing typed is lost, and resizing back shows
everything as it was.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 16


class SizeGuard(Static):
    """Covers the screen while the terminal is smaller than usable."""

    DEFAULT_CSS = """
    SizeGuard {
        layer: guard;
        dock: top;
        width: 100%;
        height: 100%;
        display: none;
        background: $background;
        color: $text;
        content-align: center middle;
        text-align: center;
        padding: 0 1;
        overflow: hidden hidden;
    }
    SizeGuard.-shown {
        display: block;
    }
    """

    def on_mount(self) -> None:
        self.screen.screen_layout_refresh_signal.subscribe(self, self._screen_changed)
        self._check(self.app.size.width, self.app.size.height)

    def on_unmount(self) -> None:
        self.screen.screen_layout_refresh_signal.unsubscribe(self)

    def _screen_changed(self, screen) -> None:
        self._check(self.app.size.width, self.app.size.height)

    def on_resize(self, event: Resize) -> None:
        self._check(self.app.size.width, self.app.size.height)

    _checked: tuple[int, int] = (0, 0)

    def _check(self, width: int, height: int) -> None:
        if (width, height) == self._checked:
            return
        self._checked = (width, height)
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(too_small, "-shown")
        self.screen.set_class(too_small, "-too-small")
        if too_small:
            self.update(
                Content.assemble(
                    ("Too small: make the terminal at least ", "bold"),
                    (f"{MIN_WIDTH} x {MIN_HEIGHT}", "bold $accent"),
                    f" (it is {width} x {height}). Nothing is lost meanwhile.",
                )
            )
