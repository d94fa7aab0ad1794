"""The setting that leaves the draft's Mermaid diagrams out (Confluence shows
them as code): m on the Export step, kept in settings.json, and
``roadmap export --no-diagrams`` / ``--diagrams``."""

from __future__ import annotations

import json

from textual.widgets import Label, TextArea

from tui_roadmap.__main__ import main
from tui_roadmap.export.draft import markdown
from tui_roadmap.ui.settings import Settings, load_settings, save_settings, settings_path

from .conftest import load_sample, notifications, sample_app, settle, type_keys


async def test_m_on_the_export_step_leaves_the_diagrams_out_and_it_is_kept(folder):
    app = sample_app(folder, "export")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        raw = app.screen.query_one("#preview-raw", TextArea)
        shown = app.screen.query_one("#export-diagrams", Label)
        assert "```mermaid" in raw.text and "Diagrams  in the draft (m: leave out)" == str(shown.render())
        said = notifications(app)
        await type_keys(pilot, "m")
        assert raw.text == markdown(app.screen.workshop, diagrams=False) and "```mermaid" not in raw.text
        assert str(shown.render()) == "Diagrams  left out (m: put in)"
        assert said == ["The draft leaves the Mermaid diagrams out (for Confluence)."]
        assert json.loads(settings_path().read_text(encoding="utf-8"))["diagrams"] is False
        await type_keys(pilot, "w")  # the file written is the draft shown
        await settle(pilot)
        written = folder.root / "fabrikam-h1-2027.md"
        assert written.read_text(encoding="utf-8") == raw.text
        await type_keys(pilot, "m")
        assert raw.text == markdown(app.screen.workshop) and load_settings().diagrams is True


async def test_the_app_starts_with_the_setting_kept(folder):
    assert save_settings(Settings(diagrams=False)) is None
    app = sample_app(folder, "export")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "```mermaid" not in app.screen.query_one("#preview-raw", TextArea).text


async def test_a_setting_that_cannot_be_kept_is_said_on_screen(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    app = sample_app(folder, "export")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        said = notifications(app)
        await type_keys(pilot, "m")
        await settle(pilot)
        assert any(line.startswith("The settings are not kept: ") for line in said), said
        # The draft shown still follows the choice, for this run.
        assert "```mermaid" not in app.screen.query_one("#preview-raw", TextArea).text


def test_roadmap_export_follows_the_setting_and_its_options(folder, capsys):
    folder.create("Fabrikam H1 2027", load_sample().created, load_sample()).close()
    base = ["--sessions-dir", str(folder.root), "export", "Fabrikam H1 2027"]

    def exported(*options: str) -> str:
        assert main([*base, *options]) == 0
        return capsys.readouterr().out

    assert exported() == markdown(load_sample())
    assert exported("--no-diagrams") == markdown(load_sample(), diagrams=False)
    assert save_settings(Settings(diagrams=False)) is None
    assert "```mermaid" not in exported()
    assert exported("--diagrams") == markdown(load_sample())
