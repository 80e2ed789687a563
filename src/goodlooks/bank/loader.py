"""Finding and loading question banks: built-in ones by id, others by path."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from goodlooks.bank.documents import BaseBank, Resolution, bank_from_document, builtin_banks, empty_file_problem
from goodlooks.bank.model import Bank
from goodlooks.bank.rules import evidence_warnings
from goodlooks.base.errors import BankError, UsageError
from goodlooks.base.file_kinds import kind_of_data, wrong_kind
from goodlooks.base.files import STANDARD_INPUT, read_limited
from goodlooks.base.paths import check_name
from goodlooks.base.yaml_source import MAX_BYTES, Problem, read_yaml

DEFAULT_BANK = "what-good-looks-like"


@dataclass(frozen=True)
class LoadedBank:
    """A valid bank and the file it came from (for an overlay: the overlay's file, and its bases)."""

    bank: Bank
    path: Path
    sha256: str
    builtin: bool
    resolution: Resolution | None = None
    """How an overlay bank was resolved: its bases and what it added, changed and removed."""
    warnings: tuple[Problem, ...] = ()
    """What is allowed but worth fixing, such as questions without evidence."""

    @property
    def bases(self) -> list[BaseBank]:
        return self.resolution.bases if self.resolution else []


def find_bank(ref: str | None) -> tuple[Path, bool]:
    """The file a BANK argument means (a path, or a built-in bank's id) and whether it is built in."""
    builtins = builtin_banks()
    if ref is None:
        ref = DEFAULT_BANK
    if ref not in builtins:
        check_name(ref)  # a name no file can have: one clear message, not the system's error
    path = Path(ref)
    if ref == STANDARD_INPUT:
        return path, False
    if path.is_file() or (path.exists() and not path.is_dir()):  # special files are refused on reading
        return path, False
    if ref in builtins:
        return builtins[ref], True
    if path.exists():
        raise UsageError(f"{ref} is not a file; give a bank's YAML file or a built-in bank's id")
    raise UsageError(f"no bank file or built-in bank named '{ref}'; built-in banks: "
                     f"{', '.join(builtins) or 'none'}")


def parse_bank(raw: bytes, name: str) -> Bank:
    """Validate a bank file's bytes (an overlay is resolved first); raise `BankError` with every problem."""
    return _parse(raw, name)[0]


def _parse(raw: bytes, name: str) -> tuple[Bank, Resolution | None, list[Problem]]:
    """A valid bank, how it was resolved (overlays), and warnings (allowed, but worth fixing)."""
    doc, problems = read_yaml(raw, name)
    if doc is None:
        raise BankError(problems)
    if doc.data is None:
        raise BankError([empty_file_problem(name)])
    kind = kind_of_data(doc.data)
    if kind in ("results", "answers"):
        raise BankError([Problem(1, 1, wrong_kind(kind, name, "a question bank"), name)])
    if isinstance(doc.data, dict) and "extends" in doc.data:  # an overlay (overlay.is_overlay), and
        from goodlooks.bank.overlay import resolve  # only then its modules (8 ms at start-up)

        resolution = resolve(doc, problems)
        return resolution.bank, resolution, []
    return bank_from_document(doc, problems), None, evidence_warnings(doc)


def read_bank_file(path: Path) -> bytes:
    """A bank file's bytes; its size and kind are checked before it is read (exit 3)."""
    return read_limited(path, MAX_BYTES, lambda problem: BankError([Problem(1, 1, problem, str(path))]),
                        "a question bank")


def load_bank(ref: str | None) -> LoadedBank:
    path, builtin = find_bank(ref)
    raw = read_bank_file(path)
    bank, resolution, warnings = _parse(raw, str(path))
    return LoadedBank(bank, path, hashlib.sha256(raw).hexdigest(), builtin, resolution, tuple(warnings))
