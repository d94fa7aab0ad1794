"""The roadmap board shares its width fairly among its columns."""

from __future__ import annotations

import pytest

from tui_roadmap.ui.widgets.board import COLUMN_MIN, EMPTY_WIDTH, GAP, column_widths
from tui_roadmap.workshop.timeframe import Quarter, Timeframe

from .conftest import NOW, fixed_clock, load_sample


def test_columns_share_the_width_and_an_empty_one_stays_narrow():
    assert column_widths(100, [False, False, False]) == [32, 32, 32]
    assert column_widths(100, [True, False, False, False, False]) == [EMPTY_WIDTH] + [19] * 4
    widths = column_widths(100, [True, False, False, False, False])
    assert sum(widths) + GAP * len(widths) <= 100


def test_columns_never_get_narrower_than_the_minimum():
    assert column_widths(60, [False] * 6) == [COLUMN_MIN] * 6
    assert column_widths(10, [True]) == [EMPTY_WIDTH]


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (160, 40)], ids=["100x30", "80x24", "160x40"])
async def test_four_quarters_each_get_a_fair_share_of_the_board(folder, size):
    from tui_roadmap.ui.app import make_app
    from tui_roadmap.ui.widgets.board import BoardList

    workshop = load_sample()
    workshop.set_timeframe(Timeframe(Quarter(2027, 1), 4))
    workshop.set_step("roadmap")
    session = folder.create(workshop.name, NOW, workshop)
    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        board = app.screen.query_one("#board")
        columns = [column for column in board.query(".board-column") if not column.has_class("-empty")]
        assert len(columns) >= 4
        widths = {column.outer_size.width for column in columns}
        assert len(widths) == 1, widths  # alike
        assert widths.pop() >= COLUMN_MIN
        if size[0] >= 100:  # room for all: nothing off screen
            assert all(column.region.right <= board.region.right for column in columns)
        for column_list in board.query(BoardList):
            assert column_list.size.width > 0
