"""Timeboxes, on a clock the test moves (no test sleeps), the projector
themes' contrast, the settings file, and the presentation view."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.color import Color

from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.app import make_app
from tui_roadmap.ui.settings import load_settings, settings_path
from tui_roadmap.ui.themes import PROJECTOR_THEMES
from tui_roadmap.workshop import ballots, timebox
from tui_roadmap.workshop.model import WorkshopError

from .conftest import NOW, load_sample, notifications, settle, type_keys


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


# ------------------------------------------------------------------ the model


def test_a_timer_starts_pauses_resumes_and_runs_out():
    workshop = load_sample()
    assert timebox.timer(workshop, "ideas").minutes == 10 and timebox.timer(workshop, "vote").minutes == 5
    assert timebox.timer(workshop, "roadmap").minutes == 15 and timebox.timer(workshop, "goals").minutes == 10
    assert timebox.timer(workshop, "ideas").state(NOW) == "idle"
    timebox.toggle(workshop, "ideas", NOW)
    later = NOW + timedelta(minutes=4, seconds=30)
    assert timebox.timer(workshop, "ideas").state(later) == "running"
    assert timebox.clock_text(timebox.timer(workshop, "ideas").left(later)) == "5:30"
    timebox.toggle(workshop, "ideas", later)  # pause
    much_later = later + timedelta(hours=1)
    assert timebox.timer(workshop, "ideas").state(much_later) == "paused"
    assert timebox.clock_text(timebox.timer(workshop, "ideas").left(much_later)) == "5:30"
    timebox.toggle(workshop, "ideas", much_later)  # resume
    near = much_later + timedelta(minutes=4, seconds=45)
    assert timebox.timer(workshop, "ideas").state(near) == "last-minute"
    assert "LAST MINUTE" in timebox.describe(workshop, "ideas", near)
    over = near + timedelta(seconds=50)
    assert timebox.timer(workshop, "ideas").state(over) == "over"
    assert timebox.clock_text(timebox.timer(workshop, "ideas").left(over)) == "+0:05"
    assert "TIME IS UP" in timebox.describe(workshop, "ideas", over)
    assert timebox.ring(workshop, "ideas", over) and not timebox.ring(workshop, "ideas", over + timedelta(minutes=1))
    timebox.adjust(workshop, "ideas", 1, over)
    assert timebox.timer(workshop, "ideas").state(over) == "last-minute"  # a minute more: not up any more
    assert not timebox.timer(workshop, "ideas").rang  # so it may ring again, once, when it is
    with pytest.raises(WorkshopError, match="1 to 180 minutes"):
        timebox.adjust(workshop, "vote", -5, over)
    # Still over after a minute more: the bell does not ring again for it.
    late = over + timedelta(minutes=5)
    assert timebox.ring(workshop, "ideas", late)
    timebox.adjust(workshop, "ideas", 1, late)
    assert timebox.timer(workshop, "ideas").state(late) == "over" and not timebox.ring(workshop, "ideas", late)
    assert 10 * 60 - 1 < timebox.took(workshop, "ideas", over) < 11 * 60


def test_a_timer_survives_a_reopen(folder: SessionFolder):
    workshop = load_sample()
    timebox.toggle(workshop, "ideas", NOW)
    timebox.toggle(workshop, "ideas", NOW + timedelta(minutes=3))  # paused, 7 minutes left
    timebox.toggle(workshop, "vote", NOW + timedelta(minutes=4))  # running
    folder.create(workshop.name, NOW, workshop).close()
    again = folder.load(workshop.name)
    at = NOW + timedelta(minutes=6)
    assert timebox.timer(again, "ideas").state(at) == "paused"
    assert timebox.clock_text(timebox.timer(again, "ideas").left(at)) == "7:00"
    assert timebox.timer(again, "vote").state(at) == "running"
    assert timebox.clock_text(timebox.timer(again, "vote").left(at)) == "3:00"


# ---------------------------------------------------------------- on screen


def timed_app(folder: SessionFolder, clock: Clock, step: str = "ideas"):
    workshop = load_sample()
    workshop.set_step(step)
    session = folder.create(workshop.name, NOW, workshop)
    return make_app(folder, session, clock=clock, cursor_blink=False)


async def test_the_timer_on_screen_and_its_bell_once(folder):
    clock = Clock()
    app = timed_app(folder, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        rang = []
        app.bell = lambda: rang.append(clock.now)  # type: ignore[method-assign]
        said = notifications(app)
        screen = app.screen
        assert not screen.query("TimerBar")  # not started: nothing big on screen
        await type_keys(pilot, "ctrl+g")
        await settle(pilot)
        bar = screen.query_one("TimerBar")
        assert bar.display and bar.has_class("-running")
        clock.move(minutes=9, seconds=5)
        screen.tick()
        assert bar.has_class("-last-minute") and "LAST MINUTE" in str(screen.query_one("#timer-words").render())
        clock.move(seconds=60)
        screen.tick()
        screen.tick()
        assert bar.has_class("-over") and len(rang) == 1 and "Time is up for the Ideas step" in said[-1]
        assert screen.workshop.step == "ideas"  # it never moves on by itself
        await type_keys(pilot, "ctrl+l")  # a minute more
        assert bar.has_class("-last-minute") and timebox.timer(screen.workshop, "ideas").minutes == 11
        await type_keys(pilot, "ctrl+g")  # pause
        clock.move(minutes=30)
        screen.tick()
        assert bar.has_class("-paused") and len(rang) == 1
        await type_keys(pilot, "ctrl+f", "ctrl+f")
        assert timebox.timer(screen.workshop, "ideas").minutes == 9 and bar.has_class("-over")
        screen.tick()
        assert len(rang) == 2  # it was not up, and now it is: it rings for that, once
        await type_keys(pilot, "ctrl+l")  # still over after a minute more: no second bell
        screen.tick()
        assert len(rang) == 2
        await type_keys(pilot, "ctrl+z")  # an undo does not turn the clock back
        assert timebox.timer(screen.workshop, "ideas").minutes == 10


async def test_the_bell_can_be_turned_off_and_it_is_kept(folder):
    clock = Clock()
    app = timed_app(folder, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        rang = []
        app.bell = lambda: rang.append(1)  # type: ignore[method-assign]
        app.toggle_bell()
        await type_keys(pilot, "ctrl+g")
        clock.move(minutes=11)
        app.screen.tick()
        assert rang == []
    assert load_settings().bell is False and settings_path().is_file()


async def test_the_theme_is_remembered_on_this_computer(folder):
    plain = make_app(folder, None, theme=None, cursor_blink=False)
    async with plain.run_test(size=(100, 30)):
        assert plain.theme == "textual-dark"
    assert not settings_path().exists()  # nothing chosen, nothing written
    app = make_app(folder, None, theme="projector-dark", cursor_blink=False, remember_theme=True)  # --theme
    async with app.run_test(size=(100, 30)):
        assert app.theme == "projector-dark"
    assert load_settings().theme == "projector-dark"
    again = make_app(folder, None, theme=None, cursor_blink=False)
    async with again.run_test(size=(100, 30)) as pilot:
        assert again.theme == "projector-dark"
        again.theme = "projector-light"  # as the palette's "Change theme" does
        await pilot.pause()
    assert load_settings().theme == "projector-light"


async def test_keys_right_behind_the_timer_key_and_a_clock_with_a_zone(folder):
    clock = Clock()
    app = timed_app(folder, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "ctrl+g", "ctrl+l", "f4", "f3")  # the timer's bar is being built meanwhile
        await settle(pilot)
        assert timebox.timer(app.screen.workshop, "ideas").minutes == 11
        assert "Ideas: 11:00 left" in str(app.screen.query_one("#timer-words").render())
        await type_keys(pilot, "ctrl+o")  # presenting: the words stay (colour is never all that says it)
        assert app.screen.query_one("#timer-words").display and not app.screen.query_one("#timer-keys").display


def test_a_timer_written_with_a_time_zone_is_named_not_a_crash(folder):
    import json

    from tui_roadmap.files.store import SessionUnreadable

    workshop = load_sample()
    folder.create(workshop.name, NOW, workshop).close()
    path = folder.path_for(workshop.name)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["session"]["1"]["timers"] = {"ideas": {"minutes": 10, "started": "2026-11-22T10:00:00Z"}}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionUnreadable, match=r"started' is not a date and time"):
        folder.load(workshop.name)


def test_an_unknown_theme_is_one_line(tmp_path):
    from .test_cli import one_line_error, roadmap

    line = one_line_error(roadmap("--theme", "neon", "list", cwd=tmp_path), 2)
    assert "there is no theme 'neon'" in line and "projector-light" in line


async def test_the_presentation_view_hides_the_keys_and_never_the_totals_rule(folder):
    workshop = load_sample()
    workshop.vote.tallies.clear()
    workshop.set_step("vote")
    ballots.start(workshop)
    from tui_roadmap.workshop.vote import add_dot

    add_dot(workshop, workshop.ideas[0].id, workshop.participants[0].id)
    ballots.finish(workshop, workshop.participants[0].id)
    session = folder.create(workshop.name, NOW, workshop)
    app = make_app(folder, session, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_keys(pilot, "escape", "ctrl+o")
        screen = app.screen
        assert screen.has_class("-presenting") and not screen.query_one("KeyBar").display
        ranking = screen.query_one("#ranking")
        shown = "\n".join(str(ranking.get_option_at_index(n).prompt) for n in range(ranking.option_count))
        assert "\u25cf" not in shown and "Hidden" in shown
        await type_keys(pilot, "f3")  # every key still works
        assert screen.workshop.step == "ideas"
        await type_keys(pilot, "ctrl+o")
        assert not screen.has_class("-presenting") and screen.query_one("KeyBar").display


# ------------------------------------------------------------------ contrast


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(first: Color, second: Color) -> float:
    """WCAG 2.x's contrast ratio."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def resolve(variables: dict[str, str], name: str, under: Color) -> Color:
    """A theme variable as it is drawn over ``under`` (``auto N%``: the
    text colour Textual picks for that background, at N%)."""
    value = variables[name]
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return under + under.get_contrast_text(alpha)
    return under + Color.parse(value)


