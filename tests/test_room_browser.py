"""The room in a real browser: headless Chromium through Selenium plays the
phones, against the real app (headless, in this process) with its room
open on 127.0.0.1.

Set ``ROADMAP_PHONE_SCREENSHOTS=1`` to write the phone pictures in
``docs/`` again.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from tui_roadmap.export.draft import markdown
from tui_roadmap.workshop import ballots
from tui_roadmap.workshop.vote import add_dot, tally

from .browser import start_chromium
from .conftest import load_sample, settle, type_keys
from .test_room import room_app, shown

DOCS = Path(__file__).parent.parent / "docs"

# The six phones' ballots: participant id -> idea ids (one dot each), the
# sample's own vote (24 dots) cast again on secret ballots.
BALLOTS = {
    1: [1, 1, 11, 2],
    2: [1, 11, 11, 6],
    3: [1, 2, 6, 3],
    4: [1, 11, 3, 10],
    5: [2, 6, 7, 8],
    6: [2, 10, 7, 5],
}


@pytest.fixture(scope="module")
def browser():
    def phone(options) -> None:
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}}
        )

    driver = start_chromium("--window-size=412,915", setup=phone)
    try:
        yield driver
    finally:
        driver.quit()


def submit(driver, button) -> None:
    """Press a form's button and wait for the page that answers it: the
    button's page is gone and the new one is loaded (the waits have a safety
    net only). While the browser is between two pages it may answer with an
    error of its own: that is waited out too."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def gone(_driver) -> bool:
        try:
            button.is_enabled()  # asks the browser: fails once the page is gone
        except StaleElementReferenceException:
            return True
        return False

    button.click()
    wait = WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,))
    wait.until(gone)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def as_phone(driver, url: str, person: str) -> None:
    """A fresh phone (no cookie) opens the room and picks its name."""
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(url)
    submit(driver, driver.find_element(By.XPATH, f"//button[normalize-space()='{person}']"))
    assert "You are in." in driver.find_element(By.CSS_SELECTOR, "[role=status]").text


def send_idea(driver, text: str) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.find_element(By.ID, "text").send_keys(text)
    Select(driver.find_element(By.ID, "goal")).select_by_value("2")
    submit(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send']"))
    return driver.find_element(By.CSS_SELECTOR, "[role=status]").text


def cast(driver, number: int) -> None:
    """One dot more on idea ``number`` of the ballot."""
    from selenium.webdriver.common.by import By

    submit(driver, driver.find_element(By.CSS_SELECTOR, f"button[aria-label='One dot more on idea {number}']"))


def shows(driver, text: str) -> None:
    """Wait until the phone's page shows ``text`` by itself (it follows the
    room every few seconds: nobody reloads it here)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,))
    wait.until(lambda d: text in d.find_element(By.TAG_NAME, "body").text)


def hand_in(driver) -> str:
    from selenium.webdriver.common.by import By

    submit(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Hand in my ballot']"))
    return driver.find_element(By.TAG_NAME, "h2").text


def shot(driver, name: str) -> None:
    if os.environ.get("ROADMAP_PHONE_SCREENSHOTS"):
        DOCS.mkdir(exist_ok=True)
        driver.save_screenshot(str(DOCS / name))


async def test_two_phones_send_an_idea_and_vote_in_a_browser(folder, browser):
    app = room_app(folder, counted=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await type_keys(pilot, "f8")
        server = screen.room_server
        url = f"http://127.0.0.1:{server.port}{server.base}"

        def ideas() -> str:
            browser.delete_all_cookies()
            browser.get(url)
            shot(browser, "phone-join.png")
            as_phone(browser, url, "Lena")
            return send_idea(browser, "Outfit calendar <b>for</b> the week")

        assert await asyncio.to_thread(ideas) == "Added as idea 19."
        await settle(pilot)
        assert screen.workshop.ideas[-1].text == "Outfit calendar <b>for</b> the week"
        assert "Outfit calendar <b>for</b> the week" in shown(app, "#idea-list")
        # The vote, on secret ballots (b on the vote list).
        await type_keys(pilot, "f4", "down", "b")
        workshop = screen.workshop
        assert workshop.vote.secret
        workshop_ideas = [idea.id for idea in workshop.ideas]

        def vote() -> None:
            shows(browser, "Your ballot")  # Lena's phone left on its Ideas page follows the room to her ballot
            for number in (1, 1, 19, 2):
                cast(browser, number)
            shot(browser, "phone-ballot.png")
            assert hand_in(browser) == "Your ballot is in"
            as_phone(browser, url, "Tom")
            cast(browser, 19)
            cast(browser, 3)
            assert hand_in(browser) == "Your ballot is in"

        await asyncio.to_thread(vote)
        await settle(pilot)
        assert "\u25cf" not in shown(app, "#vote-list") and "\u25cf" not in shown(app, "#ranking")
        assert "Ballots in: 2 of 6; 6 dots cast" in shown(app, "#room-panel")
        await type_keys(pilot, "v")
        await type_keys(pilot, "y")  # yes, close it without the four ballots missing
        assert workshop.vote.closed
        await asyncio.to_thread(shows, browser, "The vote is closed")  # Tom's page, left on "Your ballot is in"
        totals = tally(workshop)
        assert (
            totals[workshop_ideas[0]],
            totals[workshop_ideas[18]],
            totals[workshop_ideas[1]],
            totals[workshop_ideas[2]],
        ) == (2, 2, 1, 1)
        top = "\n".join(shown(app, "#ranking").split("\n")[:2])
        assert "1=  2  Virtual try-on" in top and "1=  2  Outfit calendar" in top
        await type_keys(pilot, "f8")  # the room closes: the phone says so, not the browser's error page
        await asyncio.to_thread(shows, browser, "The room cannot be reached")


async def test_six_phones_vote_the_sample_as_the_laptop_would(folder, browser):
    laptop = load_sample()
    laptop.vote.tallies.clear()
    laptop.set_step("vote")
    ballots.start(laptop)
    for person, ideas in BALLOTS.items():
        for idea in ideas:
            add_dot(laptop, idea, person)
        ballots.finish(laptop, person)
    ballots.close(laptop)

    app = room_app(folder, step="vote", ballots_open=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await type_keys(pilot, "escape", "f8")
        server = screen.room_server
        url = f"http://127.0.0.1:{server.port}{server.base}"
        names = {p.id: p.name for p in screen.workshop.participants}

        def phones() -> None:
            for person, ideas in BALLOTS.items():
                as_phone(browser, url, names[person])
                for idea in ideas:
                    cast(browser, idea)  # the sample's ideas are numbered by their ids
                assert hand_in(browser) == "Your ballot is in"

        await asyncio.to_thread(phones)
        await settle(pilot)
        assert "Ballots in: 6 of 6; 24 dots cast" in shown(app, "#room-panel")
        await type_keys(pilot, "v")
        workshop = screen.workshop
        assert workshop.vote.closed
        workshop.phones.clear()  # who voted where is not part of the draft
        laptop.updated = workshop.updated
        assert markdown(workshop) == markdown(laptop)
