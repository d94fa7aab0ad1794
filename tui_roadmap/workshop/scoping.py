"""Scoping a roadmap item into epics and stories, with an owner: in the
meeting, or in a follow-up that reopens the session.

Scopes are immutable values (``model.Scope``): every change makes a new one,
so that copies for undo and saving share them safely.
"""

from __future__ import annotations

from msgspec.structs import replace

from tui_roadmap.workshop.model import Epic, Scope, Workshop, WorkshopError
from tui_roadmap.workshop.text import clean

MAX_EPICS = 50
MAX_STORIES = 100


def scope_of(workshop: Workshop, idea_id: int) -> Scope:
    """The item's scope (empty if it has none yet)."""
    return workshop.scopes.get(idea_id, Scope())


def is_scoped(scope: Scope) -> bool:
    """An item is scoped once it has an owner and an epic with a story."""
    return bool(scope.owner) and any(epic.stories for epic in scope.epics)


def _item(workshop: Workshop, idea_id: int) -> None:
    workshop.idea(idea_id)
    if workshop.placement(idea_id) is None:
        raise WorkshopError("Only items on the roadmap are scoped: place it in a column first.")


def _set(workshop: Workshop, idea_id: int, scope: Scope) -> None:
    if scope == Scope():
        workshop.scopes.pop(idea_id, None)
    else:
        workshop.scopes[idea_id] = scope


def set_owner(workshop: Workshop, idea_id: int, owner: str) -> None:
    _item(workshop, idea_id)
    _set(workshop, idea_id, replace(scope_of(workshop, idea_id), owner=clean(owner, 80)))


def add_epic(workshop: Workshop, idea_id: int, title: str) -> int:
    """Add an epic at the end; returns its index."""
    _item(workshop, idea_id)
    text = clean(title)
    if not text:
        raise WorkshopError("Type the epic's title.")
    scope = scope_of(workshop, idea_id)
    if len(scope.epics) >= MAX_EPICS:
        raise WorkshopError(f"An item has at most {MAX_EPICS} epics: split the item instead.")
    _set(workshop, idea_id, replace(scope, epics=(*scope.epics, Epic(text))))
    return len(scope.epics)


def add_story(workshop: Workshop, idea_id: int, epic: int, text: str) -> int:
    """Add a story at the end of an epic; returns its index."""
    _item(workshop, idea_id)
    story = clean(text)
    if not story:
        raise WorkshopError("Type the story after the dash: - As a member I can ...")
    scope = scope_of(workshop, idea_id)
    if not 0 <= epic < len(scope.epics):
        raise WorkshopError("Add an epic first: type its title and Enter; then - and a story.")
    target = scope.epics[epic]
    if len(target.stories) >= MAX_STORIES:
        raise WorkshopError(f"An epic has at most {MAX_STORIES} stories: split the epic instead.")
    epics = list(scope.epics)
    epics[epic] = replace(target, stories=(*target.stories, story))
    _set(workshop, idea_id, replace(scope, epics=tuple(epics)))
    return len(target.stories)


def edit_epic(workshop: Workshop, idea_id: int, epic: int, title: str, notes: str) -> None:
    _item(workshop, idea_id)
    scope = scope_of(workshop, idea_id)
    if not 0 <= epic < len(scope.epics):
        raise WorkshopError("That epic is gone.")
    if not clean(title):
        raise WorkshopError("An epic needs a title.")
    epics = list(scope.epics)
    epics[epic] = replace(epics[epic], title=clean(title), notes=clean(notes))
    _set(workshop, idea_id, replace(scope, epics=tuple(epics)))


def edit_story(workshop: Workshop, idea_id: int, epic: int, story: int, text: str) -> None:
    _item(workshop, idea_id)
    scope = scope_of(workshop, idea_id)
    if not 0 <= epic < len(scope.epics) or not 0 <= story < len(scope.epics[epic].stories):
        raise WorkshopError("That story is gone.")
    if not clean(text):
        raise WorkshopError("A story cannot be empty: d deletes it.")
    epics = list(scope.epics)
    stories = list(epics[epic].stories)
    stories[story] = clean(text)
    epics[epic] = replace(epics[epic], stories=tuple(stories))
    _set(workshop, idea_id, replace(scope, epics=tuple(epics)))


def delete(workshop: Workshop, idea_id: int, epic: int, story: int | None = None) -> None:
    """Delete an epic (with its stories), or one story of it."""
    _item(workshop, idea_id)
    scope = scope_of(workshop, idea_id)
    if not 0 <= epic < len(scope.epics):
        raise WorkshopError("That epic is gone.")
    epics = list(scope.epics)
    if story is None:
        del epics[epic]
    else:
        stories = list(epics[epic].stories)
        if not 0 <= story < len(stories):
            raise WorkshopError("That story is gone.")
        del stories[story]
        epics[epic] = replace(epics[epic], stories=tuple(stories))
    _set(workshop, idea_id, replace(scope, epics=tuple(epics)))
