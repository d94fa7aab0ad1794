"""A whole workshop through the keyboard alone, from an empty session to the
Markdown, checked on screen, in the exported file and in the session file."""

from __future__ import annotations

from textual.widgets import Input, Markdown, TextArea

from tui_roadmap.export.draft import markdown
from tui_roadmap.ui.app import make_app
from tui_roadmap.workshop.model import STEPS, new_workshop
from tui_roadmap.workshop.vote import cast, tally, winners

from .conftest import NOW, empty_app, fixed_clock, load_sample, notifications, sample_app, settle, type_keys, type_line

GOALS = [
    "Acquire new customers | 50,000 new sign-ups a month",
    "Increase engagement | weekly active users from 18% to 30%",
    "Start earning revenue",
]

IDEAS = [
    "2: Virtual try-on with the phone camera @Lena",
    "1: Password reset and sign-in with Apple or Google @Aisha",
    "1: Referral rewards @Tom",
    "2: Outfit-of-the-day push notification @Tom",
    "2: Import the wardrobe from order emails @Marcus",
    "3: Shop the look @Dana",
    "3: Premium plan: unlimited AI stylist chats @Dana",
    "1: Share looks to Instagram and TikTok @Tom",
    "3: Size recommendation @Lena",
    "2: Weather-aware outfit suggestions @Marcus",
    "1: Onboarding quiz @Lena",
    "Dark mode @Marcus",
    "Accessibility audit | screen readers @Aisha",
    "1: Localize for France and Germany @Dana",
    "1: Creator program @Tom",
    "2: Packing lists for trips @Priya",
]

# Dots per idea number, as the room counted them.
DOTS = {1: 5, 11: 4, 2: 3, 6: 3, 3: 2, 10: 2, 7: 2, 8: 1, 5: 1, 9: 1}


async def test_a_whole_workshop_by_keyboard(folder, tmp_path):
    app = empty_app(folder, "Fabrikam H1 2027")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        # Goals: typed one line each, then the mission and the timeframe.
        assert app.focused.id == "goal-entry"
        for goal in GOALS:
            await type_line(pilot, goal)
        await pilot.press("shift+tab", "home", "down", "down", "m")
        await pilot.pause()
        await type_line(pilot, "2% of weekly active users on a paid plan")  # Enter: on to its baseline and target
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.workshop.goals[2].target == "2%"  # as the metric says
        await pilot.press("ctrl+t")  # the session's settings
        await pilot.pause()
        assert app.focused.id == "field-0"
        await type_line(pilot, "Help anyone put together outfits they love")
        await type_line(pilot, "Fabrikam")
        await pilot.press("ctrl+u")
        await type_line(pilot, "2027-Q1 to 2027-Q2")
        await type_keys(pilot, "enter", "enter")
        await pilot.pause()

        # Ideas: type, Enter, next.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.id == "idea-input"
        for idea in IDEAS:
            await type_line(pilot, idea)
        assert app.focused.id == "idea-input" and app.focused.value == ""
        await pilot.press("up", "up", "up", "up", "up", "2", "escape")  # Dark mode serves goal 2

        # Vote: who votes, how many dots, then the dots.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.id == "people"
        await type_line(pilot, "Priya (Product), Marcus (Engineering), Lena (Design), Tom, Aisha, Dana (Leadership)")
        await type_line(pilot, "4")
        assert app.focused.id == "vote-list"
        for number in range(1, len(IDEAS) + 1):
            await pilot.press(*["plus"] * DOTS.get(number, 0), "down")
        await pilot.press("plus")  # one dot too many: refused
        await pilot.pause()
        workshop = screen.workshop
        assert cast(workshop) == 24
        assert [r.number for r in winners(workshop)] == [1, 11, 2, 6, 3, 7, 10]

        # Roadmap: place each winner, then priority and effort.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("2", "1", "1", "2", "1", "2", "1")
        await pilot.press("right")
        await pilot.press("p", "e", "e", "down", "p", "e", "down", "p", "p", "e", "down", "p", "p", "p", "e")
        await pilot.press("right")
        await pilot.press("p", "e", "e", "e", "e", "down", "p", "p", "e", "e", "e", "down", "p", "p", "e", "e")
        await pilot.press("shift+up")  # Premium plan before Shop the look
        await pilot.pause()
        q1 = [workshop.idea(p.idea_id).text for p in workshop.column_items("2027-Q1")]
        q2 = [(workshop.idea(p.idea_id).text, p.priority, p.effort) for p in workshop.column_items("2027-Q2")]
        assert q1 == [
            "Onboarding quiz",
            "Password reset and sign-in with Apple or Google",
            "Referral rewards",
            "Weather-aware outfit suggestions",
        ]
        assert q2 == [
            ("Virtual try-on with the phone camera", "Must", "XL"),
            ("Premium plan: unlimited AI stylist chats", "Should", "M"),
            ("Shop the look", "Should", "L"),
        ]

        # Export: write the file.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        written = folder.root / "fabrikam-h1-2027.md"
        draft = written.read_text(encoding="utf-8")
        await pilot.press("ctrl+q")

    on_disk = folder.load("Fabrikam H1 2027")
    assert on_disk.step == "export"
    assert draft == markdown(on_disk)
    assert "| 1 | Virtual try-on with the phone camera | Increase engagement | Must | XL | 5 |" in draft
    assert "| Dark mode | Increase engagement | Marcus | 0 |" in draft
    assert "| Accessibility audit \\| screen readers | (none) | Aisha | 0 |" in draft
    assert "- [ ] Scope \u201cShop the look\u201d (2027-Q2) into epics and stories, and name an owner." in draft
    assert "> **Mission:** Help anyone put together outfits they love" in draft
    assert on_disk.goals[2].metric == "2% of weekly active users on a paid plan"
    assert [p.name for p in on_disk.participants] == ["Priya", "Marcus", "Lena", "Tom", "Aisha", "Dana"]
    assert len(on_disk.ideas) == 16 and len(on_disk.placements) == 7


