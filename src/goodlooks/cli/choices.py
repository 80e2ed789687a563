"""The fixed choices options take, as Enums: Typer checks them and names the choices in its
message, and help lists them (`choices_metavar`)."""

from __future__ import annotations

from enum import Enum


class OutputFormat(str, Enum):
    """What a command that reads or reports writes on standard output."""

    text = "text"
    json = "json"


class QuestionOrder(str, Enum):
    """The order of questions when agreeing answers over a combined file."""

    disagreement = "disagreement"
    bank = "bank"


class SchemaKind(str, Enum):
    """The files whose JSON Schema `goodlooks schema` prints."""

    bank = "bank"
    results = "results"
    answers = "answers"


def choices_metavar(choices: type[Enum]) -> str:
    """`text|json`: the choices as help shows them."""
    return "|".join(str(member.value) for member in choices)
