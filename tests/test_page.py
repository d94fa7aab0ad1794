"""The one-page HTML roadmap (``roadmap export NAME --format html``): its
parts, its escaping of hostile texts, and that it needs nothing from
outside the file."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tui_roadmap.export.page import page
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.ui.widgets.export_pane import ExportPane
from tui_roadmap.workshop.roadmap import load, parking_lot, placed_ideas
from tui_roadmap.workshop.sample import sample_review
from tui_roadmap.workshop.vote import tie_at_cut

from .conftest import NOW, load_sample, notifications, sample_app, settle
from .test_cli import one_line_error, roadmap

NAME = "Fabrikam H1 2027"

#: Texts that would be markup, or break out of an attribute, if not escaped.
HOSTILE = [
    "<script>alert(1)</script> & friends",
    '"><img src=x onerror=alert(2)>',
    "<b>bold</b> 'quoted' \"double\"",
    "</style><style>body{display:none}</style>",
    "]]><!-- comment --> &amp; already escaped",
    "Emoji \U0001f680 and \u05e2\u05d1\u05e8\u05d9\u05ea " + "x" * 250,
]


class Page(HTMLParser):
    """The page as read by a parser: every start tag (with its attributes)
    and all the text outside tags, by the tag it is in."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "input", "link", "circle", "rect", "line"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]} "
        self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            self.texts.append((self.stack[-1] if self.stack else "", data))

    def text(self) -> str:
        return " ".join(data for _, data in self.texts)

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


def hostile_sample():
    workshop = load_sample()
    workshop.set_details(product=HOSTILE[0], mission=HOSTILE[1])
    for goal, words in zip(workshop.goals, HOSTILE, strict=False):
        workshop.edit_goal(goal.id, title=words, metric=HOSTILE[2], baseline="<1%", target="\"50\" > 'x'")
    for number, idea in enumerate(list(workshop.ideas)):
        workshop.edit_idea(idea.id, text=f"{number} {HOSTILE[number % len(HOSTILE)]}", proposer="<i>Eve</i>")
    return workshop


def test_the_sample_has_every_part_in_order():
    workshop = load_sample()
    parsed = Page(page(workshop))
    assert parsed.stack == []
    headings = [data for tag, data in parsed.texts if tag == "h2"]
    assert headings == ["Goals", "Roadmap", "Value and effort", "Parking lot", "Refinement checklist and actions"]
    words = parsed.text()
    for said in (workshop.name, workshop.product, workshop.mission, workshop.timeframe.label()):
        assert said in words
    for goal in workshop.goals:
        for said in (goal.title, goal.metric, goal.baseline, goal.target):
            assert said in words
    columns = [data for tag, data in parsed.texts if tag == "h3"]
    assert columns == list(workshop.timeframe.columns)
    cards = [attrs for tag, attrs in parsed.tags if tag == "li" and attrs.get("class") == "card"]
    assert len(cards) == len(placed_ideas(workshop)) == 7
    for _, idea in placed_ideas(workshop):
        assert idea.text in words
    for idea, _ in parking_lot(workshop):
        assert idea.text in words
    assert "Priya" in words and "due 2026-10-23" in words


def test_cards_say_priority_effort_and_goal_in_words():
    workshop = load_sample()
    source = page(workshop)
    placement, idea = placed_ideas(workshop)[0]
    goal = workshop.goal(idea.goal_id)
    assert goal is not None
    card = source[source.index(idea.text) :]
    card = card[: card.index("</li>")]
    assert f"Priority <strong>{placement.priority}</strong>" in card
    assert f"Effort <strong>{placement.effort}</strong>" in card
    assert goal.title in card


