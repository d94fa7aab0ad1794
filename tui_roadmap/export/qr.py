"""QR codes as a matrix of modules, with the quiet zone around them.

Drawn by the screen black on white whatever the theme: an inverted code (white
on black, as ``print_ascii`` comes out on a dark terminal) is one that many
phone cameras fail to read.
"""

from __future__ import annotations

from functools import lru_cache

QUIET_ZONE = 4
"""Light modules around the code, as the QR standard asks."""


Matrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=16)
def qr_matrix(text: str) -> Matrix | None:
    """The modules of a QR code for ``text``, quiet zone included; True is
    dark. None if the text is too long for any QR code. Error correction is
    low: a code on a screen is not smudged or torn, and the lowest level keeps
    it small enough for a terminal."""
    # Loaded when the first code is drawn (the Export step, the room's
    # panel): qrcode takes 5 to 8 ms to load, which a session reopened on
    # another step would pay in its first frame.
    import qrcode
    from qrcode.constants import ERROR_CORRECT_L
    from qrcode.exceptions import DataOverflowError

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_L, border=QUIET_ZONE)
    code.add_data(text.encode("utf-8"))
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError):
        return None
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_size(text: str) -> tuple[int, int] | None:
    """How many terminal cells (width, height) the code takes, drawn with
    two modules per cell, one above the other; None if there is no code."""
    matrix = qr_matrix(text)
    if matrix is None:
        return None
    return len(matrix[0]), (len(matrix) + 1) // 2
