"""Two themes for a projector: high contrast, light and dark.

Every colour the app draws text in reads at 7:1 at least against every
background it is drawn on, and the coloured marks (dots, goal labels) at
4.5:1 at least on the cursor's row (WCAG 2.x's contrast ratio;
``tests/test_timebox.py`` checks each pair), so that the room can read the screen from the back on a
washed-out projector. Colour is never the only thing that says something: a
tie says TIED, an overloaded column OVER, a failed save NOT SAVED.
"""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

PROJECTOR_LIGHT = Theme(
    name="projector-light",
    primary="#003c96",
    secondary="#003c96",
    accent="#7a2e00",
    warning="#6b4300",
    error="#a30000",
    success="#005a26",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#ffffff",
    dark=False,
    text_alpha=1.0,
    variables={
        "text": "auto 100%",
        "text-muted": "#262626",
        "footer-background": "#000000",
        "footer-foreground": "#ffffff",
        "footer-key-foreground": "#ffd75e",
        "footer-description-foreground": "#ffffff",
        "block-cursor-background": "#ffe9a8",
        "block-cursor-foreground": "#000000",
        "block-cursor-blurred-background": "#e0e0e0",
        "block-cursor-blurred-foreground": "#000000",
        "input-selection-background": "#003c96 40%",
        "border": "#000000",
        "border-blurred": "#595959",
    },
)

PROJECTOR_DARK = Theme(
    name="projector-dark",
    primary="#8ab8ff",
    secondary="#8ab8ff",
    accent="#ffb347",
    warning="#ffd75e",
    error="#ff8a8a",
    success="#7ee08f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    dark=True,
    text_alpha=1.0,
    variables={
        "text": "auto 100%",
        "text-muted": "#d9d9d9",
        "footer-background": "#ffffff",
        "footer-foreground": "#000000",
        "footer-key-foreground": "#7a2e00",
        "footer-description-foreground": "#000000",
        "block-cursor-background": "#173057",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-blurred-background": "#333333",
        "block-cursor-blurred-foreground": "#ffffff",
        "input-selection-background": "#8ab8ff 40%",
        "border": "#ffffff",
        "border-blurred": "#a6a6a6",
    },
)

PROJECTOR_THEMES = (PROJECTOR_LIGHT, PROJECTOR_DARK)


def theme_names() -> list[str]:
    """Every theme ``--theme`` may name: the projector's, then Textual's own."""
    return [theme.name for theme in PROJECTOR_THEMES] + sorted(BUILTIN_THEMES)
