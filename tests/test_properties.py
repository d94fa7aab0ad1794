"""Invariants of the model, checked on many generated workshops (hypothesis):
budgets hold, the tally is the dots cast, every idea is in the draft exactly
once, and a session saved and loaded is the same session, its text intact."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui_roadmap.export.draft import guard_words, markdown
from tui_roadmap.files.documents import from_tables, to_tables
from tui_roadmap.files.storage import dumps, encode, parse
from tui_roadmap.workshop.model import EFFORTS, PRIORITIES, WorkshopError, new_workshop
from tui_roadmap.workshop.text import clean
from tui_roadmap.workshop.timeframe import Quarter, Timeframe
from tui_roadmap.workshop.vote import add_dot, budget, cast, dots_each, remove_dot, spent_by, tally

NOW = datetime(2026, 11, 22, 10, 30)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Any text at all, as it might be typed or pasted.
raw_text = st.text(min_size=1, max_size=30)
#: Text as the workshop keeps it: what cleaning leaves of anything typed.
kept_text = raw_text.map(clean).filter(bool)


def workshops(draw, texts=kept_text):
    workshop = new_workshop(draw(kept_text), NOW)
    if draw(st.booleans()):
        workshop.set_timeframe(Timeframe(Quarter(2027, draw(st.integers(1, 4))), draw(st.integers(1, 4))))
    else:
        workshop.set_timeframe(Timeframe(None))
    for title in draw(st.lists(texts, max_size=4)):
        workshop.add_goal(title, draw(st.one_of(st.just(""), texts)))
    for name in draw(st.lists(texts, max_size=5, unique_by=str.casefold)):
        workshop.add_participant(name, draw(st.one_of(st.just(""), texts)))
    goal_ids = [None] + [g.id for g in workshop.goals]
    for text in draw(st.lists(texts, min_size=1, max_size=20, unique=True)):
        workshop.add_idea(text, draw(st.sampled_from(goal_ids)), draw(st.one_of(st.just(""), texts)))
    workshop.set_voters(draw(st.integers(1, 8)))
    for _ in range(draw(st.integers(0, 30))):
        try:
            add_dot(workshop, draw(st.sampled_from(workshop.ideas)).id)
        except WorkshopError:
            break
    columns = workshop.timeframe.columns
    for idea in draw(st.lists(st.sampled_from(workshop.ideas), max_size=8, unique_by=lambda i: i.id)):
        workshop.place(idea.id, draw(st.sampled_from(columns)))
        workshop.set_priority(idea.id, draw(st.sampled_from((None, *PRIORITIES))))
        workshop.set_effort(idea.id, draw(st.sampled_from((None, *EFFORTS))))
    workshop.set_cut(draw(st.one_of(st.none(), st.integers(0, len(workshop.ideas)))))
    return workshop


workshop_strategy = st.composite(workshops)


@SETTINGS
@given(st.data())
def test_no_voter_ever_spends_more_than_their_dots(data):
    workshop = new_workshop("Vote", NOW)
    for n in range(data.draw(st.integers(1, 8))):
        workshop.add_idea(f"Idea {n}")
    people = [workshop.add_participant(f"P{n}") for n in range(data.draw(st.integers(1, 5)))]
    workshop.set_dots_each(data.draw(st.integers(1, 5)))
    workshop.set_max_per_idea(data.draw(st.one_of(st.none(), st.integers(1, 3))))
    expected: Counter[int] = Counter()
    for _ in range(data.draw(st.integers(0, 60))):
        idea = data.draw(st.sampled_from(workshop.ideas))
        voter = data.draw(st.one_of(st.none(), st.sampled_from(people)))
        adding = data.draw(st.booleans())
        try:
            if adding:
                add_dot(workshop, idea.id, voter.id if voter else None)
            else:
                remove_dot(workshop, idea.id, voter.id if voter else None)
        except WorkshopError:
            continue
        expected[idea.id] += 1 if adding else -1
        for person in people:
            assert spent_by(workshop, person.id) <= dots_each(workshop)
            most = workshop.vote.max_per_idea
            assert most is None or all(n <= most for n in workshop.vote.ballots.get(person.id, {}).values())
        assert cast(workshop) <= budget(workshop)
    assert tally(workshop) == {idea.id: expected[idea.id] for idea in workshop.ideas}
    assert cast(workshop) == sum(expected.values())


@SETTINGS
@given(workshop_strategy())
def test_saving_and_loading_gives_back_the_same_session(workshop):
    assert from_tables(parse(encode(dumps(to_tables(workshop))))) == workshop


def visible_text(inline) -> str:
    """What a reader sees of an inline Markdown token."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def idea_cells(text: str) -> list[str]:
    """The text of every cell under an Item or Idea heading, as rendered."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    cells: list[str] = []
    header: list[str] = []
    row: list[str] = []
    in_header = False
    for token in tokens:
        if token.type == "thead_open":
            in_header, header = True, []
        elif token.type == "thead_close":
            in_header = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and (in_header or row is not None):
            (header if in_header else row).append(visible_text(token))
        elif token.type == "tr_close" and not in_header:
            cells.extend(cell for name, cell in zip(header, row, strict=False) if name in ("Item", "Idea"))
    return cells


@SETTINGS
@given(workshop_strategy())
def test_every_idea_is_in_the_draft_exactly_once_and_as_typed(workshop):
    cells = idea_cells(markdown(workshop))
    # What shows is what was typed (with a word joiner after a mention's @).
    assert Counter(cells) == Counter(guard_words(idea.text) for idea in workshop.ideas)


@SETTINGS
@given(raw_text)
def test_cleaning_is_stable_and_keeps_no_control_code(text):
    once = clean(text)
    assert clean(once) == once
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in once)
    assert json.loads(json.dumps(once, ensure_ascii=False)) == once


def test_addresses_and_markup_in_ideas_show_as_typed():
    workshop = new_workshop("Links", NOW)
    texts = [
        "see https://x.example/a_b.",
        "docs at www.example.com/a(b) now",
        "pipe | in <b>bold</b> `code` *star* _under_ ~~strike~~ $5 & co #tag",
        "\\ backslash \\| and [link](javascript:alert(1))",
        "mail ops@example.com or @team :white_check_mark:",
    ]
    for text in texts:
        workshop.add_idea(text)
    assert Counter(idea_cells(markdown(workshop))) == Counter(guard_words(t) for t in texts)


@SETTINGS
@given(workshop_strategy(), st.data())
def test_each_save_writes_exactly_the_workshop_whatever_was_saved_before(workshop, data):
    """A save fills anew only the tables that changed, and encodes anew only
    those: the file is still exactly the whole workshop, and a snapshot
    taken before a change keeps what it had."""
    import tempfile
    from pathlib import Path

    from tui_roadmap.files.documents import snapshot
    from tui_roadmap.files.store import SessionFolder

    with tempfile.TemporaryDirectory() as folder:
        session = SessionFolder(Path(folder)).create(workshop.name, NOW, workshop)
        assert session.path.read_bytes() == encode(dumps(to_tables(workshop)))
        for _ in range(data.draw(st.integers(1, 4))):
            before = snapshot(workshop)
            kept = dumps(to_tables(before))
            choice = data.draw(st.integers(0, 7))
            idea = data.draw(st.sampled_from(workshop.ideas))
            try:
                if choice == 0:
                    workshop.edit_idea(idea.id, text=data.draw(kept_text))
                elif choice == 1:
                    workshop.add_idea(data.draw(kept_text) + " new")
                elif choice == 2 and len(workshop.ideas) > 1:
                    workshop.delete_idea(idea.id)
                elif choice == 3:
                    workshop.move_idea(idea.id, data.draw(st.integers(-3, 3)))
                elif choice == 4 and workshop.goals:
                    workshop.edit_goal(workshop.goals[0].id, metric=data.draw(kept_text))
                elif choice == 5:
                    add_dot(workshop, idea.id)
                elif choice == 6:
                    remove_dot(workshop, idea.id)
                elif choice == 7:
                    workshop.place(idea.id, data.draw(st.sampled_from(workshop.timeframe.columns)))
                    workshop.set_effort(idea.id, data.draw(st.sampled_from((None, *EFFORTS))))
                    workshop.move_in_column(idea.id, data.draw(st.integers(-2, 2)))
            except WorkshopError:
                pass
            assert dumps(to_tables(before)) == kept
            session.write(snapshot(workshop))
            assert session.path.read_bytes() == encode(dumps(to_tables(workshop)))
        session.close()


# ---------------------------------------------------------- duplicates

#: Words an idea is made of, so that generated ideas share some of them.
idea_words = st.sampled_from(
    ["dark", "mode", "app", "search", "faster", "café", "ordering", "Cafe", "the", "in", "for", "login"]
)
idea_text = st.lists(idea_words, min_size=1, max_size=6).map(" ".join)


@SETTINGS
@given(st.lists(idea_text, min_size=1, max_size=40), idea_text)
def test_the_near_duplicate_found_is_the_one_every_idea_scored_in_turn_finds(texts, typed):
    # What is typed is matched again at each key, so only likely ideas are
    # scored one by one: the one found is the one a score of each would find.
    from rapidfuzz import process

    from tui_roadmap.workshop.duplicates import THRESHOLD, _score, folded, likely_duplicate

    workshop = new_workshop("Dup", NOW)
    for text in texts:
        workshop.add_idea(text)
    found = likely_duplicate(typed, workshop.ideas)
    choices = {index: folded(idea.text) for index, idea in enumerate(workshop.ideas)}
    best = (
        process.extractOne(folded(typed), choices, scorer=_score, score_cutoff=THRESHOLD)
        if len(folded(typed)) >= 4
        else None
    )
    if best is None:
        assert found is None
    else:
        assert found is not None and (found.number, found.score) == (best[2] + 1, best[1])
