"""Reading finished assessments to set beside one another (`goodlooks peers`, `goodlooks trend`):
each results file with the copy of the bank it carries, cut to the questions it asked, and
scored by `goodlooks.scoring` as `goodlooks profile` scores it."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from goodlooks.bank.model import Bank
from goodlooks.results import store
from goodlooks.results.model import Results
from goodlooks.workshop.scope import scoped

_SCOPED_KEPT = 8
_scoped: OrderedDict[tuple[int, tuple[str, ...]], tuple[Bank, Bank]] = OrderedDict()
_options: OrderedDict[int, tuple[Bank, dict[str, set[str]]]] = OrderedDict()


@dataclass(frozen=True)
class Assessed:
    path: Path
    results: Results
    bank: Bank
    """The bank as asked: the file's copy, cut to its `--only` questions."""
    whole: Bank
    """The file's copy of the whole bank."""


def read_assessed(path: Path) -> Assessed:
    """A results file and its bank, both checked (exit 4 for a damaged file, a bank copy that is
    not valid, or answers that do not fit it)."""
    results = store.load_results(path)
    whole = store.carried_bank(results, path)
    if not _fits(results, _options_of(whole)):
        store.check_answers_fit(results, whole, path)  # raises, saying what does not fit
    return Assessed(path, results, _as_asked(whole, results.scope), whole)


def _options_of(bank: Bank) -> dict[str, set[str]]:
    """The bank's question ids -> their option keys, made once for each bank copy."""
    kept = _options.get(id(bank))
    if kept is not None and kept[0] is bank:
        return kept[1]
    options = {question.id: {option.key for option in question.choices} for question in bank.questions()}
    _options[id(bank)] = (bank, options)
    if len(_options) > _SCOPED_KEPT:
        _options.popitem(last=False)
    return options


def _fits(results: Results, options: dict[str, set[str]]) -> bool:
    """Whether every answer names a question and option of the bank: what
    `store.check_answers_fit` checks, at a dictionary lookup an answer."""
    for question_id, answer in results.answers.items():
        keys = options.get(question_id)
        if keys is None or (answer.option is not None and answer.option not in keys):
            return False
    return True


def _as_asked(whole: Bank, scope: list[str]) -> Bank:
    """`scoped(whole, scope)`, made once for each bank copy and scope (files of one bank share
    one copy, see `store.carried_bank`)."""
    if not scope:
        return whole
    key = (id(whole), tuple(scope))
    kept = _scoped.get(key)
    if kept is not None and kept[0] is whole:
        _scoped.move_to_end(key)
        return kept[1]
    bank = scoped(whole, scope)
    _scoped[key] = (whole, bank)
    if len(_scoped) > _SCOPED_KEPT:
        _scoped.popitem(last=False)
    return bank


def listed(items: Sequence[str], most: int = 10) -> str:
    """`a`, `a and b`, `a, b and c`; past `most`, the first `most` and how many more."""
    if len(items) > most:
        return ", ".join(items[:most]) + f" and {len(items) - most:,} more"
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
