"""Telling goodlooks' three kinds of file apart, so that a file given to the wrong command gets
one line saying what it is and which command reads it, instead of a list of missing keys."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any, Literal

Kind = Literal["bank", "results", "answers"]

_YAML_KEY = re.compile(rb"^(dimensions|answers|schema_version)\s*:", re.MULTILINE)


def kind_of_data(data: Any) -> Kind | None:
    """What read data (a parsed file) looks like, or None."""
    if not isinstance(data, dict):
        return None
    if {"schema_version", "bank", "answers"} <= data.keys():
        return "results"
    if "dimensions" in data and "answers" not in data:
        return "bank"
    if "answers" in data and data.keys() <= {"answers", "respondent", "bank", "only"} and \
            _form_bank_record(data.get("bank", {})):
        return "answers"
    return None


def _form_bank_record(value: Any) -> bool:
    """An answers file's `bank` (as `goodlooks form` writes it) names the bank; a results file's
    carries the whole bank."""
    return isinstance(value, dict) and value.keys() <= {"id", "version", "sha256"}


def kind_of_text(raw: bytes) -> Kind | None:
    """What a file that does not parse as the expected format looks like (a YAML bank or
    answers file given where JSON results are expected), from its top-level keys."""
    keys = {match.group(1) for match in _YAML_KEY.finditer(raw[:1_000_000])}
    if b"dimensions" in keys:
        return "bank"
    if b"answers" in keys and b"schema_version" not in keys:
        return "answers"
    return None


def wrong_kind(kind: Kind, path: Path | str, expected: str) -> str:
    """The message for a file of `kind` given where `expected` was wanted."""
    name = shlex.quote(str(path))
    uses = {
        "bank": (f"a question bank, not {expected}. To answer its questions: goodlooks assess --bank "
                 f"{name}; to see them: goodlooks questions --bank {name}"),
        "results": (f"a goodlooks results file, not {expected}. To see its profile: goodlooks profile "
                    f"{name}; to carry on with it: goodlooks assess --resume {name}"),
        "answers": (f"an answers file, not {expected}. To score it: goodlooks assess --answers {name} "
                    "(add --bank BANK for a bank other than the built-in one)"),
    }
    return f"this is {uses[kind]}"
