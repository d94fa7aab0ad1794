"""Small and resized terminals: no crash, nothing typed lost, a note saying
how large the terminal must be, and the layout back when it is."""

from __future__ import annotations

import pytest

from tui_roadmap.ui.widgets.sizeguard import MIN_HEIGHT, MIN_WIDTH, SizeGuard

from .conftest import sample_app, type_line


@pytest.mark.parametrize("size", [(40, 12), (20, 5)], ids=["40x12", "20x5"])
async def test_typing_goes_on_in_a_tiny_terminal_and_the_layout_comes_back(folder, size):
    app = sample_app(folder, "ideas")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        guard = app.screen.query_one(SizeGuard)
        assert guard.has_class("-shown")
        assert f"{MIN_WIDTH} x {MIN_HEIGHT}" in str(guard.render())
        await type_line(pilot, "Typed while the terminal was tiny")
        for step in ("f2", "f4", "f5", "f6", "f3"):
            await pilot.press(step)
            await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not guard.has_class("-shown")
        assert app.screen.query_one("#idea-input").region.width > 50
        assert app.screen.workshop.ideas[-1].text == "Typed while the terminal was tiny"
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert guard.has_class("-shown")
    assert folder.load("Fabrikam H1 2027").ideas[-1].text == "Typed while the terminal was tiny"


async def test_the_picker_says_so_too(folder):
    from tui_roadmap.ui.app import make_app

    from .conftest import fixed_clock

    app = make_app(folder, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(SizeGuard).has_class("-shown")
