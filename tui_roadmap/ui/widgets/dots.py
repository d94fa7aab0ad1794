"""Dots as the room sees them: on the vote's lists, the ballots and the
board's cards alike."""

from __future__ import annotations

DOT = "\u25cf"
MAX_DRAWN_DOTS = 12


def dots_text(count: int) -> str:
    """Dots drawn as dots, up to a dozen (then a +)."""
    if count <= 0:
        return ""
    return DOT * min(count, MAX_DRAWN_DOTS) + ("+" if count > MAX_DRAWN_DOTS else "")
