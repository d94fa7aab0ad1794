"""What to do with a session file that cannot be read: restore its good copy,
move it aside, or leave it as it is. Nothing happens without a key press."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from tui_roadmap.files.backups import aside_path, find_backup
from tui_roadmap.ui.screens.dialogs import Dialog
from tui_roadmap.workshop.text import visible


class DamagedFileDialog(Dialog["str | None"]):
    """Offers what can be done with a damaged session file; dismisses with
    ``"restore"``, ``"aside"`` or None (leave it)."""

    BINDINGS = [
        Binding(
            "r",
            "choose('restore')",
            "Restore",
            id="damaged-restore",
            tooltip="Put the good copy back; the damaged file is moved aside",
            priority=True,
        ),
        Binding(
            "m",
            "choose('aside')",
            "Move aside",
            id="damaged-aside",
            tooltip="Rename the damaged file so that it is out of the list",
            priority=True,
        ),
        Binding("escape", "choose(None)", "Leave it", id="damaged-leave", tooltip="Change nothing", priority=True),
    ]

    def __init__(self, path: Path, problem: str, now) -> None:
        super().__init__()
        self.path = path
        self.problem = problem
        self.backup = find_backup(path)
        self.aside = aside_path(path, now).name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"{visible(self.path.name)} cannot be opened"), classes="dialog-title")
            yield Label(Content(visible(self.problem)), classes="dialog-detail")
            if self.backup:
                changed = self.backup.updated.strftime("%Y-%m-%d %H:%M")
                yield Label(
                    Content(
                        f"r  Restore its good copy (kept {self.backup.taken:%Y-%m-%d %H:%M}; "
                        f"{self.backup.ideas} ideas, last changed {changed}). "
                        f"The damaged file is kept as {visible(self.aside)}."
                    ),
                    classes="dialog-choice",
                )
            else:
                yield Label(Content("There is no good copy of this file to restore."), classes="dialog-detail")
            yield Label(
                Content(f"m  Move it aside, as {visible(self.aside)}, out of the list."), classes="dialog-choice"
            )
            yield Label(Content("Esc  Leave it as it is."), classes="dialog-choice")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == "restore":
            return self.backup is not None
        return True

    async def action_choose(self, choice: str | None) -> None:
        await self.answer(choice)
