"""The draft pastes clean everywhere: read by CommonMark (cmark-gfm, the
renderer of GitHub, and markdown-it) and by Python-Markdown (MkDocs), its
scope lists nest alike, and its line breaks survive an editor that trims
trailing whitespace; the tracker CSV is one that GitLab's importer takes;
and zbar, zxing-cpp and OpenCV read each QR code as the text it shows,
the big one drawn as large as the terminal allows."""

from __future__ import annotations

import csv
import importlib
import io
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown as python_markdown
import pytest
from markdown_it import MarkdownIt
from rich.style import Style

from tests.conftest import load_sample, sample_app, type_keys
from tests.test_review import sample_review
from tests.test_tracker_csv import scoped_sample
from tui_roadmap.export.draft import markdown, qr_payload
from tui_roadmap.export.qr import QUIET_ZONE, qr_matrix
from tui_roadmap.export.tracker import tracker_csv
from tui_roadmap.ui.screens.qr_screen import QRScreen
from tui_roadmap.ui.widgets.qr import DARK, QRView


def cmark_gfm(text: str) -> str:
    """The HTML of cmark-gfm, with GitHub's table and task-list extensions."""
    program = shutil.which("cmark-gfm")
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("cmark-gfm is missing: .ci/run installs it with apt-get")
        pytest.skip("no cmark-gfm here (apt-get install cmark-gfm)")
    done = subprocess.run(
        [program, "-e", "table", "-e", "tasklist"], input=text, capture_output=True, text=True, check=True
    )
    return done.stdout


