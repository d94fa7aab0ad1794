"""Step 5, Export: the draft roadmap in Markdown, to a file, to the clipboard,
and to phones through a QR code."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, TextArea

from tui_roadmap.export.draft import markdown, qr_payload
from tui_roadmap.ui.screens.dialogs import ConfirmDialog, Field, FormDialog
from tui_roadmap.files.storage import atomic_write
from tui_roadmap.files.store import describe_os_error, markdown_target_problem, shown_path
from tui_roadmap.workshop.text import clean
from tui_roadmap.ui.widgets.pane import Pane
from tui_roadmap.ui.widgets.qr import QRView

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
        Binding("w", "write", "Write", id="export-write", tooltip="Write the Markdown to the file shown"),
        Binding("o", "write_elsewhere", "Write to...", id="export-write-to", tooltip="Write the Markdown to another file or folder"),
        Binding("c", "copy", "Copy", id="export-copy", tooltip="Copy the Markdown to the clipboard"),
        Binding("v", "toggle_view", "View", id="export-view", tooltip="Show the Markdown as text (what is pasted) or as a rendered page"),
        Binding("q", "qr", "Big QR", id="export-qr", tooltip="Show the QR code as large as the terminal allows"),
        Binding("l", "doc_link", "Link", id="export-link", tooltip="Set the link the QR code opens"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rendered = False
        self.target: Path | None = None
        self.text = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="preview"):
                yield TextArea(id="preview-raw", read_only=True, soft_wrap=True, compact=True)
                yield VerticalScroll(id="preview-page", can_focus=True)
            with Vertical(id="share"):
                yield Label(id="qr-title", classes="section-title")
                yield QRView(id="qr")
                yield Label(id="qr-text")
                yield Label(id="export-target")
                yield Label(id="export-status")

    def on_mount(self) -> None:
        self.target = self.workshop_screen.autosave.session.path.with_suffix(".md")

    def focus_first(self) -> None:
        if self.rendered:
            self.query_one("#preview-page").focus()
        else:
            self.query_one("#preview-raw").focus()

    def show(self) -> None:
        workshop = self.workshop
        self.text = markdown(workshop)
        lines = self.text.count("\n")
        rendered = self.rendered and lines <= RENDERED_LINE_LIMIT
        page = self.query_one("#preview-page", VerticalScroll)
        plain = self.query_one("#preview-raw", TextArea)
        page.display = rendered
        plain.display = not rendered
        if rendered:
            if not page.children:
                from textual.widgets import Markdown  # only when asked for: it is slow to load

                page.mount(Markdown(self.text, id="preview-rendered"))
            else:
                page.query_one("#preview-rendered").update(self.text)
        elif plain.text != self.text:
            plain.load_text(self.text)
        payload = qr_payload(workshop)
        self.query_one(QRView).text = payload
        title = "Scan to open the doc" if clean(workshop.doc_link) else "Scan for a summary (no doc link set: l)"
        self.query_one("#qr-title", Label).update(Content.styled(title, "bold"))
        self.query_one("#qr-text", Label).update(Content(payload))
        self._show_target()

    def _show_target(self) -> None:
        self.query_one("#export-target", Label).update(
            Content.assemble(("File  ", "bold"), shown_path(self.target) if self.target else "")
        )

    def _status(self, text: str, error: bool = False) -> None:
        label = self.query_one("#export-status", Label)
        label.set_class(error, "-error")
        label.update(Content(text))

    def action_write(self) -> None:
        """Write the Markdown to the target file."""
        if self.target is None:
            return
        self.show()
        payload = self.text.encode("utf-8")
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.target, payload)
        except OSError as error:
            message = f"Could not write {self.target}: {describe_os_error(error)}. Press o to write it elsewhere, or c to copy it."
            self._status(message, error=True)
            self.notify(message, severity="error", markup=False)
            return
        clock = self.workshop_screen.autosave.clock
        message = f"Written {size_text(len(payload))} at {clock().strftime('%H:%M:%S')}"
        self._status(message)
        self.notify(f"{message} to {shown_path(self.target)}", markup=False)

    def action_write_elsewhere(self) -> None:
        """Ask where to write the Markdown, then write it there."""

        default_name = self.workshop_screen.autosave.session.path.with_suffix(".md").name

        def target_of(value: str) -> Path:
            path = Path(clean(value)).expanduser()
            if path.is_dir() or value.endswith(("/", "\\")):
                path = path / default_name
            return path

        def check(values: list[str]) -> str | None:
            if not clean(values[0]):
                return "Type a file or a folder."
            problem = markdown_target_problem(target_of(values[0]))
            return f"Not there: {problem}." if problem else None

        def write_to(path: Path) -> None:
            self.target = path
            self._show_target()
            self.action_write()

        def chosen(values: list[str] | None) -> None:
            if values is None:
                return
            path = target_of(values[0])
            if path.exists() and path != self.target:

                def answer(yes: bool | None) -> None:
                    if yes:
                        write_to(path)

                self.app.push_screen(ConfirmDialog(f"{shown_path(path)} already exists. Replace it?"), answer)
                return
            write_to(path)

        self.app.push_screen(
            FormDialog(
                "Write the Markdown to",
                [Field("File", str(self.target or ""), "a file, or a folder")],
                check,
                keep_on_quit=False,
            ),
            chosen,
        )

    def action_copy(self) -> None:
        """Copy the Markdown to the clipboard through the terminal."""
        self.show()
        self.app.copy_to_clipboard(self.text)
        message = (
            f"Copied {size_text(len(self.text.encode('utf-8')))} of Markdown to the clipboard "
            "(through the terminal; if nothing pastes, use w and open the file)."
        )
        self._status(message)
        self.notify(message, markup=False)

    def action_toggle_view(self) -> None:
        self.rendered = not self.rendered
        self.show()

    def action_qr(self) -> None:
        from tui_roadmap.ui.screens.qr_screen import QRScreen

        self.app.push_screen(QRScreen(qr_payload(self.workshop)))

    def action_doc_link(self) -> None:
        def chosen(values: list[str] | None) -> None:
            if values is not None:
                self.edit(lambda w: w.set_details(doc_link=values[0]))

        self.app.push_screen(
            FormDialog(
                "The doc link the QR code opens",
                [Field("Link", self.workshop.doc_link, "https://... (empty: a summary instead)")],
                save=chosen,
            )
        )
