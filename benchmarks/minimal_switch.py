"""The floor for a step switch: a minimal Textual app that shows one of five
panes at a time, F2 to F6 switching between them (a content switcher, as
tui-roadmap's workshop screen has)."""

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Footer, Header, Static

PANES = ["goals", "ideas", "vote", "roadmap", "export"]


class MinimalSwitch(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")] + [
        (f"f{number}", f"show('{pane}')", pane.title()) for number, pane in enumerate(PANES, 2)
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial=PANES[0]):
            for pane in PANES:
                with Vertical(id=pane):
                    yield Static(f"Pane {pane} is shown")
                    for line in range(10):
                        yield Static(f"{pane} line {line}")
        yield Footer()

    def action_show(self, pane: str) -> None:
        self.query_one(ContentSwitcher).current = pane


if __name__ == "__main__":
    MinimalSwitch().run()
