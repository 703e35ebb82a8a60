"""The review page driven in headless Chromium (Debian's chromium and chromium-driver, through
Selenium): exclude an item, include a sentence, sign the section off, then read the spec, the
rebuilt PDF and the DOCX; and a spec edited by hand while the page is open."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_build import copy_project
from tests.test_curate import GOLD_ITEM, OTHER, SPEC, docx_text, pdf_text

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900")
SCREENSHOT = "BRIEFGEN_SCREENSHOT"  # a path: also save the page's picture there (for docs/)

if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
    if os.environ.get("CI"):
        pytest.fail("chromium and chromium-driver are missing: "
                    "sh scripts/install-system-packages.sh --test", pytrace=False)
    pytest.skip("no chromium/chromium-driver (sh scripts/install-system-packages.sh --test)",
                allow_module_level=True)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


class Review:
    """`briefgen review SPEC --no-browser` running on a copy of the project."""

    def __init__(self, root: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefgen", "review", SPEC, "--no-browser"], cwd=root,
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("briefgen review: http://127.0.0.1:"), line
        self.url = line.split()[2]

    def status(self) -> dict[str, object]:
        with urllib.request.urlopen(self.url + "status", timeout=10) as answer:
            return json.load(answer)  # type: ignore[no-any-return]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture()
def review(tmp_path: Path) -> Iterator[Review]:
    running = Review(copy_project(tmp_path))
    yield running
    running.stop()


def wait_for(driver: webdriver.Chrome, text: str, timeout: float = 60, where: str = "top") -> None:
    """Wait for `text` in the page's header (messages, build status) or another element."""
    wait = WebDriverWait(driver, timeout, ignored_exceptions=(NoSuchElementException,
                                                              StaleElementReferenceException))
    wait.until(lambda d: text in d.find_element(By.ID, where).text)


def click_in(driver: webdriver.Chrome, rows: str, holding: str, button: str) -> None:
    """Click `button` in the row (CSS `rows`) whose text holds `holding`."""
    for row in driver.find_elements(By.CSS_SELECTOR, rows):
        if holding in row.text:
            row.find_element(By.CSS_SELECTOR, button).click()
            return
    raise AssertionError(f"no row holding {holding!r}")


def test_exclude_include_and_sign_off_in_the_browser(browser: webdriver.Chrome,
                                                     review: Review) -> None:
    spec = review.root / SPEC
    original = spec.read_text(encoding="utf-8")
    browser.get(review.url + "#section-7")
    click_in(browser, "#section-7 li.item .quote", GOLD_ITEM, "button.exclude")
    wait_for(browser, "is left out.")
    browser.find_element(By.CSS_SELECTOR, "#section-7 details.add summary").click()
    click_in(browser, "#section-7 li.candidate", OTHER, "button.include")
    wait_for(browser, "is added.")
    name = browser.find_element(By.CSS_SELECTOR, "#section-7 form.review-form input[name=by]")
    name.clear()
    name.send_keys("A. Officer")
    browser.find_element(By.CSS_SELECTOR, "#section-7 form.review-form button").click()
    wait_for(browser, "Section 7 is marked reviewed by A. Officer.")
    today = dt.date.today()
    assert f"Reviewed by A. Officer on {today.day} {today:%B %Y}" in browser.find_element(
        By.ID, "section-7").text
    WebDriverWait(browser, 180).until(lambda d: review.status()["build"]["state"] != "running")
    assert review.status()["build"]["state"] == "built", review.status()
    browser.refresh()  # a new page from the server (a get of the same URL#fragment is not)
    build = review.status()["build"]
    assert build["count"] <= 3  # a build per decision at most; decisions made meanwhile share one
    assert browser.find_element(By.ID, "build-status").text == build["message"]
    if os.environ.get(SCREENSHOT):
        time.sleep(1)
        browser.save_screenshot(os.environ[SCREENSHOT])

    written = spec.read_text(encoding="utf-8")
    added = [line for line in difflib.ndiff(original.splitlines(), written.splitlines())
             if line[:1] in "+-"]
    assert [line[:2] for line in added] == ["+ "] * 5  # only new lines: comments, order kept
    assert f'      - "{GOLD_ITEM}' in written and f'      - "{OTHER}.' in written
    assert f'    reviewed: {{by: "A. Officer", on: {today.isoformat()}, fingerprint: "' in written
    for text in (pdf_text(review.root / "out/gcm-prep.pdf"),
                 docx_text(review.root / "out/gcm-prep.docx")):
        assert GOLD_ITEM.lower() not in text and OTHER.lower() in text
        assert f"reviewed by a. officer on {today.day} {today:%B %Y}.".lower() in text


def test_a_hand_edit_while_the_page_is_open_reloads_it(browser: webdriver.Chrome,
                                                       review: Review) -> None:
    spec = review.root / SPEC
    browser.get(review.url)
    wait_for(browser, "Not reviewed", where="section-7")
    edited = spec.read_text(encoding="utf-8").replace(
        "  - title: Speeches this brief draws on", "  - title: Speeches quoted")
    spec.write_text(edited, encoding="utf-8")
    wait_for(browser, "The spec changed on disk; the page was reloaded", timeout=20)
    assert "Speeches quoted" in browser.find_element(By.TAG_NAME, "nav").text
    assert spec.read_text(encoding="utf-8") == edited
