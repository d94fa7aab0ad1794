"""The help overlay: every key, step by step, read from the bindings
themselves so that it can never disagree with the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

HELP_INTRO = (
    "One screen runs the whole workshop. The step bar shows where the room is; "
    "every change is saved the moment it is made."
)


def _sections() -> list[tuple[str, list[Binding], list[tuple[str, str]]]]:
    from ..widgets.board import BoardList
    from ..widgets.export_pane import ExportPane
    from ..widgets.goals import GoalList
    from ..widgets.ideas import IdeaInput, IdeaList
    from ..widgets.voting import VoteList
    from .dialogs import ConfirmDialog, FormDialog
    from .workshop import WorkshopScreen

    app_keys = [
        Binding("ctrl+p", "command_palette", "Command palette", tooltip="Search every command and key"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Everything is already saved"),
        Binding("tab", "focus_next", "Next field", tooltip="shift+tab goes back"),
    ]
    return [
        ("Everywhere", [*WorkshopScreen.BINDINGS, *app_keys], []),
        (
            "Goals (F2)",
            GoalList.BINDINGS,
            [
                ("Enter", "in New goal: on to its metric; in Metric: add the goal"),
                ("Enter", "in the mission, product, timeframe and review fields: save it, next field"),
            ],
        ),
        (
            "Ideas (F3)",
            [*IdeaInput.BINDINGS, *IdeaList.BINDINGS],
            [
                ("Enter", "add the idea typed; the cursor stays, ready for the next"),
                ("2: text", "add the idea under goal 2"),
                ("text @Lena", "add the idea, proposed by Lena"),
            ],
        ),
        ("Vote (F4)", VoteList.BINDINGS, [("Enter", "in Voters and Dots each: save it")]),
        ("Roadmap (F5)", BoardList.BINDINGS, []),
        ("Export (F6)", ExportPane.BINDINGS, []),
        ("Dialogs", [*FormDialog.BINDINGS, *ConfirmDialog.BINDINGS], []),
    ]


class HelpScreen(ModalScreen[None]):
    """Every key of every step."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help-close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Label(Content.styled("Keys", "bold"), classes="dialog-title")
            yield Static(Content(HELP_INTRO), classes="help-intro")
            for title, bindings, extra in _sections():
                yield Label(Content.styled(title, "bold $accent"), classes="help-section")
                yield Static(self._rows(bindings, extra), classes="help-keys")
            yield Label(Content.styled("Esc, F1 or q: close", "dim"))

    def _rows(self, bindings: list[Binding], extra: list[tuple[str, str]]) -> Content:
        rows: list[tuple[str, str]] = []
        for binding in bindings:
            if binding.id is None and not binding.show:
                continue
            keys = ", ".join(self.app.get_key_display(Binding(key, "")) for key in binding.key.split(","))
            if binding.key_display:
                keys = binding.key_display
            text = binding.description
            if binding.tooltip:
                text += f": {binding.tooltip}"
            rows.append((keys, text))
        rows.extend(extra)
        width = max((len(keys) for keys, _ in rows), default=0)
        lines = [Content.assemble((keys.ljust(width), "bold"), "  ", text) for keys, text in rows]
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
