"""The jinja2 environments every HTML or Markdown output is drawn with (reports, the HTML form).

Templates are package data in `goodlooks/templates/` (`_base.html` and `base.css` are the shared
page and style; the report's own templates sit in `templates/report/`, the form's in
`templates/form/`). HTML escaping is on for
every template and every expression, so text from banks, notes and respondents cannot become
markup. Markdown has no escaping of its own in jinja2, so `markdown_environment()` runs every
expression through `goodlooks.report.escaping.markdown_text` unless it is already marked
`MarkdownSafe`.

jinja2 is imported here, and this module is imported only inside the commands that draw
something, so `goodlooks --help` does not pay for it.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2
import markupsafe

from goodlooks.base.numbers import board_change, board_score, number, plural
from goodlooks.base.safe_text import terminal_text
from goodlooks.report.escaping import MarkdownSafe, markdown_cell, markdown_text
from goodlooks.report.story import count_words


def _date(value: Any) -> str:
    return "" if value is None else f"{value:%d %B %Y}".lstrip("0")


_FILTERS = {"score": board_score, "number": number, "signed": board_change, "date": _date, "plural": plural,
            "words": count_words}
"""Scores and changes to one decimal: everything drawn from a template is read by a board."""


def _add_filters(env: jinja2.Environment, wrap: Any = str) -> None:
    """Number and date filters; in Markdown their output (made here, not from files) is kept as it is."""
    for name, function in _FILTERS.items():
        env.filters[name] = lambda *args, _f=function, **kwargs: wrap(_f(*args, **kwargs))


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> markupsafe.Markup:
    """JSON to put inside a <script> element: no `</script>`, `<!--` or `]]>` can end or bend it
    (every < > & is written as a \\u escape), and no U+2028/U+2029 line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for character, escape in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escape)
    return markupsafe.Markup(text)


def _html_finalize(value: Any) -> Any:
    """Text from files with its control characters (terminal escapes, bidi overrides) shown as
    visible escapes; autoescaping then makes it safe HTML. Markup made by templates passes as is."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return terminal_text(value)
    return value


def environment() -> jinja2.Environment:
    """The HTML environment: autoescaping always on, templates from the goodlooks package."""
    env = jinja2.Environment(
        finalize=_html_finalize,
        loader=jinja2.PackageLoader("goodlooks", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    _add_filters(env)
    env.filters["script_json"] = script_json
    return env


def _markdown_finalize(value: Any) -> Any:
    if isinstance(value, MarkdownSafe):
        return str(value)
    if value is None:
        return ""
    return markdown_text(str(value))


def markdown_environment() -> jinja2.Environment:
    """The Markdown environment: every `{{ expression }}` is Markdown-escaped on the way out."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("goodlooks", "templates"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=_markdown_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    _add_filters(env, MarkdownSafe)
    env.filters["cell"] = lambda value: MarkdownSafe(markdown_cell(str(value)))
    env.filters["raw"] = lambda value: MarkdownSafe(str(value))
    return env
