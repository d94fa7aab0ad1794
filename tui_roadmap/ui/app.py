"""The Textual application: the session picker, then the workshop screen.

:func:`make_app` is the one way to build the app, used by the command line
and by the tests alike.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import Notify
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widgets import Input, OptionList

from tui_roadmap.files.autosave import Autosave
from tui_roadmap.files.store import OpenSession, SessionFolder, SessionReadOnly, StoreError, describe_os_error
from tui_roadmap.ui.keys import KeyOrder
from tui_roadmap.ui.messages import KeepSettings
from tui_roadmap.ui.notices import Notices
from tui_roadmap.ui.order import deliver, handled
from tui_roadmap.ui.quitting import HoldsRoom, KeepsTyping
from tui_roadmap.ui.screens.dialogs import Ask, QuitQuestion, start_flow
from tui_roadmap.ui.settings import load_settings, save_settings
from tui_roadmap.ui.shutdown import GRACE_SECONDS, Shutdown
from tui_roadmap.ui.themes import PROJECTOR_THEMES
from tui_roadmap.workshop.clock import Clock, system_clock
from tui_roadmap.workshop.model import WorkshopError

DEFAULT_THEME = "textual-dark"

_FUNCTION_KEYS = {f"f{number}" for number in range(1, 25)}


class RoadmapApp(KeyOrder):
    """tui-roadmap: a product-roadmap workshop on one screen."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-roadmap"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit", tooltip="Quit; everything is already saved"),
        Binding("enter", "palette_enter", "Run", show=False, priority=True),
    ]

    def __init__(
        self,
        folder: SessionFolder,
        session: OpenSession | None = None,
        clock: Clock = system_clock,
        theme: str | None = DEFAULT_THEME,
        cursor_blink: bool = True,
        room_address: str | None = None,
        remember_theme: bool = False,
        room_url: str | None = None,
    ) -> None:
        super().__init__()
        self.remember_theme = remember_theme
        """True when ``theme`` was chosen (--theme): it is remembered on this computer."""
        self._settings_warned = False
        for projector in PROJECTOR_THEMES:
            self.register_theme(projector)
        self.settings = load_settings()
        """What this computer remembers (the theme, the bell)."""
        self.room_address = room_address
        """The address the room listens on (None: the laptop's on its network)."""
        self.room_url = room_url
        """The public address a tunnel gives the room (None: as it was last, or none)."""
        self.cursor_blink = cursor_blink
        self.folder = folder
        self.session = session
        self.clock = clock
        self.autosave: Autosave | None = None
        self.start_theme = theme
        self.shutdown: Shutdown | None = None
        self.notices = Notices(self)
        """The toasts, timed on the app's own clock (see :mod:`tui_roadmap.ui.notices`)."""

    def on_notify(self, event: Notify) -> None:
        self.notices.posted(event.notification)

    def on_mount(self) -> None:
        self.notices.start()
        chosen = self.start_theme or self.settings.theme
        self.theme = chosen if chosen in self.available_themes else DEFAULT_THEME
        if self.remember_theme:  # chosen on the command line: remembered
            self._keep_theme(self.current_theme)
        self.theme_changed_signal.subscribe(self, self._keep_theme)  # chosen in the palette: remembered
        if not self.is_headless:
            self._watch_for_stop()
        if self.session is not None:
            self._show_workshop(self.session)
        else:
            # Only the first screen shown is loaded before the first frame: the
            # session list's modules (about 8 ms) stay out of the workshop's,
            # and the workshop's (about 45 ms) out of the session list's.
            from tui_roadmap.ui.screens.picker import PickerScreen

            self.push_screen(PickerScreen(self.folder, self.clock, self))

    def _show_workshop(self, session: OpenSession) -> None:
        from tui_roadmap.ui.screens.workshop import WorkshopScreen  # local: see on_mount

        self.session = session
        self.autosave = Autosave(session, self.clock)
        self.sub_title = session.workshop.name
        screen = WorkshopScreen(self.autosave, self.clock, self.settings, self.room_address, self.room_url)
        if session.read_only is not None:
            self.notify(
                f"Open read-only: {session.read_only}. Nothing can be changed and nothing is saved; "
                "the draft can still be exported (F6).",
                severity="warning",
                timeout=10,
                markup=False,
            )
        else:
            # The good copy of the session as it was opened, once the room sees it.
            self.call_after_refresh(lambda: self.run_worker(session.keep_backup, thread=True, exclusive=True))
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_session(self, path: Path, read_only: str | None = None) -> None:
        """Open a session from the picker (only to look at it, with
        ``read_only``: why); say why if it cannot be opened."""
        try:
            session = self.folder.open_path(path, self.clock(), read_only)
        except SessionReadOnly as error:
            self.notify(error.sentence, severity="error", markup=False, timeout=8)
            return
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            return
        self._show_workshop(session)

    def create_session(self, name: str) -> None:
        """Create a session from the picker; say why if it cannot be."""
        self._start(lambda now: self.folder.create(name, now), "create the session")

    def review_session(self, path: Path) -> None:
        """Start the next review of a session from the picker (the session
        is not changed); say why if it cannot be."""
        self._start(lambda now: self.folder.review(path, now), "start the review")

    def _start(self, make: Callable[[datetime], OpenSession], what: str) -> None:
        try:
            session = make(self.clock())
        except SessionReadOnly as error:
            self.notify(f"Could not {what}: {error.reason}.", severity="error", markup=False, timeout=8)
            return
        except (StoreError, WorkshopError) as error:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            return
        except OSError as error:
            self.notify(f"Could not {what}: {describe_os_error(error)}.", severity="error", markup=False)
            return
        self._show_workshop(session)

    async def action_quit(self) -> None:
        """Quit, once what is typed is kept and everything is on disk (or the
        facilitator says to quit anyway, knowing what is not kept)."""
        await handled(self.focused)  # the keys typed before ctrl+q are in their field
        if isinstance(self.screen, QuitQuestion):
            return  # asked already: the answer is y or n
        problem = self._keep_what_is_typed()
        if problem:
            question = QuitQuestion(
                f"What you typed was not kept: {problem}",
                "Quit anyway? The rest of what you typed is kept; the field it names is not.",
            )
        elif self.autosave is not None and not await asyncio.to_thread(self.autosave.flush):
            question = QuitQuestion(
                f"The last changes are NOT saved: {self.autosave.error}.",
                "Quit anyway and lose them? (No, then F6 to export them elsewhere.)",
            )
        else:
            self.exit()
            return

        async def flow(ask: Ask) -> None:
            if await ask(question):
                if problem:
                    self.save_everything()
                self.exit()

        await start_flow(self, flow)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "palette_enter":
            return isinstance(self.screen, CommandPalette)
        return True

    async def action_palette_enter(self) -> None:
        """Enter in the command palette: the palette runs the chosen command
        from the app's queue, behind the keys typed after Enter, so those are
        held until it has run (see ``keys.KeyOrder``)."""
        palette = self.screen
        search = palette.query_one(Input)
        await handled(search)
        self.hold_keys()
        await deliver(search, Input.Submitted(search, search.value))
        for options in palette.query(OptionList):  # a choice made from the list comes back from it
            await handled(options)
        await handled(palette)
        if self.screen is palette:  # nothing was run: the palette stays, and so do the keys
            await self.release_keys()

    @on(CommandPalette.Closed)
    def palette_closed(self, event: CommandPalette.Closed) -> None:
        if self.holding_keys:
            # After the command, which the palette has put on the queue.
            self.call_later(self.release_keys)

    def _watch_for_stop(self) -> None:
        """Closing the terminal window (SIGHUP, or the terminal hanging up)
        or being told to stop (SIGTERM) saves what is pending, releases the
        session, and ends the app, within two seconds whatever the terminal
        does (see :mod:`tui_roadmap.ui.shutdown`)."""
        stdin = sys.__stdin__
        terminal = stdin.fileno() if stdin is not None and stdin.isatty() else None
        self.shutdown = Shutdown(asyncio.get_running_loop(), self._stop, self._stop_now)
        try:
            self.shutdown.install(terminal)
        except ValueError:  # signals can only be caught on the main thread
            self.shutdown = None

    def _stop(self, code: int) -> None:
        """On the app's loop: keep what is typed, save, release, leave. Only
        once the last save is on disk and the lock released does the
        watchdog hear that all is done (if not, it finishes the job)."""
        deadline = time.monotonic() + GRACE_SECONDS * 0.8
        self._close_rooms()  # no phone is told "saved" once saving stops
        self._keep_what_is_typed(partly=True)
        if self.close_session(timeout=max(0.0, deadline - time.monotonic())) and self.shutdown is not None:
            self.shutdown.done.set()
        self.exit(return_code=code)

    def _keep_theme(self, theme: Theme) -> None:
        """Remember the theme chosen (with --theme or in the palette) on this computer."""
        if self.settings.theme != theme.name:
            self.settings.theme = theme.name
            self._save_settings()

    def _save_settings(self) -> None:
        problem = save_settings(self.settings)
        if problem and not self._settings_warned:
            self._settings_warned = True  # once a run is enough
            self.notify(f"The settings are not kept: {problem}.", severity="warning", markup=False)

    @on(KeepSettings)
    def _keep_settings(self) -> None:
        self._save_settings()

    def toggle_bell(self) -> None:
        self.settings.bell = not self.settings.bell
        self._save_settings()
        self.notify(
            "The timer rings the bell when time is up." if self.settings.bell else "The timer's bell is off.",
            markup=False,
        )

    def _close_rooms(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HoldsRoom):
                screen.shut_room()

    def _stop_now(self, seconds: float) -> None:
        """On the watchdog's thread, when the app's loop is stuck: finish the
        saves already made and release the session, without the loop, in
        ``seconds`` at most."""
        self.close_session(timeout=seconds, backup=False)

    def _keep_what_is_typed(self, partly: bool = False) -> str | None:
        """Keep what is typed in an open form and in the field being typed in;
        the reason if some of it cannot be kept (with ``partly``, a form keeps
        its fields that can be)."""
        problem = None
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KeepsTyping):
                problem = screen.keep(partly) or problem
        return problem

    def save_everything(self, timeout: float | None = None) -> bool:
        """Keep what is typed and save, without asking anything (the app is
        being stopped from outside); wait up to ``timeout`` for the disk.
        Returns True if everything is on disk."""
        self._keep_what_is_typed(partly=True)
        return self.autosave is None or self.autosave.flush(timeout)

    def pop_screen(self):
        """Close the dialog or overlay on top. The workshop and the session
        list never close this way: a quick double Enter in the command
        palette closes it twice, which would take the workshop away."""
        if not isinstance(self.screen, ModalScreen):
            return AwaitComplete()
        return super().pop_screen()

    def on_unmount(self) -> None:
        self.close_session()
        if self.shutdown is not None:
            self.shutdown.uninstall()

    def close_session(self, timeout: float | None = None, backup: bool = True) -> bool:
        """Save what is pending, then release the session's lock, so that the
        last save lands before another process can open the session; in
        ``timeout`` seconds at most. Returns True if all is saved and
        released. Closing again does nothing."""
        deadline = None if timeout is None else time.monotonic() + timeout

        def left() -> float | None:
            return None if deadline is None else max(0.0, deadline - time.monotonic())

        saved = self.autosave is None or self.autosave.close(left())
        released = self.session is None or self.session.close(backup=backup, timeout=left())
        return saved and released

    def get_key_display(self, binding: Binding) -> str:
        """Function keys as they are printed on the keyboard: F1, not f1."""
        if binding.key_display is None and binding.key.split(",")[0] in _FUNCTION_KEYS:
            return binding.key.split(",")[0].upper()
        return super().get_key_display(binding)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every key of this app's that works where the
        focus is now (those with an id), then Textual's system commands."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id is None or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            help_text = f"{binding.tooltip} ({key})" if binding.tooltip else f"Key: {key}"
            namespace = active.node

            async def run(action: str = binding.action, node=namespace) -> None:
                await self.run_action(action, node)

            yield SystemCommand(binding.description, help_text, run)
        bell = "off" if self.settings.bell else "on"
        yield SystemCommand(
            f"Timer bell {bell}",
            f"Turn {bell} the bell a timer rings when time is up (kept on this computer)",
            self.toggle_bell,
        )
        yield from super().get_system_commands(screen)


def make_app(
    folder: SessionFolder,
    session: OpenSession | None = None,
    clock: Clock = system_clock,
    theme: str | None = DEFAULT_THEME,
    cursor_blink: bool = True,
    room_address: str | None = None,
    remember_theme: bool = False,
    room_url: str | None = None,
) -> RoadmapApp:
    """The app on a sessions folder, showing an open session or the picker;
    the room listens on ``room_address`` when it is opened, and phones are
    given ``room_url`` if a tunnel gives it one. ``theme`` None: the one
    remembered on this computer."""
    return RoadmapApp(folder, session, clock, theme, cursor_blink, room_address, remember_theme, room_url)
