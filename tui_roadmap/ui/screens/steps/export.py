"""Export, and what works on every step: the doc link, where the Markdown
is written, the big QR code, the session's settings and the help."""

from __future__ import annotations

from pathlib import Path

from textual import on

from tui_roadmap.files.store import export_target_problem, shown_path
from tui_roadmap.ui import messages as m
from tui_roadmap.ui.order import handled
from tui_roadmap.ui.screens.base import WorkshopBase
from tui_roadmap.ui.screens.dialogs import Ask, ConfirmDialog, Field, FormDialog, ask_then, start_flow
from tui_roadmap.ui.screens.qr_screen import QRScreen
from tui_roadmap.ui.screens.settings import settings_dialog
from tui_roadmap.workshop.text import clean


class ExportSteps(WorkshopBase):
    """The Export step's part of the workshop screen, and the forms of every step."""

    @on(m.AskDocLink)
    async def ask_doc_link(self, message: m.AskDocLink) -> None:
        form = FormDialog(
            "The doc link the QR code opens",
            [Field("Link", self.workshop.doc_link, "https://... (empty: a summary instead)")],
            apply=lambda values: self.apply(lambda w: w.set_details(doc_link=values[0]), "the doc link"),
        )

        await ask_then(self, form, self.show_step)

    @on(m.AskWhereToWrite)
    async def ask_where_to_write(self, message: m.AskWhereToWrite) -> None:
        pane = self.pane("export")
        default_name = self.autosave.session.path.with_suffix(".md").name

        def target_of(value: str) -> Path:
            path = Path(clean(value)).expanduser()
            if path.is_dir() or value.endswith(("/", "\\")):
                path = path / default_name
            return path

        def check(values: list[str]) -> str | None:
            if not clean(values[0]):
                return "Type a file or a folder."
            problem = export_target_problem(target_of(values[0]))
            return f"Not there: {problem}." if problem else None

        async def flow(ask: Ask) -> None:
            values = await ask(
                FormDialog(
                    "Write the Markdown to",
                    [Field("File", str(pane.target), "a file, or a folder")],
                    check,
                    keep_on_quit=False,
                )
            )
            if values is None:
                return
            path = target_of(values[0])
            if path.exists() and path != pane.target:
                if not await ask(ConfirmDialog(f"{shown_path(path)} already exists. Replace it?")):
                    return
            pane.write_to(path)

        await start_flow(self, flow)

    @on(m.ShowBigQR)
    async def show_big_qr(self, message: m.ShowBigQR) -> None:
        async def flow(ask: Ask) -> None:
            await ask(QRScreen(message.payload))

        await start_flow(self, flow)

    async def action_settings(self) -> None:
        """The session's settings, in a form."""
        await handled(self.focused)
        form = settings_dialog(self)

        await ask_then(self, form, self.show_step)

    async def action_help(self) -> None:
        """Show every key."""
        # The help lists the keys of every screen and widget, so it loads
        # them all: it is loaded on the first F1, not in the first frame.
        from tui_roadmap.ui.screens.help import HelpScreen

        async def flow(ask: Ask) -> None:
            await ask(HelpScreen())

        await start_flow(self, flow)
