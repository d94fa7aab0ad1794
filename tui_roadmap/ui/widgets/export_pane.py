"""Step 5, Export: the draft roadmap in Markdown, to a file, to the clipboard,
and to phones through a QR code; and the checklist and actions (a), where
each line is given an owner and a due date."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, TextArea

from tui_roadmap.export.draft import markdown, qr_payload
from tui_roadmap.export.page import page
from tui_roadmap.files.storage import atomic_write
from tui_roadmap.files.store import describe_os_error, shown_path
from tui_roadmap.ui.messages import AskDocLink, AskWhereToWrite, KeepSettings, ShowBigQR
from tui_roadmap.ui.order import deliver, focus_now
from tui_roadmap.ui.widgets.actions import BOX_WIDTH, ActionList
from tui_roadmap.ui.widgets.pane import Pane, PaneContext
from tui_roadmap.ui.widgets.qr import QRView
from tui_roadmap.workshop.actions import carried_actions, lines, own_actions
from tui_roadmap.workshop.model import Workshop
from tui_roadmap.workshop.text import clean, visible

RENDERED_LINE_LIMIT = 400
"""Above this many lines the rendered view shows the Markdown text instead,
so that a huge session stays quick to show."""


def size_text(count: int) -> str:
    """A byte count in words."""
    return f"{count:,} bytes" if count < 10_000 else f"{count / 1024:.1f} KB"


class ExportPane(Pane):
    """The preview and the ways out."""

    step = "export"

    BINDINGS = [
        Binding(
            "w", "write", "Write", id="export-write", tooltip="Write the Markdown to the file shown", priority=True
        ),
        Binding(
            "o",
            "write_elsewhere",
            "Write to...",
            id="export-write-to",
            tooltip="Write the Markdown to another file or folder",
            priority=True,
        ),
        Binding("c", "copy", "Copy", id="export-copy", tooltip="Copy the Markdown to the clipboard", priority=True),
        Binding(
            "v",
            "toggle_view",
            "View",
            id="export-view",
            tooltip="Show the Markdown as text (what is pasted) or as a rendered page",
            priority=True,
        ),
        Binding(
            "q",
            "qr",
            "Big QR",
            id="export-qr",
            tooltip="Show the QR code as large as the terminal allows",
            priority=True,
        ),
        Binding(
            "h",
            "write_page",
            "HTML page",
            id="export-html",
            tooltip="Write the one-page HTML roadmap next to the session file, to print or send",
            priority=True,
        ),
        Binding("l", "doc_link", "Link", id="export-link", tooltip="Set the link the QR code opens", priority=True),
        Binding(
            "m",
            "toggle_diagrams",
            "Diagrams",
            id="export-diagrams",
            tooltip="Put the Mermaid diagrams in the draft, or leave them out (Confluence shows them as code)",
            priority=True,
        ),
        Binding(
            "a",
            "toggle_actions",
            "Actions",
            id="export-actions",
            tooltip="Show the checklist and actions, to give each an owner and a due date (a again: the draft)",
            priority=True,
        ),
    ]

    SHARE_WIDTH = 39
    """The width of the QR code's column (app.tcss, ``#share``)."""

    def __init__(self, context: PaneContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.rendered = False
        self.acting = False
        """True while the checklist and actions are shown instead of the draft."""
        self._workshop: Workshop | None = None
        self._width = 0
        self.target = context.session_path.with_suffix(".md")
        """The file the draft is written to (w); o writes it elsewhere."""
        self.page_target = context.session_path.with_suffix(".html")
        """The file the one-page HTML roadmap is written to (h)."""
        self.clock = context.clock
        self.text = ""
        self.payload = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="preview"):
                yield TextArea(id="preview-raw", read_only=True, soft_wrap=True, compact=True)
                yield VerticalScroll(id="preview-page", can_focus=True)
                yield Label(id="actions-title", classes="section-title")
                yield ActionList(id="action-list")
                yield Label(id="actions-hint")
            with Vertical(id="share"):
                yield Label(id="qr-title", classes="section-title")
                yield QRView(id="qr")
                yield Label(id="qr-text")
                yield Label(id="export-target")
                yield Label(id="export-diagrams")
                yield Label(id="export-status")

    def first_focus(self) -> Widget:
        if self.acting:
            return self.query_one(ActionList)
        return self.query_one("#preview-page" if self.rendered else "#preview-raw")

    def _list_width(self) -> int:
        """How wide a line's words may be in the action list: the draft's
        box, less the tick box and a scroll bar."""
        listed = self.query_one(ActionList).scrollable_content_region.width
        if listed:  # laid out: what the list leaves for its options, the scroll bar's room taken
            return max(20, listed - (0 if self.query_one(ActionList).show_vertical_scrollbar else 2) - BOX_WIDTH)
        inside = self.query_one("#preview").content_region.width
        if not inside:  # not laid out yet: the pane's width, less the QR code's column and the box's edges
            inside = (self.size.width or self.app.size.width) - self.SHARE_WIDTH - 1 - 4
        return max(20, inside - 4 - BOX_WIDTH)

    def on_resize(self) -> None:
        if self._workshop is not None and self.acting and self._list_width() != self._width:
            self._show_actions(self._workshop)

    async def show(self, workshop: Workshop) -> None:
        self._workshop = workshop
        self.text = markdown(workshop, self.context.settings.diagrams)
        await self._show_text()
        self._show_actions(workshop)
        self.payload = qr_payload(workshop)
        self.query_one(QRView).text = self.payload
        title = "Scan to open the doc" if clean(workshop.doc_link) else "Scan for a summary (no doc link set: l)"
        self.query_one("#qr-title", Label).update(Content.styled(title, "bold"))
        self.query_one("#qr-text", Label).update(Content(self.payload))
        self._show_target()

    def _show_actions(self, workshop: Workshop) -> None:
        """The checklist and the actions (shown with a; drawn only then)."""
        for widget_id in ("#actions-title", "#action-list", "#actions-hint"):
            self.query_one(widget_id).display = self.acting
        if not self.acting:
            return
        checklist = lines(workshop)
        given = sum(1 for line in checklist if line.owner or line.due)
        own = len(own_actions(workshop))
        carried = sum(1 for item in carried_actions(workshop) if not item.done)
        counts = f"  {len(checklist)} lines, {given} with an owner or a date \u00b7 {own} of the room's own"
        if carried:
            counts += f" \u00b7 {carried} open from the last review"
        self.query_one("#actions-title", Label).update(Content.assemble(("Checklist and actions", "bold"), counts))
        self._width = self._list_width()
        self.query_one(ActionList).show(workshop, self._width, self.clock().date())
        self.query_one("#actions-hint", Label).update(
            Content.styled("In the draft: each line with its owner and date, the dated first. a: the draft", "dim")
        )

    async def _show_text(self) -> None:
        count = self.text.count("\n")
        rendered = self.rendered and count <= RENDERED_LINE_LIMIT and not self.acting
        page = self.query_one("#preview-page", VerticalScroll)
        plain = self.query_one("#preview-raw", TextArea)
        page.display = rendered
        plain.display = not rendered and not self.acting
        if rendered:
            # Loaded when the rendered view is first asked for (v): markdown-it
            # costs about 20 ms, and the step opens on the text view, so a
            # session reopened on the Export step would pay it in its first frame.
            from textual.widgets import Markdown

            if not page.children:
                await page.mount(Markdown(self.text, id="preview-rendered"))
            else:
                await page.query_one("#preview-rendered", Markdown).update(self.text)
        elif plain.text != self.text:
            plain.load_text(self.text)

    def _show_target(self) -> None:
        self.query_one("#export-target", Label).update(Content.assemble(("File  ", "bold"), shown_path(self.target)))
        said = "in the draft (m: leave out)" if self.context.settings.diagrams else "left out (m: put in)"
        self.query_one("#export-diagrams", Label).update(Content.assemble(("Diagrams  ", "bold"), said))

    def _status(self, text: str, error: bool = False) -> None:
        label = self.query_one("#export-status", Label)
        label.set_class(error, "-error")
        label.update(Content(text))

    def action_write(self) -> None:
        """Write the Markdown to the target file (on a thread: a slow disk
        never stalls the screen)."""
        self.write_to(self.target)

    def write_to(self, target: Path) -> None:
        """Make ``target`` the file and write the Markdown to it."""
        self.target = target
        self._show_target()
        self._status(f"Writing {shown_path(target)}...")
        self._write(target, self.text, "Press o to write it elsewhere, or c to copy it.")

    def action_write_page(self) -> None:
        """Write the one-page HTML roadmap next to the session file (on a
        thread, as the Markdown)."""
        if self._workshop is None:
            return
        self._status(f"Writing {shown_path(self.page_target)}...")
        self._write(
            self.page_target,
            page(self._workshop),
            "Or write it elsewhere from the command line: roadmap export NAME --format html -o FILE.",
        )

    @work(thread=True, exclusive=True, group="export")
    def _write(self, target: Path, text: str, if_failed: str) -> None:
        payload = text.encode("utf-8")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            note = atomic_write(target, payload)
        except OSError as error:
            message = f"Could not write {shown_path(target)}: {describe_os_error(error)}. {if_failed}"
            self.app.call_from_thread(self._written, message, True, target)
            return
        message = f"Written {size_text(len(payload))} at {self.clock().strftime('%H:%M:%S')}"
        if note:
            message += f" ({visible(note)})"
        self.app.call_from_thread(self._written, message, False, target)

    def _written(self, message: str, failed: bool, target: Path) -> None:
        shown = message if failed or target == self.target else f"{message} to {shown_path(target)}"
        self._status(shown, error=failed)
        if failed:
            self.notify(message, severity="error", markup=False)
        else:
            self.notify(f"{message} to {shown_path(target)}", markup=False)

    def action_copy(self) -> None:
        """Copy the Markdown to the clipboard through the terminal."""
        self.app.copy_to_clipboard(self.text)
        message = (
            f"Copied {size_text(len(self.text.encode('utf-8')))} of Markdown to the clipboard "
            "(through the terminal; if nothing pastes, use w and open the file)."
        )
        self._status(message)
        self.notify(message, markup=False)

    async def action_toggle_view(self) -> None:
        """The draft as text or rendered (from the actions: the draft as it was)."""
        if self.acting:
            self.acting = False
        else:
            self.rendered = not self.rendered
        await self._show_text()
        if self._workshop is not None:
            self._show_actions(self._workshop)
        focus_now(self.first_focus())

    async def action_toggle_actions(self) -> None:
        """The checklist and actions instead of the draft, or back."""
        self.acting = not self.acting
        await self._show_text()
        if self._workshop is not None:
            self._show_actions(self._workshop)
        focus_now(self.first_focus())

    async def action_toggle_diagrams(self) -> None:
        """Put the Mermaid diagrams in the draft or leave them out, and keep
        the choice on this computer."""
        settings = self.context.settings
        settings.diagrams = not settings.diagrams
        self.post_message(KeepSettings())
        if self._workshop is not None:
            await self.show(self._workshop)
        message = (
            "The draft has its Mermaid diagrams."
            if settings.diagrams
            else "The draft leaves the Mermaid diagrams out (for Confluence)."
        )
        self._status(message)
        self.notify(message, markup=False)

    async def action_write_elsewhere(self) -> None:
        await deliver(self, AskWhereToWrite())

    async def action_qr(self) -> None:
        await deliver(self, ShowBigQR(self.payload))

    async def action_doc_link(self) -> None:
        await deliver(self, AskDocLink())