async def test_quitting_and_reopening_resumes_at_the_same_step(folder):
    app = sample_app(folder)
    for step_key, step in zip(("f2", "f3", "f4", "f5", "f6"), STEPS[1:], strict=True):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(step_key)
            await pilot.pause()
            await pilot.press("ctrl+q")
        from tui_roadmap.ui.app import make_app

        session = folder.open("Fabrikam H1 2027", NOW)
        assert session.workshop.step == step
        app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#steps").current == step
            await pilot.press("ctrl+q")
        session = folder.open("Fabrikam H1 2027", NOW)
        app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    app.close_session()


async def test_ideas_typed_are_on_disk_before_the_app_quits(folder):
    app = empty_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        for n in range(5):
            await type_line(pilot, f"Idea number {n}")
        on_disk = folder.load("Empty Workshop")  # read while the app is still running
        assert [i.text for i in on_disk.ideas] == [f"Idea number {n}" for n in range(5)]
        assert on_disk.step == "ideas"


async def test_a_bad_line_keeps_what_was_typed(folder):
    app = empty_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await type_line(pilot, "4: Dark mode")
        field = app.screen.query_one("#idea-input", Input)
        assert field.value == "4: Dark mode"
        assert app.screen.workshop.ideas == []
        await pilot.press("f2")
        await pilot.pause()
        await type_line(pilot, "Grow")
        await pilot.press("f3")
        await pilot.pause()
        assert field.value == "4: Dark mode"