FOREGROUNDS = ("text", "text-muted", "accent", "warning", "error", "success", "primary")
BACKGROUNDS = ("background", "surface", "panel")
ON = [
    ("text", "accent"),  # the current step in the step bar
    ("text", "error"),  # NOT SAVED
    ("footer-foreground", "footer-background"),
    ("footer-key-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),  # the cursor's row
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background"),
]


@pytest.mark.parametrize("theme", PROJECTOR_THEMES, ids=lambda theme: theme.name)
def test_every_text_style_reads_at_seven_to_one(theme):
    variables = theme.to_color_system().generate()
    failures = []
    pairs = [(fg, bg, 7.0) for fg in FOREGROUNDS for bg in BACKGROUNDS] + [(fg, bg, 7.0) for fg, bg in ON]
    # On the cursor's row: its text at 7:1, the coloured marks on it (dots, goal labels) at 4.5:1.
    for cursor in ("block-cursor-background", "block-cursor-blurred-background"):
        pairs += [("text", cursor, 7.0), ("text-muted", cursor, 7.0)]
        pairs += [(fg, cursor, 4.5) for fg in FOREGROUNDS[2:]]
    for fg, bg, least in pairs:
        under = Color.parse(variables[bg])
        ratio = contrast(resolve(variables, fg, under), under)
        if ratio < least:
            failures.append(f"${fg} on ${bg}: {ratio:.2f} (at least {least})")
    assert not failures, failures
