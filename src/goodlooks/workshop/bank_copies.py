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

import hashlib
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
    first_file: Path
    changes: list[Change] = field(default_factory=list)
    """How it differs from the first file's copy (in wording only, or it was refused)."""
    files: list[Path] = field(default_factory=list)


class BankCopies:
    """The distinct copies of one bank id and version met while combining, and their files.

    Each new copy is compared with the first file's as soon as it is met, and only the first
    copy is kept whole: of the others, a hash of their content and how they differ, so a folder
    of files each carrying its own large copy costs no more memory than one."""

    def __init__(self) -> None:
        self._first: tuple[Any, bytes | None, Path] | None = None
        self._copies: dict[bytes, _Copy] = {}
        self._first_files: list[Path] = []

    def add(self, results: Results, path: Path, first: Results, first_path: Path) -> None:
        """Note `path`'s copy; refuse (exit 4) one that would score answers differently from the
        copy of `first`, the first file combined."""
        definition = results.bank.definition
        if self._first is None:
            self._first = (first.bank.definition, _content(first.bank.definition), first_path)
        kept, content, _ = self._first
        if definition is kept or (content is not None and _content(definition) == content):
            self._first_files.append(path)
            return
        digest = hashlib.sha256(_content(definition) or repr(definition).encode()).digest()
        copy = self._copies.get(digest)
        if copy is None:
            bank, other = store.carried_bank(first, first_path), store.carried_bank(results, path)
            copy = self._copies[digest] = _Copy(path, list(compare_banks(bank, other).changes))
            scoring = [change for change in copy.changes if not wording_only(change)]
            if scoring:
                raise ResultsError(_refusal(self._first_files, path, scoring, first))
        copy.files.append(path)

    def notices(self, first: Results) -> list[str]:
        """What to say of the copies that differ from the first file's only in wording."""
        assert self._first is not None or not self._copies
        return [f"{_files(copy.files)} carr{'y' if len(copy.files) > 1 else 'ies'} bank '{first.bank.id}' "
                f"version {first.bank.version} with other wording "
                f"({_listed(copy.changes) or 'in details such as tag family titles'}); the answers score the "
                f"same, and the wording of {self._first[2] if self._first else ''} is shown"
                for copy in self._copies.values()]


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


def _refusal(first_files: list[Path], other: Path, changes: list[Change], first: Results) -> str:
    differences = _listed(changes)
    return (f"these files carry different copies of bank '{first.bank.id}' version {first.bank.version}, "
            f"which would score the same answers differently: {_files(first_files)} on one side; "
            f"{other} on the other ({differences}). A bank was changed without a new "
            "version, or a file was edited; combine files answered on one copy of the bank "
            "(goodlooks diff FILE1 FILE2 shows every difference)")
