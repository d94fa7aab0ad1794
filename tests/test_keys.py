"""The one adapter between the app and how Textual receives keys
(``tui_roadmap/ui/keys.py``) fails loudly here if a Textual release changes
what it relies on: that every key from the terminal passes through
``App.on_event`` (where the key's time is noted and keys can be held), and
how Textual names the keys of printable characters."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label

from tui_roadmap.ui.keys import TYPED_CHARACTERS, KeyOrder, key_name

from .conftest import settle


class KeysSeen(KeyOrder):
    """A bare app that notes, for each key its binding runs on, the time the
    adapter gives for it."""

    BINDINGS = [
        Binding(key_name(character), f"seen({ord(character)})", priority=True) for character in TYPED_CHARACTERS
    ]

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, float | None]] = []

    def compose(self) -> ComposeResult:
        yield Label("No field: keys go to the app's bindings.")

    def action_seen(self, code: int) -> None:
        self.seen.append((chr(code), self.key_time))


async def test_every_printable_key_reaches_its_binding_by_the_name_the_adapter_gives_it():
    app = KeysSeen()
    async with app.run_test() as pilot:
        await pilot.press(*TYPED_CHARACTERS)
        assert "".join(character for character, _ in app.seen) == TYPED_CHARACTERS


async def test_the_time_of_the_key_at_hand_is_the_time_it_was_typed():
    app = KeysSeen()
    async with app.run_test() as pilot:
        typed = [events.Key("a", "a"), events.Key("b", "b")]
        typed[0].time, typed[1].time = 1000.0, 2000.0
        for event in typed:
            app.post_message(event)
        await settle(pilot)
        assert app.seen == [("a", 1000.0), ("b", 2000.0)]


async def test_held_keys_are_handed_on_in_the_order_they_were_typed():
    app = KeysSeen()
    async with app.run_test() as pilot:
        app.hold_keys()
        for character in "xyz":
            app.post_message(events.Key(character, character))
        await settle(pilot)
        assert app.seen == [] and app.holding_keys
        await app.release_keys()
        await settle(pilot)
        assert [character for character, _ in app.seen] == ["x", "y", "z"]
        assert not app.holding_keys
