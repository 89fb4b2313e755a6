"""A real headless Chromium (Debian's ``chromium`` driven through ``chromedriver`` by selenium) reads the built
site over the preview server: dashboard → watcher → report, then a search for a word of a story lands on
that report. Screenshots of each step are kept under ``test-artifacts/site-browser/`` (ignored by git)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from guancha.publish.site import build_site, make_server
from guancha.workspace import init_workspace, open_workspace
from tests.site_support import add_report, spec_for

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts" / "site-browser"
CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).is_file()), None)
DRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and Path(p).is_file()), None)
WORD = "heliostatfab"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "ws"
    init_workspace(root)
    ws = open_workspace(root)
    china = spec_for("china-ai", "China AI", "🇨🇳")
    orbital = spec_for("orbital", "Orbital Computation", "🛰️")
    add_report(ws.db(), china, dt.date(2026, 5, 1))
    add_report(ws.db(), china, dt.date(2026, 5, 2))
    add_report(ws.db(), orbital, dt.date(2026, 5, 2), headline_words=[WORD, "orbit", "launch", "cluster"])
    add_report(ws.db(), orbital, dt.date(2026, 5, 3))
    result = build_site(ws)
    ws.close()
    server = make_server(result.out, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _driver():  # type: ignore[no-untyped-def]
    if CHROMIUM is None or DRIVER is None:
        (pytest.fail if os.environ.get("GUANCHA_REQUIRE_SITE_TOOLS") else pytest.skip)("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; "
                    ".ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the test extra)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1100,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)


def test_browser_dashboard_to_report_and_search(served: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver = _driver()
    try:
        wait = WebDriverWait(driver, 30)
        driver.get(served)
        assert "Dashboard" in driver.find_element(By.TAG_NAME, "h1").text
        driver.save_screenshot(str(ARTIFACTS / "1-dashboard.png"))
        # the stylesheet loaded under the strict CSP: the header is laid out as flex
        header = driver.find_element(By.CSS_SELECTOR, ".site-header")
        assert header.value_of_css_property("display") == "flex"

        driver.find_element(By.LINK_TEXT, "🛰️ Orbital Computation").click()
        wait.until(ec.url_to_be(served + "orbital/"))
        driver.save_screenshot(str(ARTIFACTS / "2-watcher.png"))
        driver.find_element(By.PARTIAL_LINK_TEXT, "2026-05-02").click()
        wait.until(ec.url_to_be(served + "orbital/2026-05-02/"))
        assert driver.find_element(By.TAG_NAME, "h1").text == "🛰️ Orbital Computation — 2026-05-02"
        driver.save_screenshot(str(ARTIFACTS / "3-report.png"))

        box = driver.find_element(By.ID, "site-q")
        box.send_keys(WORD)
        box.submit()
        wait.until(ec.url_contains("search/?q=" + WORD))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
        status = driver.find_element(By.ID, "search-status").text
        assert status.startswith("1 result"), status
        driver.save_screenshot(str(ARTIFACTS / "4-search.png"))
        driver.find_element(By.CSS_SELECTOR, "#search-results li a").click()
        wait.until(ec.url_to_be(served + "orbital/2026-05-02/"))
        assert WORD in driver.find_element(By.TAG_NAME, "main").text.lower()
        driver.save_screenshot(str(ARTIFACTS / "5-landed.png"))

        # the watcher filter: the word is in an Orbital report, so filtering to China AI finds nothing
        driver.get(served + "search/?q=" + WORD + "&watcher=" + "🇨🇳 China AI")
        wait.until(lambda d: d.find_element(By.ID, "search-status").text.startswith(("0 results", "1 result")))
        assert driver.find_element(By.ID, "search-status").text.startswith("0 results")
        driver.save_screenshot(str(ARTIFACTS / "6-filtered.png"))
        violations = [e for e in driver.get_log("browser") if "Content Security Policy" in e.get("message", "")]
        assert violations == []
    finally:
        driver.quit()
