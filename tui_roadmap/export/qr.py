"""QR codes as a matrix of modules, with the quiet zone around them.

Drawn by the screen black on white whatever the theme: an inverted code (white
on black, as ``print_ascii`` comes out on a dark terminal) is one that many
phone cameras fail to read.

What a code holds is ASCII where it can be (:func:`ascii_link`,
:func:`ascii_text`): a code's bytes carry no charset, and readers guess
(zbar reads UTF-8 as Shift JIS: ``Straße`` comes out ``Straﾃ歹``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

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


def qr_size(text: str, scale: int = 1) -> tuple[int, int] | None:
    """How many terminal cells (width, height) the code takes, drawn with
    two modules per cell, one above the other, each module ``scale`` cells
    wide and ``scale`` half cells high; None if there is no code."""
    matrix = qr_matrix(text)
    if matrix is None:
        return None
    return len(matrix[0]) * scale, (len(matrix) * scale + 1) // 2


def qr_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which the code fits in ``width`` x ``height``
    cells (1 if it fits only as it is, or not at all)."""
    scale = 1
    while (size := qr_size(text, scale + 1)) is not None and size[0] <= width and size[1] <= height:
        scale += 1
    return scale


#: Letters and signs that have no ASCII decomposition, and what stands for them.
_FOLDS = {
    "\u2026": "...",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2192": "->",
    "\u00a0": " ",
    "\u2060": "",
    "\u00df": "ss",
    "\u1e9e": "SS",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0111": "d",
    "\u0110": "D",
    "\u0142": "l",
    "\u0141": "L",
    "\u00fe": "th",
    "\u00de": "Th",
    "\u00f0": "d",
    "\u00d0": "D",
}


def _fold(character: str) -> str:
    if character.isascii():
        return character
    if character in _FOLDS:
        return _FOLDS[character]
    plain = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    return plain if plain and plain.isascii() else character


def ascii_text(text: str) -> str:
    """Text for a QR code in ASCII where it has an ASCII spelling: ``…``
    as ``...``, curly quotes straight, dashes as ``-``, accents dropped,
    ``ß`` as ``ss``. A letter of another script (``東``) stays as it is."""
    return "".join(_fold(character) for character in text)


def _encode(part: str) -> str:
    return "".join(c if c.isascii() else quote(c, safe="") for c in part)


def ascii_link(url: str) -> str:
    """A web address for a QR code, in ASCII: its host in IDNA
    (``xn--``), every other non-ASCII character percent-encoded as UTF-8
    (``Stra%C3%9Fe``), the address a browser goes to for it. Text that is
    not an address goes through :func:`ascii_text`."""
    if url.isascii():
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ascii_text(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ascii_text(url)
    user, at, host = parts.netloc.rpartition("@")
    name, colon, port = host.rpartition(":") if host.rpartition(":")[2].isdigit() else (host, "", "")
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        name = _encode(name)
    netloc = _encode(user) + at + name + colon + port
    return urlunsplit((parts.scheme, netloc, _encode(parts.path), _encode(parts.query), _encode(parts.fragment)))
