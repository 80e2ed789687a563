"""What a person sees on a terminal of a given size, not just what was written to it: goodlooks
runs in a real pseudo-terminal (pexpect) and its output goes through a terminal emulator (pyte),
so a test can ask what is on the 24 lines of the screen right now. Waiting is for text to appear
(never for a time), so a loaded machine only makes a test slower."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pexpect
import pyte

from conftest import subprocess_env

PAGE = re.compile(r"Enter for more \(page (\d+) of (\d+)\)")


class ScreenSession:
    def __init__(self, cwd: Path, *args: str, rows: int = 24, columns: int = 80) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(sys.executable, ["-m", "goodlooks", *args], cwd=str(cwd), dimensions=(rows, columns),
                                   env=subprocess_env(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1"), timeout=30)
        self.child.delaybeforesend = None

    def _read(self, wait: float) -> bool:
        try:
            chunk = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return False
        except pexpect.EOF:
            return False
        self.stream.feed(chunk)
        return True

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait_for(self, *texts: str, timeout: float = 60) -> str:
        """Read until one of `texts` is on the screen (then read what follows it at once too);
        the one found. Fails, showing the screen, if none is there within `timeout` seconds."""
        end = time.monotonic() + timeout
        while True:
            found = next((text for text in texts if text in self.text()), None)
            if found is not None:
                while self._read(0.05):  # the rest of this screen, already on its way
                    pass
                if found in self.text():
                    return found
                continue
            if time.monotonic() > end or (not self.child.isalive() and not self._read(0.1)):
                raise AssertionError(f"none of {texts!r} on the screen:\n{self.text()}")
            self._read(0.2)

    def wait_until_gone(self, text: str, timeout: float = 60) -> None:
        """Read until `text` is no longer on the screen (the screen moved on)."""
        end = time.monotonic() + timeout
        while text in self.text():
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} is still on the screen:\n{self.text()}")
            self._read(0.2)

    def next_page(self, *after_the_last: str) -> str:
        """Enter on the page whose "Enter for more (page k of n)" is on the screen; read until the
        next page's prompt (k+1 of n) is there, or one of `after_the_last` once that was page n-1
        (the one found). Never until this prompt has gone: it goes for a moment each time
        prompt_toolkit redraws it, and an Enter sent then reaches the page after this one."""
        at, of = map(int, PAGE.search(self.text()).groups())
        self.send("\r")
        return self.wait_for(f"Enter for more (page {at + 1} of {of})" if at + 1 < of else after_the_last[0],
                             *(after_the_last if at + 1 == of else ()))

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> int:
        while self._read(0.2) or self.child.isalive():
            pass
        self.child.close()
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
