"""What the room types, made safe to keep, show and paste.

Every piece of text that enters the workshop goes through :func:`clean_line`:
terminal escape sequences and control characters are removed (they would
otherwise be written raw to the terminal, the clipboard or the Markdown), runs
of whitespace and line breaks become one space, and the text is cut to a
length that a sticky note can hold. Everything else, emoji with skin tones and
joiners, combining marks, right-to-left scripts and CJK, is kept exactly.
"""

from __future__ import annotations

import re
import unicodedata

from msgspec import Struct

#: ANSI/VT escape sequences: CSI (``ESC [ ... final``), OSC and other string
#: commands (``ESC ] ... BEL`` or ``ESC \\``), and two-character escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\|$)"  # OSC, DCS, SOS, PM, APC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[@-Z\\-_]?"  # other escapes, or a lone ESC
)

#: Characters removed outright: C0 and C1 controls other than whitespace, DEL,
#: lone surrogates (not text; they cannot even be encoded to UTF-8), and the
#: bidirectional embedding, override and isolate controls, which reorder how a
#: line is drawn (U+202E shows text backwards). Left and right marks (U+200E,
#: U+200F) are kept: they are ordinary parts of right-to-left writing.
_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")

#: Spaces, tabs and line breaks of every kind: a run of them becomes one
#: space. Other spaces (no-break, thin, ideographic) are text and are kept.
_WHITESPACE = re.compile("[ \t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")

#: The longest idea, goal or name kept, in characters.
MAX_TEXT = 1000


class Cleaned(Struct, frozen=True):
    """The result of cleaning a piece of typed or pasted text."""

    text: str
    """The text to keep."""
    cut: bool = False
    """True if the text was longer than the limit and was cut."""
    removed: bool = False
    """True if control characters or escape sequences were removed."""


#: Anything :func:`clean_line` would change (text without it is kept as is).
_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029]|  |^\\s|\\s$")


def clean_line(raw: str, limit: int = MAX_TEXT) -> Cleaned:
    """Make one line of safe text out of whatever was typed or pasted."""
    if len(raw) <= limit and not _NEEDS_CLEANING.search(raw):
        return Cleaned(raw)
    removed = bool(_ESCAPE_SEQUENCE.search(raw) or _REMOVED.search(raw))
    text = _REMOVED.sub("", _ESCAPE_SEQUENCE.sub("", raw))
    text = _WHITESPACE.sub(" ", text).strip()
    cut = False
    if len(text) > limit:
        text = cut_at_boundary(text, limit).rstrip()
        cut = True
    return Cleaned(text, cut=cut, removed=removed)


def clean(raw: str, limit: int = MAX_TEXT) -> str:
    """The cleaned text alone (see :func:`clean_line`)."""
    return clean_line(raw, limit).text


def cut_at_boundary(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters without splitting a
    character from its combining marks, variation selectors or joiners."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and _joins_previous(text[end]):
        end -= 1
    # Do not leave a joiner dangling at the end either.
    while end > 0 and text[end - 1] == "\u200d":
        end -= 1
    return text[:end]


ELLIPSIS = "\u2026"
"""What ends a text cut short."""


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: whole if it fits; else cut
    after the last whole word that fits and ended with "\u2026" (a single word
    longer than half the room is cut inside, still with "\u2026"). A character
    is never split from its marks or joiners (see :func:`cut_at_boundary`)."""
    if len(text) <= limit:
        return text
    room = max(0, limit - 1)
    head = cut_at_boundary(text, room)
    if not text[len(head)].isspace():  # the cut falls inside a word: end at the word before it
        space = head.rfind(" ")
        if space > room // 2:
            head = head[:space]
    return head.rstrip(" ,;:/-") + ELLIPSIS


def _joins_previous(char: str) -> bool:
    """True if ``char`` belongs to the character before it when drawn."""
    if char in "\u200d\ufe0e\ufe0f":
        return True
    code = ord(char)
    if 0x1F3FB <= code <= 0x1F3FF:  # skin-tone modifiers
        return True
    if 0xE0020 <= code <= 0xE007F:  # tag characters (subdivision flags)
        return True
    return unicodedata.category(char) in ("Mn", "Me", "Mc")


def slugify(name: str) -> str:
    """A file-name-safe stem for a session name: lower case, words joined by
    hyphens. Letters of any script are kept; an empty result becomes
    ``session``."""
    text = unicodedata.normalize("NFKC", clean(name)).casefold()
    slug = re.sub(r"[^\w]+|_+", "-", text).strip("-")
    return slug[:80].strip("-") or "session"


#: What :func:`visible` shows as an escape: C0 and C1 controls, DEL, the
#: line and paragraph separators, the bidirectional embedding, override and
#: isolate controls, and lone surrogates (a file name's bytes that are not
#: UTF-8 come to Python as those).
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Text from outside the app (a file name, a field of a file, an error
    naming either) made safe to print or draw: every control character is
    shown as an escape, as a person would type it (``\\x1b``, ``\\n``,
    ``\\u202e``), and a byte of a file name that is not UTF-8 as ``\\xff``.
    Nothing in it can then clear the screen, retitle the window, write the
    clipboard or break a line."""

    def escape(found: re.Match[str]) -> str:
        char = found.group()
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        if code < 0x100:
            return _NAMED_ESCAPES.get(char, f"\\x{code:02x}")
        return f"\\u{code:04x}"

    return _INVISIBLE.sub(escape, text)
