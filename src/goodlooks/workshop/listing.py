"""`goodlooks list`: the results files in a folder, with bank, respondent, kind, status and progress."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goodlooks.base.errors import GoodlooksError
from goodlooks.results import store
from goodlooks.results.model import Results


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
