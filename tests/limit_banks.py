"""A bank with every text at its limit, for the limits tests and the benchmark suite."""

from __future__ import annotations

from goodlooks.bank.model import LABEL_TEXT, LONG_TEXT, QUESTION_TEXT, SHORT_TEXT


def bank_at_every_limit(options: int = 30) -> str:
    word = lambda n: ("word " * n)[:n].strip() + "x"  # noqa: E731 - a tiny local helper
    opts = "\n".join(f"          - {{key: o{i}, label: \"{i:03d} {word(LABEL_TEXT - 5)}\", score: {i}, "
                     f"recommendation: \"{word(LONG_TEXT - 1)}\"}}" for i in range(options))
    return f"""\
id: limits
title: "{word(SHORT_TEXT - 1)}"
version: "{word(SHORT_TEXT - 1)}"
description: "{word(LONG_TEXT - 1)}"
source: "{word(LONG_TEXT - 1)}"
levels:
  - {{name: "{word(SHORT_TEXT - 1)}", min: 0, description: "{word(LONG_TEXT - 1)}"}}
dimensions:
  - id: d
    title: "{word(SHORT_TEXT - 1)}"
    description: "{word(LONG_TEXT - 1)}"
    recommendations:
      "{word(SHORT_TEXT - 1)}": "{word(LONG_TEXT - 1)}"
    questions:
      - id: q
        text: "{word(QUESTION_TEXT - 1)}"
        help: "{word(LONG_TEXT - 1)}"
        options:
{opts}
"""
