"""The one-page HTML roadmap in a real browser: headless Chromium through
Selenium opens the sample's page from a file and checks that it loads with
no console error and no request leaving the file, shows every item, prints
to one or two pages of A4 and of US Letter, and that axe-core finds no
serious or critical accessibility violation.

axe-core comes from npm: ``.ci/run`` installs it in ``.ci/cache/axe``
(or name its ``axe.min.js`` in ``$AXE_CORE_JS``). Without it the axe test
is skipped, except under CI, where it fails.
"""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path

import pytest

from tui_roadmap.export.page import page
from tui_roadmap.workshop.roadmap import parking_lot, placed_ideas

from .browser import start_chromium
from .conftest import load_sample
from .test_page import HOSTILE, hostile_sample

AXE = Path(__file__).parent.parent / ".ci" / "cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

#: Paper sizes in inches, as Page.printToPDF takes them.
PAPERS = {"A4": (8.27, 11.69), "US Letter": (8.5, 11.0)}


@pytest.fixture(scope="module")
def browser():
    def logs(options) -> None:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})

    driver = start_chromium("--window-size=1100,1400", setup=logs)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver, path: Path) -> None:
    """Open a page from its file, with the logs of what came before emptied."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def requests(driver) -> list[str]:
    """The address of every request the browser sent since the last look."""
    sent = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            sent.append(message["params"]["request"]["url"])
    return sent


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("page") / "fabrikam.html"
    path.write_text(page(load_sample()), encoding="utf-8")
    return path


def test_the_page_opens_with_no_error_and_no_request_leaving_the_file(browser, sample_page):
    open_page(browser, sample_page)
    assert console_errors(browser) == []
    sent = requests(browser)
    assert sent and all(url == sample_page.as_uri() for url in sent), sent


def test_the_page_shows_every_item(browser, sample_page):
    open_page(browser, sample_page)
    workshop = load_sample()
    shown = browser.execute_script("return document.body.innerText")
    for _, idea in placed_ideas(workshop):
        assert idea.text in shown
    for idea, _ in parking_lot(workshop):
        assert idea.text in shown
    for goal in workshop.goals:
        assert goal.title in shown
    cards = browser.execute_script("return document.querySelectorAll('li.card').length")
    assert cards == len(placed_ideas(workshop))
    chart = browser.execute_script(
        "const r = document.querySelector('svg').getBoundingClientRect(); return [r.width, r.height]"
    )
    assert chart[0] > 300 and chart[1] > 150


def pages(pdf: bytes) -> int:
    """How many pages a PDF has: its page objects (not the page tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_page_prints_on_one_or_two_pages(browser, sample_page, paper):
    open_page(browser, sample_page)
    width, height = PAPERS[paper]
    printed = browser.execute_cdp_cmd(
        "Page.printToPDF", {"paperWidth": width, "paperHeight": height, "printBackground": True}
    )
    pdf = base64.b64decode(printed["data"])
    assert pdf.startswith(b"%PDF-")
    assert 1 <= pages(pdf) <= 2, pages(pdf)


def axe_source() -> str:
    named = os.environ.get("AXE_CORE_JS")
    path = Path(named) if named else AXE
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is missing ({path}): .ci/run installs it with npm")
        pytest.skip(f"no axe-core here: npm install axe-core in {AXE.parents[2]}")
    return path.read_text(encoding="utf-8")


def axe_violations(driver) -> list[dict]:
    driver.execute_script(axe_source())
    answer = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify(r.violations)), e => done('failed: ' + e));"
    )
    assert not answer.startswith("failed: "), answer
    return json.loads(answer)


def test_axe_finds_no_serious_or_critical_violation(browser, sample_page):
    open_page(browser, sample_page)
    violations = axe_violations(browser)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert [b for b in bad if b[1] in ("serious", "critical")] == []


def test_hostile_texts_show_as_typed_and_run_nothing(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(page(hostile_sample()), encoding="utf-8")
    open_page(browser, path)
    assert console_errors(browser) == []
    assert all(url == path.as_uri() for url in requests(browser))
    counted = browser.execute_script("return document.querySelectorAll('script, img, b, i, style').length")
    assert counted == 1  # the page's own style, nothing more
    shown = browser.execute_script("return document.body.innerText")
    for hostile in HOSTILE[:5]:
        assert hostile in shown


def test_axe_does_report_a_serious_violation_when_there_is_one(browser, tmp_path):
    """The check above can fail: the same page without its language is
    reported (html-has-lang, serious)."""
    path = tmp_path / "no-lang.html"
    path.write_text(page(load_sample()).replace('<html lang="en">', "<html>", 1), encoding="utf-8")
    open_page(browser, path)
    found = {(v["id"], v["impact"]) for v in axe_violations(browser)}
    assert ("html-has-lang", "serious") in found
