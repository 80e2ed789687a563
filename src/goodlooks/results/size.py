"""Whatever goodlooks writes, it reads back: results files stay within the size it reads.

A results file is read only up to `MAX_RESULTS_BYTES` (64 MB). Its size is the copy of the bank
(which a terse bank, or one whose questions share a long scale, can make many times the bank
file's size), the answers with their question texts and labels, and the notes (each at most
`NOTE_TEXT` characters). So:

- an interview (or a vote, a consensus, an answers file) starts only when its file, with every
  question answered, fits with room to spare (`check_room`): a bank too large for that is
  refused before the first question, and nothing is lost;
- every save is measured before it is written (`check_size`): a save that would go over is
  refused, and the file keeps its last good version (only a note could do it, and only when a
  bank is near the limit).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic_core import to_json

from goodlooks.bank.model import Bank
from goodlooks.base.errors import BankError, ResultsError
from goodlooks.base.files import too_large
from goodlooks.base.yaml_source import Problem
from goodlooks.results.model import Results
from goodlooks.results.reading import MAX_RESULTS_BYTES

ANSWER_OVERHEAD = 400
"""Bytes an answer takes in the file besides its texts (keys, status, score, time, indentation)."""
SPARE = 0.9
"""An interview starts only if its file, every question answered without notes, stays under
this share of the limit: the rest is room for notes."""


class TooLarge(ResultsError):
    """A save that would make a results file goodlooks could not read back."""


def size_of(chunks: Sequence[bytes]) -> int:
    return sum(len(chunk) for chunk in chunks)


def check_size(chunks: Sequence[bytes], path: Path) -> None:
    """Refuse (`TooLarge`, exit 4) to write a results file over the limit it is read with."""
    size = size_of(chunks)
    if size > MAX_RESULTS_BYTES:
        raise TooLarge(f"{path}: not saved: {too_large(size, MAX_RESULTS_BYTES).replace('the file is', 'it would be')}"
                       " that goodlooks reads back, so the file keeps its last saved version. Shorten the "
                       "longest notes (each is at most 4,000 characters), or ask fewer questions (--only)")


def _answer_bound(bank: Bank, question_id: str) -> int:
    """At most how many bytes the answer to one question adds, without its note."""
    question = bank.question(question_id)
    assert question is not None
    label = max((len(to_json(option.label)) for option in question.choices), default=0)
    key = max((len(option.key) for option in question.choices), default=0)
    counts = sum(len(option.key) + 32 for option in question.choices) + 100  # a vote's distribution
    return len(to_json(question.text)) + label + 2 * len(question_id) + key + counts + ANSWER_OVERHEAD


def check_room(size: int, results: Results, bank: Bank, source: str) -> None:
    """Refuse (exit 3, naming `source`: the bank or the file it came from) to start answering
    `bank` when its results file, now `size` bytes, could not hold every answer and still be
    read back."""
    missing = [q.id for q in bank.questions() if q.id not in results.answers]
    full = size + sum(_answer_bound(bank, question_id) for question_id in missing)
    if full > MAX_RESULTS_BYTES * SPARE:
        raise BankError([Problem(1, 1, f"this bank is too large to answer: its results file would be "
                                       f"{too_large(full, int(MAX_RESULTS_BYTES * SPARE)).removeprefix('the file is ')}"
                                       f" that leaves room for notes, and goodlooks reads back no results file "
                                       f"over {MAX_RESULTS_BYTES // 1_000_000} MB; split it into smaller banks, "
                                       "or ask part of it (--only)", source)])
