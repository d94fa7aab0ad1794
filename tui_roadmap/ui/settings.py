"""What this computer remembers between sessions: the theme, whether
the timer rings the terminal bell, and whether the draft has its diagrams. One small JSON file at the platform's
usual place for settings (``platformdirs``: ``~/.config/tui-roadmap/`` on
Linux); a file that cannot be read counts as no settings."""

from __future__ import annotations

import json
from pathlib import Path

from msgspec import Struct
from msgspec.structs import asdict
from platformdirs import user_config_path

from tui_roadmap.files.storage import atomic_write
from tui_roadmap.files.store import describe_os_error


class Settings(Struct):
    theme: str | None = None
    """The theme chosen last (in the palette or with --theme)."""
    bell: bool = True
    """Whether a timer that runs out rings the terminal bell."""
    diagrams: bool = True
    """Whether the Markdown draft has its Mermaid diagrams (m on the Export
    step; Confluence shows them as code); ``roadmap export`` follows it too."""


def settings_path() -> Path:
    return user_config_path("tui-roadmap") / "settings.json"


def load_settings() -> Settings:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    theme = data.get("theme")
    bell = data.get("bell", True)
    diagrams = data.get("diagrams", True)
    return Settings(
        theme=theme if isinstance(theme, str) else None,
        bell=bell if isinstance(bell, bool) else True,
        diagrams=diagrams if isinstance(diagrams, bool) else True,
    )


def save_settings(settings: Settings) -> str | None:
    """Keep the settings; the reason if they could not be kept."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(asdict(settings), indent=1).encode("utf-8"))
    except OSError as error:
        return f"{describe_os_error(error)} ({path})"
    return None
