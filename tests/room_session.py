"""A room session for the end-to-end tests and the README's pictures: `goodlooks room` in a real
pseudo-terminal (pexpect) on 127.0.0.1, and phones as headless Chromium windows (selenium), each
with its own profile. Everything waits for what the terminal or the page shows, never for time."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pexpect

from conftest import subprocess_env
from form_browser import CHROMEDRIVER, CHROMIUM

ENTER = "\r"
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/([0-9A-Z]{26})")
CODE = re.compile(r"Join code: (\d{3}) (\d{3})")
PAGE = re.compile(r"Enter for more \(page (\d+) of (\d+)\)")
"""The prompt under every page but the last of a screen that pages (`--present`)."""
SCREEN = re.compile(r"http://127\.0\.0\.1:\d+/[0-9A-Z]{26}/screen/[0-9A-Z]{12}")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]")
WAIT = 180
"""Seconds to wait for a page or the terminal: eight Chromiums on two loaded cores are slow."""

ROOM_BANK = """\
id: board-room
title: Board <room> test
version: "1"
levels:
  - {name: Starting, min: 1}
  - {name: Leading, min: 3}
dimensions:
  - id: users
    title: Users
    questions:
      - id: q1
        text: How often do teams watch real people use what they build?
        help: Good looks like every week, not once a year.
        evidence: Research notes from the last three months.
        options:
          - {key: a, label: Rarely or never, score: 1}
          - {key: b, label: A few times a year, score: 2}
          - {key: c, label: Every week, score: 3}
      - id: q2
        text: Does feedback change the service?
        options:
          - {key: a, label: Not that we know of, score: 1}
          - {key: b, label: Sometimes, score: 2}
          - {key: c, label: "Within weeks, every time", score: 3}
"""


def plain(text: str) -> str:
    return _ANSI.sub("", text).replace("\r", "")


def _screen(width: int, height: int):
    """A terminal emulator's screen that keeps each line scrolled off its top (`scrolled`): on a
    projector's terminal nothing should ever be."""
    import pyte

    class Screen(pyte.Screen):
        def __init__(self) -> None:
            super().__init__(width, height)
            self.scrolled: list[str] = []

        def index(self) -> None:
            top, bottom = self.margins or (0, self.lines - 1)
            if self.cursor.y == bottom:
                self.scrolled.append(self.display[top].rstrip())
            super().index()

    return Screen()


class _Feed:
    """pexpect's log of what the program wrote: kept whole, and played into a terminal screen."""

    def __init__(self, width: int, height: int) -> None:
        import pyte

        self.text = io.StringIO()
        self.screen = _screen(width, height)
        self.stream = pyte.Stream(self.screen)

    def write(self, data: str) -> None:
        self.text.write(data)
        self.stream.feed(data)

    def flush(self) -> None:
        pass


class RoomTerminal:
    """`goodlooks room ...` in a pseudo-terminal. `expect` waits for text written after the last
    text expected; `wait_screen` for text on the screen as a person sees it (the live lines are
    redrawn in place, a character here and there, so they are read off the screen)."""

    def __init__(self, cwd: Path, *args: str, width: int = 100, height: int = 50,
                 program: list[str] | None = None) -> None:
        self.feed = _Feed(width, height)
        command = program or [sys.executable, "-m", "goodlooks"]
        self.child = pexpect.spawn(command[0], [*command[1:], "room", *args], cwd=str(cwd), encoding="utf-8",
                                   dimensions=(height, width), timeout=WAIT,
                                   env=subprocess_env(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1",
                                                      GOODLOOKS_TESTS_LOOPBACK="1"))
        self.child.logfile_read = self.feed
        self.child.delaybeforesend = None
        self._at = 0
        if "--present" in args:  # the introduction's pages first, each waiting for Enter
            self._through_the_introduction()
        found = self._until(lambda: SCREEN.search(self.seen(), self._at))  # the last of the join screen
        address, code = ADDRESS.search(self.seen()), CODE.search(self.seen())
        assert address and code, self.seen()
        self.port, self.secret = int(address.group(1)), address.group(2)
        self.address = f"http://127.0.0.1:{self.port}/{self.secret}"
        self.screen_address = found.group(0)
        self.code = code.group(1) + code.group(2)
        """The join code, as a person reads it off the terminal."""

    def _through_the_introduction(self) -> None:
        while self.wait(lambda: "Press Enter to start" in self.screen_text() or
                        PAGE.search(self.screen_text())) is not True:
            self.next_page("Press Enter to start")
        self.send(ENTER)

    def next_page(self, after_the_last: str) -> None:
        """Enter on the page whose "Enter for more (page k of n)" is on the screen, then read until
        the next page's prompt (k+1 of n) is there, or `after_the_last` once that was page n-1.
        Never until this page's prompt has gone: it goes for a moment each time prompt_toolkit
        redraws it (erase, then write), and an Enter sent then reaches the page after this one,
        or the terminal between two prompts, which echoes it (the screen scrolls)."""
        at, of = map(int, PAGE.search(self.screen_text()).groups())
        after = f"Enter for more (page {at + 1} of {of})" if at + 1 < of else after_the_last
        self.send(ENTER)
        self.wait_screen(after)

    def lines(self) -> list[str]:
        """The screen's lines as a person sees them."""
        return [line.rstrip() for line in self.feed.screen.display]

    def scrolled(self) -> list[str]:
        """The lines that went off the top of the screen so far."""
        return self.feed.screen.scrolled

    def wait(self, found):
        """Read until `found()` is true (what it returns)."""
        return self._until(found)

    def _until(self, found):
        import time

        deadline = time.monotonic() + WAIT
        while not (result := found()):
            if time.monotonic() > deadline:
                raise AssertionError(f"not seen within {WAIT} s; the screen:\n{self.screen_text()}")
            try:
                self.child.read_nonblocking(65536, timeout=1)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                if not (result := found()):
                    raise AssertionError(f"goodlooks ended; the screen:\n{self.screen_text()}") from None
                return result
        return result

    def expect(self, text: str) -> None:
        def where() -> int:
            return self.seen().find(text, self._at) + 1

        self._at = self._until(where) - 1 + len(text)

    def wait_screen(self, text: str) -> None:
        self._until(lambda: text in self.screen_text())

    def screen_text(self) -> str:
        return "\n".join(self.lines())

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def seen(self) -> str:
        return plain(self.feed.text.getvalue())

    def finish(self) -> int:
        self._until(lambda: not self.child.isalive())
        self.child.close()
        return self.child.exitstatus


