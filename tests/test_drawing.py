"""What a step switch costs: a list shown again at the same width keeps the
lines it drew, and the workshop's built screen is set aside from Python's
cycle collector while it is open (both measured in ``benchmarks/``)."""

from __future__ import annotations

import gc
import weakref

from textual.content import Content

from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.widgets.board import RoadmapPane
from tui_roadmap.ui.widgets.goals import GoalsPane
from tui_roadmap.ui.widgets.ideas import IdeaList

from .conftest import NOW, fixed_clock, load_sample, settle


def _open(folder, step: str = "ideas"):
    workshop = load_sample()
    workshop.set_step(step)
    session = folder.create(workshop.name, NOW, workshop)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


def _spy_on_drawing(monkeypatch, prompts: set[int]) -> list[int]:
    """A list that fills with the id of each of ``prompts`` drawn as lines."""
    drawn: list[int] = []
    render_strips = Content.render_strips

    def spy(self, *args, **kwargs):
        if id(self) in prompts:
            drawn.append(id(self))
        return render_strips(self, *args, **kwargs)

    monkeypatch.setattr(Content, "render_strips", spy)
    return drawn


async def test_a_list_shown_again_at_the_same_width_keeps_its_drawn_options(folder, monkeypatch):
    app = _open(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ideas = app.screen.query_one(IdeaList)
        prompts = {id(option.prompt) for option in ideas.options}
        assert len(prompts) > 10
        drawn = _spy_on_drawing(monkeypatch, prompts)

        await pilot.press("f4")  # the vote, then back to the ideas
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen.query_one(IdeaList) is ideas
        assert drawn == []  # Textual's own option list drew every option again

        await pilot.resize_terminal(120, 30)  # wider: each option is laid out again
        await settle(pilot)
        assert drawn
        assert "Virtual try-on with the phone camera" in "\n".join(
            strip.text for strip in ideas.render_lines(ideas.region.reset_offset)
        )


def _collected(widget) -> bool:
    """Whether the collector's rounds look at ``widget`` (what is set aside
    is in none of its generations)."""
    return any(tracked is widget for tracked in gc.get_objects())


async def test_the_workshop_is_set_aside_from_the_collector_while_it_is_open(folder):
    gc.unfreeze()
    app = _open(folder, "goals")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() > 0
        assert not _collected(app.screen.query_one(GoalsPane))  # once the room sees it
        await pilot.press("f5")  # the board, built on its first visit
        await settle(pilot)
        board = app.screen.query_one(RoadmapPane)
        assert not _collected(board)
        await pilot.press("ctrl+q")
    assert gc.get_freeze_count() == 0  # closed: nothing is kept
    assert _collected(board)


def test_garbage_set_aside_with_the_first_frame_is_collected_when_a_step_is_built():
    from tui_roadmap.ui.memory import SetAside

    class Cycle:
        pass

    gc.unfreeze()
    gc.disable()  # no collection of its own in between
    aside = SetAside()
    try:
        garbage = Cycle()
        garbage.itself = garbage
        dropped = weakref.ref(garbage)
        del garbage
        aside.drawn()  # everything set aside at once, garbage and all
        gc.collect()
        assert dropped() is not None  # set aside: not looked at
        aside.built()
        assert dropped() is None
        assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        aside.let_go()
    assert gc.get_freeze_count() == 0


def test_what_something_else_set_aside_first_stays_set_aside():
    # A test runner keeps its own heap out of the collector's way: the
    # workshop neither hands it back nor collects through it.
    from tui_roadmap.ui.memory import SetAside

    class Kept:
        pass

    gc.unfreeze()
    kept = Kept()
    gc.freeze()
    aside = SetAside()
    try:
        aside.drawn()
        aside.built()
        aside.let_go()
        assert gc.get_freeze_count() > 0
        assert not _collected(kept)
    finally:
        gc.unfreeze()