def commonmark(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def python_markdown_html(text: str) -> str:
    return python_markdown.markdown(text, extensions=["tables"])


RENDERERS = {"cmark-gfm": cmark_gfm, "markdown-it": commonmark, "Python-Markdown": python_markdown_html}


class Blocks(HTMLParser):
    """The list items and paragraphs of a page: for each, how deep in lists
    it is and the text it holds before any list nested in it, a hard break
    (``<br>``) as a line break."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.open: list[list] = []
        self.blocks: list[tuple[str, int, str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("ul", "ol"):
            self.depth += 1
            for block in self.open:
                block[3] = True  # its own text ends where a nested list starts
        elif tag in ("li", "p", "td", "th"):
            self.open.append([tag, self.depth, "", False])
        elif tag == "br" and self.open:
            self.open[-1][2] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.depth -= 1
        elif tag in ("li", "p", "td", "th") and self.open:
            kind, depth, text, _ = self.open.pop()
            self.blocks.append((kind, depth, text.strip()))

    def handle_data(self, data: str) -> None:
        if self.open and not self.open[-1][3]:
            self.open[-1][2] += data.replace("\n", " ")  # a soft break: the same line


def blocks(html: str) -> list[tuple[str, int, str]]:
    parser = Blocks()
    parser.feed(html)
    return parser.blocks


def scope_depths(html: str) -> dict[str, int]:
    """How deep in lists each line of the scope lists is."""
    found = {}
    for kind, depth, text in blocks(html):
        if kind != "li":
            continue
        text = text.removeprefix("[ ] ")  # a task list's box, as Python-Markdown shows it
        for start in ("Onboarding quiz", "Epic: Quiz flow", "Acceptance: 80%", "Ten questions"):
            if text.startswith(start):
                found[start] = depth
    return found


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_renderer_nests_the_scope_lists(renderer):
    depths = scope_depths(RENDERERS[renderer](markdown(sample_review(load_sample()))))
    assert depths == {"Onboarding quiz": 1, "Epic: Quiz flow": 2, "Acceptance: 80%": 3, "Ten questions": 3}


def test_commonmark_reads_the_4_space_lists_as_it_read_2_spaces():
    """Indented 4 spaces a level, the lists give the HTML that 2 spaces gave
    (byte for byte, in cmark-gfm and markdown-it)."""
    text = markdown(sample_review(load_sample()))
    assert "\n        - [ ] Ten questions answered with photos\n" in text
    # (only the list items: the lines of a fenced diagram keep their indent)
    two = re.sub(r"^((?:    )+)(?=- )", lambda m: "  " * (len(m.group(1)) // 4), text, flags=re.M)
    assert two != text
    assert cmark_gfm(text) == cmark_gfm(two)
    assert commonmark(text) == commonmark(two)


def trimmed(text: str) -> str:
    """The draft as an editor that trims trailing whitespace saves it."""
    return "\n".join(line.rstrip() for line in text.split("\n"))


def with_capacity():
    workshop = load_sample()
    workshop.set_capacity(workshop.timeframe.columns[0], 4)
    return workshop


@pytest.mark.parametrize("renderer", RENDERERS)
def test_goals_metrics_and_capacity_stay_on_lines_of_their_own_once_trimmed(renderer):
    text = markdown(with_capacity())
    for draft in (text, markdown(sample_review(load_sample()))):
        assert trimmed(draft) == draft  # nothing rests on trailing whitespace
    said = [body for _, _, body in blocks(RENDERERS[renderer](trimmed(text)))]
    for start in ("Goals:", "Metrics:", "Capacity:"):
        lines = [line for body in said for line in body.split("\n") if start in line]
        assert len(lines) == (1 if start == "Capacity:" else 2), (start, said)
    for body in said:
        for line in body.split("\n"):
            assert sum(start in line for start in ("Goals:", "Metrics:", "Capacity:")) <= 1, line


def gitlab_import(text: str) -> list[dict[str, str | None]]:
    """The issues GitLab's CSV importer makes of a file, as its code reads
    one (``Issuable::ImportCsv::BaseService``): the header line, in lower
    case, must hold ``title`` and ``description`` (else the whole file is
    refused); the headers are turned into symbols (lower case, words joined
    by ``_``), and each row gives an issue of its ``title``, ``description``
    and ``due_date``; a row without a title is a failed row."""
    header = text.split("\n", 1)[0].lower()
    if "title" not in header or "description" not in header:
        raise ValueError("Invalid CSV format - missing required headers.")
    rows = list(csv.reader(io.StringIO(text)))
    names = [re.sub(r"[^\w]+", "", re.sub(r"\s+", "_", name.strip().lower())) for name in rows[0]]
    issues = []
    for number, row in enumerate(rows[1:], 2):
        cells = dict(zip(names, row, strict=True))
        if not cells.get("title"):
            raise ValueError(f"row {number} has no title")
        issues.append({key: cells.get(key) for key in ("title", "description", "due_date")})
    return issues


@pytest.mark.parametrize("workshop", [scoped_sample, lambda: sample_review(load_sample())], ids=["scoped", "review"])
def test_gitlab_imports_every_row_with_its_title_and_description(workshop):
    text = tracker_csv(workshop())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {row["type"] for row in rows} >= {"Epic", "Story"}
    issues = gitlab_import(text)
    assert [issue["title"] for issue in issues] == [row["summary"] for row in rows]
    assert [issue["description"] for issue in issues] == [row["description"] for row in rows]


# ------------------------------------------------------------ the QR codes


def qr_image(text: str, scale: int = 6):
    """The QR code of ``text`` as the screen draws it, black on white, as a
    grey image of ``scale`` pixels a module."""
    np = pytest.importorskip("numpy")
    matrix = qr_matrix(text)
    assert matrix is not None
    modules = np.array([[0 if dark else 255 for dark in row] for row in matrix], dtype=np.uint8)
    return np.kron(modules, np.ones((scale, scale), dtype=np.uint8))


def reader(module: str):
    try:
        return importlib.import_module(module)
    except ImportError as error:  # pyzbar without libzbar0 raises ImportError too
        if os.environ.get("CI"):
            pytest.fail(f"{module} is missing: .ci/run installs the test extra and libzbar0 ({error})")
        pytest.skip(f"no {module} here: pip install -e '.[test]', apt-get install libzbar0 ({error})")


def zbar(image) -> list[str]:
    """What zbar reads, its bytes taken as UTF-8 (as a phone app built on it shows them)."""
    found = reader("pyzbar.pyzbar").decode(image)
    return [symbol.data.decode("utf-8", "replace") for symbol in found]


def zxing(image) -> list[str]:
    return [result.text for result in reader("zxingcpp").read_barcodes(image)]


def opencv(image) -> list[str]:
    """What OpenCV reads: its classic detector misses some codes (one of
    version 12 here, whatever the scale), which its ArUco-based one finds."""
    cv2 = reader("cv2")
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        text, _, _ = detector.detectAndDecode(image)
        if text:
            return [text]
    return []


READERS = {"zbar": zbar, "zxing-cpp": zxing, "OpenCV": opencv}

LINK = "https://wiki.fabrikam.example/Stra\u00dfe/roadmap-2027\u2026?team=K\u00f6ln"


@pytest.mark.parametrize("name", READERS)
def test_every_reader_reads_a_link_with_non_ascii_text_as_the_same_address(name):
    workshop = load_sample()
    workshop.set_details(doc_link=LINK)
    payload = qr_payload(workshop)
    assert READERS[name](qr_image(payload)) == [payload]
    assert payload.isascii() and unquote(payload) == LINK  # the address a browser goes to for the link


@pytest.mark.parametrize("name", READERS)
def test_every_reader_reads_a_summary_with_non_ascii_text_as_it_is_shown(name):
    workshop = load_sample()
    workshop.set_details(doc_link="")
    first = workshop.placements[0].idea_id
    workshop.edit_idea(
        first, text="\u201cStra\u00dfe\u201d f\u00fcr K\u00f6ln \u2014 mit allen Haltestellen und Linien"
    )
    payload = qr_payload(workshop)
    assert READERS[name](qr_image(payload)) == [payload]
    assert payload.isascii() and '2027-Q1: "Strasse" fur Koln - mit...;' in payload  # shortened with "..."


def drawn_modules(view: QRView) -> list[list[bool]]:
    """What the widget draws, as a grid of half cells, True where dark:
    each cell of an upper half block is two, its colour above its
    background; any other cell (the margins) is light."""
    grid = []
    for line in view.render().split("\n"):
        styles: list[Style | None] = [None] * len(line.plain)
        for span in line.spans:
            for index in range(span.start, span.end):
                styles[index] = span.style if isinstance(span.style, Style) else None
        top, bottom = [], []
        for character, style in zip(line.plain, styles, strict=True):
            drawn = character == "\u2580" and style is not None
            top.append(drawn and style.color is not None and style.color.name == DARK)
            bottom.append(drawn and style.bgcolor is not None and style.bgcolor.name == DARK)
        grid += [top, bottom]
    return grid


@pytest.mark.parametrize(("size", "scale"), [((100, 30), 1), ((160, 50), 2), ((220, 64), 3)])
async def test_the_big_qr_code_fills_the_terminal_and_reads(folder, size, scale):
    """q on the Export step: the code at 160x50 is drawn 2 cells a module
    (3 at 220x64), centred, and zbar and zxing-cpp read it off the screen."""
    np = pytest.importorskip("numpy")
    app = sample_app(folder, "export")
    async with app.run_test(size=size) as pilot:
        await type_keys(pilot, "q")
        assert isinstance(app.screen, QRScreen)
        view = app.screen.query_one("#qr-big", QRView)
        payload = qr_payload(app.screen.app.screen_stack[-2].workshop)
        grid = drawn_modules(view)
        across = view.size.width
    modules = len(qr_matrix(payload))  # 37, quiet zone included
    width = max(len(row) for row in grid)
    dark_columns = [x for x in range(width) if any(x < len(row) and row[x] for row in grid)]
    assert dark_columns[-1] - dark_columns[0] + 1 == (modules - 2 * QUIET_ZONE) * scale
    assert abs(dark_columns[0] - (across - 1 - dark_columns[-1])) <= 1  # centred
    image = np.array([[0 if x < len(row) and row[x] else 255 for x in range(width)] for row in grid], dtype=np.uint8)
    image = np.kron(image, np.ones((3, 3), dtype=np.uint8))
    assert zbar(image) == [payload] and zxing(image) == [payload]
