"""Combining trusts no single file's copy of the bank: every file's copy is compared, by content.

Each results file carries the bank it was answered on, and combining scores everyone with one
copy. Two files may name the same bank id and version and still carry different banks: a bank
edited without a new version, or a file edited by hand (its option scores reversed, its id,
version and sha256 left as they were). So every file's copy is compared with the first one's:

- the same content: combined as usual (copies read before are the same object, so the
  comparison costs nothing for a folder of files from one bank);
- different only in wording (titles, texts, labels, help, advice): combined, with a notice
  naming the files whose wording is not the one shown;
- different in anything that scores or places an answer (scores, weights, levels, options,
  questions, scoring): refused, naming the files on each side and the first differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic_core import to_json

from goodlooks.bank.changes import Change, compare_banks
from goodlooks.base.errors import ResultsError
from goodlooks.results import store
from goodlooks.results.model import Results

SHOWN = 3
"""Differences named in a refusal (the rest are counted)."""
_WORDING = {"title", "description", "source", "text", "help", "evidence", "label", "recommendation"}
"""Fields whose change alters what people read, never how an answer is scored or placed."""


def wording_only(change: Change) -> bool:
    """Whether a difference between two copies changes words only (answers score the same)."""
    if change.kind == "recommendation":  # advice added, removed or rewritten
        return True
    if change.kind == "bank":
        return change.field in ("title", "description", "source")
    return change.change in ("reworded", "relabelled", "changed") and change.field in _WORDING


@dataclass
class _Copy:
    definition: dict[str, Any]
    content: bytes | None
    first_file: Path
    files: list[Path] = field(default_factory=list)


class BankCopies:
    """The distinct copies of one bank id and version met while combining, and their files."""

    def __init__(self) -> None:
        self._copies: list[_Copy] = []
        self._by_object: dict[int, _Copy] = {}

    def add(self, results: Results, path: Path) -> None:
        """Note `path`'s copy (compared by content with those seen before)."""
        definition = results.bank.definition
        known = self._by_object.get(id(definition))
        if known is not None and known.definition is definition:
            known.files.append(path)
            return
        content = _content(definition)
        copy = next((c for c in self._copies if c.content is not None and c.content == content), None)
        if copy is None:  # kept: its definition stays alive, so its id is never another's
            copy = _Copy(definition, content, path)
            self._copies.append(copy)
            self._by_object[id(definition)] = copy
        copy.files.append(path)

    def check(self, first: Results, first_path: Path) -> list[str]:
        """Refuse (exit 4) copies that differ from the first file's in more than wording; the
        notices to give for those that differ only in wording."""
        if len(self._copies) < 2:
            return []
        base = self._copies[0]
        bank = store.carried_bank(first, first_path)
        notices = []
        for other in self._copies[1:]:
            other_results = first.model_copy(update={"bank": first.bank.model_copy(
                update={"definition": other.definition})})
            changes = list(compare_banks(bank, store.carried_bank(other_results, other.first_file)).changes)
            scoring = [change for change in changes if not wording_only(change)]
            if scoring:
                raise ResultsError(_refusal(base, other, scoring, first))
            notices.append(f"{_files(other.files)} carr{'y' if len(other.files) > 1 else 'ies'} bank "
                           f"'{first.bank.id}' version {first.bank.version} with other wording "
                           f"({_listed(changes) or 'in details such as tag family titles'}); the answers "
                           f"score the same, and the wording of {base.first_file} is shown")
        return notices


def _content(definition: dict[str, Any]) -> bytes | None:
    try:
        return to_json(definition, inf_nan_mode="constants")
    except ValueError:
        return None


def _files(paths: list[Path]) -> str:
    shown = ", ".join(str(path) for path in paths[:SHOWN])
    return shown + (f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else "")


def _listed(changes: list[Change]) -> str:
    said = "; ".join(change.describe(40) for change in changes[:SHOWN])
    return said + (f"; and {len(changes) - SHOWN} more" if len(changes) > SHOWN else "")


def _refusal(base: _Copy, other: _Copy, changes: list[Change], first: Results) -> str:
    differences = _listed(changes)
    return (f"these files carry different copies of bank '{first.bank.id}' version {first.bank.version}, "
            f"which would score the same answers differently: {_files(base.files)} on one side; "
            f"{_files(other.files)} on the other ({differences}). A bank was changed without a new "
            "version, or a file was edited; combine files answered on one copy of the bank "
            "(goodlooks diff FILE1 FILE2 shows every difference)")
