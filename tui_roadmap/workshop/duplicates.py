"""Near-duplicate ideas, found while an idea is typed, so that the room can
merge them before the vote instead of splitting its dots between them.

Matching is offline and fuzzy (rapidfuzz): accents, case, punctuation and
word order do not matter: "App dark-mode" matches "Dark mode for the app",
and "cafe ordering" matches "Café ordering in the app"; one shared word
("search" and "Faster search") is not enough.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from types import ModuleType

from msgspec import Struct

from tui_roadmap.workshop.model import Idea

THRESHOLD = 85
"""The least score (0-100) that names an idea as a likely duplicate."""

MIN_LENGTH = 4
"""Typed text shorter than this (once cleaned) is not matched yet."""

KEPT_TEXTS = 1 << 15
"""How many texts are kept folded (and split into words) between keys: the
ideas are matched again at each key typed, and folding a thousand of them
each time took 16 ms a key."""


class Duplicate(Struct, frozen=True):
    """An existing idea that looks like the one being typed."""

    idea: Idea
    number: int
    score: float


def _rapidfuzz() -> ModuleType:
    """rapidfuzz, loaded on the first look for a near-duplicate (a key typed
    in the idea field, an import, an idea from a phone): it takes about
    10 ms to load, which the first frame does without."""
    import rapidfuzz.fuzz
    import rapidfuzz.process
    import rapidfuzz.utils

    return rapidfuzz


@lru_cache(maxsize=KEPT_TEXTS)
def folded(text: str) -> str:
    """Text as it is compared: accents off, lower case, punctuation gone."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _rapidfuzz().utils.default_process(plain)


@lru_cache(maxsize=KEPT_TEXTS)
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _score(typed: str, known: str, **_: object) -> float:
    # token_sort_ratio: word order and a typo or two do not matter;
    # token_set_ratio: a few added words do not either, once two words are
    # shared (one shared word, "search", is not yet the same idea).
    if min(len(typed), len(known)) < MIN_LENGTH:
        return 0.0
    fuzz = _rapidfuzz().fuzz
    score = fuzz.token_sort_ratio(typed, known)
    if len(_words(typed) & _words(known)) >= 2:
        score = max(score, fuzz.token_set_ratio(typed, known))
    return score


def likely_duplicate(text: str, ideas: list[Idea], skip: int | None = None) -> Duplicate | None:
    """The existing idea most like ``text`` if it is likely the same one
    (None if none is); ``skip`` leaves one idea out (the idea itself)."""
    typed = folded(text)
    if len(typed) < MIN_LENGTH:
        return None
    choices = {index: folded(idea.text) for index, idea in enumerate(ideas) if idea.id != skip}
    # Only an idea that the word-order score names already, or that shares
    # two words with the text, can reach the threshold: the first are found
    # by rapidfuzz's own loop, and only those are scored one by one.
    fuzz, process = _rapidfuzz().fuzz, _rapidfuzz().process
    near = {
        index
        for _, _, index in process.extract(
            typed, choices, scorer=fuzz.token_sort_ratio, score_cutoff=THRESHOLD, limit=None
        )
    }
    words = _words(typed)
    near.update(index for index, known in choices.items() if len(words & _words(known)) >= 2)
    candidates = {index: known for index, known in choices.items() if index in near}
    best = process.extractOne(typed, candidates, scorer=_score, score_cutoff=THRESHOLD)
    if best is None:
        return None
    _, score, index = best
    return Duplicate(ideas[index], ideas[index].number, score)
