"""A real headless Chromium (Debian's chromium and chromedriver) for the form's browser tests, and
the steps a person takes on the form: click an option's label, use the keyboard, type a note."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
FIRST_PAGE = Path(__file__).resolve().parent / "browser_start.html"

LOCAL_ONLY = pytest.mark.allow_hosts(["127.0.0.1", "::1"])
"""selenium talks to chromedriver over a local port; every other host stays blocked."""


def missing_browser() -> str | None:
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not binary.is_file() and shutil.which(binary.name) is None:
            return (f"{binary} is not installed: the form's browser tests need Debian's chromium and "
                    "chromedriver (apt-get install chromium chromium-driver; .ci/run installs them)")
    return None


def start_chromium(downloads: Path, width: int = 1000, height: int = 1200):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM if CHROMIUM.is_file() else shutil.which("chromium"))
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "safebrowsing.enabled": False})
    driver_path = CHROMEDRIVER if CHROMEDRIVER.is_file() else Path(shutil.which("chromedriver") or "")
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    # The first local file a freshly started headless Chromium opens sometimes keeps what it puts in
    # localStorage to itself: a reload, or the same file in another tab, then finds nothing. Measured
    # on the form (answer, then reload): 22 losses in 470 tries when the form was the first page, none
    # in 300 when a page was opened before it. So every test browser opens this page first.
    driver.get(FIRST_PAGE.as_uri())
    return driver


def wait_for_download(downloads: Path, before: set[Path], timeout: float = 15) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        new = {p for p in downloads.iterdir() if p not in before and not p.name.endswith(".crdownload")}
        if new:
            path = new.pop()
            time.sleep(0.2)  # let the browser finish writing
            return path
        time.sleep(0.1)
    raise AssertionError(f"nothing was downloaded to {downloads} within {timeout} s")


def click_label(driver, question_id: str, key: str) -> None:
    """Choose an answer as a person would: click the words of the option."""
    from selenium.webdriver.common.by import By

    label = driver.find_element(By.CSS_SELECTOR, f'label[for="answer-{question_id}--{key}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()


def wait_until_kept(driver, question_id: str, key: str, timeout: float = 60) -> None:
    """Wait until the page has stored `key` as the answer to `question_id` (the form's change
    handler has run): a WebDriver click can return before the page's own handlers have, so a
    test that reloads next knows a missing answer afterwards is the reload's, not the click's."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = ("for (var i = 0; i < localStorage.length; i++) {"
              "  try { var held = JSON.parse(localStorage.getItem(localStorage.key(i)));"
              "    if (held && held.answers && held.answers[arguments[0]] &&"
              "        held.answers[arguments[0]].option === arguments[1]) { return true; } } catch (e) {} }"
              "return false;")
    WebDriverWait(driver, timeout).until(lambda page: page.execute_script(script, question_id, key))


def choose_with_keyboard(driver, question_id: str, position: int) -> None:
    """Choose an answer with the keyboard: on the question's first option, space chooses it, and
    each down arrow moves the choice one option on (how radio groups work), `position` times."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    radios = driver.find_elements(By.CSS_SELECTOR, f'input[name="answer-{question_id}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", radios[0])
    active = driver.switch_to.active_element
    active.send_keys(Keys.SPACE)
    for _ in range(position):
        driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)


def type_note(driver, question_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, f"note-{question_id}")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    box.send_keys(text)


def click_evidence(driver, question_id: str, status: str) -> None:
    """Say how an answer is known as a person would: click the words of seen, told or believed
    ("" for "Say nothing")."""
    from selenium.webdriver.common.by import By

    label = driver.find_element(By.CSS_SELECTOR, f'label[for="evidence-{question_id}--{status}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()


def page_answers(driver) -> dict[str, str]:
    """What the page shows as chosen, question id -> option key."""
    return driver.execute_script(
        "var out = {}; document.querySelectorAll('input[type=radio][name^=\"answer-\"]:checked')"
        ".forEach(function (r) { out[r.name.slice(7)] = r.value; }); return out;")


def page_evidence(driver) -> dict[str, str]:
    """How the page says each answer is known, question id -> seen, told or believed (where one is
    chosen; "Say nothing" is left out)."""
    return driver.execute_script(
        "var out = {}; document.querySelectorAll('input[type=radio][name^=\"evidence-\"]:checked')"
        ".forEach(function (r) { if (r.value) { out[r.name.slice(9)] = r.value; } }); return out;")


def axe_violations(driver) -> list[dict]:
    """Run axe-core in the page; its violations (rule id, impact, help, where)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); },"
        " function (e) { done(JSON.stringify({error: String(e)})); });")
    violations = json.loads(result)
    assert isinstance(violations, list), violations
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "where": [node["target"] for node in v["nodes"]][:5]} for v in violations]
