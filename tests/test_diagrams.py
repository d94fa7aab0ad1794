"""The draft's Mermaid diagrams: where they are, what they say, the room's
text kept from breaking them, and the real renderer drawing them.

The render tests run Mermaid's own command line, ``mmdc`` from npm's
``@mermaid-js/mermaid-cli`` (installed by ``.ci/run``), with Debian's
chromium. Without ``mmdc`` they are skipped, except under CI, where a missing
renderer is a failure."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tui_roadmap.export.diagrams import NAME_LENGTH, POINT_LENGTH, escape, quadrant_chart, timeline
from tui_roadmap.export.draft import markdown
from tui_roadmap.workshop.model import EFFORT_POINTS

HOSTILE = [
    'He said "ship it": now; #1 <b>bold</b> [x] {y} (z) %% not a comment `code` \\ & --> end',
    "Emoji \U0001f680\U0001f469\u200d\U0001f4bb and a flag \U0001f1eb\U0001f1f7: " + "very long " * 30,
    "x" * 300,
    "#quot; #58; entity-looking text;",
    "title quadrant-1 section",
]


def blocks(text: str) -> list[str]:
    """The fenced ``mermaid`` blocks of a Markdown text, without their fences."""
    return re.findall(r"^```mermaid\n(.*?)^```$", text, re.M | re.S)


def test_the_sample_draft_has_both_diagrams_after_the_roadmap_tables(sample):
    text = markdown(sample)
    found = blocks(text)
    assert [block.split("\n")[0] for block in found] == ["timeline", "---"]
    assert "\nquadrantChart\n" in found[1]
    last_table = text.index("### 2027-Q2")
    assert last_table < text.index("```mermaid") < text.index("## Parking lot")


def test_the_timeline_has_each_quarter_and_each_item_with_priority_and_effort(sample):
    lines = timeline(sample)
    assert lines[0] == "timeline"
    assert [line.strip() for line in lines if line.strip().startswith("section")] == [
        "section 2027-Q1",
        "section 2027-Q2",
    ]
    assert "        Virtual try-on with the phone camera : Must, effort XL" in lines
    assert "        Premium plan#58; unlimited AI stylist chats : Should, effort M" in lines
    items = [line for line in lines if line.startswith("        ")]
    assert len(items) == len(sample.placements)


def test_the_chart_puts_dots_up_and_effort_across_in_the_named_quadrants(sample):
    lines = quadrant_chart(sample)
    for name in ("quadrant-1 Big bets", "quadrant-2 Quick wins", "quadrant-3 Fill-ins", "quadrant-4 Money pits"):
        assert f"    {name}" in lines
    found = [re.fullmatch(r'    "(.*)": \[(.*), (.*)\]', line) for line in lines if '": [' in line]
    points = {m.group(1): (float(m.group(2)), float(m.group(3))) for m in found if m}

    assert len(points) == len(sample.placements)
    try_on = points["Virtual try-on with the\u2026"]  # XL, the most dots: the top right
    assert try_on[0] > 0.5 and try_on[1] == max(y for _, y in points.values())
    quiz = points["Onboarding quiz that\u2026"]  # M, many dots: a quick win
    assert quiz[0] < 0.5 < quiz[1]
    # Effort S and M left of the middle, L and XL right of it.
    assert [round(p / (max(EFFORT_POINTS.values()) + 0.5), 3) > 0.5 for p in EFFORT_POINTS.values()] == [
        False,
        False,
        True,
        True,
    ]
    assert len(set(points.values())) == len(points)  # two items of the same dots and effort drawn apart


def test_no_chart_while_the_totals_are_hidden(sample):
    sample.vote.secret = True
    sample.vote.closed = False
    assert quadrant_chart(sample) == []
    assert blocks(markdown(sample))[0].startswith("timeline")


def test_the_setting_leaves_the_diagrams_out(sample):
    without = markdown(sample, diagrams=False)
    assert "```mermaid" not in without and "### At a glance" not in without
    assert markdown(sample).startswith(without[: without.index("## Parking lot")])


@pytest.mark.parametrize("text", HOSTILE)
def test_the_rooms_text_has_no_character_mermaid_reads(text):
    escaped = escape(text)
    assert not set(escaped) & set("\"':[]{}()<>`%\\\n"), escaped
    # Only whole entity codes carry a # or a ;.
    assert re.sub(r"#(?:\d+|quot|lt|gt|amp);", "", escaped).count("#") == 0
    assert ";" not in re.sub(r"#(?:\d+|quot|lt|gt|amp);", "", escaped)
    shown = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), escaped)
    assert len(html.unescape(re.sub(r"#(quot|lt|gt|amp);", r"&\1;", shown))) <= NAME_LENGTH


def test_a_long_name_is_cut_with_an_ellipsis():
    assert escape("very long " * 30) == "very long very long very long very long\u2026"
    assert escape("x" * 300) == "x" * (NAME_LENGTH - 1) + "\u2026"
    assert escape("short") == "short"


def test_a_name_that_starts_like_a_statement_stays_text():
    assert escape("title of the item") == "#116;itle of the item"
    assert escape("Section 3 rewrite") == "#83;ection 3 rewrite"
    assert escape("sections") == "sections"
    assert escape("Accessibility audit") == "Accessibility audit"


# ---------------------------------------------------------------- the real renderer


def _mmdc() -> str:
    found = os.environ.get("MMDC") or shutil.which("mmdc")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("mmdc (npm's @mermaid-js/mermaid-cli) is missing: .ci/run installs it")
    pytest.skip("mmdc (npm's @mermaid-js/mermaid-cli) is not installed")


def render(draft: str, folder: Path) -> list[str]:
    """Every diagram of a Markdown draft drawn by mmdc, as SVG texts; a
    diagram that does not parse fails the test with mmdc's message."""
    mmdc = _mmdc()
    config = folder / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox"]}))
    source = folder / "draft.md"
    source.write_text(draft, encoding="utf-8")
    done = subprocess.run(
        [mmdc, "-q", "-p", str(config), "-i", str(source), "-o", str(folder / "drawn.md")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [(folder / f"drawn-{n}.svg").read_text(encoding="utf-8") for n in range(1, len(blocks(draft)) + 1)]


def svg_text(svg: str) -> str:
    """The words an SVG shows, entities read, one space between them."""
    return " ".join(html.unescape(re.sub(r"<style.*?</style>|<[^>]+>", " ", svg, flags=re.S)).split())


def test_mmdc_refuses_a_broken_diagram(tmp_path):
    """The render test can fail: a colon in a point's name breaks the chart."""
    with pytest.raises(AssertionError, match="Parse error"):
        render('```mermaid\nquadrantChart\n    "a": b: [0.1, 0.2]\n```\n', tmp_path)


def test_the_sample_draft_renders_with_mermaid(sample, tmp_path):
    drawn = render(markdown(sample), tmp_path)
    assert len(drawn) == 2
    words = [svg_text(svg) for svg in drawn]
    assert "Virtual try-on with the phone camera" in words[0] and "Must, effort XL" in words[0]
    assert "Premium plan: unlimited AI stylist chats" in words[0]
    for quadrant in ("Quick wins", "Big bets", "Fill-ins", "Money pits"):
        assert quadrant in words[1]
    assert "Shop the look: buy\u2026" in words[1]


def test_hostile_texts_still_render(sample, tmp_path):
    placed = [p.idea_id for p in sample.placements]
    for idea_id, text in zip(placed[: len(HOSTILE)], HOSTILE, strict=True):
        sample.edit_idea(idea_id, text=text)
    sample.name = HOSTILE[0]
    drawn = render(markdown(sample), tmp_path)
    assert len(drawn) == 2
    for svg in drawn:
        assert "<b>" not in svg
        words = svg_text(svg)
        assert 'He said "ship it"' in words
        assert "x" * (POINT_LENGTH - 1) + "\u2026" in words
        assert "\U0001f680" in words
        assert "title quadrant-1 section" in words  # an item, not the diagram's title
    assert svg_text(drawn[0]).endswith('He said "ship it": now; #1 <b>bold</b>\u2026 \u2014 roadmap by quarter')
    assert "#quot; #58; entity-looking text;" in svg_text(drawn[0])  # shown as typed
