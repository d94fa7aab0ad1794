"""A QR code drawn in the terminal: black on white, two modules per cell,
with its quiet zone, whatever the theme."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui_roadmap.export.qr import qr_matrix, qr_size

DARK = "#000000"
LIGHT = "#ffffff"
_STYLES = {
    (top, bottom): Style(color=DARK if top else LIGHT, bgcolor=DARK if bottom else LIGHT)
    for top in (False, True)
    for bottom in (False, True)
}


def qr_text(text: str, indent: int = 0) -> Text:
    """The QR code of ``text`` as lines of upper half blocks: the upper half
    of each cell is one module, the lower half the module below it."""
    matrix = qr_matrix(text)
    assert matrix is not None
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
    it needs (the text itself is shown beside it by the pane)."""

    text: reactive[str] = reactive("")

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
        text = qr_text(self.text, (self.size.width - width) // 2)
        return Text("\n" * ((self.size.height - height) // 2)) + text
