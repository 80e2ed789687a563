"""`goodlooks list`: the results files in a folder (or, by default, here and one folder down),
with bank, respondent, kind, status and progress, and the files combine would count once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goodlooks.base.errors import GoodlooksError
from goodlooks.results import store
from goodlooks.results.model import Results
from goodlooks.workshop.duplicates import Duplicate, find_duplicates

MAX_FILES_SEARCHED = 5_000
"""Files looked at when searching here and one folder down, so a home folder cannot take minutes."""


@dataclass(frozen=True)
class Entry:
    path: Path
    results: Results | None
    problem: str | None = None
    """Why the file could not be read (None when it could)."""

    @property
    def progress(self) -> tuple[int, int]:
        """(answered, asked): questions with any answer, out of those in scope."""
        if self.results is None:
            return (0, 0)
        definition = self.results.bank.definition
        ids = [q.get("id") for d in definition.get("dimensions", []) for q in d.get("questions", [])]
        if self.results.scope:
            from goodlooks.workshop.scope import in_scope

            try:
                ids = sorted(in_scope(store.carried_bank(self.results, self.path), self.results.scope))
            except GoodlooksError:
                pass
        return (sum(1 for i in ids if i in self.results.answers), len(ids))


def list_results(folder: Path) -> list[Entry]:
    """Every *.json directly in `folder`, newest first; damaged files are listed with the reason."""
    entries = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            results = store.load_results(path)
            store.carried_bank(results, path)  # a damaged bank copy is listed as damaged
            entries.append(Entry(path, results))
        except GoodlooksError as error:
            entries.append(Entry(path, None, str(error).split(": ", 1)[-1]))
    entries.sort(key=lambda e: e.results.updated_at.timestamp() if e.results else 0.0, reverse=True)
    return entries


def search_places(root: Path | None = None) -> list[Path]:
    """Where results files are looked for when no folder is named: the current folder and each
    folder directly in it (not hidden ones), so `goodlooks-results/` and the `answers/` of the
    README's recipe alike."""
    here = root or Path(".")
    try:
        folders = sorted(p for p in here.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        folders = []
    return [here, *folders]


def find_results(root: Path | None = None) -> tuple[list[Entry], int]:
    """Every results file here and one folder down, newest first, and how many other *.json files
    were passed over (not results files, or damaged: `goodlooks list FOLDER` says why)."""
    entries, others, seen = [], 0, 0
    for folder in search_places(root):
        for path in sorted(folder.glob("*.json")):
            seen += 1
            if seen > MAX_FILES_SEARCHED:
                break
            try:
                entries.append(Entry(path, store.load_results(path)))
            except GoodlooksError:
                others += 1
    entries.sort(key=lambda e: e.results.updated_at.timestamp() if e.results else 0.0, reverse=True)
    return entries, others


def duplicates(entries: list[Entry]) -> list[Duplicate]:
    """The complete files of one person's answers that combine would count once (the earlier
    saves), bank by bank, in the order the files would be combined (by name)."""
    groups: dict[tuple[str, str], list[tuple[Path, Results]]] = {}
    for entry in sorted(entries, key=lambda e: str(e.path)):
        results = entry.results
        if results is not None and results.kind == "single" and results.status == "complete":
            groups.setdefault((results.bank.id, results.bank.version), []).append((entry.path, results))
    return [found for group in groups.values() for found in find_duplicates(group)]
