"""Escaping for text from files on its way into Markdown and CSV (HTML is jinja2's own).

Every string from a bank, a results file or a command-line option is untrusted. In Markdown it
could open a link, an image that fetches from the network, raw HTML (Git hosts render some of
it), a heading or a table cell (a bare web address may still be shown as a link, which is
harmless text); in a spreadsheet a cell starting with `=` runs a formula. Control
characters (terminal escapes, bidi overrides) are shown as visible escapes in every format.
"""

from __future__ import annotations

import re
import unicodedata

from goodlooks.base.safe_text import terminal_text

# Characters that open or close markup anywhere in a line (emphasis, code, links, raw HTML,
# entities, table cells, strikethrough, GitHub's maths); CommonMark lets any be backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
# What starts a block at the beginning of a line: a heading, list item, quote or rule.
_LINE_START = re.compile(r"^(\d+(?=[.)](\s|$))|[#+=-](?=[#+=\-\s]|$))")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_INVISIBLE = "Cf"
"""Unicode format characters (a byte-order mark, zero-width spaces and joiners, soft hyphens,
bidi marks): invisible, so a cell starting with them looks like it starts with what follows."""


class MarkdownSafe(str):
    """Text already in Markdown form, written out as it is by the Markdown environment."""


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: markup characters backslash-escaped, lines joined, controls
    made visible."""
    one_line = " ".join(terminal_text(text).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    start = _LINE_START.match(escaped)
    if start:
        lead = start.group(1)
        escaped = lead + "\\" + escaped[len(lead):] if lead[0].isdigit() else "\\" + escaped
    return escaped


def markdown_cell(text: str) -> str:
    """`text` escaped for a Markdown table cell (as `markdown_text`; pipes are escaped there)."""
    return markdown_text(text)


def csv_cell(value: object) -> object:
    """A value made safe for a spreadsheet cell: text that starts like a formula gets a leading
    apostrophe, controls are made visible. Numbers and None pass through."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    text = str(value)
    if looks_like_formula(text):
        text = "'" + text
    return terminal_text(text)


def looks_like_formula(text: str) -> bool:
    """Whether a cell could start a formula in some spreadsheet: its first character, after any
    invisible ones, is `= + - @`, tab or a line break, or a form of them (fullwidth `＝`, small
    `﹦`, ...) that compatibility normalisation (NFKC), as an input method does, turns into one.
    A visible space in front keeps a cell text (LibreOffice 7.4 reads ` =1` as text)."""
    start = next((c for c in text if unicodedata.category(c) != _INVISIBLE), "")
    return bool(start) and (start in _FORMULA_START or unicodedata.normalize("NFKC", start)[:1] in _FORMULA_START)
