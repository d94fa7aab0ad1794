"""The step bar: Goals > Ideas > Vote > Roadmap > Export, with the room's
current step picked out, each step with the key that jumps to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Label

from ..model import STEP_TITLES, STEPS

STEP_KEYS: dict[str, str] = {step: f"f{number}" for number, step in enumerate(STEPS, 2)}
"""The function key that jumps to each step: F2 for Goals to F6 for Export."""


class StepBar(HorizontalGroup):
    """Where the room is in the workshop."""

    def compose(self) -> ComposeResult:
        for index, step in enumerate(STEPS):
            if index:
                yield Label("\u203a", classes="separator")
            yield Label(
                Content.assemble((STEP_KEYS[step].upper(), "dim"), " ", STEP_TITLES[step]),
                id=f"step-{step}",
                classes="step",
            )

    NARROW = 76
    """Below this width the counts are left out, so that every step shows."""

    _shown: tuple[str, dict[str, str]] = ("", {})

    def on_resize(self) -> None:
        if self._shown[0]:
            self.show_step(*self._shown)

    def show_step(self, current: str, counts: dict[str, str]) -> None:
        """Pick out the current step and show each step's count (if there
        is room for them)."""
        self._shown = (current, counts)
        if self.size.width and self.size.width < self.NARROW:
            counts = {}
        for step in STEPS:
            label = self.query_one(f"#step-{step}", Label)
            label.set_class(step == current, "-current")
            count = counts.get(step, "")
            label.update(
                Content.assemble(
                    (STEP_KEYS[step].upper(), "dim" if step != current else ""),
                    " ",
                    (STEP_TITLES[step], "bold"),
                    (f" {count}" if count else "", ""),
                )
            )