async def test_deleting_asks_first_and_escape_keeps_the_idea(folder):
    app = sample_app(folder, "ideas")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("up", "d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen.workshop.ideas) == 18
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [i.text for i in app.screen.workshop.ideas][-1] == "In-app support chat"


async def test_a_yes_typed_before_the_question_was_shown_does_not_answer_it(folder):
    """ "dye your old clothes" typed on the list by mistake: d asks to delete
    the idea, and the y typed right behind it must not say yes."""
    from tui_roadmap.ui.screens.dialogs import ConfirmDialog

    app = sample_app(folder, "ideas")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_keys(pilot, "up", "d", "y", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "typed before this question" in str(app.screen.query_one(".dialog-hint").render())
        assert len(app.screen_stack[-2].workshop.ideas) == 18
        await pilot.press("y")  # now the question is on screen
        await pilot.pause()
        assert [i.text for i in app.screen.workshop.ideas][-1] == "In-app support chat"


async def test_typing_on_a_list_starts_a_new_item(folder):
    """A letter that is not one of the list's keys goes to the field below,
    with the rest of what is typed."""
    from tui_roadmap.ui.widgets.goals import GoalList

    app = sample_app(folder, "ideas")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_keys(pilot, "up", *"Packing lists for trips abroad", "enter")
        assert app.screen.workshop.ideas[-1].text == "Packing lists for trips abroad"
        assert app.focused.id == "idea-input"
        await type_keys(pilot, "f2")
        app.screen.query_one(GoalList).focus()
        await pilot.pause()
        await type_keys(pilot, *"Grow in Europe", "enter")
        assert app.screen.workshop.goals[-1].title == "Grow in Europe"
        assert app.focused.id == "goal-entry"


async def test_fields_typed_in_a_burst_land_where_they_belong(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "ctrl+t")
        await type_keys(
            pilot, *"Our mission", "enter", *"Acme", "enter", "ctrl+u", *"2027-Q1 to 2027-Q2", "enter", "enter", "enter"
        )
        workshop = app.screen.workshop
        assert (workshop.mission, workshop.product) == ("Our mission", "Acme")
        assert workshop.timeframe.columns == ("2027-Q1", "2027-Q2")


async def test_text_being_typed_is_kept_when_the_app_quits(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+t", "enter", "enter")
        assert app.focused.id == "field-2"
        await type_keys(pilot, "ctrl+u", *"Now Next Later")
        await pilot.press("ctrl+q")
    assert folder.load("Empty Workshop").timeframe.columns == ("Now", "Next", "Later")

    session = folder.open("Empty Workshop", NOW)
    from tui_roadmap.ui.app import make_app

    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await type_keys(pilot, *"Virtual try-on with the pho")
        await pilot.press("ctrl+q")
    assert folder.load("Empty Workshop").drafts == {"idea": "Virtual try-on with the pho"}

    session = folder.open("Empty Workshop", NOW)
    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#idea-input", Input)
        assert field.value == "Virtual try-on with the pho"
        await type_line(pilot, "ne camera")
        assert [i.text for i in app.screen.workshop.ideas] == ["Virtual try-on with the phone camera"]
        assert app.screen.workshop.drafts == {}


async def test_quitting_with_a_field_that_cannot_be_kept_asks_first(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+t", "enter", "enter")
        await type_keys(pilot, "ctrl+u", *"2027-Q1 to 2027")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "not kept" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#field-2", Input).value == "2027-Q1 to 2027"
        assert app.screen.query_one("#dialog-error").render()


async def test_keys_typed_in_one_burst_across_a_form_land_where_they_were_meant(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(
            pilot,
            "ctrl+t",
            *"Our new mission",
            "enter",
            *"Acme",
            "enter",
            "enter",
            "enter",
            "enter",
            *"Grow revenue | 2% paid",
            "enter",
            *"Half typed",
            "ctrl+q",
        )
        await pilot.pause()
    saved = folder.load("Empty Workshop")
    assert (saved.mission, saved.product) == ("Our new mission", "Acme")
    assert [(g.title, g.metric) for g in saved.goals] == [("Grow revenue", "2% paid")]
    assert saved.drafts == {"goal": "Half typed"}


async def test_keys_typed_in_one_burst_from_a_list_follow_the_step_they_open(folder):
    """From the vote list (not a text field): F5 opens the board, and the
    keys typed behind it place and size winners there, not on the vote list."""
    workshop = load_sample()
    for placement in list(workshop.placements):
        workshop.unplace(placement.idea_id)
    workshop.set_step("vote")
    first, second = [ranked.idea.id for ranked in winners(workshop)[:2]]
    cast_before = workshop.dots_cast()
    session = folder.create(workshop.name, NOW, workshop)
    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_keys(pilot, "f5", "1", "2", "right", "p", "e", "e", "ctrl+q")
        await pilot.pause()
    saved = folder.load("Fabrikam H1 2027")
    assert saved.dots_cast() == cast_before
    placed = {p.idea_id: (p.column, p.priority, p.effort) for p in saved.placements}
    assert placed == {first: ("2027-Q1", "Must", "M"), second: ("2027-Q2", None, None)}


async def test_keys_typed_behind_enter_follow_the_focus_from_a_field_to_a_list(folder):
    """Enter in the last vote field takes the focus on to the vote list: the
    dots typed behind it go there, not into the field."""
    workshop = new_workshop("Vote burst", NOW)
    for text in ("Dark mode", "Referral rewards", "Packing lists"):
        workshop.add_idea(text)
    workshop.set_step("vote")
    session = folder.create(workshop.name, NOW, workshop)
    app = make_app(folder, session, clock=fixed_clock, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_keys(pilot, *"Priya, Marcus, Lena", "enter", "2", "enter", "+", "+", "down", "+", "ctrl+q")
        await pilot.pause()
    saved = folder.load("Vote burst")
    assert [p.name for p in saved.participants] == ["Priya", "Marcus", "Lena"]
    assert saved.vote.dots_each == 2
    assert list(tally(saved).values()) == [2, 1, 0]
    assert saved.drafts == {}


async def test_quitting_anyway_keeps_the_fields_that_can_be_kept(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+t")
        await type_keys(pilot, *"Our mission", "enter", "enter", "ctrl+u", *"2027-Q1 to 2027")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "not kept" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("y")
        await pilot.pause()
    saved = folder.load("Empty Workshop")
    assert saved.mission == "Our mission"
    assert saved.timeframe.columns == ("2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4")


async def test_a_stopped_app_keeps_the_fields_of_an_open_form_that_can_be_kept(folder):
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+t")
        await type_keys(pilot, *"Acme", "enter", *"Shop", "enter", "enter", "enter", *"in two weeks")
        app.save_everything()  # what SIGTERM and SIGHUP do
        saved = folder.load("Empty Workshop")
        assert (saved.mission, saved.product, saved.next_review) == ("Acme", "Shop", None)


async def test_a_paste_in_a_burst_lands_where_the_keys_before_it_put_the_focus(folder):
    from textual import events

    app = sample_app(folder, "goals")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(events.Key("f3", None))
        app.post_message(events.Paste("Dark launch"))
        await type_keys(pilot, "!", "!")
        assert app.screen.query_one("#goal-entry", Input).value == ""
        assert app.screen.query_one("#idea-input", Input).value == "Dark launch!!"
    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "ctrl+t")
        form = app.screen
        await type_keys(pilot, *"Our mission", "enter")
        app.post_message(events.Paste("Acme"))  # pasted into the second field, after Enter
        await type_keys(pilot, "!")
        assert [form.query_one(f"#field-{i}", Input).value for i in range(2)] == ["Our mission", "Acme!"]


async def test_quit_asks_once_however_often_ctrl_q_is_pressed(folder):
    from tui_roadmap.ui.screens.dialogs import FormDialog, QuitQuestion

    app = empty_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "ctrl+t", "enter", "enter", "ctrl+u", *"2027-Q1 to", "ctrl+q", "ctrl+q")
        assert [type(s) for s in app.screen_stack[-2:]] == [FormDialog, QuitQuestion]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)


async def test_ctrl_c_in_a_field_with_nothing_selected_says_how_to_quit(folder):
    app = sample_app(folder, "goals")
    said = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("ctrl+q" in message for message in said)
        assert app.is_running


async def test_keys_typed_behind_enter_in_the_command_palette_land_on_the_step_it_opens(folder):
    """A quick double Enter in the palette (Textual closes it twice) leaves
    the workshop up, and the idea typed behind it lands in the Ideas step."""
    from textual.command import CommandList, CommandPalette

    app = sample_app(folder, "goals")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Ideas")
        await settle(pilot)  # the palette searches in a worker
        assert isinstance(app.screen, CommandPalette)
        found = app.screen.query_one(CommandList)
        assert found.option_count and "Ideas" in str(found.get_option_at_index(0).prompt)
        await type_keys(pilot, "enter", "enter", *"Late idea", "enter")
        assert app.screen.workshop.step == "ideas"
        assert app.screen.workshop.ideas[-1].text == "Late idea"


async def test_the_export_view_switches_between_text_and_page_again_and_again(folder):
    """v on the Export step shows the draft as a rendered page, then as the
    text that is pasted, and so on, as often as the room asks (the third v
    once stopped the app)."""
    app = sample_app(folder, "export")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        raw = app.screen.query_one("#preview-raw", TextArea)
        page = app.screen.query_one("#preview-page")
        assert raw.display and not page.display
        for press in range(1, 6):
            await type_keys(pilot, "v")
            rendered = press % 2 == 1
            assert page.display is rendered and raw.display is not rendered
            assert app.focused is (page if rendered else raw)
            if rendered:
                shown = app.screen.query_one("#preview-rendered", Markdown)
                assert shown.source == markdown(app.screen.workshop)
        assert raw.text == markdown(app.screen.workshop)
    assert app.return_code in (None, 0)