def start_phone(profile: Path, width: int, height: int):
    """Headless Chromium with its own profile folder, told to reach nothing but 127.0.0.1."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM if CHROMIUM.is_file() else shutil.which("chromium"))
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--hide-scrollbars",
                     f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver_path = CHROMEDRIVER if CHROMEDRIVER.is_file() else Path(shutil.which("chromedriver") or "")
    return webdriver.Chrome(service=Service(str(driver_path)), options=options)


class Phone:
    """One board member's phone: a Chromium window of its own."""

    def __init__(self, folder: Path, width: int = 360, height: int = 740) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.driver = start_phone(folder, max(width, 500), height)
        # A window is at least 500 pixels wide: the page is shown as a phone's screen of this size.
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})

    def wait(self, condition):
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        def looking(driver):
            try:
                return condition(driver)
            except WebDriverException as error:
                # While the page is being replaced (a form sent, say), chromedriver can say a node
                # found a moment ago "does not belong to the document" rather than calling it stale.
                if "does not belong to the document" not in str(error):
                    raise
                return False

        # The page redraws its panel when the room changes: an element found a moment ago may be gone.
        return WebDriverWait(self.driver, WAIT, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException,)).until(looking)

    def wait_for_text(self, selector: str, text: str):
        from selenium.webdriver.common.by import By

        def shown(driver):
            found = [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if text in e.text]
            return found[0] if found else False

        return self.wait(shown)

    def join(self, address: str, code: str, name: str | None, show: bool) -> None:
        from selenium.webdriver.common.by import By

        self.driver.get(address)
        self.wait_for_text("h1", "Join the room")
        self.driver.find_element(By.ID, "code").send_keys(f"{code[:3]} {code[3:]}")
        if name:
            self.driver.find_element(By.ID, "name").send_keys(name)
        if show:
            self.driver.find_element(By.CSS_SELECTOR, 'label[for="show-yes"]').click()
        self.driver.find_element(By.CSS_SELECTOR, "form.join button").click()
        self.wait_for_text("h1", "You are in the room")

    def wait_for_question(self, text: str) -> None:
        self.wait_for_text("#question-text", text)

    def vote(self, answer: str, note: str = "", change: bool = False) -> None:
        from selenium.webdriver.common.by import By

        label = self.driver.find_element(By.CSS_SELECTOR, f'label[for="answer-{answer}"]')
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
        label.click()
        if note or change:
            box = self.driver.find_element(By.ID, "note")
            box.clear()
            box.send_keys(note)
        from selenium.webdriver.support.expected_conditions import staleness_of

        panel = self.driver.find_element(By.ID, "panel")
        button = self.driver.find_element(By.CSS_SELECTOR, "form.vote button")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        self.wait(staleness_of(panel))  # the page is drawn again once the room has saved the vote

        def acknowledged(driver) -> bool:  # or the last vote revealed them all
            return any("Your vote is in" in e.text for e in driver.find_elements(By.ID, "mine")) or \
                any("The votes:" in e.text for e in driver.find_elements(By.TAG_NAME, "h2"))

        self.wait(acknowledged)

    def wait_for_reveal(self) -> str:
        return self.wait_for_text("h2", "The votes:").text

    def quit(self) -> None:
        self.driver.quit()


class HttpPhone:
    """A phone without a browser (httpx): joins, votes, reads the page; keeps its cookie across
    sessions of the room (cookies go by host, not port, as in a browser)."""

    def __init__(self) -> None:
        import httpx

        self.client = httpx.Client(timeout=WAIT, follow_redirects=True)
        self.address, self.code = "", ""

    def at(self, address: str, code: str) -> HttpPhone:
        """At the room's join address, with the join code read off its screen."""
        self.address, self.code = address, code
        self.client.headers["Origin"] = address.rsplit("/", 1)[0]
        return self

    def join(self, name: str | None, show: bool = False) -> HttpPhone:
        assert self.join_status(name, show, self.code) == 200
        return self

    def join_status(self, name: str | None, show: bool = False, code: str | None = None) -> int:
        data = {"name": name or "", "show": "yes" if show else "no"} | ({"code": code} if code else {})
        return self.client.post(self.address + "/join", data=data).status_code

    def page(self) -> str:
        return self.client.get(self.address).text

    def vote(self, question: str, answer: str, note: str = "") -> int:
        response = self.client.post(self.address + "/vote", headers={"Accept": "application/json"},
                                    data={"question": question, "answer": answer, "note": note})
        return response.status_code
