"""Near-duplicate ideas, found while an idea is typed, so that the room can
merge them before the vote instead of splitting its dots between them.

Matching is offline and fuzzy (rapidfuzz): accents, case, punctuation and
word order do not matter: "App dark-mode" matches "Dark mode for the app",
and "cafe ordering" matches "Café ordering in the app"; one shared word
("search" and "Faster search") is not enough.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from tui_roadmap.workshop.model import Idea

THRESHOLD = 85
"""The least score (0-100) that names an idea as a likely duplicate."""

MIN_LENGTH = 4
"""Typed text shorter than this (once cleaned) is not matched yet."""


@dataclass(frozen=True)
class Duplicate:
    """An existing idea that looks like the one being typed."""

    idea: Idea
    number: int
    score: float


def folded(text: str) -> str:
    """Text as it is compared: accents off, lower case, punctuation gone."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return utils.default_process(plain)


def _score(typed: str, known: str, **_: object) -> float:
    # token_sort_ratio: word order and a typo or two do not matter;
    # token_set_ratio: a few added words do not either, once two words are
    # shared (one shared word, "search", is not yet the same idea).
    if min(len(typed), len(known)) < MIN_LENGTH:
        return 0.0
    score = fuzz.token_sort_ratio(typed, known)
    if len(set(typed.split()) & set(known.split())) >= 2:
        score = max(score, fuzz.token_set_ratio(typed, known))
    return score


def likely_duplicate(text: str, ideas: list[Idea], skip: int | None = None) -> Duplicate | None:
    """The existing idea most like ``text`` if it is likely the same one
    (None if none is); ``skip`` leaves one idea out (the idea itself)."""
    typed = folded(text)
    if len(typed) < MIN_LENGTH:
        return None
    choices = {index: folded(idea.text) for index, idea in enumerate(ideas) if idea.id != skip}
    best = process.extractOne(typed, choices, scorer=_score, score_cutoff=THRESHOLD)
    if best is None:
        return None
    _, score, index = best
    return Duplicate(ideas[index], index + 1, score)
