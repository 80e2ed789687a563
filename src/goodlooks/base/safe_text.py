"""The one place where text from files, options and names is made safe to show in a terminal.

Bank texts, respondent names, notes, ids and paths are untrusted: a results file mailed to
someone can carry escape sequences that retitle their window, move the cursor, hide text or
reorder it (bidirectional overrides). Files keep their text exactly as typed; only what reaches
a terminal is changed, here, at the output boundary:

- `terminal_text(s)` shows every control character as a visible escape (`\\x1b`, `\\x9b`,
  `\\u202e`), keeping only newlines and tabs. The prompts call it on the strings they show.
- `SafeConsole` (in `goodlooks.render.console`, as it needs rich) is the rich `Console` every
  command prints with; it applies `terminal_text` to every piece of text it renders (through a
  render hook, before rich adds its own styling codes), so no renderer needs to remember to.
  The interview's own words, printed with prompt_toolkit (`goodlooks.interview.screen`) or as
  plain lines (`goodlooks.interview.plain`), go through `terminal_text` the same way.
- `safe_json(data)` is JSON whose strings carry the same characters as `\\u` escapes, and
  `safe_json_text(text)` makes JSON already written safe the same way.

Half a character (a lone surrogate, as Python gives for a file name that is not UTF-8, or a
`\\ud800` escape in a JSON file) is shown as its escape too: no terminal can show it, and
writing it would fail.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidirectional
# embeddings, overrides and isolates (the "Trojan Source" characters) plus the Arabic letter mark;
# and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """`text` with every character that could steer a terminal shown as a visible escape."""
    return _UNSAFE.sub(_visible, text)


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character that `terminal_text` would escape."""
    return _UNSAFE.search(text) is not None


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe_json(data: Any, *, indent: int | None = 2) -> str:
    """JSON that keeps readable non-ASCII text (é, “) but writes every control and bidi
    character as a `\\u` escape, so printing it to a terminal is safe. The characters can only
    occur inside JSON strings, where a `\\u` escape means the same character."""
    return safe_json_text(json.dumps(data, indent=indent, ensure_ascii=False))


def safe_json_text(text: str) -> str:
    """JSON text (as `json.dumps` or pydantic wrote it) with the characters `safe_json` escapes
    written as `\\u` escapes: the same data, safe to print."""
    return _UNSAFE.sub(_json_escape, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` as it can be written to a UTF-8 file: half characters (lone surrogates, as from a
    file name that is not UTF-8) become the replacement character U+FFFD."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)
