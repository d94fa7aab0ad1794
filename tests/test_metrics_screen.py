"""Metrics with numbers on the screen: a goal typed with its metric keeps the
numbers the metric states, the goal's form sets a baseline and a target,
and in a review v records a metric's value now and the day it was
measured; each is saved at once and undone by ctrl+z."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.screens.dialogs import FormDialog
from tui_roadmap.ui.widgets.goals import GoalList
from tui_roadmap.workshop.model import Reading

from .conftest import NOW, bare_sample, empty_app, fixed_clock, notifications, sample_app, settle, type_keys, type_line
from .test_metrics import with_numbers
from .test_trusted_vote import footer_keys

REVIEW_NAME = "November review"


def review_app(folder):
    """A review of the sample, with its goals' baselines and targets set."""
    first = with_numbers()
    folder.create(first.name, NOW, first).close()
    session = folder.review(folder.find(first.name), datetime(2026, 11, 21, 10), REVIEW_NAME)
    return make_app(folder, session, clock=fixed_clock, cursor_blink=False)


async def on_disk(app, folder, name: str):
    """The session as its file has it, once every change so far is written."""
    autosave = app.screen.autosave
    assert await asyncio.to_thread(autosave.wait_for, autosave.changes, 60)
    return folder.load(name)


def goal_lines(app) -> str:
    goal_list = app.screen.query_one(GoalList)
    return "\n".join(str(goal_list.get_option_at_index(i).prompt) for i in range(goal_list.option_count))


async def to_goal_list(app, pilot, index: int = 0) -> GoalList:
    await type_keys(pilot, "f2")
    goal_list = app.screen.query_one(GoalList)
    goal_list.focus()
    goal_list.highlighted = index
    await settle(pilot)
    return goal_list


async def test_a_goal_typed_with_its_metric_shows_and_keeps_its_numbers(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_line(pilot, "Fewer no-shows | no-show rate from 11% to 6%")
        goal = app.screen.workshop.goals[0]
        assert (goal.metric, goal.baseline, goal.target) == ("no-show rate from 11% to 6%", "11%", "6%")
        assert "baseline 11% \u00b7 target 6%" in goal_lines(app)
        saved = await on_disk(app, folder, "Empty Workshop")
        assert (saved.goals[0].baseline, saved.goals[0].target) == ("11%", "6%")
        await type_keys(pilot, "ctrl+z")
        assert not app.screen.workshop.goals


async def test_the_goals_form_sets_a_baseline_and_a_target_and_undo_takes_it_back(folder):
    app = sample_app(folder, "goals", bare_sample())  # (goals with no numbers set)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_goal_list(app, pilot, 2)  # goal 3: "2% of weekly active users on a paid plan"
        await type_keys(pilot, "e")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert [f.label for f in form.fields] == ["Goal", "Metric", "Baseline", "Target"]
        assert form.values()[2:] == ["", "2%"]  # the target the metric states, offered
        await type_keys(pilot, "tab", "tab", *"0%", "enter", "enter")
        workshop = app.screen.workshop
        goal = workshop.goals[2]
        assert (goal.metric, goal.baseline, goal.target) == ("2% of weekly active users on a paid plan", "0%", "2%")
        assert "baseline 0% \u00b7 target 2%" in goal_lines(app)
        saved = await on_disk(app, folder, "Fabrikam H1 2027")
        assert (saved.goals[2].baseline, saved.goals[2].target) == ("0%", "2%")
        # Goal 1 states its target, 50,000: the room says it as it counts it, and adds the baseline.
        await type_keys(pilot, "up", "up", "e", "tab", "tab", *"12,000 a month", "enter")
        assert app.screen.values()[3] == "50,000"
        await type_keys(pilot, "ctrl+u", *"50,000 a month", "enter")
        assert (workshop.goals[0].baseline, workshop.goals[0].target) == ("12,000 a month", "50,000 a month")
        assert workshop.goals[0].metric == "50,000 new sign-ups a month by the end of Q2"  # as typed
        said = notifications(app)
        await type_keys(pilot, "ctrl+z")
        assert (workshop.goals[0].baseline, workshop.goals[0].target) == ("", "")
        assert said == ["Undid: goal 1 edited"]
        await type_keys(pilot, "ctrl+z")
        assert (workshop.goals[2].baseline, workshop.goals[2].target) == ("", "")
        saved = await on_disk(app, folder, "Fabrikam H1 2027")
        assert all(not g.baseline and not g.target for g in saved.goals)


async def test_v_records_a_metrics_value_now_in_a_review(folder):
    app = review_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_goal_list(app, pilot, 1)  # goal 2: weekly active users, 18% to 30%
        assert footer_keys(app)["v"] == "Value now"
        await type_keys(pilot, "v")
        form = app.screen
        assert isinstance(form, FormDialog) and [f.label for f in form.fields] == ["Now", "Measured on"]
        await type_keys(pilot, *"21%", "enter", *"2026-11-18", "enter")
        workshop = app.screen.workshop
        assert workshop.readings == {2: Reading("21%", date(2026, 11, 18))}
        assert "now 21% on 2026-11-18: 25% of the way" in goal_lines(app)
        saved = await on_disk(app, folder, REVIEW_NAME)
        assert saved.readings == workshop.readings
        # Empty Measured on: today, by the app's clock.
        await type_keys(pilot, "down", "v", *"0.4%", "enter", "enter")
        assert workshop.readings[3] == Reading("0.4%", NOW.date())
        assert "now 0.4% on 2026-11-22: 20% of the way" in goal_lines(app)
        said = notifications(app)
        await type_keys(pilot, "ctrl+z")
        assert 3 not in workshop.readings and said == ["Undid: value now of goal 3 recorded"]
        await type_keys(pilot, "ctrl+z")
        assert not workshop.readings
        saved = await on_disk(app, folder, REVIEW_NAME)
        assert not saved.readings


async def test_a_bad_day_keeps_the_form_open_with_what_was_typed(folder):
    app = review_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_goal_list(app, pilot, 1)
        workshop = app.screen.workshop
        await type_keys(pilot, "v", *"21%", "enter", *"18/11", "enter")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.values() == ["21%", "18/11"]
        error = str(form.query_one("#dialog-error").render())
        assert "not a date: type the day it was measured as 2026-11-22" in error
        await type_keys(pilot, "ctrl+u", *"2026-12-01", "enter")
        assert "2026-12-01 is after today (2026-11-22)" in str(form.query_one("#dialog-error").render())
        assert not workshop.readings
        await type_keys(pilot, "escape")
        assert not isinstance(app.screen, FormDialog) and not workshop.readings


async def test_outside_a_review_v_starts_a_new_goal(folder):
    app = sample_app(folder, "goals")
    async with app.run_test(size=(100, 30)) as pilot:
        await to_goal_list(app, pilot)
        assert "v" not in footer_keys(app)
        await type_keys(pilot, *"Viral growth", "enter")
        assert app.screen.workshop.goals[-1].title == "Viral growth"
        assert not app.screen.workshop.readings


async def test_a_value_typed_when_the_app_quits_is_kept(folder):
    app = review_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_goal_list(app, pilot, 1)
        await type_keys(pilot, "v", *"21%", "ctrl+q")
        await settle(pilot)
    assert folder.load(REVIEW_NAME).readings == {2: Reading("21%", NOW.date())}
