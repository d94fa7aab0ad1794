"""The Markdown draft: the golden file of the sample, and the room's text kept
from breaking tables or injecting markup."""

from __future__ import annotations

import re
from pathlib import Path

from msgspec.structs import replace

from tui_roadmap.export.draft import escape, link, markdown, qr_payload, summary_text
from tui_roadmap.export.qr import QUIET_ZONE, qr_matrix
from tui_roadmap.workshop.vote import add_dot

GOLDEN = Path(__file__).parent / "golden" / "fabrikam-h1-2027.md"


def test_the_sample_exports_exactly_as_the_golden_file(sample):
    assert markdown(sample) == GOLDEN.read_text(encoding="utf-8")


def test_the_draft_has_every_part_in_order(sample):
    text = markdown(sample)
    headings = re.findall(r"^#{1,3} .*$", text, re.M)
    assert headings == [
        "# Fabrikam H1 2027: draft roadmap",
        "## Goals",
        "## Roadmap",
        "### 2027-Q1",
        "### 2027-Q2",
        "### At a glance",
        "## Parking lot",
        "## Won't do this time",
        "## Vote",
        "## Refinement checklist",
        "## Actions",
    ]
    assert text.count("- [ ] ") == 11  # the 10 lines of the checklist, and the room's own action


def table_rows(text: str) -> list[list[str]]:
    """The cells of every table row, split the way GitHub splits them."""
    rows = []
    for line in text.splitlines():
        if line.startswith("| "):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([cell.strip() for cell in cells])
    return rows


def test_the_rooms_text_cannot_break_a_table_or_inject_markup(sample):
    idea = sample.ideas[12]  # Accessibility audit, in the parking lot
    sample.edit_idea(idea.id, text="# Dark | light `mode` *now* <script>alert(1)</script> [x](y) ~~z~~ $5 & co")
    sample.edit_goal(sample.goals[0].id, title="Grow | win")
    text = markdown(sample)
    for row in table_rows(text):
        assert len(row) in (4, 6, 9), row  # parking lot, goals, items
    assert "<script>" not in text
    line = next(line for line in text.splitlines() if "Dark" in line)
    assert line.startswith(
        "| \\# Dark \\| light \\`mode\\` \\*now\\* \\<script\\>alert(1)\\</script\\> \\[x\\](y) \\~\\~z\\~\\~ \\$5 \\& co |"
    )


def test_control_characters_never_reach_the_draft(sample):
    # Straight into the model, as if a file had been edited by hand.
    sample.ideas[0] = replace(sample.ideas[0], text="Try-on \x1b[31mred\x1b[0m\x07 \u202eevil")
    text = markdown(sample)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "Try-on red evil" in text


def test_escape_and_links():
    assert escape("a_b") == "a\\_b"
    assert escape("plain words, 50% more (really)") == "plain words, 50% more (really)"
    assert link("https://wiki.example/roadmap?q=1") == "<https://wiki.example/roadmap?q=1>"
    assert link("javascript:alert(1)") == "javascript:alert(1)"
    assert link("see <our wiki>") == "see \\<our wiki\\>"


def test_the_qr_code_holds_the_doc_link_or_a_summary(sample):
    assert qr_payload(sample) == "https://wiki.fabrikam.example/product/roadmap-2027"
    sample.set_details(doc_link="")
    summary = summary_text(sample)
    assert qr_payload(sample) == summary
    assert summary.splitlines()[0] == "Fabrikam H1 2027: draft roadmap"
    assert summary.splitlines()[1].startswith("2027-Q1: Password reset and sign-in...; Onboarding quiz")
    assert len(summary) < 300


def test_the_qr_matrix_has_its_quiet_zone():
    matrix = qr_matrix("https://wiki.fabrikam.example/product/roadmap-2027")
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    for band in range(QUIET_ZONE):
        assert not any(matrix[band]) and not any(matrix[size - 1 - band])
        assert not any(row[band] or row[size - 1 - band] for row in matrix)
    # The finder pattern starts right inside the quiet zone.
    assert matrix[QUIET_ZONE][QUIET_ZONE : QUIET_ZONE + 7] == (True,) * 7


def test_an_empty_workshop_still_exports_a_useful_draft(folder):
    from tui_roadmap.workshop.model import new_workshop

    from .conftest import NOW

    workshop = new_workshop("First try", NOW)
    text = markdown(workshop)
    assert "No goals were set." in text
    assert "### 2027-Q1\n\nNo items yet." in text
    assert "- [ ] Derive the product backlog for 2027-Q1 from its 0 roadmap items." in text
    idea = workshop.add_idea("Dark mode")
    workshop.set_voters(2)
    add_dot(workshop, idea.id)
    assert "### Chosen, not yet placed" in markdown(workshop)


def test_web_addresses_mentions_and_shortcodes_stay_what_they_are():
    assert escape("see http://example.com/x_y_z.") == "see <http://example.com/x_y_z>."
    assert escape("go to www.example.com/a_b") == "go to [www.example.com/a\\_b](http://www.example.com/a_b)"
    assert escape("https://x.example/a|b") == "[https://x.example/a\\|b](https://x.example/a%7Cb)"
    assert escape("ask @team :smile:") == "ask @\u2060team :\u2060smile:"
    assert escape("mail ops@example.com") == "mail ops@example.com"


def test_an_address_in_an_idea_links_correctly_in_the_checklist(sample):
    idea = sample.ideas[1]  # placed in 2027-Q1
    sample.edit_idea(idea.id, text="Sign-in like https://auth.example/docs_v2")
    text = markdown(sample)
    assert "Scope \u201cSign-in like <https://auth.example/docs_v2>\u201d (2027-Q1)" in text
