"""A read YAML document as a bank: validating it (a bank file, a resolved overlay, or a bank copy
carried in a results file), what an overlay resolved to, and where the built-in banks are.

Both the loader and overlays use these, so neither needs the other's module for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from goodlooks.bank.located import ResolvedDocument
from goodlooks.bank.messages import problems_from
from goodlooks.bank.model import Bank
from goodlooks.bank.rules import relational_problems
from goodlooks.base.errors import BankError
from goodlooks.base.yaml_source import Problem, YamlDocument


@dataclass(frozen=True)
class BaseBank:
    """A bank an overlay was resolved onto, as it was read."""

    id: str
    version: str
    sha256: str
    path: Path
    builtin: bool


@dataclass
class Resolution:
    """An overlay resolved onto its bases: the bank's data and where every part came from."""

    bank: Bank
    document: ResolvedDocument
    bases: list[BaseBank]
    """The bank it extends first, then the one that extends, and so on."""
    written_for: str | None
    """The base version the overlay says it was written against, if it says."""
    marks: dict[tuple[str, str], str] = field(default_factory=dict)
    """("question", id) -> "added" or "changed", for each part the overlay touched."""
    removed: list[tuple[str, str]] = field(default_factory=list)


def builtin_dir() -> Path:
    """The folder of built-in banks (the top-level questions/ folder, shipped in the package)."""
    installed = Path(__file__).resolve().parents[1] / "questions"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "questions"  # an editable install: the source tree


def builtin_banks() -> dict[str, Path]:
    return {path.stem: path for path in sorted(builtin_dir().glob("*.yaml"))}


def empty_file_problem(name: str) -> Problem:
    return Problem(1, 1, "the file is empty; a bank needs at least id, title, version and dimensions "
                         "(`goodlooks init FILE` writes a starter bank)", name)


def bank_from_document(doc: YamlDocument, problems: list[Problem] | None = None) -> Bank:
    """Validate read data as a bank (also a bank copy carried in a results file)."""
    problems = list(problems or [])
    if not isinstance(doc.data, dict):
        raise BankError([doc.problem((), "the top level must be a mapping of keys (id, title, "
                                         "version, dimensions ...), not a list or a single value")])
    bank = None
    try:
        bank = Bank.model_validate(doc.data)
    except ValidationError as error:
        problems += problems_from(error, doc, Bank)
    problems += relational_problems(doc)
    if problems or bank is None:
        raise BankError(sorted(set(problems)))
    return _resolve_scales(bank)


def _resolve_scales(bank: Bank) -> Bank:
    for question in bank.questions():
        if question.scale is not None:
            question.options = [option.model_copy() for option in bank.scales[question.scale]]
    return bank