def test_the_chart_is_inline_svg_with_a_dot_per_item_and_the_four_quadrants():
    workshop = load_sample()
    parsed = Page(page(workshop))
    assert parsed.names().count("svg") == 1
    assert parsed.names().count("circle") == len(placed_ideas(workshop))
    words = [data for tag, data in parsed.texts if tag == "text"]
    for quadrant in ("Quick wins", "Big bets", "Fill-ins", "Money pits"):
        assert quadrant in words
    svg = next(attrs for tag, attrs in parsed.tags if tag == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"]


def test_items_carried_over_from_the_last_review_are_not_charted_at_no_dots():
    review = sample_review(load_sample())
    carried = [idea for _, idea in placed_ideas(review) if idea.id in review.carried]
    voted = [idea for _, idea in placed_ideas(review) if idea.id not in review.carried]
    assert carried and voted
    source = page(review)
    chart = source[source.index('<section class="chart"') :]
    chart = chart[: chart.index("</section>")]
    assert chart.count("<circle") == len(voted)
    assert all(idea.text not in chart for idea in carried)
    assert f"{len(carried)} items carried over from the last review, not voted on again" in chart
    assert all(idea.text in source for idea in carried)  # still on the board


def test_over_and_tied_are_said_in_words():
    workshop = load_sample()
    column = workshop.timeframe.columns[0]
    assert "OVER" not in page(workshop)
    workshop.set_capacity(column, 1)
    assert load(workshop, column).over
    assert "OVER capacity" in page(workshop)

    workshop = load_sample()
    assert "TIED" not in page(workshop)
    workshop.set_cut(3)  # two placed items share the third place
    tied = {r.idea.text for r in tie_at_cut(workshop)}
    assert len(tied) == 2
    source = page(workshop)
    cards = [card for card in source.split('<li class="card"')[1:] if "TIED" in card]
    assert {text for text in tied if any(text in card for card in cards)} == tied
    assert len(cards) == 2

    workshop = load_sample()
    workshop.set_cut(8)  # three parking-lot ideas tie at the cut: they wait to be placed
    tied = {r.idea.text for r in tie_at_cut(workshop)}
    assert len(tied) == 3
    source = page(workshop)
    waiting = source[source.index("<h3>To place</h3>") :]
    waiting = waiting[: waiting.index("</section>")]
    assert "TIED at the cut line" in waiting
    assert all(text in waiting for text in tied)


def test_hostile_texts_stay_text():
    workshop = hostile_sample()
    source = page(workshop)
    parsed = Page(source)
    assert parsed.stack == []
    assert "script" not in parsed.names()
    assert "img" not in parsed.names()
    assert "b" not in parsed.names() and "i" not in parsed.names()
    assert parsed.names().count("style") == 1
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert "src" not in attrs
    words = parsed.text()
    for hostile in HOSTILE[:5]:
        assert hostile in words
    assert "<i>Eve</i>" in words
    assert "&amp;amp; already escaped" in source


def test_the_page_needs_nothing_from_outside():
    source = page(load_sample())
    parsed = Page(source)
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "img", "iframe", "object"), tag
        for name in ("src", "href"):
            assert name not in attrs or tag == "svg", (tag, attrs)
    outside = source.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for reference in ("url(", "@import", "http://", "https://", "//"):
        assert reference not in outside
    assert "@media print" in source and "@page" in source


def test_the_cli_prints_and_writes_the_page(tmp_path: Path):
    SessionFolder(tmp_path / "sessions").create(NAME, NOW, load_sample()).close()
    printed = roadmap("export", NAME, "--format", "html", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == page(SessionFolder(tmp_path / "sessions").load(NAME))
    written = roadmap("export", NAME, "--format", "html", "-o", "roadmap.html", cwd=tmp_path)
    assert (written.returncode, written.stdout) == (0, "Written to roadmap.html\n")
    assert (tmp_path / "roadmap.html").read_text(encoding="utf-8") == printed.stdout
    (tmp_path / "out").mkdir()
    into = roadmap("export", NAME, "--format", "html", "-o", "out", cwd=tmp_path)
    assert into.returncode == 0, into.stderr
    assert (tmp_path / "out" / "fabrikam-h1-2027.html").read_text(encoding="utf-8") == printed.stdout
    refused = roadmap("export", NAME, "--format", "html", "-o", "sessions/x.json", cwd=tmp_path)
    assert "write the HTML page to a .html file" in one_line_error(refused, 1)


async def test_h_on_the_export_step_writes_the_page_next_to_the_session(folder):
    app = sample_app(folder, "export")
    async with app.run_test(size=(120, 36)) as pilot:
        said = notifications(app)
        await settle(pilot)
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await settle(pilot)
        written = folder.root / "fabrikam-h1-2027.html"
        assert written.read_text(encoding="utf-8") == page(app.session.workshop)
        status = str(app.screen.query_one("#export-status").render())
        assert status.startswith("Written ") and status.endswith("fabrikam-h1-2027.html")
        assert said and said[-1].startswith("Written ") and said[-1].endswith("fabrikam-h1-2027.html")
        assert not (folder.root / "fabrikam-h1-2027.md").exists()  # the Markdown is w's


async def test_a_page_that_cannot_be_written_says_so_on_screen(folder):
    app = sample_app(folder, "export")
    async with app.run_test(size=(120, 36)) as pilot:
        said = notifications(app)
        await settle(pilot)
        pane = app.screen.query_one(ExportPane)
        (folder.root / "fabrikam-h1-2027.html").mkdir()  # a folder where the file would go
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await settle(pilot)
        status = str(app.screen.query_one("#export-status").render())
        assert status.startswith("Could not write ") and "--format html -o FILE" in status
        assert pane.query_one("#export-status").has_class("-error")
        assert said[-1] == status
