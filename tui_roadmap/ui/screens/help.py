"""The help overlay: every key, step by step, read from the bindings
themselves so that it can never disagree with the footer.

It names every screen and widget, so it loads them all: the screens that
show it load it on the first F1 (the session list's first frame and the
workshop's do without it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from tui_roadmap.ui.screens.ballot import BallotList, BallotScreen, CoverScreen
from tui_roadmap.ui.screens.damaged import DamagedFileDialog
from tui_roadmap.ui.screens.dialogs import ConfirmDialog, Dialog, FormDialog, TypingQuestion
from tui_roadmap.ui.screens.picker import SessionList
from tui_roadmap.ui.screens.room import RoomDialog
from tui_roadmap.ui.screens.scope import ScopeEntry, ScopeList, ScopeScreen
from tui_roadmap.ui.screens.workshop import WorkshopScreen
from tui_roadmap.ui.widgets.actions import ActionList
from tui_roadmap.ui.widgets.board import BoardList
from tui_roadmap.ui.widgets.export_pane import ExportPane
from tui_roadmap.ui.widgets.fields import TextInput
from tui_roadmap.ui.widgets.goals import GoalList
from tui_roadmap.ui.widgets.ideas import IdeaInput, IdeaList
from tui_roadmap.ui.widgets.review import ReviewList
from tui_roadmap.ui.widgets.voting import VoteList

HELP_INTRO = (
    "One screen runs the whole workshop. The step bar shows where the room is; "
    "every change is saved the moment it is made."
)


def _sections() -> list[tuple[str, Sequence[BindingType], list[tuple[str, str]]]]:
    """The keys, step by step: each section's bindings and its typed syntax."""
    app_keys = [
        Binding("ctrl+p", "command_palette", "Commands", tooltip="Search every command and key of the step"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit; everything is already saved"),
        Binding("tab", "focus_next", "Next field", tooltip="Go to the next field or list (shift+tab: back)"),
    ]
    return [
        ("Everywhere", [*WorkshopScreen.BINDINGS, *app_keys, *TextInput.BINDINGS], []),
        (
            "Review (F7, in a review: r on a session of the list, or roadmap review NAME)",
            ReviewList.BINDINGS,
            [
                ("status", "done and dropped take the item off the board, and keep it in the record"),
                ("d, n", "on an action from the last review: done or not done (d again: not done)"),
            ],
        ),
        (
            "Goals (F2)",
            GoalList.BINDINGS,
            [
                ("Enter", "in New goal: add the goal typed, ready for the next"),
                ("goal | metric", "add the goal with its success metric"),
                ("other letters", "on the list: start typing a new goal"),
                ("Enter", "in Mission, Product, Timeframe, Doc link, Review on: keep it, go to the next field"),
            ],
        ),
        (
            "Ideas (F3)",
            [*IdeaInput.BINDINGS, *IdeaList.BINDINGS],
            [
                ("Enter", "add the idea typed; the cursor stays, ready for the next"),
                ("2: text", "add the idea under goal 2"),
                ("text @Lena", "add the idea, proposed by Lena"),
                ("other letters", "on the list: start typing a new idea"),
            ],
        ),
        (
            "Vote (F4)",
            VoteList.BINDINGS,
            [
                ("Enter", "in Voters and Dots each: save it (and go to the list)"),
                ("Most on one", "the most dots one voter may put on one idea on a ballot (tab to it)"),
            ],
        ),
        (
            "Secret ballot (b, then n on the vote list)",
            [*CoverScreen.BINDINGS, *BallotList.BINDINGS, *BallotScreen.BINDINGS],
            [],
        ),
        ("Roadmap (F5)", BoardList.BINDINGS, []),
        (
            "Scope (o on a card of the board)",
            [*ScopeEntry.BINDINGS, *ScopeList.BINDINGS, *ScopeScreen.BINDINGS],
            [
                ("Enter", "add the epic typed; it is selected, ready for its stories"),
                ("- story", "add a story to the epic selected in the list"),
                ("Tab", "to Owner, then Enter: keep it"),
                ("other letters", "on the list: start typing a new epic"),
            ],
        ),
        ("Export (F6)", ExportPane.BINDINGS, []),
        (
            "Checklist and actions (a on the Export step)",
            ActionList.BINDINGS,
            [
                (
                    "Owner",
                    "a participant's name or number, or any other name (kept as typed); \u2192 takes the name offered",
                ),
                (
                    "Due",
                    "2027-01-15, +3d, +2w, +1m, a weekday (fri: the next Friday after today), next review; empty: none",
                ),
            ],
        ),
        (
            "Dialogs",
            [*FormDialog.BINDINGS, *ConfirmDialog.BINDINGS, *TypingQuestion.BINDINGS],
            [
                ("Enter", "in a form: next field, or save"),
                ("y, Enter", "typed before the question was shown: not taken as yes"),
                ("letters", "at a question asked while typing (a paste of many lines): kept for the field"),
            ],
        ),
        (
            "The room on phones (F8 opens it on the Ideas and Vote steps; F9 shows who waits)",
            RoomDialog.BINDINGS,
            [("F9", "names waiting to join, ideas held for review, and the phones that joined")],
        ),
        ("Session list (roadmap with no command)", SessionList.BINDINGS, [("Enter", "in New session: create it")]),
        ("A file that cannot be opened (Enter on it in the session list)", DamagedFileDialog.BINDINGS, []),
    ]


_WORDS = {"enter": "Enter", "escape": "Esc", "delete": "Del", "backspace": "Backspace", "tab": "Tab"}
"""Keys spelled out in the help, where there is room for words."""


def key_rows(
    bindings: Sequence[BindingType], extra: list[tuple[str, str]], display: Callable[[Binding], str]
) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding a user presses, then ``extra``."""
    rows: list[tuple[str, str]] = []
    shown_together: set[str] = set()
    for binding in bindings:
        assert isinstance(binding, Binding), f"every key of the app is a Binding: {binding!r}"
        if binding.id is None and not binding.show:
            continue
        if not binding.show and binding.key in shown_together:
            continue  # one row says it with others (m s c: Must, Should, Could)
        if binding.key_display:
            shown_together.update(binding.key_display.split())
        keys = binding.key_display or ", ".join(
            _WORDS.get(key, display(Binding(key, ""))) for key in binding.key.split(",")
        )
        rows.append((keys, binding.tooltip or binding.description))
    rows.extend(extra)
    return rows


def key_reference(display: Callable[[Binding], str]) -> str:
    """Every key as Markdown tables, one per step (the README's key section)."""
    lines: list[str] = []
    for title, bindings, extra in _sections():
        lines += [f"**{title}**", "", "| Key | What it does |", "| --- | --- |"]
        for keys, text in key_rows(bindings, extra, display):
            cell = keys.replace("|", "\\|")
            lines.append(f"| `{cell}` | {text} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n")


class HelpScreen(Dialog[None]):
    """Every key of every step."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help-close", priority=True)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Label(Content.styled("Keys", "bold"), classes="dialog-title")
            yield Static(Content(HELP_INTRO), classes="help-intro")
            for title, bindings, extra in _sections():
                yield Label(Content.styled(title, "bold $accent"), classes="help-section")
                yield Static(self._rows(bindings, extra), classes="help-keys")
            yield Label(Content.styled("Esc, F1 or q: close", "dim"))

    def _rows(self, bindings: Sequence[BindingType], extra: list[tuple[str, str]]) -> Content:
        rows = key_rows(bindings, extra, self.app.get_key_display)
        width = max((len(keys) for keys, _ in rows), default=0)
        lines = [Content.assemble((keys.ljust(width), "bold"), "  ", text) for keys, text in rows]
        return Content("\n").join(lines)

    async def action_close(self) -> None:
        await self.answer(None)
