"""Keys typed in a burst land where the focus was meant to be when they
were typed.

Keys come in bursts: a fast typist, a laggy remote terminal, a facilitator
who types ahead of the screen. Textual sends each key to the focused widget,
and runs a key's binding (ctrl+t, F3, Esc) only once the key has bubbled up
from that widget to the app; the focus then moves after a refresh or two (a
form opening, a step shown). Keys typed behind such a key would land in the
old field, or be lost with a form that closed.

So the app holds the keys typed behind one that goes to a binding, and
behind a screen opening or closing, and hands them on, in the order they
were typed, once everything on the screen has handled what it was sent and
the focus has stopped moving. Where the focus is not in a text field, it
runs such a key's binding itself as the key comes in, rather than waiting
for the key to come back up from the focused widget.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App
from textual.widgets import Input

SETTLE_ROUNDS = 10
"""Rounds of "let every widget handle what it was sent, then refresh" before
the keys are let go even if the focus is still moving."""
ROUND_TIMEOUT = 3.0
AWAIT_TIMEOUT = 3.0
"""How long to wait for a key to reach its binding, should it never (only
a safety net: every key a field passes on goes up to the app)."""


class HoldsKeys(App):
    """An app that holds keys while the focus moves (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: list[events.Key | events.Paste] | None = None
        self._hold_generation = 0
        self._awaited_key: events.Key | None = None
        self._settling: set[asyncio.Task] = set()
        self._releasing = False
        self.key_time: float | None = None
        """When the key whose binding is running was typed (Textual's
        monotonic clock); None outside a key's binding."""

    # Screens opening and closing move the focus.

    def push_screen(self, *args, **kwargs):
        self.hold_keys()
        return super().push_screen(*args, **kwargs)

    def pop_screen(self):
        self.hold_keys()
        return super().pop_screen()

    def switch_screen(self, *args, **kwargs):
        self.hold_keys()
        return super().switch_screen(*args, **kwargs)

    @property
    def holding_keys(self) -> bool:
        return self._held_keys is not None

    @property
    def keys_waiting(self) -> bool:
        """True while keys are held or being handed on."""
        return self._held_keys is not None or self._releasing

    def hold_keys(self, until: events.Key | None = None) -> None:
        """Hold the keys typed from now on, and let them go once the focus
        has settled (with ``until``: once that key has run its binding, and
        then the focus has settled)."""
        if self._held_keys is None:
            self._held_keys = []
        if until is not None:
            self._awaited_key = until
            self.set_timer(AWAIT_TIMEOUT, lambda: self._key_arrived(until))
            return
        self._hold_generation += 1
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not running yet: nothing to hold
            self._held_keys = None
            return
        task = loop.create_task(self._settle(self._hold_generation))
        self._settling.add(task)
        task.add_done_callback(self._settling.discard)

    def hold_key(self, event: events.Key | events.Paste) -> None:
        """Hold a key (or a paste) that reached a field while keys are held,
        or a field on a screen no longer on top, or one the focus left."""
        if self._held_keys is None:
            self.hold_keys()
        assert self._held_keys is not None
        self._held_keys.append(event)

    async def keys_released(self) -> None:
        """Called once held keys have been handed on."""

    def _key_arrived(self, event: events.Key) -> None:
        if self._awaited_key is event:
            self._awaited_key = None
            self.hold_keys()

    async def _settle(self, generation: int) -> None:
        """Wait until the screen's widgets have handled all they were sent
        and the focus stays put through a refresh; then let the app hand the
        keys on (from its own queue, in turn with what comes after)."""
        for _ in range(SETTLE_ROUNDS):
            if generation != self._hold_generation or not self.is_running:
                return
            before = self._where_focus_is()
            try:
                await asyncio.wait_for(self._all_handled(), ROUND_TIMEOUT)
                await asyncio.wait_for(self._refreshed(), ROUND_TIMEOUT)
            except asyncio.TimeoutError:
                break
            if self._where_focus_is() == before:
                break
        if generation == self._hold_generation and self.is_running:
            self.call_later(self._release_keys, generation)

    def _where_focus_is(self) -> tuple[object, object, int]:
        try:
            screen = self.screen
        except Exception:
            return (None, None, len(self.screen_stack))
        return (screen, screen.focused, len(self.screen_stack))

    async def _all_handled(self) -> None:
        """Return once the app and every widget on the screen have handled
        what was sent to them before now."""
        try:
            pumps = [self, *self.screen.walk_children(with_self=True)]
        except Exception:
            return
        done = asyncio.Event()
        waiting = 0

        def one_done() -> None:
            nonlocal waiting
            waiting -= 1
            if waiting == 0:
                done.set()

        for pump in pumps:
            if pump.call_later(one_done):
                waiting += 1
        if waiting:
            await done.wait()

    async def _refreshed(self) -> None:
        refreshed = asyncio.get_running_loop().create_future()
        self.call_after_refresh(lambda: refreshed.done() or refreshed.set_result(None))
        await refreshed

    async def _release_keys(self, generation: int) -> None:
        if generation != self._hold_generation or self._awaited_key is not None:
            return  # a later hold lets them go
        held = sorted(self._held_keys or [], key=lambda key: key.time)
        self._held_keys = None
        self._releasing = True
        try:
            for index, event in enumerate(held):
                # A fresh copy (the held one may have been forwarded already),
                # handled as if it had just come from the terminal.
                if isinstance(event, events.Key):
                    again: events.Key | events.Paste = events.Key(event.key, event.character)
                else:
                    again = events.Paste(event.text)
                again.time = event.time
                await self._handle_input(again)
                if self._held_keys is not None:  # it may move the focus: the rest wait
                    self._held_keys[:0] = held[index + 1 :]
                    return
        finally:
            self._releasing = False
        await self.keys_released()

    async def _handle_input(self, event: events.Key | events.Paste) -> None:
        """A key from the terminal. One that goes to a binding while the
        focus is not in a text field (a list's keys, F3, ctrl+t) runs it
        here and now, in the order the keys came, rather than on its way
        back up from the focused widget, by which time the keys behind it
        have gone to that widget too; the keys behind it are then held until
        the focus it may have moved has settled."""
        if isinstance(event, events.Paste):
            if not self._start_typing(event):
                await super().on_event(event)
            return
        if self._goes_to_a_binding(event):
            self.app_focus = True
            self.key_time = event.time
            try:
                ran = await self._check_bindings(event.key, priority=True) or await self._check_bindings(event.key)
            finally:
                self.key_time = None
            if ran:
                self.hold_keys()
                return
        elif event.is_printable and self._start_typing(event):
            return
        elif not event.is_printable and self._field_passes_keys_on(self.focused):
            # A text field of Textual's own (the command palette's search)
            # passes this key up to a binding: the keys behind it wait for it.
            self.hold_keys(until=event)
        await super().on_event(event)

    @staticmethod
    def _field_passes_keys_on(widget: object) -> bool:
        """True for a text field that does not hold keys itself (as the app's
        own fields do: see fields.py)."""
        return isinstance(widget, Input) and not getattr(widget, "holds_keys_itself", False)

    def _start_typing(self, event: events.Key | events.Paste) -> bool:
        """A letter typed (or a paste) on a list that has no key for it goes
        to the list's text field (``typing_goes_to``), with the keys behind
        it."""
        typing_goes_to = getattr(self.focused, "typing_goes_to", None)
        field = typing_goes_to() if typing_goes_to is not None else None
        if field is None:
            return False
        self.hold_keys()
        if self._held_keys is None:
            return False
        self._held_keys.append(event)
        field.focus()
        return True

    def _goes_to_a_binding(self, event: events.Key) -> bool:
        """True if the focus is not in a text field (which takes keys as
        typing, in turn, and says itself which keys it does not take), and
        the key has a binding from the focused widget up."""
        if isinstance(self.focused, Input):
            return False
        try:
            screen = self.screen
            chain = screen._modal_binding_chain
        except Exception:
            return False
        if screen.maximized is not None and event.key == "escape" and self.escape_to_minimize:
            return False  # Textual's own: Esc puts a maximized widget back
        return any(
            not binding.priority
            for _, bindings in chain
            for binding in bindings.key_to_bindings.get(event.key, ())
        )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            await self._handle_input(event)
            return
        await super().on_event(event)

    # Textual calls the ``_on_key`` of each class in the MRO in turn, until
    # one prevents the default: this one runs App's (the bindings) itself.
    async def _on_key(self, event: events.Key) -> None:
        self.key_time = event.time
        try:
            await super()._on_key(event)
        finally:
            self.key_time = None
        event.prevent_default()
        self._key_arrived(event)
