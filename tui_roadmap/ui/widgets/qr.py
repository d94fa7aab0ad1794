"""A QR code drawn in the terminal: black on white, two modules per cell
(or, full screen, each module as large as the screen allows), with its
quiet zone, whatever the theme."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui_roadmap.export.qr import qr_matrix, qr_scale, qr_size

DARK = "#000000"
LIGHT = "#ffffff"
_STYLES = {
    (top, bottom): Style(color=DARK if top else LIGHT, bgcolor=DARK if bottom else LIGHT)
    for top in (False, True)
    for bottom in (False, True)
}


def qr_text(text: str, indent: int = 0, scale: int = 1) -> Text:
    """The QR code of ``text`` as lines of upper half blocks: the upper half
    of each cell is one module, the lower half the module below it; at a
    ``scale`` above 1, each module is ``scale`` cells wide and ``scale``
    half cells high."""
    found = qr_matrix(text)
    assert found is not None
    matrix = [tuple(m for m in row for _ in range(scale)) for row in found for _ in range(scale)]
    rows = len(matrix)
    lines = Text()
    margin = " " * indent
    for y in range(0, rows, 2):
        upper = matrix[y]
        lower = matrix[y + 1] if y + 1 < rows else (False,) * len(upper)
        line = Text(margin)
        for top, bottom in zip(upper, lower, strict=True):
            line.append("\u2580", _STYLES[(top, bottom)])
        if y:
            lines.append("\n")
        lines.append_text(line)
    return lines


class QRView(Widget):
    """Shows the QR code of :attr:`text` if it fits, else says how much room
    it needs (the text itself is shown beside it by the pane). With
    ``fill``, the code is drawn as large as the widget allows: each module
    2 or 3 cells wide (and as high) where that fits, for the back of the
    room."""

    text: reactive[str] = reactive("")

    def __init__(self, *, fill: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fill = fill

    def scale(self) -> int:
        """How many cells wide each module is drawn."""
        if not self.fill or not self.text:
            return 1
        return qr_scale(self.text, self.size.width, self.size.height)

    def fits(self) -> bool:
        """True if the code fits in the widget as it is now."""
        size = qr_size(self.text) if self.text else None
        return size is not None and size[0] <= self.size.width and size[1] <= self.size.height

    def render(self) -> Text:
        if not self.text:
            return Text("")
        size = qr_size(self.text)
        if size is None:
            return Text("(Too long for a QR code: the text is below.)", style="italic")
        width, height = size
        if not self.fits():
            return Text(
                f"(The QR code needs {width} x {height} cells: enlarge the terminal, "
                "or press q for a full-screen code.)",
                style="italic",
            )
        scale = self.scale()
        width, height = qr_size(self.text, scale) or size
        text = qr_text(self.text, (self.size.width - width) // 2, scale)
        return Text("\n" * ((self.size.height - height) // 2)) + text
