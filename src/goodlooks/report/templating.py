"""The jinja2 environments every HTML or Markdown output is drawn with (reports, the HTML form).

Templates are package data in `goodlooks/templates/` (`_base.html` and `base.css` are the shared
page and style; the report's own templates sit in `templates/report/`). HTML escaping is on for
every template and every expression, so text from banks, notes and respondents cannot become
markup. Markdown has no escaping of its own in jinja2, so `markdown_environment()` runs every
expression through `goodlooks.report.escaping.markdown_text` unless it is already marked
`MarkdownSafe`.

jinja2 is imported here, and this module is imported only inside the commands that draw
something, so `goodlooks --help` does not pay for it.
"""

from __future__ import annotations

from typing import Any

import jinja2

from goodlooks.report.escaping import MarkdownSafe, markdown_cell, markdown_text


def environment() -> jinja2.Environment:
    """The HTML environment: autoescaping always on, templates from the goodlooks package."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("goodlooks", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
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
    env.filters["cell"] = lambda value: MarkdownSafe(markdown_cell(str(value)))
    env.filters["raw"] = lambda value: MarkdownSafe(str(value))
    return env
