"""A jinja2 environment for the form's template, with autoescaping always on.

A small stand-in for the reports' shared `environment()` factory (issue 7): when that lands, the
form can use it instead; nothing else here depends on which one makes the environment."""

from __future__ import annotations

import json
from typing import Any

import jinja2
from markupsafe import Markup


def environment() -> jinja2.Environment:
    """Templates from this package's templates/ folder; every `{{ value }}` is HTML-escaped."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("goodlooks.form", "templates"),
        autoescape=True,  # for every template, whatever its name ends with
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = script_json
    return env


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> Markup:
    """JSON to put inside a <script> element: no `</script>`, `<!--` or `]]>` can end or bend it
    (every < > & is written as a \\u escape), and no U+2028/U+2029 line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for character, escape in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escape)
    return Markup(text)
