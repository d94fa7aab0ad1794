"""The step bar: Goals > Ideas > Vote > Roadmap > Export, with the room's
current step picked out, each step with the key that jumps to it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui_roadmap.workshop.model import STEP_TITLES, STEPS

STEP_KEYS: dict[str, str] = {step: f"f{number}" for number, step in enumerate(STEPS[1:], 2)} | {"review": "f7"}
"""The function key that jumps to each step: F2 for Goals to F6 for Export,
and F7 for the Review step of a review (it comes first, but the other steps
keep their keys whether a session is a review or not)."""

SEPARATOR = " \u203a "


class StepBar(Static):
    """Where the room is in the workshop (one line, drawn as one piece)."""

    NARROW = 76
    """Below this width the counts are left out, so that every step shows."""

    _shown: tuple[str, dict[str, str], tuple[str, ...]] = ("", {}, STEPS[1:])

    def on_resize(self) -> None:
        if self._shown[0]:
            self.show_step(*self._shown)

    def show_step(self, current: str, counts: dict[str, str], steps: tuple[str, ...] = STEPS[1:]) -> None:
        """Pick out the current step among ``steps`` and show each step's
        count (if there is room for them)."""
        self._shown = (current, counts, steps)
        line = self._line(current, counts, steps)
        if self.size.width and (self.size.width < self.NARROW or line.cell_length > self.size.width):
            line = self._line(current, {}, steps)
        self.update(line)

    @staticmethod
    def _line(current: str, counts: dict[str, str], steps: tuple[str, ...]) -> Content:
        parts: list[Content] = []
        for step in steps:
            here = step == current
            count = counts.get(step, "")
            label = Content.assemble(
                (STEP_KEYS[step].upper(), "" if here else "dim"),
                " ",
                (STEP_TITLES[step], "bold"),
                f" {count}" if count else "",
            )
            parts.append(
                Content.assemble(" ", label, " ").stylize("$text on $accent")
                if here
                else Content.assemble(" ", label, " ")
            )
        return Content.styled(SEPARATOR.strip(), "$text-muted").join(parts)
