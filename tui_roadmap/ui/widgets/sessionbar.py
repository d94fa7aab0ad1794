"""The line at the top: the session's name and product, and whether the
room's work is on disk."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui_roadmap.files.autosave import SaveState


class SessionBar(Static):
    """The session's name on the left, the save state on the right (one
    line, drawn as one piece)."""

    _session_name: Content = Content("")
    _state: Content = Content("")

    def show_session(self, name: str, product: str) -> None:
        self._session_name = Content.assemble((name, "bold"), ("  " + product if product else "", ""))
        self._draw()

    def show_save(self, state: SaveState) -> None:
        """Saved only once what is on screen is on disk; Saving... while
        the disk is behind; NOT SAVED and why when a save failed; READ-ONLY
        when nothing is ever saved."""
        self.set_class(state.error is not None, "-failed")
        if state.read_only is not None:
            self._state = Content.styled(" READ-ONLY: nothing is saved ", "bold $text on $warning")
        elif state.saved:
            when = state.at.strftime("%H:%M:%S") if state.at else ""
            self._state = Content.styled(f"\u2713 Saved {when}".rstrip(), "$success")
        elif state.saving:
            self._state = Content.styled("Saving\u2026", "$text-muted")
        else:
            self._state = Content.styled(
                f" ! NOT SAVED: {state.error or 'waiting'}. Kept in memory; retrying. ", "bold $text on $error"
            )
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.content_region.width or self.app.size.width
        room = width - self._state.cell_length - 1
        name = (
            self._session_name.truncate(max(0, room), ellipsis=True)
            if self._session_name.cell_length > room
            else self._session_name
        )
        gap = max(1, width - name.cell_length - self._state.cell_length)
        self.update(Content.assemble(name, " " * gap, self._state))
