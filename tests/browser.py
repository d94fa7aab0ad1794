"""Headless Chromium for the browser tests, driven by Selenium: found on
the machine (skipped without it, failed under CI, where .ci/run installs
it), started with the arguments a test adds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HEADLESS = ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu")


def start_chromium(*arguments: str, setup: Callable[[webdriver.ChromeOptions], None] | None = None) -> webdriver.Chrome:
    """Chromium, headless, with ``arguments``; ``setup`` adds any other
    option (a capability, an emulated phone)."""
    driver_path = shutil.which("chromedriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not driver_path or not chromium:
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are missing: .ci/run installs them with apt-get")
        pytest.skip("no chromium and chromium-driver here (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (*HEADLESS, *arguments):
        options.add_argument(argument)
    if setup is not None:
        setup(options)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    return driver
