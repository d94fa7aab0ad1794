"""The floor for start-up and memory: a minimal Textual app with a Header,
a Static, an Input and a Footer, run the same way as tui-roadmap."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Static


class MinimalApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Minimal app: first frame")
        yield Input(placeholder="Type here")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
